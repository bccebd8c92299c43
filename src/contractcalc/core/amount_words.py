"""Chinese financial numerals (大写) both ways, following the PBOC rules for 票据和结算凭证.

Writing produces one canonical form: a single 零 for every run of zeros that lies between two
non-zero digits (across 万/亿 groups and the 元 boundary alike), 整 after 元 when there are no
角/分, and 壹拾 for a leading ten. Reading accepts every form those rules allow (零 optional where
rule 4 makes it so, 整 or 正, 元 or 圆, an optional 人民币 prefix), so a checker compares values,
not spellings.
"""

from __future__ import annotations

from decimal import Decimal

from contractcalc.core.money import to_fen

DIGITS = "零壹贰叁肆伍陆柒捌玖"
SMALL_UNITS = ("", "拾", "佰", "仟")
GROUP_UNITS = ("", "万", "亿", "万")  # 10^12 is 万 before the 亿 that follows
MAX_AMOUNT = Decimal(10) ** 16 - Decimal("0.01")
PREFIX = "人民币"


def to_words(amount: Decimal, *, prefix: bool = False) -> str:
    """Figure → 大写, e.g. Decimal('240000') → '贰拾肆万元整'."""
    amount = to_fen(amount)
    if amount < 0:
        return ("人民币负" if prefix else "负") + to_words(-amount)
    if amount > MAX_AMOUNT:
        raise ValueError(f"{amount} is too large to write in 大写 (limit {MAX_AMOUNT})")
    fen_total = int(amount * 100)
    yuan, jiao, fen = fen_total // 100, fen_total // 10 % 10, fen_total % 10
    # Each digit with the unit it carries; group units ride on the group's last position.
    slots: list[tuple[int, str]] = []
    if yuan:
        digits = str(yuan)
        for pos, ch in enumerate(digits):
            place = len(digits) - 1 - pos
            slots.append((int(ch), SMALL_UNITS[place % 4]))
            if place % 4 == 0:
                slots.append((-1, GROUP_UNITS[place // 4]))  # group marker
    out: list[str] = []
    group_has_digit = False
    above_yi_has_digit = False  # 亿 is written when its group or the 万亿 group above has a digit
    pending_zero = False
    for digit, unit in slots:
        if digit == -1:
            if group_has_digit or (unit == "亿" and above_yi_has_digit):
                out.append(unit)
            above_yi_has_digit = above_yi_has_digit or (group_has_digit and unit != "")
            group_has_digit = False
            continue
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(DIGITS[digit] + unit)
        group_has_digit = True
    if yuan:
        out.append("元")
    if jiao == 0 and fen == 0:
        out.append("整" if yuan else "零元整")
    else:
        if jiao:
            if pending_zero:
                out.append("零")
            out.append(DIGITS[jiao] + "角")
        if fen:
            if not jiao and yuan:
                out.append("零")
            out.append(DIGITS[fen] + "分")
    words = "".join(out)
    return PREFIX + words if prefix else words


def from_words(text: str) -> Decimal:
    """大写 → figure. ValueError, naming the offending character, on anything malformed."""
    s = "".join(text.split())
    if s.startswith(PREFIX):
        s = s[len(PREFIX):]
    negative = s.startswith("负")
    if negative:
        s = s[1:]
    if s.endswith(("整", "正")):
        s = s[:-1]
    if not s:
        raise ValueError(f"{text!r} holds no amount")
    s = s.replace("圆", "元")
    if s.count("元") > 1:
        raise ValueError(f"{text!r}: 元 appears more than once")
    if "元" in s:
        integer_part, fraction_part = s.split("元")
    elif s.endswith(("角", "分")):
        integer_part, fraction_part = "", s
    else:
        raise ValueError(f"{text!r}: expected 元 after the whole amount")
    yuan = _read_integer(integer_part, text) if integer_part.strip("零") else 0
    fen = _read_fraction(fraction_part, text)
    value = Decimal(yuan) + Decimal(fen) / 100
    return -value if negative else value


def _read_fraction(s: str, text: str) -> int:
    s = s.lstrip("零")
    total = 0
    for unit, scale in (("角", 10), ("分", 1)):
        if unit in s:
            head, s = s.split(unit, 1)
            head = head.lstrip("零")
            if len(head) != 1 or head not in DIGITS:
                raise ValueError(f"{text!r}: expected one digit before {unit}")
            total += DIGITS.index(head) * scale
    if s:
        raise ValueError(f"{text!r}: unexpected {s!r} after the 角/分 part")
    return total


def _read_integer(s: str, text: str) -> int:
    if "亿" in s:
        high, low = s.rsplit("亿", 1)
        if not high:
            raise ValueError(f"{text!r}: 亿 has no digits before it")
        return _read_integer(high, text) * 10**8 + (_read_below(low, text, 10**8) if low else 0)
    return _read_below(s, text, 10**8)


def _read_below(s: str, text: str, limit: int) -> int:
    if "万" in s:
        high, low = s.split("万", 1)
        if not high.strip("零") or "万" in low:
            raise ValueError(f"{text!r}: misplaced 万")
        value = _read_section(high, text) * 10**4 + (_read_section(low, text) if low else 0)
    else:
        value = _read_section(s, text)
    if value >= limit:
        raise ValueError(f"{text!r}: units out of order")
    return value


def _read_section(s: str, text: str) -> int:
    """Up to 仟: digits each followed by 拾/佰/仟 in falling order, zeros as 零."""
    value, digit, last_scale = 0, None, 10_000
    for ch in s:
        if ch == "零":
            if digit is not None:
                raise ValueError(f"{text!r}: 零 directly after a digit")
            continue
        if ch in DIGITS:
            if digit is not None:
                raise ValueError(f"{text!r}: two digits without a unit between them")
            digit = DIGITS.index(ch)
            continue
        if ch in "拾佰仟":
            scale = 10 ** "拾佰仟".index(ch) * 10
            if scale >= last_scale:
                raise ValueError(f"{text!r}: {ch} out of order")
            if digit is None:
                if ch != "拾" or value:
                    raise ValueError(f"{text!r}: {ch} has no digit before it")
                digit = 1  # a bare leading 拾 means ten
            value += digit * scale
            digit, last_scale = None, scale
            continue
        raise ValueError(f"{text!r}: {ch!r} is not a 大写 numeral or unit")
    if digit is not None:
        value += digit
    return value
