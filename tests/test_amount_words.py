"""大写 both ways; worked cases from the PBOC rules for filling in 票据和结算凭证."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contractcalc.core.money.words import from_words, style_problems, to_words


@pytest.mark.parametrize(("figure", "words"), [
    ("240000.00", "贰拾肆万元整"),          # clause 2
    ("120000.00", "壹拾贰万元整"),          # 3.4: a leading ten is 壹拾, not 拾
    ("72000.00", "柒万贰仟元整"),           # 3.5
    ("48000.00", "肆万捌仟元整"),           # 3.6, the 尾款 the contract leaves unwritten
    ("2880.00", "贰仟捌佰捌拾元整"),        # 12 days of 1‰ damages
    ("1409.50", "壹仟肆佰零玖元伍角"),      # rule 2: a zero between digits is 零; no 整 after 角
    ("6007.14", "陆仟零柒元壹角肆分"),      # rule 3: a run of zeros is one 零
    ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),  # rule 4: 元 digit 0, 角 not: one 零
    ("107000.53", "壹拾万零柒仟元零伍角叁分"),  # rule 4, across 万 and 元
    ("16409.02", "壹万陆仟肆佰零玖元零贰分"),  # rule 5: 角 is 0, 分 not: 零 after 元
    ("325.04", "叁佰贰拾伍元零肆分"),        # rule 5
    ("100010.00", "壹拾万零壹拾元整"),       # zeros across the 万 group boundary
    ("100000001.00", "壹亿零壹元整"),        # an empty 万 group
    ("1000010000.00", "壹拾亿零壹万元整"),
    ("1000000000000.00", "壹万亿元整"),      # 10^12: 万 before 亿
    ("12345678901234.56", "壹拾贰万叁仟肆佰伍拾陆亿柒仟捌佰玖拾万零壹仟贰佰叁拾肆元伍角陆分"),
    ("0.05", "伍分"),                        # no 元 when there are no whole yuan
    ("0.50", "伍角"),
    ("0", "零元整"),
])
def test_known_amounts(figure: str, words: str) -> None:
    assert to_words(Decimal(figure)) == words
    assert from_words(words) == Decimal(figure)
    assert from_words("人民币" + words) == Decimal(figure)


@pytest.mark.parametrize(("words", "figure"), [
    ("壹仟陆佰捌拾元叁角贰分", "1680.32"),    # rule 4 lets the 零 be left out
    ("壹拾万柒仟元伍角叁分", "107000.53"),
    ("拾元整", "10"),                        # a bare leading 拾 is still ten
    ("人民币贰拾肆万圆正", "240000"),         # 圆 and 正 are accepted spellings
    ("壹仟肆佰零玖元伍角整", "1409.50"),
    # Rule 1: 大写 in traditional characters (如貳、陸、億、萬、圓) must be accepted.
    ("人民幣貳拾肆萬圓整", "240000"),
    ("陸億元整", "600000000"),
    ("參佰元正", "300"),
    ("壹億零陸萬貳仟元整", "100062000"),
    ("人民幣負伍角", "-0.50"),
])
def test_accepted_variants(words: str, figure: str) -> None:
    assert from_words(words) == Decimal(figure)


@pytest.mark.parametrize("words", [
    "", "人民币", "贰拾肆万", "贰拾肆万元元整", "贰贰万元整", "壹佰贰仟元整", "贰拾肆万美元整",
    "伍角伍角", "十元整", "佰元整", "壹万万元整",
    # Repeated or misordered units: once read as 10,000,000,100,000,000 by summing the parts.
    "人民币壹亿壹亿元整", "壹仟壹仟元整", "壹亿万元整", "壹万贰万元整",
    "什元整",          # not a 大写 numeral: the rules list 拾 only
    "壹拾零元整",      # 零 belongs after 元 (元零伍角), not before it
    "零壹元整", "壹元伍",
])
def test_malformed_words_are_refused(words: str) -> None:
    with pytest.raises(ValueError):
        from_words(words)


@given(st.decimals(min_value=0, max_value=Decimal("9999999999999999.99"), places=2,
                   allow_nan=False, allow_infinity=False))
def test_round_trip(amount: Decimal) -> None:
    assert from_words(to_words(amount)) == amount


@pytest.mark.parametrize(("words", "problem"), [
    ("壹仟玖元整", "零 is missing between 壹仟 and 玖"),        # 1,009.00: rule 4(1)
    ("壹拾万玖元整", "零 is missing"),                          # 100,009: zeros end at 十, not 万
    ("壹万陆仟肆佰零玖元贰分", "零 is missing between 玖 and 贰分"),  # rule 4(4): 元零贰分
    ("壹仟零玖元", "整 (or 正) is missing after 元"),           # rule 2
    ("叁佰贰拾伍元零肆分整", "after 分"),                       # rule 2: no 整 after 分
    ("壹元零伍角", "stands for no zero digit"),                 # 1.50 has no zero to mark
])
def test_style_problems(words: str, problem: str) -> None:
    assert any(problem in p for p in style_problems(words)), style_problems(words)


@pytest.mark.parametrize("words", [
    "壹拾万柒仟元伍角叁分",        # rule 4(3): zeros ending at 万 or 元 may go unwritten
    "壹仟陆佰捌拾元叁角贰分",
    "壹拾万零柒仟元零伍角叁分",
    "壹仟肆佰零玖元伍角", "壹仟肆佰零玖元伍角整",  # 整 after 角 is optional
    "人民币贰拾肆万元整",
])
def test_well_formed_words_have_no_style_problems(words: str) -> None:
    assert style_problems(words) == []


@given(st.decimals(min_value=0, max_value=Decimal("9999999999999999.99"), places=2,
                   allow_nan=False, allow_infinity=False))
def test_written_words_are_well_formed(amount: Decimal) -> None:
    assert style_problems(to_words(amount, prefix=True)) == []


def test_check_warns_about_style_but_not_as_an_error(contract) -> None:
    from contractcalc.core.findings.drafting import check_contract

    c = contract._replace(total=Decimal("1009"), total_words="壹仟玖元整",
                          installments=contract.installments[:1])
    found = [f for f in check_contract(c) if f.field == "total_words"]
    assert [f.severity for f in found] == ["warning"]
    assert "零 is missing" in found[0].message
    fine = contract._replace(total_words="人民幣貳拾肆萬圓整")
    assert not [f for f in check_contract(fine) if f.field == "total_words"]
