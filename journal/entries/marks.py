"""Suspected identifiers in the text of an entry form, as the form shows them while the intern writes.

The edit and new-entry pages list each one under the text (why it was flagged, and a short excerpt
around it with the flagged words marked) and, with JavaScript, mark it in the text itself as the
intern types (``static/js/identifier-marks.js``, which asks ``check_views`` again). Offsets are
given as a browser counts them (UTF-16 code units, in the text with its line ends as "\\n"), so
that the page can select the words in the field.
"""

import re
from dataclasses import asdict, dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from journal.deid import find_identifiers
from journal.identifiers import CHECKED_FIELDS, cohort_roster

# How much text an excerpt shows on each side of the flagged words, at most.
EXCERPT_CHARS = 40
# Where an excerpt may be cut short: at a space, so that it shows whole words.
_SPACES = re.compile(r"\s+")
# How many of the flagged words the summary names (the list under it names them all).
SPOKEN = 3
# Where each field is, in words, when it is not the body.
FIELD_PLACES = {"title": _l("in the title"), "specialty": _l("in the specialty"), "tags": _l("in the tags")}


@dataclass(frozen=True)
class Mark:
    """One suspected identifier of a form field: ``text`` at ``start:end`` of the field's value
    (UTF-16 offsets), ``reason`` for the intern (in the current language), and the excerpt around it
    (``before``, ``after``)."""

    field: str
    kind: str
    reason: str
    text: str
    before: str
    after: str
    start: int
    end: int

    @property
    def place(self) -> str:
        """Where the words are, when not in the body ("in the title"); empty for the body."""
        return field_place(self.field)


def field_place(field: str) -> str:
    """Where a checked field's words are, in words ("in the title", in the current language); empty for the
    body. Pages listing suspected identifiers say it (the ``identifier_finding`` macro)."""
    if field == "body":
        return ""
    return str(FIELD_PLACES[field]) if field in FIELD_PLACES else _("in the %(field)s", field=field)


def as_typed(value) -> str:
    """A field's value as the browser holds it in the form: text, with every line end a "\\n"."""
    text = value if isinstance(value, str) else ""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def form_texts(form) -> dict[str, str]:
    """The text of each checked field the entry form has (the tags as typed: "a, b")."""
    return {name: as_typed(form[name].data) for name in CHECKED_FIELDS if name in form}


def _utf16(text: str, index: int) -> int:
    """The offset a browser gives to ``text[index]``: characters beyond the BMP count twice there."""
    return len(text[:index].encode("utf-16-le")) // 2


def _before(text: str, start: int) -> str:
    """Up to EXCERPT_CHARS of text before ``start``, from a word's beginning, on one line."""
    cut = max(0, start - EXCERPT_CHARS)
    piece = text[cut:start]
    if cut > 0:
        space = _SPACES.search(piece)
        piece = "…" + (piece[space.end() :] if space and space.end() < len(piece) else piece)
    return _SPACES.sub(" ", piece)


def _after(text: str, end: int) -> str:
    """Up to EXCERPT_CHARS of text after ``end``, to a word's end, on one line."""
    cut = min(len(text), end + EXCERPT_CHARS)
    piece = text[end:cut]
    if cut < len(text):
        spaces = list(_SPACES.finditer(piece))
        piece = (piece[: spaces[-1].start()] if spaces and spaces[-1].start() > 0 else piece) + "…"
    return _SPACES.sub(" ", piece)


def form_marks(texts: dict[str, str], colleagues: tuple[str, ...] = ()) -> list[Mark]:
    """The suspected identifiers of each field of ``texts`` (field name: text as typed), in field order."""
    return [
        Mark(
            field=name,
            kind=found.kind,
            reason=str(found.reason),
            text=text[found.start : found.end],
            before=_before(text, found.start),
            after=_after(text, found.end),
            start=_utf16(text, found.start),
            end=_utf16(text, found.end),
        )
        for name, text in texts.items()
        for found in find_identifiers(text, colleagues)
    ]


def summary(marks: list[Mark]) -> str:
    """What the list says first, and what a screen reader hears when the list changes while typing:
    how many, which words (the first few), and what to do."""
    if not marks:
        return _("None found so far. The check can miss things: read your text again before you share it.")
    words = ", ".join(f"“{mark.text}”" for mark in marks[:SPOKEN])
    if len(marks) > SPOKEN:
        found = ngettext(
            "%(num)d possible identifier to check: %(words)s and %(more)d more.",
            "%(num)d possible identifiers to check: %(words)s and %(more)d more.",
            len(marks),
            words=words,
            more=len(marks) - SPOKEN,
        )
    else:
        found = ngettext(
            "%(num)d possible identifier to check: %(words)s.",
            "%(num)d possible identifiers to check: %(words)s.",
            len(marks),
            words=words,
        )
    return found + " " + _("Each is listed below with why; choose one to find it in the text.")


def form_page_values(form, cohort_id: int) -> dict:
    """What an entry form's page needs to list its suspected identifiers under the text: ``marks`` and
    ``marks_summary`` (see ``templates/entries/_identifier_marks.html``)."""
    marks = form_marks(form_texts(form), cohort_roster(cohort_id))
    return {"marks": marks, "marks_summary": summary(marks)}


def as_json(mark: Mark) -> dict:
    """A mark as ``check_views`` sends it to the page (its place in words included)."""
    return asdict(mark) | {"place": mark.place}
