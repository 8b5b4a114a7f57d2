"""The progress page and "Download my journal"."""

import io
import json
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import pytest
from flask import render_template_string

from journal.entries.progress import heatmap, streaks


def d(day: int) -> date:
    return date(2026, 3, day)


@pytest.mark.parametrize(
    ("days", "today", "expected"),
    [
        (set(), d(10), (0, 0)),
        ({d(8), d(9), d(10)}, d(10), (3, 3)),
        ({d(8), d(9)}, d(10), (2, 2)),  # today not written yet: the streak is still alive
        ({d(7), d(8)}, d(10), (0, 2)),
        ({d(1), d(2), d(3), d(4), d(9), d(10)}, d(10), (2, 4)),
        ({d(10)}, d(10), (1, 1)),
    ],
)
def test_streaks(days, today, expected):
    assert streaks(days, today) == expected


def test_heatmap_is_svg_with_a_text_alternative(app):
    chart = heatmap({d(3): 2, d(4): 5}, d(2), d(15), d(10))
    with app.test_request_context():
        svg = render_template_string('{% from "macros/charts.html" import heatmap %}{{ heatmap(chart) }}', chart=chart)
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="heatmap-title">' in svg and "<desc" in svg
    assert "2 of 9 days so far have at least one entry" in svg
    assert "3 Mar: 2 entries" in svg and "4 Mar: 5 entries" in svg and "12 Mar: still to come" in svg
    assert svg.count("<rect") == 14
    assert svg.count('fill="none"') == 5  # 11 to 15 March, outlined
    assert svg.count('fill="#0f5e66"') == 1  # 4 March: four entries or more take the darkest shade


def test_heatmap_places_a_column_per_week():
    chart = heatmap({}, d(4), d(16), d(1))
    first_two = [(cell.day, cell.x, cell.y, cell.count) for cell in chart.days[:2]]
    assert first_two == [(d(4), 30, 50, None), (d(5), 30, 67, None)]  # Wednesday and Thursday rows
    assert chart.days[-1].x == 30 + 2 * 17  # Monday 16 March starts the third week
    assert (chart.width, chart.days_written, chart.days_so_far) == (3 * 17 + 30, 0, 0)
    assert chart.months == [(30, d(4))]


@pytest.fixture
def intern(make, auth):
    cohort = make.cohort(start=date.today() - timedelta(days=20), days=56, timezone="Asia/Kathmandu")
    person = make.member(cohort, "intern", timezone="Asia/Kathmandu")
    auth.login(person.email)
    return person, cohort


def _clinical(make, person, cohort, day, setting, specialty, hours):
    return make.entry(
        person, cohort, kind="clinical", occurred_on=day, setting=setting, specialty=specialty, hours=Decimal(hours)
    )


def test_progress_page_figures(client, make, intern):
    person, cohort = intern
    from journal.timezones import local_today

    today = local_today("Asia/Kathmandu")
    _clinical(make, person, cohort, today, "ward", "paediatrics", "2.5")
    _clinical(make, person, cohort, today - timedelta(days=1), "theatre", "surgery", "3")
    make.entry(person, cohort, kind="ethics", occurred_on=today - timedelta(days=2))
    make.entry(person, cohort, kind="cultural", occurred_on=today - timedelta(days=5))
    make.entry(person, cohort, kind="cultural", occurred_on=today - timedelta(days=6), deleted=True)
    other = make.member(cohort, "intern")
    make.entry(other, cohort, occurred_on=today - timedelta(days=3))
    body = client.get(f"/journal/{cohort.id}/progress").get_data(as_text=True)
    assert '<span class="stat">3</span> days in a row now' in body
    assert '<span class="stat">4</span> entries' in body
    assert '<span class="stat">5.5</span> clinical hours' in body
    assert "<td>Ward</td><td>2.5</td>" in body and "<td>Theatre</td><td>3</td>" in body
    assert "<td>Paediatrics</td><td>2.5</td>" in body
    assert "<svg" in body and "Days with entries, as a list" in body


def test_progress_query_count_does_not_grow(client, make, intern, count_queries):
    person, cohort = intern
    make.entry(person, cohort)
    few = count_queries(lambda: client.get(f"/journal/{cohort.id}/progress"))
    for n in range(30):
        make.entry(person, cohort, occurred_on=date.today() - timedelta(days=n % 15))
    assert count_queries(lambda: client.get(f"/journal/{cohort.id}/progress")) == few


def test_download_my_journal(client, make, intern):
    person, cohort = intern
    entry = make.entry(person, cohort, kind="cultural", title="Market day", body="Greetings first.", tags=("family",))
    data = {
        "title": "Market day, revised",
        "occurred_on": "2026-01-10",
        "theme": "family",
        "body": "Greetings.",
        "tags": "family",
        "base_version": "1",
    }
    from journal.models import EntryRevision

    make._save(
        lambda s: s.add(EntryRevision(entry_id=entry.id, version=1, content=s.get(type(entry), entry.id).content()))
    )
    client.post(f"/entries/{entry.id}/edit", data=data)
    make.entry(person, cohort, title="Binned", deleted=True)
    other = make.member(cohort, "intern")
    make.entry(other, cohort, title="Not mine", visibility="cohort")

    response = client.get(f"/journal/{cohort.id}/export")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    document = json.loads(archive.read("journal.json"))
    titles = {e["title"] for e in document["entries"]}
    assert titles == {"Market day, revised", "Binned"}
    market = next(e for e in document["entries"] if e["title"] == "Market day, revised")
    assert [r["title"] for r in market["revisions"]] == ["Market day", "Market day, revised"]
    assert market["tags"] == ["family"]
    names = archive.namelist()
    assert any(n.startswith("entries/") and n.endswith("market-day-revised.md") for n in names)
    assert sum(n.startswith("revisions/") for n in names) == 2  # the binned entry was built without revisions
    markdown = archive.read(next(n for n in names if n.endswith("market-day-revised.md"))).decode()
    assert markdown.startswith("# Market day, revised") and "#family" in markdown
    assert b"Not mine" not in response.data
