"""Personal names: after titles and other cues, or capitalised words that are not common words or places.

A run of capitalised words is a name when a cue says it is a person (a title, a relative, an appositive, an age,
a verb only people do, a postposed honorific); it is not when it names an institution, a place, a festival, a
people or a product. Without a cue, a run of unknown words is taken for a name, except a single word opening a
sentence, which must be a known given name. A given name that is also an everyday word or a town's is a name with a
verb after it, a verb that takes a person before it, or when the note names it as a person elsewhere
(``name_cues``). Lower-case names (``lower_names``), initials and names inside file names need a cue.
"""

import re

from journal.deid.finding import Finding, flag
from journal.deid.lower_names import lower_case
from journal.deid.name_cues import given_word, listed_person, lower_again, named_again, verb_cued
from journal.deid.name_look_alikes import look_alike
from journal.deid.name_runs import segments, titled
from journal.deid.name_shapes import file_names, initials
from journal.deid.name_tokens import (
    AGE_AFTER,
    CARED_FOR,
    FAMILY,
    OF,
    TOLD_ME,
    Token,
    appositive,
    from_place,
    is_aged,
    never,
    tokens,
    weak,
)
from journal.deid.words import (
    CLINICAL,
    COMMON,
    COMPASS,
    COUNTRIES,
    EPONYM_FOLLOW,
    FESTIVAL_AFTER,
    FINDINGS,
    FIRST_NAMES,
    FOREIGN_FUNCTION,
    FROM_PERSON,
    FUNCTION,
    GIVEN_NAME_PLACES,
    HOLY,
    HUMAN_VERBS,
    ID_LABELS,
    INSTITUTION_ACRONYMS,
    INSTITUTIONS,
    NOT_PEOPLE,
    PERSON_NOUNS,
    PLACEHOLDERS,
    POSSESSED,
    POSSESSED_OPENERS,
    POST_TITLES,
    PRODUCTS,
    REGIONS,
    RELATION,
    ROLE_TITLES,
    SAINTS,
    SKIP_BEFORE,
    TO_PERSON,
    TOWNS,
    folded,
)

# Words that make a run of capitalised words an institution's name ("Cliniques Universitaires de Kinshasa").
_IN_RUN_INSTITUTIONS = INSTITUTIONS - INSTITUTION_ACRONYMS

# Prepositions of where, after which a run is a place even when a person's verb follows it (not "from" or "to",
# which come before people too: "a call from Okello", "it belonged to Uwimana").
_PLACE_IN = frozenset({"in", "at", "near", "inside", "outside", "dans", "en", "em"})


# The gaps and signs the rules look at, compiled once (speed: they are tried on every run of a note).
_RELATION_GAP = re.compile(r",?\s+|:\s+")
_NEXT_GAP = re.compile(r"(?:['’]s)?\s+")
_TITLE_GAP = re.compile(r"\.?\s+")
_SENTENCE_SIGN = re.compile(r"[.!?:;(\"“«\n]")
_VERB_ENDING = re.compile(r"(?:ing|ed|ly)$")
_NEXT_WORD_OR_SIGN = re.compile(r"\s*([,.;:!?)]|[^\W\d_]+)")


def _cued(text: str, toks: list[Token], i: int, j: int, before: str, next_word: str, at_start: bool) -> bool:
    """True when the context says the run toks[i..j] is a person, whatever the words are."""
    seg, prev = toks[i : j + 1], toks[i - 1] if i > 0 else None
    prev2 = toks[i - 2] if i > 1 else None
    linked = bool(_SPACES.fullmatch(before))
    return bool(
        (prev and prev.low in RELATION and _RELATION_GAP.fullmatch(before))
        or (seg[-1].possessive and _possessed(text, toks, j, not all(weak(t) for t in seg)))
        or AGE_AFTER.match(text, seg[-1].end)
        or (not never(seg[-1]) and is_aged(text, seg[-1]))
        or CARED_FOR.match(text, seg[-1].end)
        or next_word in HUMAN_VERBS
        or next_word in _KIN_GROUP
        or next_word in POST_TITLES
        or (not seg[-1].possessive and appositive(text, seg[-1].end))
        or ((not all(weak(t) for t in seg) or all(map(given_word, seg))) and TOLD_ME.match(text, seg[-1].end))
        or (i == j and (not weak(seg[0]) or given_word(seg[0])) and from_place(text, toks, j))
        or (prev and prev2 and linked and prev.low == "from" and prev2.low in FROM_PERSON)
        or (prev and prev2 and linked and prev.low == "to" and prev2.low in TO_PERSON)
        or (prev and prev2 and linked and prev.low in OF and _owner(prev2, _town(seg)))
        or verb_cued(text, toks, i, j, at_start)
        or (i == j and listed_person(text, seg[0], at_start))
        or (prev and prev2 and linked and prev.text == "a" and prev2.low not in FUNCTION and _ends_clause(text, seg))
    )


def _town(seg: list[Token]) -> bool:
    """True when every word of the run is a town's name and none a given name ("Mbarara", not "Rosa")."""
    return all(t.low in TOWNS and not given_word(t) for t in seg)


def _owner(tok: Token, town: bool) -> bool:
    """True when tok is someone or something a person has, before "of"/"de"/"do": a relative or a role ("a tia do
    Délcio"), or a record when the run after is no town's name ("le dossier de Moussa Sow", not "the results of
    Mbarara")."""
    if tok.low in PERSON_NOUNS or tok.low in FAMILY or tok.low in ROLE_TITLES:
        return True
    return tok.low in POSSESSED and not town


def _possessed(text: str, toks: list[Token], j: int, not_a_town: bool) -> bool:
    """True when what follows the possessive toks[j] is something only a person has: a relative, a body part, a
    record, a test, a sample or an appointment ("Dembe's grandmother", "Chimwemwe's review", "kojo's sputum"),
    an identity label in capitals ("Nasreen's CNIC"), or one after an adjective ("national ID", "birth
    certificate") when the possessor is not a town as well."""
    words = []  # the two words after the possessive, if only spaces come between
    for a, b in zip(toks[j : j + 2], toks[j + 1 : j + 3], strict=False):
        if not _SPACES.fullmatch(text, a.end + (2 if a.possessive else 0), b.start):
            break
        words.append(b)
    if not words:
        return False
    first = words[0]
    if first.low in POSSESSED or (first.text.isupper() and first.low in ID_LABELS):
        return True
    if len(words) > 1 and (first.text.isupper() or (not_a_town and first.low in POSSESSED_OPENERS)):
        second = words[1]
        return second.low in POSSESSED or (second.text.isupper() and second.low in ID_LABELS)
    return False


_SPACES = re.compile(r"\s+")


# A title of the Virgin before a run: "Nossa Senhora da Conceição", "Nuestra Señora de", "Our Lady of".
_OUR_LADY = re.compile(
    r"\b(?:Our Lady|Nossa Senhora|Nuestra Señora|Notre[- ]Dame)(?:\s+(?:of|da|de|do|del|des|la))*\s+$"
)
# The words such a title ends with, before the run (speed: the pattern is searched only after one of them).
_OUR_LADY_ENDS = frozenset("lady senhora senora notre-dame dame of da de do del des la".split())
# After a surname, the group it names: "the Mwale family", "the Tembo twins".
_KIN_GROUP = frozenset({"family", "twins", "triplets", "brothers", "sisters", "household", "familia", "famille"})


def _ends_clause(text: str, seg: list[Token]) -> bool:
    """True when punctuation or a Spanish, French or Portuguese function word follows the run ("a Amaru, un")."""
    m = _NEXT_WORD_OR_SIGN.match(text, seg[-1].end)
    return bool(m) and (not m[1][0].isalpha() or folded(m[1]) in FOREIGN_FUNCTION)


def _place(seg: list[Token]) -> bool:
    """True when the run is a town, a country or a region (one that is not also a given name), or a saint's place
    ("San Juan de Lurigancho", "São Tomé")."""
    phrase = " ".join(t.low for t in seg)
    first = seg[0].low
    return (
        ((phrase in REGIONS or phrase in COUNTRIES) and phrase not in GIVEN_NAME_PLACES)
        or (len(seg) > 1 and phrase in TOWNS)
        or any(t.low in SAINTS for t in seg[:-1])
        or first.split("-")[0] in SAINTS
        or (len(seg) > 1 and first in NOT_PEOPLE)
        or (len(seg) > 1 and first in COMPASS and all(never(t) or t.low in TOWNS for t in seg[1:]))
    )


def _placeholder_letter(text: str, names: list[Token]) -> bool:
    """True when the name after a title is one capital letter without a dot: a placeholder ("Mr A", "Patient X"),
    where an initial has its dot ("Mr T.", "Mrs K.")."""
    last = names[-1]
    return len(names) == 1 and len(last.text) == 1 and not text.startswith(".", last.end)


def _name_span(text: str, toks: list[Token], i: int, j: int) -> tuple[int, int] | None:
    """Decide whether the run toks[i..j] is a person's name; return its span or None.

    In order: institutions are never names, nor a capital letter without a dot ("patient B"); a title makes a
    name; places, peoples, festivals and products are not; a cue makes a name even of a town; known words are not
    names; after a place preposition or before an eponym's noun it is not; otherwise two or more unknown words, one
    that does not open a sentence, or a known given name that opens one, are taken for a name.
    """
    seg = toks[i : j + 1]
    prev = toks[i - 1] if i > 0 else None
    prev2 = toks[i - 2] if i > 1 else None
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    before = text[prev.end : seg[0].start] if prev else text[: seg[0].start]
    next_word = nxt.low if nxt and _NEXT_GAP.fullmatch(text, seg[-1].end, nxt.start) else ""
    if (
        any(t.low in _IN_RUN_INSTITUTIONS for t in seg)
        or next_word in FESTIVAL_AFTER
        or (prev and prev.low in INSTITUTIONS and _TITLE_GAP.fullmatch(before))
        or (prev and prev2 and titled(prev, before) and prev2.low in INSTITUTIONS)
        or (next_word in INSTITUTIONS and (not seg[-1].possessive or seg[-1].low in COMMON))
    ):
        return None  # an institution, street or eponym: "Kenyatta National Hospital", "CHU Sylvanus Olympio"
    if prev and prev.low in _OUR_LADY_ENDS and _OUR_LADY.search(text, max(0, seg[0].start - 30), seg[0].start):
        return None  # a title of the Virgin: "Nossa Senhora da Conceição", "Our Lady of Lourdes"
    if len(seg) == 1 and len(seg[0].text) == 1 and not titled(prev, before) and not text.startswith(".", seg[0].end):
        return None  # a letter without a dot names no one: "patient B", "bed A"
    if titled(prev, before):
        names = [t for t in seg if t.low not in CLINICAL and t.low not in HOLY and t.low not in PLACEHOLDERS]
        if not names or names[-1].low in PRODUCTS or _placeholder_letter(text, names):
            return None  # "Dr Google", "Mrs Y", "Mr A and Mrs B" (a letter without a dot)
        return names[0].start, names[-1].end
    if _place(seg) or all(never(t) for t in seg):
        if not (len(seg) == 1 and seg[0].low in PRODUCTS and appositive(text, seg[0].end)):
            return None  # a product's name is a person's with a role after it: "Fanta, the night nurse,"
    if prev and prev.low in _PLACE_IN and before.isspace() and not seg[-1].possessive:
        return None  # "the GP in Mbarara emailed me": the verb is the GP's, the run is where
    at_start = not prev or bool(_SENTENCE_SIGN.search(before))
    if _cued(text, toks, i, j, before, next_word, at_start):
        return seg[0].start, seg[-1].end
    if all(never(t) or weak(t) for t in seg):
        return None
    if (prev and prev.low in SKIP_BEFORE and before.isspace()) or _eponym_noun(seg[-1], next_word):
        return None  # "in Pokhara", "on Coartem", "Kernig sign", "Osler's nodes"
    if next_word in FINDINGS and not _FINDING_FOR.match(text, nxt.end):
        return None  # "Chvostek absent", "Murphy positivo": a sign, not "Juma positive for HIV"
    single = len(seg) == 1
    if at_start and len(seg) > 1 and (never(seg[0]) or _VERB_ENDING.search(seg[0].text)):
        seg, at_start = seg[1:], False
    if len(seg) > 1 or (not at_start and not never(seg[0]) and len(seg[0].text) > 1):
        return seg[0].start, seg[-1].end
    if single and at_start and seg[0].low in FIRST_NAMES and len(seg[0].text) > 2 and seg[0].text[-1] != "ó":
        return seg[0].start, seg[0].end  # a known given name opening a sentence: "Tunde texted"
    return None


# Nouns that follow an eponym and name something, not a part or a lesion of someone: after a possessive, only
# these make the run an eponym ("Osler's sign"), where "Juma's fracture" is a patient's.
_NAMING_NOUNS = frozenset(
    "sign signs syndrome disease score scale criteria test reflex classification manoeuvre maneuver triad phenomenon "
    "law rule equation index staging grading method technique formula position approach incision stain curve".split()
)


def _eponym_noun(last: Token, next_word: str) -> bool:
    """True when the word after the run is a noun that follows eponyms ("Kernig sign", "Wilms tumour"); after a
    possessive only one that names something ("Osler's sign", not "Juma's fracture")."""
    noun = next_word.removesuffix("s")
    return noun in EPONYM_FOLLOW and (not last.possessive or next_word in _NAMING_NOUNS)


# After a finding ("positive"), what makes its subject a person: "Juma positive for HIV", "Rosa positiva para".
_FINDING_FOR = re.compile(r"\s+(?:for|para|pour|à|au|ao|a|on|with|con|com|avec)\b")


def find_names(text: str) -> list[Finding]:
    """Personal names: after titles and other cues, or capitalised words that are not common words or places."""
    toks = tokens(text)
    spans, unflagged = [], []
    for i, j in segments(text, toks):
        span = _name_span(text, toks, i, j)
        if span and not look_alike(text, toks, i, j):
            spans.append(span)
        elif i == j:
            unflagged.append((i, j))
    spans += named_again(text, toks, unflagged, spans)
    spans += initials(text, toks) + lower_case(text, toks)
    spans += lower_again(text, toks, spans)
    named = {folded(text[s:e]) for s, e in spans}
    spans += file_names(text, named)
    return [flag("name", s, e) for s, e in _outermost(spans)]


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans not inside another ("J" inside the initials "J.M."), sorted, without repeats."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda span: (span[0], -span[1])):
        if not out or end > out[-1][1]:
            out.append((start, end))
    return out
