"""The catalogs: every message of the app translated in Spanish, French and Portuguese, with no placeholder,
markup or format error (issue #16).

The messages are extracted afresh from the sources (with babel.cfg and the Makefile's keywords), so a message
added to a template or a module and not yet translated fails here, whether or not ``make messages`` ran.
Debian's ``msgfmt -c`` and translate-toolkit's ``pofilter`` check each catalog independently of Babel.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from journal.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = ROOT / "translations"
TRANSLATED = sorted(set(LANGUAGES) - {"en"})
# pybabel's keywords in the Makefile (BABEL_KEYWORDS), added to its defaults.
KEYWORDS = {"_l": None, "lazy_gettext": None, "lazy_ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
# pofilter's checks that are about correctness, not style: placeholders, markup, escapes, plural forms, blanks.
POFILTER_CHECKS = ("variables", "printf", "pythonbraceformat", "xmltags", "escapes", "newlines", "nplurals", "blank")


def _method_map():
    """babel.cfg's sections as ``extract_from_dir`` wants them."""
    sections = re.findall(r"^\[(\w+):\s*(\S+)\]", (ROOT / "babel.cfg").read_text(), re.M)
    return [(pattern, method) for method, pattern in sections]


@pytest.fixture(scope="module")
def source_messages() -> dict:
    """Every message the sources hold: msgid (or its singular and plural, or context and msgid) → where."""
    from babel.messages.extract import DEFAULT_KEYWORDS

    keywords = {**DEFAULT_KEYWORDS, **KEYWORDS}
    found = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(ROOT), _method_map(), keywords=keywords, options_map={}
    ):
        found.setdefault((context, message), f"{filename}:{lineno}")
    return found


def _catalog(language: str):
    with (CATALOGS / language / "LC_MESSAGES" / "messages.po").open("rb") as po_file:
        return read_po(po_file, locale=language)


def test_the_sources_hold_the_apps_messages(source_messages):
    """The extraction sees templates and Python alike (so the test below cannot pass on an empty list)."""
    ids = {message if isinstance(message, str) else message[0] for _context, message in source_messages}
    assert "Language" in ids  # base.html
    assert len(source_messages) > 1000


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated(source_messages, language):
    catalog = _catalog(language)
    missing = []
    for (context, message), where in source_messages.items():
        msgid = message if isinstance(message, str) else message[0]
        entry = catalog.get(msgid, context=context)
        strings = () if entry is None else (entry.string if isinstance(entry.string, tuple) else (entry.string,))
        if entry is None or entry.fuzzy or not strings or not all(strings):
            missing.append(f"{where}: {msgid!r}")
    assert not missing, f"{len(missing)} of {len(source_messages)} messages untranslated in {language}:\n" + "\n".join(
        missing[:40]
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_msgfmt_checks_the_catalog(language, tmp_path):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt (Debian's gettext) is missing: make system-deps"
    po_path = CATALOGS / language / "LC_MESSAGES" / "messages.po"
    result = subprocess.run(  # noqa: S603 (a fixed command on our own file)
        [msgfmt, "--check", "--statistics", "-o", str(tmp_path / "messages.mo"), str(po_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.mark.parametrize("language", TRANSLATED)
def test_pofilter_finds_no_placeholder_or_markup_error(language, tmp_path):
    pofilter = Path(shutil.which("pofilter") or ROOT / ".venv" / "bin" / "pofilter")
    report = tmp_path / "problems.po"
    checks = [argument for check in POFILTER_CHECKS for argument in ("-t", check)]
    result = subprocess.run(  # noqa: S603 (a fixed command on our own file)
        [
            str(pofilter),
            "--progress=none",
            *checks,
            str(CATALOGS / language / "LC_MESSAGES" / "messages.po"),
            str(report),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    problems = re.findall(r"^# \(pofilter\) .*$", report.read_text(encoding="utf-8"), re.M) if report.exists() else []
    assert problems == [], "\n".join(problems[:40])


def test_pofilter_sees_a_broken_placeholder(tmp_path):
    """The pofilter check is not blind: a translation that renames a placeholder is reported."""
    broken = tmp_path / "broken.po"
    broken.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, python-format\nmsgid "Saved %(title)s."\nmsgstr "Guardado %(titulo)s."\n',
        encoding="utf-8",
    )
    pofilter = Path(shutil.which("pofilter") or ROOT / ".venv" / "bin" / "pofilter")
    report = tmp_path / "problems.po"
    subprocess.run(  # noqa: S603
        [str(pofilter), "--progress=none", "-t", "variables", "-t", "printf", str(broken), str(report)],
        capture_output=True,
        check=False,
    )
    assert "(pofilter) " in report.read_text(encoding="utf-8")
