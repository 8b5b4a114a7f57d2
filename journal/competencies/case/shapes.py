"""A CASE package reduced to the fields the app's own rules read, each of the type they expect.

The app's rules (``importing``) run on a package whatever the schema said of it, so that a coordinator sees
every problem in one round: duplicate codes as well as a misspelt field. This module makes that safe. It
keeps each list at its length, so a JSON path still names the place in the file; an entry the rules cannot
read at all (not an object, or without a text identifier or, for an association, without its type and two
linked identifiers) becomes ``None``, and the package is then marked incomplete: the checks that need the
whole hierarchy (every item under the document, at least one competency) wait until the schema is met.
A field of the wrong type is left out, as if missing; the schema check has already said what is wrong.
"""

import math
from dataclasses import dataclass, field


@dataclass
class Shaped:
    """The readable part of a package: the document, and lists whose entries are normalised dicts or None."""

    document: dict
    items: list[dict | None] = field(default_factory=list)
    associations: list[dict | None] = field(default_factory=list)
    rubrics: list[dict | None] = field(default_factory=list)
    complete: bool = True  # nothing the hierarchy needs was left out


def _text(value) -> str | None:
    return value if isinstance(value, str) else None


def _link(value) -> dict | None:
    """A LinkURI with a text identifier; its title and uri as text ("" when not)."""
    if not isinstance(value, dict) or _text(value.get("identifier")) is None:
        return None
    return {
        "identifier": value["identifier"],
        "title": _text(value.get("title")) or "",
        "uri": _text(value.get("uri")) or "",
    }


def _document(value) -> dict | None:
    if not isinstance(value, dict) or _text(value.get("identifier")) is None:
        return None
    return {
        "identifier": value["identifier"],
        "title": _text(value.get("title")),  # None: missing, the schema said so; no rule of ours repeats it
        "description": _text(value.get("description")) or "",
    }


def _item(value) -> dict | None:
    if not isinstance(value, dict) or _text(value.get("identifier")) is None:
        return None
    found = {"identifier": value["identifier"], "fullStatement": _text(value.get("fullStatement"))}
    for key in ("humanCodingScheme", "abbreviatedStatement"):
        if _text(value.get(key)) is not None:
            found[key] = value[key]
    return found


def _association(value) -> dict | None:
    if not isinstance(value, dict):
        return None
    identifier, kind = _text(value.get("identifier")), _text(value.get("associationType"))
    origin, destination = _link(value.get("originNodeURI")), _link(value.get("destinationNodeURI"))
    if identifier is None or kind is None or origin is None or destination is None:
        return None
    found = {
        "identifier": identifier,
        "associationType": kind,
        "originNodeURI": origin,
        "destinationNodeURI": destination,
    }
    sequence = value.get("sequenceNumber")
    if isinstance(sequence, int | float) and not isinstance(sequence, bool) and math.isfinite(sequence):
        found["sequenceNumber"] = sequence
    return found


def _criterion(value) -> dict | None:
    if not isinstance(value, dict):
        return None
    found = {}
    if (link := _link(value.get("CFItemURI"))) is not None:
        found["CFItemURI"] = link
    extensions = value.get("extensions")
    if isinstance(extensions, dict) and "requiredScore" in extensions:
        found["extensions"] = {"requiredScore": extensions["requiredScore"]}
    return found


def _rubric(value) -> dict | None:
    if not isinstance(value, dict):
        return None
    criteria = value.get("CFRubricCriteria")
    return {"CFRubricCriteria": [_criterion(c) for c in criteria] if isinstance(criteria, list) else []}


def _listed(package: dict, key: str) -> tuple[list, bool]:
    """The list under ``key`` (empty when absent) and whether it was readable (absent counts as readable)."""
    value = package.get(key, [])
    return (value, True) if isinstance(value, list) else ([], False)


def shaped(package) -> Shaped | None:
    """The package as the app's rules read it, or None when it has no CFDocument with a text identifier (the
    rules then have nothing to hang on)."""
    if not isinstance(package, dict) or (document := _document(package.get("CFDocument"))) is None:
        return None
    items, items_ok = _listed(package, "CFItems")
    associations, associations_ok = _listed(package, "CFAssociations")
    rubrics, _rubrics_ok = _listed(package, "CFRubrics")
    found = Shaped(
        document,
        [_item(item) for item in items],
        [_association(association) for association in associations],
        [_rubric(rubric) for rubric in rubrics],
    )
    dropped = None in found.items or None in found.associations
    found.complete = items_ok and associations_ok and not dropped and document["title"] is not None
    return found
