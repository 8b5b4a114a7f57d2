"""Competency frameworks in the reader's language: the default framework is shown translated, every other
framework as it was written.

The database keeps the default framework in English, as ``default_framework.py`` writes it; the words
shown in Spanish, French or Portuguese come from ``translations.py``. A text is
translated only when it belongs to a framework named as the default one (how ``default_framework()``
finds it) and is still the default's English word for word, so a coordinator's own version of it, or an
imported framework reusing a code, reads as written. Templates reach these helpers as globals
(``competency_title(c)``...), registered by the competencies blueprint.
"""

from flask_babel import gettext as _

from journal import i18n
from journal.extensions import db
from journal.framework_words.default_framework import DEFAULT_FRAMEWORK
from journal.framework_words.translations import CANMEDS_ROLES, COMPETENCIES, DOMAINS, FRAMEWORK
from journal.models import Competency, Domain, Framework

NAME = DEFAULT_FRAMEWORK["name"]
# The default's English, to recognise text that is still the default's: code -> (title, description).
ENGLISH = {
    competency["code"]: (competency["title"], competency["description"])
    for domain in DEFAULT_FRAMEWORK["domains"]
    for competency in domain["competencies"]
}
ENGLISH_ROLES = {domain["title"]: domain["canmeds_role"] for domain in DEFAULT_FRAMEWORK["domains"]}


def _other_language() -> str | None:
    """The reader's language when it is not English (the default framework's own), else None."""
    code = i18n.language()
    return None if code == i18n.DEFAULT else code


def _is_default(framework_id: int) -> bool:
    """Whether the framework is a version of the default one (read once per session, then from memory)."""
    framework = db.session.get(Framework, framework_id)
    return framework is not None and framework.name == NAME


def default_competency_text(framework_name: str, code: str, title: str, description: str = "") -> tuple[str, str]:
    """A competency's title and description in the reader's language, from its framework's name and its
    stored words (as a frozen portfolio document keeps them); the stored words unless they are the
    default framework's."""
    language = _other_language()
    translated = COMPETENCIES.get(code, {}).get(language) if language and framework_name == NAME else None
    if translated is None:
        return title, description
    english = ENGLISH[code]
    return (
        translated[0] if title == english[0] else title,
        translated[1] if description == english[1] else description,
    )


def stored_title(code: str, title: str) -> str:
    """A competency's title kept without its framework (a credit gap's): translated only when it is word for word
    the default framework's English for that code."""
    return default_competency_text(NAME, code, title)[0]


def default_domain_title(framework_name: str, title: str) -> str:
    """A domain's title in the reader's language, from its framework's name (as frozen documents keep it)."""
    language = _other_language()
    if not language or framework_name != NAME:
        return title
    return DOMAINS.get(title, {}).get(language, title)


def _competency_text(competency: Competency, which: int) -> str:
    """The competency's title (``which`` 0) or description (1) as the reader should see it."""
    stored = (competency.title, competency.description)[which]
    translated = COMPETENCIES.get(competency.code, {}).get(_other_language())
    if translated is None or stored != ENGLISH[competency.code][which] or not _is_default(competency.framework_id):
        return stored
    return translated[which]


def competency_title(competency: Competency) -> str:
    """The competency's title as the reader should see it."""
    return _competency_text(competency, 0)


def competency_description(competency: Competency) -> str:
    """The competency's description as the reader should see it."""
    return _competency_text(competency, 1)


def domain_title(domain: Domain) -> str:
    """The domain's title as the reader should see it."""
    translated = DOMAINS.get(domain.title, {}).get(_other_language())
    if translated is None or not _is_default(domain.framework_id):
        return domain.title
    return translated


def canmeds_role(domain: Domain) -> str:
    """The domain's CanMEDS role as the reader should see it (official translations, default framework only)."""
    translated = CANMEDS_ROLES.get(domain.canmeds_role, {}).get(_other_language())
    if (
        translated is None
        or domain.canmeds_role != ENGLISH_ROLES.get(domain.title)
        or not _is_default(domain.framework_id)
    ):
        return domain.canmeds_role
    return translated


def framework_name(framework: Framework) -> str:
    """The framework's name as the reader should see it (coordinators import new versions by the stored one)."""
    language = _other_language()
    return FRAMEWORK[language][0] if language in FRAMEWORK and framework.name == NAME else framework.name


def framework_description(framework: Framework) -> str:
    """The framework's description as the reader should see it."""
    language = _other_language()
    if language in FRAMEWORK and framework.name == NAME and framework.description == DEFAULT_FRAMEWORK["description"]:
        return FRAMEWORK[language][1]
    return framework.description


def framework_label(framework: Framework) -> str:
    """``Name (version N)`` as the reader should see it, for lists and menus."""
    return _("%(name)s (version %(version)d)", name=framework_name(framework), version=framework.version)


TEMPLATE_GLOBALS = (
    framework_label,
    competency_title,
    competency_description,
    domain_title,
    canmeds_role,
    framework_name,
    framework_description,
)
