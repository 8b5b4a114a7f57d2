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
    ROLE_TITLES,
    TITLES,
    folded,
)

# Initials standing for a name ("Patient J.M.,", "Baby girl of A.O."), not followed by a number ("B.P. 90/60").
_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,3}(?![\w.])(?!\s*[:=]?\s*\d)")


def initials(text: str, toks: list[Token]) -> list[tuple[int, int]]:
    """Dotted initials that are not an abbreviation nor the start of an institution ("B.P. Koirala Institute").
    After a person cue ("A paciente M.S.F.", "Mrs A.B.") they are initials even when they spell an acronym."""
    spans = []
    for m in _INITIALS.finditer(text):
        if folded(m.group().replace(".", "")) in ABBREVIATIONS and not _person_before(text, m.start()):
            continue
        after = starting_at(toks, m.end())[:4]
        if any(t.low in INSTITUTIONS for t in after if t.text[0].isupper()):
            continue
        spans.append((m.start(), m.end()))
    return spans


_TITLE_WORDS = frozenset(folded(t) for t in TITLES) | ROLE_TITLES
# The word right before a position, when only spaces separate them.
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?\s+$")


def _person_before(text: str, start: int) -> bool:
    """True when a title, a role or a word for a person comes right before start ("paciente", "Mrs", "mother")."""
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return bool(m) and (folded(m[1]) in _TITLE_WORDS or folded(m[1]) in PERSON_NOUNS)


# Words that are never a lower-case name, in one set (speed: most words of a note are one of them).
_NOT_PLAIN = FUNCTION | FOREIGN_FUNCTION | CALENDAR | NAME_WORDS | PERSON_NOUNS | BLOCK | COMMON | CLINICAL


def _plain(tok: Token) -> bool:
    """A lower-case word that could be a name typed in a hurry: not a common, clinical or function word."""
    return tok.low not in _NOT_PLAIN and len(tok.low) > 2 and tok.text.islower() and not never(tok)


# After a lower-case given name, a bed: "o joão da cama 4", "la rosa de la cama 2", "baby in bed 6".
_BED_AFTER = re.compile(r"\s+(?:da|de la|del|du|in|from|en la|na|no|au)\s+(?:cama|bed|lit|leito)\b")
# A word for a small person before a lower-case given name: "little baraka", "la petite awa", "o pequeno joão".
_SMALL = frozenset(
    {
        "little",
        "young",
        "petite",
        "petit",
        "pequena",
        "pequeno",
        "pequeña",
        "pequeño",
        "pequenina",
        "pequenino",
        "bebe",
        "bebé",
        "bebê",
        "bébé",
        "menino",
        "menina",
        "nino",
        "niño",
        "nina",
        "niña",
        "garcon",
        "garçon",
    }
)
# Words before "little" that make it a quantity or an adjective of a thing: "a little", "too little", "the little".
_NOT_SMALL_PERSON = frozenset({"a", "very", "too", "so", "quite", "how", "as", "un", "une", "um", "uma", "muy", "tan"})
# After a lower-case word, a relative pronoun only people take: "with rutendo, who is eleven", "a lucho, quien".
_WHO_AFTER = re.compile(r",\s+(?:who|whom|quien|quienes)\b")
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
            or (given and prev and prev2 and prev.low in OF and _owner_of(prev2))
            or (given and _BED_AFTER.match(text, tok.end))
            or (given and prev and prev.low in _SMALL and not (prev2 and prev2.low in _NOT_SMALL_PERSON))
            or (_after_verb_or_preposition(prev, tok) and _WHO_AFTER.match(text, tok.end) and not tok.possessive)
            or (given and prev and prev.text in _LOWER_TITLES and text[prev.end : tok.start] in (" ", ". "))
        ):
            spans.append((tok.start, tok.end))
    return spans


def _owner_of(tok: Token) -> bool:
    """True when tok is something a person has, before "de"/"da"/"du": a relative, a record, a wound, a bed."""
    return tok.low in PERSON_NOUNS or tok.low in FAMILY or tok.low in POSSESSED


def _after_verb_or_preposition(prev: Token | None, tok: Token) -> bool:
    """True when a function word that is no determiner comes right before tok ("with rutendo", "told amina")."""
    return bool(prev) and prev.low in FUNCTION and not _det(prev, tok) and tok.start - prev.end == 1


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
    """Parts of file names that are given names, words named as people elsewhere in the text, or the one
    capitalised word of a name written otherwise in lower case ("Priyanka_echo_final.mp4", not "Ward_Round.pdf")."""
    spans = []
    for m in _FILE.finditer(text):
        stem = m.group().rsplit(".", 1)[0]
        parts = list(_FILE_PART.finditer(stem))
        capitalised = [p for p in parts if p.group()[0].isupper() and not p.group().isupper()]
        for part in parts:
            word = part.group()
            low = folded(word)
            if low in FUNCTION or low in FOREIGN_FUNCTION or low in CALENDAR or len(low) < 3:
                continue
            token = Token(0, 0, word, False, low)
            given = low in FIRST_NAMES and low not in COMMON and low not in CLINICAL
            proper = capitalised == [part] and word[1:].islower() and not never(token) and low not in BLOCK
            if given or proper or low in named:
                spans.append((m.start() + part.start(), m.start() + part.end()))
    return spans
