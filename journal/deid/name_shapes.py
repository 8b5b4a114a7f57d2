"""Names not written as capitalised words: initials ("K.W."), names typed in lower case after a cue
("wanjiru's mum", "la madre de gabriela", "o joão da cama 4"), and given names inside file names
("ulcer_marcos_day3.jpg").
"""

import re
from bisect import bisect_left

from journal.deid.name_tokens import CARED_FOR, FAMILY, OF, Token, never
from journal.deid.text import LETTERS, WORD_BEFORE
from journal.deid.words import (
    ABBREVIATIONS,
    BLOCK,
    CALENDAR,
    CLINICAL,
    COMMON,
    DETERMINERS,
    FIRST_NAMES,
    FOREIGN_FUNCTION,
    FUNCTION,
    HUMAN_VERBS,
    INSTITUTIONS,
    MYANMAR_NAMES,
    NAME_WORDS,
    PERSON_NOUNS,
    POSSESSED,
    ROLE_TITLES,
    TITLES,
    folded,
)

# Initials standing for a name ("Patient J.M.,", "Baby girl of A.O."), not followed by a number ("B.P. 90/60"),
# and not inside a word (checked apart: speed, a pattern that opens with a class of letters is searched faster).
_INITIALS = re.compile(r"[A-Z]\.[A-Z]\.(?:[A-Z]\.)?(?![\w.])(?!\s*[:=]?\s*\d)")
_INSIDE_WORD = re.compile(r"[\w.]")
# Eras written after a year, in the calendars of placement countries: Anno Domini and Before Christ, the Common Era,
# the Hijri years (Anno Hegirae, before the Hijra, Solar Hijri, Anno Persico), the Nepali Bikram (Vikram) Sambat
# and Nepal Sambat, the Ethiopian calendar (E.C.) and the Buddhist Era: "12 Baisakh 2081 B.S.", "1445 A.H.".
_ERAS = frozenset("ad bc ce bce ah bh sh ap bs vs ns ec be".split())
_YEAR_BEFORE = re.compile(r"(?<![\w.,])\d{1,4}\s+$")


def initials(text: str, toks: list[Token]) -> list[tuple[int, int]]:
    """Dotted initials that are not an abbreviation nor the start of an institution ("B.P. Koirala Institute").
    After a person cue ("A paciente M.S.F.", "Mrs A.B.") they are initials even when they spell an acronym."""
    spans = []
    for m in _INITIALS.finditer(text):
        if m.start() and _INSIDE_WORD.match(text, m.start() - 1):
            continue
        letters = folded(m.group().replace(".", ""))
        if letters in ABBREVIATIONS and not _person_before(text, m.start()):
            continue
        if letters in _ERAS and _YEAR_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue  # an era after a year: "2081 B.S.", "1445 A.H."
        after = _tokens_from(toks, m.end(), 4)
        if any(t.low in INSTITUTIONS for t in after if t.text[0].isupper()):
            continue
        spans.append((m.start(), m.end()))
    for m in _SPACED_INITIALS.finditer(text):
        start = m.start() - 1  # the first initial, before the first dot
        if start < 0 or not ("A" <= text[start] <= "Z") or (start and _INSIDE_WORD.match(text, start - 1)):
            continue
        letters = folded(text[start : m.end()].replace(".", "").replace(" ", ""))
        if _person_after(text, toks, m.end()) and (letters not in ABBREVIATIONS or _person_before(text, start)):
            spans.append((start, m.end()))
    return spans


# Initials with a space between them ("E. N.", "A. B. C."), from the first dot on (speed: the search starts at a
# dot): a name only with an age or a person's verb after them.
_SPACED_INITIALS = re.compile(r"\.(?: [A-Z]\.){1,2}(?![\w.])")
_AGE_OR_BE = re.compile(r",\s*(?:aged?\s+)?\d{1,3}\b(?![.,/:]\d)|\s*\(\d{1,3}\)|\s+(?:is|was|has|had)\b")


def _tokens_from(toks: list[Token], start: int, count: int) -> list[Token]:
    """The first ``count`` tokens that start at or after ``start`` (tokens are in text order)."""
    at = bisect_left(toks, start, key=lambda t: t.start)
    return toks[at : at + count]


def _person_after(text: str, toks: list[Token], end: int) -> bool:
    """True when an age, "is/was/has/had", a person's verb or a verb of care follows end ("E. N., 14," "E. N.
    came")."""
    if _AGE_OR_BE.match(text, end) or CARED_FOR.match(text, end):
        return True
    after = _tokens_from(toks, end, 1)
    return bool(after) and after[0].low in HUMAN_VERBS and text[end : after[0].start].isspace()


_TITLE_WORDS = frozenset(folded(t) for t in TITLES) | ROLE_TITLES


def _person_before(text: str, start: int) -> bool:
    """True when a title, a role or a word for a person comes right before start ("paciente", "Mrs", "mother")."""
    m = WORD_BEFORE.search(text, max(0, start - 30), start)
    return bool(m) and (folded(m[1]) in _TITLE_WORDS or folded(m[1]) in PERSON_NOUNS)


# Words that are never a lower-case name, in one set (speed: most words of a note are one of them).
_NOT_PLAIN = FUNCTION | FOREIGN_FUNCTION | CALENDAR | NAME_WORDS | PERSON_NOUNS | BLOCK | COMMON | CLINICAL


def _plain(tok: Token) -> bool:
    """A lower-case word that could be a name typed in a hurry: not a common, clinical or function word."""
    return tok.low not in _NOT_PLAIN and len(tok.low) > 2 and tok.text.islower() and not never(tok)


# After a lower-case given name, a bed: "o joão da cama 4", "la rosa de la cama 2", "baby in bed 6".
_BED_AFTER = re.compile(r"\s+(?:da|de la|del|du|in|from|en la|na|no|au)\s+(?:cama|bed|lit|leito)\b")
# A word for a small person before a lower-case given name: "little baraka", "la petite awa", "o pequeno joão".
_SMALL = frozenset(
    {
        "little",
        "young",
        "petite",
        "petit",
        "pequena",
        "pequeno",
        "pequeña",
        "pequeño",
        "pequenina",
        "pequenino",
        "bebe",
        "bebé",
        "bebê",
        "bébé",
        "menino",
        "menina",
        "nino",
        "niño",
        "nina",
        "niña",
        "garcon",
        "garçon",
    }
)
# Words before "little" that make it a quantity or an adjective of a thing: "a little", "too little", "the little".
_NOT_SMALL_PERSON = frozenset({"a", "very", "too", "so", "quite", "how", "as", "un", "une", "um", "uma", "muy", "tan"})
# After a lower-case word, a relative pronoun only people take: "with rutendo, who is eleven", "a lucho, quien".
_WHO_AFTER = re.compile(r",\s+(?:who|whom|quien|quienes)\b")
# A title, typed in lower case or not, before a lower-case name: "mama njeri", "dr mensah", "Dona maria".
_LOWER_TITLES = frozenset({"mr", "mrs", "ms", "dr", "mama", "bibi", "mzee", "don", "dona", "sr", "sra", "mme"})
# Myanmar titles ("u hla", "daw khin", "ko aung"): "u" and "ko" are everyday words too, so only a Myanmar name's
# syllable after them makes a name.
_MYANMAR_TITLES = frozenset({"u", "daw", "ko", "maung", "naw", "ma"})


def lower_case(text: str, toks: list[Token]) -> list[tuple[int, int]]:
    """Names typed in lower case, with a cue: "wanjiru's mum", "la abuela de josefina", "o joão da cama 4"."""
    spans = []
    for i, tok in enumerate(toks):
        if tok.low in _NOT_PLAIN or not tok.text.islower() or not _plain(tok):
            continue  # the first two tests are _plain's, inline (speed: most words of a note fail them)
        prev = toks[i - 1] if i > 0 else None
        prev2 = toks[i - 2] if i > 1 else None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        given = tok.low in FIRST_NAMES
        if (
            (tok.possessive and nxt and nxt.start == tok.end + 3 and nxt.low in POSSESSED and not _det(prev, tok))
            or (given and prev and prev2 and prev.low in OF and _owner_of(prev2))
            or (given and _BED_AFTER.match(text, tok.end))
            or (given and prev and prev.low in _SMALL and not (prev2 and prev2.low in _NOT_SMALL_PERSON))
            or (_after_verb_or_preposition(prev, tok) and _WHO_AFTER.match(text, tok.end) and not tok.possessive)
            or (given and prev and prev.low in _LOWER_TITLES and text[prev.end : tok.start] in (" ", ". "))
            or (prev and prev.low in _MYANMAR_TITLES and tok.low in MYANMAR_NAMES and tok.start - prev.end == 1)
        ):
            spans.append((tok.start, tok.end))
        elif nxt and (given or nxt.possessive) and _clause_start(text, prev, tok) and _name_pair(text, toks, i):
            spans.append((tok.start, nxt.end))
    return spans


def _clause_start(text: str, prev: Token | None, tok: Token) -> bool:
    """True when tok opens the text or a sentence or clause (only punctuation and spaces before it)."""
    return not prev or any(c in ".!?;:\n" for c in text[prev.end : tok.start])


def _name_pair(text: str, toks: list[Token], i: int) -> bool:
    """True when toks[i] and the next word are a given name and a surname typed in lower case at a clause start,
    with a cue after them: a possessive before a record, a person's verb, a verb of care or an age ("sia kamara
    came back", "kunda mwelwa's scan"). The possessive alone will do when the first word is not a given name."""
    tok, nxt = toks[i], toks[i + 1]
    if tok.low in _TITLE_WORDS or not _plain(nxt) or text[tok.end : nxt.start] != " " or tok.possessive:
        return False
    if nxt.low in HUMAN_VERBS or _VERB_ENDING.search(tok.low) or _VERB_ENDING.search(nxt.low):
        return False
    after = toks[i + 2] if i + 2 < len(toks) else None
    if nxt.possessive:
        return bool(after) and after.low in POSSESSED and after.start == nxt.end + 3
    return tok.low in FIRST_NAMES and (
        bool(after and after.low in HUMAN_VERBS and text[nxt.end : after.start] == " ")
        or bool(CARED_FOR.match(text, nxt.end) or _AGE_COMMA.match(text, nxt.end))
    )


# Endings of English verbs and adverbs, never of the lower-case names the pair rule looks for.
_VERB_ENDING = re.compile(r"(?:ed|ing|ly)$")
_AGE_COMMA = re.compile(r",\s*\d{1,3}\s*[,)]|,\s*\d{1,3}\s*(?:y|years|ans|años|anos)\b")


def _owner_of(tok: Token) -> bool:
    """True when tok is something a person has, before "de"/"da"/"du": a relative, a record, a wound, a bed."""
    return tok.low in PERSON_NOUNS or tok.low in FAMILY or tok.low in POSSESSED


def _after_verb_or_preposition(prev: Token | None, tok: Token) -> bool:
    """True when a function word that is no determiner comes right before tok ("with rutendo", "told amina")."""
    return bool(prev) and prev.low in FUNCTION and not _det(prev, tok) and tok.start - prev.end == 1


def _det(prev: Token | None, tok: Token) -> bool:
    """True when prev is a determiner or adjective right before tok ("the fisherman's son")."""
    return bool(prev) and prev.low in DETERMINERS and tok.start - prev.end <= 2


# A file name: "pie_diabetico_rosario.jpg", "bishnu_cxr_03.png".
# The extension is searched first (speed: a pattern that opens with a dot is searched fast), the stem before it.
_FILE_EXTENSION = re.compile(
    r"\.(?i:jpe?g|png|gif|heic|webp|tiff?|bmp|pdf|docx?|xlsx?|pptx?|csv|txt|mp4|mov|avi|mp3|m4a"
    r"|ogg|opus|wav|dcm|dicom|nii|jfif|heif|m4v|3gp|webm|mkv|odt|rtf)\b"
)
_STEM = re.compile(r"(?<![\w.-])[\w-]+\Z")


def file_names(text: str, named: set[str]) -> list[tuple[int, int]]:
    """Parts of file names that are given names, words named as people elsewhere in the text, or the one
    capitalised word of a name written otherwise in lower case ("Priyanka_echo_final.mp4", not "Ward_Round.pdf")."""
    spans = []
    for ext in _FILE_EXTENSION.finditer(text):
        m = _STEM.search(text, max(0, ext.start() - 80), ext.start())
        if not m:
            continue
        stem = m.group()
        parts = list(LETTERS.finditer(stem))
        capitalised = [p for p in parts if p.group()[0].isupper() and not p.group().isupper()]
        for part in parts:
            word = part.group()
            low = folded(word)
            if low in FUNCTION or low in FOREIGN_FUNCTION or low in CALENDAR or len(low) < 3 or low in _TITLE_WORDS:
                continue
            token = Token(0, 0, word, False, low)
            given = low in FIRST_NAMES and low not in COMMON and low not in CLINICAL
            proper = capitalised == [part] and word[1:].islower() and not never(token) and low not in BLOCK
            if given or proper or low in named:
                spans.append((m.start() + part.start(), m.start() + part.end()))
        spans += [(m.start() + a.start(), m.start() + b.end()) for a, b in _name_parts(stem, parts)]
    return spans


def _name_parts(stem: str, parts: list[re.Match]) -> list[tuple[re.Match, re.Match]]:
    """Two parts of a file name, one after the other, that are a given name and a surname: both given names or
    words of no list, one of them a given name or the pair followed by a clinical or common word
    ("kunda_mwelwa_ct_head.dcm", "rosa_quispe_pie.jpg"; not "teaching_session_slides.pptx")."""
    pairs = []
    for k, (a, b) in enumerate(zip(parts, parts[1:], strict=False)):
        if stem[a.end() : b.start()] not in ("_", "-", " "):
            continue
        kinds = [_file_word(p.group()) for p in (a, b)]
        if "" in kinds:
            continue
        then = folded(parts[k + 2].group()) if k + 2 < len(parts) else ""
        if "given" in kinds or then in COMMON or then in CLINICAL:
            pairs.append((a, b))
    return pairs


def _file_word(word: str) -> str:
    """ "given" for a given name, "unknown" for a word of no list, "" for a word that is no name (in a file name)."""
    low = folded(word)
    if len(low) < 3 or low in _NOT_PLAIN or low in _TITLE_WORDS or never(Token(0, 0, word, False, low)):
        return ""
    if low in FIRST_NAMES:
        return "given"
    return "" if _VERB_ENDING.search(low) else "unknown"
