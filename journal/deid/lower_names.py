"""Names typed in lower case, with a cue: "wanjiru's mum", "la madre de gabriela", "o joão da cama 4", and at the
start of a sentence typed in lower case, before a verb only people do, an appositive or an age ("blessing cried",
"zawadi, the little girl with nephrotic syndrome,"). A name found so goes on over the given names that follow it
("a mãe do joão pedro").
"""

import re
from bisect import bisect_left

from journal.deid.name_shapes import NOT_PLAIN, TITLE_WORDS, VERB_ENDING, plain
from journal.deid.name_tokens import (
    CARED_FOR,
    FAMILY,
    OF,
    PEOPLE_VERBS,
    TOLD_ME,
    Token,
    appositive,
    from_place,
    never,
)
from journal.deid.words import (
    BLOCK,
    CALENDAR,
    CLINICAL,
    COMMON,
    DETERMINERS,
    FIRST_NAMES,
    FOREIGN_FUNCTION,
    FUNCTION,
    HUMAN_VERBS,
    MYANMAR_NAMES,
    PERSON_NOUNS,
    POSSESSED,
)

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
        if tok.low in NOT_PLAIN or not tok.text.islower() or not plain(tok):
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
            spans.append((tok.start, _end_of_given_names(text, toks, i)))
        elif nxt and (given or nxt.possessive) and _clause_start(text, prev, tok) and _name_pair(text, toks, i):
            spans.append((tok.start, nxt.end))
    return spans + _sentence_openers(text, toks)


def _end_of_given_names(text: str, toks: list[Token], i: int) -> int:
    """The end of the lower-case name that opens at toks[i], with up to two given names after it ("a mãe do joão
    pedro", "la abuela de maría josé"), one space apart, that are no verb."""
    end = toks[i].end
    for k in range(i + 1, min(len(toks), i + 3)):
        nxt = toks[k]
        if toks[k - 1].possessive or nxt.start != end + 1 or text[end] != " ":
            break
        if nxt.low not in FIRST_NAMES or nxt.low in HUMAN_VERBS or not plain(nxt):
            break
        end = nxt.end
    return end


# A sentence or clause that opens with a lower-case letter: at the start of the text, or after a sign that ends one
# and spaces, quotes or brackets.
_LOWER_OPENING = re.compile(r"(?:^|(?<=[.!?;:\n]))[\s\"'“«(]*(?=[^\W\d_A-ZÀ-Þ])")


# Endings of English nouns of agents and things, which given-name lists hold too ("server", "author"): no
# lower-case name before a verb ("server said").
_AGENT = re.compile(r"(?:er|or|ion|ment|ness|ity)$")


def _start(tok: Token) -> int:
    return tok.start


# Words that never open a sentence as a lower-case name (given names that are everyday words may: "blessing cried").
_NOT_OPENER = FUNCTION | FOREIGN_FUNCTION | CALENDAR | PERSON_NOUNS | BLOCK | COMMON | CLINICAL
# An appositive closed by a comma, with its article: ", the little girl with nephrotic syndrome,", ", la niña del
# asentamiento," (not a list: "commands: create-admin, worker, backup").
_CLOSED_APPOSITIVE = re.compile(r",[^,.;:!?()]{1,80},")


def _sentence_openers(text: str, toks: list[Token]) -> list[tuple[int, int]]:
    """Lower-case names opening a sentence: a given name before a verb only people do, a verb of care or "from" and a
    place then such a verb ("blessing cried", "maricel from barangay Tatalon texted"), or any unknown word before an
    appositive about a person closed by a comma, or an age ("zawadi, the little girl with nephrotic syndrome,")."""
    spans = []
    for m in _LOWER_OPENING.finditer(text):  # the few sentences that open in lower case
        i = bisect_left(toks, m.end(), key=_start)
        if i == len(toks) or toks[i].start != m.end():
            continue
        tok = toks[i]
        if not tok.text.islower() or len(tok.low) < 3 or tok.low in _NOT_OPENER or tok.possessive:
            continue
        given = tok.low in FIRST_NAMES
        if never(tok) or (not given and (VERB_ENDING.search(tok.low) or tok.low.endswith("wards"))):
            continue  # "walking, the nurse said", "afterwards, the mother": not "blessing cried"
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        acts = (
            given
            and not _AGENT.search(tok.low)
            and (
                (nxt and nxt.low in PEOPLE_VERBS and text[tok.end : nxt.start] == " ")
                or CARED_FOR.match(text, tok.end)
                or TOLD_ME.match(text, tok.end)
                or from_place(text, toks, i, strict=True)
            )
        )
        described = _AGE_COMMA.match(text, tok.end) or (
            _CLOSED_APPOSITIVE.match(text, tok.end) and appositive(text, tok.end, bare=False)
        )
        if acts or described:
            spans.append((tok.start, _end_of_given_names(text, toks, i)))
    return spans


def _clause_start(text: str, prev: Token | None, tok: Token) -> bool:
    """True when tok opens the text or a sentence or clause (only punctuation and spaces before it)."""
    return not prev or any(c in ".!?;:\n" for c in text[prev.end : tok.start])


def _name_pair(text: str, toks: list[Token], i: int) -> bool:
    """True when toks[i] and the next word are a given name and a surname typed in lower case at a clause start,
    with a cue after them: a possessive before a record, a person's verb, a verb of care or an age ("sia kamara
    came back", "kunda mwelwa's scan"). The possessive alone will do when the first word is not a given name."""
    tok, nxt = toks[i], toks[i + 1]
    if tok.low in TITLE_WORDS or not plain(nxt) or text[tok.end : nxt.start] != " " or tok.possessive:
        return False
    if nxt.low in HUMAN_VERBS or VERB_ENDING.search(tok.low) or VERB_ENDING.search(nxt.low):
        return False
    after = toks[i + 2] if i + 2 < len(toks) else None
    if nxt.possessive:
        return bool(after) and after.low in POSSESSED and after.start == nxt.end + 3
    return tok.low in FIRST_NAMES and (
        bool(after and after.low in HUMAN_VERBS and text[nxt.end : after.start] == " ")
        or bool(CARED_FOR.match(text, nxt.end) or _AGE_COMMA.match(text, nxt.end))
    )


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
