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
    from contractcalc.cli.commands import schedule
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
        law = _statutory(row, item, day, facts, contract, as_of, events, holidays)
        paragraphs = [
            intro + " " + _("Under clause {clause} of the Contract, {what} was due by {due}: "
                            "CNY {amount} ({words}).").format(
                clause=row["clause"], what=dates_in(row["title"]), due=day_text(row["due"]),
                amount=_shown(amount), words=facts["amount_words"]),
            (_("As of {day} the payment has not been received: {days} day(s) overdue by the "
               "Contract's day.") if law else
             _("As of {day} the payment is {days} day(s) overdue and has not been received.")
             ).format(day=day_text(day), days=row["days_late"]),
            *law,
            _("Please pay the amount above without delay on receipt of this letter. We "
              "reserve the interest on the late payment and our other rights under the "
              "Contract and the law."),
        ]
        return Letter(kind, _("Payment reminder"), c.parties.buyer.name,
                      c.parties.vendor.name, day, paragraphs, facts, _("Hereby notified."))
    return _breach_notice(c, row, item, day, intro, facts, contract, as_of, events, holidays)


def _statutory(row: dict[str, Any], item: str, day: dt.date, facts: dict[str, Any],
               contract: Path | None, as_of: str | None, events: list[str] | None,
               holidays: Path | None) -> list[str]:
    """Where the SME payment law's day binds earlier than the contract's: that day, the days
    overdue from it, its article and the interest to date, as `payments --format json` gives
    them for the row (core/law/sme_payments.py)."""
    from contractcalc.cli.commands import schedule
    from contractcalc.cli.output.document import capture

    rows = capture(schedule.payments, [], contract=contract, as_of=as_of, event=events,
                   holidays=holidays, assume_weekends=False)[0].rows
    law = next((r for r in rows if r["key"] == item), {})
    binding = law.get("binding_due")
    if not binding or law.get("statutory_basis") != "compared" or binding >= row["due"]:
        return []
    overdue = (day - dt.date.fromisoformat(binding)).days
    facts.update(binding_due=binding, days_overdue_binding=overdue,
                 statutory_rule=law.get("statutory_rule"), interest=law.get("interest"),
                 interest_days=law.get("interest_days"),
                 interest_per_day=law.get("interest_per_day"),
                 interest_rule=law.get("interest_rule"))
    out = [_("By law the payment was due by {binding} at the latest, earlier than the "
             "Contract's day ({rule}): as of {day} it is {days} day(s) overdue counted from "
             "that day.").format(binding=day_text(binding), rule=law.get("statutory_rule"),
                                 day=day_text(day), days=overdue)]
    if law.get("interest"):
        out.append(_("The interest on the late payment to date: {rule}.").format(
            rule=law.get("interest_rule")))
    return out


def _obligations(contract: Path | None, as_of: str | None, events: list[str] | None,
                 holidays: Path | None) -> tuple[Any, list[Any]]:
    """The context and obligations `timeline` lists, built as it builds them (its warnings
    already shown once, by the timeline captured above)."""
    from contractcalc.cli.commands.schedule import _held, _schedule
    from contractcalc.cli.run import state as _state
    from contractcalc.core.timeline import timeline

    before = _state.get("warnings")
    _state["warnings"] = []
    try:
        ctx = _schedule(contract, as_of, events, holidays, False)
        held = _held(ctx, contract)
        return ctx, timeline(ctx, {n: w.total for n, w in (held or {}).items()})
    finally:
        _state["warnings"] = before


def _breach_notice(c: Any, row: dict[str, Any], item: str, day: dt.date, intro: str,
                   facts: dict[str, Any], contract: Path | None, as_of: str | None,
                   events: list[str] | None, holidays: Path | None) -> Letter:
    """The 违约通知: the damages are core/damages/delay.py's figure for the item (as `timeline`,
    `status` and `penalty` show it), with the cap over all late items where the contract has
    one; a done item's damages are incurred, not accruing."""
    from contractcalc.cli.views.obligations import cite, money, rate_text, words
    from contractcalc.core.damages.standing import item_damages
    from contractcalc.core.errors import InputError
    from contractcalc.core.money.amounts import display

    _ctx, items = _obligations(contract, as_of, events, holidays)
    o = next(x for x in items if x.key == item)
    found = item_damages(c, o, items)
    terms = c.damages.delay_terms
    if found is None or terms is None:
        raise InputError(_("{item} carries no delay damages under the contract (damages: "
                           "delay in the file)").format(item=item), field="ITEM")
    fig, together = found.figure, found.combined
    base = display(fig.base)
    if len(fig.tiers) <= 1 and fig.cap is None:
        working = [_("per day: {rate} ({permille}‰ of {total}) × {days} day(s) = {amount}"
                     "{rounded}").format(rate=rate_text(fig.tiers[0].per_day) if fig.tiers
                                         else "0.00",
                                         permille=terms.tiers[0].daily_permille, total=base,
                                         days=fig.days, amount=display(fig.amount),
                                         rounded="")]
    else:
        working = [_("days {first} to {last}: {rate} ({permille}‰ of {base}) × {days} day(s) "
                     "= {amount}").format(first=p.first, last=p.last, rate=rate_text(p.per_day),
                                          permille=p.permille, base=base, days=p.days,
                                          amount=display(p.amount)) for p in fig.tiers]
    amount = money(fig.amount)
    facts.update(damages=amount, damages_words=words(fig.amount), damages_clause=terms.clause,
                 per_day=money(found.next_day), working=_("; ").join(working),
                 accruing=found.accruing, damages_uncapped=money(fig.uncapped),
                 cap=money(together.cap if together.cap is not None else fig.cap),
                 cap_covers="each" if together.stacks else "all",
                 capped=found.capped, other_items_damages=money(found.others),
                 all_items_damages=money(together.amount),
                 all_items_uncapped=money(together.uncapped))
    done = row.get("done_on")
    what = dates_in(row["title"])
    paragraphs = [
        intro + " " + _("Under clause {clause} of the Contract you were to complete {what} by "
                        "{due}.").format(clause=row["clause"], what=what,
                                         due=day_text(row["due"])),
        (_("You completed it on {done}, {days} day(s) late.").format(
            done=day_text(done), days=row["days_late"]) if done else
         _("As of {day} it has not been completed: {days} day(s) late.").format(
            day=day_text(day), days=row["days_late"])),
        _("Under clause {clause} of the Contract the damages for the delay, counted to "
          "{counted}, are {working}: CNY {amount} ({words}).").format(
            clause=terms.clause, working=dates_in(facts["working"]),
            amount=display(fig.amount), words=facts["damages_words"],
            counted=day_text(done or day)),
    ]
    if fig.capped:
        paragraphs.append(_("The tiers add up to CNY {uncapped}; the cap of {percent}% under "
                            "clause {clause} is CNY {cap}, and the damages stop there.").format(
            uncapped=display(fig.uncapped), percent=terms.cap_percent, clause=terms.clause,
            cap=display(fig.cap if fig.cap is not None else fig.amount)))
    if together.cap is not None and found.others:
        paragraphs.append((_(
            "The cap of {percent}% under clause {clause}, CNY {cap}, covers the delay damages of "
            "all late items together: with the other items' CNY {others} they come to CNY "
            "{uncapped}, so CNY {amount} in all may be claimed and they grow no further.")
            if together.capped else _(
            "The cap of {percent}% under clause {clause}, CNY {cap}, covers the delay damages of "
            "all late items together: with the other items' CNY {others} they come to CNY "
            "{amount}.")).format(percent=terms.cap_percent, clause=terms.clause,
                                 cap=display(together.cap), others=display(found.others),
                                 uncapped=display(together.uncapped),
                                 amount=display(together.amount)))
    if found.accruing and found.next_day > 0:
        paragraphs.append(_("Until completion the damages grow by CNY {rate} a day.").format(
            rate=rate_text(found.next_day)))
    elif found.accruing and fig.capped and not (together.cap is not None and found.others):
        paragraphs.append(_("Having reached the cap, the damages grow no further{cite}.")
                          .format(cite=cite(terms.clause)))
    if done:
        paragraphs.append(_("Please pay the damages above. We reserve our other rights for "
                            "breach under clause {clause} of the Contract.")
                          .format(clause=c.damages.breach_clause))
    else:
        paragraphs.append(_("Please perform at once and pay the damages above. We reserve our "
                            "other rights for breach under clause {clause} of the Contract.")
                          .format(clause=c.damages.breach_clause))
    return Letter("breach_notice", _("Notice of breach"), c.parties.vendor.name,
                  c.parties.buyer.name, day, paragraphs, facts, _("Notice hereby given."))


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
