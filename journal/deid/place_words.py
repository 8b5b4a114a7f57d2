"""How place names are written, for the address rules: a capitalised word, a run of them joined by particles
("San Juan de Lurigancho"), the numbered part that continues an address ("villa 212"), the words that end a
place name, the words that make a run a division or something else than a place; and gated matching, which
tries a rule only where one of its opening words stands (speed).
"""

import re

from journal.deid.words import CALENDAR, FOREIGN_LINKS, FUNCTION, TITLES, folded


def phrases(text: str) -> frozenset[str]:
    """Comma-separated words or phrases, folded: look runs of words up with ``folded``."""
    return frozenset(folded(name.strip()) for name in text.split(",") if name.strip())


# Words after a name that make it a division, not a village: "Sindhupalchok district", "Cusco region".
AREA = phrases(
    "district, districts, province, provinces, region, regions, state, states, county, counties, sub-county, "
    "department, division, governorate, prefecture, municipality, metropolitan, city, town, capital, valley, "
    "distrito, provincia, departamento, municipio, estado, ciudad, cantón, département, "
    "ville, commune, arrondissement, cidade, região, concelho"
)
# Compass words open region names: "Northern Province", "Upper West", "Greater Accra".
DIRECTIONS = phrases(
    "north, south, east, west, northern, southern, eastern, western, central, upper, lower, greater, inner, "
    "outer, norte, sur, este, oeste, nord, sud, est, ouest, sul, leste, centro"
)
# Saints and "Villa" open the names of big districts ("San Juan de Lurigancho", "Villa El Salvador"): after a
# "lives in" or "from" they need a house or ward number to be an address.
DISTRICT_OPENERS = phrases("san, santa, santo, são, saint, sainte, st, villa, ville, vila")
# Words that open the names of settlements and neighbourhoods in Portuguese, Cape Verdean and Spanish ("Achada
# Santo António", "Ponta d'Água", "Monte Sinaí", "Lomas del Paraíso") and close them in English ("Kroo Bay", "Kissy
# Town"): after a residence or origin cue such a name is a place even when its first word is a given name ("Monte")
# or its last a division word ("Town"). Many towns open with them too ("Ponta Grossa", "Cape Town"): those stay
# towns.
PLACE_OPENERS = phrases(
    "achada, ponta, monte, morro, alto, cerro, loma, lomas, potrero, cova, ribeira, chã, quebrada, llano, rincón, "
    "cañada, baixa, vale"
)
PLACE_ENDERS = phrases("bay, town, point")
# Words that open a street or a numbered part of an address, hospital units, school classes, number words and
# company words: "from Recovery", "from Paeds", "from Standard Seven", "from Equity Bank" name no village.
NOT_PLACE = phrases(
    "house, plot, flat, apt, apartment, stand, block, door, room, gali, erf, kebele, purok, sector, unit, lot, "
    "rua, calle, avenida, av, avda, jr, jirón, pasaje, psje, carrera, rue, avenue, travessa, alameda, estrada, "
    "mz, manzana, lt, lote, quadra, casa, villa, unité, quarteirão, ward, box, bed, post, zona, zone, "
    "recovery, outpatients, outpatient, opd, paeds, peds, gynae, gyne, obs, ortho, orthopaedics, orthopedics, "
    "neuro, neurosurgery, urology, ent, dental, eye, renal, dialysis, burns, isolation, nursery, accident, "
    "resus, resuscitation, antenatal, postnatal, physio, physiotherapy, imaging, x-ray, records, "
    "admissions, reception, mortuary, stores, kitchen, chapel, nicu, picu, hdu, icu, scbu, labour, theatres, "
    "medical, surgical, standard, form, grade, class, year, level, primary, secondary, "
    "one, two, three, four, five, six, seven, eight, nine, ten, eleven, twelve, "
    "bank, power, company, ltd, limited, inc, group, corporation, airways, airlines, telecom, motors, church"
)
# A capitalised word of letters (no digits), and a run of up to four joined by spaces and particles ("de la"):
# the particles of Spanish, Portuguese and French place names, plural articles included ("Lomas de las Flores");
# personal names have their own (``words.NAME_PARTICLES``: "van", "bin", not "las").
WORD = r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’-][^\W\d_]+)*"
# Articles before a place's name after a cue ("lives in the Kibera", "vive en La Florida", "mora no").
ARTICLE = r"(?:(?:the|la|el|los|las|le|les|l['’]|o|a|os|as)\s*)"
PLACE_PARTICLES = frozenset("de del da do dos das la las los el des du".split())
PARTICLE = rf"(?:{'|'.join(sorted(PLACE_PARTICLES))})"
NAME = rf"{WORD}(?: (?:{PARTICLE} )?{WORD}| d['’]{WORD}){{0,3}}"


def gate(words: str) -> frozenset[str]:
    """The lower-case words one of which a rule's match must start with: the rule is tried only there."""
    return frozenset(words.split())


LETTER_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
LETTERS = re.compile(r"[^\W\d_]+")


# The gate of the rules that open with a number: they are tried where a number starts.
NUMBER = "#"
DIGITS = re.compile(r"\d+")


def word_starts(text: str, words: frozenset[str]) -> dict[str, list[int]]:
    """Where each of ``words`` (lower-case) starts in the text, as a whole word, and with ``NUMBER`` among them,
    where each number starts: rules with a gate are tried at those places only (speed). The text's words are looked
    up first, so only the few present are searched for."""
    starts = _starts_of_words(text, words)
    if NUMBER in words:
        starts[NUMBER] = [m.start() for m in DIGITS.finditer(text) if not (m.start() and text[m.start() - 1].isalnum())]
    return starts


def _starts_of_words(text: str, words: frozenset[str]) -> dict[str, list[int]]:
    """Where each of ``words`` starts in the text, as a whole word."""
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer: index the words one by one
        starts: dict[str, list[int]] = {}
        for m in LETTERS.finditer(text):
            if m.group().lower() in words:
                starts.setdefault(m.group().lower(), []).append(m.start())
        return starts
    starts = {}
    for word in words.intersection(LETTERS.findall(low)):
        found, at = [], low.find(word)
        while at >= 0:
            after = at + len(word)
            if (at == 0 or not low[at - 1].isalpha()) and (after == len(low) or not low[after].isalpha()):
                found.append(at)
            at = low.find(word, at + 1)
        starts[word] = found
    return starts


def gated_matches(text: str, starts: dict[str, list[int]], gate: frozenset[str] | None, rx: re.Pattern):
    """Every match of ``rx`` in the text; with a gate, only those starting at one of its words."""
    if gate is None:
        yield from rx.finditer(text)
        return
    for word in gate & starts.keys():
        for at in starts[word]:
            m = rx.match(text, at)
            if m:
                yield m


def ends_place(word: str) -> bool:
    """A capitalised word that ends a place name: a function word, a month, a weekday or a festival, a title."""
    low = folded(word)
    return low in FUNCTION or low in FOREIGN_LINKS or low in CALENDAR or word in TITLES


# A numbered part that continues an address: "Unité 15, villa 212", "quarteirão 14, casa 27", "Block 7", "porte 8".
NUMBERED_PART = re.compile(
    r",?\s+(?i:casa|villa|unit[ée]|lot|block|blk\.?|bloco|bloque|lt\.|lote|ward|gali|floor|apt\.?|apto\.?"
    r"|apartamento|dpto\.?|depto\.?|piso|sector|zone|zona|quadra|qd\.|quarteir[ãa]o|kebele|door|room|house|plot|flat"
    r"|stand|purok|mz\.|mza\.?|manzana|edificio|edif[ií]cio|torre|andar|porte|puerta|porta|portal|interior|int\."
    r"|maison|nyumba|b[âa]timent|b[âa]t\.|appartement|appt\.?|phase|extension|ext\.|section|secteur|setor|comuna)\s*"
    r"(?:(?:no\.?|n[º°o]\.?|#)\s*)?"
    r"(?:\d{1,5}[A-Za-z]?|[A-Z]\d{0,2})\b"
)
