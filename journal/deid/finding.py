"""What the detectors return: a suspected identifier, where it is, and why it is shown to the intern."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """One suspected identifier: ``text[start:end]`` is the identifier, ``reason`` is shown to the intern."""

    kind: str
    start: int
    end: int
    reason: str


# Why each kind of finding is shown, in words for the intern.
REASONS = {
    "name": "Looks like a person's name",
    "date": "Looks like a date more precise than a year",
    "age": "Ages over 89 can identify a patient",
    "phone": "Looks like a phone number",
    "email": "Looks like an email address",
    "id": "Looks like a record or card number",
    "address": "Looks like a street address or postcode",
    "url": "Looks like a web address",
    "ip": "Looks like an IP address",
}


def flag(kind: str, start: int, end: int) -> Finding:
    """A finding of ``kind`` at ``start:end``, with the reason for that kind."""
    return Finding(kind, start, end, REASONS[kind])
