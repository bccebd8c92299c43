"""The language of what people read: gettext catalogs, chosen once per run by the CLI.

English msgids live in the code; src/contractcalc/locale/zh_CN/LC_MESSAGES/contractcalc.po holds
the Chinese (a translator edits only that file; tools/i18n.py extracts and compiles). Machine
fields (JSON/CSV keys, status codes) are never passed through here, so they stay the same in
every language. The core may call `_` (a dictionary lookup in the catalog the CLI installed);
only `set_language` reads a file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    import gettext

LANGUAGES = ("zh", "en")
DOMAIN = "contractcalc"
LOCALE_DIR = Path(__file__).with_name("locale")
_GETTEXT_NAMES = {"zh": "zh_CN"}

_state: dict[str, object] = {"lang": "en", "catalog": None}
"""English needs no catalog (the msgids are English), so gettext is imported only for Chinese:
one import less on every English start-up."""


def _catalog() -> gettext.NullTranslations | None:
    return cast("gettext.NullTranslations | None", _state["catalog"])


def _(message: str) -> str:
    """`message` in the current language (the English msgid where the catalog has none)."""
    catalog = _catalog()
    return message if catalog is None else catalog.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n` (Chinese has one form for every number)."""
    catalog = _catalog()
    if catalog is None:
        return singular if n == 1 else plural
    return catalog.ngettext(singular, plural, n)


def code_label(code: str) -> str:
    """A status or party code as a table shows it (JSON and CSV keep the code itself)."""
    labels = {"buyer": _("buyer"), "vendor": _("vendor")}
    return labels.get(code, code)


def language() -> str:
    """'zh' or 'en'."""
    return str(_state["lang"])


def set_language(lang: str) -> None:
    """Install the catalog of `lang` ('zh' or 'en'; English is the msgids themselves)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: choose zh or en")
    catalog: gettext.NullTranslations | None = None
    if lang in _GETTEXT_NAMES:
        import gettext

        catalog = gettext.translation(DOMAIN, LOCALE_DIR, languages=[_GETTEXT_NAMES[lang]])
    _state["lang"], _state["catalog"] = lang, catalog


def detect(environ: Mapping[str, str]) -> str:
    """The language the environment asks for: CONTRACTCALC_LANG, then the POSIX locale
    variables in their order of precedence (LC_ALL, LC_MESSAGES, LANG; zh_CN.UTF-8 -> zh);
    English otherwise."""
    chosen = environ.get("CONTRACTCALC_LANG", "").strip().lower()
    if chosen:
        return "zh" if chosen.startswith("zh") else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:  # the first one set decides, as in setlocale(3)
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def from_argv(argv: list[str]) -> str | None:
    """The value of --lang in a command line (before `--`), if given; help texts are built when
    a command's module is imported, so the language must be known before the arguments are
    parsed."""
    for n, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and n + 1 < len(argv):
            return argv[n + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None
