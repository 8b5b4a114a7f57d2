"""Names not written as capitalised words: initials ("K.W.") and names inside file names ("ulcer_marcos_day3.jpg",
"radio_kalala_thorax.jpg"); and the words that may be a name typed in lower case, which ``lower_names`` finds.
"""

import re
from bisect import bisect_left

from journal.deid.name_tokens import CARED_FOR, Token, never
from journal.deid.text import LETTERS, WORD_BEFORE
from journal.deid.words import (
    ABBREVIATIONS,
    BLOCK,
    CALENDAR,
    CLINICAL,
    COMMON,
    FIRST_NAMES,
    FOREIGN_FUNCTION,
    FUNCTION,
    HUMAN_VERBS,
    INSTITUTIONS,
    NAME_WORDS,
    PERSON_NOUNS,
    ROLE_TITLES,
    TITLES,
    TOWNS,
    folded,
)

# Initials standing for a name ("Patient J.M.,", "Baby girl of A.O."), not followed by a number ("B.P. 90/60"),
# and not inside a word (checked apart: speed, a pattern that opens with a class of letters is searched faster).
_INITIALS = re.compile(r"[A-Z]\.[A-Z]\.(?:[A-Z]\.)?(?![\w.])(?!\s*[:=]?\s*\d)")
_INSIDE_WORD = re.compile(r"[\w.]")
# Eras written after a year, in the calendars of placement countries: Anno Domini and Before Christ, the Common Era,
# the Hijri years (Anno Hegirae, before the Hijra, Solar Hijri, Anno Persico), the Nepali Bikram (Vikram) Sambat
# and Nepal Sambat, the Ethiopian calendar (E.C.) and the Buddhist Era: "12 Baisakh 2081 B.S.", "1445 A.H.".
_ERAS = frozenset("ad bc ce bce ah bh sh ap bs vs ns ec be".split())
_YEAR_BEFORE = re.compile(r"(?<![\w.,])\d{1,4}\s+$")


def initials(text: str, toks: list[Token]) -> list[tuple[int, int]]:
    """Dotted initials that are not an abbreviation nor the start of an institution ("B.P. Koirala Institute").
    After a person cue ("A paciente M.S.F.", "Mrs A.B.") they are initials even when they spell an acronym."""
    spans = []
    for m in _INITIALS.finditer(text):
        if m.start() and _INSIDE_WORD.match(text, m.start() - 1):
            continue
        letters = folded(m.group().replace(".", ""))
        if letters in ABBREVIATIONS and not _person_before(text, m.start()):
            continue
        if letters in _ERAS and _YEAR_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue  # an era after a year: "2081 B.S.", "1445 A.H."
        after = _tokens_from(toks, m.end(), 4)
        if any(t.low in INSTITUTIONS for t in after if t.text[0].isupper()):
            continue
        spans.append((m.start(), m.end()))
    for m in _SPACED_INITIALS.finditer(text):
        start = m.start() - 1  # the first initial, before the first dot
        if start < 0 or not ("A" <= text[start] <= "Z") or (start and _INSIDE_WORD.match(text, start - 1)):
            continue
        letters = folded(text[start : m.end()].replace(".", "").replace(" ", ""))
        if _person_after(text, toks, m.end()) and (letters not in ABBREVIATIONS or _person_before(text, start)):
            spans.append((start, m.end()))
    for m in _LOWER_INITIALS.finditer(text):  # "j.s., 7 anos": in lower case, only with an age after them
        if (m.start() and _INSIDE_WORD.match(text, m.start() - 1)) or m.group().replace(".", "") in ABBREVIATIONS:
            continue
        if _AGE_AFTER_INITIALS.match(text, m.end()):
            spans.append(m.span())
    return spans


# Initials in lower case ("j.s., 7 anos"), and the age after them that makes them a person's (not "e.g., 3 doses").
_LOWER_INITIALS = re.compile(r"[a-z]\.[a-z]\.(?:[a-z]\.)?(?![\w.])")
_AGE_AFTER_INITIALS = re.compile(
    r"(?:,\s*|\s+)(?:aged?\s+)?\d{1,3}\s*(?:y\b|yo\b|yrs?\b|years?\b|anos\b|años\b|ans\b|a\b|m\b|mois\b|meses\b)"
)


# Initials with a space between them ("E. N.", "A. B. C."), from the first dot on (speed: the search starts at a
# dot): a name only with an age or a person's verb after them.
_SPACED_INITIALS = re.compile(r"\.(?: [A-Z]\.){1,2}(?![\w.])")
_AGE_OR_BE = re.compile(r",\s*(?:aged?\s+)?\d{1,3}\b(?![.,/:]\d)|\s*\(\d{1,3}\)|\s+(?:is|was|has|had)\b")


def _tokens_from(toks: list[Token], start: int, count: int) -> list[Token]:
    """The first ``count`` tokens that start at or after ``start`` (tokens are in text order)."""
    at = bisect_left(toks, start, key=lambda t: t.start)
    return toks[at : at + count]


def _person_after(text: str, toks: list[Token], end: int) -> bool:
    """True when an age, "is/was/has/had", a person's verb or a verb of care follows end ("E. N., 14," "E. N.
    came")."""
    if _AGE_OR_BE.match(text, end) or CARED_FOR.match(text, end):
        return True
    after = _tokens_from(toks, end, 1)
    return bool(after) and after[0].low in HUMAN_VERBS and text[end : after[0].start].isspace()


TITLE_WORDS = frozenset(folded(t) for t in TITLES) | ROLE_TITLES


def _person_before(text: str, start: int) -> bool:
    """True when a title, a role or a word for a person comes right before start ("paciente", "Mrs", "mother")."""
    m = WORD_BEFORE.search(text, max(0, start - 30), start)
    return bool(m) and (folded(m[1]) in TITLE_WORDS or folded(m[1]) in PERSON_NOUNS)


# Words that are never a lower-case name, in one set (speed: most words of a note are one of them).
NOT_PLAIN = FUNCTION | FOREIGN_FUNCTION | CALENDAR | NAME_WORDS | PERSON_NOUNS | BLOCK | COMMON | CLINICAL
# Endings of English verbs and adverbs, never of the lower-case names the rules look for.
VERB_ENDING = re.compile(r"(?:ed|ing|ly)$")


def plain(tok: Token) -> bool:
    """A lower-case word that could be a name typed in a hurry: not a common, clinical or function word."""
    return tok.low not in NOT_PLAIN and len(tok.low) > 2 and tok.text.islower() and not never(tok)


# A file name: "pie_diabetico_rosario.jpg", "bishnu_cxr_03.png".
# The extension is searched first (speed: a pattern that opens with a dot is searched fast), the stem before it.
_FILE_EXTENSION = re.compile(
    r"\.(?i:jpe?g|png|gif|heic|webp|tiff?|bmp|pdf|docx?|xlsx?|pptx?|csv|txt|mp4|mov|avi|mp3|m4a"
    r"|ogg|opus|wav|dcm|dicom|nii|jfif|heif|m4v|3gp|webm|mkv|odt|rtf)\b"
)
_STEM = re.compile(r"(?<![\w.-])[\w-]+\Z")


def file_names(text: str, named: set[str]) -> list[tuple[int, int]]:
    """Parts of file names that are given names, words named as people elsewhere in the text, or the one
    capitalised word of a name written otherwise in lower case ("Priyanka_echo_final.mp4", not "Ward_Round.pdf")."""
    spans = []
    for ext in _FILE_EXTENSION.finditer(text):
        m = _STEM.search(text, max(0, ext.start() - 80), ext.start())
        if not m:
            continue
        stem = m.group()
        parts = list(LETTERS.finditer(stem))
        capitalised = [p for p in parts if p.group()[0].isupper() and not p.group().isupper()]
        for part in parts:
            word = part.group()
            low = folded(word)
            if low in FUNCTION or low in FOREIGN_FUNCTION or low in CALENDAR or len(low) < 3 or low in TITLE_WORDS:
                continue
            token = Token(0, 0, word, False, low)
            given = low in FIRST_NAMES and low not in COMMON and low not in CLINICAL
            proper = capitalised == [part] and word[1:].islower() and not never(token) and low not in BLOCK
            if given or proper or low in named:
                spans.append((m.start() + part.start(), m.start() + part.end()))
        spans += [(m.start() + a.start(), m.start() + b.end()) for a, b in _name_parts(stem, parts)]
        lone = _lone_unknown(parts)
        if lone:
            spans.append((m.start() + lone.start(), m.start() + lone.end()))
    return spans


# Endings of English nouns of things and of plurals, which file names hold and names do not ("answers", "notes").
_THING_ENDING = re.compile(r"(?:s|tion|sion|ment|ness|ship|ity|ure|ism|ence|ance|ogy)$")


def _lone_unknown(parts: list[re.Match]) -> re.Match | None:
    """The one word of no list in a file name whose other words, two or more, are everyday or clinical words of
    file names: a name among them ("radio_kalala_thorax.jpg", "pansement_wanjiru_jour3.png"); not a town, a
    plural or a noun of a thing ("mbale_outreach_photos.jpg", "malaria_quiz_answers.pdf")."""
    unknown, known = [], 0
    for part in parts:
        low = folded(part.group())
        if low in COMMON or low in CLINICAL:
            known += 1
        elif len(low) > 2 and _file_word(part.group()) == "unknown":
            unknown.append(part)
    if len(unknown) != 1 or known < 2:
        return None
    low = folded(unknown[0].group())
    if len(low) < 4 or low in TOWNS or _THING_ENDING.search(low):
        return None
    return unknown[0]


def _name_parts(stem: str, parts: list[re.Match]) -> list[tuple[re.Match, re.Match]]:
    """Two parts of a file name, one after the other, that are a given name and a surname: both given names or
    words of no list, one of them a given name or the pair followed by a clinical or common word
    ("kunda_mwelwa_ct_head.dcm", "rosa_quispe_pie.jpg"; not "teaching_session_slides.pptx")."""
    pairs = []
    for k, (a, b) in enumerate(zip(parts, parts[1:], strict=False)):
        if stem[a.end() : b.start()] not in ("_", "-", " "):
            continue
        kinds = [_file_word(p.group()) for p in (a, b)]
        if "" in kinds:
            continue
        then = folded(parts[k + 2].group()) if k + 2 < len(parts) else ""
        if "given" in kinds or then in COMMON or then in CLINICAL:
            pairs.append((a, b))
    return pairs


def _file_word(word: str) -> str:
    """ "given" for a given name, "unknown" for a word of no list, "" for a word that is no name (in a file name)."""
    low = folded(word)
    if len(low) < 3 or low in NOT_PLAIN or low in TITLE_WORDS or never(Token(0, 0, word, False, low)):
        return ""
    if low in FIRST_NAMES:
        return "given"
    return "" if VERB_ENDING.search(low) else "unknown"
