"""What the app reads from a request: form fields, query strings and JSON, cleaned of NUL.

NUL (U+0000) cannot be typed, has no meaning in a journal, and PostgreSQL refuses it in text
(a 500 on saving); it only arrives in pasted binary junk or on purpose. So it is removed from
every form field, query parameter and JSON string as the request is read, and views see clean
text.

JSON is decoded by ``parse_json`` (request bodies, framework files): what Python's
decoder gives up on besides bad syntax, a document nested too deeply or a whole number longer
than Python converts (``sys.get_int_max_str_digits``, 4300 digits), counts as malformed, like
any other bad JSON, with a reason people can act on.
"""

import json
import re
import sys

from flask import Request as FlaskRequest
from flask.json.provider import DefaultJSONProvider
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items

NUL = "\x00"


def without_nul(value):
    """``value`` with NUL removed from every string in it (dict keys and values, list items)."""
    if isinstance(value, str):
        return value.replace(NUL, "") if NUL in value else value
    if isinstance(value, dict):
        return {without_nul(key): without_nul(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_nul(item) for item in value]
    return value


class CleanParameters(ImmutableMultiDict):
    """The multi-dict Werkzeug fills with form fields and query parameters, minus NUL characters.

    Uploaded files (not strings) are kept as they are.
    """

    def __init__(self, mapping=None):
        if mapping is None:
            super().__init__()
        else:
            super().__init__([(without_nul(key), without_nul(value)) for key, value in iter_multi_items(mapping)])


class Request(FlaskRequest):
    """Flask's request, whose ``form`` and ``args`` never hold NUL."""

    parameter_storage_class = CleanParameters


class JSONInputError(ValueError):
    """Text that cannot be read as JSON; the message says why (in English, for scripts and logs), and
    ``line``/``column`` where, when it can (for a page to say in its own language)."""

    def __init__(self, reason: str, too_deep: bool = False, line: int | None = None, column: int | None = None, **more):
        super().__init__(reason)
        self.too_deep = too_deep
        self.line, self.column = line, column
        self.digits, self.limit = more.get("digits"), more.get("limit")  # a number too long to read


def _position(text: str | bytes, offset: int) -> tuple[int, int]:
    """The line and column of ``offset`` in ``text``, counted from 1 as people count."""
    newline = "\n" if isinstance(text, str) else b"\n"
    line_start = text.rfind(newline, 0, offset) + 1
    return text.count(newline, 0, offset) + 1, offset - line_start + 1


def _unreadable(text: str | bytes, error: ValueError) -> JSONInputError:
    """Why ``text`` is not JSON when the decoder raised a plain ValueError: the bytes are not
    Unicode text, or a whole number is longer than Python converts."""
    if isinstance(error, UnicodeDecodeError):
        return JSONInputError("the text is not UTF-8")
    limit = sys.get_int_max_str_digits()
    digits = f"[0-9]{{{limit + 1},}}"
    found = re.search(digits if isinstance(text, str) else digits.encode(), text) if limit else None
    if found is None:
        return JSONInputError("it cannot be read as JSON")
    line, column = _position(text, found.start())
    count = len(found.group())
    return JSONInputError(
        f"the number at line {line}, column {column} has {count} digits; numbers may have at most {limit}",
        line=line,
        column=column,
        digits=count,
        limit=limit,
    )


def parse_json(text: str | bytes, **kwargs):
    """Decode a JSON document (``kwargs`` as for ``json.loads``).

    Raises JSONInputError (a ValueError) when it is not JSON, is nested too deeply to decode
    (``too_deep``), or holds a whole number too long to convert.
    """
    try:
        return json.loads(text, **kwargs)
    except json.JSONDecodeError as error:
        where = {"line": error.lineno, "column": error.colno}
        raise JSONInputError(f"{error.msg} at line {error.lineno}, column {error.colno}", **where) from None
    except RecursionError:  # Python's decoder gives up on very deep nesting before reading it all
        raise JSONInputError("it is nested too deeply to read", too_deep=True) from None
    except ValueError as error:
        raise _unreadable(text, error) from None


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON, decoded by ``parse_json``; decoded documents lose NUL from their strings.

    Anything ``parse_json`` refuses raises ValueError, which Werkzeug's ``get_json`` treats as
    not JSON (a 400), never as a 500.
    """

    def loads(self, s, **kwargs):
        """Decode ``s``; raises JSONInputError (a ValueError) if it is not JSON ``parse_json`` reads."""
        try:
            return without_nul(parse_json(s, **kwargs))
        except RecursionError:  # removing NUL walks the document as deep as it goes
            raise JSONInputError("it is nested too deeply to read", too_deep=True) from None
