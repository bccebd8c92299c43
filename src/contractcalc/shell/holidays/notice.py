"""Reading the State Council's annual holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知).

Each item of the notice is one line, as published since 2008::

    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
    2月14日（周六）、2月28日（周六）上班。

A sentence with 放假 gives the days off (one date or a range with 至, —, - or ~; a month left out
is the previous date's), a sentence with 上班 the weekend days worked (dates separated by 、).
Full- and half-width punctuation are the same. A date without a year is in the notice's year; in
the 元旦 item a December date is in the year before; a range whose end month precedes its start
runs into the next year. Weekday names (周日, 星期六) are checked against the dates, 共N天 against
the length of the range, and a worked day must be a weekend day. Sentences that only encourage
(鼓励…) are passed over. Anything else that holds a date is not understood, and the whole notice
is refused at that line: a half-read notice would be a wrong calendar that looks right.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import NamedTuple

from contractcalc.core.errors import InputError
from contractcalc.i18n import _

_WIDTH = str.maketrans("（）：，。；、－—–～０１２３４５６７８９　", "():,.;、----0123456789 ")
_ITEM = re.compile(r"^[一二三四五六七八九十]+、(?P<name>[^:]+):(?P<body>.+)$")
_DATE = (r"(?:(?P<{p}y>\d{{4}})年)?(?:(?P<{p}m>\d{{1,2}})月)?(?P<{p}d>\d{{1,2}})日"
         r"(?:\((?P<{p}note>[^)]*)\))?")
_RANGE = re.compile("^" + _DATE.format(p="a") + r"(?:(?:至|-|~)" + _DATE.format(p="b") + ")?$")
_ONE = re.compile("^" + _DATE.format(p="a") + "$")
_WEEKDAY = re.compile(r"(?:周|星期)([一二三四五六日天])")
_WEEKDAYS = "一二三四五六日"
_YEAR = re.compile(r"(?:关于|现将)(\d{4})年")


class NoticeDay(NamedTuple):
    date: dt.date
    off: bool
    name: str


class _Cursor(NamedTuple):
    source: str
    line: int
    text: str

    def refuse(self, why: str) -> InputError:
        shown = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        return InputError(_("{why}; the notice is not imported (line: {shown})").format(
            why=why, shown=shown),
                          source=self.source, line=self.line)


def read_notice(path: Path, *, year: int | None = None) -> tuple[int, list[NoticeDay]]:
    """The notice's year and every day it sets, in date order; InputError at the first line
    not understood."""
    from contractcalc.shell.contracts.contract_file import read_text

    source = str(path)
    lines = read_text(path).splitlines()
    if year is None:
        found = next((m for line in lines if (m := _YEAR.search(line.translate(_WIDTH)))), None)
        if found is None:
            raise InputError(_("cannot tell which year the notice is for (no '关于YYYY年' or "
                               "'现将YYYY年'); give --year"), source=source)
        year = int(found.group(1))
    days: dict[dt.date, NoticeDay] = {}
    for number, raw in enumerate(lines, start=1):
        text = re.sub(r"\s+", "", raw.translate(_WIDTH))
        item = _ITEM.match(text)
        if item is None:
            continue
        cursor = _Cursor(source, number, raw.strip())
        name = item["name"].strip("\"“”")
        for day in _item_days(item["body"], name, year, cursor):
            if day.date in days:
                raise cursor.refuse(_("{day} is set twice").format(day=day.date))
            days[day.date] = day
    if not days:
        raise InputError(_("no holiday items found (lines such as '一、元旦：1月1日放假…')"),
                         source=source)
    return year, [days[d] for d in sorted(days)]


def _item_days(body: str, name: str, year: int, cursor: _Cursor) -> list[NoticeDay]:
    out: list[NoticeDay] = []
    for sentence in filter(None, re.split(r"[.;]", body)):
        if sentence.startswith("鼓励"):
            continue  # advice (e.g. rest on 除夕), not a day off
        lead = sentence.split(",")[0]
        if "放假" in lead:
            dates = lead.partition("放假")[0]
            days = _range(dates, name, year, cursor)
            stated = re.search(r"(?:共|放假)(\d+)天", sentence[len(dates):])
            if stated and int(stated[1]) != len(days):
                raise cursor.refuse(_("says {stated} days but {dates} is {count}").format(
                    stated=stated[1], dates=dates, count=len(days)))
            out += [NoticeDay(d, True, name) for d in days]
        elif lead.endswith("上班"):
            month: int | None = None
            for part in lead.removesuffix("上班").split("、"):
                day, month = _date(part, month, name, year, cursor)
                if day.weekday() < 5:
                    raise cursor.refuse(_("{day} is a {weekday}, not a weekend day to work").format(
                        day=day, weekday=_weekday(day)))
                out.append(NoticeDay(day, False, name))
        elif re.search(r"\d+日", sentence):
            raise cursor.refuse(_("cannot read {sentence!r}: expected 'DATE至DATE放假…' or "
                                  "'DATE、DATE上班'").format(sentence=sentence))
    return out


def _weekday(day: dt.date) -> str:
    """Monday … / 星期一 …: the calendar engine is imported only when a notice is refused."""
    from contractcalc.core.calendar.workdays import weekday_name

    return weekday_name(day)


def _range(text: str, name: str, year: int, cursor: _Cursor) -> list[dt.date]:
    m = _RANGE.match(text)
    if m is None:
        raise cursor.refuse(_("cannot read the days off {text!r}: expected 'M月D日' or "
                              "'M月D日至M月D日'").format(text=text))
    first = _build(m, "a", None, None, name, year, cursor)
    if m["bd"] is None:
        return [first]
    end_year = int(m["by"]) if m["by"] else first.year
    month = int(m["bm"]) if m["bm"] else first.month
    if not m["by"] and month < first.month:
        end_year += 1  # 12月31日至1月2日: into the next year
    last = _build(m, "b", end_year, first.month, name, year, cursor)
    if last < first or (last - first).days > 31:
        raise cursor.refuse(_("the range {text!r} runs from {first} to {last}").format(
            text=text, first=first, last=last))
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def _date(text: str, month: int | None, name: str, year: int,
          cursor: _Cursor) -> tuple[dt.date, int]:
    m = _ONE.match(text)
    if m is None:
        raise cursor.refuse(_("cannot read the working day {text!r}: expected 'M月D日（周六）'")
                            .format(text=text))
    day = _build(m, "a", None, month, name, year, cursor)
    return day, day.month


def _build(m: re.Match[str], p: str, year_given: int | None, month_before: int | None,
           name: str, year: int, cursor: _Cursor) -> dt.date:
    month = int(m[f"{p}m"]) if m[f"{p}m"] else month_before
    if month is None:
        raise cursor.refuse(_("no month for {text!r}").format(text=m[0]))
    if m[f"{p}y"]:
        y = int(m[f"{p}y"])
    elif year_given is not None:
        y = year_given
    else:
        y = year - 1 if "元旦" in name and month == 12 else year
    try:
        day = dt.date(y, month, int(m[f"{p}d"]))
    except ValueError:
        raise cursor.refuse(_("{year}-{month}-{day} is not a date").format(
            year=y, month=month, day=m[p + "d"])) from None
    note = m[f"{p}note"] or ""
    named = _WEEKDAY.search(note)
    if named and _WEEKDAYS.index(named[1].replace("天", "日")) != day.weekday():
        raise cursor.refuse(_("{day} is a {weekday}, not {named}").format(
            day=day, weekday=_weekday(day), named=named[0]))
    return day


def to_schedule(days: list[NoticeDay]) -> dict[int, tuple[dict[dt.date, str], list[dt.date]]]:
    """The days by year: (holidays by date with their names, weekend days worked)."""
    out: dict[int, tuple[dict[dt.date, str], list[dt.date]]] = {}
    for day in days:
        holidays, workdays = out.setdefault(day.date.year, ({}, []))
        if day.off:
            holidays[day.date] = day.name
        else:
            workdays.append(day.date)
    return out


def as_yaml(days: list[NoticeDay], title: str) -> str:
    """The --holidays YAML, runs of days off with one name written as FROM..TO ranges."""
    lines = [f"# {title}"]
    for year, (holidays, workdays) in sorted(to_schedule(days).items()):
        lines.append(f"{year}:")
        if holidays:
            lines.append("  holidays:")
            run: list[dt.date] = []
            for d in sorted(holidays):
                if run and (d - run[-1]).days == 1 and holidays[run[0]] == holidays[d]:
                    run.append(d)
                    continue
                if run:
                    lines.append(_run_line(run, holidays[run[0]]))
                run = [d]
            lines.append(_run_line(run, holidays[run[0]]))
        if workdays:
            lines.append(f"  workdays: [{', '.join(str(d) for d in workdays)}]")
    return "\n".join(lines) + "\n"


def _run_line(run: list[dt.date], name: str) -> str:
    key = str(run[0]) if len(run) == 1 else f"{run[0]}..{run[-1]}"
    return f"    {key}: {name}"


def as_json(days: list[NoticeDay], year: int) -> dict[str, object]:
    """holiday-cn's shape, every date listed singly (also accepted by --holidays)."""
    return {"year": year, "days": [{"name": d.name, "date": str(d.date), "isOffDay": d.off}
                                   for d in days]}
