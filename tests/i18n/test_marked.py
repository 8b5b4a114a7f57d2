"""No user-visible text outside a translation call (issue #16).

A small checker of our own, over the sources rather than rendered pages, so it sees every branch of every
template and every message a view can flash, whether or not a test reaches it:

- templates: the text between tags and the attributes people read (``title``, ``alt``, ``placeholder``,
  ``aria-label``, a button's ``value``) once Jinja's own parts are taken out — ``{{ … }}``, ``{% … %}``,
  comments and whole ``{% trans %}`` blocks — must hold no word;
- Python: ``flash()``, WTForms fields' labels and descriptions, validators' ``message=``, ``ValidationError``
  and select choices' labels must not be plain strings or f-strings (they are ``_()`` or ``_l()`` calls).

The checker is tested on sentences of its own first, so that it cannot pass by seeing nothing.
"""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
PACKAGE = ROOT / "journal"
# Python that never speaks to people: demo and test data, commands for whoever runs the server, the detector's
# word lists and patterns (its reasons, in deid/finding.py, are checked).
NOT_SHOWN = ("seed/", "cli.py", "backup.py", "deid/")
SHOWN_IN_DEID = ("deid/finding.py",)

# Words that are the same in every language: the product's name, and formats known by their own names.
SAME_IN_EVERY_LANGUAGE = {"Intern Journal", "PDF", "JSON", "CSV", "CLR", "ZIP", "Markdown", "SHA-256", "UTC", "Leap2A"}

JINJA_COMMENT = re.compile(r"{#.*?#}", re.S)
TRANS_BLOCK = re.compile(r"{%-?\s*trans\b.*?{%-?\s*endtrans\s*-?%}", re.S)
TAG_NAME_PART = re.compile(r"(</?){{.*?}}")
JINJA_PART = re.compile(r"{{.*?}}|{%.*?%}", re.S)
WORD = re.compile(r"[^\W\d_]{2,}")
READ_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description", "aria-roledescription"}
# What stands for a Jinja part: a valid attribute name inside a tag (``<tr{% if x %} class="y"{% endif %}>``),
# and no word in text.
HOLE = " _0_ "


def _has_words(text: str) -> bool:
    text = " ".join(text.replace(HOLE.strip(), " ").split())
    for same in SAME_IN_EVERY_LANGUAGE:
        text = text.replace(same, " ")
    return bool(WORD.search(text))


def _shown(text: str) -> str:
    return " ".join(text.replace(HOLE.strip(), "…").split())


class _Reader(HTMLParser):
    """Collects the text and the read attributes of an HTML page whose Jinja parts are holes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        values = dict(attrs)
        for name, value in attrs:
            is_button_text = name == "value" and tag == "input" and values.get("type") in ("submit", "button")
            if value and (name in READ_ATTRIBUTES or is_button_text) and _has_words(value):
                self.found.append(f'{name}="{_shown(value)}"')

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and _has_words(data):
            self.found.append(_shown(data))


def unmarked_in_template(source: str) -> list[str]:
    """The texts of a template that no translation call wraps."""
    source = JINJA_COMMENT.sub("", source)
    source = TRANS_BLOCK.sub(HOLE, source)
    source = TAG_NAME_PART.sub(r"\1x-tag", source)  # <{{ heading }} class="…">: a tag whose name is chosen
    source = JINJA_PART.sub(HOLE, source)
    reader = _Reader()
    reader.feed(source)
    reader.close()
    return reader.found


def _is_plain_text(node) -> bool:
    """A string people would read, written in place: a literal with a word, an f-string, or a sum of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _has_words(node.value)
    if isinstance(node, ast.JoinedStr):  # an f-string: its own words, not the values it puts together
        return any(_is_plain_text(part) for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _is_plain_text(node.left) or _is_plain_text(node.right)
    return False


def _called(node: ast.Call) -> str:
    function = node.func
    return function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")


def unmarked_in_python(source: str) -> list[str]:
    """The messages of a module that no translation call wraps, as ``line: call``."""
    found = []
    calls = [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)]
    for node in sorted(calls, key=lambda call: (call.lineno, call.col_offset)):
        name = _called(node)
        shown = []
        if name in ("flash", "ValidationError") and node.args:
            shown.append(node.args[0])
        if name.endswith("Field") and node.args:
            shown.append(node.args[0])
        if name == "SelectChoice" and len(node.args) > 1:
            shown.append(node.args[1])
        shown += [keyword.value for keyword in node.keywords if keyword.arg in ("message", "label", "description")]
        found += [f"{node.lineno}: {name}(…)" for value in shown if _is_plain_text(value)]
    return found


def test_the_template_checker_finds_text_and_attributes_and_passes_marked_text():
    found = unmarked_in_template(
        '<h1>{{ _("Your journal") }}</h1><p>Plain words</p><img alt="A chart" src="{{ x }}">'
        '<input type="submit" value="Save"><p>{% trans trimmed n=3 %}{{ n }} entries{% endtrans %}</p>'
        "<p>{{ entry.title }} · 3</p><script>let shown = 'not text';</script>{# a comment #}"
        '<button aria-label="{{ _("Close") }}">×</button><span title="Hours: {{ h }}"></span>'
    )
    assert found == ["Plain words", 'alt="A chart"', 'value="Save"', 'title="Hours: …"']


def test_the_python_checker_finds_plain_messages_and_passes_marked_ones():
    found = unmarked_in_python(
        "flash('Saved.')\n"
        "flash(_('Saved.'))\n"
        "flash(f'Saved {n}.')\n"
        "name = StringField('Name', validators=[Length(max=3, message='Too long')])\n"
        "title = StringField(_l('Title'), description=_l('Shown to readers'))\n"
        "raise ValidationError('No such cohort')\n"
        "choice = SelectChoice('en', 'English ' + suffix)\n"
        "flash(message)\n"
        "level = SelectChoice(n, f'{n} · {words}')\n"
    )
    assert found == [
        "1: flash(…)",
        "3: flash(…)",
        "4: StringField(…)",
        "4: Length(…)",
        "6: ValidationError(…)",
        "7: SelectChoice(…)",
    ]


def _templates():
    return sorted(path for path in TEMPLATES.rglob("*") if path.suffix in (".html", ".txt"))


def _modules():
    def shown(path: Path) -> bool:
        relative = path.relative_to(PACKAGE).as_posix()
        return relative in SHOWN_IN_DEID or not relative.startswith(NOT_SHOWN)

    return sorted(path for path in PACKAGE.rglob("*.py") if shown(path))


@pytest.mark.parametrize("path", _templates(), ids=lambda path: str(path.relative_to(TEMPLATES)))
def test_every_text_of_a_template_is_marked(path):
    assert unmarked_in_template(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_every_message_of_a_module_is_marked(path):
    assert unmarked_in_python(path.read_text(encoding="utf-8")) == []
