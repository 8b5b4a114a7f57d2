"""What a search result shows (issue #17): a plain-text excerpt of the entry (its Markdown read, not shown)
with the words searched for marked and anything typed as HTML shown as text, the date the entry happened
in the reader's language, its kind; and one search box, the same on every page that has it."""

from datetime import date

import pytest
from flask_babel import force_locale

from journal import search
from journal.i18n import format_date
from journal.models.entries import KINDS
from tests.html import one, texts

MARKDOWN = """## What happened

I watched **a lumbar puncture** on a _febrile_ toddler with the [WHO pocket book](https://who.int/pocket).

- asked the mother for consent
- 1. then waited

> The registrar said `LP` twice.
"""


def write(app, person, cohort, title: str, body: str, kind: str = "clinical", on: date = date(2026, 1, 5)) -> int:
    """Save an entry through the service (so it is indexed, as every saved entry is); its id."""
    from journal.entries import services
    from journal.extensions import db
    from journal.models import Cohort, User

    with app.app_context():
        fields = {"title": title, "body": body, "occurred_on": on}
        fields |= {"theme": "other"} if kind == "cultural" else {}
        author, place = db.session.get(User, person.id), db.session.get(Cohort, cohort.id)
        entry = services.create_entry(author, place, kind, fields, [])
        db.session.commit()
        return entry.id


def hits(client, cohort, query: str):
    """The search page for ``query`` (its HTML)."""
    page = client.get(f"/journal/{cohort.id}/search", query_string={"q": query})
    assert page.status_code == 200
    return page.get_data(as_text=True)


def test_the_excerpt_is_plain_text_with_the_words_marked(app, client, intern):
    person, cohort = intern
    write(app, person, cohort, "Lumbar puncture", MARKDOWN)
    card = one(hits(client, cohort, "consent"), ".search-hit")
    excerpt = one(card, ".search-excerpt")
    text = " ".join(excerpt.get_text(" ").split())
    for syntax in ("##", "**", "_febrile_", "](", "https://", "- asked", "1.", "> The", "`"):
        assert syntax not in text, f"{syntax!r} left in {text!r}"
    assert text == (
        "…a lumbar puncture on a febrile toddler with the WHO pocket book. "
        "asked the mother for consent · then waited · The registrar said LP twice."
    )
    assert [mark.get_text() for mark in excerpt.select("mark")] == ["consent"]


def test_the_excerpt_is_taken_around_the_words_searched_for(app, client, intern):
    person, cohort = intern
    before = " ".join(f"filler{n}" for n in range(60))
    write(app, person, cohort, "A long day", f"{before} the **interpreter** arrived late. {before}")
    excerpt = one(hits(client, cohort, "interpreter"), ".search-excerpt").get_text()
    assert excerpt.startswith("…") and excerpt.endswith("…")
    assert "interpreter arrived late." in excerpt
    assert len(excerpt.split()) <= search.EXCERPT_WORDS


def test_html_typed_into_an_entry_is_shown_as_text_not_run(app, client, intern):
    person, cohort = intern
    write(app, person, cohort, "<b>Bold</b> ward", 'The <img src=x onerror="alert(1)"> ward <script>alert(2)</script>')
    body = hits(client, cohort, "ward")
    card = one(body, ".search-hit")
    assert card.select("img, script, b") == []
    assert "&lt;img src=x onerror=" in body and "&lt;script&gt;alert(2)&lt;/script&gt;" in body
    assert [m.get_text() for m in card.select("mark")] == ["ward", "ward"]  # in the title and in the text


def test_each_result_shows_the_date_and_kind_in_the_readers_language(app, client, make, auth):
    cohort = make.cohort()
    person = make.member(cohort, "intern", locale="fr")
    auth.login(person.email)
    write(app, person, cohort, "Market talk", "Bed nets and handwashing.", kind="cultural", on=date(2026, 3, 14))
    card = one(hits(client, cohort, "nets"), ".search-hit")
    with app.test_request_context(), force_locale("fr"):
        day, kind = format_date(date(2026, 3, 14)), str(KINDS["cultural"])
    assert kind != "Cultural reflection"  # the test means something only if French differs
    meta = " ".join(one(card, "p.muted").get_text(" ").split())
    assert meta == f"{day} · {kind}"
    assert one(card, ".badge").get("class") == ["badge", "kind-cultural"]


def test_a_match_in_the_title_alone_shows_the_beginning_of_the_text(app, client, intern):
    person, cohort = intern
    write(app, person, cohort, "Oxygen concentrator", "## Situation\n\nIt failed twice in the night.")
    excerpt = one(hits(client, cohort, "oxygen"), ".search-hit .search-excerpt").get_text()
    assert excerpt == "Situation · It failed twice in the night."


@pytest.mark.parametrize("path", ["/journal/{cohort}/", "/journal/{cohort}/search", "/journal/{cohort}/search?q=x"])
def test_the_search_box_is_the_same_wherever_it_is(client, intern, path):
    person, cohort = intern
    body = client.get(path.format(cohort=cohort.id)).get_data(as_text=True)
    box = one(body, "form[role=search]")
    assert box.get("action") == f"/journal/{cohort.id}/search"
    assert texts(box, "label") == ["Search my entries"]
    assert one(box, "input[type=search]").get("placeholder") == "e.g. consent interpreter"
    assert texts(box, "button") == ["Search"]
