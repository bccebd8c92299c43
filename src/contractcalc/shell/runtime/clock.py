"""The one place that reads the clock: the core takes `as_of` as an argument.

Now is read at the fixed UTC+8 offset: China has kept it without daylight saving since 1991, so
it equals Asia/Shanghai today, without loading the tz database on every start-up (zoneinfo is
still used where a past timestamp is converted, core/calendar/dates.py)."""

from __future__ import annotations

import datetime as dt

from contractcalc.core.calendar.dates import BEIJING


def today_in_beijing() -> dt.date:
    """Deadlines are Beijing dates: at 07:00 UTC on the 1st it is already the 1st in Beijing."""
    return dt.datetime.now(BEIJING).date()


def instant_of_day(day: dt.date) -> dt.datetime:
    """The instant a day stands for when counting an open outage: now, if it is today; else the
    end of that day (naive Beijing time)."""
    now = now_in_beijing()
    return now if day == now.date() else dt.datetime.combine(day + dt.timedelta(days=1),
                                                             dt.time())


def now_in_beijing() -> dt.datetime:
    """The current instant as a naive Beijing time, the form outage logs use."""
    return dt.datetime.now(BEIJING).replace(tzinfo=None)
