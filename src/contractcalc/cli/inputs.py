"""What a command works on: the contract (with --event overrides) and the working-day calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from contractcalc.cli.app import warn
from contractcalc.cli.options import parse_date_arg
from contractcalc.i18n import _

if TYPE_CHECKING:
    from contractcalc.core.calendar.workdays import WorkCalendar
    from contractcalc.core.model import Contract

def load(contract_path: Path | None, *, events: list[str] | None = None) -> Contract:
    """The contract to work on, with --event overrides applied."""
    from contractcalc.shell.contracts.contract_file import load_contract, resolve_contract_path

    path, source = resolve_contract_path(contract_path)
    if source == "builtin":
        from contractcalc.i18n import _

        warn(_("no contract given (-c, $CONTRACTCALC_CONTRACT or ./contract.yaml); "
               "using the built-in example contract No. 2025-036"))
    label = "<built-in example>" if source == "builtin" else str(path)
    contract = load_contract(path, label=label)
    return with_events(contract, events or [])


def with_events(contract: Contract, assignments: list[str]) -> Contract:
    """The contract with --event NAME=DATE applied: a date for any event the contract defines,
    or one more entry in a list (failed_acceptance=, breach=). Unknown names are refused with
    the closest names the contract defines."""
    if not assignments:
        return contract
    from contractcalc.core.errors import InputError
    from contractcalc.core.events import LISTS, defined_events, unknown_event_message

    known = defined_events(contract)
    dated = dict(contract.events.dated)
    lists: dict[str, tuple[dt.date, ...]] = {}
    for item in assignments:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep:
            raise InputError(_("expected NAME=DATE, got {value!r}").format(value=item),
                             field="--event")
        if name not in known and name not in LISTS:
            raise InputError(unknown_event_message(name, contract), field="--event")
        day = parse_date_arg(value, f"--event {name}")
        if name in LISTS:
            key = LISTS[name]
            lists[key] = (*lists.get(key, getattr(contract.events, key)), day)
        else:
            dated[name] = day
    if not assignments:
        return contract
    events = contract.events._replace(
        dated=dated, failed_acceptances=lists.get("failed_acceptances",
                                                  contract.events.failed_acceptances),
        breaches=lists.get("breaches", contract.events.breaches))
    return contract._replace(events=events)


def calendar_for(contract: Contract | None, holidays: Path | None,
                 assume_weekends: bool, *, show_overrides: bool = True) -> WorkCalendar:
    """Official schedules, then the contract's calendar: section, then --holidays FILE (or
    $CONTRACTCALC_HOLIDAYS); each supplied day that overrides an official one is warned about."""
    from contractcalc.shell.holidays.layers import build_calendar, holidays_path

    cal = build_calendar(contract.calendar if contract is not None else {},
                         holidays_path(holidays), assume_weekends=assume_weekends)
    if show_overrides:
        for override in cal.overrides:
            warn(_("holiday schedule override: {what}").format(what=override.message()))
    return cal


def check_holidays(contract: Contract, holidays: Path | None) -> None:
    """For commands that count no working days: still read a given schedule file, so a bad
    one is refused and its overrides named the same way everywhere."""
    from contractcalc.shell.holidays.layers import holidays_path

    if holidays_path(holidays) is not None:
        calendar_for(contract, holidays, False)


def lacks(contract: Contract, what: str, key: str, instead: str) -> NoReturn:
    """Refuse, in one line (exit 2), a command that needs a section this contract does not
    have, naming the section and the command that does apply."""
    from contractcalc.core.errors import InputError

    raise InputError(_("contract {number} has no {what} ({key}: in the file); {instead}").format(
        number=contract.number, what=what, key=key, instead=instead), field=key)


def contract_set(contracts: list[str] | None, contract: list[Path] | None) -> list[Path]:
    """The files of a command over several contracts: the arguments and every -c, expanded
    (directories, globs); none given, the one contract a single command would read, with a
    warning when that is the built-in example."""
    from contractcalc.shell.contracts.contract_file import resolve_contract_path
    from contractcalc.shell.contracts.contract_set import expand

    named = [*(contracts or []), *(str(p) for p in contract or [])]
    if named:
        return expand(named)
    path, source = resolve_contract_path(None)
    if source == "builtin":
        warn(_("no contract given (-c, $CONTRACTCALC_CONTRACT or ./contract.yaml); "
               "using the built-in example contract No. 2025-036"))
    return [path]
