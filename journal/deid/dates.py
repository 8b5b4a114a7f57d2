"""Dates more precise than a year, in the calendars and languages interns meet on placement.

A date is a day with its month ("14 August", "5 de junho", "Shrawan 3"), a month with its year ("March 2024"),
a numeric date ("12/08/2024", "2024-03-18"), or a day alone when the words around it make it one ("on the
14th", "on 4/5", "le 14/09", a zero-padded "03/09", "el sábado 21", "dated 12.03."). A weekday before a date and the
"on the" of a day alone are part of it ("le lundi 4 mars"). Fractions, ratios and scores ("5/7", "36/40", "13/15",
"4/5 power") stay clean, and so do streets and squares named after a date ("Avenida 9 de Octubre").
"""

import re

from journal.deid.finding import Finding, flag
from journal.deid.text import before, starts_word
from journal.deid.words import FOREIGN_FUNCTION, FUNCTION, MONTHS, folded

# Month names (``words.MONTHS``). English keeps its capital (so "may" and "march" as words stay clean); the
# others, which notes type in lower case, are matched in any case but only next to a day or a year.
_ABBREVIATED = "Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec".split()
# A flat alternation of literals: the search skips ahead to their first letters.
_MONTH_EN = "(?:" + "|".join(MONTHS["en"] + [rf"{a}\.?" for a in _ABBREVIATED]) + ")"
_MONTH_ES, _MONTH_FR, _MONTH_PT = ("|".join(MONTHS[lang]) for lang in ("es", "fr", "pt"))
_MONTH_ROMANCE = rf"(?:(?:{_MONTH_ES}|{_MONTH_FR}|{_MONTH_PT})\b|(?:janv|févr|fevr|avr|juil|déc)\b\.?)"
# Local calendars, with the usual romanised spellings: the Nepali Bikram Sambat (and the Bengali months that share
# its names), the Ethiopian calendar, and the Islamic (Hijri) calendar.
_MONTH_NEPALI = (
    r"Baisakh|Baishakh|Vaishakh|Boishakh|Jestha|Jeth|Jyeshtha|Jyestha|Asar|Asadh|Ashadh|Ashar|Asharh|Shrawan"
    r"|Shravan|Srawan|Sawan|Saun|Srabon|Bhadra|Bhadau|Bhadro|Asoj|Ashwin|Aswin|Ashoj|Kartik|Kattik|Mangsir"
    r"|Mangshir|Margashirsha|Ogrohayon|Poush|Paush|Pausha|Magh|Falgun|Phalgun|Phagun|Fagun|Chaitra|Chait|Choitro"
)
_MONTH_ETHIOPIAN = (
    r"Meskerem|Meskerm|Tikimt|Tikemt|Tekemt|Tiqimt|Hidar|Hedar|Tahsas|Tahesas|Tir|Yekatit|Yakatit|Megabit"
    r"|Magabit|Miyazya|Miazia|Ginbot|Genbot|Sene|Hamle|Hamile|Nehase|Nehasse|Pagume|Pagumen|Puagme"
)
_MONTH_HIJRI = (
    r"Muharram|Moharram|Safar|Rabi(?:'|’|u)?\s?(?:al|ul|el)?[- ]?(?:Awwal|Awal|Thani|Akhir|Sani)"
    r"|Jumad(?:a|i)\s?(?:al|ul|el)?[- ]?(?:Awwal|Awal|Ula|Thani|Akhir|Akhirah|Sani)|Rajab|Sha(?:'|’)?ban"
    r"|Ramadan|Ramadhan|Ramzan|Ramazan|Shawwal|Shawal|Dhu(?:'|’)?l?[- ]?(?:al[- ])?(?:Qa(?:'|’)?dah|Qi(?:'|’)?dah)"
    r"|Dhu(?:'|’)?l?[- ]?(?:al[- ])?Hijj?ah|Zul[- ]?(?:Qa(?:'|’)?dah|Hijj?ah)"
)
_MONTH_LOCAL = rf"(?:{_MONTH_NEPALI}|{_MONTH_ETHIOPIAN}|{_MONTH_HIJRI})\b"

_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# Words that may follow a day without making its number a count ("on the 14th and", "Asoj 5 was the day", "on
# the 9th we got blood"): conjunctions, prepositions, pronouns, determiners, common verbs and adverbs.
_FUNCTION_AFTER_DAY = (
    r"(?:and|but|or|so|at|in|on|by|of|when|where|while|after|before|because|as|he|she|they|we|you|i|it|his|her"
    r"|their|the|with|to|until|for|from|was|is|will|would|that|there|me|us|him|them|my|our|your|its|this|everyone"
    r"|everybody|nobody|someone|somebody|then|also|just|again|finally|already|too|only|though|a|an)"
)
_DAY_ROMANCE = r"\d{1,2}(?:er|ro|º|ª|°|\.º|o)?"  # "1er mai", "1º de maio", "1ro de mayo"
_YEAR = r"(?:\d{4}|'\d\d)"


# The patterns start with the date itself, not with a word boundary (that would slow every search down):
# ``find_dates`` checks that a date starts a word. Those that open with a day (``_DAY_FIRST``) are tried only where
# a number that starts a word is followed by spaces and a letter (``_DAY_THEN_WORD``): most numbers of a note are
# not, and one search for those places is faster than a search for each pattern.
_DAY_FIRST = [
    # English: "17 July 2023", "5th of September"
    re.compile(rf"{_DAY}(?:\s+of)?\s+{_MONTH_EN}(?:,?\s+{_YEAR})?(?!\w)"),
    # Spanish, French, Portuguese: "9 de abril de 2024", "le 2 novembre", "5 de junho"
    re.compile(rf"{_DAY_ROMANCE}\s+(?:de\s+)?{_MONTH_ROMANCE}(?:\s+(?:de\s+|del\s+)?\d{{4}}\b)?", re.IGNORECASE),
    # Local calendars: "3 Shrawan", "27 Ramadan 1445"
    re.compile(rf"{_DAY}(?:\s+of)?\s+{_MONTH_LOCAL}(?:,?\s+\d{{4}})?"),
]
_DAY_THEN_WORD = re.compile(r"\d(?<![^\W_]\d)\d?(?:(?i:st|nd|rd|th|er|ro|o)|[º°ª]|\.º)?\s+[^\W\d_]")
_DATES = [
    # English: "October 2, 2024", "March 2019"
    re.compile(rf"{_MONTH_EN}\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?:,?\s+\d{{4}})?\b"),
    re.compile(rf"{_MONTH_EN},?\s+(?:of\s+)?(?:19|20)\d\d\b"),
    # Local calendars: "Shrawan 3, 2079", "Meskerem 12" (not before a noun: "during Ramadan 12 patients fasted")
    re.compile(
        rf"{_MONTH_LOCAL}\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?:,?\s+\d{{4}}\b|(?!\s+(?!{_FUNCTION_AFTER_DAY}\b)[a-z]))"
    ),
    # ... and after a word that introduces a date, whatever follows: "born on Magh 14 according to ..." (the cue
    # word is matched, and left out of the span: ``find_dates`` takes the group "date" where there is one)
    re.compile(
        r"(?:on|born|dated|since|until|till) "
        rf"(?P<date>{_MONTH_LOCAL}\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d))"
    ),
    # Year first: "2024-08-19", "2022/08/17", "2023.11.04"
    re.compile(r"(?:19|20)\d\d([-/.])[01]?\d\1[0-3]?\d(?![\d/-]|\.\d)"),
]
# The patterns whose date is a group of the match (after a cue word), not the whole match.
_DATE_GROUP = {rx: "date" for rx in _DATES if "date" in rx.groupindex}
# A Spanish, French or Portuguese month with its year ("marzo de 2024", "mars 2023"): found from the year, which
# is rare, looking back for the month (searching for the months everywhere would be slow).
_YEAR_ALONE = re.compile(r"(?:19|20)\d\d\b")
_MONTH_BEFORE_YEAR = re.compile(rf"(?i:\b(?:{_MONTH_ES}|{_MONTH_FR}|{_MONTH_PT})\s+(?:de\s+|del\s+)?)$")
# (The first digit is matched before the look-behind that checks it starts a number: a pattern that opens with a
# class of characters is searched faster.)
_NUMERIC_DATE = re.compile(r"(\d(?<![\d./-]\d)\d?)([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|\.\d)")
# A day and month alone ("4/5", "03/09") is a date when a word that introduces one comes before it, or when it
# is zero-padded (fractions and scores are not written with a zero) and no score was named just before it
# ("pain score 08/10 on arrival, 03/10 after morphine").
_DAY_MONTH = re.compile(r"(\d{1,2})/(\d{1,2})(?![/\d])")
# The German and Slavic way, day and month with a dot after each, after a cue ("dated 12.03.", "am 4.5.").
_DOTTED_DAY_MONTH = re.compile(r"(\d{1,2})\.(\d{1,2})\.(?!\d)")
_PART_OF_NUMBER = re.compile(r"\w|[.,]\d")
# Obstetric dates count too, by their abbreviations in the four languages: the expected date of delivery (EDD,
# EDC; FPP, DPP; DPA) and the last menstrual period (LMP; FUR, FUM; DUM; DDR). After Portuguese "em", a date
# follows a participle or a past tense of an event ("nasceu em 3/7", "internada em 12/4", "operado em").
_DATE_CUE_BEFORE = re.compile(
    r"(?:\b(?:[Oo]n|dated|DOB|D\.O\.B\.?|[Bb]orn|[Ss]ince|[Uu]ntil|[Tt]ill|birthday(?: is| was)?|[Ll]e|[Dd]u|[Aa]u"
    r"|[Ee]l|[Dd]el|[Aa]l|[Dd]esde|[Hh]asta|[Dd]epuis|d[ií]a|no dia|n[ée]e?|naci[óo]|nasceu|EDD|EDC|LMP|FPP|DPP|DPA"
    r"|FUR|FUM|DUM|DDR|(?:nascid|internad|admitid|operad|transferid|falecid|vacinad|atendid|vist)[oa]s?\s+em"
    r"|(?:nasceu|internou|faleceu|deu\s+entrada|teve\s+alta)\s+em)"
    r"|(?<!\w)jusqu'au)\s*[:=]?\s+$"
)
# Words of appointments and plans that bring a day and month ("booked for 14/9", "review 3/8", "due 14/7",
# "cita el 5/3", "rendez-vous le 4/9", "retorno 7/8"). After these, a number of days, months or weeks written as
# a fraction ("review 3/12" for three months, "TCA 2/52", "5/7") stays clean: see ``_day_month``.
_PLAN_CUE_BEFORE = re.compile(
    r"\b(?i:booked|book|booking|review|reviewed|due|scheduled|appointment|appt|follow-up|f/u|tca|return|returns"
    r"|returned|visit|discharged?|admitted|planned|postponed|rescheduled|moved|cita|control|retorno|revisi[oó]n"
    r"|revisão|consulta|rendez-vous|rdv|contr[ôo]le|marcad[ao]|marcou|programad[ao]|prevue?|prevista?)"
    r"(?:\s+(?:for|to|on|in|para|pour|el|le|o|a|al|au|em))?\s*:?\s+$"
)
_SCORE_BEFORE = re.compile(
    r"(?i:\b(?:score|pain|vas|nrs|eva|gcs|glasgow|power|force|apgar|va|acuity|dolor|douleur|dor)\b)"
)
# A day alone as an ordinal, after "on the", "by the"... ("on the 14th"), unless a noun follows ("on the 3rd day").
_ORDINAL_DAY = re.compile(
    r"(?:[12]\d|3[01]|\d)(?:st|nd|rd|th)\b"
    rf"(?!-|\s+(?!(?:{_FUNCTION_AFTER_DAY}(?<!of)|of\s+(?:this|that|the|last|next)\s+month)\b)[a-z])"
)
_ORDINAL_CUE_BEFORE = re.compile(
    r"\b(?:(?:[Oo]n|[Bb]y|[Ss]ince|[Uu]ntil|[Tt]ill|[Ff]rom)\s+the|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?(?:\s+the)?"
    r"|(?:moved|postponed|rescheduled|booked|scheduled|changed|delayed|deferred|brought\s+forward|pushed\s+back"
    r"|put\s+off|planned|fixed|set)(?:\s+[a-z]+){0,3}?\s+(?:to|for|until|till)\s+the)\s+$"
)
# Streets, squares and institutions named after a date: "Avenida 9 de Octubre", "Rue du 18 Juin".
_STREET_BEFORE = re.compile(
    r"(?:(?i:\b(?:avenida|avda|av|avenue|rua|rue|calle|jir[oó]n|jr|pasaje|paseo|plaza|pra[çc]a|travessa|estrada"
    r"|boulevard|bd|blvd|carrera|alameda|puente|ponte|parque|colonia|barrio|bairro|quartier|mercado|estadio"
    r"|est[aá]dio|stade|colegio|col[eé]gio|escola|escuela|[ée]cole|lyc[ée]e|hospital|h[ôo]pital))"
    r"|\b(?:Largo|Place|Pont|Cit[ée]|March[ée]|Park|Street|Road))\b\.?\s+(?:(?i:de|del|do|da|du|des|dos|das)\s+)?$"
)


# A weekday before a date belongs to it ("le lundi 4 mars", "on Tuesday 14 May"), with its article or preposition;
# so does the "on the" of a day alone ("on the 9th"). In Spanish, French and Portuguese a weekday with a day of the
# month and no month is a date too ("el sábado 21", "le samedi 12"), unless a unit or a noun follows the number.
_WEEKDAY = (
    r"(?:lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|lundi|mardi|mercredi|jeudi|vendredi|samedi"
    r"|dimanche|(?:segunda|ter[çc]a|quarta|quinta|sexta)-feira|monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday)"
)
_WEEKDAY_BEFORE = re.compile(
    rf"(?i:\b(?:(?:le|el|o|no|na|on|this|next|last|ce|este|esta|para\s+el|pour\s+le)\s+)?{_WEEKDAY}),?\s+$"
)
_LEAD_BEFORE = re.compile(r"\b(?:[Oo]n|[Bb]y|[Ss]ince|[Uu]ntil|[Tt]ill|[Ff]rom)\s+the\s+$")
# (Found from the day, which opens the pattern with a class of characters, looking back for the weekday: a search
# for the weekdays everywhere would be slow.)
_DAY_AFTER_WORD = re.compile(
    r"[0-3](?<=[^\W\d_] [0-3])(?<![^\W\d_] [0-3]\d)\d?(?:er|º)?(?![\w/.:,-]\d|[\w/-]|\s*(?:h\b|%))"
)
_WEEKDAY_END = re.compile(rf"\b(?i:{_WEEKDAY})\s$")
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")


def _weekday_day(text: str, m: re.Match) -> bool:
    """True when the day at ``m`` (1 to 31) follows a weekday and no noun follows it: "el sábado 21 y", "le samedi
    12," (not "el sábado 21 pacientes")."""
    day = int(m.group().rstrip("erº"))
    if not 1 <= day <= 31 or _WEEKDAY_END.search(text, max(0, m.start() - 15), m.start()) is None:
        return False
    word = _NEXT_WORD.match(text, m.end())
    return not word or folded(word[1]) in FUNCTION or folded(word[1]) in FOREIGN_FUNCTION


def _with_lead(text: str, start: int) -> int:
    """``start`` moved back over a weekday ("le lundi") or the "on the" that opens the date at ``start``."""
    lead = _WEEKDAY_BEFORE.search(text, max(0, start - 30), start)
    lead = lead or _LEAD_BEFORE.search(text, max(0, start - 12), start)
    return lead.start() if lead else start


def _valid_day_month(a: int, b: int) -> bool:
    return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)


def _word_before(text: str, start: int) -> bool:
    """True when a letter or a dot ends within the 30 characters before ``start``, followed only by spaces, colons
    and equals signs: every cue of ``_DATE_CUE_BEFORE`` and ``_PLAN_CUE_BEFORE`` ends so. A cheap test made
    first, as most numbers (in a list of scores, "1/1 2/2 ...") follow none."""
    tail = text[max(0, start - 30) : start].rstrip().rstrip(":=").rstrip()
    return bool(tail) and (tail[-1].isalpha() or tail[-1] == ".")


def _day_month(text: str, m: re.Match) -> bool:
    """True when a day and month alone ("4/5") is a date: after a cue, or zero-padded and not a score."""
    if not _valid_day_month(int(m[1]), int(m[2])) or not starts_word(text, m.start()):
        return False
    cue = _word_before(text, m.start())
    if cue and before(_DATE_CUE_BEFORE, text, m.start(), 30):
        return True
    day, month = int(m[1]), int(m[2])
    if month not in (7, 12, 52) or day >= month:  # not "3/12", "2/52", "5/7": a number of months, weeks, days
        if cue and before(_PLAN_CUE_BEFORE, text, m.start(), 30):
            return True
    padded = len(m[1]) == len(m[2]) == 2 and "0" in (m[1][0], m[2][0])
    standalone = text[m.start() - 1 : m.start()] not in ("/", ".", ",", "-") and not _PART_OF_NUMBER.match(
        text, m.end()
    )
    return padded and standalone and not before(_SCORE_BEFORE, text, m.start())


def _dotted(text: str, m: re.Match) -> bool:
    """True when "12.03." is a day and month: valid, a whole number, after a date cue ("dated", "on", "le")."""
    whole = starts_word(text, m.start()) and text[m.start() - 1 : m.start()] not in (".", ",")
    return whole and _valid_day_month(int(m[1]), int(m[2])) and before(_DATE_CUE_BEFORE, text, m.start(), 30)


def find_dates(text: str) -> list[Finding]:
    """Dates more precise than a year: day and month, month and year, numeric dates that are valid, cued days."""
    found = [m.span(_DATE_GROUP.get(rx, 0)) for rx in _DATES for m in rx.finditer(text) if starts_word(text, m.start())]
    for day in _DAY_THEN_WORD.finditer(text):
        if starts_word(text, day.start()):
            found += [m.span() for rx in _DAY_FIRST if (m := rx.match(text, day.start()))]
    for m in _YEAR_ALONE.finditer(text):
        month = _MONTH_BEFORE_YEAR.search(text, max(0, m.start() - 20), m.start())
        if month and starts_word(text, m.start()):
            found.append((month.start(), m.end()))
    found += [m.span() for m in _NUMERIC_DATE.finditer(text) if _valid_day_month(int(m[1]), int(m[3]))]
    found += [m.span() for m in _DAY_MONTH.finditer(text) if _day_month(text, m)]
    found += [m.span() for m in _ORDINAL_DAY.finditer(text) if before(_ORDINAL_CUE_BEFORE, text, m.start(), 45)]
    found += [m.span() for m in _DOTTED_DAY_MONTH.finditer(text) if _dotted(text, m)]
    found += [m.span() for m in _DAY_AFTER_WORD.finditer(text) if _weekday_day(text, m)]
    kept = {(s, e) for s, e in found if not before(_STREET_BEFORE, text, s, 30)}
    return [flag("date", _with_lead(text, s), e) for s, e in sorted(kept)]
