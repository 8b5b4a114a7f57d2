"""The CASE 1.1 CFPackage JSON Schema, and checking a package against it.

The schema file beside this module is 1EdTech's, copied byte for byte (draft 2019-09; see
``tests/fixtures/case/README.md`` for its source and licence). Both directions use it: the export
checks what it writes, the import checks what it is given before reading anything from it.
``validate_package`` gives every problem as ``($.CFItems[3].identifier, reason in plain words)``,
sorted by where it is, so people can find each one in their file.
"""

import json
import re
from functools import cache
from pathlib import Path

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from jsonschema import Draft201909Validator
from jsonschema.exceptions import ValidationError

SCHEMA_FILE = Path(__file__).resolve().parent / "case-v1p1-cfpackage.json"
SHOWN_VALUE = 60  # characters of an offending value quoted in a message

# TRANSLATORS: what a JSON value must be, completing “must be %(kind)s, not …”.
TYPE_WORDS = {
    "string": _l("text"),
    "integer": _l("a whole number"),
    "number": _l("a number"),
    "array": _l("a list"),
    "object": _l("an object"),
    "boolean": _l("true or false"),
}
# TRANSLATORS: what a JSON value is not, completing “%(value)s is not %(kind)s”.
FORMAT_WORDS = {
    "uuid": _l("a UUID (8-4-4-4-12 hexadecimal digits)"),
    "date-time": _l("a date and time such as 2024-05-01T09:30:00+00:00"),
    "date": _l("a date such as 2024-05-01"),
    "uri": _l("an absolute URI"),
}


@cache
def schema() -> dict:
    """The CFPackage schema as a dict."""
    return json.loads(SCHEMA_FILE.read_bytes())


@cache
def _validator() -> Draft201909Validator:
    # Formats that jsonschema checks on its own (``uuid``, ``date``) are asserted; ``date-time`` is left an
    # annotation, as draft 2019-09 has it by default and as 1EdTech's judgement of the samples counts it (OpenSALT
    # writes times without a zone, read as UTC).
    Draft201909Validator.check_schema(schema())
    return Draft201909Validator(schema(), format_checker=Draft201909Validator.FORMAT_CHECKER)


def json_path(parts) -> str:
    """``$.CFItems[3].identifier`` for the path parts ``["CFItems", 3, "identifier"]``."""
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _shown(value) -> str:
    """A value as a message quotes it: JSON, shortened."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= SHOWN_VALUE else text[: SHOWN_VALUE - 1] + "…"


def readable(error: ValidationError) -> str:
    """The validator's message in plain words (its own message for the rarer keywords)."""
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "required":
        # One error per missing field; the validator names it in its message (``'title' is a required property``).
        named = re.match(r"^'(.*)' is a required property$", error.message)
        return _("the field “%(name)s” is missing", name=named.group(1) if named else error.message)
    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(name for name in value if name not in allowed)
        names = ", ".join(_("“%(name)s”", name=name) for name in extra)  # apart: pybabel misreads nested calls
        return ngettext(
            "%(names)s is not a field CASE 1.1 allows here",
            "%(names)s are not fields CASE 1.1 allows here",
            len(extra),
            names=names,
        )
    if kind == "type":
        wanted = expected if isinstance(expected, list) else [expected]
        words = " / ".join(str(TYPE_WORDS.get(name, name)) for name in wanted)
        return _("must be %(kind)s, not %(value)s", kind=words, value=_shown(value))
    if kind == "format":
        return _("%(value)s is not %(kind)s", value=_shown(value), kind=str(FORMAT_WORDS.get(expected, expected)))
    if kind == "enum":
        choices = ", ".join(_shown(choice) for choice in expected)
        return _("%(value)s is not one of %(choices)s", value=_shown(value), choices=choices)
    if kind in ("minItems", "minLength") and not value:
        return _("must not be empty")
    return error.message if len(error.message) <= 300 else error.message[:299] + "…"


def _sort_key(parts) -> tuple:
    """Paths in document order: list positions as numbers, so [10] comes after [9]."""
    return tuple((0, part, "") if isinstance(part, int) else (1, 0, str(part)) for part in parts)


def validate_package(data) -> list[tuple[str, str]]:
    """Every way ``data`` breaks the CASE 1.1 CFPackage schema, as (JSON path, reason), sorted by path.

    An empty list means the package is valid.
    """
    errors = sorted(_validator().iter_errors(data), key=lambda error: _sort_key(error.absolute_path))
    return [(json_path(error.absolute_path), readable(error)) for error in errors]
