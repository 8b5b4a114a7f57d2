"""Runs of capitalised words that may be a personal name, and the titles before them.

A run is made of capitalised words joined by spaces or a name's particles ("María de la Cruz", "J. Mwangi"); a
function word, a month, a title, an acronym or a brand's mixed case ends it. ``names`` decides whether a run is a
person's name.
"""

import re

from journal.deid.name_tokens import CONTRACTION, Token
from journal.deid.words import (
    CALENDAR,
    FIRST_NAMES,
    FOREIGN_FUNCTION,
    FUNCTION,
    NAME_PARTICLES,
    ROLE_TITLES,
    TITLES,
    WEEKDAYS,
)

# Words that end a run. A single consonant is an initial ("Mrs D. Phiri"), not a French elided article.
_BREAKERS = (FUNCTION | FOREIGN_FUNCTION | CALENDAR | {w + "s" for w in CALENDAR}) - set("bcdfghjklmnpqrstvwxz")
# A capital inside a word: a name after a prefix ("McDonald", "DeSouza", "MacArthur", "LeBlanc"), otherwise the
# mark of a test or a brand ("CrAg", "GeneXpert", "PhilHealth").
_INNER_CAPITAL = re.compile(r"[^\W\d_]+?(?=[A-Z])")
_NAME_PREFIXES = frozenset({"Mc", "Mac", "De", "Di", "Da", "Du", "Le", "La", "Van", "Von", "Fitz", "Del", "Dos"})
# Weekdays that are also given names after a title ("o avô Domingos", "Mr Friday").
_WEEKDAY_NAMES = WEEKDAYS | {w + "s" for w in WEEKDAYS}


_WORD_PARTS = re.compile(r"['’-]")
_TITLE_GAP = re.compile(r"\.?\s+")


def _is_part_of_run(tok: Token) -> bool:
    """Capitalised, not an acronym, and not a function word, number, month, weekday, title or contraction."""
    word = tok.text
    return (
        word[0].isupper()
        and not (len(word) > 1 and word.removesuffix("s").isupper())
        and tok.low not in _BREAKERS
        and word not in TITLES
        and not CONTRACTION.fullmatch(word)
        and (word[1:].islower() or not _mixed_case(word))
    )


def _mixed_case(word: str) -> bool:
    """True when a capital inside the word marks a test or a brand, not a name's prefix ("CrAg", not "McLean")."""
    return any(
        (m := _INNER_CAPITAL.match(part)) and m.group() not in _NAME_PREFIXES for part in _WORD_PARTS.split(word)
    )


def _after_title(text: str, toks: list[Token], i: int) -> bool:
    """True when toks[i] is a capitalised weekday or a given name that is also a function word ("Segundo",
    "Domingo") right after a title: a given name ("a avó Domingas", "don Segundo Chalco")."""
    prev = toks[i - 1] if i > 0 else None
    word = toks[i].text
    given = toks[i].low in FIRST_NAMES and len(word) > 3 and word[1:].islower() and word not in TITLES
    return (
        (toks[i].low in _WEEKDAY_NAMES or given)
        and word[0].isupper()
        and titled(prev, text[prev.end : toks[i].start] if prev else "")
    )


def _joined(text: str, a: Token, b: Token) -> bool:
    """True when b continues a's name: only a space between, or a is an initial ("J. Mwangi")."""
    gap = text[a.end : b.start]
    return not a.possessive and (gap == " " or (len(a.text) == 1 and gap == ". "))


def segments(text: str, toks: list[Token]):
    """Yield (first, last) indexes of runs of capitalised words, joined by spaces and particles ("de la")."""
    i = 0
    while i < len(toks):
        if not _is_part_of_run(toks[i]) and not _after_title(text, toks, i):
            i += 1
            continue
        j = i
        while True:
            k = j + 1
            while k < len(toks) and toks[k].text.lower() in NAME_PARTICLES and _joined(text, toks[k - 1], toks[k]):
                k += 1
            if k < len(toks) and _joined(text, toks[k - 1], toks[k]) and _is_part_of_run(toks[k]):
                j = k
            else:
                break
        yield i, j
        i = j + 1


def titled(prev: Token | None, before: str) -> bool:
    """True when prev is a title or a role written before a name ("Dr", "Mama", "enfermeira")."""
    return bool(prev) and (prev.text in TITLES or prev.low in ROLE_TITLES) and bool(_TITLE_GAP.fullmatch(before))
