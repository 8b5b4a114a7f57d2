"""The review queue: shared entries with no supervisor feedback yet, and marking an entry reviewed."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from journal.models import AuditEvent, Entry, EntryReview
from journal.models.types import utcnow
from tests.html import attributes, one, text_of, texts


def queue_titles(page: str) -> list[str]:
    """The entry titles in the queue, in order."""
    return texts(page, 'h2 > a[href^="/entries/"]')


def shared_audit(query, entry, when):
    """Record that the entry was shared at ``when`` (as sharing it through the page would)."""
    query(
        lambda s: (
            s.add(
                AuditEvent(
                    actor_id=entry.author_id,
                    action="entry.shared",
                    object_type="entry",
                    object_id=entry.id,
                    cohort_id=entry.cohort_id,
                    details={},
                    created_at=when,
                )
            ),
            s.commit(),
        )
    )


def test_the_queue_holds_what_waits_for_feedback_oldest_share_first(client, auth, make, query, team):
    cohort, intern, fellow = team["cohort"], team["intern"], team["fellow"]
    now = utcnow()
    late = make.entry(intern, cohort, visibility="supervisors", title="Shared yesterday", created_at=now - timedelta(9))
    oldest = make.entry(fellow, cohort, visibility="cohort", title="Written long ago", created_at=now - timedelta(5))
    middle = make.entry(intern, cohort, visibility="cohort", title="Fellow replied", created_at=now - timedelta(3))
    shared_audit(query, late, now - timedelta(days=1))
    make.comment(middle, fellow, body="Me too")
    make.comment(middle, intern, body="Thanks")
    make.entry(intern, cohort, title="Still private")
    make.entry(intern, cohort, visibility="supervisors", title="In the bin", deleted=True)
    commented = make.entry(intern, cohort, visibility="supervisors", title="Another supervisor commented")
    make.comment(commented, team["other_supervisor"])
    reviewed = make.entry(fellow, cohort, visibility="supervisors", title="Marked reviewed")
    query(lambda s: (s.add(EntryReview(entry_id=reviewed.id, reviewer_id=team["other_supervisor"].id)), s.commit()))
    other = make.cohort()
    make.entry(make.member(other, "intern"), other, visibility="supervisors", title="Another cohort")

    auth.login(team["supervisor"].email)
    page = client.get(f"/review/{cohort.id}/queue").get_data(as_text=True)
    assert queue_titles(page) == ["Written long ago", "Fellow replied", "Shared yesterday"]
    # A title opens the entry at its top, to be read first, not at the comment box below it.
    assert attributes(page, "h2 > a", "href") == [f"/entries/{e.id}" for e in (oldest, middle, late)]
    item = text_of(one(page, "li.queue-item", containing="Fellow replied"))
    assert "2 comments" in item
    assert "Amira Haddad" in text_of(page) and "Bruno Costa" in text_of(page)
    assert page.count("<h1") == 1


def test_an_empty_queue_says_so(client, auth, team):
    auth.login(team["supervisor"].email)
    page = client.get(f"/review/{team['cohort'].id}/queue").get_data(as_text=True)
    assert "Nothing waits for your feedback" in page


def test_the_queue_is_paginated_and_its_query_count_is_fixed(client, auth, make, team, count_queries):
    cohort = team["cohort"]
    for n in range(3):
        make.entry(team["intern"], cohort, visibility="supervisors", title=f"Shared {n:02}")
    auth.login(team["supervisor"].email)
    few = count_queries(lambda: client.get(f"/review/{cohort.id}/queue"))
    for n in range(3, 25):
        make.entry(team["intern"], cohort, visibility="supervisors", title=f"Shared {n:02}")
    many = count_queries(lambda: client.get(f"/review/{cohort.id}/queue"))
    assert few == many
    first = client.get(f"/review/{cohort.id}/queue").get_data(as_text=True)
    second = client.get(f"/review/{cohort.id}/queue?page=2").get_data(as_text=True)
    assert len(queue_titles(first)) == 20 and len(queue_titles(second)) == 5
    assert set(queue_titles(first)) | set(queue_titles(second)) == {f"Shared {n:02}" for n in range(25)}
    assert "Page 1 of 2" in first


def test_marking_reviewed_takes_the_entry_off_the_queue(client, auth, make, query, team):
    cohort = team["cohort"]
    entry = make.entry(team["intern"], cohort, visibility="supervisors", title="Read me", body="SECRET-BODY")
    auth.login(team["supervisor"].email)
    response = client.post(f"/entries/{entry.id}/reviewed", data={"next": f"/review/{cohort.id}/queue?page=1"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/review/{cohort.id}/queue?page=1"
    page = client.get(f"/review/{cohort.id}/queue").get_data(as_text=True)
    assert "“Read me” is marked reviewed." in page
    assert queue_titles(page) == []
    events = query(lambda s: s.scalars(select(AuditEvent).where(AuditEvent.action == "entry.reviewed")).all())
    assert [(e.actor_id, e.object_type, e.object_id, e.cohort_id) for e in events] == [
        (team["supervisor"].id, "entry", entry.id, cohort.id)
    ]
    assert "SECRET" not in str(events[0].details)
    # Again: nothing new is recorded.
    client.post(f"/entries/{entry.id}/reviewed")
    assert query(lambda s: len(s.scalars(select(EntryReview)).all())) == 1
    assert query(lambda s: len(s.scalars(select(AuditEvent).where(AuditEvent.action == "entry.reviewed")).all())) == 1
    page = client.get(f"/entries/{entry.id}").get_data(as_text=True)
    assert "Marked reviewed by" in page and "Dr Mwangi" in page
    assert f'action="/entries/{entry.id}/reviewed"' not in page


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""])
def test_mark_reviewed_goes_back_only_to_local_pages(client, auth, make, team, target):
    entry = make.entry(team["intern"], team["cohort"], visibility="supervisors")
    auth.login(team["supervisor"].email)
    response = client.post(f"/entries/{entry.id}/reviewed", data={"next": target})
    assert response.headers["Location"] == f"/review/{team['cohort'].id}/queue"


def test_a_later_page_emptied_by_marking_goes_to_the_last_page(client, auth, make, team):
    for _ in range(21):
        make.entry(team["intern"], team["cohort"], visibility="supervisors")
    auth.login(team["supervisor"].email)
    page = client.get(f"/review/{team['cohort'].id}/queue?page=2").text
    last = attributes(page, 'h2 > a[href^="/entries/"]', "href")[0]
    client.post(f"{last}/reviewed")
    response = client.get(f"/review/{team['cohort'].id}/queue?page=2")
    assert response.status_code == 302 and response.headers["Location"].endswith("queue?page=1")


def test_only_supervisors_of_the_cohort_may_mark_reviewed(client, auth, make, query, team):
    cohort = team["cohort"]
    shared = make.entry(team["intern"], cohort, visibility="cohort")
    private = make.entry(team["intern"], cohort)
    binned = make.entry(team["intern"], cohort, visibility="supervisors", deleted=True)
    refused = [
        team["intern"],
        team["fellow"],
        make.member(cohort, "reviewer"),
        make.member(make.cohort(), "supervisor"),
        make.admin(),
    ]
    for person in refused:
        auth.login(person.email)
        assert client.post(f"/entries/{shared.id}/reviewed").status_code == 404
        assert client.get(f"/review/{cohort.id}/queue").status_code == 404
        auth.logout()
    auth.login(team["supervisor"].email)
    assert client.post(f"/entries/{private.id}/reviewed").status_code == 404
    assert client.post(f"/entries/{binned.id}/reviewed").status_code == 404
    assert query(lambda s: s.scalars(select(EntryReview)).all()) == []
    assert query(lambda s: s.get(Entry, private.id).visibility) == "private"
