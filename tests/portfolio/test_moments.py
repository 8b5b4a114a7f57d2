"""One moment, one way: /verify and the submission page show when a portfolio was submitted in the
reader's time zone, which they name (UTC for anonymous readers)."""

import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import update

from journal import i18n
from journal.models import Submission, User
from tests.html import one, text_of
from tests.portfolio.conftest import log_in

SUBMITTED = datetime(2026, 12, 5, 22, 3, 40, tzinfo=UTC)  # already the 6th in Kampala


def _at_a_known_moment(query, submission) -> None:
    query(
        lambda s: (
            s.execute(update(Submission).where(Submission.id == submission.id).values(created_at=SUBMITTED)),
            s.commit(),
        )
    )


def _in_kampala(query, person) -> None:
    def move(session):
        session.get(User, person.id).timezone = "Africa/Kampala"
        session.commit()

    query(move)


def test_format_moment_names_the_zone(app):
    with app.test_request_context():
        assert i18n.format_moment(SUBMITTED) == "5 Dec 2026, 22:03 UTC"  # nobody logged in
        assert i18n.format_moment(SUBMITTED, "Africa/Kampala") == "6 Dec 2026, 01:03 (Africa/Kampala)"
        assert i18n.format_moment(SUBMITTED, "America/Sao_Paulo") == "5 Dec 2026, 19:03 (America/Sao Paulo)"
        assert i18n.format_moment(None) == ""


def test_anonymous_readers_of_verify_read_utc(client, query, submitted):
    _at_a_known_moment(query, submitted)
    html = client.get(f"/verify/{submitted.code}").text
    when = one(html, "dl.facts div", containing="Submitted on")
    assert text_of(when, "dd") == "5 Dec 2026, 22:03 UTC"
    assert one(when, "time")["datetime"] == SUBMITTED.isoformat()
    matched = client.post(
        f"/verify/{submitted.code}",
        data={"file": (io.BytesIO(submitted.document.encode()), "portfolio.json")},
        content_type="multipart/form-data",
    ).text
    assert "submitted by Amira Haddad on 5 Dec 2026, 22:03 UTC (code" in matched


def test_a_logged_in_reader_reads_their_own_zone_the_same_way_on_both_pages(
    client, auth, make, query, portfolio, submitted
):
    _at_a_known_moment(query, submitted)
    newer = make.submission(portfolio.intern, portfolio.cohort, [portfolio.clinical])
    _in_kampala(query, portfolio.reviewer)
    log_in(auth, portfolio.reviewer)
    local = "6 Dec 2026, 01:03 (Africa/Kampala)"
    verify = client.get(f"/verify/{submitted.code}").text
    assert text_of(one(verify, "dl.facts div", containing="Submitted on"), "dd") == local
    newer_at = newer.created_at.astimezone(ZoneInfo("Africa/Kampala")).strftime("%H:%M")
    assert f"{newer_at} (Africa/Kampala). This one is kept as it was." in text_of(verify)
    shown = client.get(f"/submissions/{submitted.id}").text
    assert f"Submitted {local}" in text_of(shown, "p.lead")
    assert f"{local} · {submitted.code}" in text_of(shown, "ul.submission-history")
    assert "UTC" not in text_of(shown, "p.lead") + text_of(shown, "ul.submission-history")


def test_a_file_of_another_kind_is_never_a_file_file(client, submitted):
    for path in ("/verify/", f"/verify/{submitted.code}"):
        html = client.post(
            path, data={"file": (io.BytesIO(b"plain text"), "notes.txt")}, content_type="multipart/form-data"
        ).text
        assert "This file does not match" in text_of(html)
        assert "file file" not in text_of(html)
