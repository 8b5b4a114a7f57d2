"""Word lists the detectors share: titles, function words, months, clinical words, places, peoples.

They are generic (function words of a language, clinical vocabulary, months of a calendar, places and peoples
of usual placement countries), never names taken from test material; extend them, do not tune them. Each
category is defined once, here or in a file of ``data/`` (see data/SOURCES.md), and every detector imports it.
"""

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


def folded(word: str) -> str:
    """The word in lower case without accents ("Ceará" -> "ceara"): notes are typed on keyboards without them."""
    if word.isascii():  # nothing to strip (speed: most words of most notes)
        return word.lower()
    return _folded_accented(word)


@lru_cache(maxsize=4096)
def _folded_accented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _folded_words(text: str) -> frozenset[str]:
    return frozenset(folded(w) for w in text.split())


def _listed(name: str) -> frozenset[str]:
    """A word list of data/ (built by scripts/build_deid_words.py), folded: look words up with ``folded``."""
    return frozenset(folded(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line)


def _written(name: str) -> list[str]:
    """The entries of a hand-written list of data/: separated by commas; lines starting with "#" are comments."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    text = " ".join(line for line in lines if not line.startswith("#"))
    return [entry for entry in text.split(",") if entry.strip()]


def _entries(name: str) -> frozenset[str]:
    """A hand-written list of data/, folded, one space between words ("Mato Grosso do Sul" -> "mato grosso do
    sul"): look words up with ``folded``."""
    return frozenset(" ".join(folded(entry).split()) for entry in _written(name))


def _cased_entries(name: str) -> frozenset[str]:
    """A hand-written list of data/ as written, for lists where case and accents tell words apart ("Ma", "ma")."""
    return frozenset(" ".join(entry.split()) for entry in _written(name))


# Towns and cities of 5,000 people or more (GeoNames), and given names in many languages (Faker): see data/.
TOWNS = _listed("towns.txt")
FIRST_NAMES = _listed("first_names.txt")


# Honorifics and forms of address of many regions, kinship words used as titles: the next word is a name. Case
# and accents matter ("Ma" and "Bà" are titles, "ma" and "ba" are not).
TITLES = _cased_entries("titles.txt")
# Roles and kin written in lower case before a name ("enfermeira Lima", "la abuela Rosa"): the next word is a name.
ROLE_TITLES = _entries("role_titles.txt")
# Honorifics written after a name ("Sita didi", "Rajesh bhaiya", "Sharma ji").
POST_TITLES = _folded_words("didi dai bhaiya bhai bahini ji jee sahib saheb sahab saab amma akka bhabhi dada kaka")
# Words that are never part of a name and end a run of capitalised words (sentence openers included).
FUNCTION = _entries("function_en.txt")
# Roles, departments, diseases, eponyms, drugs, organisms, abbreviations: capitalised often, names never.
CLINICAL = _entries("clinical.txt")
# A run of capitalised words holding one of these names an institution, a street, a programme or a test.
BLOCK = _entries("block.txt")
# Lowercase words inside personal names ("María de la Cruz", "Ali bin Said", "van der Berg"); place names have
# their own (``place_words.PLACE_PARTICLES``). Not "y", "e", "et": two names joined by a conjunction are two names
# ("Marta Quispe y Rosa Mamani").
NAME_PARTICLES = _words("de del da das do dos van von der den la le di du bin binti bint ibn al el wa")
# The cue words before or after a name: relatives and the like ("her husband Juma"), verbs only people do
# ("Amina smiled"); words before a place or a drug ("in Pokhara", "on Coartem"); nouns after an eponym ("Kernig
# sign").
RELATION = _entries("relation.txt")
HUMAN_VERBS = _entries("human_verbs.txt")
SKIP_BEFORE = _entries("skip_before.txt")
EPONYM_FOLLOW = _entries("eponym_follow.txt")
# Nouns before "de"/"d'" that make the capitalised run after them an eponym in Spanish, French and Portuguese
# ("signo de Murphy", "signe d'Ewart", "manobra de Valsalva", "maladie de Hirschsprung", "score de Silverman"),
# or that open a run that is one ("Escala de Glasgow", "Doença de Hansen").
EPONYM_BEFORE = _entries("eponym_before.txt")
# Tests a person has too ("la prueba de Coombs", but "la prueba de María"): the run after is an eponym unless it
# is a known given name.
EPONYM_TESTS = _folded_words("prueba pruebas teste testes test tests examen exame examens")
# What an examiner writes after an eponymous sign ("Chvostek absent", "Murphy positivo", "Babinski négatif"):
# the capitalised word before one, with no "for" after it, is a sign, not a person ("Juma positive for HIV").
FINDINGS = _folded_words(
    "absent present positive negative equivocal bilateral positivo positiva negativo negativa ausente presente "
    "positif negatif absente"
)
# Compass words before a place or a people ("South African", "Northern Ghana", "West Pokot"): still a place.
COMPASS = _folded_words(
    "north south east west central northern southern eastern western upper lower greater norte sur sul este oeste "
    "nord sud est ouest"
)
MED_SUFFIX = re.compile(
    r"(?:cillin|mycin|micin|floxacin|azole|idine|olol|pril|sartan|statin|dipine|vir|mab|itis|osis|iasis"
    r"|a?emia|pathy|ectomy|otomy|ostomy|plasty|scopy|graphy|algia|ology|ologist|iatric|iatrics)$"
)

# Common words (en, es, fr, pt) that notes capitalise at the start of a sentence or in a heading, or that
# people type as part of a file name: never a name on a given-name match alone.
COMMON = _entries("common.txt")
# Given names that are also everyday words (virtues, flowers, seasons, common nouns of en/es/fr/pt): a given
# name match alone does not make them names; a cue does ("Precious, the youngest twin,").
NAME_WORDS = _entries("name_words.txt")
# Not people, though capitalised: festivals, holy and mythical figures, weather, organisations, products and
# brands, national ID and insurance schemes, peoples and languages, placeholders for a name.
FESTIVALS = frozenset(e for e in _entries("festivals.txt") if " " not in e)
# Festivals named by a phrase of everyday words ("Boun Bang Fai", "Phi Ta Khon"): a run inside one is not a person.
FESTIVAL_PHRASES = frozenset(e for e in _entries("festivals.txt") if " " in e)
# Words that follow the name of a deity, a saint or a day in a festival's name ("Durga Puja", "Buddha Jayanti",
# "Ganesh Chaturthi", "Indra Jatra", "Raksha Bandhan", "Kumbh Mela", "Loy Krathong", "Bon Om Touk"): the run
# before one is not a person.
FESTIVAL_AFTER = _entries("festival_after.txt")
PEOPLES = _entries("peoples.txt")
# Holy and mythical figures ("Pachamama", "Mama Killa"), and the placeholders an intern writes instead of a
# name ("Mrs X", "Fulana"): not people even after a title.
HOLY = _entries("holy.txt")
PLACEHOLDERS = _folded_words(
    "x y z xx xyz fulana fulano mengano mengana zutano zutana perengano beltrano sicrano untel untelle doe"
)
# Organisations, products, brands and tools, and ID, insurance and benefit schemes: not people even after a title
# ("Dr Google", "Mr Panadol").
PRODUCTS = _entries("products.txt")
NOT_PEOPLE = FESTIVALS | PEOPLES | HOLY | PLACEHOLDERS | PRODUCTS | _folded_words("nino nina harmattan monsoon")
# Countries (in English, Spanish, French and Portuguese) and the states, provinces and regions of usual placement
# countries, as phrases ("sierra leone", "mato grosso do sul"): a run of capitalised words that is one of them
# is a place, not a person nor a village.
COUNTRIES = _entries("countries.txt")
REGIONS = _entries("regions.txt")
# Continents, landmarks, and big cities notes mention in general (the words of their names: "Addis Ababa").
LANDMARKS = _entries("landmarks.txt")
# Single words that name a place or a people in general: never a village, never a person on their own.
PLACES = LANDMARKS | PEOPLES | frozenset(c for c in COUNTRIES if " " not in c)
# Countries and regions that are also given names ("Georgia", "Victoria", "Kara"): a name only with a cue.
GIVEN_NAME_PLACES = (COUNTRIES | REGIONS) & FIRST_NAMES
# Month names of the Gregorian calendar as notes type them (with and without accents), by language; weekdays.
MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre".split(),
    "fr": (
        "janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre decembre"
    ).split(),
    "pt": "janeiro fevereiro março marco abril maio junho julho agosto setembro outubro novembro dezembro".split(),
}
WEEKDAYS = _folded_words(
    "monday tuesday wednesday thursday friday saturday sunday lunes martes miercoles jueves viernes sabado domingo "
    "lundi mardi mercredi jeudi vendredi samedi dimanche segunda terca quarta quinta sexta feira"
)
# Months of the local calendars notes use (Nepali Bikram Sambat and Bengali, Ethiopian, Islamic), those that are
# not also given names ("Kartik", "Rajab", "Ramadan" are): they end a run like the Gregorian months.
LOCAL_MONTHS = _entries("local_months.txt") - FIRST_NAMES
# Months, weekdays and festivals: they end a run of capitalised words ("Monday Amina came" is not one name).
CALENDAR = frozenset(folded(m) for names in MONTHS.values() for m in names) | LOCAL_MONTHS | WEEKDAYS | FESTIVALS
# Function words, common sentence openers and number words of Spanish, French and Portuguese (see data/), and
# English number words: capitalised at the start of a sentence ("Durante", "Pendant", "Ontem", "Two"), never names.
FOREIGN_FUNCTION = (
    _entries("function_es.txt")
    | _entries("function_fr.txt")
    | _entries("function_pt.txt")
    | _folded_words(
        "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred "
        "hundreds thousand thousands dozen dozens half both several many few most"
    )
)
# Spanish, French and Portuguese conjunctions and prepositions (not articles, which places hold: "El Alto"):
# capitalised inside a run of capitalised words, they make it an organisation's name ("Médicos Sin Fronteras").
FOREIGN_LINKS = _folded_words(
    "y e o u ou et ni en no na em com sem sans avec pour par sur sous dans chez entre para por con sin sobre hacia "
    "hasta pelo pela aux au un une uno una um uma lo"
)
# Words before or after a capitalised run that make it the name of an institution, not of a person
# ("CHU Sylvanus Olympio", "l'hôpital Principal", "Kantha Bopha Children's Hospital").
# Acronyms of health institutions ("CHU", "CSCom"): written in capitals, except "Ngo", which is a name as well.
INSTITUTION_ACRONYMS = _folded_words("chu chr chd chn cs csb csps cscom ngo")
INSTITUTIONS = BLOCK | INSTITUTION_ACRONYMS | _entries("institutions.txt")
# Homes and shelters: after a number, the run before is the name of one ("Matthew 25 House", "Casa 31 Lar").
HOMES = _folded_words("house home hostel shelter hospice refuge orphanage centre center casa lar abrigo maison foyer")
# Place prefixes of saints' names ("San Juan", "São Tomé", "Saint-Louis"): a run they open is a place.
SAINTS = _folded_words("san santa santo sao saint sainte st ste")
# Words for people (roles, relatives, ages): an appositive holding one ("Tunde, my co-intern,") names a person.
PERSON_NOUNS = RELATION | _entries("person_nouns.txt")
# What a name's possessive is followed by: relatives, body parts, records ("esi's baby", "Zawadi's card").
POSSESSED = RELATION | _entries("possessed.txt")
# Adjectives that open a possessed record ("Tatenda's national ID", "Rahul's birth certificate"): a possessive
# before one is a name when a record or an ID label follows.
POSSESSED_OPENERS = _folded_words(
    "national health medical birth voter voters identity id social hospital clinic lab laboratory insurance "
    "treatment antenatal vaccination immunisation immunization growth school"
)
# Labels of identity documents, health insurance and medical records by country, written in capitals after a
# possessive ("Nakimuli's NIN", "Nasreen's CNIC"): medical records (MRN, UHID, BHT, IP, OPD), insurance (NHIF,
# NHIS, SIS, BPJS, JKN, SUS, CNS), identity (NIN, NIDA, NRC, CNIC, NIC, NRIC, CNI, CNIB, CIN, NINA, DNI, CI, BI,
# CPF, RG, CURP, INE, DPI, CUI, NUIT, NIK, KTP, IC, PAN), tax and social security (SSN, TIN, TRN, NSS, SSS, RUT).
ID_LABELS = _entries("id_labels.txt")
# Words before "from" or "to" that make the next capitalised word a person ("a call from", "belonged to").
FROM_PERSON = _folded_words("call calls text texts message messages email emails letter note visit sms voicemail")
TO_PERSON = _folded_words(
    "belonged belongs belong belonging talked talking spoke speaking explained handed married introduced "
    "listened replied wrote lent apologised apologized whispered"
)
# Syllables of Myanmar given names (Myanmar names have no surname, and the given-name list has no Myanmar
# locale): after a title typed in lower case ("u hla", "daw khin") they are a name.
MYANMAR_NAMES = _entries("myanmar_names.txt")
# Dotted abbreviations that are not someone's initials ("B.P. 120/80", "U.S.", "P.O. Box").
ABBREVIATIONS = _entries("abbreviations.txt")
# Words before a possessive that make it a common noun, not a name ("the fisherman's son").
DETERMINERS = _folded_words(
    "the a an this that these those his her my our your their its each every one other another some any no old "
    "young little poor sick same"
)
