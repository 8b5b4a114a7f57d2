"""The JSON Schema that every portfolio document follows, published at ``/schema/...``."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

SCHEMA_FILE = Path(__file__).resolve().parent / "schema" / "portfolio-1.0.schema.json"


@cache
def schema_bytes() -> bytes:
    """The schema file exactly as it is in the repository."""
    return SCHEMA_FILE.read_bytes()


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(schema_bytes())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def problems(document) -> list[str]:
    """Every way ``document`` breaks the schema, as ``path: message`` (empty when it is valid)."""
    found = []
    for error in sorted(_validator().iter_errors(document), key=lambda e: list(e.absolute_path)):
        path = "/".join(str(part) for part in error.absolute_path) or "(document)"
        found.append(f"{path}: {error.message}")
    return found
