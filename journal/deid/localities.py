"""Villages, neighbourhoods, informal settlements and municipal wards where a patient lives or comes from.

Cities and big towns, regions and countries are not identifiers. A place named after a residence or origin cue
("lives in", "brought her from", "the village of", "vive en la aldea", "habite à", "mora no bairro de", a home
visit or a walk with a community health worker: "home visit to", "went with the CHW to") is
flagged only when it is none of those: not in ``words.TOWNS`` or ``words.PLACES``, not a country or a region
(``words.COUNTRIES``, ``words.REGIONS``), not an institution. With a house number ("habite à Delmas 33") even a
town is an address; wards and sections of a town are in ``wards``, the home-visit cues in ``home_visits``, and
whether a "from" is an origin in ``origins``.
"""

import re

from journal.deid.home_visits import VISIT_CUES, VISITED, with_health_worker
from journal.deid.origins import is_origin
from journal.deid.place_words import (
    AREA,
    ARTICLE,
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
    gate,
    gated_matches,
    phrases,
)
from journal.deid.words import (
    BLOCK,
    CLINICAL,
    COUNTRIES,
    FIRST_NAMES,
    FOREIGN_LINKS,
    FUNCTION,
    NOT_PEOPLE,
    PLACES,
    REGIONS,
    TOWNS,
    folded,
)

# Nouns for the places people live in, before the place's name. In English with "of", "called" or "named" ("the
# village of X"), or with the French "de" ("du village de X"); in the words of other regions also bare ("la aldea
# X", "le quartier X", "mohalla X"), with "of" ("the caserío of X") or with their own "de" ("la vereda de X").
# By region: Spanish America, Brazil and Lusophone Africa, French-speaking Africa, South Asia, South-East Asia,
# East Africa.
_SETTLEMENT_EN = (
    r"village|hamlet|(?:informal\s+)?settlement|slum|community|compound|neighbou?rhood|township|suburb|locality"
    r"|sub-location"
)
_SETTLEMENT_OTHER = (
    r"aldea|caser[ií]o|comunidad|barrio|colonia|anexo|asentamiento(?:\s+humano)?|centro\s+poblado|pueblo\s+joven"
    r"|vereda|corregimiento|rancher[ií]a|paraje|batey|ejido"
    r"|bairro|aldeia|comunidade|povoado|favela|vila|morro|assentamento|quilombo|lugarejo|musseque"
    r"|quartier|cit[ée]|localit[ée]|hameau|campement|douar|fokontany|lieu-dit"
    r"|mohall?a|muhall?a|barangay|kampung|kampong|dusun|desa|phum|kijiji|mtaa|kitongoji"
)
_SETTLEMENT_BEFORE = (
    rf"(?:{_SETTLEMENT_EN})\s+(?:of|called|named|de|d['’])\s*"
    r"|(?:" + _SETTLEMENT_OTHER + r")\s+(?:(?:of|de|del|do|da|dos|das|du|des|d['’])\s*)?"
)
# The same nouns after the name: "Ta Sek village", "Kanyama compound", "Ganesh tole"; capitalised, they are part
# of it.
_SETTLEMENT_AFTER = (
    r"village|compound|slum|settlement|informal\s+settlement|township|neighbou?rhood|community|tole|basti"
    r"|sub-location"
)
_SETTLEMENT_NOUNS = phrases(
    "village, compound, slum, settlement, township, neighbourhood, neighborhood, community, tole, basti, sub-location"
)

_LOCAL = rf"(?P<place>{NAME})"
_LINK = r"(?:(?:de|del|do|da|dos|das|du|des|d['’])\s*)"
# Articles that open a settlement's name after a settlement noun: "la vereda La Esperanza", "Barrio El Carmen".
_NAME_ARTICLES = frozenset("La El Los Las Le Les".split())


# Cues before a village's name, from weak to strong: an origin (the name may be a person's or a big town's),
# a home visit (the same), a residence (a number after the name makes even a town an address), a settlement noun,
# a settlement prefix that is part of the name ("Barangay San Isidro", "AA.HH. Nueva Esperanza", "Jardim
# Primavera").
_ORIGIN, _VISIT, _RESIDENCE, _SETTLEMENT, _PREFIX = range(5)
_CUES = [
    (_ORIGIN, gate("from"), re.compile(r"\bfrom\s+(?=[A-ZÀ-Þ])")),
    (
        _ORIGIN,
        gate(
            "desde vino viene vienen vinieron venía venia llegó llego llegaron bajó bajo bajaron veio vem vieram vinha "
            "chegou chegaram desceu vient viennent venu venue venus venues arrivé arrive arrivée arrivee arrivés "
            "arrives arrivées arrivees originaire originaires originario originaria originarios originarias natural "
            "oriundo oriunda oriundos oriundas"
        ),
        re.compile(  # es/pt/fr "desde X", "vino de X", "veio de X", "vient de X", "originaire de X"
            r"\b(?:desde|(?i:vino|viene|vienen|vinieron|ven[ií]a|lleg[oó]|llegaron|baj[oó]|bajaron|veio|vem|vieram"
            r"|vinha|chegou|chegaram|desceu|vient|viennent|venu|venue|venus|venues|arriv[ée]e?s?|originaires?"
            r"|originari[oa]s?|natural|oriund[oa]s?)\s+(?:de|desde|du|do|da|d['’]))\s*(?=[A-ZÀ-Þ])"
        ),
    ),
    *((_VISIT, opening, cue) for opening, cue in VISIT_CUES),
    (
        _RESIDENCE,
        gate(
            "lives live living lived stays staying stayed resides residing resided settled based home compound house "
            "hut homestead shack room farm family families vive viven vivía vivia vivían vivian reside residen radica "
            "habite habitent habitait habitaient vit vivent vivait réside résident resident demeure demeurent mora "
            "moram morava moravam vivem residem"
        ),
        re.compile(
            r"(?i:\b(?:lives|live|living|lived|stays|staying|stayed|resides|residing|resided|settled|based)\s+(?:in|at)"
            r"|\bhome\s+(?:is\s+)?in|\b(?:compound|house|hut|homestead|shack|room|farm|family|families)\s+(?:is\s+)?in"
            r"|\b(?:vive|viven|viv[ií]a|viv[ií]an|reside|residen|radica)\s+en"
            r"|\b(?:habite|habitent|habitait|habitaient|vit|vivent|vivait|r[ée]side|r[ée]sident|demeure|demeurent)"
            r"(?:\s+(?:à|a|au|aux|en|dans))?"
            r"|\b(?:mora|moram|morava|moravam|vive|vivem|vivia|residem)\s+(?:em|no|na|nos|nas|num|numa))\s+"
            rf"{ARTICLE}?(?P<noun>{_SETTLEMENT_BEFORE})?(?=[A-ZÀ-Þ])"
        ),
    ),
    (
        _SETTLEMENT,
        gate(
            "village hamlet informal settlement slum community compound neighbourhood neighborhood township suburb "
            "locality sub aldea caserío caserio comunidad barrio colonia anexo asentamiento centro pueblo vereda "
            "corregimiento ranchería rancheria paraje batey ejido bairro aldeia comunidade povoado favela vila morro "
            "assentamento quilombo lugarejo musseque quartier cité cite localité localite hameau campement douar "
            "fokontany lieu mohalla mohala muhalla muhala barangay kampung kampong dusun desa phum kijiji mtaa "
            "kitongoji"
        ),
        re.compile(rf"\b(?:{_SETTLEMENT_BEFORE})(?=[A-ZÀ-Þ])"),
    ),
    (
        _PREFIX,
        gate(
            "barangay brgy sitio jardim vila bairro achada potrero conjunto cité cite colonia aa a asentamiento urb "
            "urbanización urbanizacion p pueblo favela comunidad comunidade aldea aldeia barrio vereda corregimiento "
            "caserío caserio batey povoado assentamento quilombo douar fokontany mohalla muhalla kampung kampong kg "
            "dusun desa phum kijiji mtaa"
        ),
        re.compile(  # Spanish America, Brazil, French Africa, the Philippines, South and South-East Asia, East Africa
            r"\b(?:Barangay|Brgy\.|Sitio|Jardim|Vila|Bairro|Achada|Potrero|Conjunto(?: Habitacional)?|Cit[ée]|Colonia"
            r"|AA\.\s?HH\.|A\.\s?H\.|Asentamiento Humano|Urb\.|Urbanizaci[oó]n|P\.\s?J\.|Pueblo Joven|Favela|Comunidad"
            r"|Comunidade|Aldea|Aldeia|Barrio|Vereda|Corregimiento|Caser[ií]o|Batey|Povoado|Assentamento|Quilombo"
            r"|Douar|Fokontany|Moh?alla|Muhalla|Kampung|Kampong|Kg\.|Dusun|Desa|Phum|Kijiji|Mtaa)"
            rf"\s+{_LINK}?(?=[A-ZÀ-Þ])"
        ),
    ),
]
# The words the cues open with and the settlement nouns after a name, for ``place_words.word_starts``.
_AFTER_WORDS = gate(
    "village compound slum settlement informal township neighbourhood neighborhood community tole basti sub"
)
GATES = frozenset().union(_AFTER_WORDS, *(opening for _, opening, _ in _CUES))
# A name, then a ward, section or house number: "Delmas 33", "Bharatpur-12" (not "5 km", "3 days").
_WARD_NUMBER = re.compile(
    r"(?:-\d{1,2}|\s\d{1,3})\b(?![-/.,]?\d)(?!\s*(?:km|kilomet|mile|min|hour|hr|day|week|month|year|%|h\b|am\b|pm\b))"
)
_NAME_THEN = re.compile(_LOCAL)
_BORN = re.compile(rf"\b{WORD}(?=-born\b)")
# A settlement noun after a place's name ("from Ta Sek village", "in Chipata Compound"), and the name before it
# (not after "a" or "an": "a Tamang village").
_NOUN_AFTER = re.compile(rf"(?:{_SETTLEMENT_AFTER}|Compound|Slum|Settlement|Tole|Basti)\b")
_NAME_BEFORE = re.compile(rf"(?<![\w'’-])(?<![Aa] )(?<![Aa]n ){_LOCAL}\s+$")


def next_words(text: str, end: int) -> list[str]:
    """Up to three folded words after ``end`` in the same clause, stopping at a function word."""
    out = []
    for m in LETTER_WORDS.finditer(text[end : end + 60]):
        if re.search(r"[.;:!?,(]", text[end : end + m.start()]):
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
        1 if strength in (_VISIT, _SETTLEMENT, _PREFIX) and len(words) > 1 and words[0].group() in _NAME_ARTICLES else 0
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
    if text.startswith(("'s", "’s"), end) or re.match(r"[\s-]?\d", text[end : end + 2]):
        return None
    ender = len(caps) > 1 and folded(caps[-1]) in PLACE_ENDERS  # "Kroo Bay", "Kissy Town"
    if not all(map(_unknown, caps[:-1] if ender else caps)):
        return None
    if any((w in BLOCK or w in AREA) and w not in _SETTLEMENT_NOUNS for w in next_words(text, end)):
        return None
    run, first = folded(text[start:end]), folded(caps[0])
    if ender and strength < _PREFIX:
        rest = folded(text[start : words[-1].start()].strip())
        if rest in TOWNS or rest in COUNTRIES or rest in REGIONS:
            return None  # "Kisumu Town", "Congo Town" name a town's centre
    if strength < _PREFIX and (run in REGIONS or run in COUNTRIES):
        return None
    if strength <= _RESIDENCE and (run in TOWNS or first in DISTRICT_OPENERS or first in DIRECTIONS):
        return None
    if strength <= _VISIT and first in FIRST_NAMES and first not in PLACE_OPENERS:
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
    start = m.start() if strength == _PREFIX else name.start()
    if strength in (_RESIDENCE, _SETTLEMENT) and not any(ends_place(w) for w in name.group().split()):
        number = _WARD_NUMBER.match(text, name.end()) if strength == _RESIDENCE else None
        if number or NUMBERED_PART.match(text, name.end()):
            return [start, number.end() if number else name.end()]
    end = _place_end(text, name.start(), name.end(), strength)
    return [start, end] if end else None


def find_localities(text: str, starts: dict[str, list[int]]) -> list[list[int]]:
    """Villages, settlements and neighbourhoods named after a cue, before a settlement noun, or before "-born"."""
    spans = []
    for strength, opening, cue in _CUES:
        for m in gated_matches(text, starts, opening, cue):
            if strength == _ORIGIN and m.group().startswith("from") and not is_origin(text, m.start()):
                continue
            if cue is VISITED and not with_health_worker(text, m.start()):
                continue
            span = _cued(text, _SETTLEMENT if "noun" in cue.groupindex and m["noun"] else strength, m)
            if span:
                spans.append(span)
    for word in _AFTER_WORDS & starts.keys():
        for at in starts[word]:
            noun = _NOUN_AFTER.match(text, at)
            name = noun and _NAME_BEFORE.search(text, max(0, at - 80), at)
            if not name:
                continue
            capital = noun.group()[0].isupper()
            end = _place_end(text, name.start("place"), name.end("place"), _PREFIX if capital else _SETTLEMENT)
            if end == name.end("place"):
                spans.append([name.start("place"), noun.end() if capital else end])
    for m in _BORN.finditer(text) if "-born" in text else ():  # "a Kibera-born nurse"
        end = _place_end(text, m.start(), m.end(), _ORIGIN)
        if end:
            spans.append([m.start(), end])
    return spans
