"""The intern's own journal in a cohort as Leap2A records (``journal.entries.leap2a``), for “Download my journal”.

It holds every live entry the intern wrote in the cohort, private ones too, and nobody else's;
entries in the trash stay out (they are on their way to being deleted). New entries begun and not
saved yet (autosaved drafts) come as posts marked Unready, as Mahara marks unpublished posts;
drafts of edits to saved entries stay out, since the saved entry is there. What others wrote goes
in only where the intern reads it in the app: the comments on their own entries. Each competency
the entries are evidence for says how its sign-off stands, as the intern's checklist does: signed off
(the level, by whom and the day), asked for and waiting for a decision, or nothing. A fixed number of
queries whatever the journal's size: entries, their tags, comments, evidence, drafts, the checklist's
(and, for a reader of another language, one per framework to know whether it is the default one,
whose words are translated).

Dates: a post is published on the day the entry happened, at the time of day it was written, in
the intern's time zone (what they saw when they wrote it).
"""

from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from journal import access, i18n
from journal.competencies.checklist import Item, checklist_for
from journal.entries.export import slug
from journal.entries.export_feedback import comments_by_entry
from journal.entries.forms import MAX_TAGS, TAG_PATTERN, parse_tags
from journal.entries.leap2a import Ability, Journal, Note, Post, package
from journal.extensions import db
from journal.framework_words.display import competency_description, competency_title
from journal.links import public_root
from journal.models import Cohort, Competency, Draft, Entry, Evidence, User
from journal.models.competencies import level_words
from journal.models.entries import INVOLVEMENTS, KIND_FIELDS, KINDS, PRINCIPLES, SETTINGS, THEMES
from journal.models.types import utcnow


def authority() -> str:
    """The host the ``tag:`` ids are minted under: the app's public address (``localhost`` without one)."""
    return urlsplit(public_root()).hostname or "localhost"


def zone_of(name: str | None) -> ZoneInfo:
    """The named time zone, UTC for a name this system does not know."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def published_at(day: date, written: datetime, zone: ZoneInfo) -> datetime:
    """``day`` at the local time of day of ``written`` (a UTC moment), in ``zone``."""
    local = written.astimezone(zone)
    return datetime.combine(day, time(local.hour, local.minute, local.second), zone)


def kind_facts(kind: str, values: dict) -> list[tuple[str, str]]:
    """The kind's fields as the entry page shows them, (label, value) in the current language; codes the
    app does not know, empty fields and values of the wrong shape (a draft's fields were typed, not
    checked: a list where a choice belongs) are left out."""
    names = KIND_FIELDS.get(kind, ())
    known = {name: values.get(name) for name in names}
    facts = []
    if _chosen(known.get("setting"), SETTINGS):
        facts.append((_("Setting"), str(SETTINGS[known["setting"]])))
    if isinstance(known.get("specialty"), str) and known["specialty"].strip():
        facts.append((_("Specialty"), known["specialty"].strip()))
    if _chosen(known.get("involvement"), INVOLVEMENTS):
        facts.append((_("Involvement"), str(INVOLVEMENTS[known["involvement"]])))
    hours = _hours(known.get("hours"))
    if hours is not None:
        facts.append((_("Hours"), i18n.format_hours(hours)))
    if _chosen(known.get("theme"), THEMES):
        facts.append((_("Theme"), str(THEMES[known["theme"]])))
    principles = known.get("principles")
    if isinstance(principles, list):
        words = [str(PRINCIPLES[p]) for p in principles if _chosen(p, PRINCIPLES)]
        if words:
            facts.append((_("Principles at stake"), ", ".join(words)))
    return facts


def _chosen(value, choices: dict) -> bool:
    """Whether ``value`` is one of the codes of ``choices`` (a list or a number never is)."""
    return isinstance(value, str) and value in choices


def _hours(value) -> Decimal | None:
    """Hours from a number or text (a draft's, where ``2,5`` is read as the form reads it), None when there
    are none or they are not a number from 0 to 24."""
    if value is None or isinstance(value, bool | list | dict):
        return None
    text = str(value).strip()
    if "," in text and "." not in text:
        text = text.replace(",", ".", 1)
    try:
        hours = Decimal(text)
    except InvalidOperation:
        return None
    return hours if hours.is_finite() and 0 <= hours <= 24 else None


def _entry_post(entry: Entry, zone: ZoneInfo, notes: list[Note], abilities: list[str]) -> Post:
    return Post(
        key=f"entry/{entry.id}",
        title=entry.title,
        published=published_at(entry.occurred_on, entry.created_at, zone),
        updated=entry.updated_at,
        body=entry.body,
        kind=entry.kind,
        kind_label=str(KINDS[entry.kind]),
        facts=kind_facts(entry.kind, {name: getattr(entry, name) for name in KIND_FIELDS[entry.kind]}),
        tags=entry.tag_names,
        notes=notes,
        abilities=abilities,
    )


def _text(content: dict, name: str) -> str:
    value = content.get(name)
    return value if isinstance(value, str) else ""


def _draft_post(draft: Draft, kind: str, zone: ZoneInfo) -> Post:
    """An unsaved new entry as an Unready post; its fields were typed, not checked, so only what the
    form would accept is used."""
    content = draft.content if isinstance(draft.content, dict) else {}
    try:
        day = date.fromisoformat(_text(content, "occurred_on"))
    except ValueError:
        day = draft.updated_at.astimezone(zone).date()
    tags = [tag for tag in parse_tags(_text(content, "tags")) if TAG_PATTERN.match(tag)][:MAX_TAGS]
    return Post(
        key=f"draft/{draft.id}",
        title=_text(content, "title").strip() or _("Untitled draft"),
        published=published_at(day, draft.updated_at, zone),
        updated=draft.updated_at,
        body=_text(content, "body"),
        kind=kind,
        kind_label=str(KINDS[kind]),
        facts=kind_facts(kind, content),
        tags=tags,
        unready=True,
    )


def _evidence(entry_ids) -> tuple[dict[int, list[str]], list[Ability]]:
    """The competencies each selected entry is evidence for (by ability key), and those abilities, in
    framework order and in the reader's words, as the checklist shows them (the default framework
    translated): one query, and one more per framework the first time it is met."""
    by_entry: dict[int, list[str]] = defaultdict(list)
    abilities: dict[int, Ability] = {}
    for entry_id, competency in db.session.execute(
        select(Evidence.entry_id, Competency)
        .join(Competency, Competency.id == Evidence.competency_id)
        .where(Evidence.entry_id.in_(entry_ids))
        .order_by(Competency.position, Competency.id, Evidence.entry_id)
    ):
        key = f"competency/{competency.id}"
        by_entry[entry_id].append(key)
        if competency.id not in abilities:
            title = f"{competency.code} — {competency_title(competency)}"
            abilities[competency.id] = Ability(key, title, competency_description(competency))
    return by_entry, list(abilities.values())


def signoff_said(item: Item, zone: ZoneInfo) -> str:
    """How the competency's sign-off stands, in words (empty when it was never signed off nor is asked
    for): the approval still standing, with its level, who decided and the day in ``zone``; a request
    waiting for a decision, with the level asked for and the day asked."""
    said = []
    approval = item.approval
    if approval is not None:
        name = approval.decided_by.display_name if approval.decided_by else _("a deleted user")
        day = i18n.format_date(approval.created_at.astimezone(zone))
        said.append(
            _(
                "Signed off at level %(level)s by %(name)s, %(when)s.",
                level=level_words(approval.level),
                name=name,
                when=day,
            )
        )
    if item.state == "requested" and item.current is not None:
        day = i18n.format_date(item.current.created_at.astimezone(zone))
        level = level_words(item.current.level)
        said.append(_("Requested at level %(level)s on %(when)s, waiting for a decision.", level=level, when=day))
    return " ".join(said)


def _signoffs(author: User, cohort: Cohort, zone: ZoneInfo) -> dict[str, list[tuple[str, str]]]:
    """Each competency's sign-off as an ability's facts, by ability key, from the intern's own checklist;
    competencies never signed off nor asked for are left out."""
    found = {}
    for item in checklist_for(cohort, author, author).items:
        said = signoff_said(item, zone)
        if said:
            found[f"competency/{item.competency.id}"] = [(_("Sign-off"), said)]
    return found


def _with_signoffs(abilities: list[Ability], author: User, cohort: Cohort, zone: ZoneInfo) -> list[Ability]:
    """The abilities, each with its sign-off (no query when there are none)."""
    if not abilities:
        return abilities
    signoffs = _signoffs(author, cohort, zone)
    return [replace(ability, facts=signoffs.get(ability.key, [])) for ability in abilities]


def _notes(comments: list[dict]) -> list[Note]:
    return [Note(c["author"], datetime.fromisoformat(c["written_at"]), c["text"] or "") for c in comments]


def _unsaved(author: User, cohort: Cohort, zone: ZoneInfo) -> list[Post]:
    """The new entries begun in the cohort and not saved, oldest first: one query."""
    keys = {f"new-{cohort.id}-{kind}": kind for kind in KINDS}
    drafts = db.session.scalars(
        select(Draft)
        .where(Draft.user_id == author.id, Draft.entry_id.is_(None), Draft.key.in_(keys))
        .order_by(Draft.updated_at, Draft.id)
    )
    return [_draft_post(draft, keys[draft.key], zone) for draft in drafts]


def description(site: str, country: str, start: date, end: date) -> str:
    """The journal's one-line description: where and when the placement was."""
    return _(
        "Placement at %(site)s, %(country)s, from %(start)s to %(end)s.",
        site=site,
        country=country,
        start=i18n.format_date(start),
        end=i18n.format_date(end),
    )


def journal_title(cohort_name: str) -> str:
    """The name the journal takes in the ePortfolio."""
    return _("%(cohort)s — placement journal", cohort=cohort_name)


def intern_journal(author: User, cohort: Cohort) -> Journal:
    """The author's journal in the cohort as Leap2A records (see the module's docstring)."""
    zone = zone_of(author.timezone)
    mine = select(Entry).where(access.live_entries_of(author.id, cohort.id))
    entries = db.session.scalars(mine.options(selectinload(Entry.tags)).order_by(Entry.occurred_on, Entry.id)).all()
    entry_ids = mine.with_only_columns(Entry.id)
    comments = comments_by_entry(entry_ids, author.id)
    evidence, abilities = _evidence(entry_ids)
    abilities = _with_signoffs(abilities, author, cohort, zone)
    posts = [_entry_post(e, zone, _notes(comments[e.id]), evidence[e.id]) for e in entries]
    posts += _unsaved(author, cohort, zone)
    return Journal(
        authority=authority(),
        key=f"journal/{cohort.id}/{author.id}",
        title=journal_title(cohort.name),
        description=description(cohort.host_site, cohort.country, cohort.start_date, cohort.end_date),
        author_name=author.display_name,
        author_email=author.email,
        updated=utcnow(),
        posts=posts,
        abilities=abilities,
    )


def journal_leap2a(author: User, cohort: Cohort) -> tuple[bytes, str]:
    """The Leap2A zip of the author's journal in the cohort, and its file name."""
    journal = intern_journal(author, cohort)
    zone = zone_of(author.timezone).key

    def when(moment: datetime) -> str:
        return i18n.format_moment(moment, zone)

    return package(journal, when), f"journal-{slug(cohort.name)}-{journal.updated:%Y-%m-%d}-leap2a.zip"
