"""Comment threads on entries: who sees and posts them, replies, errors that keep the text, audit, notifications."""

import pytest
from sqlalchemy import select, update

from journal.models import AuditEvent, Comment, Entry, Notification
from tests.html import attributes, one, text_of

PEOPLE = ["author", "supervisor", "fellow", "other_cohort_intern", "other_cohort_supervisor", "reviewer", "coordinator"]
# Who reads (and so comments on) an entry of each shared visibility.
READERS = {"supervisors": {"author", "supervisor"}, "cohort": {"author", "supervisor", "fellow"}}


@pytest.fixture
def people(make):
    cohort, other = make.cohort(), make.cohort()
    return cohort, {
        "author": make.member(cohort, "intern", name="Amira Haddad"),
        "supervisor": make.member(cohort, "supervisor", name="Dr Mwangi"),
        "fellow": make.member(cohort, "intern", name="Bruno Costa"),
        "other_cohort_intern": make.member(other, "intern"),
        "other_cohort_supervisor": make.member(other, "supervisor"),
        "reviewer": make.member(cohort, "reviewer"),
        "coordinator": make.admin(),
    }


def comments_on(query, entry_id):
    return query(lambda s: s.scalars(select(Comment).where(Comment.entry_id == entry_id).order_by(Comment.id)).all())


@pytest.mark.parametrize("visibility", ["supervisors", "cohort"])
@pytest.mark.parametrize("person", PEOPLE)
def test_who_sees_the_thread_and_may_post(client, auth, make, query, people, visibility, person):
    cohort, who = people
    entry = make.entry(who["author"], cohort, visibility=visibility)
    make.comment(entry, who["supervisor"], body="Earlier feedback")
    auth.login(who[person].email)
    page = client.get(f"/entries/{entry.id}")
    posted = client.post(f"/entries/{entry.id}/comments", data={"body": f"From {person}"})
    if person in READERS[visibility]:
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert 'id="comments"' in html and "Earlier feedback" in html
        assert f'action="/entries/{entry.id}/comments"' in html
        assert posted.status_code == 302
        assert [c.body for c in comments_on(query, entry.id)] == ["Earlier feedback", f"From {person}"]
    else:
        assert page.status_code == 404 and posted.status_code == 404
        assert "Earlier feedback" not in page.get_data(as_text=True)
        assert len(comments_on(query, entry.id)) == 1


def test_making_the_entry_private_hides_the_thread_from_everyone_but_the_author(client, auth, make, query, people):
    cohort, who = people
    entry = make.entry(who["author"], cohort, visibility="cohort")
    make.comment(entry, who["supervisor"], body="Feedback from the supervisor")
    make.comment(entry, who["fellow"], body="A thought from a fellow")
    query(lambda s: (s.execute(update(Entry).values(visibility="private")), s.commit()))
    for person in ("supervisor", "fellow"):
        auth.login(who[person].email)
        assert client.get(f"/entries/{entry.id}").status_code == 404
        assert client.post(f"/entries/{entry.id}/comments", data={"body": "Still here?"}).status_code == 404
        auth.logout()
    auth.login(who["author"].email)
    html = client.get(f"/entries/{entry.id}").get_data(as_text=True)
    assert "Feedback from the supervisor" in html and "A thought from a fellow" in html
    assert "only you see these comments" in html
    assert f'action="/entries/{entry.id}/comments"' not in html
    assert len(comments_on(query, entry.id)) == 2


def test_a_private_entry_without_comments_shows_no_thread(client, auth, make, people):
    cohort, who = people
    entry = make.entry(who["author"], cohort)
    auth.login(who["author"].email)
    assert 'id="comments"' not in client.get(f"/entries/{entry.id}").get_data(as_text=True)


def test_posting_records_and_notifies_those_who_may_still_read(client, auth, make, query, people):
    cohort, who = people
    second = make.member(cohort, "supervisor")
    entry = make.entry(who["author"], cohort, visibility="cohort", title="Ward round")
    make.comment(entry, who["fellow"], body="I saw this too")
    make.comment(entry, second, body="Interesting")
    query(lambda s: (s.execute(update(Entry).values(visibility="supervisors")), s.commit()))
    auth.login(who["supervisor"].email)
    response = client.post(f"/entries/{entry.id}/comments", data={"body": "Well observed.\nTell me more."})
    comment = comments_on(query, entry.id)[-1]
    assert response.headers["Location"] == f"/entries/{entry.id}#comment-{comment.id}"
    assert (comment.author_id, comment.body, comment.parent_id) == (
        who["supervisor"].id,
        "Well observed.\nTell me more.",
        None,
    )
    notified = query(lambda s: s.scalars(select(Notification.user_id).where(Notification.kind == "comment")).all())
    assert sorted(notified) == sorted([who["author"].id, second.id])  # not the fellow, not the commenter
    events = query(lambda s: s.scalars(select(AuditEvent).where(AuditEvent.action == "comment.added")).all())
    assert [(e.actor_id, e.object_type, e.object_id, e.cohort_id, e.details) for e in events] == [
        (who["supervisor"].id, "comment", comment.id, cohort.id, {"entry_id": entry.id, "parent_id": None})
    ]
    html = client.get(f"/entries/{entry.id}").get_data(as_text=True)
    assert "Your comment is posted." in html
    assert f'id="comment-{comment.id}"' in html and "Well observed.\nTell me more." in html


def test_replies_nest_one_level(client, auth, make, query, people):
    cohort, who = people
    entry = make.entry(who["author"], cohort, visibility="supervisors")
    top = make.comment(entry, who["supervisor"], body="What did the family decide?")
    auth.login(who["author"].email)
    client.post(f"/entries/{entry.id}/comments", data={"body": "They chose to wait.", "parent_id": top.id})
    reply = comments_on(query, entry.id)[-1]
    assert reply.parent_id == top.id
    auth.logout()
    auth.login(who["supervisor"].email)
    client.post(f"/entries/{entry.id}/comments", data={"body": "Reasonable.", "parent_id": reply.id})
    assert comments_on(query, entry.id)[-1].parent_id == top.id  # a reply to a reply joins the thread
    assert query(lambda s: s.scalar(select(AuditEvent.details).order_by(AuditEvent.id.desc()).limit(1))) == {
        "entry_id": entry.id,
        "parent_id": top.id,
    }
    html = client.get(f"/entries/{entry.id}").get_data(as_text=True)
    replies = one(html, "ol.comment-replies")
    assert "They chose to wait." in text_of(replies) and "Reasonable." in text_of(replies)
    assert "What did the family decide?" not in text_of(replies)
    author_reply = text_of(one(replies, "article.comment", containing="They chose to wait."))
    assert "Amira Haddad Intern · author" in author_reply
    assert "Dr Mwangi Supervisor" in text_of(html, f"#comment-{top.id}")
    assert '<details class="reply">' in html and html.count("<summary>Reply") == 1


def test_a_reply_must_answer_a_comment_on_the_same_entry(client, auth, make, query, people):
    cohort, who = people
    entry = make.entry(who["author"], cohort, visibility="supervisors")
    elsewhere = make.entry(who["author"], cohort, visibility="supervisors")
    foreign = make.comment(elsewhere, who["supervisor"])
    auth.login(who["supervisor"].email)
    url = f"/entries/{entry.id}/comments"
    assert client.post(url, data={"body": "Hi", "parent_id": foreign.id}).status_code == 404
    assert client.post(url, data={"body": "Hi", "parent_id": 999999}).status_code == 404
    assert client.post(url, data={"body": "Hi", "parent_id": "first"}).status_code == 400
    assert comments_on(query, entry.id) == []


@pytest.mark.parametrize(
    ("body", "message"),
    [("   ", "Write something before sending."), ("x" * 5001, "Keep it under 5,000 characters.")],
)
def test_a_bad_comment_shows_the_entry_again_with_what_was_typed(client, auth, make, query, people, body, message):
    cohort, who = people
    entry = make.entry(who["author"], cohort, visibility="supervisors", title="Ward round")
    auth.login(who["supervisor"].email)
    response = client.post(f"/entries/{entry.id}/comments", data={"body": body})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<h1>Ward round</h1>" in html
    assert message in html
    field = one(html, "textarea#comment-body")
    assert field.get("aria-invalid") == "true"
    assert field.get_text() == body
    assert comments_on(query, entry.id) == []


def test_a_bad_reply_opens_its_form_with_what_was_typed(client, auth, make, query, people):
    cohort, who = people
    entry = make.entry(who["author"], cohort, visibility="supervisors")
    top = make.comment(entry, who["supervisor"])
    auth.login(who["author"].email)
    typed = "y" * 5001
    response = client.post(f"/entries/{entry.id}/comments", data={"body": typed, "parent_id": top.id})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<details class="reply" open>' in html
    reply = one(html, f"textarea#reply-{top.id}-body")
    assert reply.get_text() == typed and reply.get("aria-invalid") == "true"
    assert one(html, "textarea#comment-body").get_text() == ""  # the new-comment form stays empty
    assert len(comments_on(query, entry.id)) == 1


def test_comments_are_plain_text(client, auth, make, people):
    cohort, who = people
    entry = make.entry(who["author"], cohort, visibility="supervisors")
    make.comment(entry, who["supervisor"], body='<script>alert("x")</script>\n**not bold**')
    auth.login(who["author"].email)
    html = client.get(f"/entries/{entry.id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;\n**not bold**" in html
    assert '<script>alert("x")' not in html


def test_supervisors_see_mark_reviewed_on_the_entry_but_authors_do_not(client, auth, make, people):
    cohort, who = people
    entry = make.entry(who["author"], cohort, visibility="cohort")
    action = f'action="/entries/{entry.id}/reviewed"'
    for person, shown in (("supervisor", True), ("author", False), ("fellow", False)):
        auth.login(who[person].email)
        assert (action in client.get(f"/entries/{entry.id}").get_data(as_text=True)) is shown, person
        auth.logout()


def test_a_comment_sent_again_with_its_form_is_posted_once(client, auth, make, query, people):
    """The answer to a comment was lost and the browser sends the same form again (or a double
    click sends it twice): one comment, one notification; another form's key posts another."""
    cohort, who = people
    entry = make.entry(who["author"], cohort, visibility="supervisors")
    auth.login(who["supervisor"].email)
    page = client.get(f"/entries/{entry.id}").get_data(as_text=True)
    keys = attributes(page, 'input[name="idempotency_key"]', "value")
    assert keys and len(set(keys)) == len(keys), "each comment form carries a key of its own"
    form = {"body": "Good observation; what did the family decide?", "idempotency_key": keys[-1]}
    first = client.post(f"/entries/{entry.id}/comments", data=form)
    again = client.post(f"/entries/{entry.id}/comments", data=form, follow_redirects=True)
    assert first.status_code == 302 and again.status_code == 200
    assert "posted already" in again.get_data(as_text=True)
    assert [c.body for c in comments_on(query, entry.id)] == [form["body"]]
    told = query(lambda s: s.scalars(select(Notification).where(Notification.user_id == who["author"].id)).all())
    assert len(told) == 1
    added = query(lambda s: s.scalars(select(AuditEvent).where(AuditEvent.action == "comment.added")).all())
    assert len(added) == 1

    other = {"body": "And a second thought.", "idempotency_key": keys[0] if keys[0] != keys[-1] else "x" * 43}
    assert client.post(f"/entries/{entry.id}/comments", data=other).status_code == 302
    assert len(comments_on(query, entry.id)) == 2


def test_a_refused_comment_keeps_its_key_so_the_corrected_one_is_still_one_intent(client, auth, make, query, people):
    cohort, who = people
    entry = make.entry(who["author"], cohort, visibility="supervisors")
    auth.login(who["supervisor"].email)
    refused = client.post(f"/entries/{entry.id}/comments", data={"body": "", "idempotency_key": "k" * 43})
    assert refused.status_code == 422
    assert 'name="idempotency_key" value="' + "k" * 43 + '"' in refused.get_data(as_text=True)
