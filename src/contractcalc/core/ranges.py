"""Supported ranges: the amounts and dates the tool computes with exactly and can write out.

Outside them it refuses (exit 2, naming the field or option) instead of failing midway.

- Amounts: 0.01 to 9,999,999,999,999,999.99 (10^16 − 0.01). The upper end is the largest amount
  大写 can write without 亿亿 (the PBOC rules name no unit above 亿, and 万亿 is the last group
  written in practice); every figure the tool derives from a total in range (shares, damages,
  bounds) stays well inside the 28 significant digits of Python's default decimal context.
- Dates: 1900-01-01 to 2199-12-31. No contract of the PRC government predates 1900, and two
  centuries ahead covers any term and chain of renewals; the margin of almost eight thousand years
  to Python's date limits (0001 to 9999) means no deadline counted from a date in range (terms,
  months of service, working days, a year back) can overflow.
"""

import datetime as dt
from decimal import Decimal

from contractcalc.i18n import _

AMOUNT_MIN = Decimal("0.01")
AMOUNT_MAX = Decimal(10) ** 16 - Decimal("0.01")
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2199, 12, 31)
MAX_DAYS = (DATE_MAX - DATE_MIN).days
"""The most days two supported dates can lie apart: the bound on a count of days late."""


def amount_problem(value: Decimal, *, minimum: Decimal = AMOUNT_MIN) -> str | None:
    """Why the amount is outside the supported range, or None when it is inside."""
    if not value.is_finite() or value > AMOUNT_MAX:
        return _("{value} is beyond the supported range (at most {limit})").format(
            value=value, limit=f"{AMOUNT_MAX:,}")
    if value < minimum:
        return _("{value} is below the supported range (at least {limit})").format(
            value=value, limit=minimum)
    return None


def date_problem(day: dt.date) -> str | None:
    """Why the date is outside the supported range, or None when it is inside."""
    if DATE_MIN <= day <= DATE_MAX:
        return None
    return _("{date} is outside the supported dates ({first} to {last})").format(
        date=day, first=DATE_MIN, last=DATE_MAX)


MAX_MONTHS = 12 * (DATE_MAX.year - DATE_MIN.year + 1)
"""The most months a trigger may count: the span of the supported dates (3,600)."""


def count_problem(months: int | None, days: int | None,
                  working_days: int | None) -> str | None:
    """Why a trigger's count reaches past the supported dates (`months: 100000` was accepted by
    check and ended `status` over a whole office with an internal error), or None."""
    for value, limit in ((months, MAX_MONTHS), (days, MAX_DAYS), (working_days, MAX_DAYS)):
        if value is not None and value > limit:
            return _("{value} is beyond the supported range (at most {limit}: the span of the "
                     "supported dates)").format(value=value, limit=f"{limit:,}")
    return None
