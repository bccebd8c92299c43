"""Money is Decimal end to end; it is rounded to the fen, half-up, only where it is shown."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from contractcalc.i18n import _

FEN = Decimal("0.01")
HUNDRED = Decimal(100)
THOUSAND = Decimal(1000)


def to_fen(amount: Decimal) -> Decimal:
    """Round half-up to 0.01, the precision of every amount a contract or invoice states."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def fen_str(amount: Decimal) -> str:
    """Machine form used in JSON and CSV: '2880.00'."""
    return f"{to_fen(amount):f}"


def display(amount: Decimal) -> str:
    """Human form used in tables: '2,880.00'."""
    return f"{to_fen(amount):,.2f}"


def percent_of(total: Decimal, percent: Decimal) -> Decimal:
    return total * percent / HUNDRED


def permille_of(total: Decimal, permille: Decimal) -> Decimal:
    return total * permille / THOUSAND


def parse_amount(text: str) -> Decimal:
    """Read '240000', '240,000.00' or '¥240000' as Decimal; ValueError when it is not a number."""
    cleaned = text.strip().replace(",", "").replace("，", "").lstrip("¥￥")
    try:
        value = Decimal(cleaned)
    except ArithmeticError:
        raise ValueError(_("{text!r} is not an amount (expected e.g. 240000.00)").format(
            text=text)) from None
    if not value.is_finite():
        raise ValueError(_("{text!r} is not a finite amount").format(text=text))
    return value


def fen_inward(low: Decimal, high: Decimal) -> tuple[Decimal, Decimal]:
    """The fen amounts that lie within [low, high]: low rounded up, high rounded down, so that
    both printed bounds are themselves inside (±10% of 1,323,477.75 reaches 1,455,825.525, and
    the largest allowed amount is 1,455,825.52, not 1,455,825.53)."""
    return low.quantize(FEN, rounding=ROUND_CEILING), high.quantize(FEN, rounding=ROUND_FLOOR)
