"""Addresses: streets with a house number, house, plot and flat numbers, postcodes, and the villages,
neighbourhoods, informal settlements and municipal wards where a patient lives or comes from.

The rules live in ``streets`` (numbered addresses and postcodes), ``localities`` (villages, settlements) and
``wards`` (wards and sections of a town); here their findings are joined with the numbered parts, towns and
postcodes that follow them ("Unité 15, villa 212", "quarteirão 14, casa 27", "Plot 47, Kisugu") and merged where
they touch. The rules
cover notes in English, Spanish, French and Portuguese.
"""

import re

from journal.deid import locality_cues, streets, wards
from journal.deid.finding import Finding, flag
from journal.deid.localities import find_localities
from journal.deid.place_words import NAME, NUMBERED_PART, ends_place, gate, word_starts
from journal.deid.streets import CAP, find_numbered
from journal.deid.wards import find_wards

# A town or area after a comma, its words perhaps joined by particles, or a postcode: "Plot 47, Kisugu", "lote 12,
# Pampas de San Juan", "Meerut 250004".
_TAIL = re.compile(
    rf",\s*(?P<first>{CAP})(?:\s+(?:(?:de|del|da|do|dos|das|de la)\s+)?{CAP}){{0,3}}(?:,?\s+\d{{4,6}}\b)?"
    r"|,?\s+\d{4,6}\b"
)

# A place, then a house in it: "Misisi, house 2163", "Médina, maison 14", "Chamanculo, casa 9", "Mwenge, nyumba 5".
_HOUSE_WORDS = gate("house casa maison nyumba")
_HOUSE_LABEL = r"(?:no\.|n\.?\s?[º°o]\.?|#|num\.|n[úu]m\.|n[úu]mero|num[ée]ro|number)"
_HOUSE = re.compile(
    rf"(?i:house|casa|maison|nyumba)\s+(?i:(?P<label>{_HOUSE_LABEL}|no)\s*)?\d{{1,5}}[A-Za-z]?\b(?![-/.]?\d)"
)
_PLACE_BEFORE = re.compile(rf"(?<![\w'’-])(?P<place>{NAME}),\s+$")
# Without a place, a house number after a landmark ("frente a la pulpería, casa 214", "behind the mosque, house 45"),
# a residence cue ("vive en la casa 14", "mora na casa 3") or with its label ("maison nº 12") is an address too, when
# no unit follows it ("en casa 3 días", "house 12 metres from the river").
_CLAUSE_BEFORE = re.compile(
    r"(?:,\s*|(?i:\b(?:lives|living|stays|staying|resides|vive|viven|reside|habite|habitent|vit|vivent|mora|moram"
    r"|vivem)\s+(?:(?:in|at|en|à|a|dans|em|no|na)\s+)?(?:(?:the|la|el|le|l['’]|o|a)\s*)?))$"
)
_UNIT_AFTER = re.compile(
    r"\s*(?i:d[íi]as?|days?|jours?|semanas?|weeks?|semaines?|mes(?:es)?|months?|mois|horas?|hours?|heures?|hrs?\b"
    r"|h\b|min|veces|vezes|fois|times?|a[ñn]os|anos|ans\b|years?|km|m\b|met(?:er|re)s?|metros|m[èe]tres?|%"
    r"|(?:de|of|sur|out\s+of)\s+\d)"
)
# The words some rule opens with: only these are indexed in a text.
_GATES = streets.GATES | locality_cues.GATES | wards.DIVISION_WORDS | wards.SECTION_WORDS | _HOUSE_WORDS


def _houses_after_places(text: str, starts: dict[str, list[int]]) -> list[list[int]]:
    """A place named just before a house number, with it: "Misisi, house 2163" (the place may be a town); a house
    number after a landmark, a residence cue or with its label: "frente a la pulpería, casa 214", "maison nº 12"."""
    spans = []
    for word in _HOUSE_WORDS & starts.keys():
        for at in starts[word]:
            house = _HOUSE.match(text, at)
            if not house:
                continue
            place = _PLACE_BEFORE.search(text, max(0, at - 60), at)
            if place and not ends_place(place["place"].split()[0]):
                spans.append([place.start("place"), house.end()])
            elif _UNIT_AFTER.match(text, house.end()):
                continue
            elif (house["label"] and house["label"].lower() != "no") or _CLAUSE_BEFORE.search(
                text, max(0, at - 40), at
            ):
                spans.append([at, house.end()])
    return spans


def _extended(text: str, end: int, known: dict[int, int]) -> int:
    """The end of an address once the numbered parts, towns and postcodes after ``end`` are added. The ends found
    are remembered in ``known`` (for one text), so that a long run of numbered parts is walked once, not once per
    address that starts in it."""
    walked = []
    while end not in known:
        walked.append(end)
        m = NUMBERED_PART.match(text, end) or _TAIL.match(text, end)
        if not m or (m.re is _TAIL and m["first"] and ends_place(m["first"].rstrip("."))):
            break
        end = m.end()
    end = known.get(end, end)
    known.update(dict.fromkeys(walked, end))
    return end


_TOUCHING = re.compile(r"[\s,]*")


def find_addresses(text: str) -> list[Finding]:
    """Addresses: streets with a number, house, plot and box numbers, postcodes, villages and neighbourhoods."""
    starts = word_starts(text, _GATES)
    found = (
        find_numbered(text, starts)
        + find_localities(text, starts)
        + find_wards(text, starts)
        + _houses_after_places(text, starts)
    )
    known: dict[int, int] = {}
    spans = sorted([s, _extended(text, e, known)] for s, e in found)
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and (s <= merged[-1][1] or _TOUCHING.fullmatch(text, merged[-1][1], s)):
            merged[-1][1] = max(merged[-1][1], e)  # touching or overlapping
        else:
            merged.append([s, e])
    return [flag("address", s, s + len(text[s:e].rstrip("."))) for s, e in merged]
