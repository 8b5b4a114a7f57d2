"""The words of a text as the name rules see them, the classes of words that are never, or only with a cue, a
person's name, and the cues after a run that make it a person's (an age, a verb of care, an appositive, "me
contó", "from Gondar came").

A token is a word of letters (apostrophes and hyphens inside): a French elision is cut off its front
("L'hôpital" -> "hôpital"), a possessive 's off its end and remembered.
"""

import re
from functools import lru_cache
from typing import NamedTuple

from journal.deid.words import (
    CLINICAL,
    COMMON,
    FIRST_NAMES,
    GIVEN_NAME_PLACES,
    HUMAN_VERBS,
    MED_SUFFIX,
    NAME_WORDS,
    NOT_PEOPLE,
    PERSON_NOUNS,
    PLACES,
    POSSESSED,
    REGIONS,
    TOWNS,
    folded,
)


class Token(NamedTuple):
    start: int
    end: int
    text: str
    possessive: bool
    low: str  # folded: lower case without accents


_WORD = re.compile(r"(?<![\w/])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w/])")
# A French elided article or pronoun glued to the next word ("L'hôpital", "d'Apgar", "J'ai"): not part of a name.
_ELISION = re.compile(r"(?i:[ldjcmnst]|qu|jusqu|lorsqu|puisqu)['’](?=[^\W\d_])")
# An English contraction ("I'm", "I've", "don't"): a function word, never a name.
CONTRACTION = re.compile(r"[^\W\d_]+['’](?i:m|ve|ll|d|re|t)")


_new_token = tuple.__new__  # builds a Token without NamedTuple's argument handling (speed: one per word)


def tokens(text: str) -> list[Token]:
    """Word tokens (no digits): an elision cut off the front, a trailing possessive 's cut off and remembered."""
    out = []
    for m in _WORD.finditer(text):
        cut, word, possessive, low = _word_parts(m.group())
        out.append(_new_token(Token, (m.start() + cut, m.end() - 2 * possessive, word, possessive, low)))
    return out


@lru_cache(maxsize=8192)
def _word_parts(word: str) -> tuple[int, str, bool, str]:
    """How a matched word becomes a token (speed: the same words come back in every note): the length of the
    elision cut off its front, the word, whether it ended in a possessive 's (cut off), and its folded form."""
    cut = 0
    if "'" in word or "’" in word:
        elided = _ELISION.match(word)
        if elided:
            cut, word = elided.end(), word[elided.end() :]
    possessive = len(word) > 2 and word[-2] in "'’" and word[-1] == "s"
    if possessive:
        word = word[:-2]
    return cut, word, possessive, folded(word)


def never(tok: Token) -> bool:
    """A word that is never (part of) a person's name on its own: clinical, a place, a people, a product."""
    low, stem = tok.low, tok.low.removesuffix("s")
    return (
        low in CLINICAL
        or ((low in PLACES or low in REGIONS) and low not in GIVEN_NAME_PLACES)
        or low in NOT_PEOPLE
        or stem in NOT_PEOPLE
        or low in COMMON
        or stem in COMMON
        or bool(MED_SUFFIX.search(low))
        or (low.endswith("es") and low[:-2] in NOT_PEOPLE)  # French plurals of peoples: "les Sérères"
        or ("-" in low and _compound(low.split("-")))
    )


# Last parts of a compound adjective ("Quechua-speaking", "Kenyan-born", "Dakar-based", "church-run"): it
# describes someone, it names no one.
_COMPOUND_ENDS = frozenset("speaking speakers speaker born based run owned led made style type like".split())


def _compound(parts: list[str]) -> bool:
    """True when a hyphenated word is no name: a double eponym ("Holliday-Segar", "Guillain-Barré"), or a compound
    adjective made on a people, a place or a product, or ending with a participle ("Quechua-speaking")."""
    return (
        all(part in CLINICAL for part in parts)
        or parts[-1] in _COMPOUND_ENDS
        or parts[0] in NOT_PEOPLE
        or (parts[0] in PLACES and parts[0] not in GIVEN_NAME_PLACES)
    )


def weak(tok: Token) -> bool:
    """A word that is a name only with a cue: a town, a given name that is also an everyday word, a country or a
    region that is also a given name ("Victoria", "Jordan")."""
    return tok.low in TOWNS or tok.low in NAME_WORDS or tok.low in GIVEN_NAME_PLACES


OF = frozenset({"of", "de", "del", "da", "do", "du", "dos", "das"})
FAMILY = frozenset({"family", "familia", "famille", "bebe", "cama"})


# After a name, a verb of care in the passive or of a patient's coming and going: "was discharged", "est
# revenue", "foi internada", "fue dada de alta", "llegó", an adverb perhaps between ("was finally discharged", "est
# enfin sortie", "foi finalmente internada"). Places, drugs and institutions were ruled out before.
_ADVERB = r"(?:(?:[^\W\d_]+(?:ly|ment|mente)|then|just|already|also|now|enfin|déjà|ya|já)\s+)?"
CARED_FOR = re.compile(
    rf"\s+(?:(?:was|is|has\s+been|had\s+been|got|will\s+be)\s+{_ADVERB}(?:re)?"
    r"(?:discharged|admitted|referred|seen|born"
    r"|reviewed|transferred|intubated|resuscitated|operated|examined|diagnosed|counselled|counseled|vaccinated"
    r"|immunised|immunized|weighed|delivered|booked|triaged|sedated|catheterised|catheterized|circumcised"
    r"|readmitted|brought|carried|rushed|taken|sent|found)\b"
    rf"|(?:est|a\s+été|était|sera)\s+{_ADVERB}(?:re)?"
    r"(?:venue?|arrivée?|sortie?|hospitalisée?|admise?|transférée?|décédée?"
    r"|née?|partie?|opérée?|accouchée?|vue?|examinée?|référée?|évacuée?|tombée?|morte?)\b"
    rf"|(?:foi|está|esteve|tinha\s+sido|será)\s+{_ADVERB}(?:re)?"
    r"(?:internad[oa]|operad[oa]|transferid[oa]|encaminhad[oa]"
    r"|atendid[oa]|vist[oa]|nascid[oa]|levad[oa]|examinad[oa]|diagnosticad[oa]|vacinad[oa]|trazid[oa]"
    r"|admitid[oa]|referid[oa])\b|(?:recebeu|teve)\s+alta\b"
    rf"|(?:fue|está|estaba|estuvo|ha\s+sido|será)\s+{_ADVERB}(?:re)?"
    r"(?:dad[oa]\s+de\s+alta|ingresad[oa]|internad[oa]"
    r"|hospitalizad[oa]|referid[oa]|trasladad[oa]|operad[oa]|atendid[oa]|vist[oa]|nacid[oa]|traíd[oa]|llevad[oa]"
    r"|examinad[oa]|diagnosticad[oa]|vacunad[oa])\b"
    r"|(?:llegó|regresó|volvió|ingresó|nació|murió|falleció|regressou|voltou|nasceu|morreu|faleceu|revient"
    r"|reviendra|arrive)\b)"
)
# After a name in Spanish, French or Portuguese, an object pronoun and a verb: "me contó", "nos trajo", "me ha
# dicho", "me disse", "lhe deu", "m'a dit", "lui a expliqué", "s'est levée", "me raconte"; or a French past of a
# verb people do ("a pleuré", "a accouché"). Places were ruled out.
TOLD_ME = re.compile(
    r"\s+(?:(?:me|te|le|les|nos|lo|la|lhe|lhes|se)\s+(?:[^\W\d_]{2,}(?:ó|ou|eu|iu)|dijo|dio|trajo|hizo|puso|vino"
    r"|quiso|disse|deu|trouxe|fez|veio|quis|decía|dizia|contaba|contava"
    r"|(?:ha|había|habia|tinha|tem)\s+[^\W\d_]+(?:ado|ido|cho|to|do))\b"
    r"|(?:[mtl]['’]\s*|(?:me|te|lui|nous|vous|leur)\s+)(?:a|avait|ont)\s+[^\W\d_]{2,}|s['’]est\s+[^\W\d_]{2,}"
    r"|(?:me|te|lui|nous|vous|leur)\s+(?:dit|demande|raconte|explique|montre|apporte|donne|appelle)\b"
    r"|(?:a|avait)\s+(?:pleuré|crié|souri|ri|dit|demandé|refusé|accouché|appelé|expliqué|vomi|toussé|dormi|mangé"
    r"|répondu|raconté|apporté|signé|prié|chanté|dansé|remercié|téléphoné|parlé)\b)"
)
# After a name, a comma and a role without an article, then a preposition or a comma: ", sage-femme au centre",
# ", enfermera del turno,", ", nurse at the clinic".
_BARE_ROLE = re.compile(
    r",\s*(?P<role>[^\W\d_]+(?:-[^\W\d_]+)*)(?=\s*,|\s+(?:de|del|du|des|da|do|dos|das|au|aux|à|a|en|em|na|no"
    r"|of|at|in|on|from|for|para|por|pour|chez|com|con|avec|dans)\s)"
)


# After a name, an age: ", 23,", " (7)", " (7 ans)", " was a 30-year-old", " tiene 8 años", " a 14 ans", ", 7 ans,",
# ", 8 meses," (not "Bukavu, 3 ans après la guerre").
AGE_AFTER = re.compile(
    r",\s*(?:aged?\s+)?\d{1,3}\s*(?:,|\)|y|years|months|(?:ans|años|anos|mois|meses)\s*[,)])"
    r"|\s*\(\d{1,3}(?:\s*(?:ans|años|anos|a|y|yo|yrs?|years?|mois|meses|months?|m))?\)"
    r"|\s+(?:is|was)\s+an?\s+\d{1,3}[- ]"
    r"|\s+(?:tiene|tenía|tem|tinha|a|avait)\s+\d{1,3}\s+(?:años|anos|ans)\b"
)

_SPACES = re.compile(r"\s+")


# English nouns of things that come "from" somewhere ("Evidence from Uganda", "Donations from Norway").
_THING = re.compile(r"(?:(?:tion|sion|ment|ence|ance|ity|ing|ness|ship|ism|ure)s?|ies|ers|als|ics)$")
# After a name, "is" and a bare number: an age ("Naledi is 14 and", "Rahim was 9,"), unless the word before is a
# measure or a thing ("Temperature is 39 and rising", checked by is_aged).
_IS_AGE = re.compile(
    r"\s+(?:is|was|turned|turns)\s+\d{1,3}(?=\s*[,;)]|\.(?!\d)|$|\s+(?:and|but|now|today|this|with|years?|yrs?"
    r"|y/?o|months?)\b)"
)


def is_aged(text: str, tok: Token) -> bool:
    """True when "is" and an age follow tok, a word that is no measure nor thing ("Naledi is 14 and pregnant")."""
    return bool(_IS_AGE.match(text, tok.end)) and tok.low not in POSSESSED and not _THING.search(tok.low)


def from_place(text: str, toks: list[Token], j: int, strict: bool = False) -> bool:
    """True when a single word is followed by "from", where the person comes from, and a person's verb, age or
    appositive: "Tsegaye from Gondar came back", "Ixchel from Sololá, 19, was", "Chikondi from Mpemba village
    turned up". For a known given name the place may be any phrase of a few words ending with a verb only people
    do, not one of coming and going, which things do too: "Pedro from the family in Puno told me", not "Rice from
    the market came". ``strict`` asks for such a verb after a capitalised place as well ("maricel from barangay
    Tatalon texted", for a word in lower case)."""
    if j + 2 >= len(toks) or toks[j + 1].low != "from" or _THING.search(toks[j].low):
        return False
    if not _SPACES.fullmatch(text, toks[j].end, toks[j + 1].start):
        return False
    given = toks[j].low in FIRST_NAMES
    place = toks[j + 2].text[0].isupper()
    if not (given or place):
        return False
    strict = strict or not place
    for k in range(j + 2, min(len(toks), j + 9)):
        end = toks[k].end
        if AGE_AFTER.match(text, end) or (not strict and CARED_FOR.match(text, end)):
            return True
        if k + 1 == len(toks) or not _SPACES.fullmatch(text, end, toks[k + 1].start):
            return False
        after = toks[k + 1]
        if after.low in PEOPLE_VERBS or (not strict and (after.low in HUMAN_VERBS or verb_after(text, toks, k))):
            return True
        if not (given or after.text[0].isupper() or after.low in _SETTLEMENT_AFTER):
            return False  # a capitalised place, perhaps with "village" after it, unless the person is a known name
    return False


# Verbs of coming, going, giving and working, which things do too ("the rice came", "the parcel arrived"): the
# other verbs of ``words.HUMAN_VERBS`` are only people's.
_THINGS_DO_TOO = frozenset(
    "came arrived returned travelled traveled sent brought gave delivered paid showed lives lived works worked "
    "vino viene llego trajo veio vem chegou trouxe vient venu venue arrive".split()
)
PEOPLE_VERBS = HUMAN_VERBS - _THINGS_DO_TOO


# Settlement nouns after a place's name, before the verb: "Chikondi from Mpemba village turned up".
_SETTLEMENT_AFTER = frozenset({"village", "compound", "township", "settlement", "camp", "area", "side"})
# Past tenses of everyday verbs that do not end in "-ed", and words in "-ed" that are no verbs.
_IRREGULAR_PAST = frozenset(
    "took went got had was made ran fell began left kept felt saw knew thought became held stood lost won wore broke "
    "spoke woke hid bit drove rode swam threw fought caught bought sought ate drank sang sat gave came told said "
    "put let set cut hit shut read met led fed bled hung sent spent lent built bent dealt meant".split()
)
_NOT_VERBS_ED = frozenset("red bed need seed speed breed bleed feed shed wed hundred indeed kindred sacred".split())


def verb_after(text: str, toks: list[Token], j: int) -> bool:
    """True when the word after toks[j], one space away and in lower case, is a verb of the past or a verb only
    people do ("Gift took", "Innocent missed", "Chikondi from Mpemba village turned up")."""
    if j + 1 >= len(toks) or toks[j].possessive:
        return False
    nxt = toks[j + 1]
    if nxt.start != toks[j].end + 1 or text[toks[j].end] != " " or not nxt.text.islower():
        return False
    return acted(nxt.low)


def acted(word: str) -> bool:
    """True when the folded word is a verb of the past or a verb only people do ("took", "missed", "smiled")."""
    return (
        word in HUMAN_VERBS
        or word in _IRREGULAR_PAST
        or (len(word) > 4 and word.endswith("ed") and word not in _NOT_VERBS_ED)
    )


# An appositive after a name: ", the ward attendant,", ", my co-intern from Ibadan,", ", l'aide-soignante,", " (the boy
# in bed 3)".
_APPOSITIVE = re.compile(
    r"(?:,|\s\()\s*(?:(?:the|my|our|his|her|their|this|that|a|an|la|le|el|o|un|una|une|um|uma|mi|ma|mon|notre|nuestra"
    r"|nuestro|nossa|nosso|minha|meu|sa|son|su|esta|este|cette|essa|esse)\s+|[lL]['’])(?P<app>[^,.;:!?()]{1,80})"
)
_APPOSITIVE_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


# Words for people that are adjectives too: "Kisumu, first of the towns," is no appositive without an article.
_NOT__BARE_ROLES = frozenset({"old", "first", "second", "smallest", "youngest", "eldest", "oldest", "twin"})


def appositive(text: str, end: int, bare: bool = True) -> bool:
    """True when the words after end are an appositive about a person (its words hold a role or relative), or, if
    ``bare``, a role without an article before a preposition or a comma (", sage-femme au centre", ", enfermera del
    turno,")."""
    m = _APPOSITIVE.match(text, end)
    if not m and not bare:
        return False
    if not m:
        bare = _BARE_ROLE.match(text, end)
        role = folded(bare["role"]) if bare else ""
        return role not in _NOT__BARE_ROLES and (role in PERSON_NOUNS or role.split("-")[-1] in PERSON_NOUNS)
    words = {folded(w) for w in _APPOSITIVE_WORD.findall(m["app"])}
    return any(w in PERSON_NOUNS or w.split("-")[-1] in PERSON_NOUNS or w.endswith("-old") for w in words)
