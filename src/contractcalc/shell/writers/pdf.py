"""PDF: the report's HTML printed to A4 by headless Chromium (the browser the page is made
for, so the PDF is what the screen shows, with the CJK fonts the system has).

The browser is looked up before any work is done ($CONTRACTCALC_CHROMIUM, then chromium,
chromium-browser, google-chrome on PATH); without one the run stops with one line saying how to
get one, and nothing is written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from contractcalc.core.errors import InputError
from contractcalc.i18n import _

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 120  # seconds: a cold start on a loaded machine takes a few


def browser() -> str:
    """The Chromium to print with, or InputError saying how to install one."""
    given = os.environ.get("CONTRACTCALC_CHROMIUM")
    found = shutil.which(given) if given else next(
        (p for p in (shutil.which(n) for n in NAMES) if p), None)
    if not found:
        raise InputError(_("a PDF needs headless Chromium, which was not found (install it, "
                           "e.g. `apt-get install chromium fonts-noto-cjk`, or set "
                           "CONTRACTCALC_CHROMIUM); nothing written. Or write .html and print "
                           "it from a browser"), field="--output")
    return found


def chromium_args(exe: str, profile: Path) -> list[str]:
    return [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-sync", "--mute-audio",
            f"--user-data-dir={profile}"]


def print_pdf(html: str) -> bytes:
    """The PDF's bytes for a self-contained HTML page."""
    import tempfile

    exe = browser()
    with tempfile.TemporaryDirectory(prefix="contractcalc-pdf-") as tmp:
        page, out = Path(tmp) / "page.html", Path(tmp) / "page.pdf"
        page.write_text(html, encoding="utf-8")
        args = [*chromium_args(exe, Path(tmp) / "profile"), "--no-pdf-header-footer",
                f"--print-to-pdf={out}", page.as_uri()]
        try:
            done = subprocess.run(args, capture_output=True, timeout=TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise InputError(_("Chromium could not print the PDF: {reason}; nothing "
                               "written").format(reason=exc), field="--output") from None
        if done.returncode != 0 or not out.exists() or out.stat().st_size == 0:
            last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["?"])[-1]
            raise InputError(_("Chromium could not print the PDF (exit {code}: {reason}); "
                               "nothing written").format(code=done.returncode, reason=last),
                             field="--output")
        return out.read_bytes()
