"""The one place that reads the clock: the core takes `as_of` as an argument."""

from __future__ import annotations

import datetime as dt

from contractcalc.core.dates import beijing_tz


def today_in_beijing() -> dt.date:
    """Deadlines are Beijing dates: at 07:00 UTC on the 1st it is already the 1st in Beijing."""
    return dt.datetime.now(beijing_tz()).date()


def now_in_beijing() -> dt.datetime:
    """The current instant as a naive Beijing time, the form outage logs use."""
    return dt.datetime.now(beijing_tz()).replace(tzinfo=None)
