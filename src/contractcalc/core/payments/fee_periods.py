"""Fee periods and the names of their events: what `events:` may record for a contract with
fees (fee_N_evaluated, fee_N_paid or fee_N_P_paid), counted from the service period alone, so
that core/events.py can list them without the fee rules."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from contractcalc.core.model import Contract, Fees

MONTHS = {"month": 1, "quarter": 3}


def evaluated_event(n: int) -> str:
    """The event recording period n's evaluation (with its score)."""
    return f"fee_{n}_evaluated"


def paid_event(fees: Fees, n: int, part: int) -> str:
    """The event recording receipt of part `part` (1-based) of period n's fee."""
    return f"fee_{n}_paid" if len(fees.parts) == 1 else f"fee_{n}_{part}_paid"


def fee_periods(contract: Contract) -> list[tuple[dt.date, dt.date]]:
    """The fee periods: whole months or quarters from `from` (default: the term's start), as
    many as fit before the service period's end (2026-01-01 monthly in a term ending 2026-12-31:
    twelve periods, the last 2026-12-01..2026-12-31)."""
    from contractcalc.core.calendar.dates import add_months
    from contractcalc.core.service import service_period

    fees = contract.fees
    if fees is None:
        return []
    first = fees.first or contract.term.start
    last = service_period(contract, as_of=dt.date.max).last
    months = MONTHS[fees.every]
    out = []
    n = 0
    while (end := add_months(first, months * (n + 1)) - dt.timedelta(days=1)) <= last:
        out.append((add_months(first, months * n), end))
        n += 1
    return out


def fee_events(contract: Contract) -> dict[str, str]:
    """Every fee event name the contract defines, with a hint of what records it."""
    fees = contract.fees
    if fees is None:
        return {}
    names = {}
    for n in range(1, len(fee_periods(contract)) + 1):
        names[evaluated_event(n)] = f"fee period {n} evaluated (with --score)"
        for p in range(1, len(fees.parts) + 1):
            names[paid_event(fees, n, p)] = f"fee period {n}, part {p} received"
    return names
