"""The letter for one overdue or late item: its facts, from the commands' own reports, and its
paragraphs in the interface language.

A 催告函 goes from the vendor to the buyer for an overdue payment; a 违约通知 from the buyer to
the vendor for a late deliverable or step, with the damages to date and how they were worked
out (the `penalty` command's figures for that due date). Nothing is typed in: parties, dates,
amounts and clauses come from the contract file and the figures the commands print, so the
letter says what `timeline` and `penalty --format json` say.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, NamedTuple

from contractcalc.cli.output.page import dates_in, day_text
from contractcalc.i18n import _


class Letter(NamedTuple):
    kind: str
    """"payment_reminder" (催告函) or "breach_notice" (违约通知): a code, the same in both
    languages."""
    title: str
    addressee: str
    sender: str
    date: dt.date
    paragraphs: list[str]
    facts: dict[str, Any]
    """The figures the paragraphs state, for JSON and tests."""
    closing: str = ""


def _late_items(rows: list[dict[str, Any]]) -> list[str]:
    return [r["key"] for r in rows if _kind(r)]


def _kind(row: dict[str, Any]) -> str | None:
    late = (row.get("days_late") or 0) > 0
    if row.get("party") == "buyer" and row.get("status") == "overdue" and row.get("amount"):
        return "payment_reminder"
    if row.get("party") == "vendor" and late and row.get("due"):
        return "breach_notice"
    return None


def build(item: str, contract: Path | None, as_of: str | None, events: list[str] | None,
          holidays: Path | None) -> Letter:
    from contractcalc.cli.commands import penalty, schedule
    from contractcalc.cli.inputs import load
    from contractcalc.cli.options import resolve_as_of
    from contractcalc.cli.output.document import capture
    from contractcalc.cli.views.obligations import words
    from contractcalc.core.errors import InputError

    day = resolve_as_of(as_of)
    warnings: list[str] = []
    timeline = capture(schedule.timeline, warnings, contract=[contract] if contract else None,
                       as_of=as_of, event=events, holidays=holidays, assume_weekends=False,
                       ics=None, remind=0)[0]
    rows = {r["key"]: r for r in timeline.rows}
    row = rows.get(item)
    kind = _kind(row) if row else None
    if row is None or kind is None:
        late = _late_items(timeline.rows)
        raise InputError((_("{item} is not an item of the contract") if row is None else
                          _("{item} is neither an overdue payment nor a late vendor "
                            "obligation as of {day}")).format(item=item, day=day)
                         + "; " + (_("letters can be written for: {items}").format(
                             items=", ".join(late)) if late else
                             _("nothing is overdue or late as of {day}").format(day=day)),
                         field="ITEM")
    terms = load(contract, events=events)
    c = terms
    amount = row.get("amount")
    facts: dict[str, Any] = {
        "item": item, "item_title": row["title"], "clause": row["clause"], "due": row["due"],
        "done_on": row.get("done_on"), "days_late": row["days_late"], "as_of": day.isoformat(),
        "amount": amount, "amount_words": words(_dec(amount)) if amount else None}
    intro = _("We and you signed the contract “{title}” (No. {number}, “the Contract”) on "
              "{signed}.").format(title=c.title, number=c.number, signed=day_text(c.signed))
    if kind == "payment_reminder":
        paragraphs = [
            intro + " " + _("Under clause {clause} of the Contract, {what} was due by {due}: "
                            "CNY {amount} ({words}).").format(
                clause=row["clause"], what=dates_in(row["title"]), due=day_text(row["due"]),
                amount=_shown(amount), words=facts["amount_words"]),
            _("As of {day} the payment is {days} day(s) overdue and has not been received."
              ).format(day=day_text(day), days=row["days_late"]),
            _("Please pay the amount above without delay on receipt of this letter. We "
              "reserve the interest on the late payment and our other rights under the "
              "Contract and the law."),
        ]
        return Letter(kind, _("Payment reminder"), c.parties.buyer.name,
                      c.parties.vendor.name, day, paragraphs, facts, _("Hereby notified."))
    damages = capture(penalty.penalty, warnings, contract=contract, event=events,
                      holidays=holidays, as_of=as_of, due=row["due"],
                      delivered=row.get("done_on"), days_late=None, excuse=None,
                      failed_acceptances=None, total=None, actual_loss=None)[0]
    daily = damages.rows[0]
    facts.update(damages=daily["amount"], damages_words=daily["amount_words"],
                 damages_clause=daily["clause"], per_day=damages.meta["per_day"],
                 working=damages.notes[0] if damages.notes else None,
                 accruing=damages.meta["accruing"])
    done = row.get("done_on")
    paragraphs = [
        intro + " " + _("Under clause {clause} of the Contract you were to complete {what} by "
                        "{due}.").format(clause=row["clause"], what=dates_in(row["title"]),
                                         due=day_text(row["due"])),
        (_("You completed it on {done}, {days} day(s) late.").format(
            done=day_text(done), days=row["days_late"]) if done else
         _("As of {day} it has not been completed: {days} day(s) late.").format(
            day=day_text(day), days=row["days_late"])),
        _("Under clause {clause} of the Contract the damages for the delay, counted to "
          "{counted}, are {working}: CNY {amount} ({words}).").format(
            clause=daily["clause"], working=dates_in(facts["working"] or daily["basis"]),
            amount=_shown(daily["amount"]), words=daily["amount_words"],
            counted=day_text(damages.meta["counted_to"] or done or day)),
    ]
    if damages.meta["accruing"]:
        paragraphs.append(_("Until completion the damages grow by CNY {rate} a day.").format(
            rate=_shown(damages.meta["per_day"])))
    paragraphs.append(_("Please perform at once and pay the damages above. We reserve our "
                        "other rights for breach under clause {clause} of the Contract.")
                      .format(clause=c.damages.breach_clause))
    return Letter(kind, _("Notice of breach"), c.parties.vendor.name, c.parties.buyer.name,
                  day, paragraphs, facts, _("Notice hereby given."))


def _dec(text: str) -> Any:
    from decimal import Decimal

    return Decimal(text)


def _shown(amount: str | None) -> str:
    return "" if amount is None else f"{_dec(amount):,.2f}"


def letter_html(letter: Letter) -> str:
    from contractcalc.cli.output.page import render
    from contractcalc.i18n import language

    return render("letter.html.j2", {
        "lang": "zh-CN" if language() == "zh" else "en", "title": letter.title,
        "addressee": _("{name}:").format(name=letter.addressee), "paragraphs": letter.paragraphs,
        "closing": letter.closing, "sender": letter.sender,
        "date": day_text(letter.date), "seal": _("(seal)")})


def letter_docx(letter: Letter) -> bytes:
    """The letter as an editable Word file, laid out as the HTML (GB/T 9704 margins)."""
    import io

    try:
        from docx import Document
    except ImportError:
        from contractcalc.core.errors import InputError

        raise InputError(_("a .docx letter needs python-docx: pip install "
                           "'contractcalc[docs]'; nothing written"), field="--output") from None
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    style = doc.styles["Normal"]
    style.font.name = "FangSong"
    style.font.size = Pt(16)  # 三号
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")

    def para(text: str, *, align: Any = None, size: int | None = None, bold: bool = False,
             indent: bool = False) -> None:
        p = doc.add_paragraph()
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Pt(32)
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)

    para(letter.title, align=WD_ALIGN_PARAGRAPH.CENTER, size=22, bold=True)  # 二号
    para(_("{name}:").format(name=letter.addressee))
    for text in letter.paragraphs:
        para(text, indent=True)
    para(letter.closing, indent=True)
    para("")
    para(letter.sender + _("(seal)"), align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(day_text(letter.date), align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
