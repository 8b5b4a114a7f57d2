"""The supervisor dashboard for 200 and for 20 interns who have written for 180 days (about 72,000 and
7,200 entries, beside each other in one database): time, SQL statements, and the ratio to the
best it could be, one raw SQL query computing the same figures.

That query (``RAW_FIGURES``) computes what the page computes from data that grows: per intern,
the last entry, entries this week by kind, hours, entries by kind and competencies signed off at
their level (the credit figures), pending requests and shared entries awaiting feedback; and the
cohort's entries per day and kind for the weekly chart. It is sent through the DBAPI cursor and
its rows fetched, nothing more: no ORM, no template, no HTTP. The goal is the page within 3× of
it, with the same number of statements at 20 and at 200 interns.
"""

import re
from datetime import date, timedelta

from sqlalchemy import select

from journal.extensions import db
from journal.models import Cohort
from journal.timezones import local_today, week_start
from tests.bench import datasets, harness
from tests.bench.harness import Figure

TITLE = "dashboard"
SIZES = {200: 1, 20: 2}  # interns -> the cohort's number in the dataset
REPEAT = 9
RATIO_GOAL = 3.0

# Named parameters in SQLite's style; ``_raw_query`` turns them into psycopg's for PostgreSQL.
RAW_FIGURES = """
WITH per_intern AS (
    SELECT e.author_id,
           max(e.created_at) AS last_created,
           sum(CASE WHEN e.occurred_on BETWEEN :week_start AND :week_end AND e.kind = 'clinical' THEN 1 ELSE 0 END)
               AS week_clinical,
           sum(CASE WHEN e.occurred_on BETWEEN :week_start AND :week_end AND e.kind = 'cultural' THEN 1 ELSE 0 END)
               AS week_cultural,
           sum(CASE WHEN e.occurred_on BETWEEN :week_start AND :week_end AND e.kind = 'ethics' THEN 1 ELSE 0 END)
               AS week_ethics,
           sum(e.hours) AS hours,
           sum(CASE WHEN e.kind = 'clinical' THEN 1 ELSE 0 END) AS clinical,
           sum(CASE WHEN e.kind = 'cultural' THEN 1 ELSE 0 END) AS cultural,
           sum(CASE WHEN e.kind = 'ethics' THEN 1 ELSE 0 END) AS ethics,
           sum(CASE WHEN e.visibility <> 'private'
                     AND NOT EXISTS (SELECT 1 FROM comments c JOIN memberships s ON s.user_id = c.author_id
                                     WHERE c.entry_id = e.id AND s.cohort_id = e.cohort_id AND s.role = 'supervisor')
                     AND NOT EXISTS (SELECT 1 FROM entry_reviews r WHERE r.entry_id = e.id)
                    THEN 1 ELSE 0 END) AS awaiting
    FROM entries e WHERE e.cohort_id = :cohort AND e.deleted_at IS NULL
    GROUP BY e.author_id
),
requests AS (
    SELECT q.intern_id,
           count(DISTINCT CASE WHEN q.status = 'approved' AND q.approved_level >= k.required_level
                               THEN q.competency_id END) AS signed_off,
           sum(CASE WHEN q.status = 'pending' THEN 1 ELSE 0 END) AS pending
    FROM signoff_requests q JOIN competencies k ON k.id = q.competency_id
    WHERE q.cohort_id = :cohort AND k.framework_id = :framework
    GROUP BY q.intern_id
)
SELECT 'intern' AS part, u.id, u.display_name, NULL AS day, NULL AS kind, p.last_created,
       p.week_clinical, p.week_cultural, p.week_ethics, p.hours, p.clinical, p.cultural, p.ethics,
       p.awaiting, r.signed_off, r.pending
FROM memberships m JOIN users u ON u.id = m.user_id
LEFT JOIN per_intern p ON p.author_id = u.id LEFT JOIN requests r ON r.intern_id = u.id
WHERE m.cohort_id = :cohort AND m.role = 'intern'
UNION ALL
SELECT 'chart', NULL, NULL, e.occurred_on, e.kind, NULL, count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM entries e
WHERE e.cohort_id = :cohort AND e.deleted_at IS NULL AND e.occurred_on BETWEEN :start AND :end
  AND e.author_id IN (SELECT user_id FROM memberships WHERE cohort_id = :cohort AND role = 'intern')
GROUP BY e.occurred_on, e.kind
"""


def _raw_query(app, cohort: Cohort):
    """A call that runs RAW_FIGURES for the cohort on a DBAPI cursor and fetches every row."""
    today = local_today(cohort.timezone)
    week = week_start(today)
    values = {
        "cohort": cohort.id,
        "framework": cohort.framework_id,
        "week_start": week.isoformat(),
        "week_end": (week + timedelta(days=6)).isoformat(),
        "start": cohort.start_date.isoformat(),
        "end": min(cohort.end_date, today).isoformat(),
    }
    with app.app_context():
        engine = db.engine
    statement = RAW_FIGURES
    if engine.dialect.name != "sqlite":  # psycopg takes %(name)s placeholders, and dates as dates
        statement = re.sub(r":(\w+)", r"%(\1)s", RAW_FIGURES)
        values = {k: v if k in ("cohort", "framework") else date.fromisoformat(v) for k, v in values.items()}
    connection = engine.raw_connection()

    def run():
        cursor = connection.cursor()
        cursor.execute(statement, values)
        rows = cursor.fetchall()
        cursor.close()
        return rows

    return run, connection


def run(_app, options: harness.Options) -> list[Figure]:
    """Time each dashboard and its raw query in turn, round after round, one size after the other
    (so neither size evicts the other's pages from the caches between a page and its baseline);
    count the page's statements."""
    figures = []
    timings, counts, rows = {}, {}, {}
    with datasets.dataset_app("supervision", datasets.SUPERVISION) as app:
        for interns, number in SIZES.items():
            with app.app_context():
                cohort = db.session.scalar(select(Cohort).where(Cohort.name == f"Synthetic cohort {number}"))
                db.session.expunge(cohort)
            client = harness.logged_in(app, datasets.email("supervisor", 1, number), datasets.PASSWORD)
            page = harness.page(client, f"/review/{cohort.id}/")
            raw, connection = _raw_query(app, cohort)
            counts[interns] = harness.statements(app, page)
            rows[interns] = sum(1 for row in raw() if row[0] == "intern")
            calls = {("page", interns): page, ("raw", interns): raw}
            timings |= harness.timed_together(calls, repeat=options.repeat or REPEAT, warmup=2, memory=False)
            connection.close()
    for interns in SIZES:
        page, raw = timings[("page", interns)].median, timings[("raw", interns)].median
        name = f"{TITLE} {interns} interns × 180 days"
        figures.append(
            Figure(TITLE, f"{name}: page", page, "s", harness.ratio(page, raw), f"× raw SQL; goal ≤ {RATIO_GOAL:g}")
        )
        figures[-1].detail = {"runs": timings[("page", interns)].runs, "interns_in_raw_rows": rows[interns]}
        figures.append(Figure(TITLE, f"{name}: raw SQL aggregate", raw, "s"))
        figures[-1].detail = {"runs": timings[("raw", interns)].runs}
    small, large = min(SIZES), max(SIZES)
    same = "same at 20 and 200 (goal)" if counts[small] == counts[large] else "NOT the same at 20 and 200"
    for interns in SIZES:
        note = same if interns == large else ""
        figures.append(Figure(TITLE, f"{TITLE} {interns} interns: SQL statements", counts[interns], "", note=note))
    return figures
