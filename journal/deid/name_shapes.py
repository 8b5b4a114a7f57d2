"""Names not written as capitalised words: initials ("K.W."), names typed in lower case after a cue
("wanjiru's mum", "la madre de gabriela", "o joão da cama 4"), and given names inside file names
("ulcer_marcos_day3.jpg").
"""

import re

from journal.deid.name_tokens import FAMILY, OF, Token, never, starting_at
from journal.deid.words import (
    ABBREVIATIONS,
    BLOCK,
    CALENDAR,
    CLINICAL,
    COMMON,
    DETERMINERS,
    FIRST_NAMES,
    FOREIGN_FUNCTION,
    FUNCTION,
    INSTITUTIONS,
    NAME_WORDS,
    PERSON_NOUNS,
    POSSESSED,
    folded,
)

# Initials standing for a name ("Patient J.M.,", "Baby girl of A.O."), not followed by a number ("B.P. 90/60").
_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,3}(?![\w.])(?!\s*[:=]?\s*\d)")


def initials(text: str, toks: list[Token]) -> list[tuple[int, int]]:
    """Dotted initials that are not an abbreviation nor the start of an institution ("B.P. Koirala Institute")."""
    spans = []
    for m in _INITIALS.finditer(text):
        if folded(m.group().replace(".", "")) in ABBREVIATIONS:
            continue
        after = starting_at(toks, m.end())[:4]
        if any(t.low in INSTITUTIONS for t in after if t.text[0].isupper()):
            continue
        spans.append((m.start(), m.end()))
    return spans


def _plain(tok: Token) -> bool:
    """A lower-case word that could be a name typed in a hurry: not a common, clinical or function word."""
    low = tok.low
    return (
        tok.text.islower()
        and len(low) > 2
        and low not in FUNCTION
        and low not in FOREIGN_FUNCTION
        and low not in CALENDAR
        and not never(tok)
        and low not in NAME_WORDS
        and low not in PERSON_NOUNS
        and low not in BLOCK
    )


# After a lower-case given name, a bed: "o joão da cama 4", "la rosa de la cama 2", "baby in bed 6".
_BED_AFTER = re.compile(r"\s+(?:da|de la|del|du|in|from|en la|na|no|au)\s+(?:cama|bed|lit|leito)\b")
# A lower-case title before a lower-case name: "mama njeri", "dr mensah".
_LOWER_TITLES = frozenset({"mr", "mrs", "ms", "dr", "mama", "bibi", "mzee", "don", "dona", "doña", "sr", "sra", "mme"})


def lower_case(text: str, toks: list[Token]) -> list[tuple[int, int]]:
    """Names typed in lower case, with a cue: "wanjiru's mum", "la abuela de josefina", "o joão da cama 4"."""
    spans = []
    for i, tok in enumerate(toks):
        if not _plain(tok):
            continue
        prev = toks[i - 1] if i > 0 else None
        prev2 = toks[i - 2] if i > 1 else None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        given = tok.low in FIRST_NAMES
        if (
            (tok.possessive and nxt and nxt.start == tok.end + 3 and nxt.low in POSSESSED and not _det(prev, tok))
            or (given and prev and prev2 and prev.low in OF and (prev2.low in PERSON_NOUNS or prev2.low in FAMILY))
            or (given and _BED_AFTER.match(text, tok.end))
            or (given and prev and prev.text in _LOWER_TITLES and text[prev.end : tok.start] in (" ", ". "))
        ):
            spans.append((tok.start, tok.end))
    return spans


def _det(prev: Token | None, tok: Token) -> bool:
    """True when prev is a determiner or adjective right before tok ("the fisherman's son")."""
    return bool(prev) and prev.low in DETERMINERS and tok.start - prev.end <= 2


# A file name: "pie_diabetico_rosario.jpg", "bishnu_cxr_03.png".
_FILE = re.compile(
    r"(?<![\w.])[\w-]+\.(?i:jpe?g|png|gif|heic|webp|tiff?|bmp|pdf|docx?|xlsx?|pptx?|csv|txt|mp4|mov|avi|mp3|m4a"
    r"|ogg|opus|wav|dcm)\b"
)
_FILE_PART = re.compile(r"[^\W\d_]+")


def file_names(text: str, named: set[str]) -> list[tuple[int, int]]:
    """Parts of file names that are given names, or words named as people elsewhere in the text."""
    spans = []
    for m in _FILE.finditer(text):
        stem = m.group().rsplit(".", 1)[0]
        for part in _FILE_PART.finditer(stem):
            low = folded(part.group())
            given = low in FIRST_NAMES and len(low) > 2 and low not in COMMON and low not in CLINICAL
            if (given and low not in FUNCTION and low not in FOREIGN_FUNCTION) or low in named:
                spans.append((m.start() + part.start(), m.start() + part.end()))
    return spans
