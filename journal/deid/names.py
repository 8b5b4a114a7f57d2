"""Personal names: after titles and other cues, or capitalised words that are not common words or places.

A run of capitalised words is a name when a cue says it is a person (a title, a relative, an appositive, an age,
a verb only people do, a postposed honorific); it is not when it names an institution, a place, a festival, a
people or a product. Without a cue, a run of unknown words is taken for a name, except a single word opening a
sentence, which must be a known given name. Lower-case names, initials and names inside file names need a cue.
"""

import re
from typing import NamedTuple

from journal.deid.finding import Finding, flag
from journal.deid.words import (
    ABBREVIATIONS,
    BLOCK,
    CALENDAR,
    CLINICAL,
    COMMON,
    DETERMINERS,
    EPONYM_FOLLOW,
    FIRST_NAMES,
    FOREIGN_FUNCTION,
    FROM_PERSON,
    FUNCTION,
    HOLY,
    HUMAN_VERBS,
    INSTITUTIONS,
    MED_SUFFIX,
    NAME_WORDS,
    NOT_PEOPLE,
    PARTICLES,
    PERSON_NOUNS,
    PLACEHOLDERS,
    PLACES,
    POSSESSED,
    POST_TITLES,
    REGIONS,
    RELATION,
    ROLE_TITLES,
    SAINTS,
    SKIP_BEFORE,
    TITLES,
    TO_PERSON,
    TOWNS,
    folded,
)


class _Token(NamedTuple):
    start: int
    end: int
    text: str
    possessive: bool
    low: str  # folded: lower case without accents


_WORD = re.compile(r"(?<![\w/])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w/])")
# A French elided article or pronoun glued to the next word ("L'hôpital", "d'Apgar", "J'ai"): not part of a name.
_ELISION = re.compile(r"(?i:[ldjcmnst]|qu|jusqu|lorsqu|puisqu)['’](?=[^\W\d_])")
# An English contraction ("I'm", "I've", "don't"): a function word, never a name.
_CONTRACTION = re.compile(r"[^\W\d_]+['’](?i:m|ve|ll|d|re|t)")


def _tokens(text: str) -> list[_Token]:
    """Word tokens (no digits): an elision cut off the front, a trailing possessive 's cut off and remembered."""
    out = []
    for m in _WORD.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        elided = _ELISION.match(word)
        if elided:
            word, start = word[elided.end() :], start + elided.end()
        possessive = len(word) > 2 and word[-2] in "'’" and word[-1] == "s"
        if possessive:
            word, end = word[:-2], end - 2
        out.append(_Token(start, end, word, possessive, folded(word)))
    return out


_BREAKERS = FUNCTION | FOREIGN_FUNCTION | CALENDAR | {w + "s" for w in CALENDAR}


def _is_part_of_run(tok: _Token) -> bool:
    """Capitalised, not an acronym, and not a function word, number, month, weekday, title or contraction."""
    word = tok.text
    return (
        word[0].isupper()
        and not (len(word) > 1 and word.removesuffix("s").isupper())
        and tok.low not in _BREAKERS
        and word not in TITLES
        and not _CONTRACTION.fullmatch(word)
    )


def _never(tok: _Token) -> bool:
    """A word that is never (part of) a person's name on its own: clinical, a place, a people, a product."""
    low, stem = tok.low, tok.low.removesuffix("s")
    return (
        low in CLINICAL
        or low in PLACES
        or low in REGIONS
        or low in NOT_PEOPLE
        or stem in NOT_PEOPLE
        or low in COMMON
        or stem in COMMON
        or bool(MED_SUFFIX.search(low))
    )


def _weak(tok: _Token) -> bool:
    """A word that is a name only with a cue: a town, or a given name that is also an everyday word."""
    return tok.low in TOWNS or tok.low in NAME_WORDS


def _joined(text: str, a: _Token, b: _Token) -> bool:
    """True when b continues a's name: only a space between, or a is an initial ("J. Mwangi")."""
    gap = text[a.end : b.start]
    return not a.possessive and (gap == " " or (len(a.text) == 1 and gap == ". "))


def _segments(text: str, toks: list[_Token]):
    """Yield (first, last) indexes of runs of capitalised words, joined by spaces and particles ("de la")."""
    i = 0
    while i < len(toks):
        if not _is_part_of_run(toks[i]):
            i += 1
            continue
        j = i
        while True:
            k = j + 1
            while k < len(toks) and toks[k].text.lower() in PARTICLES and _joined(text, toks[k - 1], toks[k]):
                k += 1
            if k < len(toks) and _joined(text, toks[k - 1], toks[k]) and _is_part_of_run(toks[k]):
                j = k
            else:
                break
        yield i, j
        i = j + 1


_AGE_AFTER = re.compile(
    r",\s*(?:aged?\s+)?\d{1,3}\s*(?:,|\)|y|years)|\s*\(\d{1,3}\)|\s+(?:is|was)\s+an?\s+\d{1,3}[- ]"
    r"|\s+(?:tiene|tenía|tem|tinha|a|avait)\s+\d{1,3}\s+(?:años|anos|ans)\b"
)
# An appositive after a name: ", the ward attendant,", ", my co-intern from Ibadan,", ", l'aide-soignante,".
_APPOSITIVE = re.compile(
    r",\s*(?:(?:the|my|our|his|her|their|this|that|a|an|la|le|el|o|un|una|une|um|uma|mi|ma|mon|notre|nuestra"
    r"|nuestro|nossa|nosso|minha|meu|sa|son|su|esta|este|cette|essa|esse)\s+|[lL]['’])(?P<app>[^,.;:!?()]{1,80})"
)
_APPOSITIVE_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _appositive(text: str, end: int) -> bool:
    """True when the words after end are an appositive about a person (its words hold a role or relative)."""
    m = _APPOSITIVE.match(text, end)
    if not m:
        return False
    words = {folded(w) for w in _APPOSITIVE_WORD.findall(m["app"])}
    return any(w in PERSON_NOUNS or w.split("-")[-1] in PERSON_NOUNS or w.endswith("-old") for w in words)


def _titled(prev: _Token | None, before: str) -> bool:
    """True when prev is a title or a role written before a name ("Dr", "Mama", "enfermeira")."""
    return bool(prev) and (prev.text in TITLES or prev.low in ROLE_TITLES) and bool(re.fullmatch(r"\.?\s+", before))


def _cued(text: str, toks: list[_Token], i: int, j: int, before: str, next_word: str) -> bool:
    """True when the context says the run toks[i..j] is a person, whatever the words are."""
    seg, prev = toks[i : j + 1], toks[i - 1] if i > 0 else None
    prev2 = toks[i - 2] if i > 1 else None
    linked = bool(re.fullmatch(r"\s+", before))
    return bool(
        (prev and prev.low in RELATION and re.fullmatch(r",?\s+|:\s+", before))
        or (seg[-1].possessive and next_word in POSSESSED)
        or _AGE_AFTER.match(text, seg[-1].end)
        or next_word in HUMAN_VERBS
        or next_word in _KIN_GROUP
        or next_word in POST_TITLES
        or (not seg[-1].possessive and _appositive(text, seg[-1].end))
        or (prev and prev2 and linked and prev.low == "from" and prev2.low in FROM_PERSON)
        or (prev and prev2 and linked and prev.low == "to" and prev2.low in TO_PERSON)
        or (prev and prev2 and linked and prev.low in _OF and (prev2.low in PERSON_NOUNS or prev2.low in _FAMILY))
        or (prev and prev2 and linked and prev.text == "a" and prev2.low not in FUNCTION and _ends_clause(text, seg))
    )


# A title of the Virgin before a run: "Nossa Senhora da Conceição", "Nuestra Señora de", "Our Lady of".
_OUR_LADY = re.compile(
    r"\b(?:Our Lady|Nossa Senhora|Nuestra Señora|Notre[- ]Dame)(?:\s+(?:of|da|de|do|del|des|la))*\s+$"
)
# After a surname, the group it names: "the Mwale family", "the Tembo twins".
_KIN_GROUP = frozenset({"family", "twins", "triplets", "brothers", "sisters", "household", "familia", "famille"})
_OF = frozenset({"of", "de", "del", "da", "do", "du", "dos", "das"})
_FAMILY = frozenset({"family", "familia", "famille", "bebe", "cama"})


def _ends_clause(text: str, seg: list[_Token]) -> bool:
    """True when punctuation or a Spanish, French or Portuguese function word follows the run ("a Amaru, un")."""
    m = re.match(r"\s*([,.;:!?)]|[^\W\d_]+)", text[seg[-1].end :])
    return bool(m) and (not m[1][0].isalpha() or folded(m[1]) in FOREIGN_FUNCTION)


def _place(seg: list[_Token]) -> bool:
    """True when the run is a town, a region or a saint's place ("San Juan de Lurigancho", "São Tomé")."""
    phrase = " ".join(t.low for t in seg)
    first = seg[0].low
    return (
        phrase in REGIONS
        or (len(seg) > 1 and phrase in TOWNS)
        or any(t.low in SAINTS for t in seg[:-1])
        or first.split("-")[0] in SAINTS
        or (len(seg) > 1 and first in NOT_PEOPLE)
    )


def _name_span(text: str, toks: list[_Token], i: int, j: int) -> tuple[int, int] | None:
    """Decide whether the run toks[i..j] is a person's name; return its span or None.

    In order: institutions are never names; a title makes a name; places, peoples, festivals and products are
    not; a cue makes a name even of a town; known words are not names; after a place preposition or before an
    eponym's noun it is not; otherwise two or more unknown words, one that does not open a sentence, or a known
    given name that opens one, are taken for a name.
    """
    seg = toks[i : j + 1]
    prev = toks[i - 1] if i > 0 else None
    prev2 = toks[i - 2] if i > 1 else None
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    before = text[prev.end : seg[0].start] if prev else text[: seg[0].start]
    next_word = nxt.low if nxt and re.fullmatch(r"(?:['’]s)?\s+", text[seg[-1].end : nxt.start]) else ""
    if seg[-1].possessive and nxt and nxt.text.isupper() and j + 2 < len(toks):
        next_word = next_word if next_word in POSSESSED else toks[j + 2].low  # "Zawadi's CTC card"
    if (
        any(t.low in BLOCK for t in seg)
        or (prev and prev.low in INSTITUTIONS and re.fullmatch(r"\.?\s+", before))
        or (prev and prev2 and _titled(prev, before) and prev2.low in INSTITUTIONS)
        or (next_word in INSTITUTIONS and (not seg[-1].possessive or seg[-1].low in COMMON))
    ):
        return None  # an institution, street or eponym: "Kenyatta National Hospital", "CHU Sylvanus Olympio"
    if _OUR_LADY.search(text, max(0, seg[0].start - 30), seg[0].start):
        return None  # a title of the Virgin: "Nossa Senhora da Conceição", "Our Lady of Lourdes"
    if _titled(prev, before):
        names = [t for t in seg if t.low not in CLINICAL and t.low not in HOLY and t.low not in PLACEHOLDERS]
        return (names[0].start, names[-1].end) if names else None
    if _place(seg) or all(_never(t) for t in seg):
        return None
    if _cued(text, toks, i, j, before, next_word):
        return seg[0].start, seg[-1].end
    if all(_never(t) or _weak(t) for t in seg):
        return None
    if (prev and prev.low in SKIP_BEFORE and before.isspace()) or next_word in EPONYM_FOLLOW:
        return None  # "in Pokhara", "on Coartem", "Kernig sign"
    at_start = not prev or bool(re.search(r"[.!?:;(\"“«\n]", before))
    single = len(seg) == 1
    if at_start and len(seg) > 1 and (_never(seg[0]) or re.search(r"(?:ing|ed|ly)$", seg[0].text)):
        seg, at_start = seg[1:], False
    if len(seg) > 1 or (not at_start and not _never(seg[0]) and len(seg[0].text) > 1):
        return seg[0].start, seg[-1].end
    if single and at_start and seg[0].low in FIRST_NAMES and len(seg[0].text) > 2 and seg[0].text[-1] != "ó":
        return seg[0].start, seg[0].end  # a known given name opening a sentence: "Tunde texted"
    return None


# Initials standing for a name ("Patient J.M.,", "Baby girl of A.O."), not followed by a number ("B.P. 90/60").
_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,3}(?![\w.])(?!\s*[:=]?\s*\d)")


def _initials(text: str, toks: list[_Token]) -> list[tuple[int, int]]:
    """Dotted initials that are not an abbreviation nor the start of an institution ("B.P. Koirala Institute")."""
    spans = []
    for m in _INITIALS.finditer(text):
        if folded(m.group().replace(".", "")) in ABBREVIATIONS:
            continue
        after = [t for t in toks if t.start >= m.end()][:4]
        if any(t.low in INSTITUTIONS for t in after if t.text[0].isupper()):
            continue
        spans.append((m.start(), m.end()))
    return spans


def _plain(tok: _Token) -> bool:
    """A lower-case word that could be a name typed in a hurry: not a common, clinical or function word."""
    low = tok.low
    return (
        tok.text.islower()
        and len(low) > 2
        and low not in FUNCTION
        and low not in FOREIGN_FUNCTION
        and low not in CALENDAR
        and not _never(tok)
        and low not in NAME_WORDS
        and low not in PERSON_NOUNS
        and low not in BLOCK
    )


# After a lower-case given name, a bed: "o joão da cama 4", "la rosa de la cama 2", "baby in bed 6".
_BED_AFTER = re.compile(r"\s+(?:da|de la|del|du|in|from|en la|na|no|au)\s+(?:cama|bed|lit|leito)\b")
# A lower-case title before a lower-case name: "mama njeri", "dr mensah".
_LOWER_TITLES = frozenset({"mr", "mrs", "ms", "dr", "mama", "bibi", "mzee", "don", "dona", "doña", "sr", "sra", "mme"})


def _lower_case(text: str, toks: list[_Token]) -> list[tuple[int, int]]:
    """Names typed in lower case, with a cue: "wanjiru's mum", "la abuela de josefina", "o joão da cama 4"."""
    spans = []
    for i, tok in enumerate(toks):
        if not _plain(tok):
            continue
        prev = toks[i - 1] if i > 0 else None
        prev2 = toks[i - 2] if i > 1 else None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        given = tok.low in FIRST_NAMES
        if (
            (tok.possessive and nxt and nxt.start == tok.end + 3 and nxt.low in POSSESSED and not _det(prev, tok))
            or (given and prev and prev2 and prev.low in _OF and (prev2.low in PERSON_NOUNS or prev2.low in _FAMILY))
            or (given and _BED_AFTER.match(text, tok.end))
            or (given and prev and prev.text in _LOWER_TITLES and text[prev.end : tok.start] in (" ", ". "))
        ):
            spans.append((tok.start, tok.end))
    return spans


def _det(prev: _Token | None, tok: _Token) -> bool:
    """True when prev is a determiner or adjective right before tok ("the fisherman's son")."""
    return bool(prev) and prev.low in DETERMINERS and tok.start - prev.end <= 2


# A file name: "pie_diabetico_rosario.jpg", "bishnu_cxr_03.png".
_FILE = re.compile(
    r"(?<![\w.])[\w-]+\.(?i:jpe?g|png|gif|heic|webp|tiff?|bmp|pdf|docx?|xlsx?|pptx?|csv|txt|mp4|mov|avi|mp3|m4a"
    r"|ogg|opus|wav|dcm)\b"
)
_FILE_PART = re.compile(r"[^\W\d_]+")


def _file_names(text: str, named: set[str]) -> list[tuple[int, int]]:
    """Parts of file names that are given names, or words named as people elsewhere in the text."""
    spans = []
    for m in _FILE.finditer(text):
        stem = m.group().rsplit(".", 1)[0]
        for part in _FILE_PART.finditer(stem):
            low = folded(part.group())
            given = low in FIRST_NAMES and len(low) > 2 and low not in COMMON and low not in CLINICAL
            if (given and low not in FUNCTION and low not in FOREIGN_FUNCTION) or low in named:
                spans.append((m.start() + part.start(), m.start() + part.end()))
    return spans


def find_names(text: str) -> list[Finding]:
    """Personal names: after titles and other cues, or capitalised words that are not common words or places."""
    toks = _tokens(text)
    spans = [s for s in (_name_span(text, toks, i, j) for i, j in _segments(text, toks)) if s]
    spans += _initials(text, toks) + _lower_case(text, toks)
    named = {folded(text[s:e]) for s, e in spans}
    spans += _file_names(text, named)
    return [flag("name", s, e) for s, e in sorted(set(spans))]
