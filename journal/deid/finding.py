"""What the detectors return: a suspected identifier, where it is, and why it is shown to the intern."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString


@dataclass(frozen=True)
class Finding:
    """One suspected identifier: ``text[start:end]`` is the identifier, ``reason`` is shown to the intern.

    The reason is lazy: it is put in words in the language of whoever reads it (``str()`` it for JSON).
    """

    kind: str
    start: int
    end: int
    reason: str | LazyString


# Why each kind of finding is shown, in words for the intern: what it is, why it matters, what to write instead.
REASONS = {
    "name": _l("This looks like a patient's name. Use initials or a role instead (“the mother”)."),
    "date": _l("A full date can identify a patient. Keep the month or the week instead."),
    "age": _l("An age over 89 can identify a patient. Write “over 89” instead."),
    "phone": _l("A phone number leads straight to a person. Leave it out."),
    "email": _l("An email address leads straight to a person. Leave it out."),
    "id": _l("A record or card number identifies a patient. Leave it out."),
    "address": _l("An address, village or postcode can identify a patient. Name the district or region instead."),
    "url": _l("A web address can lead to a person. Leave it out, or say what kind of page it is."),
    "ip": _l("An IP address can identify a person's device. Leave it out."),
}
# The reason of a name finding that is the name of someone in the intern's cohort (kind "name" still,
# so that a confirmation, kept by kind and text, covers it whichever reason it was shown with).
COLLEAGUE_REASON = _l("This is a colleague's name (from your cohort). Keep it only if they agreed to be named.")
# The reason of one word that is part of a colleague's name but could be a patient's too (a shared surname or
# given name, with no professional title before it): the intern decides which it is.
MAYBE_COLLEAGUE_REASON = _l(
    "This may be a patient's name, or a colleague's (someone in your cohort is called this). "
    "For a patient, use initials or a role instead; for a colleague, keep it only if they agreed to be named."
)


def flag(kind: str, start: int, end: int) -> Finding:
    """A finding of ``kind`` at ``start:end``, with the reason for that kind."""
    return Finding(kind, start, end, REASONS[kind])
