"""The contract's computable terms: immutable records, validated by pydantic v2 at the edge.

They are typing.NamedTuple classes rather than pydantic models or dataclasses because start-up
matters: a contract file validated once is loaded from a snapshot without importing pydantic,
and a NamedTuple class costs a twentieth of a dataclass to create. Pydantic validates these same
classes (load.py; unknown keys are refused); `problems` adds the rules types cannot say.
Each field's docstring cites, as an example, its clause of the reference contract No. 2025-036;
the clauses the tool prints come from the file alone.
"""

import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, Literal, NamedTuple

from contractcalc.core.ranges import amount_problem, count_problem, date_problem
from contractcalc.i18n import _


class _EmptyMap(dict):  # type: ignore[type-arg]
    """The shared default for mapping fields: empty, immutable, picklable."""

    def _refuse(self, *_: Any, **__: Any) -> None:
        raise TypeError("contract terms are immutable")

    __setitem__ = __delitem__ = update = setdefault = pop = popitem = clear = _refuse  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (_EmptyMap, ())


EMPTY: Mapping[Any, Any] = _EmptyMap()

# Events every contract of the family has. Installments, invoices and deliverables add their own
# names (core/events.py: defined_events); a name nobody defines is refused with the closest ones.
GENERIC_EVENTS: tuple[str, ...] = (
    "signed", "service_started", "completion_requested", "completion_certified",
)
BOND_EVENTS: tuple[str, ...] = ("bond_submitted", "bond_confirmed", "bond_returned")
"""Defined where the contract has a performance bond."""
# What a deadline may count from besides an event: either end of the term, a period's end.
DATES = ("term_start", "term_end", "period_end")


class Party(NamedTuple):
    name: str
    """Legal name as on the cover (委托方甲方 / 受托方乙方)."""
    address: str | None = None
    contact: str | None = None
    """联系人 on the cover page."""
    project_lead: str | None = None
    """项目负责人 on the signature page."""
    credit_code: str | None = None
    """统一社会信用代码 (payee only)."""
    bank: str | None = None
    """收款人开户行 (payee only)."""
    kind: Literal["机关", "事业单位", "大型企业", "中小企业", "其他"] | None = None
    """What the law needs to know of a buyer (保障中小企业款项支付条例 第二条); None: not stated,
    and the statutory payment rules are not checked."""
    sme: bool | None = None
    """The vendor declared itself a 中小企业 at signing (条例 第三条); None: not stated."""


class Parties(NamedTuple):
    buyer: Party
    """甲方, the purchasing authority."""
    vendor: Party
    """乙方, the service provider."""


class Term(NamedTuple):
    start: dt.date
    """First day of the term as written."""
    end: dt.date
    """Last day of the term as written."""
    years: int | None = None
    """Stated length in years (e.g. 合同有效期为 1 年), checked against start and end."""
    clause: str | None = None
    """Clause that sets the term ."""


class Trigger(NamedTuple):
    """When an obligation falls due after an anchor: N working days (工作日), N calendar days (日),
    N months of service (a first day, never a deadline), or N months and then M working days
    (质保金: 终验后 12 个月，再 15 个工作日内)."""

    after: str
    """The event or date counted from (e.g. signed, bond_confirmed, term_end)."""
    working_days: int | None = None
    """Due within this many PRC working days (工作日) after the anchor (after the months, where
    months are given too)."""
    months: int | None = None
    """Alone: payable after this many months of continuous service (no deadline). With
    working_days: that many months after the anchor, then the working days."""
    days: int | None = None
    """Due within this many calendar days (日) after the anchor: the anchor's day not counted, a
    last day on a rest day moved to the next working day (民法典 第二百零一条、第二百零三条)."""

    @property
    def firm(self) -> bool:
        """True when the trigger sets a deadline; months of service alone set a first day."""
        return self.months is None or self.working_days is not None


class Installment(NamedTuple):
    clause: str
    """Clause that sets the installment."""
    percent: Decimal
    """Share of the total price."""
    trigger: Trigger
    """What makes it payable."""
    amount: Decimal | None = None
    """Amount in figures as written; None where the contract states none (the reference's 尾款)."""
    amount_words: str | None = None
    """Amount in 大写 as written."""
    subject_to_funds: bool = False
    """Paid 根据财政资金到账情况 (e.g. 各项款额): the buyer is not liable for appropriation delays.
    Whether a deadline exists comes from the trigger, never from this flag."""
    paid_event: str | None = None
    """The event that records this payment as received; default installment_N_paid."""
    invoice_event: str | None = None
    """The event that records the vendor's invoice for it; default installment_N_invoiced."""
    name: str | None = None
    """What the contract calls it (首付款, 尾款), shown beside the clause."""
    retention: bool = False
    """质保金: held by the buyer until its release date (the trigger's months after the event,
    where it has months; else the event), then due by the trigger's deadline."""


class Bond(NamedTuple):
    clause: str
    """Clause that sets the bond."""
    percent: Decimal
    """履约保证金 as a share of the total (e.g. 10%)."""
    submit: Trigger
    """When the vendor must lodge it (e.g. 15 working days after the second payment)."""
    refund: Trigger
    """When the buyer returns it (e.g. 30 working days after the completion certificate)."""
    refund_clause: str | None = None
    """Clause that sets the refund; none cited when absent."""


class Window(NamedTuple):
    """A span that closes on an anchor: 'within N working days before X'."""

    clause: str
    before: str
    working_days: int


class Milestone(NamedTuple):
    """An event of the contract's own that a deadline may count from (中期验收, 系统上线)."""

    id: str
    """The event's name in `events:`, triggers and `--event` (e.g. midterm_accepted)."""
    name: str
    """What the contract calls it."""
    clause: str | None = None
    kind: Literal["delivery", "acceptance"] | None = None
    """delivery (交付) or acceptance (验收合格): the statutory payment term of an SME counts from
    it (core/law/rules.py); None: neither, and no statutory term is counted from it."""
    period: Trigger | None = None
    """For an acceptance: the agreed period to complete it (e.g. 15 日 after delivery). When the
    buyer delays acceptance, the statutory term counts from this period's end."""


class LatePayment(NamedTuple):
    """The agreed interest on the buyer's late payment (逾期付款利息), where the contract has it."""

    clause: str | None = None
    daily_permille: Decimal | None = None
    """Per day, in ‰ of the unpaid amount (e.g. 0.3 for 每日万分之三)."""
    annual_percent: Decimal | None = None
    """Per year, in % of the unpaid amount."""


class Deliverable(NamedTuple):
    id: str
    name: str
    clause: str
    every: Literal["month", "quarter", "year"] | None = None
    """Recurring deliverables (e.g. 按季度 / 年度)."""
    due: Trigger | None = None
    """Deadline, where the contract sets one (e.g. 10 working days after the term)."""
    assumed: bool = False
    """True when the contract names no day and `due` is our reading, shown as an assumption."""
    amount: Decimal | None = None
    """The item's price where the contract states one (分项报价): the base of delay damages
    `base: installment` counts on."""


class Provision(NamedTuple):
    """Something the contract says beside a figure (e.g. that losses may be claimed on top of the
    flat damages), shown as a note exactly as the file writes it, with its clause."""

    clause: str
    text: str


class DelayTier(NamedTuple):
    """Days late up to `through_day` (counted from the first day late) at `daily_permille` a day;
    the last tier has no `through_day` and runs on (e.g. 1–10 日 0.5‰, from day 11 1‰)."""

    daily_permille: Decimal
    through_day: int | None = None


DelayBase = Literal["total", "installment", "fee"]
DelayCovers = Literal["deliverables", "bond", "completion_request"]


class DelayDamages(NamedTuple):
    """逾期违约金: per day late, in tiers, on a base, capped, with a right to terminate."""

    clause: str
    tiers: tuple[DelayTier, ...]
    """Each day late at the rate of its tier, in order; the last open (no through_day)."""
    base: DelayBase = "total"
    """total: the contract's total; installment: the late item's amount (a deliverable's
    `amount`, the bond); fee: the period's fee."""
    cap_percent: Decimal | None = None
    """The damages stop at this % (of the total, or of the base with cap_of: base)."""
    cap_of: Literal["total", "base"] = "total"
    cap_covers: Literal["all", "each"] = "all"
    """all: one cap bounds the damages of every late item together (累计不超过); each: every
    item is capped on its own and the capped figures add up. A cap of the base is each item's."""
    terminate_after_days: int | None = None
    """逾期超过 N 日: the buyer may terminate once an item is more than N days late."""
    applies_to: tuple[DelayCovers, ...] | None = None
    """The vendor obligations that carry delay damages; None: every vendor obligation with a
    deadline (deliverables, the bond, the completion request), as 0.2 read it."""


class Damages(NamedTuple):
    """Every part is optional: a contract states the damages it has."""

    daily_permille: Decimal | None = None
    """违约金 per day late, in ‰ of the total (the example: 每日违约金以合同总价款的 1‰): the 0.2
    form of `delay`, read as one open tier on the total."""
    daily_clause: str | None = None
    failed_acceptance_percent: Decimal | None = None
    """违约金 after repeated failed acceptance, in % of the total (the example: 10%)."""
    failed_acceptance_count: int | None = None
    """Failures that trigger it (the example: 累计两次)."""
    failed_acceptance_clause: str | None = None
    breach_percent: Decimal | None = None
    """违约金 for breach or delay, in % of the total (the example: 20%)."""
    breach_clause: str | None = None
    force_majeure_clause: str | None = None
    """Where the contract excuses delay by force majeure; cited beside excused days (none when
    absent)."""
    provisions: tuple[Provision, ...] = ()
    """What the contract states beside the figures, each shown as a note with its clause; the
    tool itself claims nothing about how the damages combine."""
    delay: DelayDamages | None = None
    """逾期违约金 in tiers (`damages.delay`); instead of daily_permille/daily_clause."""

    @property
    def delay_terms(self) -> DelayDamages | None:
        """The delay damages as the rules read them: `delay`, else the 0.2 single rate as one
        open tier on the total, uncapped; None where the contract has none."""
        if self.delay is not None:
            return self.delay
        if self.daily_permille is None:
            return None
        return DelayDamages(self.daily_clause or "", (DelayTier(self.daily_permille),))

    @property
    def has_failed_acceptance(self) -> bool:
        return self.failed_acceptance_percent is not None

    @property
    def has_breach(self) -> bool:
        return self.breach_percent is not None


class System(NamedTuple):
    id: str
    """Short id used in outage logs."""
    name: str
    """Full name as the contract gives it ."""
    clause: str
    aliases: tuple[str, ...] = ()
    """Other names logs use for it (a monitoring tool's 门户平台), matched like the id."""


class MaintenanceWindow(NamedTuple):
    """A weekly planned-maintenance window (每周六 00:00–04:00), not counted as downtime. The file
    writes `from`; it is read into `start` (a Python keyword cannot name a field)."""

    weekday: int
    """ISO weekday: 1 Monday … 7 Sunday."""
    start: str
    """HH:MM, Beijing time, as `from:` in the file."""
    to: str
    """HH:MM; 24:00 is the end of the day; a `to` before `from` runs past midnight."""


class Maintenance(NamedTuple):
    """Planned maintenance, excluded from downtime (计划维护不计入故障时间)."""

    windows: tuple[MaintenanceWindow, ...] = ()
    log_types: tuple[str, ...] = ()
    """Rows whose type/类型 column holds one of these are not downtime (计划维护, planned)."""


class CreditBand(NamedTuple):
    """A service credit: uptime below `below` % takes `percent_of_fee` % of that period's fee."""

    below: Decimal
    percent_of_fee: Decimal


class Uptime(NamedTuple):
    target_percent: Decimal
    """正常运行率 floor (e.g. ≥95% of the year's hours)."""
    clause: str
    period: Literal["month", "quarter", "year"] | None = None
    """What the target is judged over: each month, quarter or service year (None: the service
    year, as 0.2 does)."""
    maintenance: Maintenance | None = None
    """Planned maintenance not counted as downtime."""
    credits: tuple[CreditBand, ...] = ()
    """Service credits per period, deducted from that period's fee; the lowest band reached
    applies."""


class SeverityLevel(NamedTuple):
    """A severity level with its own limits (一级: 15 min to answer, 2 h on site, 4 h restored),
    each judged on its own; a limit not given is not judged."""

    level: str
    """The level's name as the contract writes it (一级); the log may use it or a label."""
    labels: tuple[str, ...] = ()
    """Other names the log's severity/级别 column uses for it (P1, 紧急)."""
    respond_minutes: int | None = None
    onsite_hours: int | None = None
    restore_hours: int | None = None
    deduction: Decimal | None = None
    """Deducted once per incident of this level that breaches any of its limits (from that
    month's fee, where the contract has fees)."""


class Response(NamedTuple):
    fault_response_minutes: int | None = None
    """Answer a fault report within (e.g. 15 minutes); required unless `levels` are given."""
    routine_working_days: int | None = None
    """Routine work done within (e.g. 1 working day)."""
    severe_restore_hours: int | None = None
    """Severe fault restored within (e.g. 2 hours); required unless `levels` are given."""
    severe_onsite_hours: int | None = None
    """Otherwise an engineer on site within (e.g. 24 hours); required unless `levels` are
    given."""
    fault_response_clause: str | None = None
    """Clause cited for the answer time; None: the output cites none."""
    routine_clause: str | None = None
    """Clause cited for routine work."""
    severe_clause: str | None = None
    """Clause cited for restoring a severe fault or being on site."""
    severity_labels: Mapping[str, Literal["severe", "minor"]] = EMPTY
    """The log's severity labels and what each means under the contract; added to (and
    overriding) the built-in labels of core/uptime/severity.py."""
    clause: str | None = None
    """Clause cited for the severity levels' limits."""
    levels: tuple[SeverityLevel, ...] = ()
    """Limits by severity level; when given, every incident is judged by its own level's
    limits and a label naming no level is an error."""


class ScoreBand(NamedTuple):
    """A period's evaluation score (考核) of at least `min` pays `pay_percent` % of the part."""

    min: Decimal
    pay_percent: Decimal


class FeePart(NamedTuple):
    """A share of each period's fee with its own due date (70% after the period, 30% after its
    evaluation, scaled by the score)."""

    percent: Decimal
    """Share of the period's fee."""
    due: Trigger
    """Counted from period_end (the period's last day) or evaluated (fee_N_evaluated)."""
    score_bands: tuple[ScoreBand, ...] = ()
    """Where given, the part is paid at the band the period's score reaches."""


class Fees(NamedTuple):
    """A fee per period (服务费按月/按季度支付)."""

    clause: str
    every: Literal["month", "quarter"]
    amount: Decimal
    """Per period."""
    parts: tuple[FeePart, ...]
    first: dt.date | None = None
    """The first period's first day, `from:` in the file (default: the term's start); as many
    periods as fit the term."""


class Staffing(NamedTuple):
    clause: str
    resident_count: int
    """驻场 engineers (e.g. 1, 5×8)."""
    resident_schedule: str
    mobile_count: int
    """机动驻场 staff (e.g. 2)."""
    mobile_phone_minutes: int
    mobile_onsite_hours: int
    lead_phone_minutes: int
    """Project lead by phone (e.g. 30 minutes)."""
    lead_onsite_hours: int
    """Project lead on site (e.g. 4 hours)."""


class StaffLadder(NamedTuple):
    clause: str
    fails_per_send_back: int
    """Failed evaluations (cumulative) that send a person back (e.g. 2)."""
    warning_at: int
    """Send-backs that bring a termination warning (e.g. 3)."""
    terminate_above: int
    """Send-backs beyond which the buyer may terminate (e.g. more than 3)."""


class Renewal(NamedTuple):
    clause: str
    max_renewals: int
    """Renewals allowed at most (the example: 续签不超过两次)."""
    max_change_percent: Decimal
    """Renewal amount within ±this % of the first contract (the example: 10%)."""
    requires_certificate: bool = True
    """The application attaches this term's completion certificate (附本期 … 服务完成确认书)."""
    no_breach_in_prior_year: bool = True
    """A breach in the term being renewed (上一年度) bars renewal."""


class Signature(NamedTuple):
    party: Literal["buyer", "vendor"]
    date: dt.date
    signer: str | None = None


class Annex(NamedTuple):
    number: int
    title: str
    dates: tuple[dt.date, ...] = ()
    """Every date written on the annex, as written."""
    amount: Decimal | None = None
    """An amount the annex states (the award notice's 成交金额)."""
    precedes_contract: bool = False
    """True for documents that naturally predate signing (award notice, tender commitments)."""


class Evaluation(NamedTuple):
    date: dt.date
    person: str
    result: Literal["pass", "fail"]
    note: str | None = None


class Events(NamedTuple):
    """Dated facts of execution; absent means 'has not happened (yet)'.

    In the file, `events:` is one flat mapping: each single event by its name (generic ones,
    installments' paid and invoice events, deliverables by timeline key) plus the lists below.
    The 0.1 form `delivered: {key: date}` is still read (contracts/contract_file.py folds it in).
    """

    dated: Mapping[str, dt.date] = EMPTY
    """Every single-date event by name."""
    failed_acceptances: tuple[dt.date, ...] = ()
    """Dates the buyer refused the completion confirmation."""
    breaches: tuple[dt.date, ...] = ()
    """Dates of breaches on record (e.g. bar renewal)."""
    evaluations: tuple[Evaluation, ...] = ()
    """Resident-staff evaluations."""
    scores: Mapping[str, Decimal] = EMPTY
    """Scores of events recorded with one (fee_3_evaluated: {date: 2026-04-08, score: 85})."""

    def get(self, name: str) -> dt.date | None:
        return self.dated.get(name)

    @property
    def signed(self) -> dt.date | None:
        return self.dated.get("signed")

    @property
    def service_started(self) -> dt.date | None:
        return self.dated.get("service_started")

    @property
    def completion_certified(self) -> dt.date | None:
        return self.dated.get("completion_certified")


class YearSchedule(NamedTuple):
    """One year's schedule as supplied: for a year chinese-calendar lacks, or days that override
    the official ones (each override is named in a warning)."""

    holidays: Mapping[dt.date, str] = EMPTY
    """Statutory days off, with the holiday's name."""
    workdays: tuple[dt.date, ...] = ()
    """Weekend days that are working days (调休)."""


class Contract(NamedTuple):
    number: str
    """合同编号."""
    title: str
    parties: Parties
    signed: dt.date
    """Date on the signature page; the contract takes effect on signing."""
    term: Term
    total: Decimal
    """合同总价 in figures."""
    total_words: str
    """合同总价 in 大写."""
    installments: tuple[Installment, ...]
    """Payment plan, in order."""
    completion_request: Window | None = None
    """Request the completion certificate within N working days before expiry, where the
    contract asks for one."""
    damages: Damages = Damages()
    """The damages the contract states; each part optional."""
    systems: tuple[System, ...] = ()
    uptime: Uptime | None = None
    response: Response | None = None
    staff_ladder: StaffLadder | None = None
    bond: Bond | None = None
    """The performance bond (履约保证金), where the contract has one."""
    renewal: Renewal | None = None
    """The renewal clause, where the contract has one."""
    total_clause: str | None = None
    """Clause that states the total ."""
    installments_clause: str | None = None
    """Clause that splits the total into installments (as the contract numbers it, e.g. "5")."""
    invoice_clause: str | None = None
    """Clause of the invoice rule (as the contract numbers it)."""
    funds_clause: str | None = None
    """Clause of the subject-to-funds rule (as the contract numbers it)."""
    effective_clause: str | None = None
    """Clause that makes the contract effective on signing ."""
    annexes_clause: str | None = None
    """Clause that lists the annexes ."""
    signing_month: str | None = None
    """签订日期 on the cover, as written (e.g. 2025-09)."""
    outage_log: str | None = None
    """The outage log of the maintained systems (CSV or workbook), relative to the contract
    file: `status` then reports each system's uptime budget."""
    staffing: Staffing | None = None
    """Resident and on-call staff; recorded, not yet computed with."""
    currency: Literal["CNY"] = "CNY"
    invoice_before_payment: bool = True
    """An invoice for the same amount must reach the buyer before each payment."""
    deliverables: tuple[Deliverable, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    """Events of the contract's own, beyond the generic ones, that triggers may count from."""
    signatures: tuple[Signature, ...] = ()
    annexes: tuple[Annex, ...] = ()
    calendar: Mapping[int, YearSchedule] = EMPTY
    """Holiday schedules for years the bundled data does not cover (e.g. 2027)."""
    events: Events = Events()
    fees: Fees | None = None
    """A fee per period, with parts paid by the period's evaluation score."""
    late_payment: LatePayment | None = None
    """The agreed interest on late payment; None: none agreed (the statutory default applies to
    an SME vendor)."""
    lpr_percent: Decimal | None = None
    """The 1-year LPR at signing, where the file states it (overrides the bundled table)."""


def problems(contract: Contract) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(field path, message) for every rule the types alone cannot state."""
    c = contract

    def percent(path: tuple[Any, ...], value: Decimal) -> Iterator[tuple[tuple[Any, ...], str]]:
        if not Decimal(0) <= value <= Decimal(100):
            yield path, _("must be between 0 and 100")

    def trigger(path: tuple[Any, ...], t: Trigger) -> Iterator[tuple[tuple[Any, ...], str]]:
        given = {k for k in ("working_days", "months", "days") if getattr(t, k) is not None}
        if not given or (len(given) > 1 and given != {"months", "working_days"}):
            yield path, _("give one of working_days, days or months (or months with "
                          "working_days: that many months, then the working days)")
        elif any((getattr(t, k) or 0) < 0 for k in given):
            yield path, _("working_days, days and months must not be negative")
        elif problem := count_problem(t.months, t.days, t.working_days):
            yield path, problem

    if c.total <= 0:
        yield ("total",), _("must be positive")
    elif problem := amount_problem(c.total):
        yield ("total",), problem
    yield from _ranges(c)
    if not c.installments and c.fees is None:
        yield ("installments",), _("at least one installment is required (or fees by period)")
    for n, inst in enumerate(c.installments):
        yield from percent(("installments", n, "percent"), inst.percent)
        yield from trigger(("installments", n, "trigger"), inst.trigger)
    if c.bond is not None:
        yield from percent(("bond", "percent"), c.bond.percent)
        yield from trigger(("bond", "submit"), c.bond.submit)
        yield from trigger(("bond", "refund"), c.bond.refund)
    for n, item in enumerate(c.deliverables):
        if item.due is not None:
            yield from trigger(("deliverables", n, "due"), item.due)
    if c.completion_request is not None and c.completion_request.working_days <= 0:
        yield ("completion_request", "working_days"), _("must be positive")
    from contractcalc.core.damages.delay import damages_problems

    yield from damages_problems(c.damages)
    if c.uptime is not None:
        yield from percent(("uptime", "target_percent"), c.uptime.target_percent)
    yield from _family_problems(c)
    r = c.renewal
    if r is not None and not Decimal(0) <= r.max_change_percent <= Decimal(100):
        yield ("renewal", "max_change_percent"), _("must be between 0 and 100")
    if r is not None and r.max_renewals < 0:
        yield ("renewal", "max_renewals"), _("must not be negative")
    yield from _law_problems(c)
    ids = [s.id for s in c.systems]
    if len(ids) != len(set(ids)):
        yield ("systems",), _("system ids must be unique")
    names: dict[str, str] = {}
    for n, s in enumerate(c.systems):
        for k, alias in enumerate(s.aliases):
            other = names.get(alias) or next((o.id for o in c.systems
                                              if alias in (o.id, o.name) and o.id != s.id), None)
            if other is not None and other != s.id:
                yield ("systems", n, "aliases", k), _(
                    "{alias!r} already names system {other}").format(alias=alias, other=other)
            names[alias] = s.id
    for year, schedule in c.calendar.items():
        yield from schedule_problems(("calendar", year), year, schedule)


def _family_problems(c: Contract) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Fees, severity levels, maintenance windows and credit bands: what each value must be on
    its own (how bands fit together is `check`'s, core/payments/bands.py)."""
    def percent(path: tuple[Any, ...], value: Decimal) -> Iterator[tuple[tuple[Any, ...], str]]:
        if not Decimal(0) <= value <= Decimal(100):
            yield path, _("must be between 0 and 100")

    if c.fees is not None:
        f = c.fees
        if f.amount <= 0:
            yield ("fees", "amount"), _("must be positive")
        elif problem := amount_problem(f.amount):
            yield ("fees", "amount"), problem
        if not f.parts:
            yield ("fees", "parts"), _("at least one part is required")
        for n, part in enumerate(f.parts):
            yield from percent(("fees", "parts", n, "percent"), part.percent)
            if part.due.after not in ("period_end", "evaluated"):
                yield ("fees", "parts", n, "due", "after"), _(
                    "expected period_end or evaluated")
            if part.due.working_days is None and part.due.days is None:
                yield ("fees", "parts", n, "due"), _("give working_days or days")
            elif (part.due.working_days or 0) < 0 or (part.due.days or 0) < 0:
                yield ("fees", "parts", n, "due"), _("must not be negative")
            if part.due.months is not None:
                yield ("fees", "parts", n, "due", "months"), _(
                    "a fee part counts working_days or days from its anchor, not months")
            for k, band in enumerate(part.score_bands):
                where: tuple[Any, ...] = ("fees", "parts", n, "score_bands", k)
                yield from percent((*where, "min"), band.min)
                yield from percent((*where, "pay_percent"), band.pay_percent)
    r = c.response
    if r is not None and not r.levels:
        for name in ("fault_response_minutes", "severe_restore_hours", "severe_onsite_hours"):
            if getattr(r, name) is None:
                yield ("response", name), _("required field is missing (or give levels)")
    seen: dict[str, str] = {}
    for n, level in enumerate(r.levels if r is not None else ()):
        for name in ("respond_minutes", "onsite_hours", "restore_hours"):
            if (getattr(level, name) or 0) < 0:
                yield ("response", "levels", n, name), _("must not be negative")
        if level.deduction is not None and (problem := amount_problem(level.deduction,
                                                                      minimum=Decimal(0))):
            yield ("response", "levels", n, "deduction"), problem
        for k, name in enumerate((level.level, *level.labels)):
            key = name.strip().casefold()
            if key in seen and seen[key] != level.level:
                yield (("response", "levels", n, *(("labels", k - 1) if k else ("level",)))), _(
                    "{label!r} already names level {other}").format(label=name,
                                                                    other=seen[key])
            seen[key] = level.level
    u = c.uptime
    if u is None:
        return
    for n, window in enumerate(u.maintenance.windows if u.maintenance else ()):
        at: tuple[Any, ...] = ("uptime", "maintenance", "windows", n)
        if not 1 <= window.weekday <= 7:
            yield (*at, "weekday"), _("expected an ISO weekday, 1 (Monday) to 7 (Sunday)")
        for name in ("start", "to"):
            if clock_minutes(getattr(window, name)) is None:
                yield (*at, name), _("expected a time of day HH:MM (00:00 to 24:00)")
        if window.start == window.to:
            yield (*at, "to"), _("the window is empty: to equals from")
    for n, credit in enumerate(u.credits):
        yield from percent(("uptime", "credits", n, "below"), credit.below)
        yield from percent(("uptime", "credits", n, "percent_of_fee"), credit.percent_of_fee)


def clock_minutes(text: str) -> int | None:
    """Minutes since midnight of HH:MM (24:00 the day's end); None when it is not one."""
    hours, sep, minutes = text.strip().partition(":")
    if not sep or not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        return None
    value = int(hours) * 60 + int(minutes)
    return value if int(minutes) < 60 and value <= 24 * 60 else None


def _law_problems(c: Contract) -> Iterator[tuple[tuple[Any, ...], str]]:
    """The late-payment rate is one of two forms; rates and the LPR are plain positive numbers."""
    lp = c.late_payment
    if lp is not None:
        given = [k for k in ("daily_permille", "annual_percent") if getattr(lp, k) is not None]
        if len(given) != 1:
            yield ("late_payment",), _("give one of daily_permille or annual_percent")
        for k in given:
            if not Decimal(0) <= getattr(lp, k) <= Decimal(1000):
                yield ("late_payment", k), _("must be between 0 and 1000")
    if c.lpr_percent is not None and not Decimal(0) < c.lpr_percent <= Decimal(100):
        yield ("lpr_percent",), _("must be above 0 and at most 100")
    for n, m in enumerate(c.milestones):
        if m.period is not None:
            yield from _period(("milestones", n, "period"), m.period)


def _period(path: tuple[Any, ...], t: Trigger) -> Iterator[tuple[tuple[Any, ...], str]]:
    if t.days is None or t.working_days is not None or t.months is not None or t.days < 0:
        yield path, _("an acceptance period is a number of days: give days (and only days)")


def _ranges(c: Contract) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Amounts and dates outside the supported ranges (core/ranges.py), each by its field."""
    for n, inst in enumerate(c.installments):
        if inst.amount is not None and (problem := amount_problem(inst.amount,
                                                                  minimum=Decimal(0))):
            yield ("installments", n, "amount"), problem
    for n, annex in enumerate(c.annexes):
        if annex.amount is not None and (problem := amount_problem(annex.amount,
                                                                   minimum=Decimal(0))):
            yield ("annexes", n, "amount"), problem
    if c.term.years is not None and not 1 <= c.term.years <= 100:
        yield ("term", "years"), _("must be between 1 and 100")
    ev = c.events
    dated: list[tuple[tuple[Any, ...], dt.date]] = [
        (("signed",), c.signed), (("term", "start"), c.term.start), (("term", "end"), c.term.end),
        *((("events", "dated", name), value) for name, value in ev.dated.items()),
        *((("events", name, n), day) for name in ("failed_acceptances", "breaches")
          for n, day in enumerate(getattr(ev, name))),
        *((("events", "evaluations", n, "date"), e.date) for n, e in enumerate(ev.evaluations)),
        *((("signatures", n, "date"), s.date) for n, s in enumerate(c.signatures)),
        *((("annexes", n, "dates", i), day) for n, a in enumerate(c.annexes)
          for i, day in enumerate(a.dates)),
    ]
    for path, day in dated:
        if problem := date_problem(day):
            yield path, problem


def schedule_problems(path: tuple[Any, ...], year: int,
                      schedule: YearSchedule) -> Iterator[tuple[tuple[Any, ...], str]]:
    """What a year's schedule cannot say: a day of another year, a weekday 'worked' (it is a
    working day already: a typo for a weekend day, or a holiday listed on the wrong side), a day
    both off and worked."""
    for day in schedule.holidays:
        if day.year != year:
            yield (*path, "holidays", day), _("{day} is a date of {other}, not {year}: list it "
                                              "under {other}").format(day=day, other=day.year,
                                                                      year=year)
    for n, day in enumerate(schedule.workdays):
        where = (*path, "workdays", n)
        if day.year != year:
            yield where, _("{day} is a date of {other}, not {year}: list it under {other}").format(
                day=day, other=day.year, year=year)
        elif day.weekday() < 5:
            from contractcalc.core.calendar.workdays import weekday_name

            yield where, _("{day} is a {weekday}, a working day already: list only weekend days "
                           "that are worked (调休)").format(day=day, weekday=weekday_name(day))
        if day in schedule.holidays:
            yield where, _("{day} is listed under both holidays and workdays").format(day=day)
