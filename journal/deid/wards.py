"""Municipal wards and sections of a town: "Bharatpur-12", "Hetauda ward 4", "ward 5 of Lekhnath", "Ward No. 4 of
the rural municipality", "lives in ward 3", and the numbered sectors, communes and zones of towns in Africa and
Latin America: "Ouagadougou, secteur 15", "la comuna 13 de Medellín", "zona 18 de la capital", "mora no setor 4";
the numbered sections of camps and settlements before their name: "Section 8, Mae La", "Block C, Kakuma". A
hospital's ward, block or zone ("Ward 7", "the patient in ward 4", "zona 2 de urgencias", "Block 3, Ward 5") is none
of them.
"""

import re

from journal.deid.localities import next_words
from journal.deid.place_words import NAME, NOT_PLACE, WORD, gate
from journal.deid.words import BLOCK, CLINICAL, COMMON, FUNCTION, INSTITUTIONS, TOWNS, folded

# A ward number, the first thing the ward rules look for (speed): "ward 4", "Wd. 4", "Ward No. 4", and a section
# number joined to a town's name, "-12".
_WARD = re.compile(r"[Ww](?:ar)?d\.?\s+(?:[Nn]o\.?\s*)?\d{1,2}\b(?![-/.]?\d)")
_SECTION = re.compile(r"-\d{1,2}\b(?![-/.]?\d)")
# The town just before them: "Hetauda ward 4", "Bharatpur-12".
_TOWN_BEFORE = re.compile(rf"(?<![\w'’-])(?P<place>{WORD})(?P<space>\s*)$")
# The place after them: "ward 5 of Lekhnath".
_OF_PLACE = re.compile(rf",?\s+(?:of|in)\s+(?P<place>{NAME})")
# A municipal ward: its number with the local body it belongs to ("Ward No. 4 of the rural municipality", "ward 7
# of this panchayat"), or after a residence cue ("lives in ward 3"). A hospital's ward has neither.
_OF_BODY = re.compile(
    r",?\s+(?:of|in)\s+(?:the|this|that|a|her|his|their|our)\s+(?:(?:rural|urban|sub-metropolitan|metropolitan"
    r"|local|village|gram)\s+)?(?:municipality|municipal\s+council|panchayat|vdc|village|development\s+committee"
    r"|gaunpalika|nagarpalika|union\s+council|union\s+parishad|town\s+council|city\s+council|township"
    r"|commune)\b"
)
_RESIDENT_BEFORE = re.compile(
    r"(?i:\b(?:lives|living|lived|resides|residing|resident|residents)\s+(?:in|of|at)\s+(?:the\s+)?)$"
)


# A numbered sector, commune or zone of a town (Burkina Faso, Colombia, Guatemala, Brazil, Senegal...).
DIVISION_WORDS = gate("secteur setor sector comuna zona zone")
_DIVISION = re.compile(
    r"(?i:secteur|setor|sector|comuna|zona|zone)\s+(?:(?:n[º°o]\.?|no\.)\s*)?\d{1,2}\b(?![-/.,]?\d)"
    r"(?!\s*(?:km|%|h\b|min))"
)
# The town before it ("Ouagadougou, secteur 15", "Koudougou secteur 5"), the capital or a place after it ("zona 18 de
# la capital", "comuna 13 de Medellín", "setor 4 do Gama"), or a residence cue before it in four languages.
_TOWN_THEN = re.compile(rf"(?<![\w'’-])(?P<place>{WORD}),?\s+$")
_OF_CAPITAL = re.compile(
    r",?\s+(?i:of|in|de|del|do|da|à|a)\s+(?i:(?:the|la|el|a|o)\s+)?(?i:capital|ciudad|cidade|ville|city)\b"
)
_OF_TOWN = re.compile(rf",?\s+(?i:of|in|de|del|do|da|à)\s+(?P<place>{NAME})")
_LIVES_IN = re.compile(
    r"(?i:\b(?:lives|living|lived|resides|residing|resident|stays|staying|vive|viven|viv[ií]a|reside|residen|habite"
    r"|habitent|habitait|vit|vivent|r[ée]side|demeure|mora|moram|morava|vivem|residem)\s+"
    r"(?:(?:in|at|en|à|a|au|dans|em|no|na)\s+)?(?:(?:the|la|el|le|l['’]|o|a)\s*)?)$"
)


def _division(text: str, m: re.Match) -> list[int] | None:
    """The span of the town's sector, commune or zone that ``m`` found, or None when no town or residence is named
    with it ("zona 2 del hospital")."""
    town = _TOWN_THEN.search(text, max(0, m.start() - 40), m.start())
    if town and folded(town["place"]) in TOWNS:
        return [town.start(), m.end()]  # "Ouagadougou, secteur 15"
    after = _OF_CAPITAL.match(text, m.end())
    if after:
        return [m.start(), m.end()]  # "zona 18 de la capital"
    place = _OF_TOWN.match(text, m.end())
    words = place and [folded(w) for w in place["place"].split()]
    if words and not any(w in BLOCK or w in CLINICAL or w in NOT_PLACE for w in words):
        return [m.start(), place.end()]  # "comuna 13 de Medellín"
    if _LIVES_IN.search(text, max(0, m.start() - 40), m.start()):
        return [m.start(), m.end()]  # "vive en la zona 18"
    return None


def _ward(text: str, m: re.Match) -> list[int] | None:
    """The span of the ward whose number ``m`` found, or None when it is no town's or municipality's ward."""
    town = _TOWN_BEFORE.search(text, max(0, m.start() - 40), m.start())
    if town and town["space"] and folded(town["place"]) in TOWNS:
        return [town.start(), m.end()]  # "Hetauda ward 4"
    if m.group()[1:3].lower() != "ar":
        return None
    place = _OF_PLACE.match(text, m.end())
    if place and not any(w in BLOCK for w in map(folded, place["place"].split())):
        if not any(w in BLOCK for w in next_words(text, place.end())):
            return [m.start(), place.end()]  # "ward 5 of Lekhnath"
    if _OF_BODY.match(text, m.end()) or _RESIDENT_BEFORE.search(text, max(0, m.start() - 40), m.start()):
        return [m.start(), m.end()]  # "Ward No. 4 of the rural municipality", "lives in ward 3"
    return None


# A numbered section of a camp, a settlement or a township, then the place's name after a comma: "Section 8, Mae
# La", "Block C, Kakuma", "Camp 15, Kutupalong", "Zone 4, Ga-Rankuwa". The name must be no known word (a hospital's
# "Block 3, Ward 5" or "Zone 2, Emergency" is none).
SECTION_WORDS = gate("section block zone phase sector camp extension site")
_SECTION_OF_PLACE = re.compile(
    rf"(?:Section|Block|Zone|Phase|Sector|Camp|Extension|Site)\s+(?:\d{{1,3}}[A-Z]?|[A-Z])\b,\s*"
    rf"(?P<place>{WORD}(?:\s{WORD}){{0,2}})\b"
)


def _sections(text: str, starts: dict[str, list[int]]) -> list[list[int]]:
    """Numbered sections of a camp or a settlement before its name: "Section 8, Mae La"."""
    spans = []
    for word in SECTION_WORDS & starts.keys():
        for at in starts[word]:
            m = _SECTION_OF_PLACE.match(text, at)
            if not m:
                continue
            words = [folded(w) for w in m["place"].split()]
            if any(w in _INSTITUTION for w in words) or any(w in BLOCK for w in next_words(text, m.end())):
                continue
            if _CAMP_BEFORE.search(text, max(0, at - 60), at) or not any(w in _KNOWN for w in words):
                spans.append([m.start(), m.end()])
    return spans


# Words that make the name after a numbered section a hospital's or an institution's, and, without a camp or an
# address named just before, any known word ("Section 4, Paragraph 2", "Block 3, Ward 5").
_INSTITUTION = BLOCK | CLINICAL | NOT_PLACE | INSTITUTIONS
_KNOWN = _INSTITUTION | COMMON | FUNCTION
_CAMP_BEFORE = re.compile(r"(?i:\b(?:camps?|address|settlement|refugees?|lives|living|stays|staying|shelter|tent)\b)")


def find_wards(text: str, starts: dict[str, list[int]]) -> list[list[int]]:
    """Wards: a known town with its ward or section number ("Bharatpur-12", "Hetauda ward 4", "ward 5 of
    Lekhnath"), a municipal ward ("Ward No. 4 of the rural municipality", "lives in ward 3"), a town's sector,
    commune or zone ("Ouagadougou, secteur 15", "zona 18 de la capital"). ``starts`` are where the words of
    ``DIVISION_WORDS`` stand (``place_words.word_starts``)."""
    spans = []
    for word in DIVISION_WORDS & starts.keys():
        for at in starts[word]:
            m = _DIVISION.match(text, at)
            span = m and _division(text, m)
            if span:
                spans.append(span)
    for m in _WARD.finditer(text):
        if not (m.start() and text[m.start() - 1].isalnum()):
            span = _ward(text, m)
            if span:
                spans.append(span)
    spans += _sections(text, starts)
    for m in _SECTION.finditer(text):
        town = _TOWN_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if town and not town["space"] and folded(town["place"]) in TOWNS:
            spans.append([town.start(), m.end()])
    return spans
