"""An intern's journal list and one entry page when the intern has written 1,000 entries: time and
SQL statements, each against the cheapest page a logged-in person can open.

The baseline is ``/account/password`` (the change-password form): the same app, login, session
and navigation as every page, three empty fields, and nothing that grows with data. The app
has no emptier logged-in page, so none was added. The entry shown is the intern's latest
shared entry with a comment thread, the kind of page a supervisor's notification leads to.
The goal is each page within 3× of the baseline.
"""

from sqlalchemy import func, select

from journal.extensions import db
from journal.models import Cohort, Comment, Entry, User
from tests.bench import datasets, harness
from tests.bench.harness import Figure

TITLE = "journal"
MINIMAL_PAGE = "/account/password"
REPEAT = 15
RATIO_GOAL = 3.0
COHORT = 3  # the dataset's cohort of one intern with 1,000 entries


def _targets(app) -> tuple[str, str, str]:
    """The journal list's URL, the entry page's URL, and how many entries the intern has, in words."""
    with app.app_context():
        cohort = db.session.scalar(select(Cohort).where(Cohort.name == f"Synthetic cohort {COHORT}"))
        intern = db.session.scalar(select(User).where(User.email == datasets.email("intern", 1, COHORT)))
        live = (Entry.author_id == intern.id, Entry.deleted_at.is_(None))
        written = db.session.scalar(select(func.count(Entry.id)).where(Entry.author_id == intern.id))
        count = (
            f"{written:,} entries ({db.session.scalar(select(func.count(Entry.id)).where(*live)):,} not in the trash)"
        )
        entry_id = db.session.scalar(
            select(Entry.id)
            .where(*live, Entry.visibility != "private", Entry.id.in_(select(Comment.entry_id)))
            .order_by(Entry.occurred_on.desc(), Entry.id.desc())
        )
        return f"/journal/{cohort.id}/", f"/entries/{entry_id}", count


def run(_app, options: harness.Options) -> list[Figure]:
    """Time the baseline, the list and the entry page in turn, round after round; count statements."""
    with datasets.dataset_app("supervision", datasets.SUPERVISION) as app:
        journal_url, entry_url, count = _targets(app)
        client = harness.logged_in(app, datasets.email("intern", 1, COHORT), datasets.PASSWORD)
        urls = {"minimal": MINIMAL_PAGE, "list": journal_url, "entry": entry_url}
        calls = {name: harness.page(client, url) for name, url in urls.items()}
        counts = {name: harness.statements(app, call) for name, call in calls.items()}
        timings = harness.timed_together(calls, repeat=options.repeat or REPEAT, warmup=3, memory=False)
    minimal = timings["minimal"].median
    labels = {
        "minimal": f"minimal logged-in page ({MINIMAL_PAGE})",
        "list": f"journal list, {count}",
        "entry": "entry page (shared, with comments)",
    }
    figures = []
    for name, label in labels.items():
        value = timings[name].median
        ratio, note = (
            (None, "baseline")
            if name == "minimal"
            else (harness.ratio(value, minimal), f"× minimal; goal ≤ {RATIO_GOAL:g}")
        )
        figures.append(
            Figure(TITLE, f"{TITLE}: {label}", value, "s", ratio, note, {"runs": timings[name].runs, "url": urls[name]})
        )
    for name, label in labels.items():
        figures.append(
            Figure(TITLE, f"{TITLE}: {label.split(' (')[0].split(',')[0]}: SQL statements", counts[name], "")
        )
    return figures
