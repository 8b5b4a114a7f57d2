"""The cohort export's page says where the export stands in the right words for each state, with real
counts and plural forms, and the same words reach its script."""

from datetime import timedelta

import pytest
from sqlalchemy import update

from journal.models import ExportJob
from journal.models.types import utcnow
from tests.html import one, page, text_of
from tests.portfolio.conftest import log_in


@pytest.fixture
def job(make, portfolio, query):
    """A way to make an export job in any state: ``job(status, **columns)``."""

    def build(status: str, **values):
        found = make.export_job(portfolio.cohort, portfolio.reviewer, status=status)
        if values:
            query(lambda s: (s.execute(update(ExportJob).where(ExportJob.id == found.id).values(**values)), s.commit()))
        return found

    return build


def _shown(client, found) -> tuple[str, str, list[str]]:
    """The page's progress line, the script's line for the same moment, and the help shown (not hidden)."""
    html = client.get(f"/exports/{found.id}").text
    state = client.get(f"/exports/{found.id}/progress").get_json()
    helps = [text_of(p) for p in page(html).select("section.export-job p.help") if not p.has_attr("hidden")]
    return text_of(html, "[data-label]"), state["label"], helps


@pytest.mark.parametrize(
    ("status", "values", "words"),
    [
        ("queued", {}, "Waiting to start…"),
        ("running", {"total": 0, "done": 0}, "Starting: finding each intern's latest portfolio…"),
        ("running", {"total": 2, "done": 0}, "Building: 0 of 1 portfolio added."),
        ("running", {"total": 4, "done": 1}, "Building: 1 of 3 portfolios added."),
        ("running", {"total": 4, "done": 3}, "Building: adding the credit summary…"),
    ],
)
def test_an_export_being_built_says_how_far_it_has_come(client, auth, portfolio, job, status, values, words):
    log_in(auth, portfolio.reviewer)
    label, script, helps = _shown(client, job(status, **values))
    assert label == script == words
    assert "0 of 0" not in label
    assert helps == ["You can leave this page: the export keeps being built and stays listed on the portfolios page."]


def test_a_ready_export_says_what_it_holds_and_not_that_it_is_being_built(client, auth, portfolio, job):
    log_in(auth, portfolio.reviewer)
    ready = job("done", total=3, done=3)
    label, script, helps = _shown(client, ready)
    assert label == script
    assert label.startswith("Ready: 2 portfolios and the credit summary, ") and label.endswith(" KB.")
    assert helps == [
        "The zip stays listed on the portfolios page while it is among the latest 5 exports of the cohort."
    ]
    html = client.get(f"/exports/{ready.id}").text
    assert "keeps being built" not in text_of(html)
    assert not one(html, "a[data-download]").has_attr("hidden")
    single = job("done", total=2, done=2)
    assert _shown(client, single)[0].startswith("Ready: 1 portfolio and the credit summary, ")


def test_a_finished_export_that_is_gone_a_failed_one_and_a_stalled_one_say_so(client, auth, portfolio, job):
    log_in(auth, portfolio.reviewer)
    gone = job("done", content=None, size=None)
    label, _, helps = _shown(client, gone)
    assert label == "This export is no longer kept: only the latest 5 are. Start a new one." and helps == []
    failed = job("failed", error="build_failed")
    label, _, helps = _shown(client, failed)
    assert label.startswith("The export could not be built.") and helps == []
    stalled = job("running", total=3, done=1, created_at=utcnow() - timedelta(hours=2))
    label, script, helps = _shown(client, stalled)
    assert label == script
    assert label == "It has not finished in over an hour, so it has probably stopped: start it again."
    assert helps == []
    assert "Start again" in client.get(f"/exports/{stalled.id}").text
