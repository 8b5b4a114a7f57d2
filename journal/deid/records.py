"""Record, account, card, licence and identity numbers.

A number is an identifier when a label says so ("MRN 7728190", "CPF 318.442.907-15", "citizenship number ...",
"la cédula 0915487236"), also a few words away ("El DNI de su madre, 38771204") and in irregular groups of digits
("ID, 2 1990 8 0047712 0 55"); when any upper-case or CamelCase label is followed by a connector and a code of six
digits or more ("TRN, 114-382-907", "PhilHealth number 12-050123456-7"); or when its shape is one of an identity
document (a Brazilian CPF or RG, a Dominican cédula, an Angolan BI, a Mexican CURP...) or a letter-digit code
("GH-AR-559310"); when a code with a slash follows a word for a number or a record unit's label ("numéro
2024/0387", "OPD 1142/22"); and when it has the shape of an identifier found in the same note ("MRN 2023-004512
... 2023-004521"). Clinical figures stay clean: "CD4 count 187", "GCS 14", "Hb 5.8", "viral load 48,000", "ICD-10
code A01.0", "2HRZE/4HR", "G5P4".
"""

import re

from journal.deid.finding import Finding, flag
from journal.deid.record_cues import NOT_QUANTITY, digits, like_found, slashed_codes
from journal.deid.streets import GHANA_POST
from journal.deid.text import either_case, word_cue_before

# A code with 3+ digits in its first part (or grouped by dots: "12.345.678-9") that is not a quantity, a bare
# year, a range of years or of decimals, or a local phone number ("0722 600 418"); its parts may be joined by
# dashes, slashes, dots between digits, or spaces before groups of 3-5 digits ("2613 48290 0901"); a Bolivian CI
# may end with its department ("4827193 LP"), a Zimbabwean ID with its check letter and district ("... F 42").
_ID_VALUE = (
    r"(?P<id>(?=[A-Za-z0-9/-]*\d{3}|\d{1,3}\.\d{3})(?!(?:19|20)\d\d(?:[-/–](?:19|20)?\d\d)?(?![\w/-])|0\d{1,4} \d"
    r"|\d+\.\d+[-–]\d+\.\d+)"
    r"[A-Za-z0-9](?:(?:[A-Za-z0-9/-]|\.(?=\d))*[A-Za-z0-9])?(?: \d{3,5}(?![\w/-]))*"
    r"(?: (?:LP|CB|SC|OR|PT|CH|TJ|BE|PD)\b| [A-Z] \d\d(?![\w/-]))?)(?![\w/-])" + NOT_QUANTITY
)
# Identity numbers printed in irregular groups of digits, read out after a label: "2 1990 8 0047712 0 55",
# "3 1005 01234 56 7", "1987 43215 0108". Only after a label (``_cued_codes``), with 9-20 digits in all.
_SPACED_RUN = re.compile(r"(?!0\d* \d)\d{1,7}(?: \d{1,7}){2,7}(?![\w/-]|[.,]\d)" + NOT_QUANTITY)
# A code of letters, a space and digits, as written on some cards: "ART no. QEC 4417".
_LETTERS_DIGITS = r"(?P<code>[A-Z]{2,4} \d{3,}(?:[-/]\d+)*)(?![\w/-])"
# Upper-case labels of records and identity documents, by country: medical records (MRN, UHID, BHT, HN, HC for
# "historia clínica"), health insurance (NHIF, NHIS, SIS, BPJS, PhilHealth, CNS), national identity (DNI, CI, BI,
# CPF, RG, CURP, NIN, NIDA, NIK, KTP, CNIC, NRC, CNI, CIN, NID, CCCD, CMND, DPI, CUI, NUIT, Aadhaar, Ghana Card,
# the Andean "C.C.", "C.I.", "C.E.", "T.I."), tax and social security (PAN, SSN, TRN, TIN, RFC, NSS, SSS, RUT).
_LABEL = (
    r"MRN|UHID|BHT|HN|HC|EMR|NHIF|NHIS|NHI|NHS|SIS|BPJS|PhilHealth|CNS|SUS|DNI|NIE|CI|BI|CPF|RG|CURP|NIN|NIDA|NIK"
    r"|KTP|CNIC|NIC|NRC|NRIC|CNI|CIN|NID|CCCD|CMND|CNIB|NINA|DPI|CUI|NUIT|Aadhaa?r|ABHA|Ghana ?Card|BVN|PAN|SSN"
    r"|TRN|TIN|RFC|NSS|SSS|UMID|RUT|RUN|IMEI|ID|CC|C\.[CIE]|T\.I"
)


# Lower-case cue words, in English, Spanish, French and Portuguese.
_CUE_WORD = (
    r"medical|hospital|health|patient|record|file|folder|chart|case|account|acct|card|insurance|policy"
    r"|member(?:ship)?|registration|reg|passport|licen[cs]e|serial|accession|lab|specimen|sample|ticket|receipt"
    r"|invoice|voter|national|claim|admission|inpatient|outpatient|citizenship|nagarikta|c[ée]dula|carn[eé]t"
    r"|carné|documento|pasaporte|passaporte|passeport|dossier|expediente|prontu[aá]rio|matr[ií]cula|cart[aã]o"
    r"|historia cl[ií]nica|hist[oó]ria cl[ií]nica|carte|tarjeta|afiliaci[oó]n|identidad|identidade|identit[ée]"
    r"|mutuelle|cadastro|nacional|nationale|salud|sa[uú]de|sant[ée]|processo|proceso"
)
# Words and signs between a label and its number: "no.", "n°", "#", "number", "ID", a verb ("es", "é", "is").
_CONNECTOR = (
    r"(?:[\s:#(),-]*(?:(?i:no|nr|num|numbers?|n[uú]mero|num[ée]ro|id|is|was|es|é|est|era|était|foi|of|de|do|da"
    r"|du)\b\.?|[nN]\.?[°º]))*[\s:#(,-]*"
)
# After a known label, up to five words of the same sentence may come before the verb, the comma, the colon or the
# bracket that brings its number: "El DNI de la paciente es 45871203", "o RG do avô, 23.881.447-2", "her NIN, which
# she read out, ...", "CNI du père : 112233445", "the NIN on the form (CM85034102XKLP)". After such a sign the code
# must stand apart (``_APART``): "El SIS de la región, 3000 pacientes" is a count.
_ABOUT_WHOM = (
    r"(?:(?:[ \t,]+[^\W\d_]+(?:['’][^\W\d_]+)?){1,5}?"
    r"(?:[ \t]+(?:es|é|est|is|was|era|foi|était)\b|(?P<apart>[ \t]*[,:(])))?"
)
# After a cue word, only whose it is may come before the sign that brings its number: "Cédula de la madre:
# 1.023.456.789", "the card of her father, ...".
_OF_WHOM = r"(?:[ \t]+(?:of|de|du|do|da|des|del)(?:[ \t]+[^\W\d_]+(?:['’][^\W\d_]+)?){1,3}?(?P<apart>[ \t]*[,:(]))?"
_APART = re.compile(r"\s*(?:[,;:)]|\.(?!\d)|$)")
# A label or cue word, then connectors, right before a code. Codes are found first (from their digits, which are
# rare) and these are looked for just before them: searching for the cue words everywhere would be slow. Each
# pattern starts with its words, so that a search skips ahead to their first letters (``text.word_cue_before``).
_CUES_BEFORE_CODE = (
    re.compile(rf"(?:{_LABEL})\b\.?{_ABOUT_WHOM}{_CONNECTOR}$"),
    re.compile(rf"(?:{either_case(_CUE_WORD)})\b{_OF_WHOM}{_CONNECTOR}$"),
)
_CODE = re.compile(_ID_VALUE)
_THREE_DIGITS = re.compile(r"\d{3}")
_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/-")
# Labels that always come with a connector, and the letter-digit codes some of them use: "ART no. QEC 4417",
# "IP no. 2024/1187", "CTC number 0412". (The label starts with a capital; ``find_ids`` checks that it starts a
# word: a search skips ahead to the labels' first letters this way.)
_ID_CONNECTED = re.compile(
    r"(?:ART|IP|OP|IPD|OPD|CTC|ANC|PMTCT|TB)\b[\s:]*(?:(?i:no|number|num|id|card)\b\.?|n[°º]|#)[\s:#.-]*"
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
# A letter-digit code: "GH-AR-559310", "KBZ/2024/118842". At most four short parts before the digits, so that
# a long run of them ("AB-AB-AB-...") is not walked again from each of its letters.
_ID_SHAPED = re.compile(
    r"(?P<id>[A-Z](?<!\w[A-Z])[A-Z]{0,4}(?:[-/][A-Z0-9]{1,5}){0,4}[-/]?\d{3,}(?:[-/][A-Z0-9]{2,})*)\b"
)
# Identity documents by their shape alone: a Brazilian CPF ("318.442.907-15"), a Brazilian RG or a Chilean RUT
# ("23.881.447-2", "12.345.678-K"), a Pakistani CNIC, a Dominican cédula ("001-1482937-4"), a Honduran DNI
# ("0801-1994-04417"), a Zimbabwean national ID ("63-2281947 F 42"), an Angolan BI and other numbers with letters
# inside ("004512873LA039"), a Mexican CURP. The pattern starts with one character class, so that a search skips
# ahead to digits and capitals; the alternatives after a first digit are written without it. It starts a word
# (no letter, digit, dot or dash before it), which the pattern checks itself: tried from every digit of a long
# run, "\d{5,}" would walk to the run's end each time.
_ID_DOCUMENT = re.compile(
    r"(?P<id>[0-9A-Z](?<![^\W_][0-9A-Z])(?<![.-][0-9A-Z])"
    r"(?:(?<=\d)(?:\d\d\.\d{3}\.\d{3}-\d\d|\d?\.\d{3}\.\d{3}-[\dKkXx]|\d{4}-\d{7}-\d|\d\d-\d{7}-\d"
    r"|\d{3}-\d{4}-\d{5}|\d-\d{6,7}[ -]?[A-Z][ -]?\d\d|\d{5,}[A-Z]{1,3}\d{2,})"
    r"|(?<=[A-Z])[A-Z]{3}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d))(?![\w-]|\.\d)"
)
# A Myanmar National Registration Card: the state or region (1-14), the township's code in syllables
# ("LaMaNa", "MaYaKa", or upper case), the holder's status in brackets ("N" for naing, citizen; "E", "P", "AC",
# "NC", "T"...) and six digits: "12/LaMaNa(N)045821", "9/MaHtaLa (N) 123456". Found from the slash, which is
# rarer than digits, looking back for the state.
_NRC_AFTER_STATE = re.compile(r"/[A-Za-z]{3,12} ?\([A-Za-z]{1,5}\) ?\d{6}(?!\d)")
_NRC_STATE = re.compile(r"(?<![\w/.-])(?:1[0-4]|[1-9])$")
# Digits an identifier needs, by rule: a plate is short; a code found by its shape or a loose label is long.
_MIN_DIGITS = {_ID_CONNECTED: 4, _ID_LABELLED: 6, _ID_PLATE: 2, _ID_SHAPED: 6, _ID_DOCUMENT: 6}


def _starts_code(text: str, start: int) -> bool:
    """True when nothing of a code comes right before ``start``: no letter or digit, and no dot or dash either."""
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in ".-")


def _code_span(text: str, digits: int, last: tuple[int, int]) -> tuple[int, int, int]:
    """Around the digits at ``digits``: the start of their word ("MRN-" + "7728190"), and the start and end of
    their run of letters, digits, dashes, slashes and dots between digits ("318.442.907-15"). ``last`` is the
    digits and run start of the previous call: a walk back that reaches those digits stops there ("111.a111.a..."
    is walked once, not once per number)."""
    word = digits
    while word > 0 and text[word - 1].isascii() and text[word - 1].isalnum():
        word -= 1
    start = word
    while start > 0 and (text[start - 1] in _CODE_CHARS or (text[start - 1] == "." and text[start - 2].isdigit())):
        if start <= last[0]:
            return word, last[1], _code_end(text, digits)
        start -= 1
    return word, start, _code_end(text, digits)


def _code_end(text: str, digits: int) -> int:
    """The end of the run of code characters from the digits at ``digits`` on (see ``_code_span``)."""
    end = digits
    while end < len(text) and (text[end] in _CODE_CHARS or (text[end] == "." and text[end + 1 : end + 2].isdigit())):
        end += 1
    return end


def _run_start(text: str, start: int, known: dict[int, int]) -> int:
    """The start of the run of space-separated groups of digits that ends with the digits at ``start``. The
    starts found are remembered in ``known`` (for one text), so that a long run is walked back once, not once
    per group."""
    walked = []
    while start > 1 and text[start - 1] == " " and text[start - 2].isdigit():
        if start in known:
            start = known[start]
            break
        walked.append(start)
        start -= 2
        while start > 0 and text[start - 1].isdigit():
            start -= 1
    known.update(dict.fromkeys(walked, start))
    return start


def _cued_code(text: str, start: int) -> tuple[int, int] | None:
    """The span of the code at ``start`` (the longer of a code and a spaced run of digits), if it is long enough."""
    spans = []
    code = _CODE.match(text, start)
    if code and digits(code["id"]) >= 4:
        spans.append(code.span("id"))
    run = _SPACED_RUN.match(text, start)
    if run and 9 <= digits(run.group()) <= 20:
        spans.append(run.span())
    return max(spans, key=lambda s: s[1], default=None)


def _cued_codes(text: str) -> set[tuple[int, int]]:
    """Codes right after a label or cue word and its connectors ("MRN is 7728190", "la cédula 0915487236")."""
    starts, end, known, last = set(), 0, {}, (-1, -1)
    for m in _THREE_DIGITS.finditer(text):
        if m.start() >= end:  # each run of code characters once
            word, start, end = _code_span(text, m.start(), last)
            last = (m.start(), start)
            starts.update((word, start, _run_start(text, start, known)))
        elif not text[m.start() - 1].isalnum():  # a word inside the run: "MRN-" + "7728190"
            starts.add(m.start())
    found = set()
    for start in starts:
        before = text[max(0, start - 60) : start].rstrip(" \t:#(),.-")
        if not before or before[-1].isdigit():  # no label ends with a digit: "0244" in "09114528, 0244 871 093"
            continue
        cue = word_cue_before(_CUES_BEFORE_CODE, text, start, 60)
        span = cue and _cued_code(text, start)
        if span and (not cue.groupdict().get("apart") or _APART.match(text, span[1])):
            found.add(span)
    return found


def find_ids(text: str) -> list[Finding]:
    """Record, account, card, licence, passport and identity numbers: after a label, or by their shape."""
    found = _cued_codes(text) | slashed_codes(text)
    for rx, least in _MIN_DIGITS.items():
        for m in rx.finditer(text):
            group = next(g for g in rx.groupindex if m[g])
            whole_word = rx is not _ID_CONNECTED or _starts_code(text, m.start())  # (_ID_DOCUMENT checks it)
            if digits(m[group]) >= least and whole_word:
                found.add(m.span(group))
    for m in _NRC_AFTER_STATE.finditer(text):
        if state := _NRC_STATE.search(text, max(0, m.start() - 3), m.start()):
            found.add((state.start(), m.end()))
    if found:
        found |= like_found(text, found)
    # A Ghana Post digital address ("GA-492-7731") has an id's shape, but it is where someone lives (streets.py).
    return [flag("id", s, e) for s, e in sorted(found) if not GHANA_POST.fullmatch(text, s, e)]
