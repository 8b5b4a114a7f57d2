"""Small helpers on text that several detectors share: runs of letters, the start of a word, and a cue looked
for just before a position (detectors find the rare part of an identifier first, then look back for its cue)."""

import re
from collections.abc import Iterable

# A run of letters, without digits or underscores: the words of a stretch of text.
LETTERS = re.compile(r"[^\W\d_]+")
# The word right before a position (searched with the position as its end), when only spaces, perhaps after an
# abbreviation's dot, separate them: "Mrs " and "Dr. " before a name.
WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?\s+$")


def either_case(alternation: str) -> str:
    """The words of a regex alternation in lower case and capitalised ("phone|Phone"): unlike IGNORECASE, this
    lets a search skip ahead to the words' first letters."""
    return "|".join(f"{w}|{w[0].upper()}{w[1:]}" for w in alternation.split("|"))


def starts_word(text: str, start: int) -> bool:
    """True when no letter or digit comes right before ``start``."""
    return start == 0 or not text[start - 1].isalnum()


def before(rx: re.Pattern, text: str, start: int, width: int = 40) -> bool:
    """True when ``rx`` (anchored with ``$``) matches the ``width`` characters of ``text`` before ``start``."""
    return bool(rx.search(text, max(0, start - width), start))


def word_cue_before(patterns: Iterable[re.Pattern], text: str, start: int, width: int) -> re.Match | None:
    """The first match of ``patterns`` (each anchored with ``$``) that starts a word within the ``width``
    characters before ``start``. The patterns start with their words, not with a word boundary, so that a search
    skips ahead to the words' first letters; the start of the word is checked here."""
    for rx in patterns:
        pos = max(0, start - width)
        while cue := rx.search(text, pos, start):
            if starts_word(text, cue.start()):
                return cue
            pos = cue.start() + 1
    return None
