"""`contractcalc status`: what needs attention across all my contracts, and what is at stake."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from contractcalc.cli.app import command, finish, warn
from contractcalc.cli.options import (
    TABLE,
    AsOfOpt,
    AssumeOpt,
    ContractsArg,
    ContractsOpt,
    FormatOpt,
    HolidaysOpt,
)
from contractcalc.cli.output.report import Column, Report
from contractcalc.cli.views.obligations import cite, display, iso, money, rate, standing_text
from contractcalc.i18n import _, ngettext

if TYPE_CHECKING:
    from contractcalc.core.events import Context
    from contractcalc.core.findings.attention import Item
    from contractcalc.core.model import Contract


class PartyChoice(str, Enum):
    buyer = "buyer"
    vendor = "vendor"


@command(help=_(
    "What needs attention across your contracts: overdue, due soon, done late, at stake.\n\n"
    "One list over every contract given, most urgent first: what is overdue (with the daily "
    "damages accrued on a late vendor obligation, per day, and the flat damages it may "
    "trigger), what falls due within --within working days, payments waiting for an invoice, "
    "what was done late, the staff ladder's standing, and each system's uptime budget where the "
    "contract names its outage log (outage_log:). Exit 1 when anything is overdue or a target "
    "is missed; 2 when a contract file could not be read (the others are still shown).\n\n"
    "Example: contractcalc status contracts/ --party vendor --within 5"))
def status(
    contracts: ContractsArg = None, contract: ContractsOpt = None,
    within: Annotated[int, typer.Option(
        "--within", min=0, help=_("Show what falls due within this many working days."))] = 10,
    party: Annotated[PartyChoice | None, typer.Option(
        "--party", show_default=False, help=_("Only what this party must do."))] = None,
    everything: Annotated[bool, typer.Option(
        "--all", help=_("Also what is done or lies further ahead."))] = False,
    as_of: AsOfOpt = None, holidays: HolidaysOpt = None, assume_weekends: AssumeOpt = False,
    fmt: FormatOpt = TABLE,
) -> None:
    """What needs attention across contracts (help text above, translated)."""
    from contractcalc.cli.inputs import contract_set
    from contractcalc.cli.options import resolve_as_of

    day = resolve_as_of(as_of)
    paths = contract_set(contracts, contract)
    rows: list[dict[str, Any]] = []
    failed: list[str] = []
    finding = False
    everything = everything or fmt.value == "junit"  # one test case per obligation, passed too
    one = functools.partial(_group, day=day, within=within, holidays=holidays,
                            assume_weekends=assume_weekends, everything=everything,
                            party=party.value if party else None)
    owed: list[Any] = []
    for path, found, flagged, problems, totals in _each(one, paths):
        for line in problems:
            warn(_("skipped: {problem}").format(problem=line))
        if problems:
            failed.append(str(path))
        rows += found
        finding = finding or flagged
        if totals is not None:
            owed.append(totals)
    rows.sort(key=lambda r: (r["rank"], r["sort"], r["contract"]))
    for row in rows:
        del row["rank"], row["sort"]
    report = _report(rows, day, len(paths) - len(failed), failed, within, finding)
    finish(_with_totals(report, owed, party.value if party else None), fmt)


def _with_totals(report: Report, owed: list[Any], party: str | None) -> Report:
    """Per contract and per party: what the buyer owes and has overdue, what the vendor owes in
    delay damages (capped); with several contracts, the sums per party too."""
    from contractcalc.cli.views.owed import total_notes, total_rows
    from contractcalc.core.totals import combine

    keep = [(number, {p: t for p, t in totals.items() if party in (None, p)}, price)
            for number, totals, price in owed]
    rows = [r for number, totals, _p in keep for r in total_rows(totals, number)]
    notes = [n for number, totals, price in keep for n in total_notes(totals, number, price)]
    every = combine(totals for _n, totals, _p in keep)
    if len(keep) > 1:
        notes += total_notes(every, None)
    return report._replace(meta={**report.meta, "totals": rows,
                                 "totals_by_party": total_rows(every, None)},
                           notes=[*report.notes, *notes])


Outcome = tuple[Path, list[dict[str, Any]], bool, list[str], Any]
"""A contract file's rows, whether they show a finding, why it could not be read, and its
totals (contract number, what each party owes: core/totals.py)."""
MIN_PER_WORKER = 64  # contracts worth a worker process (~1 ms each, against ~5 ms per worker)


def _each(one: Callable[[list[Path]], list[Outcome]], paths: list[Path]) -> list[Outcome]:
    """The outcome of every file, in order: a big office in slices over the CPUs
    (shell/runtime/workers.py), each slice by the same function."""
    from contractcalc.shell.runtime import workers

    count = max(1, min(workers.available(), len(paths) // MIN_PER_WORKER))
    if count > 1:
        from contractcalc.shell.runtime import snapshot

        snapshot.prepare()
    slices = [paths[len(paths) * k // count:len(paths) * (k + 1) // count] for k in range(count)]
    return [outcome for part in workers.run(one, slices) for outcome in part]


def _group(paths: list[Path], *, day: dt.date, within: int, holidays: Path | None,
           assume_weekends: bool, everything: bool, party: str | None) -> list[Outcome]:
    from contractcalc.core.errors import ContractCalcError
    from contractcalc.shell.contracts.contract_set import UNEXPECTED, unexpected

    outcomes: list[Outcome] = []
    for path in paths:
        try:
            found, flagged, totals = _one(path, day, within=within, holidays=holidays,
                                          assume_weekends=assume_weekends,
                                          everything=everything, party=party)
        except ContractCalcError as exc:  # one bad file must not hide the others
            outcomes.append((path, [], False, str(exc).splitlines(), None))
        except UNEXPECTED as exc:  # a bug met by one file: the others are still shown
            outcomes.append((path, [], False, [unexpected(path, exc)], None))
        else:
            outcomes.append((path, found, flagged, [], totals))
    return outcomes


def _one(path: Path, day: dt.date, *, within: int, holidays: Path | None,
         assume_weekends: bool, everything: bool,
         party: str | None) -> tuple[list[dict[str, Any]], bool, Any]:
    """The rows of one contract, whether it shows a finding, and its totals."""
    from contractcalc.cli.inputs import calendar_for
    from contractcalc.core.events import make_context, occurred
    from contractcalc.core.findings.attention import RANK, attention
    from contractcalc.core.staff import climb
    from contractcalc.core.timeline import timeline
    from contractcalc.shell.contracts.contract_file import load_contract

    terms = load_contract(path)
    ctx = make_context(terms, as_of=day,
                       calendar=calendar_for(terms, holidays, assume_weekends,
                                             show_overrides=False))
    evaluations = occurred(terms, day).evaluations
    ladder = (climb(evaluations, terms.staff_ladder)
              if evaluations and terms.staff_ladder is not None else None)
    from contractcalc.cli.views.uptime_periods import applies
    from contractcalc.core.totals import contract_totals

    periodic = bool(terms.outage_log) and applies(terms)
    found = None
    if periodic or (terms.fees is not None and terms.outage_log):
        from contractcalc.cli.withheld import from_log

        found = from_log(terms, path, day)
    held = {n: w.total for n, w in found[0].items()} if found else None
    every = obligations = timeline(ctx, held)
    totals = (terms.number, contract_totals(ctx, every, held), terms.total)
    items = attention(ctx, every, within=within, ladder=ladder, everything=everything)
    rows = []
    for item in items:
        o = item.obligation
        if party and o is not None and o.party != party:
            continue
        rows.append({"rank": RANK[item.urgency], "sort": _sort(item),
                     **_row(ctx, item, path)})
    flagged = any(item.finding for item in items)
    if terms.parties.vendor.sme and party != "vendor":
        flagged = _law(ctx, obligations, rows, path) or flagged
    if terms.outage_log and terms.uptime is not None and terms.systems and party != "buyer":
        # uptime and credits are the vendor's
        if periodic and found is not None:
            from contractcalc.cli.views.credits import credit_rows

            uptime_rows, missed = credit_rows(terms, path, day, found, everything)
        else:
            uptime_rows, missed = _uptime(terms, path, day, everything)
        rows += uptime_rows
        flagged = flagged or missed
    return rows, flagged, totals


def _law(ctx: Context, obligations: list[Any], rows: list[dict[str, Any]], path: Path) -> bool:
    """An SME contract (保障中小企业款项支付条例): an installment past its statutory latest day is
    overdue whatever the contract's own day says, paid late if paid after it, with the interest
    at stake (cli/views/law.py says it). True when there is any."""
    from contractcalc.cli.views.law import interest_text, restate
    from contractcalc.core.findings.attention import RANK, Item, Urgency
    from contractcalc.core.law.sme_payments import applicability, sme_lines
    from contractcalc.core.money.amounts import fen_str
    from contractcalc.shell.law import rule_pack

    pack = rule_pack()
    if applicability(ctx.contract, pack).reach != "applies":
        return False
    by_key = {r["key"]: r for r in rows}
    found = False
    for line in sme_lines(ctx, pack, obligations):
        i = line.interest
        if i is None:
            continue
        found = True
        urgency: Urgency = "overdue" if line.unpaid_overdue else "done_late"
        row = by_key.get(line.obligation.key)
        if row is None:
            row = {"rank": RANK[urgency], "sort": 0,
                   **_row(ctx, Item(urgency, line.obligation), path)}
            rows.append(row)
        restate(row, line, ctx, brief=True)
        if line.unpaid_overdue:
            row.update(urgency="overdue", rank=RANK["overdue"], sort=-i.days)
        sd, own = line.statutory, line.obligation.due
        if sd.due is not None and sd.binding == sd.due and (own is None or sd.due < own):
            row["state"] = _("{state}; statutory latest day {date} passed").format(
                state=row["state"], date=sd.due)
        row.update(at_stake=interest_text(i),
                   binding_due=sd.binding.isoformat() if sd.binding else None,
                   interest=fen_str(i.total))
    return found


def _sort(item: Item) -> Any:
    o = item.obligation
    if o is None:
        return 0
    if item.urgency == "overdue":
        return -(o.days_late or 0)
    return item.working_days_left if item.working_days_left is not None else 0


def _row(ctx: Context, item: Item, path: Path) -> dict[str, Any]:
    from contractcalc.cli.views.obligations import due_label as _due_label
    from contractcalc.cli.views.obligations import state_text, title

    c = ctx.contract
    o = item.obligation
    base = {"contract": c.number, "file": str(path), "urgency": item.urgency}
    if o is None:  # the staff ladder
        ladder = item.ladder
        assert ladder is not None
        sl = c.staff_ladder
        assert sl is not None
        standing = standing_text(ladder.standing, sl)
        return {**base, "key": "staff_ladder", "clause": sl.clause, "party": None,
                "title": _("Resident staff ladder"), "due": None, "due_label": None,
                "assumption": None, "status": ladder.standing,
                "state": ngettext("{count} send-back; {standing}",
                                  "{count} send-backs; {standing}",
                                  len(ladder.send_backs)).format(
                    count=len(ladder.send_backs),
                    standing=standing),
                "working_days_left": None, "days_late": None, "amount": None,
                "damages_to_date": None, "damages_per_day": None, "flat_damages": None,
                "flat_clause": None, "at_stake": standing}
    stake = _stake(c, item)
    return {**base, "key": o.key, "clause": o.clause, "party": o.party, "title": title(o, c),
            "due": iso(o.due or o.earliest), "due_label": _due_label(o), "status": o.status,
            "assumption": o.assumption,
            "state": state_text(o, ctx, brief=True),
            "working_days_left": item.working_days_left, "days_late": o.days_late,
            "amount": money(o.amount), "damages_to_date": money(o.damages),
            "damages_per_day": money(item.damages_per_day),
            "flat_damages": money(item.flat_damages),
            "flat_clause": c.damages.breach_clause if item.flat_damages else None,
            "at_stake": stake}


def _stake(c: Contract, item: Item) -> str | None:
    o = item.obligation
    assert o is not None
    if item.damages_per_day is not None and o.damages is not None:
        from contractcalc.core.damages.delay import item_figure

        fig = item_figure(c, kind=o.kind, amount=o.amount, days=o.days_late or 0)
        text = _("damages {amount} so far, {rate} a day").format(
            amount=display(o.damages), rate=rate(item.damages_per_day))
        if fig is not None and fig.capped:
            text = _("damages {amount} so far: the cap").format(amount=display(o.damages))
        if o.status == "done":
            text = _("damages {amount} ({days} days)").format(amount=display(o.damages),
                                                              days=o.days_late)
        if item.flat_damages is not None:
            text += _("; flat {amount} for breach may be claimed{cite}").format(
                amount=display(item.flat_damages), cite=cite(c.damages.breach_clause))
        if fig is not None and fig.may_terminate:
            text += _("; more than {days} days late: the buyer may terminate{cite}").format(
                days=fig.terminate_after, cite=cite(c.damages.delay_terms.clause
                                                    if c.damages.delay_terms else None))
        return text
    if o.subject_to_funds and o.status != "done" and o.amount is not None:
        return _("{amount} to pay, subject to funds{cite}").format(
            amount=display(o.amount), cite=cite(c.funds_clause))
    if o.amount is not None and o.party == "buyer" and o.status != "done":
        return _("{amount} to pay").format(amount=display(o.amount))
    if o.amount is not None:
        return display(o.amount)
    return None


def _uptime(terms: Contract, path: Path, day: dt.date,
            everything: bool) -> tuple[list[dict[str, Any]], bool]:
    """Each system's downtime budget from the contract's outage log, and the months that used
    it; a missed target or an SLA breach is a finding."""
    from contractcalc.core.service import service_period, service_year
    from contractcalc.core.uptime.availability import Period, monthly, system_uptime
    from contractcalc.shell.logs.outagelog import contract_log, read_log
    from contractcalc.shell.runtime.clock import instant_of_day

    assert terms.uptime is not None, "only for a contract with uptime terms"
    log = contract_log(path, terms.outage_log or "")
    *_unused, first, last = service_year(service_period(terms, as_of=day), day)
    period = Period(first, last)  # the target is a year's: judged per service year
    instant = instant_of_day(day)
    summary = read_log(str(log), contract=terms, period=period, measured_to=instant,
                       encoding=None, sheet=None, columns={}, skip_bad_rows=False,
                       pipes=False)
    rows, missed = [], bool(summary.breaches)
    for s in terms.systems:
        result = system_uptime(system=s.id, name=s.name, clause=s.clause, period=period,
                               downtime=summary.downtime[s.id], measured_to=instant,
                               target_percent=terms.uptime.target_percent)
        shown = result.shown()
        stop = period.measured_end(instant)
        months = [m for m in monthly(*summary.blocks[s.id], period.start, stop)
                  if m.downtime > dt.timedelta(0)]
        breaches = sum(1 for b in summary.breaches if b.system == s.id)
        failed = not result.passed or breaches > 0
        missed = missed or failed
        if not (failed or everything
                or result.remaining_hours <= result.allowed_downtime_hours / 2):
            continue  # over half the budget left: nothing to look at
        used = _(", ").join(f"{m.first:%Y-%m}" for m in months) or _("none")
        rows.append({
            "rank": 1 if failed else 2, "sort": result.remaining_hours,
            "contract": terms.number, "file": str(path),
            "urgency": "uptime_missed" if failed else "uptime", "key": f"uptime_{s.id}",
            "clause": terms.uptime.clause, "party": "vendor",
            "title": _("Uptime of {name}").format(name=s.name),
            "due": iso(period.last), "due_label": iso(period.last), "assumption": None,
            "status": "failed" if failed else "on_track",
            "state": ((_("uptime {uptime}% against {target}%").format(
                uptime=shown.uptime_percent, target=terms.uptime.target_percent)
                if shown.uptime_percent is not None else
                _("nothing measured yet: the service year starts {first}").format(
                    first=iso(period.first)))
                + (_("; {count} SLA breach(es)").format(count=breaches) if breaches else "")),
            "working_days_left": None, "days_late": None, "amount": None,
            "damages_to_date": None, "damages_per_day": None, "flat_damages": None,
            "flat_clause": None,
            "at_stake": _("budget left {left} h of {allowed} h (used in: {months})").format(
                left=shown.remaining_hours, allowed=shown.allowed_downtime_hours,
                months=used)})
    return rows, missed


def _report(rows: list[dict[str, Any]], day: dt.date, count: int, failed: list[str],
            within: int, finding: bool) -> Report:
    from contractcalc.i18n import code_label

    for row in rows:
        row["party_text"] = code_label(row["party"]) if row["party"] else None
    columns = (Column("contract", _("Contract"), "fixed", keep=2),
               Column("clause", _("Clause"), "fixed", keep=2),
               Column("party_text", _("Who"), "fixed"),
               Column("title", _("What"), keep=2), Column("due_label", _("Due"), "date", keep=2),
               Column("state", _("Status"), keep=2), Column("at_stake", _("At stake")))
    notes = [_("{count} contract(s) read; {items} item(s) need attention: overdue, due within "
               "{within} working days, waiting for an invoice, done late, standings").format(
                   count=count, items=len(rows), within=within)]
    if not rows:
        notes = [_("{count} contract(s) read; nothing needs attention as of {day}").format(
            count=count, day=day)]
    return Report("status", _("What needs attention — as of {day}").format(day=day), columns,
                  rows,
                  meta={"as_of": day.isoformat(), "contracts": count, "unreadable": failed},
                  notes=notes, finding=finding,
                  incomplete=[_("{name}: could not be read (see above)").format(name=name)
                              for name in failed])

