"""Origins: whether a "from" tells where someone comes from ("the boy from X", "walked two hours from X") or who
sent something ("a call from X"); ``localities`` then decides whether X is a village.
"""

import re

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

    "the boy from", "Halima, 16, from", "a baby, 3 weeks old, from", "is from", or a verb of coming within eight
    words before it; never "a call from" or "a message from".
    """
    before = re.split(r"[.;:!?\n]", text[max(0, at - 120) : at])[-1]
    words = re.findall(r"[\w'’-]+", before.lower())
    if not words or words[-1] in _MESSAGE:
        return False
    if (
        words[-1] in _PERSON_NOUNS
        or words[-1].endswith("old")
        or words[-1] in ("is", "was", "are", "were", "originally")
    ):
        return True
    if re.search(r",\s*\d{1,3}\s*,\s*$", before):
        return True
    window = words[-9:]
    moving = [i for i, w in enumerate(window) if _MOVING.fullmatch(w)]
    return bool(moving) and not any(w in _MESSAGE for w in window[moving[-1] :])
