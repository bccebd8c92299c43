"""Chinese financial numerals (大写) both ways, following the PBOC rules for 票据和结算凭证.

Writing produces one canonical form: a single 零 for every run of zeros that lies between two
non-zero digits (across 万/亿 groups and the 元 boundary alike), 整 after 元 when there are no
角/分, and 壹拾 for a leading ten. Reading accepts every form those rules allow (零 optional where
rule 4 makes it so, 整 or 正, 元 or 圆, an optional 人民币 prefix, and the traditional characters
rule 1 says must be accepted: 貳, 陸, 億, 萬, 圓 and the like), so a checker compares values, not
spellings; `style_problems` lists what the rules require but the value does not depend on.
Each digit is read with its place (10^place, 角 = -1, 分 = -2); places must fall strictly from left
to right, so a repeated or misplaced unit (壹亿壹亿, 壹佰贰仟) is refused rather than summed.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise
from typing import NamedTuple

from contractcalc.core.money.amounts import to_fen
from contractcalc.i18n import _

DIGITS = "零壹贰叁肆伍陆柒捌玖"
SMALL_UNITS = ("", "拾", "佰", "仟")
GROUP_UNITS = ("", "万", "亿", "万")  # 10^12 is 万 before the 亿 that follows
MAX_AMOUNT = Decimal(10) ** 16 - Decimal("0.01")
PREFIX = "人民币"
# Rule 1 of 正确填写票据和结算凭证的基本规定 (支付结算办法, 附一): 大写 written in traditional
# characters (如貳、陸、億、萬、圓) must be accepted. 參/叄 are the traditional and variant forms
# of 叁, 幣 of 币, 負 of 负; the other numerals and units are the same in both scripts.
TRADITIONAL = str.maketrans({"貳": "贰", "貮": "贰", "參": "叁", "叄": "叁", "陸": "陆",
                             "萬": "万", "億": "亿", "圓": "元", "圆": "元", "幣": "币",
                             "負": "负"})
SMALL = "拾佰仟"


def to_words(amount: Decimal, *, prefix: bool = False) -> str:
    """Figure → 大写, e.g. Decimal('240000') → '贰拾肆万元整'."""
    amount = to_fen(amount)
    if amount < 0:
        return ("人民币负" if prefix else "负") + to_words(-amount)
    if amount > MAX_AMOUNT:
        raise ValueError(_("{amount} is too large to write in 大写 (limit {limit})").format(
            amount=amount, limit=MAX_AMOUNT))
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


class _Digit(NamedTuple):
    digit: int
    place: int
    """The power of ten it counts: 仟 of 万 is 7, 角 is -1, 分 is -2."""
    written: str
    zero_before: bool
    """A 零 is written between this digit and the one before it."""


class _Reading(NamedTuple):
    value: Decimal
    digits: tuple[_Digit, ...]
    ending: str
    """The last unit written: 元, 角 or 分."""
    zheng: bool
    """整 (or 正) is written at the end."""


def from_words(text: str) -> Decimal:
    """大写 → figure. ValueError, naming the offending character, on anything malformed."""
    return _read(text).value


def style_problems(text: str) -> list[str]:
    """What the PBOC rules require of a well-formed 大写 beyond its value, one line each.

    Rule 2: 整 (or 正) after 元 when there are no 角/分, and none after 分. Rule 4: a zero
    between digits is written 零 (壹仟零玖元, not 壹仟玖元), except that the 零 may be left out
    where the zeros end at the 万 or 元 place (壹拾万柒仟元, 壹仟陆佰捌拾元叁角贰分); where 角 is
    0 and 分 is not, 元 is followed by 零 (rule 4(4)). A 零 that stands for no zero is also
    listed. ValueError when the text is not 大写 at all.
    """
    reading = _read(text)
    found: list[str] = []
    for before, digit in pairwise(reading.digits):
        lowest_zero = digit.place + 1
        if before.place - digit.place == 1:
            if digit.zero_before:
                found.append(_("零 between {before} and {after} stands for no zero "
                               "digit").format(before=before.written, after=digit.written))
        elif not digit.zero_before and not (lowest_zero >= 0 and lowest_zero % 4 == 0):
            found.append(_("零 is missing between {before} and {after}: a zero between digits "
                           "is written 零 (支付结算办法 附一, rule 4)").format(
                               before=before.written, after=digit.written))
    if reading.ending == "元" and not reading.zheng:
        found.append(_("整 (or 正) is missing after 元 (支付结算办法 附一, rule 2)"))
    if reading.ending == "分" and reading.zheng:
        found.append(_("整 (or 正) is written after 分, where 支付结算办法 附一 rule 2 says "
                       "none"))
    return found


def _read(text: str) -> _Reading:
    s = "".join(text.split()).translate(TRADITIONAL)
    s = s.removeprefix(PREFIX)
    negative = s.startswith("负")
    s = s.removeprefix("负")
    zheng = s.endswith(("整", "正"))
    if zheng:
        s = s[:-1]
    if not s:
        raise ValueError(_("{text!r} holds no amount").format(text=text))
    if s.count("元") > 1:
        raise ValueError(_("{text!r}: 元 appears more than once").format(text=text))
    if "元" in s:
        integer_part, fraction_part = s.split("元")
        ending = fraction_part[-1] if fraction_part else "元"
    elif s.endswith(("角", "分")):
        integer_part, fraction_part, ending = "", s, s[-1]
    else:
        raise ValueError(_("{text!r}: expected 元 after the whole amount").format(text=text))
    digits = _integer_digits(integer_part, text) if integer_part.strip("零") else []
    digits += _fraction_digits(fraction_part, text)
    for before, digit in pairwise(digits):
        if digit.place >= before.place:
            raise ValueError(_("{text!r}: {digit} after {before}: units out of order").format(
                text=text, digit=digit.written, before=before.written))
    value = sum((Decimal(d.digit).scaleb(d.place) for d in digits), Decimal(0))
    return _Reading(-value if negative else value, tuple(digits), ending, zheng)


def _integer_digits(s: str, text: str) -> list[_Digit]:
    """Terms (a digit, with 拾/佰/仟 unless it is a group's units digit), 零 and 万/亿."""
    items: list[tuple[str, int, str]] = []   # ("digit", value, written), ("small", exp, ch), ...
    for ch in s:
        last = items[-1] if items else None
        if ch in DIGITS[1:]:
            if last is not None and last[0] == "digit":
                raise ValueError(_("{text!r}: two digits without a unit between them").format(
                    text=text))
            items.append(("digit", DIGITS.index(ch), ch))
        elif ch in SMALL:
            if last is not None and last[0] == "digit":
                items[-1] = ("term", last[1] * 10 + SMALL.index(ch) + 1, last[2] + ch)
            elif ch == "拾" and last is None:
                items.append(("term", 10 + 1, ch))  # a bare leading 拾 means ten
            else:
                raise ValueError(_("{text!r}: {ch} has no digit before it").format(
                    text=text, ch=ch))
        elif ch == "零":
            if last is not None and last[0] == "digit":
                raise ValueError(_("{text!r}: 零 directly after a digit").format(text=text))
            if last is None:
                raise ValueError(_("{text!r}: 零 before the first digit").format(text=text))
            items.append(("zero", 0, ch))
        elif ch in "万亿":
            if last is None or last[0] == "zero" or (last[0] == "group" and last[2] + ch != "万亿"):
                raise ValueError(_("{text!r}: misplaced {ch}").format(text=text, ch=ch))
            items.append(("group", 0, ch))
        else:
            raise ValueError(_("{text!r}: {ch!r} is not a 大写 numeral or unit").format(
                text=text, ch=ch))
    if items[-1][0] == "zero":
        raise ValueError(_("{text!r}: 零 before 元; write it after 元 (元零伍角)").format(
            text=text))
    # Right to left, each 万/亿 sets the place of the terms before it: 万 is 4, or 12 once a 亿
    # lies to its right (壹万亿 = 10^12); a second 亿, or a second 万 on one side of 亿, is refused.
    digits: list[_Digit] = []
    level, seen_yi, seen_wan, zero_after = 0, False, False, False
    for kind, value, written in reversed(items):
        if kind == "group":
            if written == "亿":
                if seen_yi:
                    raise ValueError(_("{text!r}: 亿 appears more than once").format(text=text))
                seen_yi, seen_wan, level = True, False, 8
            else:
                if seen_wan:
                    raise ValueError(_("{text!r}: 万 appears more than once").format(text=text))
                seen_wan, level = True, (8 if seen_yi else 0) + 4
            continue
        if kind == "zero":
            zero_after = True
            continue
        if digits and zero_after:
            digits[-1] = digits[-1]._replace(zero_before=True)
        digit, exp = (value, 0) if kind == "digit" else divmod(value, 10)
        digits.append(_Digit(digit, level + exp, written, False))
        zero_after = False
    return digits[::-1]


def _fraction_digits(s: str, text: str) -> list[_Digit]:
    """After 元: an optional 零, then a digit with 角, then a digit with 分 (either may be 零)."""
    digits: list[_Digit] = []
    zero, digit = False, None
    for ch in s:
        if ch == "零" and digit is None:
            zero = True
        elif ch in DIGITS[1:] and digit is None:
            digit = ch
        elif ch in "角分" and digit is not None:
            digits.append(_Digit(DIGITS.index(digit), -1 - "角分".index(ch), digit + ch, zero))
            zero, digit = False, None
        else:
            raise ValueError(_("{text!r}: unexpected {ch!r} in the 角/分 part").format(
                text=text, ch=ch))
    if digit is not None or zero:
        raise ValueError(_("{text!r}: expected 角 or 分 at the end").format(text=text))
    return digits
