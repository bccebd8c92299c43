"""Reading dates the way users write them, on the Beijing calendar."""

from __future__ import annotations

import datetime as dt
import re

from contractcalc.i18n import _

BEIJING = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")  # no DST in China since 1991
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


def beijing_tz() -> dt.tzinfo:
    """Asia/Shanghai from the tz database when present; a fixed UTC+8 otherwise (same offsets)."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Shanghai")
    except Exception:
        return BEIJING


def parse_date(text: str) -> dt.date:
    """'2025-09-17', '2025/9/17', '2025.9.17', '2025年9月17日', or an ISO timestamp.

    A timestamp with an offset is converted to its Beijing date first; one without is taken
    as Beijing time already.
    """
    s = text.strip()
    if m := _DATE.fullmatch(s):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as exc:
            raise ValueError(_("{text!r} is not a date: {reason}").format(
                text=text, reason=exc)) from None
    try:
        stamp = dt.datetime.fromisoformat(s)
    except ValueError:
        raise ValueError(_("{text!r} is not a date (expected YYYY-MM-DD)").format(
            text=text)) from None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(beijing_tz())
    return stamp.date()


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months, clamped to the month's end (01-31 + 1 month = 02-28/29), as
    dateutil's relativedelta counts them; plain arithmetic, as it runs for every period of
    every contract `status` reads."""
    import calendar

    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
