"""The report's charts as inline SVG, drawn by matplotlib (the [docs] extra; imported only
when a page with charts is written).

Text stays text in the SVG (svg.fonttype none), so the page's own CJK font draws it, the PDF
holds it as searchable text, and no font file is embedded twice; no date or random id is
written, so the same figures give the same bytes (golden tests, diffs between reports).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any, NamedTuple

FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei",
         "PingFang SC", "sans-serif"]


class Point(NamedTuple):
    label: str
    day: dt.date
    state: str
    """"bad", "warn", "done" or "open": the colour of the mark."""


def available() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "contractcalc",
                         "font.family": "sans-serif", "font.sans-serif": FONTS,
                         "font.size": 9, "axes.spines.top": False,
                         "axes.spines.right": False})
    return plt


def _svg(fig: Any) -> str:
    plt = _pyplot()
    out = io.StringIO()
    fig.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = out.getvalue()
    start = text.index("<svg")
    # Scales with the page: the width and height become the viewBox's proportions.
    head, rest = text[start:].split(">", 1)
    import re

    head = re.sub(r'\s(width|height)="[^"]*"', "", head)
    return head + ' style="width:100%;height:auto" role="img">' + rest


def uptime_chart(title: str, months: Sequence[str], uptime: Sequence[float | None],
                 target: float, target_label: str) -> str:
    """Uptime per month (bars) against the target (a dashed line); a month below it red."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(4.2, 2.2))
    values = [u if u is not None else 0.0 for u in uptime]
    colours = ["#c0392b" if u is not None and u < target else "#2e86c1" for u in uptime]
    low = min([*values, target]) if values else target
    floor = max(0.0, min(low - (100 - low) * 0.5, target - 0.5))
    ax.bar(months, [v - floor for v in values], bottom=floor, color=colours, width=0.6)
    ax.axhline(target, color="#555", linestyle="--", linewidth=1,
               label=f"{target_label} {target:g}%")
    ax.set_ylim(floor, 100.0 + (100.0 - floor) * 0.05)
    ax.set_title(title, loc="left", fontsize=9)
    ax.set_ylabel("%")
    ax.legend(loc="lower left", fontsize=7, frameon=True)
    ax.tick_params(axis="x", labelrotation=90 if len(months) > 6 else 0, labelsize=7)
    ax.tick_params(axis="y", labelsize=7)
    return _svg(fig)


_COLOURS = {"bad": "#c0392b", "warn": "#d4ac0d", "done": "#27ae60", "open": "#2e86c1"}


def timeline_chart(title: str, points: Sequence[Point], as_of: dt.date,
                   as_of_label: str) -> str:
    """Each dated obligation on one time axis, coloured by its state; the day of the report
    a vertical line."""
    import matplotlib.dates as mdates

    plt = _pyplot()
    rows = list(dict.fromkeys(p.label for p in points))
    fig, ax = plt.subplots(figsize=(7.0, 0.9 + 0.22 * len(rows)))
    for p in points:
        ax.plot([p.day], [rows.index(p.label)], "o", color=_COLOURS[p.state], markersize=5)
    ax.axvline(as_of, color="#555", linestyle="--", linewidth=1)
    ax.text(as_of, -0.8, f"{as_of_label} {as_of.isoformat()}",
            fontsize=7, color="#555", ha="center")
    ax.set_yticks(range(len(rows)), [_cut(r, 44) for r in rows], fontsize=7)
    ax.set_ylim(len(rows) - 0.5, -1.2)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))  # type: ignore[no-untyped-call]
    ax.tick_params(axis="x", labelsize=7)
    ax.set_title(title, loc="left", fontsize=10)
    ax.grid(axis="x", color="#eee")
    return _svg(fig)


def _cut(text: str, limit: int) -> str:
    """A label cut to `limit` columns (a CJK character takes two), with … where cut."""
    from unicodedata import east_asian_width

    used = 0
    for n, ch in enumerate(text):
        used += 2 if east_asian_width(ch) in "WF" else 1
        if used > limit:
            return text[:n] + "…"
    return text
