"""Phone numbers, email addresses, web addresses and IP addresses."""

import ipaddress
import re

from journal.deid.finding import Finding, flag

_PHONES = [
    re.compile(r"(?<![\w+])(?P<num>\+\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,6})"),
    re.compile(r"(?<![\w/.-])(?P<num>\(?0\d{1,4}\)?(?:[\s.-]?\d{2,5}){1,4})(?![\w/-])"),
    re.compile(r"(?<![\w+/.-])(?P<num>[6-9]\d{9})(?![\w/-])"),
    re.compile(
        r"(?i:\b(?:phone|mobile|cell|tel|call|text|sms|whatsapp|contact)\b)[^\d+\n]{0,20}?(?P<num>\d[\d\s.-]{7,}\d)"
    ),
]


def find_phones(text: str) -> list[Finding]:
    """Phone numbers: international (+254 ...), local with a leading 0, or digits after a phone cue; 9-15 digits."""
    found = [m.span("num") for rx in _PHONES for m in rx.finditer(text)]
    return [flag("phone", s, e) for s, e in found if 9 <= len(re.sub(r"\D", "", text[s:e])) <= 15]


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def find_emails(text: str) -> list[Finding]:
    """Email addresses."""
    return [flag("email", m.start(), m.end()) for m in _EMAIL.finditer(text)]


_URL = re.compile(
    r"\b(?:https?|ftp)://[^\s<>\"']+|\bwww\.[^\s<>\"']+"
    r"|(?<![@\w.-])(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|info|io|co|uk|ke|tz|ug|np|pe|gh|in|ng|za|local)\b(?:/[^\s<>\"']*)?"
)


def find_urls(text: str) -> list[Finding]:
    """Web addresses, with or without a scheme; trailing punctuation is left out."""
    found = []
    for m in _URL.finditer(text):
        url = m.group().rstrip(".,;:!?)]'\"")
        found.append(flag("url", m.start(), m.start() + len(url)))
    return found


_IP_CANDIDATE = re.compile(
    r"(?<![\w.:])(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?![\w.:])"
)


def find_ips(text: str) -> list[Finding]:
    """IPv4 and IPv6 addresses (validated, so times like 14:30:00 do not count)."""
    found = []
    for m in _IP_CANDIDATE.finditer(text):
        try:
            ipaddress.ip_address(m.group())
        except ValueError:
            continue
        found.append(flag("ip", m.start(), m.end()))
    return found
