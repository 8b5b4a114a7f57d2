"""A frozen portfolio's words in the reader's language, and the portfolio pages' assembled sentences.

A submitted document never changes, so it keeps what it stored when it was frozen: codes (kinds, settings,
states, roles, levels) and a few English words (the setting names of the hours table, each competency's
state, the missing requirements). Those words are turned into the current language here, when the PDF or
a page is drawn, from the codes and figures the document also holds; anything that cannot be rebuilt
exactly is shown as it was stored. The default competency framework's titles are shown translated, as on
the live pages (``journal.framework_words.display``); any other framework's as they were written.
"""

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

from flask_babel import force_locale, ngettext, pgettext
from flask_babel import gettext as _
from markupsafe import Markup

from journal import i18n
from journal.competencies.checklist import STATE_LABELS
from journal.credit.figures import Figures
from journal.credit.requirements import Requirements, assess
from journal.framework_words import display
from journal.models.entries import KINDS, SETTINGS

log = logging.getLogger(__name__)

# The language a document's stored words are written in (see ``snapshot.build_document``).
STORED_LANGUAGE = "en"
# What the hours tables say for a setting or specialty that was not given (stored in English).
NOT_GIVEN = "Not given"


def _english_settings() -> dict[str, str]:
    """Each setting's code by its English name, as documents store it."""
    with force_locale(STORED_LANGUAGE):
        return {str(label): code for code, label in SETTINGS.items()}


def setting_name(stored: str) -> str:
    """A setting's name from a document's hours table (``Ward``), in the current language."""
    if stored == NOT_GIVEN:
        return _("Not given")
    code = _english_settings().get(stored)
    return stored if code is None else str(SETTINGS[code])


def specialty_name(stored: str) -> str:
    """A specialty from a document's hours table: typed by the intern, shown as typed, except the
    stored ``Not given``."""
    return _("Not given") if stored == NOT_GIVEN else stored


def state_label(competency: dict) -> str:
    """A competency's state in a document, in words of the current language (the stored English
    label when the state is one this version does not know)."""
    state = competency.get("state")
    if state not in STATE_LABELS or (state == "signed_off" and competency.get("level")):
        return competency.get("state_label", "")
    return str(STATE_LABELS[state])


def comment_role(role: str) -> str:
    """Who wrote a comment in a document (``intern`` or ``supervisor``), in the current language."""
    if role == "intern":
        return pgettext("the role of a comment's author", "intern")
    if role == "supervisor":
        return pgettext("the role of a comment's author", "supervisor")
    return role


def _framework_of(document: dict) -> str:
    return (document.get("framework") or {}).get("name", "")


def framework_name(document: dict) -> str:
    """The document's competency framework's name, as the reader should see it."""
    return display.framework_name(SimpleNamespace(name=_framework_of(document)))


def competency_title(document: dict, competency: dict) -> str:
    """A competency's title in the document, as the reader should see it."""
    return display.default_competency_text(_framework_of(document), competency["code"], competency["title"])[0]


def domain_title(document: dict, competency: dict) -> str:
    """The title of a competency's domain in the document, as the reader should see it."""
    return display.default_domain_title(_framework_of(document), competency["domain"])


@dataclass(frozen=True)
class _FrozenCompetency:
    """A required competency as a document records it; known by its code, as the document knows it."""

    id: str
    code: str
    title: str
    required_level: int


def _frozen_assessment_inputs(
    document: dict, title: Callable[[dict], str] = lambda competency: competency["title"]
) -> tuple[Requirements, Figures]:
    """The requirements and figures a document was assessed with, rebuilt from what it stored (each
    competency's title as ``title`` gives it)."""
    requirements, summary = document["requirements"], document["summary"]
    recorded = {item["code"]: item for item in document["competencies"]}
    required = [recorded[code] for code in requirements["competencies"]]
    return (
        Requirements(
            hours=Decimal(requirements["minimum_clinical_hours"]),
            entries={kind: int(requirements["minimum_entries"][kind]) for kind in KINDS},
            competencies=[
                _FrozenCompetency(item["code"], item["code"], title(item), int(item["required_level"]))
                for item in required
            ],
            all_competencies=False,
        ),
        Figures(
            hours=Decimal(summary["clinical_hours"]),
            entries={kind: int(summary["entries_by_kind"][kind]) for kind in KINDS},
            levels={item["code"]: int(item["level"]) for item in document["competencies"] if item["level"]},
        ),
    )


def missing_requirements(document: dict) -> list[str]:
    """What the document says was missing for credit, in the current language.

    The sentences are made again from the document's figures with the words the live pages use; when
    the English made again differs from the English stored (a document frozen by another version), the
    stored sentences are shown as they are, so a portfolio never says something it did not say.
    """
    stored = [str(item) for item in document["requirements"]["missing"]]
    try:
        with force_locale(STORED_LANGUAGE):
            english = [str(item) for item in assess(*_frozen_assessment_inputs(document)).missing]
        if english != stored:
            return stored
        titled = _frozen_assessment_inputs(document, lambda competency: competency_title(document, competency))
        return [str(item) for item in assess(*titled).missing]
    except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError) as error:
        log.warning("the missing requirements of a portfolio document could not be made again: %r", error)
        return stored


def hours_and_entries(requirements: Requirements) -> str:
    """The cohort's minimum hours and entries, listed: ``10 clinical hours, 3 clinical observations``."""
    items = [_("%(hours)s clinical hours", hours=i18n.format_hours(requirements.hours))]
    plurals = {
        "clinical": lambda n: ngettext("%(num)d clinical observation", "%(num)d clinical observations", n),
        "cultural": lambda n: ngettext("%(num)d cultural reflection", "%(num)d cultural reflections", n),
        "ethics": lambda n: ngettext("%(num)d ethics note", "%(num)d ethics notes", n),
    }
    for kind, minimum in requirements.entries.items():
        if minimum:
            items.append(plurals[kind](minimum))
    return ", ".join(items)


_COUNTERS = {"\x01": "counter(page)", "\x02": "counter(pages)"}


def _css_string(text: str) -> str:
    """``text`` as a quoted CSS string that cannot end the string or the ``<style>`` element."""
    return '"' + "".join(f"\\{ord(ch):x} " if ch in '\\"<>\n\r' else ch for ch in text) + '"'


def page_counter() -> Markup:
    """The PDF footer's ``Page 3 of 12`` as a CSS ``content`` value, in the current language."""
    words = _("Page %(page)s of %(pages)s", page="\x01", pages="\x02")
    parts = [part for part in re.split("([\x01\x02])", words) if part]
    return Markup(" ".join(_COUNTERS.get(part) or _css_string(part) for part in parts))  # noqa: S704 (escaped above)
