"""Record, account, card, licence and identity numbers.

A number is an identifier when a label says so ("MRN 7728190", "CPF 318.442.907-15", "citizenship number ...",
"la cédula 0915487236"), when any upper-case or CamelCase label is followed by a connector and a code of six
digits or more ("TRN, 114-382-907", "PhilHealth number 12-050123456-7"), or when its shape is one of an identity
document (a Brazilian CPF, a Mexican CURP) or a letter-digit code ("GH-AR-559310"). Clinical figures stay clean:
"CD4 count 187", "GCS 14", "Hb 5.8", "viral load 48,000", "ICD-10 code A01.0", "2HRZE/4HR", "G5P4".
"""

import re

from journal.deid.finding import Finding, flag

# A code with 3+ digits in its first part (or grouped by dots: "12.345.678-9") that is not a quantity ("sample of
# 1500 ml", "200 soles"), a bare year, a range of years or of decimals, or a local phone number ("0722 600 418");
# its parts may be joined by dashes, slashes, dots between digits, or spaces before groups of 3-5 digits ("2613
# 48290 0901"); a Bolivian CI may end with its department ("4827193 LP").
_ID_VALUE = (
    r"(?P<id>(?=[A-Za-z0-9/-]*\d{3}|\d{1,3}\.\d{3})(?!(?:19|20)\d\d(?:[-/–](?:19|20)?\d\d)?(?![\w/-])|0\d{1,4} \d"
    r"|\d+\.\d+[-–]\d+\.\d+)"
    r"[A-Za-z0-9](?:(?:[A-Za-z0-9/-]|\.(?=\d))*[A-Za-z0-9])?(?: \d{3,5}(?![\w/-]))*"
    r"(?: (?:LP|CB|SC|OR|PT|CH|TJ|BE|PD)\b)?)(?![\w/-])"
    r"(?!\s?(?:%|(?i:mg|mcg|ml|g|kg|l|mmol|iu|cells|copies|h|hrs?|hours|days|weeks|months|years|km|m|cm|mm"
    r"|soles|dollars|usd|shillings|ksh|tsh|ugx|cedis|ghs|rupees|rs|npr|inr|pesos|reais|euros|francs|fcfa|cfa"
    r"|kwacha|naira|birr)\b))"
)
# A code of letters, a space and digits, as written on some cards: "ART no. QEC 4417".
_LETTERS_DIGITS = r"(?P<code>[A-Z]{2,4} \d{3,}(?:[-/]\d+)*)(?![\w/-])"
# Upper-case labels of records and identity documents, by country: medical records (MRN, UHID, BHT, HN), health
# insurance (NHIF, NHIS, SIS, BPJS, PhilHealth, CNS), national identity (DNI, CI, BI, CPF, RG, CURP, NIN, NIDA,
# NIK, KTP, CNIC, NRC, CNI, DPI, CUI, NUIT, Aadhaar, Ghana Card), tax and social security (PAN, SSN, TRN, TIN,
# RFC, NSS, SSS, RUT).
_LABEL = (
    r"MRN|UHID|BHT|HN|EMR|NHIF|NHIS|NHI|NHS|SIS|BPJS|PhilHealth|CNS|SUS|DNI|NIE|CI|BI|CPF|RG|CURP|NIN|NIDA|NIK"
    r"|KTP|CNIC|NIC|NRC|NRIC|CNI|CNIB|NINA|DPI|CUI|NUIT|Aadhaa?r|ABHA|Ghana ?Card|BVN|PAN|SSN|TRN|TIN|RFC|NSS|SSS"
    r"|UMID|RUT|RUN|IMEI|ID"
)


def _either_case(alternation: str) -> str:
    """The words of a regex alternation in lower case and capitalised ("card|Card"): unlike IGNORECASE, this
    lets a search skip ahead to the words' first letters."""
    return "|".join(f"{w}|{w[0].upper()}{w[1:]}" for w in alternation.split("|"))


# Lower-case cue words, in English, Spanish, French and Portuguese.
_CUE_WORD = (
    r"medical|hospital|health|patient|record|file|folder|chart|case|account|acct|card|insurance|policy"
    r"|member(?:ship)?|registration|reg|passport|licen[cs]e|serial|accession|lab|specimen|sample|ticket|receipt"
    r"|invoice|voter|national|claim|admission|inpatient|outpatient|citizenship|nagarikta|c[ée]dula|carn[eé]t"
    r"|carné|documento|pasaporte|passaporte|passeport|dossier|expediente|prontu[aá]rio|matr[ií]cula|cart[aã]o"
    r"|historia cl[ií]nica|hist[oó]ria cl[ií]nica|carte|tarjeta|afiliaci[oó]n|identidad|identidade|identit[ée]"
    r"|mutuelle|cadastro|nacional|nationale|salud|sa[uú]de|sant[ée]"
)
# Words and signs between a label and its number: "no.", "n°", "#", "number", "ID", a verb ("es", "é", "is").
_CONNECTOR = (
    r"(?:[\s:#(),-]*(?:(?i:no|nr|num|numbers?|n[uú]mero|num[ée]ro|id|is|was|es|é|est|era|était|foi|of|de|do|da"
    r"|du)\b\.?|n[°º]))*[\s:#(,-]*"
)
# After a known label, a few lower-case words may come before the verb: "El DNI de la paciente es 45871203".
_ABOUT_WHOM = r"(?:(?:\s+[a-zà-ÿ']+){1,3}?\s+(?:es|é|est|is|was|era|foi|était)\b)?"
# A label or cue word, then connectors, right before a code. Codes are found first (from their digits, which are
# rare) and this is looked for just before them: searching for the cue words everywhere would be slow.
_CUE_BEFORE_CODE = re.compile(rf"(?:\b(?:{_LABEL})\b{_ABOUT_WHOM}|\b(?:{_either_case(_CUE_WORD)})\b){_CONNECTOR}$")
_CODE = re.compile(_ID_VALUE)
_THREE_DIGITS = re.compile(r"\d{3}")
_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/-")
# Labels that always come with a connector, and the letter-digit codes some of them use: "ART no. QEC 4417",
# "IP no. 2024/1187", "CTC number 0412".
_ID_CONNECTED = re.compile(
    r"\b(?:ART|IP|OP|IPD|OPD|CTC|ANC|PMTCT|TB)\b[\s:]*(?:(?i:no|number|num|id|card)\b\.?|n[°º]|#)[\s:#.-]*"
    rf"(?:{_LETTERS_DIGITS}|{_ID_VALUE})"
)
# Any upper-case or CamelCase label, then a comma, a number sign or a verb, then a code of six digits or more:
# "TRN, 114-382-907". Laboratory counts ("PLT 250000") and messaging apps are not labels of records, and dates
# and doses ("TLD, 300/300/50") are not codes.
_ID_LABELLED = re.compile(
    r"\b(?!(?:PLT|WBC|RBC|VL|CD4|CD8|ANC|HIV|BP|SMS|WhatsApp|GeneXpert)\b)(?:[A-Z]{2,6}|[A-Z][a-z]+[A-Z][A-Za-z]+)"
    r"\b(?:,|\s+(?:(?i:no|number|num)\b\.?|n[°º]|#|is|was|es|é|est|era|foi)|\s*#)[\s:#]*"
    r"(?!\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?![\w/-])|\d{4}-\d\d-\d\d\b|\d{1,4}(?:/\d{1,4})+(?![\w/-]))" + _ID_VALUE
)
_ID_PLATE = re.compile(
    r"(?i:\b(?:number|registration|licen[cs]e)\s+plate\b)\W{0,4}(?P<id>[A-Z]{1,4} ?\d{2,4} ?[A-Z]{0,3})\b"
)
_ID_SHAPED = re.compile(r"\b(?P<id>[A-Z]{1,5}(?:[-/][A-Z0-9]{1,5})*[-/]?\d{3,}(?:[-/][A-Z0-9]{2,})*)\b")
# Identity documents by their shape alone: a Brazilian CPF, a Pakistani CNIC, a Mexican CURP.
_ID_DOCUMENT = re.compile(
    r"(?P<id>\d{3}\.\d{3}\.\d{3}-\d{2}|\d{5}-\d{7}-\d|[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d)(?![\w-]|\.\d)"
)
# Digits an identifier needs, by rule: a plate is short; a code found by its shape or a loose label is long.
_MIN_DIGITS = {_ID_CONNECTED: 4, _ID_LABELLED: 6, _ID_PLATE: 2, _ID_SHAPED: 6, _ID_DOCUMENT: 6}


def _digits(code: str) -> int:
    return sum(c.isdigit() for c in code)


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in ".-")


def _code_span(text: str, digits: int) -> tuple[int, int, int]:
    """Around the digits at ``digits``: the start of their word ("MRN-" + "7728190"), and the start and end of
    their run of letters, digits, dashes, slashes and dots between digits ("318.442.907-15")."""
    word = digits
    while word > 0 and text[word - 1].isascii() and text[word - 1].isalnum():
        word -= 1
    start = word
    while start > 0 and (text[start - 1] in _CODE_CHARS or (text[start - 1] == "." and text[start - 2].isdigit())):
        start -= 1
    end = digits
    while end < len(text) and (text[end] in _CODE_CHARS or (text[end] == "." and text[end + 1 : end + 2].isdigit())):
        end += 1
    return word, start, end


def _cued_codes(text: str) -> set[tuple[int, int]]:
    """Codes right after a label or cue word and its connectors ("MRN is 7728190", "la cédula 0915487236")."""
    starts, end = set(), 0
    for m in _THREE_DIGITS.finditer(text):
        if m.start() >= end:  # each run of code characters once
            word, start, end = _code_span(text, m.start())
            starts.update((word, start))
        elif not text[m.start() - 1].isalnum():  # a word inside the run: "MRN-" + "7728190"
            starts.add(m.start())
    found = set()
    for start in starts:
        before = text[max(0, start - 45) : start].rstrip(" \t:#(),.-")
        if not before or before[-1].isdigit():  # no label ends with a digit: "0244" in "09114528, 0244 871 093"
            continue
        if not _CUE_BEFORE_CODE.search(text, max(0, start - 45), start):
            continue
        code = _CODE.match(text, start)
        if code and _digits(code["id"]) >= 4:
            found.add(code.span("id"))
    return found


def find_ids(text: str) -> list[Finding]:
    """Record, account, card, licence, passport and identity numbers: after a label, or by their shape."""
    found = _cued_codes(text)
    for rx, least in _MIN_DIGITS.items():
        for m in rx.finditer(text):
            group = next(g for g in rx.groupindex if m[g])
            if _digits(m[group]) >= least and (rx is not _ID_DOCUMENT or _starts_word(text, m.start())):
                found.add(m.span(group))
    return [flag("id", s, e) for s, e in sorted(found)]
