"""Personal names: after titles and relationship cues, or capitalised words that are not common words."""

import re
from typing import NamedTuple

from journal.deid.finding import Finding, flag
from journal.deid.words import (
    BLOCK,
    CALENDAR,
    CLINICAL,
    EPONYM_FOLLOW,
    FUNCTION,
    HUMAN_VERBS,
    MED_SUFFIX,
    PARTICLES,
    PLACES,
    RELATION,
    SKIP_BEFORE,
    TITLES,
)


class _Token(NamedTuple):
    start: int
    end: int
    text: str
    possessive: bool


_WORD = re.compile(r"(?<![\w/])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w/])")


def _tokens(text: str) -> list[_Token]:
    """Word tokens (no digits), with a trailing possessive 's cut off and remembered."""
    out = []
    for m in _WORD.finditer(text):
        word, end = m.group(), m.end()
        possessive = len(word) > 2 and word[-2] in "'’" and word[-1] == "s"
        if possessive:
            word, end = word[:-2], end - 2
        out.append(_Token(m.start(), end, word, possessive))
    return out


_BREAKERS = FUNCTION | CALENDAR | {w + "s" for w in CALENDAR}
_NOT_IN_NAME = CLINICAL | BLOCK


def _is_part_of_run(tok: _Token) -> bool:
    """Capitalised, not an acronym, and not a function word, month, weekday or title."""
    word = tok.text
    return (
        word[0].isupper()
        and not (len(word) > 1 and word.removesuffix("s").isupper())
        and word.lower() not in _BREAKERS
        and word not in TITLES
    )


def _known(tok: _Token) -> bool:
    """A capitalised word that is common in clinical notes without naming anyone."""
    low = tok.text.lower()
    return low in _NOT_IN_NAME or low in PLACES or bool(MED_SUFFIX.search(low))


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
            while k < len(toks) and toks[k].text in PARTICLES and _joined(text, toks[k - 1], toks[k]):
                k += 1
            if k < len(toks) and _joined(text, toks[k - 1], toks[k]) and _is_part_of_run(toks[k]):
                j = k
            else:
                break
        yield i, j
        i = j + 1


_AGE_AFTER = re.compile(r",\s*(?:aged?\s+)?\d{1,3}\s*(?:,|\)|y|years)|\s*\(\d{1,3}\)|\s+(?:is|was)\s+an?\s+\d{1,3}[- ]")


def _name_span(text: str, toks: list[_Token], i: int, j: int) -> tuple[int, int] | None:
    """Decide whether the run toks[i..j] is a person's name; return its span or None.

    In order: institutions are never names; a title makes a name; runs of known words are not names; a cue
    (relative, "named", possessive + relative, ", 54,", a verb only people do) makes a name; after a place
    preposition, an article or a drug verb it is not; otherwise two or more unknown capitalised words, or one
    that does not start a sentence, are taken for a name.
    """
    seg = toks[i : j + 1]
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    before = text[prev.end : seg[0].start] if prev else text[: seg[0].start]
    next_word = nxt.text.lower() if nxt and re.fullmatch(r"(?:['’]s)?\s+", text[seg[-1].end : nxt.start]) else ""
    if any(t.text.lower() in BLOCK for t in seg):
        return None  # an institution, street or eponym: "Kenyatta National Hospital", "Glasgow Coma Scale"
    if prev and prev.text in TITLES and re.fullmatch(r"\.?\s+", before):
        names = [t for t in seg if t.text.lower() not in CLINICAL]
        return (names[0].start, names[-1].end) if names else None
    if all(_known(t) for t in seg):
        return None
    if (
        (prev and prev.text.lower() in RELATION and re.fullmatch(r",?\s+|:\s+", before))
        or (seg[-1].possessive and next_word in RELATION)
        or _AGE_AFTER.match(text, seg[-1].end)
        or next_word in HUMAN_VERBS
    ):
        return seg[0].start, seg[-1].end
    if (prev and prev.text.lower() in SKIP_BEFORE and before.isspace()) or next_word in EPONYM_FOLLOW:
        return None  # "in Pokhara", "on Coartem", "Kernig sign"
    at_start = not prev or bool(re.search(r"[.!?:;(\"“\n]", before))
    if at_start and len(seg) > 1 and (_known(seg[0]) or re.search(r"(?:ing|ed|ly)$", seg[0].text)):
        seg, at_start = seg[1:], False
    if len(seg) > 1 or (not at_start and not _known(seg[0]) and len(seg[0].text) > 1):
        return seg[0].start, seg[-1].end
    return None


def find_names(text: str) -> list[Finding]:
    """Personal names: after titles and relationship cues, or capitalised words that are not common words."""
    toks = _tokens(text)
    spans = (_name_span(text, toks, i, j) for i, j in _segments(text, toks))
    return [flag("name", s, e) for s, e in filter(None, spans)]
