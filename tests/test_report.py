"""`contractcalc report`: the workbook, the HTML page and the PDF, checked the way a reader
gets them (openpyxl for the workbook; a real headless Chromium, pdftotext and pdffonts for the
page and the PDF). One Chromium print and one page load per module keep CI short."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import EXAMPLE, ROOT

GOLDEN = ROOT / "tests" / "golden"
AS_OF = "2026-03-01"
CHROMIUM = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser",
                                                        "google-chrome")) if p), None)
POPPLER = shutil.which("pdftotext") and shutil.which("pdffonts") and shutil.which("pdfinfo")
needs_chromium = pytest.mark.skipif(
    not (CHROMIUM and POPPLER),
    reason="needs headless Chromium and poppler-utils (apt-get install chromium "
           "fonts-noto-cjk fonts-wqy-microhei poppler-utils; .ci/run installs them)")


def _contract(folder: Path) -> Path:
    """The reference contract with the golden outage log named in it (outage_log:)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    path = folder / "contract.yaml"
    path.write_text(text.replace("calendar: {}", "outage_log: outages.csv\ncalendar: {}"),
                    encoding="utf-8")
    shutil.copy(GOLDEN / "outages.csv", folder / "outages.csv")
    return path


def test_golden_report_json(run, tmp_path) -> None:
    _contract(tmp_path)  # the conftest runs every test in tmp_path: paths are relative
    result = run("report", "contract.yaml", "--as-of", AS_OF, "--lang", "zh", "--format",
                 "json", code=None)
    got = f"exit {result.exit_code}\n{result.stdout}"
    path = GOLDEN / "report.zh.json"
    if os.environ.get("CONTRACTCALC_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


def test_report_figures_are_the_commands_figures(run, tmp_path) -> None:
    _contract(tmp_path)
    doc = run.json("report", "contract.yaml", "--as-of", AS_OF, code=1)
    status = run.json("status", "contract.yaml", "--as-of", AS_OF, code=1)
    payments = run.json("payments", "-c", "contract.yaml", "--as-of", AS_OF, code=0)
    assert doc["rows"] == status["rows"]  # attention first, exactly as status says
    sections = {s["section"]: s for s in doc["contracts"][0]["sections"]}
    assert sections["payments"]["rows"] == payments["rows"]
    # The first quarterly report (2025-09-17..12-16) was due 10 working days after its period,
    # 2025-12-30 (12-17..12-30 holds 10 working days; no holiday falls in it); as of
    # 2026-03-01 it is 61 calendar days late (Dec 31 + Jan 31 + Feb 28 + 1), and the daily
    # damages of 0.1% of 240,000.00 give 61 × 240.00 = 14,640.00 (clause 3.10.3).
    damages = [s for s in doc["contracts"][0]["sections"] if s["section"] == "damages"]
    assert damages and damages[0]["days_late"] == 61
    assert any(r["amount"] == "14640.00" for r in damages[0]["rows"])
    assert {"uptime", "uptime_months", "staff", "renewal", "check", "bond",
            "timeline"} <= set(sections)


def test_portfolio_report_workbook(run, tmp_path) -> None:
    folder = tmp_path / "contracts"
    folder.mkdir()
    _contract(folder)
    shutil.copy(ROOT / "tests" / "data" / "contract-second.yaml", folder / "second.yaml")
    out = tmp_path / "report.xlsx"
    run("--lang", "zh", "report", str(folder), "--as-of", AS_OF, "--output", str(out),
        code=None)
    book = openpyxl.load_workbook(out)
    names = book.sheetnames
    assert names[0] == "待办事项" and len(names) > 10
    assert any(n.startswith("2025-036 付款") for n in names)
    ws = book[names[0]]
    assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
    pay = book[next(n for n in names if n.startswith("2025-036 付款"))]
    amounts = [c for c in pay["D"][1:] if c.value is not None]
    assert amounts and all(c.data_type == "n" and c.number_format == "#,##0.00"
                           for c in amounts)


def test_pdf_without_a_browser_writes_nothing(run, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CONTRACTCALC_CHROMIUM", "no-such-browser-here")
    result = run("report", str(EXAMPLE), "--as-of", AS_OF, "--output", "r.pdf", code=2)
    assert "Chromium" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "r.pdf").exists()


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> dict[str, object]:
    """The report as HTML and PDF (one Chromium print), in Chinese, and its JSON."""
    from typer.testing import CliRunner

    from contractcalc.cli.app import full_app
    from contractcalc.i18n import set_language

    folder = tmp_path_factory.mktemp("page")
    contract = _contract(folder)
    runner = CliRunner()
    env = {"COLUMNS": "200", "NO_COLOR": "1",
           "CONTRACTCALC_CACHE_DIR": str(folder / "cache")}
    out: dict[str, object] = {"folder": folder}
    for suffix in ("html", *(("pdf",) if CHROMIUM else ())):
        result = runner.invoke(full_app(), ["--lang", "zh", "report", str(contract),
                                            "--as-of", AS_OF, "--output",
                                            str(folder / f"r.{suffix}")], env=env)
        assert result.exit_code == 1, result.output
    result = runner.invoke(full_app(), ["--lang", "zh", "report", str(contract), "--as-of",
                                        AS_OF, "--format", "json"], env=env)
    out["json"] = json.loads(result.stdout)
    out["html"] = (folder / "r.html").read_text(encoding="utf-8")
    set_language("en")
    return out


def test_html_is_self_contained_and_chinese(page) -> None:
    html = str(page["html"])
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert "2026年3月1日" in html  # the as-of day, the Chinese way
    assert "人民币壹拾贰万元整" in html  # installment 1 (120,000.00), its 大写
    assert "size: A4" in html and "counter(page)" in html
    # The timeline, and one uptime chart per system of the contract (three).
    assert html.count("<svg") == 4


@needs_chromium
def test_html_fits_a_phone(page, tmp_path) -> None:
    """On a 390 px wide screen nothing but the tables' own scroll boxes is wider than the
    screen: the document itself scrolls only down."""
    probe = str(page["html"]).replace(
        "</body>", "<script>document.body.setAttribute('data-width', "
        "document.documentElement.scrollWidth + ' ' + window.innerWidth)</script></body>")
    path = tmp_path / "probe.html"
    path.write_text(probe, encoding="utf-8")
    from contractcalc.shell.writers.pdf import chromium_args

    args = [*chromium_args(CHROMIUM or "", tmp_path / "profile"), "--window-size=390,844",
            "--dump-dom", path.as_uri()]
    dom = subprocess.run(args, capture_output=True, text=True, timeout=120, check=True).stdout
    scroll, inner = map(int, re.search(r'data-width="(\d+) (\d+)"', dom).groups())  # type: ignore[union-attr]
    assert scroll <= inner


def _pdf_text(folder: Path, *extra: str) -> str:
    return subprocess.run(["pdftotext", *extra, str(folder / "r.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout


@needs_chromium
def test_pdf_is_a4_with_embedded_cjk_font(page) -> None:
    folder = Path(str(page["folder"]))
    info = subprocess.run(["pdfinfo", str(folder / "r.pdf")], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"Page size:\s+59[45](\.\d+)? x 841(\.\d+)? pts \(A4\)", info), info
    fonts = subprocess.run(["pdffonts", str(folder / "r.pdf")], capture_output=True,
                           text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)  # every font embedded
    if "WenQuanYi" in subprocess.run(["fc-list"], capture_output=True, text=True).stdout:
        assert any("WenQuanYi" in line for line in fonts)  # a real CJK font, not tofu
    text = _pdf_text(folder)
    assert "付款" in text and "违约金" in text and "2026年3月1日" in text


@needs_chromium
def test_pdf_figures_equal_json(page) -> None:
    folder = Path(str(page["folder"]))
    text = _pdf_text(folder).replace("\n", " ")
    doc = page["json"]
    sections = {s["section"]: s for s in doc["contracts"][0]["sections"]}  # type: ignore[index]
    figures = [row["amount"] for row in sections["payments"]["rows"] if row["amount"]]
    figures += [r["damages_to_date"] for r in doc["rows"] if r["damages_to_date"]]  # type: ignore[index]
    figures += [r["uptime_percent"] for r in sections["uptime"]["rows"]]
    assert figures
    for figure in figures:
        value = Decimal(figure)
        shown = f"{value:,.2f}" if len(figure.split(".")[-1]) == 2 else figure
        assert shown in text, figure


@needs_chromium
def test_pdf_has_nothing_past_the_right_margin(page) -> None:
    """Every word's box (pdftotext -bbox) ends inside the page less its 14 mm margin."""
    folder = Path(str(page["folder"]))
    boxes = _pdf_text(folder, "-bbox")
    width = float(re.search(r'<page width="([\d.]+)"', boxes).group(1))  # type: ignore[union-attr]
    right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes))
    assert right <= width - 14 * 72 / 25.4 + 1.0, (right, width)


def test_every_report_json_key_is_documented(run, tmp_path) -> None:
    """The README's report row lists the document's own keys; each section holds the keys its
    command's row lists."""
    from tests.test_registry import STANDARD, documented, keys_of

    _contract(tmp_path)
    doc = run.json("report", "contract.yaml", "--as-of", AS_OF, code=1)
    own = set(re.findall(r"`([a-z_]+)`", documented("report")))
    command = {"payments": "payments", "bond": "bond", "timeline": "timeline",
               "damages": "penalty", "uptime": "uptime", "uptime_months": "uptime",
               "staff": "staff", "renewal": "renewal", "check": "check"}
    for part in doc["contracts"]:
        for section in part["sections"]:
            listed = set(re.findall(r"`([a-z_]+)`", documented(command[section["section"]])))
            missing = keys_of(section) - STANDARD - own - listed
            assert not missing, (section["section"], sorted(missing))
    top = {k: v for k, v in doc.items() if k != "contracts"}
    top["contracts"] = [{k: v for k, v in p.items() if k != "sections"} for p in doc["contracts"]]
    status_keys = set(re.findall(r"`([a-z_]+)`", documented("status")))
    assert not keys_of(top) - STANDARD - own - status_keys


def test_an_unreadable_contract_is_named_and_the_others_reported(run, tmp_path) -> None:
    folder = tmp_path / "contracts"
    folder.mkdir()
    _contract(folder)
    (folder / "broken.yaml").write_text("number: [\n", encoding="utf-8")
    result = run("report", str(folder), "--as-of", AS_OF, "--output", "r.html", code=2)
    assert "broken.yaml" in result.stderr
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "2025-036" in html


def test_without_matplotlib_the_page_says_charts_are_left_out(run, tmp_path, monkeypatch) -> None:
    import sys

    _contract(tmp_path)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if the [docs] extra is absent
    run("report", "contract.yaml", "--as-of", AS_OF, "--output", "r.html", code=1)
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<svg" not in html and "contractcalc[docs]" in html
