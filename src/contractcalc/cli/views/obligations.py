"""Core values in words and JSON-ready rows: the one place an obligation becomes a sentence.

The core hands over data (status codes, dates, days, event names); this module says it in words.
Machine fields (keys, status codes, dates, amounts) never depend on the wording.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from contractcalc.cli.output.report import Column
from contractcalc.core.money.amounts import display, fen_str
from contractcalc.core.money.words import to_words
from contractcalc.i18n import _, code_label, ngettext

if TYPE_CHECKING:
    from contractcalc.core.events import Context
    from contractcalc.core.model import Contract, StaffLadder
    from contractcalc.core.obligations import Obligation
    from contractcalc.shell.writers.ics import Entry

__all__ = [
    "base_meta",
    "cite",
    "display",
    "event_text",
    "iso",
    "money",
    "obligation_columns",
    "obligation_rows",
    "words",
]



def generic_words() -> dict[str, str]:
    """Events every contract has, in words of the current language."""
    return {
        "signed": _("signing"), "service_started": _("service start"),
        "bond_submitted": _("bond submission"), "bond_confirmed": _("bond confirmation"),
        "completion_requested": _("the completion request"),
        "completion_certified": _("the completion certificate"),
        "bond_returned": _("the bond's return"),
        "term_start": _("the term's start"), "term_end": _("the term's end"),
        "period_end": _("the period's end"),
    }


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def money(amount: Decimal | None) -> str | None:
    return None if amount is None else fen_str(amount)


def words(amount: Decimal | None) -> str | None:
    return None if amount is None else to_words(amount, prefix=True)


def rate(amount: Decimal) -> str:
    """A per-day rate as it is: 240.00, or 693.25025 where it is not a whole fen, so the rate
    shown times the days gives the total shown (rounded once, at the end)."""
    from contractcalc.core.money.amounts import to_fen

    if to_fen(amount) == amount:
        return display(amount)
    whole, _dot, fraction = f"{amount.normalize():f}".partition(".")
    return f"{int(whole):,}.{fraction}"


def cite(clause: str | None) -> str:
    """' (clause 5.6)' / '（第5.6条）' where the contract file gives a clause; nothing where it
    gives none. The one place a clause is cited in a sentence."""
    return _(" (clause {clause})").format(clause=clause) if clause else ""


def clause_name(clause: str) -> str:
    """'clause 3.8' / '第3.8条': a clause named on its own."""
    return _("clause {clause}").format(clause=clause)


def standing_text(standing: str, ladder: StaffLadder) -> str:
    """The staff ladder's standing in words: one wording for `staff` and `status`."""
    return {"fine": _("fine"),
            "warning": _("termination warning ({count} send-backs)").format(
                count=ladder.warning_at),
            "may_terminate": _("buyer may terminate (more than {count} send-backs)").format(
                count=ladder.terminate_above)}[standing]


def base_meta(contract: Contract, as_of: dt.date | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {"contract": contract.number}
    if as_of is not None:
        meta["as_of"] = as_of.isoformat()
    return meta


def event_text(name: str, contract: Contract) -> str:
    """An event's name in words: generic ones, then the contract's installments and
    deliverables (by their own names), else the name as written."""
    from contractcalc.core.events import invoice_event, paid_event

    generic = generic_words()
    if name in generic:
        return generic[name]
    for n, inst in enumerate(contract.installments, 1):
        if name == paid_event(inst, n):
            return _("receipt of installment {n}").format(n=n)
        if name == invoice_event(inst, n):
            return _("the invoice for installment {n}").format(n=n)
    for milestone in contract.milestones:
        if name == milestone.id:
            return milestone.name
    if contract.fees is not None and name.startswith("fee_"):
        from contractcalc.core.payments.fee_periods import fee_events

        number = name.split("_")[1]
        if name in fee_events(contract):
            text = (_("the evaluation of fee period {n}") if name.endswith("_evaluated") else
                    _("receipt of fee period {n}"))
            return text.format(n=number)
    for item in contract.deliverables:
        if name == item.id:
            return _("delivery of {name}").format(name=item.name)
    return name


def title(o: Obligation, contract: Contract | None = None) -> str:
    """What the obligation is, in words; the contract's own terms decide words that depend on
    them (a renewal application attaches the certificate only where the contract says so)."""
    kind = o.kind
    if kind == "renewal_application" and contract is not None and contract.renewal is not None \
            and not contract.renewal.requires_certificate:
        return _("Renewal application (optional)")
    if kind == "installment" and o.retention:
        return _("Installment {n} ({name}, retention): {percent}% of the total").format(
            n=o.number, name=o.name or _("retention"), percent=o.percent)
    if kind == "installment":
        if o.name:
            return _("Installment {n} ({name}): {percent}% of the total").format(
                n=o.number, name=o.name, percent=o.percent)
        return _("Installment {n}: {percent}% of the total").format(n=o.number,
                                                                    percent=o.percent)
    if kind == "fee" and o.period:
        return _("Fee period {n} ({first} to {last}), part {part}: {percent}%").format(
            n=o.number, first=o.period[0], last=o.period[1], part=o.name, percent=o.percent)
    if kind == "deliverable":
        if o.period:
            return _("{name}: {first} to {last}").format(name=o.name, first=o.period[0],
                                                         last=o.period[1])
        return o.name or o.key
    return {
        "bond_submit": _("Vendor lodges the performance bond ({percent}% of the total)").format(
            percent=o.percent),
        "bond_confirm": _("Buyer confirms the bond"),
        "completion_request": _("Vendor requests the completion certificate"),
        "completion_certificate": _("Buyer issues the completion certificate"),
        "bond_refund": _("Buyer returns the bond"),
        "renewal_application": _("Renewal application, with the completion certificate "
                                 "(optional)"),
    }[kind]


def trigger_text(o: Obligation, contract: Contract) -> str:
    t = o.trigger
    if o.kind == "renewal_application":
        return _("before the term ends")
    if o.kind == "completion_request" and t is not None:
        return _("within {days} working days before the term ends ({date})").format(
            days=t.working_days, date=o.due)
    if t is None:
        if o.after:
            return _("after {event} (no deadline stated)").format(
                event=event_text(o.after, contract))
        return _("no date stated")
    anchor = (_("the end of each period") if t.after == "period_end" else
              event_text(t.after, contract))
    if t.months is not None and t.working_days is not None:
        return ngettext("{days} working day after {months} month(s) from {event}",
                        "{days} working days after {months} month(s) from {event}",
                        t.working_days).format(days=t.working_days, months=t.months, event=anchor)
    if t.months is not None and t.after in ("service_started", "term_start"):
        return _("after {months} month(s) of continuous service").format(months=t.months)
    if t.months is not None:  # months after an event (acceptance), not months of service
        return _("from {months} month(s) after {event}").format(months=t.months, event=anchor)
    if t.days is not None:
        return ngettext("{days} day after {event}", "{days} days after {event}",
                        t.days).format(days=t.days, event=anchor)
    return ngettext("{days} working day after {event}", "{days} working days after {event}",
                    t.working_days or 0).format(days=t.working_days, event=anchor)


def state_text(o: Obligation, ctx: Context, *, brief: bool = False) -> str:
    """The status in plain words as of the day asked; `brief` leaves out the damages and the
    funds caveat (shown in a column of their own)."""
    contract = ctx.contract
    s = o.status
    if s == "done":
        if o.implied_by:
            text = _("done (its date is not recorded; {event} on {date})").format(
                event=event_text(o.implied_by, contract), date=o.implied_on)
        elif o.days_late:
            text = ngettext("done on {date}, {days} day late", "done on {date}, {days} days late",
                            o.days_late).format(date=o.done_on, days=o.days_late)
        else:
            text = _("done on {date}").format(date=o.done_on)
        if o.implied_by and o.days_late:
            text += ngettext(", {days} day late", ", {days} days late", o.days_late).format(
                days=o.days_late)
    elif s == "due":
        from contractcalc.core.obligations import working_days_left

        left = working_days_left(ctx, o.due) if o.due and o.due > ctx.as_of else 0
        text = (_("due today") if o.due == ctx.as_of else
                _("due on {date}").format(date=o.due) if left is None else
                ngettext("due in {days} working day", "due in {days} working days",
                         left).format(days=left))
    elif s == "overdue":
        late = o.days_late or 0
        if o.invoice_on and o.due and o.invoice_on > o.due:
            text = ngettext("overdue by {days} day (counted from the invoice of {date})",
                            "overdue by {days} days (counted from the invoice of {date})",
                            late).format(days=late, date=o.invoice_on)
        else:
            text = ngettext("overdue by {days} day", "overdue by {days} days", late).format(
                days=late)
    elif s == "waiting":
        if o.waiting_for and o.waiting_for == o.invoice_event:
            text = _("waiting for {event}: due {date}, but without the invoice the buyer is not "
                     "late{cite}").format(event=event_text(o.waiting_for, contract), date=o.due,
                                          cite=cite(contract.invoice_clause))
        else:
            text = _("waiting for {event}").format(
                event=event_text(o.waiting_for or "", contract))
    elif s == "open":
        text = (_("no deadline stated; not yet recorded") if o.after else
                _("window closed on {date} (renewal is optional)").format(date=o.due)
                if o.optional else
                _("payable since {date} (no fixed deadline)").format(date=o.earliest)
                if o.earliest else _("no deadline stated"))
    elif s == "upcoming":
        text = (_("window opens on {date}") if o.kind == "completion_request" else
                _("payable from {date} (no fixed deadline)")).format(date=o.earliest)
    elif s == "held":
        text = _("retention held until {release}, then due by {date}").format(
            release=o.earliest, date=o.due)
    elif s == "withheld":
        text = _("nothing to pay: wholly withheld for the period's credits and deductions")
    elif s == "before_signing":
        text = _("falls on {date}, before the contract took effect on {effective}").format(
            date=o.due, effective=ctx.effective)
    else:  # unknown
        text = _("date unknown: no {year} holiday schedule").format(year=o.missing_year)
    if brief:
        return text
    if o.damages is not None:
        text += damages_text(o, contract)
    if o.subject_to_funds and s != "done":
        text += _("; subject to funds: the buyer is not liable for appropriation "
                  "delays{cite}").format(cite=cite(contract.funds_clause))
    return text


def damages_text(o: Obligation, contract: Contract) -> str:
    """'; daily damages …' for a late vendor obligation: the rate where one rate applies, else
    the tiers' figure, and the cap where it bites."""
    from contractcalc.core.damages.delay import item_figure

    terms = contract.damages.delay_terms
    fig = item_figure(contract, kind=o.kind, amount=o.amount, days=o.days_late or 0)
    if terms is None or fig is None or o.damages is None:
        return ""
    if len(terms.tiers) == 1 and fig.cap is None:
        return _("; daily damages {amount} at {rate} per day{cite}").format(
            amount=display(o.damages), rate=rate(fig.tiers[0].per_day if fig.tiers else
                                                 o.damages), cite=cite(terms.clause))
    if o.status == "done":  # nothing accrues on a done item: what it incurred
        return _("; delay damages incurred {amount}{cite}").format(
            amount=display(o.damages), cite=cite(terms.clause))
    if fig.capped:
        return _("; delay damages {amount}: the cap{cite}").format(amount=display(o.damages),
                                                                   cite=cite(terms.clause))
    return _("; delay damages {amount}, {rate} a day now{cite}").format(
        amount=display(o.damages), rate=rate(fig.next_day), cite=cite(terms.clause))


def obligation_rows(items: Iterable[Obligation], ctx: Context) -> list[dict[str, Any]]:
    c = ctx.contract
    return [{
        "key": o.key, "clause": o.clause, "title": title(o, c), "party": o.party,
        "trigger": trigger_text(o, c), "amount": money(o.amount),
        "amount_words": o.amount_words or words(o.amount),  # as the contract writes it
        "earliest": iso(o.earliest), "due": iso(o.due), "done_on": iso(o.done_on),
        "status": o.status, "state": state_text(o, ctx), "days_late": o.days_late,
        "damages": money(o.damages), "waiting_for": o.waiting_for,
        "subject_to_funds": o.subject_to_funds, "invoice_on": iso(o.invoice_on),
        "estimate": o.estimate, "assumption": o.assumption, "missing_year": o.missing_year,
        "due_label": due_label(o),
    } for o in items]


def due_label(o: Obligation) -> str | None:
    """The due date as a table shows it, with what qualifies it."""
    if o.due is None:
        return None
    marks = [m for m, on in ((_("assumed"), o.assumption), (_("estimate"), o.estimate)) if on]
    return (_("{date} ({marks})").format(date=o.due, marks=_(", ").join(marks)) if marks else
            o.due.isoformat())


def obligation_columns() -> tuple[Column, ...]:
    """The columns of an obligation table, headed in the current language; `keep` says which
    to leave out first when the terminal is narrow."""
    return (
        Column("clause", _("Clause"), "fixed", keep=2), Column("title", _("Obligation"), keep=2),
        Column("amount", _("Amount"), "money", keep=2), Column("trigger", _("Trigger"), keep=0),
        Column("earliest", _("From"), "date", keep=0),
        Column("due_label", _("Due"), "date", keep=2),
        Column("state", _("Status"), keep=2),
    )


def calendar_entries(items: Iterable[Obligation], ctx: Context, *,
                     remind: int) -> list[Entry]:
    """Calendar events for the dated obligations: a window spans its days; the words hold what
    does not change (clause, who, amount, rule), never a status that would go stale; an alarm
    `remind` working days before the day at 09:00 Beijing, for what is not done yet."""
    from contractcalc.core.calendar.dates import beijing_tz
    from contractcalc.core.errors import CalendarDataMissing
    from contractcalc.shell.writers.ics import Entry

    c = ctx.contract
    entries = []
    for o in items:
        day = o.due or o.earliest
        if day is None:
            continue
        first = o.earliest if o.kind == "completion_request" and o.earliest else day
        summary = f"[{c.number}] {title(o, c)}"
        if o.amount is not None:
            summary += " " + _("{amount} CNY").format(amount=display(o.amount))
        lines = [_("Contract {number}: {title}").format(number=c.number, title=c.title),
                 _("Clause {clause}").format(clause=o.clause) if o.clause else "",
                 _("Who acts: {party}").format(party=code_label(o.party)),
                 _("Rule: {rule}").format(rule=trigger_text(o, c)),
                 _("Amount: {amount} CNY ({words})").format(amount=display(o.amount),
                                                          words=words(o.amount))
                 if o.amount else "",
                 _("The date is the contract file's reading (the contract names no day)")
                 if o.assumption == "no_day_stated" else "",
                 _("Counted from the service period's end (the written term ends before "
                   "signing)") if o.assumption == "service_end" else "",
                 _("Estimate: a year without an official holiday schedule")
                 if o.estimate else ""]
        alarm = None
        if remind > 0 and o.status != "done":
            try:
                when = ctx.calendar.add(first, -remind)
                alarm = dt.datetime.combine(when, dt.time(9), tzinfo=beijing_tz())
            except CalendarDataMissing:
                alarm = None
        entries.append(Entry(f"{c.number}-{o.key}@contractcalc", first, day, summary,
                             "\n".join(line for line in lines if line), alarm))
    return entries


def rate_text(rate: Any) -> str:
    """The per-day rate as used: to the fen when it is whole fen, else exact (693.2505), so that
    rate × days on the page is the amount beside it."""
    from decimal import Decimal

    if rate == rate.quantize(Decimal("0.01")):
        return display(rate)
    exact = rate.normalize()
    if -exact.as_tuple().exponent > 10:
        return f"≈{exact.quantize(Decimal('1e-10')):,f}"
    return f"{exact:,f}"
