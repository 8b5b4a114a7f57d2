"""Villages, neighbourhoods, informal settlements and municipal wards where a patient lives or comes from.

Cities and big towns, regions and countries are not identifiers. A place named after a residence or origin cue
("lives in", "brought her from", "the village of", "vive en la aldea", "habite à", "mora no bairro de", a home
visit or a walk with a community health worker: "home visit to", "went with the CHW to"; the cues are in
``locality_cues``) is flagged only when it is none of those: not in ``words.TOWNS`` or ``words.PLACES``, not a
country or a region (``words.COUNTRIES``, ``words.REGIONS``), not an institution. A town's name is one after a
Portuguese or French article ("chegou da Rocinha", "Aïssatou, de la Médina,"), as cities are named without one,
and with a house number ("habite à Delmas 33"); wards and sections of a town are in ``wards``, the home-visit cues
in ``home_visits``, and whether a "from" is an origin in ``origins``.
"""

import re

from journal.deid.home_visits import VISITED, with_health_worker
from journal.deid.locality_cues import (
    AFTER_WORDS,
    APPOSED_ARTICLED,
    APPOSED_PLAIN,
    CUES,
    ORIGIN,
    PREFIX,
    RESIDENCE,
    SETTLEMENT,
    SETTLEMENT_AFTER,
    SETTLEMENT_NOUNS,
    VISIT,
    WITH_ARTICLE,
    after_name_and_comma,
)
from journal.deid.origins import is_origin
from journal.deid.place_words import (
    AREA,
    DIRECTIONS,
    DISTRICT_OPENERS,
    LETTER_WORDS,
    NAME,
    NOT_PLACE,
    NUMBERED_PART,
    PLACE_ENDERS,
    PLACE_OPENERS,
    PLACE_PARTICLES,
    WORD,
    ends_place,
    gated_matches,
)
from journal.deid.words import (
    BLOCK,
    CLINICAL,
    COUNTRIES,
    FIRST_NAMES,
    FOREIGN_LINKS,
    FUNCTION,
    INSTITUTIONS,
    NOT_PEOPLE,
    PLACES,
    REGIONS,
    TOWNS,
    folded,
)

_LOCAL = rf"(?P<place>{NAME})"
# The origins set off by commas after a name ("Aïssatou Ndiaye, de la Médina,"), closed by a comma.
_APPOSED = (APPOSED_PLAIN, APPOSED_ARTICLED)
# Articles that open a settlement's name after a settlement noun: "la vereda La Esperanza", "Barrio El Carmen".
_NAME_ARTICLES = frozenset("La El Los Las Le Les".split())
# A name, then a ward, section or house number: "Delmas 33", "Bharatpur-12", "Mathare 4A" (not "5 km", "3 days").
_WARD_NUMBER = re.compile(
    r"(?:-\d{1,2}|\s\d{1,3}[A-Z]?)\b(?![-/.,]?\d)"
    r"(?!\s*(?:km|kilomet|mile|min|hour|hr|day|week|month|year|%|h\b|am\b|pm\b))"
)
_NAME_THEN = re.compile(_LOCAL)
_BORN = re.compile(rf"\b{WORD}(?=-born\b)")
# A settlement noun after a place's name ("from Ta Sek village", "in Chipata Compound"), and the name before it
# (not after "a" or "an": "a Tamang village").
_NOUN_AFTER = re.compile(rf"(?:{SETTLEMENT_AFTER}|Compound|Slum|Settlement|Tole|Basti)\b")
_NAME_BEFORE = re.compile(rf"(?<![\w'’-])(?<![Aa] )(?<![Aa]n ){_LOCAL}\s+$")


# A sign that ends a clause, and a number right after a name (compiled once: speed).
_CLAUSE_SIGN = re.compile(r"[.;:!?,(]")
_NUMBER_NEXT = re.compile(r"[\s-]?\d")


def next_words(text: str, end: int) -> list[str]:
    """Up to three folded words after ``end`` in the same clause, stopping at a function word."""
    out = []
    for m in LETTER_WORDS.finditer(text[end : end + 60]):
        if _CLAUSE_SIGN.search(text, end, end + m.start()):
            break
        word = folded(m.group())
        if word in FUNCTION or len(out) == 3:
            break
        out.append(word)
    return out


def _unknown(word: str) -> bool:
    """A capitalised word that may name a village: not an acronym, a possessive or a known kind of word."""
    low = folded(word)
    return not (
        len(word) == 1
        or word.isupper()
        or word[-2:] in ("'s", "’s")
        or low in BLOCK
        or low in INSTITUTIONS
        or low in CLINICAL
        or low in NOT_PLACE
        or low in PLACES
        or low in COUNTRIES
        or low in NOT_PEOPLE
    )


def _place_end(text: str, start: int, end: int, strength: int) -> int | None:
    """End of the village or neighbourhood name that text[start:end] opens, or None when it names none.

    The run stops at a month or a title; a function word inside it makes it a longer proper name ("Partners In
    Health"). It is not a village when a word is an institution, street, clinical or address word, a country or a
    known place, an acronym or a possessive; when a number follows (that is the residence cues' business); when
    the next words make it a division or an institution ("district", "health centre"); when the whole run is a
    region or a country, or, after an origin or residence cue, a town; and, after those cues too, when it opens
    with a saint, "Villa" or a compass word ("San Juan de Lurigancho", "North Kivu"), or, after an origin, with a
    given name ("a gift from Amina"), unless that word opens place names ("from Monte Verde"). After a settlement
    noun or a home visit, the name may open with an article ("La Esperanza"); a name that ends with "Bay", "Town"
    or "Point" ("Kroo Bay") is a place unless the rest is a town ("Kisumu Town").
    """
    words = list(LETTER_WORDS.finditer(text, start, end))
    named = (
        1 if strength in (VISIT, SETTLEMENT, PREFIX) and len(words) > 1 and words[0].group() in _NAME_ARTICLES else 0
    )
    for i, w in enumerate(words):
        if i >= named and w.group()[0].isupper() and ends_place(w.group()):
            if i + 1 < len(words) and (folded(w.group()) in FUNCTION or folded(w.group()) in FOREIGN_LINKS):
                return None
            words = words[:i]
            break
    while words and words[-1].group() in PLACE_PARTICLES:
        words.pop()  # a particle left at the end: "San Juan de" before a stop word
    if not words:
        return None
    end = words[-1].end()
    caps = [w.group() for w in words[named:] if w.group()[0].isupper()]
    if text.startswith(("'s", "’s"), end) or _NUMBER_NEXT.match(text, end):
        return None
    ender = len(caps) > 1 and folded(caps[-1]) in PLACE_ENDERS  # "Kroo Bay", "Kissy Town"
    if not all(map(_unknown, caps[:-1] if ender else caps)):
        return None
    if any((w in BLOCK or w in AREA) and w not in SETTLEMENT_NOUNS for w in next_words(text, end)):
        return None
    run, first = folded(text[start:end]), folded(caps[0])
    if ender and strength < PREFIX:
        rest = folded(text[start : words[-1].start()].strip())
        if rest in TOWNS or rest in COUNTRIES or rest in REGIONS:
            return None  # "Kisumu Town", "Congo Town" name a town's centre
    if strength < PREFIX and (run in REGIONS or run in COUNTRIES):
        return None
    if strength <= RESIDENCE and run in TOWNS:
        return None  # but "chegou da Rocinha", "de la Médina": a town's name with an article names a neighbourhood
    if strength <= WITH_ARTICLE and (first in DISTRICT_OPENERS or first in DIRECTIONS):
        return None
    if strength <= VISIT and first in FIRST_NAMES and first not in PLACE_OPENERS:
        return None  # "a gift from Amina", but "from Monte Verde"
    return end


def _cued(text: str, strength: int, m: re.Match) -> list[int] | None:
    """The span of the place named after the cue ``m``, or None.

    After a residence or settlement cue, a ward or house number ("habite à Delmas 33") or a numbered part
    ("quartier Médina, lot 112") makes the name an address even when it is a town's.
    """
    name = _NAME_THEN.match(text, m.end())
    if not name:
        return None
    noun = m.start("noun") if "noun" in m.re.groupindex and m["noun"] else m.start()
    start = noun if strength in (PREFIX, SETTLEMENT) else name.start()
    if strength in (RESIDENCE, SETTLEMENT) and not any(ends_place(w) for w in name.group().split()):
        number = _WARD_NUMBER.match(text, name.end()) if strength == RESIDENCE else None
        if number or NUMBERED_PART.match(text, name.end()):
            return [start, number.end() if number else name.end()]
    end = _place_end(text, name.start(), name.end(), strength)
    return [start, end] if end else None


def find_localities(text: str, starts: dict[str, list[int]]) -> list[list[int]]:
    """Villages, settlements and neighbourhoods named after a cue, before a settlement noun, or before "-born"."""
    spans = []
    for strength, opening, cue in CUES:
        for m in gated_matches(text, starts, opening, cue):
            if strength == ORIGIN and m.group().startswith("from") and not is_origin(text, m.start()):
                continue
            if cue is VISITED and not with_health_worker(text, m.start()):
                continue
            if cue in _APPOSED and not after_name_and_comma(text, m.start()):
                continue
            span = _cued(text, SETTLEMENT if "noun" in cue.groupindex and m["noun"] else strength, m)
            if span and (cue not in _APPOSED or text.startswith(",", span[1])):
                spans.append(span)
    for word in AFTER_WORDS & starts.keys():
        for at in starts[word]:
            noun = _NOUN_AFTER.match(text, at)
            name = noun and _NAME_BEFORE.search(text, max(0, at - 80), at)
            if not name:
                continue
            capital = noun.group()[0].isupper()
            end = _place_end(text, name.start("place"), name.end("place"), PREFIX if capital else SETTLEMENT)
            if end == name.end("place"):
                spans.append([name.start("place"), noun.end()])
    for m in _BORN.finditer(text) if "-born" in text else ():  # "a Kibera-born nurse"
        end = _place_end(text, m.start(), m.end(), ORIGIN)
        if end:
            spans.append([m.start(), end])
    return spans
