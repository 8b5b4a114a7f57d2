"""The words of a text as the name rules see them, and the classes of words that are never, or only with a
cue, a person's name.

A token is a word of letters (apostrophes and hyphens inside): a French elision is cut off its front
("L'hôpital" -> "hôpital"), a possessive 's off its end and remembered.
"""

import re
from bisect import bisect_left
from typing import NamedTuple

from journal.deid.words import (
    CLINICAL,
    COMMON,
    GIVEN_NAME_PLACES,
    MED_SUFFIX,
    NAME_WORDS,
    NOT_PEOPLE,
    PLACES,
    REGIONS,
    TOWNS,
    folded,
)


class Token(NamedTuple):
    start: int
    end: int
    text: str
    possessive: bool
    low: str  # folded: lower case without accents


_WORD = re.compile(r"(?<![\w/])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w/])")
# A French elided article or pronoun glued to the next word ("L'hôpital", "d'Apgar", "J'ai"): not part of a name.
_ELISION = re.compile(r"(?i:[ldjcmnst]|qu|jusqu|lorsqu|puisqu)['’](?=[^\W\d_])")
# An English contraction ("I'm", "I've", "don't"): a function word, never a name.
CONTRACTION = re.compile(r"[^\W\d_]+['’](?i:m|ve|ll|d|re|t)")


def tokens(text: str) -> list[Token]:
    """Word tokens (no digits): an elision cut off the front, a trailing possessive 's cut off and remembered."""
    out = []
    for m in _WORD.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        elided = _ELISION.match(word) if "'" in word or "’" in word else None
        if elided:
            word, start = word[elided.end() :], start + elided.end()
        possessive = len(word) > 2 and word[-2] in "'’" and word[-1] == "s"
        if possessive:
            word, end = word[:-2], end - 2
        out.append(Token(start, end, word, possessive, folded(word)))
    return out


def starting_at(toks: list[Token], start: int) -> list[Token]:
    """The tokens that start at or after ``start`` (tokens are in text order)."""
    return toks[bisect_left(toks, start, key=lambda t: t.start) :]


def never(tok: Token) -> bool:
    """A word that is never (part of) a person's name on its own: clinical, a place, a people, a product."""
    low, stem = tok.low, tok.low.removesuffix("s")
    return (
        low in CLINICAL
        or ((low in PLACES or low in REGIONS) and low not in GIVEN_NAME_PLACES)
        or low in NOT_PEOPLE
        or stem in NOT_PEOPLE
        or low in COMMON
        or stem in COMMON
        or bool(MED_SUFFIX.search(low))
    )


def weak(tok: Token) -> bool:
    """A word that is a name only with a cue: a town, a given name that is also an everyday word, a country or a
    region that is also a given name ("Victoria", "Jordan")."""
    return tok.low in TOWNS or tok.low in NAME_WORDS or tok.low in GIVEN_NAME_PLACES


OF = frozenset({"of", "de", "del", "da", "do", "du", "dos", "das"})
FAMILY = frozenset({"family", "familia", "famille", "bebe", "cama"})
