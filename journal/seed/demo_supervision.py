"""The supervision half of the demo: the default framework, evidence, sign-off requests in every
state, decisions and comment threads, so a supervisor logging in sees a living dashboard.

Everything goes through the same services as the pages, so the audit log and the
notifications are what real use would have left.
"""

from sqlalchemy import func, select

from journal import access
from journal.competencies import services as signoffs
from journal.competencies.frameworks import assign_framework, default_framework
from journal.extensions import db
from journal.feedback import services as feedback
from journal.models import Cohort, Comment, Competency, Decision, Entry, Evidence, Framework, SignOffRequest, User
from journal.review import services as review

# Per intern: (competency code, entry kind to take as evidence, requested level, what happens).
_PLANS = {
    "intern1@demo.test": [
        ("CS1", "clinical", 3, "approved"),
        ("COM1", "clinical", 3, "returned"),
        ("CH1", "cultural", 2, "pending"),
        ("EP1", "ethics", 3, "pending"),
        ("CS2", "clinical", 2, "evidence"),
    ],
    "intern2@demo.test": [
        ("CS1", "clinical", 3, "approved"),
        ("CS3", "clinical", 3, "revoked"),
        ("EP2", "ethics", 2, "pending"),
    ],
    "intern3@demo.test": [("CH2", "cultural", 2, "pending"), ("WB1", "cultural", 2, "evidence")],
}
_NOTES = {
    "request": "The linked entries show what I did and what I learned; I believe they show this level.",
    "approved": "Seen on the ward several times: thorough and safe, and you know when to ask. Well done.",
    "returned": "Good start. Add an entry where you checked understanding with the family, then ask again.",
    "revoked": "Signed off too early: last week's handover showed gaps. Let's work on it together and revisit.",
}
# (commenter, entry author, reply by the author?) on the author's first shared entries.
_THREADS = [
    ("supervisor@demo.test", "intern1@demo.test", "Thoughtful observation. What would you do differently next time?"),
    ("supervisor@demo.test", "intern2@demo.test", "Clear and honest. Bring this to Thursday's teaching session."),
    (
        "intern3@demo.test",
        "intern1@demo.test",
        "The same happened to me on the maternity ward. Thank you for writing it up.",
    ),
]
_REPLY = "Thank you. Next time I would ask the nurse to interpret before the round starts."


def _entries(author: User, cohort: Cohort, *, shared: bool = True) -> list[Entry]:
    """The author's live entries, oldest first: only the shared ones unless ``shared`` is False."""
    stmt = access.own_live_entries(author, cohort.id)
    if shared:
        stmt = stmt.where(Entry.is_shared)
    return list(db.session.scalars(stmt.order_by(Entry.occurred_on, Entry.id)))


def _evidence_for(entries: list[Entry], kind: str, used: set[int]) -> Entry | None:
    """An entry of ``kind`` not used yet, else any entry not used yet."""
    unused = [e for e in entries if e.id not in used]
    return next((e for e in unused if e.kind == kind), unused[0] if unused else None)


def _play(intern: User, supervisor: User, cohort: Cohort, competency: Competency, level: int, outcome: str) -> None:
    """Take one competency of one intern to ``outcome`` the way the pages would."""
    if outcome == "evidence":
        return
    request = signoffs.request_signoff(intern, cohort, competency, level, _NOTES["request"])
    if outcome in ("approved", "revoked"):
        signoffs.approve(request, supervisor, level, _NOTES["approved"])
    if outcome == "revoked":
        signoffs.revoke(request, supervisor, _NOTES["revoked"])
    if outcome == "returned":
        signoffs.return_request(request, supervisor, _NOTES["returned"])


def _seed_signoffs(people: dict[str, User], cohort: Cohort) -> None:
    codes = {
        c.code: c for c in db.session.scalars(select(Competency).where(Competency.framework_id == cohort.framework_id))
    }
    for email, plans in _PLANS.items():
        intern, used = people[email], set()
        shared, everything = _entries(intern, cohort), _entries(intern, cohort, shared=False)
        for code, kind, level, outcome in plans:
            # Evidence not yet asked about may still be private, as real evidence often is.
            entry = _evidence_for(everything if outcome == "evidence" else shared, kind, used)
            if entry is None:
                continue
            used.add(entry.id)
            linked = set(db.session.scalars(select(Evidence.competency_id).where(Evidence.entry_id == entry.id)))
            signoffs.link_evidence(entry, linked | {codes[code].id})
            _play(intern, people["supervisor@demo.test"], cohort, codes[code], level, outcome)


def _seed_comments(people: dict[str, User], cohort: Cohort) -> None:
    for commenter, author, text in _THREADS:
        readable = [
            e
            for e in _entries(people[author], cohort)
            if commenter.startswith("supervisor") or e.visibility == "cohort"
        ]
        if not readable:
            continue
        entry = readable[-1]
        first = feedback.add_comment(entry, people[commenter], text)
        db.session.flush()
        if commenter.startswith("supervisor") and author == "intern1@demo.test":
            feedback.add_comment(entry, people[author], _REPLY, parent_id=first.id)
    second = _entries(people["intern2@demo.test"], cohort)
    if second:
        review.mark_reviewed(second[0], people["supervisor@demo.test"])


def _count() -> int:
    return sum(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Framework, Evidence, SignOffRequest, Decision, Comment)
    )


def seed_supervision(cohort: Cohort, people: dict[str, User]) -> int:
    """Give the demo cohort its framework and a history of supervision, once.

    Returns the records added: the framework (if new), evidence links, requests, decisions and comments.
    """
    if cohort.framework_id is not None:
        return 0
    before = _count()
    coordinator = people["coordinator@demo.test"]
    assign_framework(cohort, default_framework(), coordinator)
    db.session.flush()
    _seed_signoffs(people, cohort)
    _seed_comments(people, cohort)
    db.session.flush()
    return _count() - before
