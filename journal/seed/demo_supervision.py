"""The supervision half of the demo: the default framework, evidence, sign-off requests in every
state, decisions and comment threads, so a supervisor logging in sees a living dashboard.

Everything goes through the same services as the pages, so the audit log and the
notifications are what real use would have left, each dated when it would have happened
(``demo_times``): a request the day after the entry it offers, a decision the day after that.
"""

from datetime import time

from sqlalchemy import func, select

from journal import access
from journal.competencies import services as signoffs
from journal.competencies.frameworks import assign_framework, default_framework
from journal.extensions import db
from journal.feedback import services as feedback
from journal.models import (
    Cohort,
    Comment,
    Competency,
    Decision,
    Entry,
    EntryReview,
    Evidence,
    Framework,
    SignOffRequest,
    User,
)
from journal.review import services as review
from journal.seed.demo_times import happening_at, later, local_moment

# Per intern: (competency code, the entry offered as evidence, requested level, what happens). Each entry
# shows that competency; the entries of requests are ones demo._WRITERS has shared with supervisors.
_PLANS = {
    "intern1@demo.test": [
        ("GPH3", "Vaccination day in the village", 2, "approved"),
        ("COM1", "Consent through a translating relative", 3, "returned"),
        ("CH1", "Talking about death with families", 2, "pending"),
        ("EP1", "A photo request on the ward", 3, "pending"),
        ("CS2", "Antenatal clinic", 2, "evidence"),
    ],
    "intern2@demo.test": [
        ("CS4", "Theatre: hernia repair", 3, "approved"),
        ("CS1", "HIV clinic follow-up visits", 3, "revoked"),
        ("EP2", "Limits of my competence", 2, "pending"),
    ],
    "intern3@demo.test": [
        ("GPH3", "Tuberculosis screening", 2, "pending"),
        ("WB1", "Running at dawn before clinic", 2, "evidence"),
    ],
}
_NOTES = {
    "request": "The linked entries show what I did and what I learned; I believe they show this level.",
    "approved": "Seen on the ward several times: thorough and safe, and you know when to ask. Well done.",
    "returned": "Good start. Add an entry where you checked understanding with the family, then ask again.",
    "revoked": "Signed off too early: in clinic this week you spoke to the interpreter rather than the patient. "
    "Let's work on it together and revisit.",
}
# (commenter, entry author, the entry's title, comment): each entry one the commenter may read.
_THREADS = [
    (
        "supervisor@demo.test",
        "intern1@demo.test",
        "Traditional healer before the hospital",
        "Thoughtful observation. What would you do differently next time?",
    ),
    (
        "supervisor@demo.test",
        "intern2@demo.test",
        "Diabetes clinic",
        "Clear and honest. Bring this to Thursday's teaching session.",
    ),
    (
        "intern3@demo.test",
        "intern1@demo.test",
        "Talking about death with families",
        "The same happened to me on the maternity ward. Thank you for writing it up.",
    ),
]
# The author's reply to the supervisor's comment on their entry (the first thread's).
_REPLY = "Thank you. Next time I would ask the family what the healer gave, early on and without judging."


def _entries(author: User, cohort: Cohort, *, shared: bool = True) -> list[Entry]:
    """The author's live entries, oldest first: only the shared ones unless ``shared`` is False."""
    stmt = access.own_live_entries(author, cohort.id)
    if shared:
        stmt = stmt.where(Entry.is_shared)
    return list(db.session.scalars(stmt.order_by(Entry.occurred_on, Entry.id)))


def _play(intern: User, supervisor: User, entry: Entry, competency: Competency, level: int, outcome: str) -> None:
    """Take one competency of one intern to ``outcome`` the way the pages would: asked for the evening
    after the evidence was written, decided the next morning, revoked four days after the approval."""
    if outcome == "evidence":
        return
    cohort = entry.cohort
    asked = later(entry.created_at, days=1, hours=2)
    with happening_at(asked):
        request = signoffs.request_signoff(intern, cohort, competency, level, _NOTES["request"])
    request.created_at = request.updated_at = asked
    decided = later(asked, hours=14)
    if outcome in ("approved", "revoked"):
        with happening_at(decided):
            signoffs.approve(request, supervisor, level, _NOTES["approved"]).created_at = decided
    if outcome == "revoked":
        decided = later(decided, days=4)
        with happening_at(decided):
            signoffs.revoke(request, supervisor, _NOTES["revoked"]).created_at = decided
    if outcome == "returned":
        with happening_at(decided):
            signoffs.return_request(request, supervisor, _NOTES["returned"]).created_at = decided
    if outcome != "pending":
        request.updated_at = decided


def _seed_signoffs(people: dict[str, User], cohort: Cohort) -> None:
    codes = {
        c.code: c for c in db.session.scalars(select(Competency).where(Competency.framework_id == cohort.framework_id))
    }
    for email, plans in _PLANS.items():
        intern = people[email]
        entries = {entry.title: entry for entry in _entries(intern, cohort, shared=False)}
        for code, title, level, outcome in plans:
            entry = entries.get(title)
            if entry is None:  # the intern deleted it since (the demo adds only what is missing)
                continue
            linked = set(db.session.scalars(select(Evidence.competency_id).where(Evidence.entry_id == entry.id)))
            signoffs.link_evidence(entry, linked | {codes[code].id})
            _play(intern, people["supervisor@demo.test"], entry, codes[code], level, outcome)


def _seed_comments(people: dict[str, User], cohort: Cohort) -> None:
    """The comment threads, the morning after each entry was written (the reply three hours later), and
    a supervisor's "reviewed" mark on another intern's first shared entry."""
    for commenter, author, title, text in _THREADS:
        entry = next((e for e in _entries(people[author], cohort) if e.title == title), None)
        if entry is None or not access.can(people[commenter], "comment_entry", entry):
            continue
        when = later(entry.created_at, hours=15)
        with happening_at(when):
            first = feedback.add_comment(entry, people[commenter], text)
        first.created_at = when
        if commenter.startswith("supervisor") and author == "intern1@demo.test":
            when = later(when, hours=3)
            with happening_at(when):
                feedback.add_comment(entry, people[author], _REPLY, parent_id=first.id).created_at = when
    second = _entries(people["intern2@demo.test"], cohort)
    if second:
        when = later(second[0].created_at, hours=15)
        supervisor = people["supervisor@demo.test"]
        with happening_at(when):
            review.mark_reviewed(second[0], supervisor)
        db.session.get(EntryReview, (second[0].id, supervisor.id)).created_at = when


def _count() -> int:
    return sum(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Framework, Evidence, SignOffRequest, Decision, Comment)
    )


def seed_supervision(cohort: Cohort, people: dict[str, User]) -> int:
    """Give the demo cohort its framework (chosen before the placement began) and a history of
    supervision, once.

    Returns the records added: the framework (if new), evidence links, requests, decisions and comments.
    """
    if cohort.framework_id is not None:
        return 0
    before = _count()
    coordinator = people["coordinator@demo.test"]
    with happening_at(local_moment(cohort, cohort.start_date, time(7, 30))):
        assign_framework(cohort, default_framework(), coordinator)
    db.session.flush()
    _seed_signoffs(people, cohort)
    _seed_comments(people, cohort)
    db.session.flush()
    return _count() - before
