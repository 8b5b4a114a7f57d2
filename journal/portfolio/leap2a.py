"""A submitted portfolio as Leap2A records (``journal.entries.leap2a``): its frozen entries only.

Everything comes from the submission's stored document, never from live data, so the file holds
what was submitted and nothing else: the chosen entries as they were, with the comments frozen
with them (the intern's and the supervisors'). The document keeps the day each entry happened but
not the time it was written, so a post is published at noon that day in the intern's time zone
(the cohort's once the intern's account is gone): noon keeps the day the same for readers up to
twelve hours away.

The competency record frozen in the document becomes one ``leap2:ability`` per competency: code and
title, its domain, the level required and the state, who signed it off and when, in the words and
form the PDF uses (``wording``, ``pdf.when``), so the file says what the PDF says. The document does
not record which entries were evidence for which competency, so no post is linked to an ability:
links made from today's evidence would be live data, not what was submitted.
"""

from datetime import date, datetime, time
from urllib.parse import quote

from flask_babel import gettext as _

from journal import i18n
from journal.entries.export import slug
from journal.entries.leap2a import Ability, Journal, Note, Post, package
from journal.entries.leap2a_journal import authority, description, kind_facts, zone_of
from journal.models import Submission
from journal.models.competencies import LEVELS
from journal.models.entries import KINDS
from journal.portfolio import wording
from journal.portfolio.pdf import when as frozen_day

NOON = time(12)


def _post(code: str, record: dict, zone) -> Post:
    day = date.fromisoformat(record["occurred_on"])
    notes = [
        Note(comment["author"], datetime.fromisoformat(comment["written_at"]), comment["body"] or "")
        for comment in record["comments"]
    ]
    return Post(
        key=f"submission/{code}/entry/{record['id']}",
        title=record["title"],
        published=datetime.combine(day, NOON, zone),
        updated=datetime.combine(day, NOON, zone),
        body=record["body"],
        kind=record["kind"],
        kind_label=str(KINDS.get(record["kind"], record["kind"])),
        facts=kind_facts(record["kind"], record["details"]),
        tags=list(record["tags"]),
        notes=notes,
    )


def frozen_state(competency: dict) -> str:
    """A frozen competency's state as the PDF's table says it: ``Level 3 · Acts with indirect supervision ✓``
    (the tick when the required level is met), or the state in words when it has no level."""
    level = competency.get("level")
    if level in LEVELS:
        reached = f"{_('Level %(level)s', level=level)} · {LEVELS[level]}"
        return f"{reached} ✓" if competency.get("met") else reached
    return wording.state_label(competency)


def _ability(code: str, document: dict, competency: dict) -> Ability:
    """One competency of the frozen record as an ability, with the facts the PDF's table holds."""
    facts = [
        (_("Domain"), wording.domain_title(document, competency)),
        (_("Required"), str(competency["required_level"])),
        (_("State"), frozen_state(competency)),
    ]
    if competency.get("signed_off_by"):
        facts.append((_("Signed off by"), competency["signed_off_by"]))
    if competency.get("signed_off_at"):
        facts.append((_("On"), frozen_day(competency["signed_off_at"])))
    return Ability(
        key=f"submission/{code}/competency/{quote(competency['code'], safe='')}",
        title=f"{competency['code']} — {wording.competency_title(document, competency)}",
        description="",
        facts=facts,
    )


def submission_journal(submission: Submission, document: dict) -> Journal:
    """The submission's frozen ``document`` as Leap2A records."""
    zone = zone_of(submission.intern.timezone if submission.intern else submission.cohort.timezone)
    cohort = document["cohort"]
    return Journal(
        authority=authority(),
        key=f"submission/{submission.code}",
        title=_("%(cohort)s — portfolio %(code)s", cohort=cohort["name"], code=submission.code),
        description=description(
            cohort["host_site"],
            cohort["country"],
            date.fromisoformat(cohort["start_date"]),
            date.fromisoformat(cohort["end_date"]),
        ),
        author_name=document["intern"]["name"],
        author_email=document["intern"].get("email"),
        updated=submission.created_at,
        posts=[_post(submission.code, record, zone) for record in document["entries"]],
        abilities=[_ability(submission.code, document, competency) for competency in document["competencies"]],
    )


def submission_leap2a(submission: Submission, document: dict) -> tuple[bytes, str]:
    """The Leap2A zip of the submission, and its file name."""
    journal = submission_journal(submission, document)

    def when(moment: datetime) -> str:
        return i18n.format_moment(moment)

    return package(journal, when), f"portfolio-{slug(submission.code, 'portfolio')}-leap2a.zip"
