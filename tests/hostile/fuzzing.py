"""How a form route is fuzzed: its fields and what each accepts, plans of what to send (drawn by
Hypothesis, plus a fixed sweep), and the form data a plan becomes.

The routes' own specs are in ``specs.py``.
"""

import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from hypothesis import strategies as st
from werkzeug.datastructures import FileStorage, MultiDict

from journal import create_app
from tests.hostile import values as hv


@dataclass
class Context:
    """The test's world: the app, the people by role, the ids the route paths need, a ``make`` builder."""

    app: object
    people: dict
    values: dict
    make: object

    def query(self, fn):
        """Run ``fn(session)`` in an application context."""
        from journal.extensions import db

        with self.app.app_context():
            return fn(db.session)


Valid = tuple | Callable[[Context], str | list[str]]


@dataclass(frozen=True)
class Field:
    """One form field: its kind (how it is fuzzed), values the form accepts, and how it is stored.

    ``valid`` is a tuple of accepted values (a list for a multiple choice) or a function of the
    world returning one. ``echo`` maps a sent value to the text stored for it when the form is
    accepted (None: not stored as text, e.g. a password or a choice).
    """

    kind: str
    valid: Valid = ("",)
    echo: Callable[[str], str | None] | None = None


@dataclass(frozen=True)
class FormSpec:
    """A form route: its fields (and query-string fields), whom to send it as, and its budget.

    ``saves``: an accepted request changes the database (False for previews and checks, which must
    change nothing). ``prepare`` runs before each request and may return path values to use
    instead of the world's (a fresh invitation, for instance).
    """

    fields: dict[str, Field]
    examples: int = 6
    query: dict[str, Field] = field(default_factory=dict)
    saves: bool = True
    prepare: Callable[[Context], dict] | None = None
    path: str | None = None
    person: str | None = None  # whom to send it as, instead of the route level's usual person
    sweep: bool = True  # also send the SWEEP values, every example run (see ``sweep``)


@dataclass(frozen=True)
class ValidValue:
    """Stands for the field's valid value number ``index``."""

    index: int = 0


def strip(value: str) -> str:
    """What a field that trims surrounding space stores."""
    return value.strip()


def same(value: str) -> str:
    """What a field stored as typed stores."""
    return value


def strip_optional(value: str) -> str | None:
    """What an optional field that trims stores: the trimmed text, or nothing (None) when blank."""
    return value.strip() or None


def _file(content: bytes, filename: str) -> tuple[bytes, str]:
    return (content, filename)


def _hostile(kind: str) -> st.SearchStrategy:
    """Values sent for a field of ``kind``."""
    if kind in ("text", "password"):
        return hv.hostile_text()
    if kind == "email":
        return hv.hostile_email()
    if kind == "date":
        return hv.hostile_date()
    if kind in ("int", "decimal"):
        return hv.hostile_number()
    if kind in ("id", "ids", "choice", "choices", "bool"):
        return st.one_of(hv.hostile_id(), hv.hostile_text())
    if kind == "file":
        return st.one_of(
            hv.hostile_text(),  # text where a file belongs
            st.builds(_file, st.binary(max_size=300), st.sampled_from(["x.csv", "x.json", "x.png", "", "../../x.csv"])),
            st.builds(
                _file,
                hv.hostile_text().map(lambda text: text.encode("utf-8", "surrogatepass")),
                st.sampled_from(["roster.csv", "framework.json", "a\x00b.csv", "очень.csv"]),
            ),
        )
    raise ValueError(f"unknown field kind {kind}")


def _valid(field_: Field) -> st.SearchStrategy[ValidValue]:
    count = len(field_.valid) if isinstance(field_.valid, tuple) else 1
    return st.integers(0, count - 1).map(ValidValue)


def _items(field_: Field) -> st.SearchStrategy[tuple]:
    """What is sent for a fuzzed field: one hostile value, nothing, or the name twice."""
    one = st.one_of(_valid(field_), _hostile(field_.kind))
    return st.one_of(
        _hostile(field_.kind).map(lambda value: (value,)),
        st.just(()),
        st.tuples(one, one),
    )


EXTRA_NAMES = ["is_admin", "author_id", "cohort_id", "user_id", "visibility", "version", "id", "role", "status"]


@st.composite
def plans(draw, spec: FormSpec) -> dict:
    """A plan for one request: for each field what to send (valid values, hostile ones, or none),
    plus unknown extra fields."""
    every = {("form", name): f for name, f in spec.fields.items()}
    every.update({("query", name): f for name, f in spec.query.items()})
    names = sorted(every)
    fuzzed = set(draw(st.lists(st.sampled_from(names), unique=True, max_size=3))) if names else set()
    plan = {}
    for name in names:
        plan[name] = draw(_items(every[name])) if name in fuzzed else (draw(_valid(every[name])),)
    extra_names = st.sampled_from(EXTRA_NAMES) | st.text(min_size=1, max_size=8)
    extras = draw(st.dictionaries(extra_names, hv.hostile_text(), max_size=2))
    return {"plan": plan, "extras": extras}


TEXT_KINDS = ("text", "password")
NUMBER_KINDS = ("int", "decimal", "id", "ids")
# Sent to every route on every run (CI included), one field at a time, the other fields valid, so
# that a value which breaks saving is sure to reach the database: in a text field, a bit of every
# kind of trouble at once, then a huge text; in a number or id field, numbers no column holds; in
# any other field (a choice, a date, an email, a file), text with NUL and markup.
SWEEP = {
    "text": [
        " <script>alert(1)</script>'; DROP TABLE users;-- a\x00b\x01\x1b[31m مرحبا 你好 Привет 👩🏽‍⚕️ \u202eabc\u200b ",
        hv.HUGE_MIXED,
    ],
    "number": [str(2**64), "1e309", "sNaN"],
    "other": ["a\x00b'<b>--@example.org"],
}


def _sweep_values(kind: str) -> list[str]:
    if kind in TEXT_KINDS:
        return SWEEP["text"]
    return SWEEP["number"] if kind in NUMBER_KINDS else SWEEP["other"]


def sweep(spec: FormSpec) -> list[dict]:
    """The plans that send each SWEEP value in one field, the others valid."""
    every = {("form", name): f for name, f in spec.fields.items()}
    every.update({("query", name): f for name, f in spec.query.items()})
    found = []
    for fuzzed, field_ in sorted(every.items()) if spec.sweep else []:
        for value in _sweep_values(field_.kind):
            plan = {name: (value,) if name == fuzzed else (ValidValue(0),) for name in sorted(every)}
            found.append({"plan": plan, "extras": {}})
    return found


def sent_text(value: str) -> str:
    """What the app reads of a text sent to it: NUL characters are removed as requests are read
    (journal/incoming.py)."""
    return value.replace("\x00", "")


def resolve(field_: Field, item, context: Context):
    """The value(s) to send for one planned item."""
    if not isinstance(item, ValidValue):
        return item
    if isinstance(field_.valid, tuple):
        return field_.valid[item.index]
    return field_.valid(context)


def _as_sent(value):
    """A file planned as (bytes, name) becomes an upload."""
    if isinstance(value, tuple):
        return FileStorage(io.BytesIO(value[0]), filename=value[1], content_type="application/octet-stream")
    return value


def materialise(spec: FormSpec, drawn: dict, context: Context) -> tuple[MultiDict, MultiDict, dict[str, str]]:
    """The form data and query string to send, and for each echoed field the text it must be stored as."""
    form, query, expected = MultiDict(), MultiDict(), {}
    for (where, name), items in drawn["plan"].items():
        field_ = (spec.fields if where == "form" else spec.query)[name]
        target = form if where == "form" else query
        sent = []
        for item in items:
            value = resolve(field_, item, context)
            for one in value if isinstance(value, list) else [value]:
                target.add(name, _as_sent(one))
                sent.append(one)
        if field_.echo is not None and sent and isinstance(sent[0], str):
            stored = field_.echo(sent_text(sent[0]))
            if stored is not None:
                expected[name] = stored
    for name, value in drawn["extras"].items():
        if name not in spec.fields:
            form.add(name, value)
    return form, query, expected


def served_routes() -> set[tuple[str, str]]:
    """Every (endpoint, method) the app serves, read from a throwaway app's URL map."""
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    rules = app.url_map.iter_rules()
    return {(rule.endpoint, method) for rule in rules for method in rule.methods - {"HEAD", "OPTIONS"}}


def budget(examples: int) -> int:
    """A route's number of examples, scaled by ``HOSTILE_SCALE`` (default 1)."""
    return max(1, round(examples * float(os.environ.get("HOSTILE_SCALE", "1"))))


def default_spec(sample: dict) -> FormSpec:
    """The spec of a route known only from the access table: its sample data, each field fuzzed as text."""
    return FormSpec({name: Field("text", (value,)) for name, value in sample.items()}, examples=6)
