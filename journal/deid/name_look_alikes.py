"""Runs of capitalised words that the name rules would take for a person's name, but that the words around them
say are something else: an eponym after its noun ("signo de Murphy"), a place whose first word ends runs
("Buenos Aires"), where a person comes from ("Tsegaye from Gondar"), a festival named by everyday words ("Boun
Bang Fai"), a home named with a number ("Matthew 25 House"), the place an office holder is of ("le préfet de
Kaya"), a unit named after someone ("the Mercy James paediatric surgery unit"), the faithful of a holy figure
("Jehovah's Witness"), and a unit or a product's letter next to a number ("2 L Ringer's", "F-75").

They are checked last, on the runs the rules flagged only (speed: most runs of a note are not flagged).
"""

import re

from journal.deid.name_tokens import OF, Token, never
from journal.deid.words import (
    ABBREVIATIONS,
    COUNTRIES,
    EPONYM_BEFORE,
    EPONYM_TESTS,
    FESTIVAL_PHRASES,
    FIRST_NAMES,
    FROM_PERSON,
    GIVEN_NAME_PLACES,
    HOLY,
    HOMES,
    INSTITUTIONS,
    PERSON_NOUNS,
    REGIONS,
    TITLES,
    TOWNS,
    folded,
)


def look_alike(text: str, toks: list[Token], i: int, j: int) -> bool:
    """True when the run toks[i..j] is an eponym, a place, someone's origin, a festival, a numbered home, or
    the letters of an abbreviation ("B. P. was 90/60")."""
    seg = toks[i : j + 1]
    prev = toks[i - 1] if i > 0 else None
    prev2 = toks[i - 2] if i > 1 else None
    before = text[prev.end : seg[0].start] if prev else ""
    return (
        _eponym(seg, prev, prev2, before)
        or _numbered(text, seg[-1].end)
        or (bool(prev) and before == " " and _place_with(prev, seg))
        or (bool(prev2) and prev.low == "from" and before == " " and _origin_of(text, prev2, prev, seg))
        or _festive(toks, i, j)
        or (bool(prev) and prev.possessive and prev.low in HOLY)
        or (bool(prev2) and prev.low in _OF and prev2.low in _OFFICES and _SPACES.fullmatch(before) is not None)
        or _letter_by_number(text, seg)
        or _named_unit(text, seg[-1].end)
        or (
            len(seg[0].text) == 1
            and all(len(t.text) == 1 for t in seg)
            and "".join(t.low for t in seg) in ABBREVIATIONS
        )
    )


_DE = frozenset({"de", "del"})


def _eponym(seg: list[Token], prev: Token | None, prev2: Token | None, before: str) -> bool:
    """True when the run is an eponym: after its noun and "de" or "d'" ("signo de Murphy", "signe d'Ewart", "la
    prueba de Coombs" but not "la prueba de María"), or opening with it ("Escala de Glasgow", "Doença de Hansen")."""
    if seg[0].low in EPONYM_BEFORE and len(seg) > 2 and seg[1].low in OF:
        return True
    if prev and prev2 and prev.low in _DE and before == " ":
        noun = prev2
    elif prev and before.endswith(("d'", "d’")) and before[:-2].isspace():
        noun = prev
    else:
        return False
    given = len(seg) == 1 and seg[0].low in FIRST_NAMES
    return noun.low in EPONYM_BEFORE or (noun.low in EPONYM_TESTS and not given)


# After a run, a number and a capitalised home or institution: the run names it ("Matthew 25 House").
_NUMBERED = re.compile(r"\s\d{1,4}\s+(?=[A-Z])(?P<what>[^\W\d_]+)")
_NUMBERED_WORDS = HOMES | INSTITUTIONS


def _numbered(text: str, end: int) -> bool:
    """True when a number and a capitalised home or institution follow end ("Matthew 25 House")."""
    if not text[end + 1 : end + 2].isdigit():
        return False  # speed: most runs are not followed by a space and a number
    m = _NUMBERED.match(text, end)
    return bool(m) and folded(m["what"]) in _NUMBERED_WORDS


def _place_with(prev: Token, seg: list[Token]) -> bool:
    """True when the capitalised word before the run (not a title) and the run, or its first word, make a town, a
    region or a country: "Buenos Aires", "La Guajira", "Los Ángeles" ("Buenos", "La" and "Los" end runs)."""
    if not prev.text[0].isupper() or prev.text in TITLES:
        return False
    for phrase in (f"{prev.low} {' '.join(t.low for t in seg)}", f"{prev.low} {seg[0].low}"):
        if phrase in TOWNS or phrase in REGIONS or phrase in COUNTRIES:
            return True
    return False


_SPACES = re.compile(r"\s+")


def _origin_of(text: str, person: Token, word_from: Token, seg: list[Token]) -> bool:
    """True when "from" follows a capitalised word that could be a name, with only spaces between: the run after
    "from" is where that person, or those people, come from ("Tsegaye from Gondar came back", "Doctors from Cuba
    came"), not "a call from Okello". After a word for a person in lower case, so is a country or a region that is
    also a given name ("a nurse from Kenya taught us")."""
    if _SPACES.fullmatch(text, person.end, word_from.start) is None or person.low in FROM_PERSON:
        return False
    if person.text[0].isupper():
        return not never(person) or person.low.removesuffix("s") in PERSON_NOUNS
    return person.low.removesuffix("s") in PERSON_NOUNS and all(t.low in GIVEN_NAME_PLACES for t in seg)


_FESTIVE_WORDS = frozenset(word for phrase in FESTIVAL_PHRASES for word in phrase.split())


def _festive(toks: list[Token], i: int, j: int) -> bool:
    """True when the run toks[i..j] is inside the phrase of a festival's name ("Boun Bang Fai", "Phi Ta Khon")."""
    if _FESTIVE_WORDS.isdisjoint([t.low for t in toks[i : j + 1]]):
        return False  # speed: most runs hold no word of a festival's name
    for first in range(max(0, i - 3), i + 1):
        for last in range(j, min(len(toks), first + 5)):
            if " ".join(t.low for t in toks[first : last + 1]) in FESTIVAL_PHRASES:
                return True
    return False


# Offices held over a place: after one and "de" or "of", the run is the place ("le préfet de Kaya", "the mayor of
# Tamale", "el alcalde de León", "o prefeito de Bafatá").
_OFFICES = frozenset(
    "prefet sous-prefet gouverneur maire governor mayor alcalde gobernador prefeito governador administrateur "
    "administrator commissioner bishop eveque obispo bispo chief chef".split()
)
_OF = frozenset({"de", "of", "du", "do", "da", "del"})
# A unit or a ward named after a person, then the specialty words that make it one, or an emergency room's
# acronym: "the Mercy James paediatric surgery unit", "Beit Cure children's ward", "Kantha Bopha ER".
_NAMED_UNIT = re.compile(
    r"\s+(?:ER|A&E)\b|(?:\s+(?i:paediatric|pediatric|children['’]s|women['’]s|surgical|surgery|maternity|neonatal|newborn|eye|dental"
    r"|burns?|cancer|cardiac|trauma|emergency|orthopaedic|orthopedic|renal|dialysis|fistula|nutrition|isolation"
    r"|private|medical)){1,3}\s+(?i:unit|ward|wing|block|theatre|theater|centre|center|department)\b"
)


def _named_unit(text: str, end: int) -> bool:
    """True when specialty words and a unit's noun follow the run ("Mercy James paediatric surgery unit")."""
    return text[end : end + 1] == " " and _NAMED_UNIT.match(text, end) is not None


# A letter right after a number is its unit ("2 L", "500 M"), and one right before a dash and a number a product's
# or a form's ("F-75", "T-12"): neither is an initial.
_NUMBER_BEFORE = re.compile(r"\d\s?$")
_DASH_NUMBER = re.compile(r"-\d")


def _letter_by_number(text: str, seg: list[Token]) -> bool:
    """True when the run is a letter by a number and words that are never a name on their own ("2 L Ringer's"), or
    a word that opens a sentence and a letter before a dash and a number ("Iniciámos F-75")."""
    first, last = seg[0], seg[-1]
    if len(first.text) == 1 and _NUMBER_BEFORE.search(text, max(0, first.start - 2), first.start):
        return all(never(t) for t in seg[1:])
    if len(last.text) == 1 and _DASH_NUMBER.match(text, last.end):
        rest = seg[:-1]
        opening = not text[: first.start].strip() or text[: first.start].rstrip()[-1] in ".!?:;"
        return not rest or (len(rest) == 1 and opening and first.low not in FIRST_NAMES)
    return False
