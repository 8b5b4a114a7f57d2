"""Reading pages in tests: what a person sees and what a browser would send, found by parsing the
HTML (BeautifulSoup with the standard library's parser) rather than by matching its text.

Every helper takes a page as text or an element already found, so a test can narrow down first
(``one(page, "ol.comment-replies")``) and read inside it. A helper that expects exactly one element
fails the test with what it found when the page has none or several.
"""

from dataclasses import dataclass, field

from bs4 import BeautifulSoup, SoupStrainer, Tag

_NOT_SENT = ("submit", "button", "image", "file", "reset")


def page(html: str | Tag) -> Tag:
    """The parsed document (an element is returned as it is)."""
    return html if isinstance(html, Tag) else BeautifulSoup(html, "html.parser")


def text_of(html: str | Tag, selector: str | None = None) -> str:
    """The text of the page, or of the one element ``selector`` matches, whitespace collapsed; an
    element's boundary counts as a space, and visually hidden text is included."""
    found = one(html, selector) if selector else page(html)
    return " ".join(found.get_text(" ").split())


def texts(html: str | Tag, selector: str) -> list[str]:
    """The text of every element ``selector`` matches, in page order, whitespace collapsed."""
    return [text_of(element) for element in page(html).select(selector)]


def one(html: str | Tag, selector: str, containing: str | None = None) -> Tag:
    """The one element ``selector`` matches (among those whose text holds ``containing``, when
    given); AssertionError unless there is exactly one."""
    found = page(html).select(selector)
    if containing is not None:
        found = [element for element in found if containing in text_of(element)]
    assert len(found) == 1, f"{len(found)} elements match {selector!r} (holding {containing!r}): {found}"
    return found[0]


def attributes(html: str | Tag, selector: str, name: str) -> list[str]:
    """The attribute ``name`` of every element ``selector`` matches that has it, in page order."""
    return [element[name] for element in page(html).select(selector) if element.has_attr(name)]


def meta(html: str | Tag, name: str) -> str | None:
    """The content of the page's ``<meta name=...>`` (None when it has none)."""
    found = page(html).find("meta", attrs={"name": name})
    return found.get("content") if found else None


def links(html: str | Tag) -> list[str]:
    """The addresses of the page's ``<a href>`` links, as written, in page order."""
    return [anchor["href"] for anchor in page(html).find_all("a", href=True) if anchor["href"]]


def rows(html: str | Tag, table: str = "table") -> list[list[str]]:
    """The body rows of the one table ``table`` matches, each as the text of its cells."""
    found = one(html, table)
    return [
        [text_of(cell) for cell in row.find_all(["th", "td"], recursive=False)]
        for row in found.select(":scope > tbody > tr")
    ]


def field_value(html: str | Tag, name: str) -> str:
    """What the page's one field called ``name`` would send (AssertionError unless it sends
    exactly one value)."""
    sent = [value for form in forms(html) for field_name, value in form.fields if field_name == name]
    assert len(sent) == 1, f"the field {name!r} sends {sent}"
    return sent[0]


def csrf_token(html: str | Tag) -> str:
    """The CSRF token a form of the page sends (the first form that has one)."""
    found = attributes(html, 'form input[name="csrf_token"]', "value")
    assert found, "no form on the page carries a CSRF token"
    return found[0]


@dataclass
class Form:
    """A form on a page: where it goes, how, and the fields a browser would send as they stand."""

    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    text_inputs: list[str] = field(default_factory=list)
    # Every value each checkbox, radio button or select may send, ticked or not.
    options: dict[str, list[str]] = field(default_factory=dict)


def forms(html: str | Tag) -> list[Form]:
    """The page's forms, in page order, each with what a browser would send if it were submitted
    now (no button pressed): named fields that are not disabled; ticked boxes only; the selected
    options, or a single select's first; a textarea's text without its first newline."""
    return [_form(element) for element in page(html).find_all("form")]


def links_and_forms(html: str) -> tuple[list[str], list[Form]]:
    """``links(html)`` and ``forms(html)``, parsing only those elements (a third quicker: what a
    crawler reading hundreds of pages needs)."""
    found = BeautifulSoup(html, "html.parser", parse_only=SoupStrainer(["a", "form"]))
    return links(found), forms(found)


def _form(element: Tag) -> Form:
    form = Form(element.get("action", ""), element.get("method", "get").upper())
    for control in element.find_all(["input", "select", "textarea"], attrs={"name": True}):
        if control.has_attr("disabled"):
            continue
        name = control["name"]
        if control.name == "textarea":
            text = control.get_text()
            form.fields.append((name, text[2:] if text.startswith("\r\n") else text.removeprefix("\n")))
        elif control.name == "select":
            _select(form, name, control)
        else:
            _input(form, name, control)
    return form


def _input(form: Form, name: str, control: Tag) -> None:
    kind = control.get("type", "text").lower()
    if kind in _NOT_SENT:
        return
    value = control.get("value", "on" if kind in ("checkbox", "radio") else "")
    if kind in ("checkbox", "radio"):
        form.options.setdefault(name, []).append(value)
        if not control.has_attr("checked"):
            return
    form.fields.append((name, value))
    if kind in ("text", "search"):
        form.text_inputs.append(name)


def _select(form: Form, name: str, control: Tag) -> None:
    options = control.find_all("option")
    values = [option.get("value", " ".join(option.get_text().split())) for option in options]
    form.options.setdefault(name, []).extend(values)
    chosen = [value for option, value in zip(options, values, strict=True) if option.has_attr("selected")]
    if not chosen and values and not control.has_attr("multiple"):
        chosen = values[:1]
    form.fields += [(name, value) for value in chosen]
