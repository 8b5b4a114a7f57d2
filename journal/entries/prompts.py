"""Guided prompts for each kind of entry, from reflective-practice models.

Clinical observations follow Gibbs' reflective cycle in short; cultural
reflections and ethics notes follow "What? So what? Now what?". The prompts
become Markdown headings in a new entry's body, and each heading's guiding
question is shown beside the text box. A heading left empty is boilerplate,
not writing: it is left out when the entry is saved (``unfilled_prompts_removed``).
They are lazy: put in the intern's language when shown, and when a new
entry's body is made from them.
"""

import re

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from journal.i18n import LANGUAGES

PROMPTS = {
    "clinical": [
        (_l("What happened"), _l("Describe the situation without names, dates or details that identify anyone.")),
        (_l("My role"), _l("Did you observe, assist, or perform under supervision?")),
        (_l("What I learned"), _l("Clinical knowledge, skills, and how the setting shaped the care.")),
        (_l("What I will do next"), _l("What will you read, practise or ask about?")),
    ],
    "cultural": [
        (_l("What I noticed"), _l("A custom, belief, conversation or way of working.")),
        (_l("How it differs from what I know"), _l("Compare it with practice at home, without judging.")),
        (_l("What it means for patients"), _l("How does it affect health, access and care?")),
        (_l("What I will do differently"), _l("One thing you will change in how you work.")),
    ],
    "ethics": [
        (_l("The situation"), _l("What happened, told so that nobody can be identified.")),
        (
            _l("The principles at stake"),
            _l("Autonomy, beneficence, non-maleficence, justice, confidentiality, consent."),
        ),
        (_l("What was done"), _l("Who decided what, and how.")),
        (_l("What I think"), _l("Your view, and what made it hard.")),
        (_l("Whom I discussed it with"), _l("A supervisor, a colleague, a mentor?")),
    ],
}


# A heading of level 1 or 2 ("# A", "## A ##"): its hashes, then its text. Each one ends the section before it.
_HEADING = re.compile(r"^ {0,3}(#{1,2})[ \t]+(.*?)[ \t#]*$")


def starter_body(kind: str) -> str:
    """The Markdown a new entry of this kind starts with: one heading per prompt."""
    return "\n\n".join(f"## {heading}\n\n" for heading, _hint in PROMPTS[kind]).rstrip() + "\n\n"


def _headings(kind: str) -> set[str]:
    """The kind's prompt headings in every language of the app (a form may have been opened in another
    language than the one it is saved in), compared without case."""
    headings = set()
    for code in LANGUAGES:
        with force_locale(code):
            headings.update(str(heading).casefold() for heading, _hint in PROMPTS[kind])
    return headings


def _sections(body: str) -> list[list[str]]:
    """The body's lines (with their line ends), cut before every heading of level 1 or 2 outside a fenced
    code block (a ``## line`` inside ``` or ~~~ is what the intern typed, never a prompt)."""
    sections: list[list[str]] = [[]]
    fence = None
    for line in body.splitlines(keepends=True):
        bare = line.strip()
        marker = bare[:3] if bare[:3] in ("```", "~~~") else None
        if fence is None and marker:
            fence = marker
        elif fence is not None and marker == fence:
            fence = None
        elif fence is None and _HEADING.match(line.rstrip("\r\n")):
            sections.append([])
        sections[-1].append(line)
    return sections


def _unfilled_prompt(section: list[str], headings: set[str]) -> bool:
    """Whether ``section`` is one of the prompt headings with nothing written under it."""
    found = _HEADING.match(section[0].rstrip("\r\n")) if section else None
    return (
        found is not None
        and found.group(1) == "##"
        and found.group(2).casefold() in headings
        and not "".join(section[1:]).strip()
    )


def unfilled_prompts_removed(body: str | None, kind: str) -> str | None:
    """``body`` without the kind's prompt headings that have nothing written under them, so that the
    prompts of a new entry saved untouched are not saved as its text ("" when nothing else is left).

    Everything else stays as written (blank lines at the very end aside): the filled prompts, any other
    heading (even empty), and the whole body, untouched, when no prompt is left empty."""
    if not body:
        return body
    headings = _headings(kind)
    sections = _sections(body)
    kept = [section for section in sections if not _unfilled_prompt(section, headings)]
    if len(kept) == len(sections):
        return body
    return "".join(line for section in kept for line in section).rstrip()
