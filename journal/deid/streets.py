"""Street addresses with a house number, house, plot, flat and box numbers, and postcodes, in the formats of
English, Spanish, French and Portuguese notes ("14 Adeniran Ogunsanya Street", "Jr. Ayacucho 418", "Calle 45 #
12-34", "12 rue des Lilas", "Plot 47", "Mz. B", "BP 1234", "CEP 13045-210", "SW1A 2AA").
"""

import re

from journal.deid.place_words import NUMBER, PARTICLE, WORD, gate, gated_matches
from journal.deid.words import TOWNS, folded

# Street types that follow the name ("Ring Road", "Tilak Nagar"), and those that open it in es/pt/fr ("Jr.").
_STREET = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Close|Crescent|Way|Boulevard|Blvd|Highway|Hwy|Place|Court"
    r"|Terrace|Gardens|Square|Hill|Grove|Marg|Nagar|Colony|Estate|Parade|Walk|Mews|Circle)\b\.?"
)
_STREET_FIRST = (
    r"(?i:calle|avenida|av\.|avda\.|jr\.|jir[oó]n|pasaje|psje\.|pje\.|carrera|rua|travessa|trav\.|alameda|estrada"
    r"|rodovia|calzada|camino|prolongaci[oó]n|prol\.|rue)"
)
# A word of a street's name: capitalised, a particle, or a small number ("Rua 7 de Setembro").
_STREET_WORD = rf"(?:{WORD}\.?|\d{{1,3}}|{PARTICLE}|d['’]{WORD})"
CAP = r"[A-ZÀ-Ý][\w'’-]*\.?"
# A house number, with the block and plot numbers Indian addresses join to it: "12", "4B", "4/112", "3-41/2".
_HOUSE_NUMBER = r"\d{1,5}[A-Za-z]?(?:[-/]\d{1,5}[A-Za-z]?){0,3}\b(?![-/]?\d)"
# A UK-style postcode ("SW1A 2AA") and a Ghana Post digital address ("AK-039-5028"). They open without a boundary
# (a regex that opens with a character class is searched much faster); a match inside a longer word is dropped.
_UK_POSTCODE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b")
GHANA_POST = re.compile(r"[A-Z]{2}-\d{3,4}-\d{4}\b")
# Each finds a whole address, or its identifying ``part``.
_ADDRESSES = [
    (gate(NUMBER), re.compile(rf"\d{{1,5}}[A-Za-z]?,?\s+(?:{CAP}\s+){{1,4}}{_STREET}")),  # "14 Adeniran Street"
    (
        gate(NUMBER),
        re.compile(  # a house in a numbered part of a township, before the township: "1142 Zone 4, Ga-Rankuwa"
            r"\d{1,5}[A-Za-z]?\s+(?:Zone|Section|Extension|Ext\.|Phase|Block|Site|Area|Sector)\s+(?:\d{1,3}|[A-Z])\b"
            r"(?=,\s*[A-ZÀ-Þ])"
        ),
    ),
    (
        gate(
            "calle avenida av avda jr jirón jiron pasaje psje pje carrera rua travessa trav alameda estrada "
            "rodovia calzada camino prolongación prolongacion prol rue"
        ),
        re.compile(  # name, then number: "Jr. Ayacucho 418", "Rua das Acácias, 120" (not "Avenida 24 de Julho")
            rf"\b{_STREET_FIRST}\s+(?:{_STREET_WORD}\s+){{0,4}}{_STREET_WORD},?\s+(?:(?:n[º°o]\.?|#)\s*)?\d{{1,5}}[A-Za-z]?\b"
            r"(?![-/.]?\d)"
        ),
    ),
    (
        gate("calle carrera cra avenida av diagonal transversal"),
        re.compile(  # a Colombian grid address: "Calle 45 # 12-34", "Carrera 7 No. 45-12"
            r"\b(?i:calle|carrera|cra\.|avenida|av\.|diagonal|transversal)\s+\d{1,3}\s?[A-Z]?\s*(?:#|No\.?|n[º°o]\.?)\s*"
            r"\d{1,3}\s?[A-Z]?\s*-\s*\d{1,3}\b"
        ),
    ),
    (
        gate(NUMBER),
        re.compile(  # the number first, in French: "12 rue des Lilas", "45 bis avenue Cheikh Anta Diop"
            r"\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?i:rue|avenue|av\.|boulevard|bd|all[ée]e|impasse|chemin|route|place"
            rf"|quai|cours|ruelle)\s+(?:(?:de la|de l['’]|de|du|des|d['’])\s*)?{WORD}(?:\s+{WORD}){{0,3}}"
        ),
    ),
    (
        gate(
            "plot house flat apt apartment door sector stand gali erf kebele purok quadra qd quarteirão "
            "quarteirao p po mz mza manzana b bp boîte boite caixa apartado h d shop qtr quarter"
        ),
        re.compile(  # house, plot, flat, stand and box numbers, Peruvian blocks ("Mz. B"), French boxes ("BP 1234")
            r"\b(?:Plot|House|Flat|Apt\.?|Apartment|Door|Sector|Stand|Gali|Erf|Kebele|Purok|Quadra|Qd\.|[Qq]uarteir[ãa]o)"
            rf"\s+(?:(?:No\.?|n[º°o]\.?|#)\s*)?{_HOUSE_NUMBER}"
            rf"|(?i:\b(?:house|plot|flat|stand|door|shop|qtr\.?|quarter)\s+(?:no\.?|number|#)\s*){_HOUSE_NUMBER}"
            rf"|\b[HD]\.\s?No\.?\s*{_HOUSE_NUMBER}"  # Indian house and door numbers: "H.No. 3-41/2", "D.No. 12/4"
            r"|\bP\.?\s?O\.?\s+Box\s+\d{1,6}(?:-\d{5})?\b"
            r"|\b(?:Mza?\.?|Manzana)\s?(?:[A-Z]\d{0,2}|\d{1,3})\b"
            # ... typed in lower case, with a block letter or a lot after it ("manzana F", "mz 12, lote 3")
            r"|\b(?:mza?\.?|manzana)\s?(?:[A-Z]\d{0,2}\b|\d{1,3},?\s+(?i:lote|lt\.?)\s?\d)"
            r"|\b(?:B\.\s?P\.|BP)\s?\d{4,5}\b(?![/.,]?\d)"
            r"|(?i:\bbo[iî]te postale\s+\d{1,5}\b|\bcaixa postal\s+\d{1,6}\b|\bapartado postal\s+\d{1,6}\b)"
        ),
    ),
    (
        gate("lives living live stays staying resides residing home house address"),
        re.compile(  # a street without a number, after a cue: "lives on Ring Road"
            r"(?i:\b(?:lives|living|live|stays|staying|resides|residing|home|house|address)\b)\s+(?:is\s+|are\s+)?"
            rf"(?:(?:on|at|in|off|near)\s+)?(?:the\s+)?(?P<part>(?:{CAP}\s+){{1,4}}{_STREET})"
        ),
    ),
    (
        gate("post postcode zip zipcode postal pin código codigo code cep"),
        re.compile(  # a postcode after its label: "PIN code 560034", "CEP 13045-210"
            r"(?i:\b(?:post\s?code|zip(?:\s?code)?|postal code|pin code|c[oó]digo postal|code postal|cep)\b)"
            r"\W{0,3}(?:(?:is|was|es|est|é)\s+)?(?P<part>\d{5}-\d{3}\b|\d{4,6}\b)"
        ),
    ),
    (gate(NUMBER), re.compile(r"\d{5}-\d{3}(?![-\d])")),  # a Brazilian CEP: "01310-200"
    (None, _UK_POSTCODE),
    (None, GHANA_POST),
]
# The words the rules above open with, for ``place_words.word_starts``.
GATES = frozenset().union(*(opening for opening, _ in _ADDRESSES if opening))
_UNBOUNDED = (_UK_POSTCODE, GHANA_POST)
# "No." before a house number belongs to it: "No. 7, Ajayi Crowther Close".
_NUMBER_LABEL = re.compile(r"\bNo\.?\s?$")
# A town's postcode after its name, six digits in India and Nigeria, five in Kenya and elsewhere: "Bengaluru
# 560047", "Nairobi 00100" (the town must be a known one, and no word may follow the number: "Kisumu 25000 shillings").
_POSTCODE = re.compile(r"\d{5}\d?(?![\d/-]|[.,]\d|\s*(?:[^\W\d_]|%))")
_TOWN_BEFORE = re.compile(rf"(?<![\w'’-])(?P<town>{WORD}(?:\s{WORD})?)\s?[-–,]?\s?$")


def _postcodes_after_towns(text: str, starts: dict[str, list[int]]) -> list[list[int]]:
    """Postcodes right after a known town: "Bengaluru 560047", "Navi Mumbai 400703", "Nairobi 00100"."""
    spans = []
    for at in starts.get(NUMBER, ()):
        m = _POSTCODE.match(text, at)
        if not m or (at and text[at - 1] in ".,/-") or (m.group().startswith("0") and len(m.group()) == 6):
            continue
        before = _TOWN_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if before and any(folded(town) in TOWNS for town in (before["town"], before["town"].split()[-1])):
            spans.append([m.start(), m.end()])
    return spans


def find_numbered(text: str, starts: dict[str, list[int]]) -> list[list[int]]:
    """Streets with a house number, house, plot and box numbers, and postcodes."""
    spans = []
    for opening, rx in _ADDRESSES:
        for m in gated_matches(text, starts, opening, rx):
            if rx in _UNBOUNDED and m.start() and text[m.start() - 1].isalnum():
                continue
            start = m.start("part") if "part" in rx.groupindex and m["part"] else m.start()
            label = _NUMBER_LABEL.search(text, max(0, start - 4), start) if text[start].isdigit() else None
            spans.append([label.start() if label else start, m.end()])
    return spans + _postcodes_after_towns(text, starts)
