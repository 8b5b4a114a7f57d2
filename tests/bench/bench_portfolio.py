"""Rendering a portfolio PDF of 180 and of 360 entries: time, memory, pages and size, and how they grow.

One intern in a cohort on the default framework writes 360 entries of every kind (a few
paragraphs of Markdown each; some in French, Spanish, German, Arabic and Chinese, some with
emoji), a supervisor comments on a third of them and signs off a few competencies. The intern
submits every other entry (180), then all 360; each submission's frozen document is rendered
as ``ensure_pdf`` renders it, the two sizes in turn, after a warm-up on a six-entry portfolio
that uses every script. Twice the entries should cost about twice the time, not more.
"""

import io
import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from pypdf import PdfReader

from journal.competencies.evidence import framework_competencies
from journal.competencies.frameworks import assign_framework, default_framework
from journal.credit.requirements import set_requirements
from journal.extensions import db
from journal.models import Submission
from journal.models.entries import INVOLVEMENTS, PRINCIPLES, SETTINGS, THEMES
from journal.portfolio.pdf import render_pdf
from journal.portfolio.services import document_of
from tests import factories
from tests.bench import harness
from tests.bench.harness import Figure

TITLE = "portfolio PDF"
SIZES = (180, 360)
# Each round renders both PDFs (30 to 45 s on two shared CPUs, where one run in a few is 20 % off):
# the median of three rounds shrugs off one slow run and keeps ``make bench`` near two minutes.
REPEAT = 3
TIME_GOAL = 2.2  # the 360-entry PDF should take at most this many times as long as the 180-entry one

SECTIONS = {
    "clinical": ("What happened", "My role", "What I learned", "What I will do next"),
    "cultural": ("What I noticed", "How it differs from what I know", "What it means for patients", "What I will do"),
    "ethics": ("The situation", "The principles at stake", "What was done", "What I think", "Whom I discussed it with"),
}
SENTENCES = (
    "The round started early, with more patients than beds and two nurses for the whole ward.",
    "Most of the children had malaria or pneumonia; the registrar checked every drug chart against the weight.",
    "I followed the consultant and wrote the plans in the exercise books that families keep at the bedside.",
    "The family answered more openly once the greeting had been done properly and nobody was rushed.",
    "We had no ultrasound that afternoon, so the decision rested on the history and a careful examination.",
    "The midwife explained the procedure again herself instead of relying on the husband to translate.",
    "I noticed how much of the consultation happened before anyone mentioned the presenting complaint.",
    "Oxygen concentrators were shared between three bays, and the nurses moved them by who looked sickest.",
    "The supervisor asked me to present the case at the morning meeting and to say what I would do differently.",
    "A relative is not a neutral interpreter, however well meaning, and consent deserves a trained one.",
    "I drew up the vaccines and recorded every dose on the child health cards while the queue grew outside.",
    "The cold chain is the whole campaign: the vaccine vial monitors were checked before every session.",
    "Back home I would have ordered a scan; here the plan was to watch, re-examine and decide by evening.",
    "I still find it hard to tell which silences mean agreement and which mean the opposite.",
    "Next week I want to learn the local dosing table by heart and ask the pharmacist to test me.",
    "We talked about it over tea afterwards, and the clinical officer told me about a similar case years ago.",
)
BULLETS = (
    "check the weight before every prescription",
    "greet the eldest relative first",
    "ask a staff member, not family, to interpret for consent",
    "write the plan where the family can read it",
    "review the fluid balance at the evening round",
)
# Text in other scripts and with emoji, so the PDF embeds and shapes more than Latin fonts.
ABROAD = (
    "The nurse said it in French first: « On ne se précipite pas ; la patience soigne aussi. » Ça m'a marqué.",
    "Señora's daughter explained: «Mi madre prefiere que decida la familia», and nobody thought that odd.",
    "On the German team's whiteboard: „Übergabe pünktlich, Schmerzskala für alle.“ Straße, Größe, Ärztin.",
    "The interpreter wrote it down for me: الصبر مفتاح الفرج — patience is the key to relief.",
    "The visiting doctor's note read: 医生说：慢慢来，先听病人讲完。 Listen to the whole story first.",
    "Long day 😅 but the baby finally cried 🎉👶 and the whole team clapped 👏.",
)
TOPICS = (
    "Ward round on paediatrics",
    "Night shift in the emergency unit",
    "Vaccination day in the village",
    "Greeting the elders first",
    "Consent through a relative",
    "Sharing the last oxygen concentrator",
    "Handover at the district hospital",
    "Traditional healer before the hospital",
    "Théâtre: first assisted caesarean",
    "Malaria in pregnancy",
)
SPECIALTIES = ("paediatrics", "obstetrics", "internal medicine", "surgery", "public health", "emergency medicine")
TAGS = ("ward-round", "paediatrics", "consent", "interpreters", "communication", "family", "malaria", "outreach")
COMMENTS = (
    "Good observation. Next time, write down what you would have done at home and compare.",
    "Well reasoned. Bring this one to Thursday's teaching session, please.",
    "Agreed: ask the pharmacist for the dosing table and keep a copy in your coat.",
)


def _body(rng: random.Random, kind: str, n: int) -> str:
    """A few paragraphs of Markdown under the kind's headings, about 200 to 350 words."""
    parts = []
    for heading in SECTIONS[kind]:
        parts.append(f"## {heading}")
        parts.append(" ".join(rng.sample(SENTENCES, rng.randint(2, 4))))
        if rng.random() < 0.25:
            parts.append("\n".join(f"- {item}" for item in rng.sample(BULLETS, 3)))
    parts.insert(2, f"*{rng.choice(SENTENCES)}* **{rng.choice(SENTENCES)}**")
    if n % 10 == 0:
        parts.append(ABROAD[(n // 10) % len(ABROAD)])
    return "\n\n".join(parts)


def _fields(rng: random.Random, kind: str) -> dict:
    """The kind's own fields, as an intern would fill them in."""
    if kind == "clinical":
        return {
            "setting": rng.choice(list(SETTINGS)),
            "specialty": rng.choice(SPECIALTIES),
            "involvement": rng.choice(list(INVOLVEMENTS)),
            "hours": Decimal(rng.randint(2, 16)) / 2,
        }
    if kind == "cultural":
        return {"theme": rng.choice(list(THEMES))}
    return {"principles": rng.sample(list(PRINCIPLES), rng.randint(1, 2))}


def write_entry(rng: random.Random, intern, supervisor, cohort, start: date, n: int, count: int, fewest_tags=0):
    """The ``n``-th of ``count`` entries of a benchmark journal (over 120 days from ``start``), of a random kind
    and visibility, with ``fewest_tags`` to three tags; a third of them commented on by the supervisor, half of
    those answered by the intern."""
    session = db.session
    kind = rng.choices(("clinical", "cultural", "ethics"), weights=(2, 1, 1))[0]
    entry = factories.entry(
        session,
        intern,
        cohort,
        kind=kind,
        title=f"{rng.choice(TOPICS)} ({n + 1})",
        body=_body(rng, kind, n),
        tags=tuple(rng.sample(TAGS, rng.randint(fewest_tags, 3))),
        occurred_on=start + timedelta(days=n * 120 // count),
        visibility=rng.choice(("private", "supervisors", "cohort")),
        **_fields(rng, kind),
    )
    if n % 3 == 0:
        comment = factories.comment(session, entry, supervisor, body=rng.choice(COMMENTS))
        if n % 6 == 0:
            factories.comment(session, entry, intern, body="Thank you, I will.", parent=comment)
    return entry


def build_submissions(count: int = max(SIZES)) -> dict[int, int]:
    """Write the cohort and ``count`` entries, then submit a small portfolio with every script (to
    warm up on, key 0) and one of each size; the submissions' ids by size.

    Needs an application context; flushes, the caller commits.
    """
    rng = random.Random(180360)  # fixed: the same text, so the same figures, every run
    session = db.session
    start = date.today() - timedelta(days=120)
    cohort = factories.cohort(session, name="Benchmark cohort", start=start, days=150)
    coordinator = factories.user(session, name="Coordinator", is_admin=True)
    intern = factories.member(session, cohort, "intern", name="Amélie Nakamura-Haddad")
    supervisor = factories.member(session, cohort, "supervisor", name="Dr. Supervisor")
    assign_framework(cohort, default_framework(), coordinator)
    session.flush()
    competencies = framework_competencies(cohort)
    for competency in competencies[:6]:
        factories.signoff(session, intern, cohort, competency.id, status="approved", supervisor=supervisor)
    set_requirements(
        cohort,
        coordinator.id,
        hours=Decimal(40),
        entries={"clinical": 10, "cultural": 5, "ethics": 5},
        competency_ids=[c.id for c in competencies[:8]],
    )
    entries = [write_entry(rng, intern, supervisor, cohort, start, n, count) for n in range(count)]
    chosen = {0: entries[: 10 * len(ABROAD) : 10], count // 2: entries[::2], count: entries}
    return {size: factories.submission(session, intern, cohort, found).id for size, found in chosen.items()}


def _renderer(submission: Submission) -> Callable[[], bytes]:
    """Render the submission's PDF as ``ensure_pdf`` does (without storing it)."""

    def render() -> bytes:
        return render_pdf(document_of(submission), submission.sha256)

    return render


def measure(app, ids: dict[int, int], options: harness.Options) -> dict[int, dict]:
    """Time, memory, pages and size of each size's PDF, after rendering the small one to warm up."""
    with app.app_context():
        submissions = {size: db.session.get(Submission, submission_id) for size, submission_id in ids.items()}
        calls = {size: _renderer(submission) for size, submission in submissions.items() if size}
        _renderer(submissions[0])()  # loads the templates and every font the big ones use
        timings = harness.timed_together(calls, repeat=options.repeat or REPEAT, warmup=0)
        measured = {}
        for size, timing in timings.items():
            measured[size] = {
                "time": timing.median,
                "runs": timing.runs,
                "rss_growth": timing.rss_growth,
                "pages": len(PdfReader(io.BytesIO(timing.result)).pages),
                "size": len(timing.result),
            }
            if options.tracemalloc:
                measured[size]["python_peak"], _ = harness.python_peak(calls[size])
    return measured


def run(app, options: harness.Options) -> list[Figure]:
    """Build the data, render the PDFs and return the figures: each measure for both sizes, the
    larger with its ratio to the smaller."""
    with app.app_context():
        ids = build_submissions()
        db.session.commit()
    measured = measure(app, ids, options)
    small, large = sorted(measured)
    rows = [
        ("time", "time", "s", f"{large}/{small}; goal ≤ {TIME_GOAL}"),
        ("rss_growth", "peak RSS growth", "bytes", f"{large}/{small}"),
        ("python_peak", "Python peak (tracemalloc)", "bytes", f"{large}/{small}"),
        ("pages", "pages", "pages", f"{large}/{small}"),
        ("size", "file size", "bytes", f"{large}/{small}"),
    ]
    figures = []
    for key, label, unit, note in rows:
        if key not in measured[small]:
            continue
        for size in (small, large):
            value = measured[size][key]
            figure = Figure(TITLE, f"{TITLE} {size} entries {label}", value, unit)
            if key == "time":
                warm_up = f"a {len(ABROAD)}-entry portfolio in every script"
                figure.detail = {"runs": measured[size]["runs"], "warm_up": warm_up}
            if size == large:
                figure.ratio, figure.note = harness.ratio(value, measured[small][key]), note
            figures.append(figure)
    return figures
