"""Searching one's journal for a rare and for a common word over about 36,000 and 360,000 entries:
the page's time at each size, and the ratio between the sizes.

Both databases come from the same seed, so the intern searching (the first of the cohort, some
360 entries) has the very same entries in both: only everyone else's entries grow tenfold.
Results are limited (``search.MAX_RESULTS``) and ranked within the intern's own entries, so the
goal is the common word at 360,000 entries within 5× its time at 36,000.
"""

from sqlalchemy import func, select, text

from journal.extensions import db
from journal.models import Cohort, Entry
from journal.seed.synthetic_text import COMMON_WORD, RARE_WORD
from tests.bench import datasets, harness
from tests.bench.harness import Figure

TITLE = "search"
REPEAT = 9
RATIO_GOAL = 5.0  # the common word, 360,000 against 36,000 entries
SIZES = {"36k": datasets.SEARCH_SMALL, "360k": datasets.SEARCH_LARGE}
WORDS = {"rare": RARE_WORD, "common": COMMON_WORD}


def _matching(word: str) -> int:
    """How many entries of the whole database contain ``word`` (everyone's, in the search index)."""
    if db.session.get_bind().dialect.name == "sqlite":
        query = "SELECT count(*) FROM entry_search_fts WHERE entry_search_fts MATCH :word"
    else:
        query = "SELECT count(*) FROM entry_search WHERE document @@ plainto_tsquery('simple', :word)"
    return db.session.scalar(text(query), {"word": word})


def _prepare(app, calls: dict, facts: dict, size: str) -> None:
    """Log the intern in and add the two searches of this size to ``calls``; note the sizes in ``facts``."""
    with app.app_context():
        cohort_id = db.session.scalar(select(Cohort.id).where(Cohort.name == "Synthetic cohort 1"))
        facts[size] = {"entries": db.session.scalar(select(func.count(Entry.id)))}
        facts[size] |= {f"entries with {word!r}": _matching(word) for word in WORDS.values()}
    client = harness.logged_in(app, datasets.email("intern", 1, 1), datasets.PASSWORD)
    for kind, word in WORDS.items():
        calls[(size, kind)] = harness.page(client, f"/journal/{cohort_id}/search?q={word}")


def _hits(response) -> int:
    """How many results the search page lists."""
    return response.get_data(as_text=True).count('search-hit"')


def run(_app, options: harness.Options) -> list[Figure]:
    """Time the four searches in turn, round after round, with both databases open."""
    calls, facts = {}, {}
    with (
        datasets.dataset_app("search-36k", SIZES["36k"]) as small,
        datasets.dataset_app("search-360k", SIZES["360k"]) as large,
    ):
        for size, app in (("36k", small), ("360k", large)):
            _prepare(app, calls, facts, size)
        timings = harness.timed_together(calls, repeat=options.repeat or REPEAT, warmup=2, memory=False)
    figures = []
    for kind, word in WORDS.items():
        for size in SIZES:
            timing = timings[(size, kind)]
            name = f"{TITLE} {kind} word ({word!r}), {facts[size]['entries']:,} entries"
            figure = Figure(TITLE, name, timing.median, "s", detail={"runs": timing.runs, **facts[size]})
            figure.detail["hits shown"] = _hits(timing.result)
            if size == "360k":
                small = timings[("36k", kind)].median
                goal = f"; goal ≤ {RATIO_GOAL:g}" if kind == "common" else ""
                figure.ratio, figure.note = harness.ratio(timing.median, small), f"× 36k{goal}"
            figures.append(figure)
    return figures
