"""The cues before the name of a village, a neighbourhood or a settlement, by strength, for ``localities``: where
someone comes from ("from", "vino de", "chegou da", "Aïssatou, de la Médina,"), a home visit, where someone lives
("lives in", "vive en", "habite à", "mora na"), a settlement noun ("the village of", "la aldea", "bairro") or a
settlement prefix that is part of the name ("Barangay San Isidro"); and the settlement nouns written after a name
("Ta Sek village").
"""

import re

from journal.deid.home_visits import VISIT_CUES
from journal.deid.place_words import ARTICLE, gate, phrases

# Verbs of coming in Spanish, Portuguese and French, and the gerund that may follow them ("chegou andando da X").
_COMING = (
    r"(?i:vino|viene|vienen|vinieron|ven[ií]a|lleg[oó]|llegaron|baj[oó]|bajaron|veio|vem|vieram|vinha|chegou|chegaram"
    r"|desceu|vient|viennent|venu|venue|venus|venues|arriv[ée]e?s?|originaires?|originari[oa]s?|natural|oriund[oa]s?)"
)
_COMING_GATE = gate(
    "desde vino viene vienen vinieron venía venia llegó llego llegaron bajó bajo bajaron veio vem vieram vinha "
    "chegou chegaram desceu vient viennent venu venue venus venues arrivé arrive arrivée arrivee arrivés "
    "arrives arrivées arrivees originaire originaires originario originaria originarios originarias natural "
    "oriundo oriunda oriundos oriundas"
)
_GERUND = r"(?:\s+[^\W\d_]+(?:ando|endo|indo))?"
# "de" with the article of a Portuguese or French place name: "do", "da", "dos", "das", "du", "de la", "de l'".
_ARTICLED = r"(?:do|da|dos|das|du|de\s+la|de\s+l['’])"
APPOSED_PLAIN = re.compile(r"(?:de|del)\s+(?=[A-ZÀ-Þ])")
APPOSED_ARTICLED = re.compile(rf"{_ARTICLED}\s*(?=[A-ZÀ-Þ])")
_NAME_COMMA_BEFORE = re.compile(r"(?<![\w'’-])[A-ZÀ-Þ][^\W\d_]+(?:['’-][^\W\d_]+)?,\s+$")


def after_name_and_comma(text: str, start: int) -> bool:
    """True when a capitalised name and a comma come right before ``start`` ("Aïssatou Ndiaye, " before "de la
    Médina,"); the comma after the place is checked once it is found."""
    return "," in text[max(0, start - 4) : start] and bool(_NAME_COMMA_BEFORE.search(text, max(0, start - 40), start))


# Nouns for the places people live in, before the place's name. In English with "of", "called" or "named" ("the
# village of X"), or with the French "de" ("du village de X"); in the words of other regions also bare ("la aldea
# X", "le quartier X", "mohalla X"), with "of" ("the caserío of X") or with their own "de" ("la vereda de X").
# By region: Spanish America, Brazil and Lusophone Africa, French-speaking Africa (with the hills, "colline", and
# villages, "umudugudu", of Burundi and Rwanda), South Asia, South-East Asia,
# East Africa.
_SETTLEMENT_EN = (
    r"village|hamlet|(?:informal\s+)?settlement|slum|community|compound|neighbou?rhood|township|suburb|locality"
    r"|sub-location"
)
_SETTLEMENT_OTHER = (
    r"aldea|caser[ií]o|comunidad|barrio|colonia|anexo|asentamiento(?:\s+humano)?|centro\s+poblado|pueblo\s+joven"
    r"|vereda|corregimiento|rancher[ií]a|paraje|batey|ejido"
    r"|bairro|aldeia|comunidade|povoado|favela|vila|morro|assentamento|quilombo|lugarejo|musseque"
    r"|quartier|cit[ée]|localit[ée]|hameau|campement|douar|fokontany|lieu-dit|colline|umudugudu"
    r"|mohall?a|muhall?a|barangay|sitio|kampung|kampong|dusun|desa|phum|kijiji|mtaa|kitongoji"
)
SETTLEMENT_BEFORE = (
    rf"(?:{_SETTLEMENT_EN})\s+(?:of|called|named|de|d['’])\s*"
    r"|(?:" + _SETTLEMENT_OTHER + r")\s+(?:(?:of|de|del|do|da|dos|das|du|des|d['’])\s*)?"
)
# The same nouns after the name: "Ta Sek village", "Kanyama compound", "Ganesh tole"; capitalised, they are part
# of it.
SETTLEMENT_AFTER = (
    r"village|compound|slum|settlement|informal\s+settlement|township|neighbou?rhood|community|tole|basti"
    r"|sub-location"
)
SETTLEMENT_NOUNS = phrases(
    "village, compound, slum, settlement, township, neighbourhood, neighborhood, community, tole, basti, sub-location"
)

_LINK = r"(?:(?:de|del|do|da|dos|das|du|des|d['’])\s*)"


# Cues before a village's name, from weak to strong: an origin (the name may be a person's or a big town's),
# a home visit (the same), a residence (a number after the name makes even a town an address), an origin or a
# residence in Portuguese or French with an article before the name ("chegou da Rocinha", "do Sambizanga", "de la
# Médina", "mora na Maré": cities take none, so a town's name there is a neighbourhood's), a settlement noun, a
# settlement prefix that is part of the name ("Barangay San Isidro", "AA.HH. Nueva Esperanza", "Jardim Primavera").
ORIGIN, VISIT, RESIDENCE, WITH_ARTICLE, SETTLEMENT, PREFIX = range(6)
CUES = [
    (ORIGIN, gate("from"), re.compile(r"\bfrom\s+(?=[A-ZÀ-Þ])")),
    (ORIGIN, _COMING_GATE, re.compile(rf"\b(?:desde|{_COMING}{_GERUND}\s+(?:de|desde|del|d['’]))\s*(?=[A-ZÀ-Þ])")),
    (WITH_ARTICLE, _COMING_GATE, re.compile(rf"\b{_COMING}{_GERUND}\s+{_ARTICLED}\s*(?=[A-ZÀ-Þ])")),
    (
        WITH_ARTICLE,
        gate("mora moram morava moravam vive vivem vivia residem habite habitent habitait vit vivent vivait réside"),
        re.compile(  # "mora na Maré", "habite au Plateau", "vit dans la Médina"
            r"\b(?i:mora|moram|morava|moravam|vive|vivem|vivia|residem)\s+(?:no|na|nos|nas)\s+(?=[A-ZÀ-Þ])"
            r"|\b(?i:habite|habitent|habitait|vit|vivent|vivait|réside)\s+(?:au|aux|à\s+la|dans\s+la)\s+(?=[A-ZÀ-Þ])"
        ),
    ),
    # After a person's name and a comma, where they are from, closed by a comma ("Aïssatou Ndiaye, de la Médina,",
    # "Dona Conceição, do Sambizanga,", "Rosa, de Chillihuani,"): ``after_name_and_comma`` checks the name.
    (ORIGIN, gate("de del"), APPOSED_PLAIN),
    (WITH_ARTICLE, gate("de du do da dos das"), APPOSED_ARTICLED),
    *((VISIT, opening, cue) for opening, cue in VISIT_CUES),
    (
        RESIDENCE,
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
            rf"{ARTICLE}?(?P<noun>{SETTLEMENT_BEFORE})?(?=[A-ZÀ-Þ])"
        ),
    ),
    (
        SETTLEMENT,
        gate(
            "village hamlet informal settlement slum community compound neighbourhood neighborhood township suburb "
            "locality sub aldea caserío caserio comunidad barrio colonia anexo asentamiento centro pueblo vereda "
            "corregimiento ranchería rancheria paraje batey ejido bairro aldeia comunidade povoado favela vila morro "
            "assentamento quilombo lugarejo musseque quartier cité cite localité localite hameau campement douar "
            "fokontany lieu colline umudugudu mohalla mohala muhalla muhala barangay sitio kampung kampong dusun desa "
            "phum kijiji mtaa kitongoji"
        ),
        re.compile(rf"\b(?:{SETTLEMENT_BEFORE})(?=[A-ZÀ-Þ])"),
    ),
    (
        PREFIX,
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
AFTER_WORDS = gate(
    "village compound slum settlement informal township neighbourhood neighborhood community tole basti sub"
)
GATES = frozenset().union(AFTER_WORDS, *(opening for _, opening, _ in CUES))
