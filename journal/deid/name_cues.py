"""Cues that make a given name that is also an everyday word or a town's name a person's: a verb after it ("today
Gift took his first steps", "Innocent missed his refill"), a verb that takes a person before it ("which made Kamala
blush", "I thanked Grace"), or the same word named as a person elsewhere in the note ("Gift was the name her mother
chose ... today Gift took"); and what makes any single unknown word a patient on a ward list (``listed_person``).
"""

import re

from journal.deid.name_tokens import Token, never, verb_after, weak
from journal.deid.words import CLINICAL, FIRST_NAMES, HUMAN_VERBS, NAME_WORDS, PERSON_NOUNS, folded

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


def lower_again(text: str, toks: list[Token], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The words in lower case that are a single-word name flagged elsewhere in the note ("Imran's wound swab grew
    MRSA. I told imran myself"), unless they are everyday or function words."""
    named = {folded(text[s:e]) for s, e in spans if e - s > 2 and " " not in text[s:e]}
    if not named:
        return []
    return [(t.start, t.end) for t in toks if t.low in named and t.text.islower() and not weak(t) and not never(t)]


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


# After a single unknown word, what only a patient or a person has: a bed ("Chamorro, el de la cama 6",
# "Ndayishimiye (lit 3)", "Osei in bed 4"), a phone number in brackets ("Yokasta (809-555-0142)"), a role and a verb
# without a comma in English ("Yohannes the porter carried"), or, opening an entry, a diagnosis after a comma
# ("Kyomuhendo, eclampsia, MgSO4").
_BED_AFTER = re.compile(
    r"(?:\s*\(\s*|,\s*(?:the one|el|la|o|a|celui|celle)\s+|\s+)(?:(?:in|de la|da|do|du|en la|na|no|au|del|de)\s+)?"
    r"(?i:bed|cama|lit|leito)\s*\d"
)
_PHONE_AFTER = re.compile(r"\s*\(\+?\d[\d .-]{6,16}\d\)")
_ROLE_AFTER = re.compile(r"\s+the\s+([^\W\d_]+(?:-[^\W\d_]+)?)\s+([^\W\d_]+)")
_DIAGNOSIS_AFTER = re.compile(r",\s+([^\W\d_]+)(?:[ -][^\W\d_]+)?\s*[,;:.(]")
# Verbs that take a clause, which open a sentence before "the" and a role as an imperative ("Remember the mother
# said no").
_CLAUSE_VERBS = frozenset("remember recall note notice know think believe imagine guess suppose say hope".split())


def listed_person(text: str, tok: Token, at_start: bool) -> bool:
    """True when the single word ``tok`` (not one that is never or only weakly a name) is a person by what follows
    it: a bed, a phone number in brackets, "the" and a role, or, opening a sentence or an entry, a diagnosis."""
    if never(tok) or weak(tok) or tok.possessive:
        return False
    end = tok.end
    if _BED_AFTER.match(text, end) or _PHONE_AFTER.match(text, end):
        return True
    role = _ROLE_AFTER.match(text, end)  # then a verb: not "Reach the father on ...", an imperative
    if role and folded(role[1]) in PERSON_NOUNS and (role[2].endswith("ed") or folded(role[2]) in HUMAN_VERBS):
        return tok.low not in _CLAUSE_VERBS
    diagnosis = _DIAGNOSIS_AFTER.match(text, end) if at_start else None
    return bool(diagnosis) and folded(diagnosis[1]) in CLINICAL
