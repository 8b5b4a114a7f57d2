"""Record, account, card, licence and identity numbers."""

import re

from journal.deid.finding import Finding, flag

_ID_VALUE = (  # a code with 3+ digits that is not a quantity ("sample of 1500 ml") or a bare year
    r"(?P<id>(?=[A-Za-z0-9/-]*\d{3})(?!(?:19|20)\d\d(?![\w/-]))"
    r"[A-Za-z0-9](?:[A-Za-z0-9/-]*[A-Za-z0-9])?(?: \d{4}(?![\w/-]))*)(?![\w/-])"
    r"(?!\s?(?:%|(?i:mg|mcg|ml|g|kg|l|mmol|iu|cells|copies|h|hrs?|hours|days|weeks)\b))"
)
_ID_CUED = re.compile(
    r"(?:\b(?:MRN|UHID|NHIF|NHIS|NIN|DNI|SIS|Aadhaa?r|PAN|SSN|IMEI|EMR|ID)\b"
    r"|(?i:\b(?:medical|hospital|health|patient|record|file|folder|chart|case|account|acct|card|insurance|policy"
    r"|member(?:ship)?|registration|reg|passport|licen[cs]e|serial|accession|lab|specimen|sample|ticket|receipt"
    r"|invoice|voter|national|claim|admission|inpatient|outpatient)\b))"
    r"(?:[\s:#().-]*(?i:no|number|num|nr|id|is|was|of)\b\.?)*[\s:#(-]*" + _ID_VALUE
)
_ID_PLATE = re.compile(
    r"(?i:\b(?:number|registration|licen[cs]e)\s+plate\b)\W{0,4}(?P<id>[A-Z]{1,4} ?\d{2,4} ?[A-Z]{0,3})\b"
)
_ID_SHAPED = re.compile(r"\b(?P<id>[A-Z]{1,5}(?:[-/][A-Z0-9]{1,5})*[-/]?\d{3,}(?:[-/][A-Z0-9]{2,})*)\b")


def find_ids(text: str) -> list[Finding]:
    """Record, account, card, licence, passport and similar numbers: after a cue word, or letter-digit codes."""
    found = []
    for rx in (_ID_CUED, _ID_PLATE, _ID_SHAPED):
        for m in rx.finditer(text):
            digits = len(re.sub(r"\D", "", m["id"]))
            if digits >= {_ID_CUED: 4, _ID_PLATE: 2, _ID_SHAPED: 6}[rx]:
                found.append(flag("id", m.start("id"), m.end("id")))
    return found
