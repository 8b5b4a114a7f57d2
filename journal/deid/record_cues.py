"""Record numbers that the words or the identifiers around them give away: a code with a slash after a word for a
number or a record unit's label ("numéro 2024/0387", "OPD 1142/22"), and a code of the shape of an identifier found
in the same note ("the MRN was 2023-004512 but the lab had him as 2023-004521"); and what ``records`` shares with
them: the units and currencies that make a number a quantity, and a count of digits.
"""

import re
from functools import lru_cache

from journal.deid.text import WORD_BEFORE, either_case, starts_word
from journal.deid.words import folded

# Not a quantity: no unit or currency after the number ("sample of 1500 ml", "200 soles").
NOT_QUANTITY = (
    r"(?!\s?(?:%|(?i:mg|mcg|ml|g|kg|l|mmol|iu|cells|copies|h|hrs?|hours|days|weeks|months|years|km|m|cm|mm"
    r"|soles|dollars|usd|shillings|ksh|tsh|ugx|cedis|ghs|rupees|rs|npr|inr|pesos|reais|euros|francs|fcfa|cfa"
    r"|kwacha|naira|birr)\b))"
)


def digits(code: str) -> int:
    """How many digits ``code`` holds."""
    return sum(map(str.isdigit, code))


# A record number with a slash or a dash, right after a word for a number or a record, or a record unit's label,
# with no "no." between: "(numéro 2024/0387)", "número 1187/23", "OPD 1142/22", "file 2291/24". Not a date
# ("12/03/2024", "03/2024") nor a pressure or a ratio ("120/80"). The pattern opens with its words, so that a search
# skips ahead to their first letters (``text.either_case``), and takes the code whole (possessive).
_SLASHED_CODE = re.compile(
    rf"(?:{either_case('numéro|numero|número|number|file|folder|dossier|ficha|expediente|prontuário|prontuario')}"
    rf"|{either_case('registro|registre')}|OPD|IPD|OP|IP|ART|CTC|ANC|MRN|UHID|BHT|HC)\.?\s*[:#(]?\s*"
    r"(?P<id>\d{2,7}+(?:[/-]\d{1,7}+)++)(?![\w/-]|[.,]\d)"
)
_NOT_RECORD_SHAPE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d\d-\d\d|\d{1,2}/\d{4}|\d{2,3}/\d{2,3}")


# Things whose numbers are no one's: "the protocol number 2023/14", "le décret numéro 2019/118", "lot 2231/22".
_NOT_SOMEONES = frozenset(
    "protocol protocols protocole protocolo version page chapter lot batch lote form formulaire formulario ethics "
    "approval circular circulaire guideline decree decret decreto law loi lei ley resolution resolucion "
    "resolucao bed room ward lit cama leito sala salle".split()
)


def slashed_codes(text: str) -> set[tuple[int, int]]:
    """Record numbers with a slash or a dash after a word for a number or a record: "(numéro 2024/0387)"."""
    found = set()
    for m in _SLASHED_CODE.finditer(text):
        code = m["id"]
        if not starts_word(text, m.start()) or digits(code) < 5 or _NOT_RECORD_SHAPE.fullmatch(code):
            continue
        thing = WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if not (thing and folded(thing[1]) in _NOT_SOMEONES):
            found.add(m.span("id"))
    return found


# A code with the shape of an identifier found in the same note is one too: "the MRN was 2023-004512 but the lab
# had him as 2023-004521". Shapes with seven digits or more, or five with a letter or a separator.
_SHAPE_PART = re.compile(r"\d+|[A-Za-z]+|[^\w]")


@lru_cache(maxsize=512)
def _shape(code: str) -> str | None:
    """A pattern (as text) for codes of the shape of ``code`` ("2023-004512": four digits, a dash, six digits), or
    None when the shape is too common to say anything (a short number, a number with a leading 0 or a "+": a
    phone's). It opens with the class of its first character, checked to start a code (speed: a pattern that opens
    with a class is searched faster than one that opens with a look-behind)."""
    count = digits(code)
    if code[0] in "0+" or count < 5 or (code.isdigit() and count < 7):
        return None
    parts = []
    for part in _SHAPE_PART.findall(code):
        if part.isdigit():
            parts.append(rf"\d{{{len(part)}}}")
        elif part.isalpha():
            parts.append(rf"[A-Za-z]{{{len(part)}}}")
        else:
            parts.append(re.escape(part))
    first, count = _SHAPE_HEAD.match(parts[0]).groups()  # "\\d{4}": the first character, then three more
    parts[0] = rf"{first}(?<![\w./-]{first}){first}{{{int(count) - 1}}}"
    return "".join(parts)


_SHAPE_HEAD = re.compile(r"(.+)\{(\d+)\}")


@lru_cache(maxsize=256)
def _shapes(shapes: frozenset[str]) -> re.Pattern:
    return re.compile(rf"(?:{'|'.join(sorted(shapes))})(?![\w/-]|[.,]\d)" + NOT_QUANTITY)


def like_found(text: str, found: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Codes with the shape of one of the identifiers ``found`` in the text, all shapes searched at once."""
    shapes = frozenset(shape for s, e in found if (shape := _shape(text[s:e])))
    if not shapes:
        return set()
    return {m.span() for m in _shapes(shapes).finditer(text)} - found
