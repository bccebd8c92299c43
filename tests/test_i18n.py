"""Language: the Chinese catalog is complete and compiled, the language is chosen as documented,
and machine fields (JSON/CSV keys, status codes) do not depend on it."""

from __future__ import annotations

import csv
import io
import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from contractcalc.i18n import detect, from_argv, language, set_language
from tests.conftest import EXAMPLE, ROOT

TOOLS = runpy.run_path(str(ROOT / "tools" / "i18n.py"))
EVENTS = ["--event", "second_payment_received=2025-11-20", "--event", "bond_confirmed=2026-01-05"]


def test_the_shipped_mo_is_compiled_from_the_po() -> None:
    """A translator edits the .po; `python tools/i18n.py compile` must have been run since."""
    assert TOOLS["MO"].read_bytes() == TOOLS["mo_bytes"](TOOLS["read_catalog"]())


def test_every_msgid_of_the_code_has_a_chinese_translation() -> None:
    """Extracted afresh with Babel: a string marked with _() or ngettext() but missing from the
    catalog (or left empty or fuzzy) would show in English to a Chinese user."""
    catalog = TOOLS["read_catalog"]()
    missing = []
    for message in TOOLS["extract"]():
        if not message.id:
            continue
        found = catalog.get(message.id)
        strings = found.string if found is not None and isinstance(found.string, tuple) else \
            (found.string,) if found is not None else ("",)
        if found is None or found.fuzzy or not all(strings):
            missing.append(message.id)
    assert missing == []


def test_translations_keep_their_placeholders() -> None:
    """{days} in the English must be {days} in the Chinese, or .format() fails or drops it."""
    import string

    def names(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}

    for message in TOOLS["read_catalog"]():
        if not message.id:
            continue
        english = message.id[0] if isinstance(message.id, tuple) else message.id
        chinese = message.string[0] if isinstance(message.string, tuple) else message.string
        assert names(chinese) == names(english), english


@pytest.mark.parametrize(("environ", "lang"), [
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_TW.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),  # LC_ALL overrides LANG (setlocale(3))
    ({"LC_MESSAGES": "zh_CN.GBK", "LANG": "en_US"}, "zh"),
    ({"CONTRACTCALC_LANG": "en", "LC_ALL": "zh_CN.UTF-8"}, "en"),
    ({"CONTRACTCALC_LANG": "zh", "LANG": "C.UTF-8"}, "zh"),
])
def test_language_from_the_environment(environ: dict[str, str], lang: str) -> None:
    assert detect(environ) == lang


def test_lang_on_the_command_line() -> None:
    assert from_argv(["payments", "--lang", "en"]) == "en"
    assert from_argv(["payments", "--lang=zh"]) == "zh"
    assert from_argv(["payments", "--", "--lang", "zh"]) is None
    assert from_argv(["payments", "--lang"]) is None


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="zh or en"):
        set_language("fr")
    assert language() == "en"


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items()
               if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "CONTRACTCALC_LANG")}
    return subprocess.run([sys.executable, "-m", "contractcalc", *args], capture_output=True,
                          text=True, encoding="utf-8", env={**environ, **env}, check=False)


def test_a_chinese_locale_gets_chinese_and_lang_en_overrides_it() -> None:
    args = ["payments", "-c", str(EXAMPLE), "--as-of", "2026-01-10", *EVENTS]
    zh = _cli(*args, LANG="zh_CN.UTF-8")
    assert zh.stdout.startswith("付款计划：合同 2025-036"), zh.stdout
    assert "还有 26 个工作日" in zh.stdout
    en = _cli(*args, "--lang", "en", LANG="zh_CN.UTF-8")
    assert en.stdout.startswith("Payments"), en.stdout
    env = _cli(*args, CONTRACTCALC_LANG="zh", LANG="en_US.UTF-8")
    assert env.stdout == zh.stdout


def test_help_texts_follow_the_language() -> None:
    """Help is built when a command's module is imported: main() settles the language first."""
    top = _cli("--help", LANG="zh_CN.UTF-8")
    assert "退出码" in top.stdout
    sub = _cli("payments", "--help", "--lang=zh")
    assert "应付款项" in sub.stdout and "表格、说明和提示信息的语言" in sub.stdout
    assert "What money is due" in _cli("payments", "--help", LANG="zh_CN.UTF-8",
                                       CONTRACTCALC_LANG="en").stdout


def test_a_bad_input_in_chinese_is_one_line_and_exit_2(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_bytes(EXAMPLE.read_bytes())
    done = _cli("timeline", "-c", str(EXAMPLE), "-c", str(other), "--event", "signed=2025-09-17",
                LANG="zh_CN.UTF-8")
    assert done.returncode == 2
    assert "--event 只适用于一份合同" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unknown_lang_value_is_a_usage_error(run) -> None:
    result = run("payments", "--lang", "fr", code=2)
    assert "fr" in result.output


@pytest.mark.parametrize("command", [
    ["payments", "--as-of", "2026-01-10", *EVENTS],
    ["timeline", "--as-of", "2026-01-10", *EVENTS],
    ["bond", "--as-of", "2026-01-10", *EVENTS],
])
def test_json_and_csv_keys_and_codes_are_the_same_in_both_languages(run, command) -> None:
    """Only human text (title, trigger, state, due_label, notes) changes with the language."""
    args = [*command, "-c", str(EXAMPLE)]
    en = run.json(*args, "--lang", "en", code=None)
    zh = run.json(*args, "--lang", "zh", code=None)
    assert en.keys() == zh.keys()
    assert [r.keys() for r in en["rows"]] == [r.keys() for r in zh["rows"]]
    human = {"title", "trigger", "state", "due_label"}
    for a, b in zip(en["rows"], zh["rows"], strict=True):
        assert {k: v for k, v in a.items() if k not in human} == \
            {k: v for k, v in b.items() if k not in human}
    assert en["rows"][0]["state"] != zh["rows"][0]["state"]
    en_csv = run(*args, "--lang", "en", "--format", "csv", code=None).stdout
    zh_csv = run(*args, "--lang", "zh", "--format", "csv", code=None).stdout
    assert next(csv.reader(io.StringIO(en_csv))) == next(csv.reader(io.StringIO(zh_csv)))


def test_the_chinese_uptime_json_keeps_the_codes(run) -> None:
    outages = Path(__file__).with_name("golden") / "outages.csv"
    args = ["uptime", str(outages), "-c", str(EXAMPLE), "--from", "2025-09-17", "--to",
            "2026-09-16", "--as-of", "2026-03-01", "--format", "json"]
    en = json.loads(run(*args, "--lang", "en", code=1).stdout)
    zh = json.loads(run(*args, "--lang", "zh", code=1).stdout)
    assert [r.keys() for r in en["rows"]] == [r.keys() for r in zh["rows"]]
    assert [r["passed"] for r in en["rows"]] == [r["passed"] for r in zh["rows"]]
    assert [b["kind"] for b in en["sla_breaches"]] == [b["kind"] for b in zh["sla_breaches"]]


def test_plain_tables_hold_no_ambiguous_width_characters(run) -> None:
    """Xshell, SecureCRT and Windows consoles draw East Asian Ambiguous characters (— • ‰ × ±)
    two columns wide: in a plain table they would shift every column after them."""
    from unicodedata import east_asian_width

    outages = Path(__file__).with_name("golden") / "outages.csv"
    for lang in ("en", "zh"):
        for args in (["payments", "--as-of", "2026-01-10", *EVENTS],
                     ["timeline", "--as-of", "2026-01-10", *EVENTS],
                     ["uptime", str(outages), "--as-of", "2026-03-01"]):
            text = run(*args, "-c", str(EXAMPLE), "--lang", lang, code=None).stdout
            body = text.splitlines()[1:]  # the title line is not aligned with anything
            assert [ch for line in body for ch in line if east_asian_width(ch) == "A"] == [], \
                (lang, args[0])


@pytest.mark.parametrize(("args", "zh_text", "en_text"), [
    # The example's term (2023-09-17 to 2024-09-16) ends before signing on 2025-09-17.
    (["check"], "合同 2025-036 检查结果", "Check of contract 2025-036"),
    (["check"], "在合同签订日 2025-09-17 之前已届满", "ends before the contract is signed"),
    # 2025-10-01 is National Day, a Wednesday.
    (["workdays", "is", "2025-10-01"], "星期三", "Wednesday"),
    (["workdays", "is", "2025-10-01"], "法定节假日：国庆节", "statutory holiday: National Day"),
    # 2025-09-28 (a Sunday) was made a working day for National Day.
    (["workdays", "list", "2025-09-27", "2025-09-28", "--all"], "周末调为工作日（调休）",
     "weekend made a working day"),
    (["workdays", "count", "2025-10-01", "2025-10-31"], "（含首尾）的工作日", "(inclusive)"),
    (["workdays", "add", "2025-09-17", "20"], "自 2025-09-17 起第 20 个工作日",
     "20 working day(s) from 2025-09-17"),
])
def test_each_command_speaks_chinese_and_lang_en_stays_english(run, args, zh_text,
                                                               en_text) -> None:
    zh = run(*args, "-c", str(EXAMPLE), "--lang", "zh", code=None)
    en = run(*args, "-c", str(EXAMPLE), "--lang", "en", code=None)
    assert zh_text in zh.stdout and en_text not in zh.stdout, zh.stdout
    assert en_text in en.stdout and zh_text not in en.stdout, en.stdout


def test_lang_before_the_command() -> None:
    args = ["payments", "-c", str(EXAMPLE), "--as-of", "2026-01-10", *EVENTS]
    zh = _cli("--lang", "zh", *args, LANG="en_US.UTF-8")
    assert zh.returncode == 0, zh.stderr
    assert zh.stdout.startswith("付款计划：合同 2025-036"), zh.stdout
    assert _cli("--lang", "zh", *args, "--lang", "en").stdout.startswith("Payments")
    bad = _cli("--lang", "fr", *args, LANG="zh_CN.UTF-8")
    assert bad.returncode == 2 and "请选择 zh 或 en" in bad.stderr


def test_a_missing_holiday_schedule_is_explained_in_chinese() -> None:
    done = _cli("workdays", "add", "2027-06-01", "5", LANG="zh_CN.UTF-8")
    assert done.returncode == 2
    assert "没有 2027 年的官方节假日安排" in done.stderr, done.stderr


@pytest.mark.parametrize(("args", "zh_error"), [
    (["payments", "--as-of", "2025-13-01"], "--as-of: '2025-13-01' 不是有效日期"),
    (["payments", "--event", "foo=2025-10-01"], "'foo' 不是本合同定义的事件"),
    (["penalty", "--days-late", "5", "--total", "abc"], "'abc' 不是金额"),
    (["payments", "--event", "foo"], "应为 名称=日期"),
])
def test_bad_inputs_are_refused_in_chinese(run, args, zh_error) -> None:
    result = run(*args, "-c", str(EXAMPLE), "--lang", "zh", code=2)
    assert zh_error in result.output, result.output


def test_contract_file_errors_in_chinese(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8") + "\nfoo: 1\n", encoding="utf-8")
    result = run("payments", "-c", str(bad), "--lang", "zh", code=2)
    assert "foo: 未知字段" in result.output, result.output


@pytest.mark.parametrize(("args", "zh_text", "en_text"), [
    # 240,000.00 x 1 permille x 12 days = 2,880.00
    (["penalty", "--days-late", "12"], "违约金：合同 2025-036，逾期 12 天",
     "Liquidated damages"),
    (["staff"], "驻场人员考核", "Resident staff evaluations"),
    (["schema", "--help"], "输出合同文件的 JSON Schema", "Print the JSON Schema"),
])
def test_penalty_staff_schema_speak_chinese(run, args, zh_text, en_text) -> None:
    if args[0] == "schema":  # help is built at import: a fresh process per language
        assert zh_text in _cli(*args, LANG="zh_CN.UTF-8").stdout
        assert en_text in _cli(*args, "--lang", "en").stdout
        return
    zh = run(*args, "-c", str(EXAMPLE), "--lang", "zh", code=None)
    en = run(*args, "-c", str(EXAMPLE), "--lang", "en", code=None)
    assert zh_text in zh.stdout, zh.stdout
    assert en_text in en.stdout and zh_text not in en.stdout, en.stdout


@pytest.mark.parametrize(("args", "zh_texts", "en_texts"), [
    # As of 2026-01-10 the first quarterly report (due 2025-12-30, assumed) is 11 days late.
    (["status", "--as-of", "2026-01-10"], ["需要关注的事项（截至 2026-01-10）", "逾期 11 天", "乙方"],
     ["What needs attention", "overdue by 11 days", "vendor"]),
    # 250,000.00 is +4.17% of 240,000.00 (within 10%); no completion certificate recorded yet.
    (["renewal", "--amount", "250000", "--as-of", "2026-09-01"],
     ["第 1 次续签：合同 2025-036，暂不满足续签条件", "未记录"],
     ["Renewal no. 1", "not recorded"]),
    # A third renewal after the term (ends 2026-09-16) is not allowed.
    (["renewal", "--amount", "250000", "-n", "3", "--as-of", "2026-10-01"],
     ["不允许续签", "最多允许续签 2 次"], ["NOT allowed", "at most 2 renewals"]),
])
def test_status_and_renewal_speak_chinese(run, args, zh_texts, en_texts) -> None:
    zh = run(*args, "-c", str(EXAMPLE), "--lang", "zh", code=None).stdout
    en = run(*args, "-c", str(EXAMPLE), "--lang", "en", code=None).stdout
    assert all(t in zh for t in zh_texts), zh
    assert not any(t in zh for t in en_texts), zh
    assert all(t in en for t in en_texts), en
    assert not any(t in en for t in zh_texts), en


def test_renewal_json_keeps_its_codes_in_both_languages(run) -> None:
    args = ["renewal", "--amount", "250000", "--as-of", "2026-09-01", "-c", str(EXAMPLE)]
    en = run.json(*args, "--lang", "en", code=1)
    zh = run.json(*args, "--lang", "zh", code=1)
    assert [r["state"] for r in en["rows"]] == [r["state"] for r in zh["rows"]]
    assert en["verdict"] == zh["verdict"] == "not_yet"
    assert [r.keys() for r in en["rows"]] == [r.keys() for r in zh["rows"]]


def test_record_speaks_chinese(run, tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(EXAMPLE.read_bytes())
    done = run("record", "bond_confirmed", "2026-01-05", "-c", str(path), "--as-of",
               "2026-02-01", "--lang", "zh")
    assert f"已记录 bond_confirmed = 2026-01-05，文件 {path}" in done.stdout
    again = run("record", "bond_confirmed", "2026-01-06", "-c", str(path), "--as-of",
                "2026-02-01", "--lang", "zh", code=2)
    assert "bond_confirmed 已记录为 2026-01-05；用 --replace 修改" in again.output
    undone = run("record", "--undo", "-c", str(path), "--lang", "en")
    assert "restored the file as it was before the last record" in undone.stdout
    assert "已记录" not in undone.stdout


def test_status_renewal_record_help_in_chinese() -> None:
    for command, text in (("status", "各合同中需要关注的事项"), ("renewal", "续签限制"),
                          ("record", "把已发生的事件记入合同文件")):
        assert text in _cli(command, "--help", LANG="zh_CN.UTF-8").stdout
        assert text not in _cli(command, "--help", "--lang", "en").stdout


def test_damages_and_staff_notes_in_chinese_without_ambiguous_widths(run) -> None:
    """240,000.00 x 1 permille = 240.00 a day; 12 days = 2,880.00 (the basis cell says so in
    words: no per-mille or times sign in a table cell, in either language)."""
    from unicodedata import east_asian_width

    zh = run.json("penalty", "-d", "12", "-c", str(EXAMPLE), "--lang", "zh")
    en = run.json("penalty", "-d", "12", "-c", str(EXAMPLE), "--lang", "en")
    assert zh["rows"][0]["basis"] == "每日按合同总价的千分之1，共 12 天"
    assert zh["rows"][0]["title"] == "逾期履约违约金（按日计）"
    assert en["rows"][0]["basis"] == "1 per mille of the total a day, for 12 days"
    for row in [*zh["rows"], *en["rows"]]:
        assert not [ch for ch in row["basis"] + row["title"] if east_asian_width(ch) == "A"]
    assert [r["key"] for r in zh["rows"]] == [r["key"] for r in en["rows"]]
    staff = run("staff", "-c", str(EXAMPLE), "--lang", "zh").stdout
    assert "截至目前退回 0 人次" in staff and "同一人员每 2 次考核不合格即退回" in staff
    assert "send-backs so far: 0" in run("staff", "-c", str(EXAMPLE), "--lang", "en").stdout


def test_penalty_and_staff_help_in_chinese() -> None:
    assert "按合同约定的比例计算逾期违约金" in _cli("penalty", "--help", LANG="zh_CN.UTF-8").stdout
    assert "合同的驻场人员考核" in _cli("staff", "--help", "--lang", "zh").stdout
    assert "resident-staff ladder" in _cli("staff", "--help", LANG="zh_CN.UTF-8",
                                           CONTRACTCALC_LANG="en").stdout


def test_model_rules_in_chinese(run, tmp_path: Path) -> None:
    """A rule the types cannot state (here: a schedule's 'worked' day that is a weekday;
    2027-01-04 is a Monday) is explained in the language, on the field it concerns."""
    bad = tmp_path / "bad.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "calendar: {}", "calendar: {2027: {workdays: [2027-01-04]}}")
    assert text != EXAMPLE.read_text(encoding="utf-8")
    bad.write_text(text, encoding="utf-8")
    zh = run("check", str(bad), "--lang", "zh", code=2).output
    assert "2027-01-04 是星期一，本来就是工作日" in zh, zh
    en = run("check", str(bad), "--lang", "en", code=2).output
    assert "2027-01-04 is a Monday, a working day already" in en, en


@pytest.mark.parametrize(("body", "zh_text", "en_text"), [
    # Ends at 08:00, an hour before it starts: the row is refused, never counted as 0 h.
    ("platform,2025-10-01T09:00:00,2025-10-01T08:00:00\n",
     ":2: end: 2025-10-01T08:00:00 早于开始时间 2025-10-01T09:00:00",
     ":2: end: 2025-10-01T08:00:00 is before the start 2025-10-01T09:00:00"),
    ("mystery,2025-10-01T08:00:00,2025-10-01T09:00:00\n",
     ":2: system: 未知系统 'mystery'", ":2: system: unknown system 'mystery'"),
    # A date without a time of day: when it began that day is unknown, so it is refused, with
    # the accepted forms in the language.
    ("platform,2025-10-01,2025-10-01T09:00:00\n",
     ":2: start: '2025-10-01' 没有时刻（例如 2025-10-01T08:30:00、",
     ":2: start: '2025-10-01' has no time of day (e.g. 2025-10-01T08:30:00, "),
])
def test_a_bad_outage_row_is_refused_in_chinese_and_lang_en_stays_english(
        run, tmp_path: Path, body: str, zh_text: str, en_text: str) -> None:
    log = tmp_path / "outages.csv"
    log.write_text("system,start,end\n" + body, encoding="utf-8")
    zh = run("uptime", str(log), "-c", str(EXAMPLE), "--lang", "zh", code=2)
    assert f"{log}{zh_text}" in zh.stderr and en_text not in zh.stderr, zh.stderr
    en = run("uptime", str(log), "-c", str(EXAMPLE), "--lang", "en", code=2)
    assert f"{log}{en_text}" in en.stderr and zh_text not in en.stderr, en.stderr


def test_a_bad_holiday_file_is_refused_in_chinese(run, tmp_path: Path) -> None:
    """A year key that is not a year: the same line and column in both languages."""
    path = tmp_path / "holidays.yaml"
    path.write_text("twenty: {}\n", encoding="utf-8")
    zh = run("workdays", "is", "2027-03-01", "--holidays", str(path), "--lang", "zh", code=2)
    assert f"{path}:1:1: twenty: 键应为年份（如 2027），实际为 'twenty'" in zh.stderr, zh.stderr
    en = run("workdays", "is", "2027-03-01", "--holidays", str(path), "--lang", "en", code=2)
    assert f"{path}:1:1: twenty: expected a year such as 2027 as the key, got 'twenty'" \
        in en.stderr, en.stderr


def test_a_missing_contract_file_is_named_in_chinese_under_a_chinese_locale(
        tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    zh = _cli("payments", "-c", str(missing), LANG="zh_CN.UTF-8")
    assert zh.returncode == 2 and f"{missing}: 找不到文件" in zh.stderr, zh.stderr
    assert "Traceback" not in zh.stderr
    en = _cli("payments", "-c", str(missing), "--lang", "en", LANG="zh_CN.UTF-8")
    assert en.returncode == 2 and f"{missing}: file not found" in en.stderr, en.stderr


def test_a_bad_amount_in_words_is_refused_in_chinese() -> None:
    """叁元元: 元 twice; the 大写 reader's refusal is in the language of the run."""
    from contractcalc.core.money.words import from_words

    set_language("zh")
    try:
        with pytest.raises(ValueError, match="“元”出现了不止一次"):
            from_words("叁元元")
    finally:
        set_language("en")
    with pytest.raises(ValueError, match="元 appears more than once"):
        from_words("叁元元")
