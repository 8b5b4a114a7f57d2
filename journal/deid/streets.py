"""Street addresses with a house number, house, plot, flat and box numbers, and postcodes, in the formats of
English, Spanish, French and Portuguese notes ("14 Adeniran Ogunsanya Street", "Jr. Ayacucho 418", "Calle 45 #
12-34", "12 rue des Lilas", "Plot 47", "Mz. B", "BP 1234", "CEP 13045-210", "SW1A 2AA").
"""

import re

from journal.deid.place_words import PARTICLE, WORD, gate, gated_matches

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
# Each finds a whole address, or its identifying ``part``.
_ADDRESSES = [
    (None, re.compile(rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:{CAP}\s+){{1,4}}{_STREET}")),  # "14 Adeniran Ogunsanya Street"
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
        None,
        re.compile(  # the number first, in French: "12 rue des Lilas", "45 bis avenue Cheikh Anta Diop"
            r"\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?i:rue|avenue|av\.|boulevard|bd|all[ée]e|impasse|chemin|route|place"
            rf"|quai|cours|ruelle)\s+(?:(?:de la|de l['’]|de|du|des|d['’])\s*)?{WORD}(?:\s+{WORD}){{0,3}}"
        ),
    ),
    (
        gate(
            "plot house flat apt apartment door sector stand gali erf kebele purok quadra qd quarteirão "
            "quarteirao p po mz mza manzana b bp boîte boite caixa apartado"
        ),
        re.compile(  # house, plot, flat, stand and box numbers, Peruvian blocks ("Mz. B"), French boxes ("BP 1234")
            r"\b(?:Plot|House|Flat|Apt\.?|Apartment|Door|Sector|Stand|Gali|Erf|Kebele|Purok|Quadra|Qd\.|[Qq]uarteir[ãa]o)"
            r"\s+(?:(?:No\.?|n[º°o]\.?|#)\s*)?\d{1,5}[A-Za-z]?\b"
            r"|(?i:\b(?:house|plot|flat|stand|door)\s+(?:no\.?|number|#)\s*\d{1,5}[a-z]?\b)"
            r"|\bP\.?\s?O\.?\s+Box\s+\d{1,6}(?:-\d{5})?\b"
            r"|\b(?:Mza?\.?|Manzana)\s?(?:[A-Z]\d{0,2}|\d{1,3})\b"
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
    (
        None,
        re.compile(
            r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"  # a UK-style postcode: "SW1A 2AA"
            r"|(?<![-\d])\d{5}-\d{3}(?![-\d])"  # a Brazilian CEP: "01310-200"
            r"|\b[A-Z]{2}-\d{3,4}-\d{4}\b"  # a Ghana Post digital address: "AK-039-5028"
        ),
    ),
]


def find_numbered(text: str, starts: dict[str, list[int]]) -> list[list[int]]:
    """Streets with a house number, house, plot and box numbers, and postcodes."""
    spans = []
    for opening, rx in _ADDRESSES:
        for m in gated_matches(text, starts, opening, rx):
            start = m.start("part") if "part" in rx.groupindex and m["part"] else m.start()
            spans.append([start, m.end()])
    return spans
