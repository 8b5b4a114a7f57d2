"""Ages over 89, in English, Spanish, French and Portuguese.

An age is a number of years next to a person: "93-year-old", "aged 95", "Mr X, 94,", "93 años", "a 96 ans",
"she is about 95", or a word ("centenarian", "nonagénaire", "noventa y tres años"). The span is the number with
its unit when there is one, else the number. Measurements that read the same way ("her pulse is 96", "the score
is 92", "weight 95 kg") stay clean: "is 96" is an age only with a person as its subject and no unit after it.
"""

import re

from journal.deid.finding import Finding, flag
from journal.deid.text import WORD_BEFORE, before, starts_word
from journal.deid.words import (
    CLINICAL,
    COMMON,
    FIRST_NAMES,
    FUNCTION,
    NAME_WORDS,
    PERSON_NOUNS,
    ROLE_TITLES,
    TITLES,
    folded,
)

# Shorthands of a number of years, and of an age with a sex, as headers of notes write them: "91y", "91 y,",
# "91yo", "91a" (años, anos), "91F", "91/M" (and "F 91", "M, 93": ``_SEX_BEFORE``). A space before "y" only
# before a sign or the end ("entre 90 y 95" is Spanish "and"); "a" only in lower case and straight after the
# number ("flat 91A").
_AGES = re.compile(
    r"\b(?P<n>\d{2,3})(?:[-\s]?(?:years?|yrs?|yr)[-\s]?old|\s?(?:y/o|yo\b|yrs\b|years? of age)"
    r"|(?:st|nd|rd|th)(?=\s+birthday)|(?-i:y|a)(?![\w'’-])|\s(?-i:y)(?=\s*[,;:/)]|\.(?!\w)|$)"
    r"|/?(?-i:[FM])(?![\w’'-]|\.\w))"
    r"|\b(?:aged?|turned|turns|edad|idade|âgée?)\s*:?\s*(?P<m>\d{2,3})\b(?!\s*(?:days?|weeks?|months?)\b)",
    re.IGNORECASE,
)
_SEX_BEFORE = re.compile(r"(?<![\w./-])(?-i:[FM])(?:,\s?|/|\s)$")
# Before a shorthand: a house, bed or room number ("bed 92a", "nº 91a", "Ward F 92"), a temperature in Fahrenheit
# ("temp 101F", "fever of 99 F") or a sum of money ("$91M") is not an age.
_SHORTHAND_NOT_AGE_BEFORE = re.compile(
    r"(?:(?i:\b(?:n[º°o]|n\.º|no\.?|number|#|house|flat|apt|apartment|casa|apartamento|lote|plot|bed|cama|lit"
    r"|leito|room|sala|quarto|chambre|ward|block|bloco|bloque|rua|calle|rue|avenida|av|km|temp|temperature|tmax|t"
    r"|fever|febrile|pyrexia|spiked?|spiking|axillary|oral|rectal|tympanic|fi[eè]vre|fiebre|febre))\W{0,3}"
    r"(?:[^\W\d_]+\s+){0,3}|[$€£#°])$"
)
# Years in Spanish, French and Portuguese, in figures or words: "93 años", "91 ans", "noventa e dois anos",
# "quatre-vingt-onze ans"; but not "hace 95 años" (95 years ago) nor "90 años de historia" (a time span), while
# "93 años de edad" is an age.
_NUMBER_WORDS_ROMANCE = (
    r"noventa(?:\s+[ye]\s+(?:un|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|um|uma|dois|duas|três|quatro"
    r"|sete|oito|nove))?|cien(?:to)?(?:\s+(?:un|uno|una|dos|tres|cuatro|cinco))?|cem|cento(?:\s+e\s+(?:um|uma|dois"
    r"|duas|três|tres|quatro|cinco))?|quatre-vingt-(?:dix|onze|douze|treize|quatorze|quinze|seize|dix-sept|dix-huit"
    r"|dix-neuf)|nonante(?:-et-un|-(?:deux|trois|quatre|cinq|six|sept|huit|neuf))?|cent(?:\s+(?:un|deux|trois"
    r"|quatre|cinq))?"
)
# Found from the unit, which is rare, looking back for the number (searching for numbers everywhere is slower).
_YEARS_UNIT = re.compile(r"(?:años|anos|ans|Años|Anos|Ans)\b(?!\s+(?:de\b|d'|d’)(?!\s*(?:edad|idade|âge)))")
_NUMBER_BEFORE_UNIT = re.compile(rf"(?i:\b(?:(?P<n>\d{{2,3}})|{_NUMBER_WORDS_ROMANCE})\s?)$")
_TIME_SPAN_BEFORE = re.compile(r"(?i:\b(?:hace|y a|há|ha|depuis|durante|pendant|por|para|dans|en|em|durant)\s+)$")
# "She is 96", "Miss Ivy, who is 99", "the patient in bed 4 is 93", "guesses she is about 95", "Lakshmi amma is 90"
# (an honorific after the name): a person, a verb, perhaps a hedge, the number, and then nothing that makes it a
# measurement (a unit, a decimal, a percentage, a slash). Found from a number over 89, looking back for the person
# and the verb.
_NUMBER_OVER_89 = re.compile(
    r"(?:9\d|1[0-2]\d)(?=\s*(?:[,;:!?)]|\.(?!\d)|$|\s+(?:and|but|or|now|so|yet|when|while|though|although"
    r"|with|this|last|next|today|still|according|if|going)\b))"
)
_PERSON_IS_BEFORE = re.compile(
    r"(?:\b(?i:he|she|who)|\b(?i:grand(?:mother|father|ma|pa)|granny|mother|father|patient|man|woman|lady"
    r"|gentleman|husband|wife|widow|widower)(?:\s+(?:in|on)\s+(?:bed|room|cubicle|cot|ward)\s+\d+)?"
    r"|\b(?P<name>[A-Z][a-z]+)(?:\s+(?:amma|didi|dai|ji|bhai|bhaiya|baba|mama|bibi|mzee|sahib|saheb))?)"
    r"(?:'s|\s+(?:is|was|turned|turns|will\s+be|would\s+be|must\s+be))"
    r"(?:\s+(?:about|around|nearly|almost|over|now|already|roughly|probably|maybe|perhaps|apparently|at\s+least"
    r"|well|just|past|only|easily|actually)){0,2}\s+$"
)
# "His card puts him at 96", "her papers make her 93": a document or a guess that gives someone an age.
_PUTS_AT_BEFORE = re.compile(
    r"\b(?i:puts?|putting|places?|placed|placing|makes?|made|making)\s+(?i:him|her|them)"
    r"\s+(?:at\s+)?(?:(?:about|around|nearly|almost|over)\s+)?$"
)
# "An old man of 102", "una anciana de 95", "un vieillard de 93", "uma idosa de 96": a person noun, "of" or "de",
# then a number over 89 with no unit after it ("a man of 95 kg" is a weight).
_PERSON_NOUN = (
    r"man|woman|lady|gentleman|patient|widow|widower|grandmother|grandfather|granny|elder"
    r"|anciano|anciana|viejito|viejita|viejo|vieja|señor|señora|hombre|mujer|paciente|abuelo|abuela|viudo|viuda"
    r"|vieillard|vieille|vieux|homme|femme|dame|monsieur|patiente|grand-mère|grand-père|veuve|veuf|aïeule|aïeul"
    r"|idoso|idosa|velho|velha|velhinho|velhinha|senhor|senhora|homem|mulher|avó|avô|viúva|viúvo"
)
_PERSON_OF_BEFORE = re.compile(rf"\b(?i:{_PERSON_NOUN})\s+(?:of|de)\s+$")
_OVER_89_NO_UNIT = re.compile(
    r"(?:9\d|1[0-2]\d)(?![\w/%]|[.,]\d|\s*(?:%|(?i:kg|kilos?|g|grams?|gramos|gramas|lbs?|pounds|cm|mm|m|mmhg|bpm"
    r"|beats|breaths|percent|per|por|pour|minutes?|mins?|hours?|days?|weeks?|months?|horas|heures|días|dias|jours"
    r"|semanas|semaines|meses|mois|units?|ml|mg|points?|puntos|pontos|patients?|pacientes|people|personas|pessoas"
    r"|cases?|casos|beds?|camas|lits|leitos)\b))"
)
# A number, or a list of numbers, set off by commas after a person, or after "de" in Spanish and Portuguese:
# "Kofi, 96, walked in", "u thein, 93, ...", "the widow, 94,", "Two sisters, 95 and 98, came in", "Mr and Mrs
# Obi, 92 and 90,", "doña ramona, de 91, vino". Found from a number over 89, looking back for the person
# (``_person_word``) and the numbers listed before it, and ahead for the rest of the list and a sign that closes it.
_LISTED_AGES_BEFORE = re.compile(
    r"(?P<word>[^\W\d_]+)(?:(?P<comma>,)\s+(?:de\s+)?|\s+de\s+)(?:\d{2,3}(?:,\s+|,?\s+(?:and|y|e|et)\s+))*$"
)
_LISTED_AGES_AFTER = re.compile(r"(?:(?:,\s+|,?\s+(?:and|y|e|et)\s+)\d{2,3})*(?:\s*[,;)]|\.(?!\d)|\s*$)")
# A number over 89 in brackets after a person's name ("Yeay Meas (92), Ta Heng (78)"; the comma of
# ``_LISTED_AGES_BEFORE`` stands in for the bracket), or after "older than" with nothing after it ("maybe older than
# 95, honestly", not "older than 100 years").
_BRACKETED_AGE_BEFORE = re.compile(r"(?P<word>[^\W\d_]+)(?P<comma>\s?)\($")
_OLDER_THAN_BEFORE = re.compile(r"\b(?i:older|younger)\s+than\s+$")
# People in the plural, who come with a list of ages: "two sisters, 95 and 98", "los abuelos, 91 y 93".
_PEOPLE = frozenset(
    "sisters brothers siblings twins women men ladies gentlemen grandparents grandmothers grandfathers parents "
    "widows widowers elders couple spouses patients hermanas hermanos gemelos gemelas mujeres hombres señoras "
    "señores abuelos abuelas ancianos ancianas viudas pacientes soeurs sœurs freres frères jumeaux jumelles femmes "
    "hommes dames messieurs grands-parents veuves patientes irmas irmãs irmaos irmãos gemeos gêmeos gémeos gêmeas "
    "mulheres homens senhoras senhores avos avós idosos idosas viuvas viúvas".split()
)
_TITLE_WORDS = frozenset(folded(t) for t in TITLES) | ROLE_TITLES
# Ages in English words after "is", as for figures: "he is ninety-four", "she is a hundred and one".
_UNITS_WORD = r"one|two|three|four|five|six|seven|eight|nine"
_AGE_IN_WORDS = re.compile(
    rf"(?:ninety|Ninety|a hundred|one hundred|hundred)(?:[- ](?:{_UNITS_WORD})|\s+and\s+(?:{_UNITS_WORD}|ten))?"
    r"(?=\s*(?:[,;:!?)]|\.(?!\d)|$|\s+(?:and|but|or|now|so|yet|when|while|though|although|with|this|last|next"
    r"|today|still|according|if|going)\b))"
)
# Measurements and other capitalised words that can be the subject of "is 96" without being a person.
_NOT_PERSON = (
    frozenset(
        "it this that there here what which today pulse rate heart weight height length temperature temp sugar glucose "
        "score total count number level sats saturation pressure reading result bed ward room gcs apgar mews news "
        "lactate sodium potassium creatinine urea hb hba1c platelets ph fio2 spo2 map muac ofc bmi iq".split()
    )
    | FUNCTION
    | CLINICAL
)
# Places, institutions and things have ages too: "the hospital is 95 years old", "the mission turned 100".
_THING_BEFORE = re.compile(
    r"(?i:\b(?:hospital|clinic|mission|school|church|mosque|temple|building|institution|centre|center|ward|unit"
    r"|college|university|house|bridge|tree|machine|car|truck|ambulance|town|village|city|it|this|that)s?"
    r"\s+(?:(?:is|was|are|were|turned|turns|will\s+be)(?:\s+(?:now|nearly|almost|over|about|already))?\s+)?)$"
)
_AGE_WORDS = re.compile(
    r"\b(?:(?:super)?centenarian|nonagenarian|in (?:his|her|their) (?:nineties|90s)"
    r"|(?:ninety|hundred)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?[- ]years?[- ]old)\b",
    re.IGNORECASE,
)
# Ages as nouns or adjectives in Spanish, French and Portuguese: "nonagénaire", "centenária". "Centenario" and
# "centenaire" also mean a centenary: not before "de" ("du", "do"...), and not capitalised (a stadium, a park).
_AGE_WORDS_ROMANCE = re.compile(
    r"\b(?:nonag[eé]n[aá]ri[oa]s?|nonag[ée]naires?|centenari[oa]s?|centenári[oa]s?|centenaires?)\b"
    r"(?!\s+(?:de|del|do|da|du|des|d'|d’)\b)"
)


def _over_89(number: str) -> bool:
    return 89 < int(number) < 130


def _person(m: re.Match | None) -> bool:
    """True when a person is the subject of "X is 96": a pronoun, a person noun, or a name that is not a
    measurement or a common word."""
    return bool(m) and (not m["name"] or folded(m["name"]) not in _NOT_PERSON)


def _person_word(text: str, word: re.Match) -> bool:
    """True when the word ``word`` (its group "word") names people or a person: a person noun ("the widow"),
    people in the plural ("two sisters"), any word after a title ("u hla", "doña ramona"), and, before a comma,
    a capitalised name or a given name in lower case ("fatoumata"). Measurements, abbreviations and common words
    are not people ("Pulse, 96,", "HR, 96,"), nor a capitalised word before "de" alone ("Saturación de 92.")."""
    start = word.start("word")
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’"):
        return False
    low = folded(word["word"])
    if low in _NOT_PERSON or (len(low) > 1 and word["word"].isupper()):
        return False
    if low in PERSON_NOUNS or word["word"].lower() in _PEOPLE:
        return True
    if word["comma"] and (
        word["word"][0].isupper() or (low in FIRST_NAMES and low not in NAME_WORDS and low not in COMMON)
    ):
        return True
    title = WORD_BEFORE.search(text, max(0, start - 20), start)
    return bool(title) and folded(title[1]) in _TITLE_WORDS


def _listed_age(text: str, number: re.Match) -> bool:
    """True when ``number`` is one of a list of ages set off after a person ("Kofi, 96,", "two sisters, 95 and
    98,", "doña ramona, de 91,")."""
    if not text[max(0, number.start() - 4) : number.start()].endswith((", ", "de ", "and ", " y ", " e ", "et ")):
        return False  # (speed: most numbers are not in a list)
    if not _LISTED_AGES_AFTER.match(text, number.end()):
        return False
    head = _LISTED_AGES_BEFORE.search(text, max(0, number.start() - 60), number.start())
    return bool(head) and _person_word(text, head)


def _bracketed_age(text: str, number: re.Match) -> bool:
    """True when ``number`` is alone in brackets after a capitalised name ("Yeay Meas (92)")."""
    if text[number.start() - 1 : number.start()] != "(" or text[number.end() : number.end() + 1] != ")":
        return False
    head = _BRACKETED_AGE_BEFORE.search(text, max(0, number.start() - 30), number.start())
    return bool(head) and head["word"][0].isupper() and _person_word(text, head)


def _sex_and_age(text: str, number: re.Match) -> bool:
    """True when ``number`` comes after a sex, as note headers write an age: "F 91", "M, 93", "F/95"."""
    sex = _SEX_BEFORE.search(text, max(0, number.start() - 4), number.start())
    return bool(sex) and not before(_SHORTHAND_NOT_AGE_BEFORE, text, sex.start())


def _years(text: str, unit: re.Match) -> tuple[int, int] | None:
    """The span of an age in years before ``unit`` ("93 años", "noventa e dois anos"), unless it is a time span."""
    number = _NUMBER_BEFORE_UNIT.search(text, max(0, unit.start() - 40), unit.start())
    if not number or (number["n"] and not _over_89(number["n"])):
        return None
    if _TIME_SPAN_BEFORE.search(text, max(0, number.start() - 20), number.start()):
        return None
    return number.start(), unit.end()


def _ages_of_people(text: str) -> list[tuple[int, int]]:
    """Numbers over 89, in figures or English words, that a person is ("she is 96", "the card puts him at 96",
    "he is ninety-four") or has ("an old man of 102", "una anciana de 95")."""
    found = []
    for m in _NUMBER_OVER_89.finditer(text):
        if text[m.start() - 1 : m.start()].isspace() and not text[m.end() : m.end() + 1].isdigit():
            is_age = _person(_PERSON_IS_BEFORE.search(text, max(0, m.start() - 60), m.start()))
            if is_age or before(_PUTS_AT_BEFORE, text, m.start()):
                found.append(m.span())
    for m in _OVER_89_NO_UNIT.finditer(text):
        if text[m.start() - 3 : m.start()] in ("of ", "de ") and before(_PERSON_OF_BEFORE, text, m.start()):
            found.append(m.span())
        elif _listed_age(text, m) or _sex_and_age(text, m) or _bracketed_age(text, m):
            found.append(m.span())
        elif text[m.start() - 5 : m.start()] == "than " and _LISTED_AGES_AFTER.match(text, m.end()):
            if before(_OLDER_THAN_BEFORE, text, m.start(), 20):
                found.append(m.span())
    if "inety" in text or "hundred" in text:
        for m in _AGE_IN_WORDS.finditer(text):
            if starts_word(text, m.start()) and _person(
                _PERSON_IS_BEFORE.search(text, max(0, m.start() - 60), m.start())
            ):
                found.append(m.span())
    return found


def find_ages(text: str) -> list[Finding]:
    """Ages over 89 ("93-year-old", "aged 95", "her 101st birthday", "Mr X, 94,", "93 años", "she is 96")."""
    lower = text.lower()  # the words of ages are rare: looked for in the text before their patterns are searched
    found = []
    if any(hint in lower for hint in ("enarian", "ninet", "90s", "hundred")):
        found += [m.span() for m in _AGE_WORDS.finditer(text)]
    if "nonag" in lower or "centen" in lower:
        found += [m.span() for m in _AGE_WORDS_ROMANCE.finditer(text)]
    for m in _AGES.finditer(text):
        group = "n" if m["n"] else "m"
        if not _over_89(m[group]) or before(_THING_BEFORE, text, m.start()):
            continue
        if m.group()[-1] in "yaFM" and before(_SHORTHAND_NOT_AGE_BEFORE, text, m.start()):
            continue
        found.append(m.span())
    found += [span for m in _YEARS_UNIT.finditer(text) if (span := _years(text, m))]
    found += _ages_of_people(text)
    return [flag("age", s, e) for s, e in sorted(set(found))]
