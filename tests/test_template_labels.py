"""Templates never restate a label or format hours by hand.

A kind's or a visibility's words live in one map (journal/models/entries.py) and templates ask for
them (``kind_label``, ``visibility_name``...); hours go through the ``hours`` filter. So a label
changed in the map changes on every page, and 12.5 hours read the same everywhere.
"""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from journal.models.entries import (
    KIND_PLURALS,
    KINDS,
    SHARED_WITH,
    VISIBILITIES,
    VISIBILITY_ACTIONS,
    VISIBILITY_NAMES,
)
from tests.html import text_of

TEMPLATE_DIR = Path(__file__).parent.parent / "templates"
TEMPLATES = sorted(path.relative_to(TEMPLATE_DIR) for path in TEMPLATE_DIR.rglob("*") if path.is_file())

# Labels of one word ("Private") are also plain words of prose, so only longer ones are looked for;
# a kind's words are found in any case ("New clinical observation"). The labels are lazy (translated
# when shown): read here in English.
ANY_CASE = [str(label) for label in (*KINDS.values(), *KIND_PLURALS.values())]
VISIBILITY_LABELS = (VISIBILITIES, VISIBILITY_NAMES, VISIBILITY_ACTIONS, SHARED_WITH)
AS_WRITTEN = [str(label) for labels in VISIBILITY_LABELS for label in labels.values()]


def _restated(text: str) -> list[str]:
    found = []
    for labels, flags in ((ANY_CASE, re.IGNORECASE), (AS_WRITTEN, 0)):
        for label in labels:
            if " " in label and re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text, flags):
                found.append(label)
    return found


def test_the_templates_are_found():
    assert len(TEMPLATES) > 50


@pytest.mark.parametrize("path", TEMPLATES, ids=str)
def test_no_template_restates_a_label(path):
    assert _restated((TEMPLATE_DIR / path).read_text(encoding="utf-8")) == []


def test_a_restated_label_is_caught():
    assert _restated("<h1>New clinical observation</h1>") == ["Clinical observation"]
    assert _restated("<button>Share with the cohort</button>") == ["Share with the cohort"]
    assert _restated("<p>Private entries stay private.</p>") == []


@pytest.mark.parametrize("path", TEMPLATES, ids=str)
def test_no_template_formats_hours_by_hand(path):
    assert not re.search(r"'%g'|\"%g\"", (TEMPLATE_DIR / path).read_text(encoding="utf-8"))


def test_pages_name_kinds_and_visibilities_from_the_map(client, make, auth):
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    make.entry(intern, cohort, kind="ethics", visibility="supervisors")
    auth.login(intern.email)
    home = client.get(f"/home/{cohort.id}").get_data(as_text=True)
    journal = client.get(f"/journal/{cohort.id}/").get_data(as_text=True)
    new = client.get(f"/journal/{cohort.id}/new?kind=cultural").get_data(as_text=True)
    assert all(str(label) in home for label in KINDS.values())
    assert str(KINDS["ethics"]) in journal and str(VISIBILITY_NAMES["supervisors"]) in journal
    assert f"<h1>New {KINDS['cultural'].lower()}</h1>" in new


def test_hours_read_as_people_write_them(client, make, auth):
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    entry = make.entry(intern, cohort, kind="clinical", hours=Decimal("2.50"))
    auth.login(intern.email)
    view = client.get(f"/entries/{entry.id}").get_data(as_text=True)
    progress = client.get(f"/journal/{cohort.id}/progress").get_data(as_text=True)
    assert "Hours 2.5" in text_of(view, "dl.facts")
    assert "2.5 clinical hours" in text_of(progress)
