"""Origins: whether a "from" tells where someone comes from ("the boy from X", "the CHW from X", "Mostafa from X
came back", "walked two hours from X") or who sent something ("a call from X"); ``localities`` then decides whether
X is a village.
"""

import re

from journal.deid.name_tokens import acted
from journal.deid.words import CLINICAL, COMMON, FIRST_NAMES, FROM_PERSON, FUNCTION, PERSON_NOUNS, PLACES, folded

# Nouns naming a person just before "from": "the boy from X", "her grandson from X".
_PERSON_NOUNS = frozenset(
    "boy girl man woman lady gentleman child kid kids baby infant toddler teenager adolescent patient patients "
    "family families mother father mum mom dad son daughter wife husband brother sister aunt uncle grandmother "
    "grandfather grandma grandpa granny grandson granddaughter grandchild grandchildren niece nephew cousin twins "
    "twin farmer fisherman trader teacher student pupil worker labourer laborer people men women children boys "
    "girls couple elder widow orphan mzee neighbour neighbor one someone everyone".split()
)
# Nouns that make "from X" a person: "a call from X", "a message from X".
_MESSAGE = frozenset(
    "call calls phone text texts message messages email emails letter letters note notes news word gift gifts "
    "advice help permission visit visits update updates feedback report sms whatsapp voicemail donation request "
    "complaint complaints card cards thanks".split()
)
# Verbs of coming or being brought, whose "from X" names where a patient lives.
_MOVING = re.compile(
    r"\b(?:came|come|comes|coming|walked|walks|walking|brought|brings|bringing|carried|carries|carrying"
    r"|travell?ed|travels|trekked|rode|arrived|arrives|moved|fled|migrated|hiked|journeyed|drove|cycled|returned"
    r"|referred|transferred|evacuated|rushed|transported)\b",
    re.IGNORECASE,
)


def is_origin(text: str, at: int) -> bool:
    """True when the "from" at ``at`` tells where someone comes from, not who sent something.

    "the boy from", "the CHW from", "Halima, 16, from", "a baby, 3 weeks old, from", "is from", a person's name
    ("Mostafa from", "Achieng Odhiambo from"), or a verb of coming within eight words before it; never "a call from"
    or "a message from".
    """
    before = re.split(r"[.;:!?\n]", text[max(0, at - 120) : at])[-1]
    words = re.findall(r"[\w'’-]+", before.lower())
    if not words or words[-1] in _MESSAGE:
        return False
    if (
        words[-1] in _PERSON_NOUNS
        or folded(words[-1]) in PERSON_NOUNS
        or words[-1].endswith("old")
        or words[-1] in ("is", "was", "are", "were", "originally")
        or _name_before(text, before, at)
    ):
        return True
    if re.search(r",\s*\d{1,3}\s*,\s*$", before):
        return True
    window = words[-9:]
    moving = [i for i, w in enumerate(window) if _MOVING.fullmatch(w)]
    return bool(moving) and not any(w in _MESSAGE for w in window[moving[-1] :])


# The last word before "from", capitalised (a name, not a sentence's first word that is a common one), and what
# follows "from": a capitalised place, then a word.
_LAST_WORD = re.compile(r"(?<![\w'’-])([A-ZÀ-Þ][^\W\d_]*(?:['’-][^\W\d_]+)*)\s+$")
_PLACE_THEN_WORD = re.compile(r"from\s+(?:[A-ZÀ-Þ][\w'’-]*\s+){1,3}([^\W\d_]+)")
# Endings of English nouns of things, which come "from" places too ("Evidence from Kibera", "Research from").
_THING = re.compile(r"(?:tion|sion|ment|ence|ance|ity|ing|ness|ship|ism|ure|ch|ies|ers|als|ics)$")


def _name_before(text: str, before: str, at: int) -> bool:
    """True when ``before`` ends with a capitalised word that may be a person's name, one space before "from": not
    an acronym, a function, common, clinical or place word, a noun of a thing, nor a plural ("Greetings",
    "Doctors") unless a given name ends so ("Moses"). Opening the sentence, a word that is no known given name is a
    person's only when a verb of the past or a person's verb follows the place ("Mostafa from Korail came back")."""
    m = _LAST_WORD.search(before)
    if not m or m[1].isupper():
        return False
    low = folded(m[1])
    if low in FUNCTION or low in COMMON or low in CLINICAL or low in PLACES or low in FROM_PERSON or low in _MESSAGE:
        return False
    given = low in FIRST_NAMES
    if not given and (low.endswith("s") or _THING.search(low)):
        return False
    if given or before[: m.start()].strip(" \t\"'“«(") != "":
        return True
    then = _PLACE_THEN_WORD.match(text, at)
    return bool(then) and acted(folded(then[1]))
