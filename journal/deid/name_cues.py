"""Cues that make a given name that is also an everyday word or a town's name a person's: a verb after it ("today
Gift took his first steps", "Innocent missed his refill"), a verb that takes a person before it ("which made Kamala
blush", "I thanked Grace"), or the same word named as a person elsewhere in the note ("Gift was the name her mother
chose ... today Gift took").
"""

from journal.deid.name_tokens import Token, verb_after
from journal.deid.words import FIRST_NAMES, NAME_WORDS

# Given names that are adjectives ("Precious", "Innocent", "Lucky"): an adjective is no subject, so one opening a
# sentence before a verb is a name ("Innocent missed his refill"), where a noun may not be ("Hope filled the room").
_NAME_ADJECTIVES = frozenset(
    "precious innocent lucky happy sunny gentle brave bright honest noble pure sweet lovely humble bonita linda".split()
)
# Verbs whose object is a person (given names after them are names, "I thanked Grace"), and verbs that make their
# object do something ("which made Kamala blush", "we let Pedro sleep"), with the bare verbs of people after them.
_PERSON_OBJECT = frozenset(
    "told asked thanked hugged reminded taught persuaded convinced begged urged encouraged invited paged consoled "
    "comforted reassured greeted".split()
)
_MAKE = frozenset("made make makes making let lets letting helped help helps watched saw heard had".split())
_BARE_HUMAN = frozenset(
    "blush cry laugh smile giggle weep sob sing dance pray talk speak sign agree promise wait stay sit sleep eat "
    "feel think understand come go leave walk".split()
)


def given_word(tok: Token) -> bool:
    """A given name, perhaps one that is also an everyday word or a town ("Gift", "Kamala", "Pedro")."""
    return tok.low in FIRST_NAMES or tok.low in NAME_WORDS


def verb_cued(text: str, toks: list[Token], i: int, j: int, at_start: bool) -> bool:
    """True when the single given name toks[i] (i == j) is the subject of a verb or a person's object: "today Gift
    took", "Innocent missed" (an adjective opening a sentence), "which made Kamala blush", "I thanked Grace"."""
    if i != j:
        return False
    tok = toks[i]
    if not given_word(tok):
        return False
    if (not at_start or tok.low in _NAME_ADJECTIVES) and verb_after(text, toks, j):
        return True
    prev = toks[i - 1] if i else None
    if not prev or text[prev.end : tok.start] != " " or not prev.text.islower():
        return False
    if prev.low in _PERSON_OBJECT:
        return True
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    return prev.low in _MAKE and bool(nxt) and nxt.low in _BARE_HUMAN and text[tok.end : nxt.start] == " "


def named_again(text: str, toks: list[Token], runs: list[tuple[int, int]], spans: list[tuple[int, int]]):
    """The single capitalised words of ``runs`` (not flagged) that are words of a name flagged elsewhere in the
    note, as it is written there: "Gift was the name her mother chose ... today Gift took his first steps"."""
    named = set()
    for s, e in spans:
        named.update(w for w in text[s:e].split() if len(w) > 2 and w[0].isupper())
    if not named:
        return []
    flagged = set(spans)
    return [
        (toks[i].start, toks[i].end)
        for i, j in runs
        if i == j and toks[i].text in named and (toks[i].start, toks[i].end) not in flagged
    ]
