"""The portfolio as a PDF, drawn by WeasyPrint from Jinja templates and the frozen document.

Fonts come from the system (see the README): DejaVu for Latin, Greek, Cyrillic and Arabic,
WenQuanYi Micro Hei for Chinese and Japanese, and Noto Color Emoji for emoji through the
system's fallback (naming it would make Pango draw digits with it, as pictures). WeasyPrint
embeds what it uses, so the text stays text in every script.

Laying out hundreds of pages allocates millions of objects; Python's garbage collector would
scan them again and again, so it runs less often while a PDF is drawn (``_fewer_collections``).

The PDF is written in the language chosen at submission (``render_pdf``'s ``language``), also when a
background job draws it outside any request; the document's stored words are put in that language by
``wording``.

WeasyPrint is imported only when a PDF is drawn. Importing it loads Pango and HarfBuzz and warns
when one is missing; under the tests' "warnings are errors" that warning, raised while the app's
routes were being imported, once cost the app half its blueprints. No page but a PDF needs it.
"""

import gc
import threading
from contextlib import contextmanager
from datetime import datetime

from flask import render_template
from flask_babel import force_locale

from journal import i18n
from journal.markdown import render_markdown
from journal.models.competencies import LEVELS
from journal.models.entries import INVOLVEMENTS, KINDS, PRINCIPLES, SETTINGS, THEMES
from journal.portfolio import wording


def when(stamp: str | None) -> str:
    """``2026-03-05`` or ``2026-03-05T14:07:00Z`` as ``5 Mar 2026``."""
    if not stamp:
        return ""
    return i18n.format_date(datetime.fromisoformat(stamp.replace("Z", "+00:00")).date())


def document_context(document: dict, sha256: str | None, *, preview: bool = False) -> dict:
    """What ``portfolio/pdf/_body.html`` needs, for the PDF and for the preview page alike, in the
    current language."""
    return {
        "doc": document,
        "sha256": sha256,
        "preview": preview,
        "missing": wording.missing_requirements(document),
        "setting_name": wording.setting_name,
        "specialty_name": wording.specialty_name,
        "state_label": wording.state_label,
        # Named apart from the competencies' globals of the same idea, which take live rows.
        "frozen_framework_name": wording.framework_name,
        "frozen_competency_title": wording.competency_title,
        "frozen_domain_title": wording.domain_title,
        "comment_role": wording.comment_role,
        "page_counter": wording.page_counter,
        "when": when,
        "markdown": render_markdown,
        "kinds": KINDS,
        "settings": SETTINGS,
        "involvements": INVOLVEMENTS,
        "themes": THEMES,
        "principles": PRINCIPLES,
        "levels": LEVELS,
    }


def _refuse(url: str, *args, **kwargs):
    """Fetch nothing: a portfolio is drawn only from its own document, never from the network or disk."""
    raise ValueError(f"portfolio PDFs load no external resources ({url[:60]})")


_RENDER_THRESHOLD = 100_000  # objects allocated between young-generation collections while rendering
_renders = 0
_renders_lock = threading.Lock()
_saved_threshold: tuple[int, ...] = ()


@contextmanager
def _fewer_collections():
    """Collect garbage less often while any thread renders; the first render in raises the
    threshold, the last one out puts it back."""
    global _renders, _saved_threshold
    with _renders_lock:
        if _renders == 0:
            _saved_threshold = gc.get_threshold()
            gc.set_threshold(_RENDER_THRESHOLD, *_saved_threshold[1:])
        _renders += 1
    try:
        yield
    finally:
        with _renders_lock:
            _renders -= 1
            if _renders == 0:
                gc.set_threshold(*_saved_threshold)


def render_pdf(document: dict, sha256: str, language: str = i18n.DEFAULT) -> bytes:
    """The submitted portfolio as PDF bytes in ``language``: cover, summary, entries; a footer on every page."""
    from weasyprint import HTML  # here, not at the top: see the module's docstring

    with force_locale(language if language in i18n.LANGUAGES else i18n.DEFAULT):
        html = render_template("portfolio/pdf/document.html", **document_context(document, sha256))
    with _fewer_collections():
        return HTML(string=html, url_fetcher=_refuse).write_pdf()
