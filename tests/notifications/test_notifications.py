"""In-app notifications: who is told, what the message says, the unread count, reading them."""

import pytest
from sqlalchemy import select

from journal.extensions import db
from journal.models import Decision, Entry, Notification, User
from journal.notifications.services import notify
from tests.html import texts


@pytest.fixture
def people(make):
    cohort = make.cohort()
    intern = make.member(cohort, "intern", name="Amira Haddad")
    supervisor = make.member(cohort, "supervisor", name="Dr Mwangi")
    entry = make.entry(intern, cohort, title="Night shift on the paediatric ward", visibility="supervisors")
    return cohort, intern, supervisor, entry


def send(app, user_ids, kind, actor, cohort, **objects):
    with app.app_context():
        notify(user_ids, kind, actor=db.session.get(User, actor.id), cohort_id=cohort.id, **objects)
        db.session.commit()


def unread_badge(html: str) -> str | None:
    """The unread count on the navigation's badge (None when there is no badge)."""
    badges = texts(html, ".nav-count [aria-hidden=true]")
    assert len(badges) <= 1, badges
    return badges[0] if badges else None


def test_notify_tells_everyone_but_the_actor_once(app, people, query):
    cohort, intern, supervisor, entry = people
    send(app, [intern.id, intern.id, supervisor.id], "comment", supervisor, cohort, entry_id=entry.id)
    rows = query(lambda s: s.scalars(select(Notification)).all())
    assert [(n.user_id, n.kind, n.entry_id, n.actor_id) for n in rows] == [
        (intern.id, "comment", entry.id, supervisor.id)
    ]


def test_the_navigation_counts_unread_notifications(app, client, auth, people):
    cohort, intern, supervisor, entry = people
    auth.login(intern.email)
    assert unread_badge(client.get("/account").get_data(as_text=True)) is None
    send(app, [intern.id], "comment", supervisor, cohort, entry_id=entry.id)
    send(app, [intern.id], "comment", supervisor, cohort, entry_id=entry.id)
    html = client.get("/account").get_data(as_text=True)
    assert unread_badge(html) == "2"
    assert texts(html, ".nav-count .visually-hidden") == ["2 unread"]  # what a screen reader says, once


def test_a_comment_notification_names_the_entry_and_opens_it(app, client, auth, people, query):
    cohort, intern, supervisor, entry = people
    send(app, [intern.id], "comment", supervisor, cohort, entry_id=entry.id)
    note_id = query(lambda s: s.scalar(select(Notification.id)))
    auth.login(intern.email)
    html = client.get("/notifications/").get_data(as_text=True)
    assert "Dr Mwangi commented on “Night shift on the paediatric ward”" in html
    assert "New" in html
    response = client.get(f"/notifications/{note_id}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/entries/{entry.id}#comments"
    assert query(lambda s: s.get(Notification, note_id).read_at) is not None
    assert unread_badge(client.get("/notifications/").get_data(as_text=True)) is None


def test_a_title_is_not_shown_once_the_reader_may_no_longer_read_the_entry(app, client, auth, make, people, query):
    cohort, intern, supervisor, entry = people
    send(app, [supervisor.id], "comment", intern, cohort, entry_id=entry.id)
    query(lambda s: (setattr(s.get(Entry, entry.id), "visibility", "private"), s.commit()))
    auth.login(supervisor.email)
    html = client.get("/notifications/").get_data(as_text=True)
    assert "Night shift" not in html
    assert "Amira Haddad commented on an entry you can no longer see" in html
    note_id = query(lambda s: s.scalar(select(Notification.id)))
    # Opening it marks it read but leads nowhere the supervisor may not go.
    assert client.get(f"/notifications/{note_id}").headers["Location"] == "/notifications/"


def test_nobody_opens_someone_elses_notification(app, client, auth, people, query):
    cohort, intern, supervisor, entry = people
    send(app, [intern.id], "comment", supervisor, cohort, entry_id=entry.id)
    note_id = query(lambda s: s.scalar(select(Notification.id)))
    auth.login(supervisor.email)
    assert client.get(f"/notifications/{note_id}").status_code == 404
    assert query(lambda s: s.get(Notification, note_id).read_at) is None


def test_mark_all_read(app, client, auth, people, query):
    cohort, intern, supervisor, entry = people
    for _ in range(3):
        send(app, [intern.id], "comment", supervisor, cohort, entry_id=entry.id)
    send(app, [supervisor.id], "comment", intern, cohort, entry_id=entry.id)
    auth.login(intern.email)
    response = client.post("/notifications/read", follow_redirects=True)
    assert "All notifications marked as read." in response.get_data(as_text=True)
    unread = query(lambda s: s.scalars(select(Notification.user_id).where(Notification.read_at.is_(None))).all())
    assert unread == [supervisor.id]


def test_sign_off_messages_say_the_competency_and_the_level_in_words(app, client, auth, make, people, query):
    cohort, intern, supervisor, entry = people
    competency = make.framework(cohort).competencies[0]
    asked = make.signoff(intern, cohort, competency.id, level=2)
    decided = make.signoff(intern, cohort, make.framework().competencies[0].id, status="returned", level=4)
    returned = query(lambda s: s.scalar(select(Decision.id).where(Decision.request_id == decided.id)))
    send(app, [supervisor.id], "signoff_requested", intern, cohort, request_id=asked.id)
    send(app, [intern.id], "signoff_decided", supervisor, cohort, request_id=decided.id, decision_id=returned)
    auth.login(supervisor.email)
    html = client.get("/notifications/").get_data(as_text=True)
    assert "Amira Haddad asked for sign-off of C1 Competency 1 at level 2 · Acts with direct supervision" in html
    auth.logout()
    auth.login(intern.email)
    assert "Dr Mwangi returned your sign-off request for C1 Competency 1 with feedback" in client.get(
        "/notifications/"
    ).get_data(as_text=True)


def test_each_decision_keeps_its_own_words_when_a_later_one_supersedes_it(app, client, auth, make, people, query):
    cohort, intern, supervisor, entry = people
    competency = make.framework(cohort).competencies[0]
    revoked = make.signoff(intern, cohort, competency.id, status="revoked", supervisor=supervisor)
    approval, revocation = query(
        lambda s: s.scalars(select(Decision.id).where(Decision.request_id == revoked.id).order_by(Decision.id)).all()
    )
    send(app, [intern.id], "signoff_decided", supervisor, cohort, request_id=revoked.id, decision_id=approval)
    send(app, [intern.id], "signoff_decided", supervisor, cohort, request_id=revoked.id, decision_id=revocation)
    auth.login(intern.email)
    html = client.get("/notifications/").get_data(as_text=True)
    assert "Dr Mwangi approved your sign-off request for C1 Competency 1 at level 3 · Acts with indirect" in html
    assert "Dr Mwangi revoked your sign-off of C1 Competency 1" in html


def test_an_empty_list_says_what_will_appear(client, auth, people):
    auth.login(people[1].email)
    assert "Nothing new" in client.get("/notifications/").get_data(as_text=True)


def test_the_list_takes_the_same_queries_for_few_and_many(app, client, auth, make, people, count_queries):
    cohort, intern, supervisor, entry = people
    competency = make.framework(cohort).competencies[0]
    auth.login(intern.email)

    def add(n):
        for _ in range(n):
            request = make.signoff(intern, cohort, competency.id, status="approved")
            send(app, [intern.id], "signoff_decided", supervisor, cohort, request_id=request.id)
            other = make.entry(intern, cohort, visibility="supervisors")
            send(app, [intern.id], "comment", supervisor, cohort, entry_id=other.id)

    add(2)
    few = count_queries(lambda: client.get("/notifications/"))
    add(12)
    many = count_queries(lambda: client.get("/notifications/"))
    assert few == many
