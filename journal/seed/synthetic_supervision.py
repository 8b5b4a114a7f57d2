"""The supervision half of ``seed-synthetic``: comments, reviewed marks, evidence, sign-off requests
and decisions on a synthetic intern's entries, with the audit events and notifications the real
services leave (``journal.review.services``, ``journal.competencies.services``).

Rows go through ``synthetic.Rows`` (bulk inserts); nothing here commits or flushes.
"""

import random
from datetime import datetime, timedelta

from journal.models import AuditEvent, Comment, Decision, EntryReview, Evidence, Notification, SignOffRequest
from journal.seed.synthetic_text import comment, reply

REQUEST_NOTE = "The linked entries show what I did and what I learned; I believe they show this level."
DECISION_NOTES = {
    "approved": "Seen on the ward several times: thorough and safe, and you know when to ask. Well done.",
    "returned": "Good start. Add an entry where you checked understanding with the family, then ask again.",
    "revoked": "Signed off too early: last week's handover showed gaps. Let's work on it together.",
}
# What becomes of a request older than a week; newer ones are still pending.
OUTCOMES = (("approved", 60), ("returned", 20), ("pending", 10), ("revoked", 5), ("withdrawn", 5))
DAYS_PER_REQUEST = 20  # an intern asks for a sign-off about every three weeks


class Supervision:
    """Writes what supervisors and interns did around each intern's journal."""

    def __init__(self, rows, cohort, people: dict[str, list[dict]], competencies: list, now: datetime):
        self.rows, self.cohort, self.now = rows, cohort, now
        self.supervisors = [person["id"] for person in people["supervisor"]]
        self.interns = [person["id"] for person in people["intern"]]
        self.competencies = competencies  # (id, required level) of the cohort's framework

    def _audit(self, actor_id: int, action: str, object_type: str, object_id: int, when: datetime, **details):
        self.rows.add(
            AuditEvent,
            actor_id=actor_id,
            action=action,
            object_type=object_type,
            object_id=object_id,
            cohort_id=self.cohort.id,
            details=details,
            created_at=when,
        )

    def _notify(self, user_id: int, kind: str, actor_id: int, when: datetime, **about) -> None:
        """A notification, read already unless it is from the last two days."""
        values = {"entry_id": None, "request_id": None, "decision_id": None} | about
        read = when + timedelta(hours=6) if when < self.now - timedelta(days=2) else None
        self.rows.add(
            Notification,
            user_id=user_id,
            cohort_id=self.cohort.id,
            kind=kind,
            actor_id=actor_id,
            created_at=when,
            read_at=read,
            **values,
        )

    def _comment(self, entry: dict, author_id: int, text: str, when: datetime, parent_id=None) -> dict:
        found = self.rows.add(
            Comment, entry_id=entry["id"], author_id=author_id, parent_id=parent_id, body=text, created_at=when
        )
        details = {"entry_id": entry["id"], "parent_id": parent_id}
        self._audit(author_id, "comment.added", "comment", found["id"], when, **details)
        return found

    def _feedback(self, rng: random.Random, entry: dict, supervisor_id: int) -> None:
        """A supervisor's comment (and perhaps the author's reply), a reviewed mark, or nothing yet."""
        when = entry["created_at"] + timedelta(days=rng.randint(1, 3), hours=rng.randint(0, 8))
        if when > self.now or entry["deleted_at"] is not None:
            return
        draw = rng.random()
        if draw < 0.4:
            first = self._comment(entry, supervisor_id, comment(rng), when)
            self._notify(entry["author_id"], "comment", supervisor_id, when, entry_id=entry["id"])
            answered = when + timedelta(hours=4)
            if rng.random() < 0.35 and answered <= self.now:
                self._comment(entry, entry["author_id"], reply(rng), answered, parent_id=first["id"])
                self._notify(supervisor_id, "comment", entry["author_id"], answered, entry_id=entry["id"])
        elif draw < 0.6:
            self.rows.add(EntryReview, entry_id=entry["id"], reviewer_id=supervisor_id, created_at=when)
            self._audit(supervisor_id, "entry.reviewed", "entry", entry["id"], when)
        elif draw < 0.65 and entry["visibility"] == "cohort" and len(self.interns) > 1:
            fellow = rng.choice([i for i in self.interns[:50] if i != entry["author_id"]] or self.interns)
            self._comment(entry, fellow, "The same happened to me last week. Thank you for writing it up.", when)
            self._notify(entry["author_id"], "comment", fellow, when, entry_id=entry["id"])

    def _link(self, entry: dict, competency_id: int, linked: set) -> None:
        if (entry["id"], competency_id) not in linked:
            linked.add((entry["id"], competency_id))
            self.rows.add(Evidence, entry_id=entry["id"], competency_id=competency_id, created_at=entry["created_at"])

    def _request(self, rng, intern_id: int, supervisor_id: int, competency, evidence: dict, linked: set) -> None:
        """A sign-off request on shared evidence, and what the supervisor decided."""
        competency_id, required = competency
        self._link(evidence, competency_id, linked)
        asked = evidence["created_at"] + timedelta(hours=2)
        outcome = rng.choices([o for o, _ in OUTCOMES], weights=[w for _, w in OUTCOMES])[0]
        if asked > self.now - timedelta(days=7):
            outcome = "pending"
        level = rng.choice((required, required, max(1, required - 1)))
        approved = outcome in ("approved", "revoked")
        request = self.rows.add(
            SignOffRequest,
            intern_id=intern_id,
            cohort_id=self.cohort.id,
            competency_id=competency_id,
            level=level,
            note=REQUEST_NOTE,
            status=outcome,
            approved_level=level if approved else None,
            created_at=asked,
            updated_at=asked,
        )
        details = {"competency_id": competency_id, "level": level}
        self._audit(intern_id, "signoff.requested", "signoffrequest", request["id"], asked, **details)
        for supervisor in self.supervisors:
            self._notify(supervisor, "signoff_requested", intern_id, asked, request_id=request["id"])
        steps = {"approved": ["approved"], "revoked": ["approved", "revoked"], "returned": ["returned"]}
        when = asked
        for step in steps.get(outcome, []):
            when = when + timedelta(days=rng.randint(1, 3))
            decided = self.rows.add(
                Decision,
                request_id=request["id"],
                decided_by_id=supervisor_id,
                outcome=step,
                level=level if step == "approved" else None,
                note=DECISION_NOTES[step],
                created_at=when,
            )
            details = {"competency_id": competency_id, "decision_id": decided["id"]}
            if step == "approved":
                details["level"] = level
            self._audit(supervisor_id, f"signoff.{step}", "signoffrequest", request["id"], when, **details)
            self._notify(
                intern_id, "signoff_decided", supervisor_id, when, request_id=request["id"], decision_id=decided["id"]
            )
        if outcome == "withdrawn":
            when = asked + timedelta(days=1)
            details = {"competency_id": competency_id}
            self._audit(intern_id, "signoff.withdrawn", "signoffrequest", request["id"], when, **details)
        request["updated_at"] = when

    def follow(self, rng: random.Random, intern: dict, position: int, entries: list[dict]) -> None:
        """Feedback on the intern's shared entries, evidence links, and sign-off requests over time."""
        supervisor_id = self.supervisors[position % len(self.supervisors)]
        shared = [e for e in entries if e["visibility"] != "private" and e["deleted_at"] is None]
        for entry in shared:
            self._feedback(rng, entry, supervisor_id)
        asked = min(len(self.competencies), len(shared), max(1, len(entries) // (2 * DAYS_PER_REQUEST)))
        requested = rng.sample(self.competencies, asked)
        # Evidence beyond the requests; a private entry only for competencies not asked about,
        # since supervisors must be able to read every piece of evidence of a request.
        unasked = [c for c in self.competencies if c not in requested]
        linked: set = set()
        for entry in entries:
            if entry["deleted_at"] is None and rng.random() < 0.06:
                choices = self.competencies if entry["visibility"] != "private" else unasked
                for competency_id, _ in rng.sample(choices, min(len(choices), rng.randint(1, 2))):
                    self._link(entry, competency_id, linked)
        for competency, evidence in zip(requested, rng.sample(shared, asked), strict=True):
            self._request(rng, intern["id"], supervisor_id, competency, evidence, linked)
