"""The words of a text as the name rules see them, and the classes of words that are never, or only with a
cue, a person's name.

A token is a word of letters (apostrophes and hyphens inside): a French elision is cut off its front
("L'hôpital" -> "hôpital"), a possessive 's off its end and remembered.
"""

import re
from bisect import bisect_left
from functools import lru_cache
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


_new_token = tuple.__new__  # builds a Token without NamedTuple's argument handling (speed: one per word)


def tokens(text: str) -> list[Token]:
    """Word tokens (no digits): an elision cut off the front, a trailing possessive 's cut off and remembered."""
    out = []
    for m in _WORD.finditer(text):
        cut, word, possessive, low = _word_parts(m.group())
        out.append(_new_token(Token, (m.start() + cut, m.end() - 2 * possessive, word, possessive, low)))
    return out


@lru_cache(maxsize=8192)
def _word_parts(word: str) -> tuple[int, str, bool, str]:
    """How a matched word becomes a token (speed: the same words come back in every note): the length of the
    elision cut off its front, the word, whether it ended in a possessive 's (cut off), and its folded form."""
    cut = 0
    if "'" in word or "’" in word:
        elided = _ELISION.match(word)
        if elided:
            cut, word = elided.end(), word[elided.end() :]
    possessive = len(word) > 2 and word[-2] in "'’" and word[-1] == "s"
    if possessive:
        word = word[:-2]
    return cut, word, possessive, folded(word)


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
        or ("-" in low and all(part in CLINICAL for part in low.split("-")))  # "Holliday-Segar", "Guillain-Barré"
    )


def weak(tok: Token) -> bool:
    """A word that is a name only with a cue: a town, a given name that is also an everyday word, a country or a
    region that is also a given name ("Victoria", "Jordan")."""
    return tok.low in TOWNS or tok.low in NAME_WORDS or tok.low in GIVEN_NAME_PLACES


OF = frozenset({"of", "de", "del", "da", "do", "du", "dos", "das"})
FAMILY = frozenset({"family", "familia", "famille", "bebe", "cama"})


# After a name, a verb of care in the passive or of a patient's coming and going: "was discharged", "est
# revenue", "foi internada", "fue dada de alta", "llegó". Places, drugs and institutions were ruled out before.
CARED_FOR = re.compile(
    r"\s+(?:(?:was|is|has\s+been|had\s+been|got|will\s+be)\s+(?:re)?(?:discharged|admitted|referred|seen|born"
    r"|reviewed|transferred|intubated|resuscitated|operated|examined|diagnosed|counselled|counseled|vaccinated"
    r"|immunised|immunized|weighed|delivered|booked|triaged|sedated|catheterised|catheterized|circumcised"
    r"|readmitted|brought|carried|rushed|taken|sent|found)\b"
    r"|(?:est|a\s+été|était|sera)\s+(?:re)?(?:venue?|arrivée?|sortie?|hospitalisée?|admise?|transférée?|décédée?"
    r"|née?|partie?|opérée?|accouchée?|vue?|examinée?|référée?|évacuée?|tombée?|morte?)\b"
    r"|(?:foi|está|esteve|tinha\s+sido|será)\s+(?:re)?(?:internad[oa]|operad[oa]|transferid[oa]|encaminhad[oa]"
    r"|atendid[oa]|vist[oa]|nascid[oa]|levad[oa]|examinad[oa]|diagnosticad[oa]|vacinad[oa]|trazid[oa]"
    r"|admitid[oa]|referid[oa])\b|(?:recebeu|teve)\s+alta\b"
    r"|(?:fue|está|estaba|estuvo|ha\s+sido|será)\s+(?:re)?(?:dad[oa]\s+de\s+alta|ingresad[oa]|internad[oa]"
    r"|hospitalizad[oa]|referid[oa]|trasladad[oa]|operad[oa]|atendid[oa]|vist[oa]|nacid[oa]|traíd[oa]|llevad[oa]"
    r"|examinad[oa]|diagnosticad[oa]|vacunad[oa])\b"
    r"|(?:llegó|regresó|volvió|ingresó|nació|murió|falleció|regressou|voltou|nasceu|morreu|faleceu|revient"
    r"|reviendra|arrive)\b)"
)
