"""What a problem in a CASE package is about, in words a coordinator finds in the file.

A JSON path (``$.CFItems[3]``) is exact but says nothing to a person scrolling an editor; beside it the
import page names the item (its code and a short statement), the association (origin → destination) or the
rubric criterion (the item it is for). The package is read as it came, before or after the schema check,
so every field may be missing or of any type: a name is given when one can be found, else nothing.
"""

import re

SHOWN_NAME = 60  # characters of a name shown beside a path

_ITEM = re.compile(r"^\$\.CFItems\[(\d+)\]")
_ASSOCIATION = re.compile(r"^\$\.CFAssociations\[(\d+)\]")
_RUBRIC = re.compile(r"^\$\.CFRubrics\[(\d+)\](?:\.CFRubricCriteria\[(\d+)\])?")


def cut(text: str, most: int) -> str:
    """``text`` on one line; if longer than ``most``, cut at a word boundary and ended with “…”."""
    text = " ".join(text.split())
    if len(text) <= most:
        return text
    shortened = text[: most - 1]
    if " " in shortened:
        shortened = shortened[: shortened.rindex(" ")]
    return shortened.rstrip(" ,;:.") + "…"


def _text(value) -> str:
    """``value`` if it is text, else ""."""
    return value.strip() if isinstance(value, str) else ""


def _entry(document: dict, key: str, number: int) -> dict:
    """The ``number``-th object of the list ``key``, or {} when there is none."""
    found = document.get(key)
    if isinstance(found, list) and number < len(found) and isinstance(found[number], dict):
        return found[number]
    return {}


class Namer:
    """Names what the JSON paths of one decoded package point at."""

    def __init__(self, document):
        self.document = document if isinstance(document, dict) else {}
        items = self.document.get("CFItems")
        self.items: dict[str, dict] = {}
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("identifier"), str):
                self.items.setdefault(item["identifier"].lower(), item)
        cf_document = self.document.get("CFDocument")
        cf_document = cf_document if isinstance(cf_document, dict) else {}
        self.document_id = _text(cf_document.get("identifier")).lower() or None
        self.document_title = cut(_text(cf_document.get("title")), SHOWN_NAME)

    def name(self, where: str) -> str:
        """``COM2 · Uses interpreters`` for a path under an item, ``Listening → Communication`` under an
        association, the item a rubric criterion is for; "" for any other path or when nothing names it."""
        if found := _ITEM.match(where):
            return self.item(_entry(self.document, "CFItems", int(found.group(1))))
        if found := _ASSOCIATION.match(where):
            association = _entry(self.document, "CFAssociations", int(found.group(1)))
            origin, destination = (self.node(association.get(end)) for end in ("originNodeURI", "destinationNodeURI"))
            return f"{origin or '?'} → {destination or '?'}" if origin or destination else ""
        if found := _RUBRIC.match(where):
            rubric = _entry(self.document, "CFRubrics", int(found.group(1)))
            if found.group(2) is None:
                return cut(_text(rubric.get("title")), SHOWN_NAME)
            criterion = _entry(rubric, "CFRubricCriteria", int(found.group(2)))
            return self.node(criterion.get("CFItemURI")) or cut(_text(criterion.get("description")), SHOWN_NAME)
        return ""

    def item(self, item: dict) -> str:
        """An item's code and its short statement (else its full one), cut to SHOWN_NAME."""
        code = _text(item.get("humanCodingScheme"))
        statement = _text(item.get("abbreviatedStatement")) or _text(item.get("fullStatement"))
        return cut(" · ".join(part for part in (code, statement) if part), SHOWN_NAME)

    def node(self, link) -> str:
        """What a link points at: the package's own item by name, else the title the link gives it."""
        if not isinstance(link, dict):
            return ""
        identifier = link.get("identifier")
        item = self.items.get(identifier.lower()) if isinstance(identifier, str) else None
        named = self.item(item) if item else ""
        if named:
            return named
        if isinstance(identifier, str) and identifier.lower() == self.document_id:
            return self.document_title
        return cut(_text(link.get("title")), SHOWN_NAME)
