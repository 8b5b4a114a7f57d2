"""What others wrote about the intern's work, for “Download my journal” (``journal.entries.export``): the
comments on their entries, and their sign-off requests with the decisions on them, as records for
``journal.json`` and as Markdown.

The files are written in English whatever the reader's language, like the entries' files.
"""

from collections import defaultdict
from datetime import datetime

from flask_babel import force_locale
from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload, selectinload

from journal import access
from journal.extensions import db
from journal.models import Cohort, Comment, Decision, Entry, Evidence, SignOffRequest, User
from journal.models.competencies import level_words


def _stamp(iso: str) -> str:
    """``2026-03-05 14:03 UTC`` from a stored ISO timestamp: the files say times the same way in every language."""
    return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M UTC")


def _indented(text: str, prefix: str) -> str:
    """Each line of ``text`` after ``prefix`` (a Markdown list item's continuation)."""
    return "\n".join(f"{prefix}{line}".rstrip() for line in text.strip().splitlines())


def comments_by_entry(entry_ids: Select, author_id: int) -> dict[int, list[dict]]:
    """Every comment on the selected entries (the author's own: they read each one), oldest first, by
    entry: one query however many. ``yours`` marks the author's replies; a comment whose writer deleted
    their account has no author and no text."""
    found = defaultdict(list)
    for comment in db.session.scalars(
        select(Comment)
        .options(joinedload(Comment.author))
        .where(Comment.entry_id.in_(entry_ids))
        .order_by(Comment.entry_id, Comment.created_at, Comment.id)
    ):
        found[comment.entry_id].append(
            {
                "id": comment.id,
                "reply_to": comment.parent_id,
                "author": comment.author.display_name if comment.author else None,
                "yours": comment.author_id == author_id,
                "written_at": comment.created_at.isoformat(),
                "text": comment.body,
            }
        )
    return found


def comments_markdown(comments: list[dict]) -> str:
    """The entry's comment thread as a Markdown section (empty without comments): each comment, then its replies."""
    if not comments:
        return ""
    replies = defaultdict(list)
    for comment in comments:
        if comment["reply_to"] is not None:
            replies[comment["reply_to"]].append(comment)
    lines = ["", "## Comments", ""]

    def add(comment: dict, depth: int) -> None:
        pad = "  " * depth
        who = comment["author"] or "Deleted user"
        who = f"{who} (you)" if comment["yours"] else who
        lines.append(f"{pad}- {who}, {_stamp(comment['written_at'])}:")
        lines.append(_indented(comment["text"] or "(removed with its writer's account)", pad + "  "))

    for comment in comments:
        if comment["reply_to"] is None:
            add(comment, 0)
            for reply in replies[comment["id"]]:
                add(reply, 1)
    return "\n".join(lines) + "\n"


def _level(level: int | None) -> str | None:
    """``3 · Acts with indirect supervision``, in English as the rest of the files (None for no level)."""
    if level is None:
        return None
    with force_locale("en"):
        return level_words(level)


def signoff_records(author: User, cohort: Cohort) -> list[dict]:
    """The author's sign-off requests in the cohort, oldest first, each with its decisions (who, when, level,
    feedback) and the entries linked to its competency now: three queries however many."""
    requests = db.session.scalars(
        select(SignOffRequest)
        .options(
            joinedload(SignOffRequest.competency),
            selectinload(SignOffRequest.decisions).joinedload(Decision.decided_by),
        )
        .where(SignOffRequest.intern_id == author.id, SignOffRequest.cohort_id == cohort.id)
        .order_by(SignOffRequest.created_at, SignOffRequest.id)
    ).all()
    evidence = defaultdict(list)
    for competency_id, entry_id, title in db.session.execute(
        select(Evidence.competency_id, Entry.id, Entry.title)
        .join(Entry, Entry.id == Evidence.entry_id)
        .where(access.live_entries_of(author.id, cohort.id))
        .order_by(Entry.occurred_on, Entry.id)
    ):
        evidence[competency_id].append({"entry_id": entry_id, "title": title})
    return [
        {
            "competency": {"code": request.competency.code, "title": request.competency.title},
            "level_requested": request.level,
            "level_requested_words": _level(request.level),
            "note": request.note,
            "status": request.status,
            "approved_level": request.approved_level if request.status == "approved" else None,
            "requested_at": request.created_at.isoformat(),
            "evidence_now": evidence[request.competency_id],
            "decisions": [
                {
                    "outcome": decision.outcome,
                    "level": decision.level,
                    "level_words": _level(decision.level),
                    "by": decision.decided_by.display_name if decision.decided_by else None,
                    "decided_at": decision.created_at.isoformat(),
                    "feedback": decision.note,
                }
                for decision in request.decisions
            ],
        }
        for request in requests
    ]


OUTCOMES = {"approved": "Approved", "returned": "Returned with feedback", "revoked": "Sign-off revoked"}
STATUSES = {
    "pending": "waiting for a decision",
    "approved": "signed off",
    "returned": "returned with feedback",
    "revoked": "sign-off revoked",
    "withdrawn": "withdrawn",
}


def signoffs_markdown(signoffs: list[dict]) -> str:
    """``signoffs.md``: each request with its decisions, in English like the entries' files."""
    lines = ["# Sign-off requests", ""]
    if not signoffs:
        lines.append("You have not asked for any sign-off in this cohort.")
    for item in signoffs:
        competency = item["competency"]
        lines += [f"## {competency['code']} {competency['title']}", ""]
        lines.append(f"- Asked for: level {item['level_requested_words']}, {_stamp(item['requested_at'])}")
        status = STATUSES.get(item["status"], item["status"])
        if item["approved_level"] is not None:
            status += f" at level {_level(item['approved_level'])}"
        lines.append(f"- Status: {status}")
        if item["evidence_now"]:
            lines.append(f"- Evidence linked now: {', '.join(e['title'] for e in item['evidence_now'])}")
        if item["note"].strip():
            lines += ["- Your note:", _indented(item["note"], "  ")]
        for decision in item["decisions"]:
            what = OUTCOMES.get(decision["outcome"], decision["outcome"])
            if decision["level_words"]:
                what += f" at level {decision['level_words']}"
            who = decision["by"] or "a deleted user"
            lines.append(f"- {what} by {who}, {_stamp(decision['decided_at'])}")
            if decision["feedback"].strip():
                lines.append(_indented(decision["feedback"], "  "))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
