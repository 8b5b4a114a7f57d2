"""Names of the people an intern works with, told apart from patients' names.

The members of the intern's cohort (fellow interns, supervisors, reviewers) and its coordinators are
people too: their names still need the intern's word before an entry is shared, but the warning says
"a colleague's name", not "a patient's name". ``with_colleagues`` takes the findings of the rules and
a roster of full names ("Amina Yusuf", "Dr Tomás Ortega"): a name finding whose words all belong to
one colleague's name gets the colleague reason, and a colleague's name the rules missed is flagged.
Patients share surnames and given names with colleagues, so one word alone is a colleague's only after a
professional title ("Dr Ortega", "la doctora Amina"); otherwise the reason says it may be either. A missed
single word that is also an everyday word, a month or a place ("June", "Faith", "Lima") is left alone.
Every finding keeps kind "name", so a confirmation (kept by kind and text) covers it either way.
"""

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache

from journal.deid.finding import COLLEAGUE_REASON, MAYBE_COLLEAGUE_REASON, Finding
from journal.deid.text import LETTERS
from journal.deid.words import (
    BLOCK,
    CALENDAR,
    CLINICAL,
    COMMON,
    COUNTRIES,
    FUNCTION,
    NAME_PARTICLES,
    NAME_WORDS,
    PLACES,
    REGIONS,
    TITLES,
    TOWNS,
    folded,
)

# A run of letters that is a whole word of the text (no digit or underscore glued to it: "Lin2" is no name).
_WORD = re.compile(r"(?<!\w)[^\W\d_]+(?!\w)")
# What may stand between two words of one name in the text: a space or two, a hyphen, an apostrophe.
_JOINER = re.compile(r"[\s'’-]{1,3}")
# Words of a roster name that are not a name on their own: titles (Dr, Prof), particles (da, van), function
# words, and clinical and institution words (a colleague called Ward or Bell: "Ward round", "Bell's palsy").
_NOT_A_NAME = {folded(word) for word in TITLES} | NAME_PARTICLES | FUNCTION | CLINICAL | BLOCK
# Words that are a colleague's name only when the rules found them as a name: everyday words, months, weekdays,
# festivals, places ("June", "Faith", "Christmas", "Lima", "Costa").
_EVERYDAY = CALENDAR | COMMON | NAME_WORDS | PLACES | TOWNS | COUNTRIES | REGIONS
# Professional titles and roles before a single word make it a colleague's name: "Dr Ortega", "Sister Amina".
_PROFESSIONAL = frozenset(
    "dr dra doctor doctora docteur doutor doutora prof professor sister nurse matron midwife registrar consultant "
    "enfermera enfermero enfermeira enfermeiro infirmiere infirmier sage-femme supervisor intern colleague".split()
)
_WORD_BEFORE = re.compile(r"([^\W\d_][\w-]*)\.?\s+$")


def _name_words(full_name: str) -> set[str]:
    """The folded words of a roster name that identify its person on their own (two letters or more)."""
    return {w for w in map(folded, LETTERS.findall(full_name)) if len(w) > 1 and w not in _NOT_A_NAME}


@lru_cache(maxsize=64)
def _index(roster: frozenset[str]) -> dict[str, frozenset[int]]:
    """Each name word of the roster, folded, with the colleagues (numbered) whose name has it.

    Cached: the same cohort's roster is looked up for every field of every entry on a page.
    """
    owners: dict[str, set[int]] = {}
    for number, full_name in enumerate(sorted(roster)):
        for word in _name_words(full_name):
            owners.setdefault(word, set()).add(number)
    return {word: frozenset(numbers) for word, numbers in owners.items()}


def _colleague_of(words: list[str], index: dict[str, frozenset[int]]) -> bool:
    """Whether the words (folded, titles and particles left out) are all words of one colleague's name."""
    named = [w for w in words if len(w) > 1 and w not in _NOT_A_NAME]
    if not named:
        return False
    return bool(frozenset.intersection(*(index.get(w, frozenset()) for w in named)))


def _reason(text: str, start: int, words: int) -> str:
    """The reason for a colleague's name of ``words`` words at ``start``: sure with two words or a professional
    title before it, else "may be a patient's or a colleague's"."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    titled = bool(before) and folded(before[1]) in _PROFESSIONAL
    return COLLEAGUE_REASON if words > 1 or titled else MAYBE_COLLEAGUE_REASON


def _named_words(text: str, start: int, end: int) -> list[str]:
    return [w for w in map(folded, LETTERS.findall(text[start:end])) if len(w) > 1 and w not in _NOT_A_NAME]


def _relabelled(text: str, found: Finding, index: dict[str, frozenset[int]]) -> Finding:
    """A name finding that is a colleague's name, with a colleague reason; any other finding as it was."""
    if found.kind != "name" or not _colleague_of(
        [folded(w) for w in LETTERS.findall(text[found.start : found.end])], index
    ):
        return found
    words = len(_named_words(text, found.start, found.end))
    return Finding("name", found.start, found.end, _reason(text, found.start, words))


def _missed(text: str, kept: list[Finding], index: dict[str, frozenset[int]]) -> list[Finding]:
    """Colleagues' names the rules did not flag, each run of one colleague's words as one finding.

    A word written all in lower case ("hope", "grace", "patience") is taken for the word, not the name, and so
    is a single word that is also an everyday word, a month or a place ("Faith and culture", "to Lima").
    """
    starts = [k.start for k in kept]  # sorted, and the findings do not overlap: their ends are sorted too

    def taken(start: int, end: int) -> bool:
        i = bisect.bisect_right(starts, start) - 1
        return (i >= 0 and kept[i].end > start) or (i + 1 < len(kept) and kept[i + 1].start < end)

    runs: list[tuple[int, int, frozenset[int]]] = []
    for match in _WORD.finditer(text):
        owners = index.get(folded(match.group()))
        if not owners or match.group().islower() or taken(match.start(), match.end()):
            continue
        if runs and _JOINER.fullmatch(text[runs[-1][1] : match.start()]) and runs[-1][2] & owners:
            start, _, before = runs.pop()
            runs.append((start, match.end(), before & owners))
        else:
            runs.append((match.start(), match.end(), owners))
    return [
        Finding("name", start, end, _reason(text, start, len(named)))
        for start, end, _ in runs
        if (named := _named_words(text, start, end)) and (len(named) > 1 or named[0] not in _EVERYDAY)
    ]


def with_colleagues(text: str, kept: list[Finding], roster: Iterable[str]) -> list[Finding]:
    """``kept`` (the findings of the rules, sorted, without overlaps) with colleagues' names told apart:
    relabelled where the rules found one, added where they missed one; sorted by start, still without overlaps."""
    index = _index(frozenset(roster))
    if not index:
        return kept
    relabelled = [_relabelled(text, found, index) for found in kept]
    return sorted(relabelled + _missed(text, relabelled, index), key=lambda f: f.start)
