"""What the app reads from a request: form fields, query strings and JSON, cleaned of NUL.

NUL (U+0000) cannot be typed, has no meaning in a journal, and PostgreSQL refuses it in text
(a 500 on saving); it only arrives in pasted binary junk or on purpose. So it is removed from
every form field, query parameter and JSON string as the request is read, and views see clean
text. JSON nested too deeply to decode counts as malformed, like any other bad JSON.
"""

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


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON; decoded documents lose NUL from their strings, and one too deeply nested to
    decode raises ValueError (Werkzeug's ``get_json`` then treats it as not JSON, not as a 500)."""

    def loads(self, s, **kwargs):
        """Decode ``s``; raises ValueError if it is not JSON or is nested too deeply to decode."""
        try:
            return without_nul(super().loads(s, **kwargs))
        except RecursionError:
            raise ValueError("the JSON document is nested too deeply") from None
