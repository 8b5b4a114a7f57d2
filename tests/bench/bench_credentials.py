"""Signing an Open Badge and verifying a CLR of 20 badges: CPU time, against the same work without caches.

Nearly all the time of both is JSON-LD canonicalisation (RDFC-1.0 through pyld). The app works out
what the fixed contexts (VC v2, OB 3.0, CLR 2.0) mean once per process (``proofs._ContextCache``,
``loader``'s immutable, ``static`` documents); the baseline measured beside it in the same run is the
way it was done before: a fresh copy of every context file on every request for it, nothing kept
between calls, pyld's own ``to_rdf`` expanding the document a second time. Both give the same bytes
(``tests/credentials/test_proofs.py``); here only their cost is compared.

Verifying the CLR is what ``/verify`` does with an upload (``checking.check_credential``): the CLR's
proof, then each of the 20 badges it holds, and the limits on an untrusted graph. CPU time, as the
machine these run on is often busy with other work; medians of several runs after a warm-up.
"""

import contextlib
import json
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from pyld import jsonld
from pyld.jsonld import JsonLdProcessor

from journal.credentials import checking, clr, keys, loader, proofs
from journal.extensions import db
from journal.models import Submission
from tests.bench import harness
from tests.bench.harness import Figure
from tests.conftest import Maker

TITLE = "Credentials"
BADGES = 20
REPEAT = 7
GOAL_SHARE = 0.5  # at most half the baseline's CPU time


def build_clr(app, count: int = BADGES) -> str:
    """A submitted portfolio whose record holds ``count`` approved sign-offs, and its CLR issued by the real
    code: the stored JSON text."""
    make = Maker(app)
    cohort = make.cohort()
    intern = make.member(cohort, "intern", email="credentials.intern@example.org")
    supervisor = make.member(cohort, "supervisor")
    framework = make.framework(cohort, competencies=count)
    shared = make.entry(intern, cohort, visibility="supervisors", title="Explaining a diagnosis")
    for competency in framework.competencies:
        make.evidence(shared, competency.id)
        make.signoff(intern, cohort, competency.id, status="approved", supervisor=supervisor, level=4)
    submission = make.submission(intern, cohort, [shared])
    with app.test_request_context():
        found = clr.clr_for(db.session.get(Submission, submission.id))
        db.session.commit()
        return found.document


def _fresh_copies(url: str, options: dict | None = None) -> dict:
    """The loader as it was: a new, mutable, untagged copy of the document on every request."""
    document = json.loads(json.dumps(loader.known_document(url)))
    return {"contextUrl": None, "documentUrl": url, "document": document}


def _canonicalize_uncached(document: dict) -> str:
    """Canonicalisation as it was: pyld's processor and its ``to_rdf`` (which expands a second time)."""
    options = {"documentLoader": loader.document_loader, "base": "", "processingMode": "json-ld-1.1"}
    processor = JsonLdProcessor(on_property_dropped=proofs._undefined)
    expanded = processor.expand(document, dict(options))
    proofs._check_identifiers(expanded)
    dataset = processor.to_rdf(expanded, {**options, "produceGeneralizedRdf": False})
    return proofs._BoundedCanon().main(dataset, {"format": "application/n-quads"})


@contextlib.contextmanager
def uncached() -> Iterator[None]:
    """Run the real code the way it ran before the caches: every context worked out on every call."""
    saved = loader.document_loader, proofs.canonicalize
    loader.document_loader, proofs.canonicalize = _fresh_copies, _canonicalize_uncached
    jsonld.set_document_loader(_fresh_copies)
    proofs.clear_caches()
    try:
        yield
    finally:
        loader.document_loader, proofs.canonicalize = saved
        jsonld.set_document_loader(saved[0])
        proofs.clear_caches()


def _cpu_median(fn: Callable[[], object], repeat: int, *, warmup: int = 1) -> tuple[float, list[float]]:
    """The median CPU seconds of ``repeat`` calls of ``fn`` after ``warmup`` untimed ones, and every run."""
    for _ in range(warmup):
        fn()
    runs = []
    for _ in range(repeat):
        started = time.process_time()
        fn()
        runs.append(time.process_time() - started)
    return statistics.median(runs), runs


def run(app, options: harness.Options) -> list[Figure]:
    """Sign one badge and verify the 20-badge CLR, with the caches and without (the baseline)."""
    repeat = options.repeat or REPEAT
    raw = build_clr(app)
    document = json.loads(raw)
    badge = document["credentialSubject"]["verifiableCredential"][0]
    unsigned = {name: value for name, value in badge.items() if name != "proof"}
    figures: list[Figure] = []
    with app.test_request_context():
        key = keys.active_key()
        moment = datetime(2026, 1, 1, tzinfo=UTC)

        def sign() -> dict:
            return proofs.sign(unsigned, key, created=moment)

        def verify() -> checking.CredentialCheck:
            check = checking.check_credential(raw)
            if check.headline != "valid" or len(check.embedded) != BADGES:
                raise RuntimeError(f"the CLR did not verify: {check.headline} {check.problem}")
            return check

        if sign() != sign():
            raise RuntimeError("signing the same badge twice gave two documents")
        cached = {"sign": _cpu_median(sign, repeat), "verify": _cpu_median(verify, repeat)}
        signed_cached = sign()
        with uncached():
            baseline = {"sign": _cpu_median(sign, repeat), "verify": _cpu_median(verify, repeat)}
            signed_uncached = sign()
        if signed_cached != signed_uncached:
            raise RuntimeError("the cached and uncached signatures differ")
    names = {"sign": "sign one Open Badge", "verify": f"verify a CLR of {BADGES} badges (/verify's check)"}
    for what, name in names.items():
        (seconds, runs), (before, before_runs) = cached[what], baseline[what]
        figures.append(
            Figure(
                TITLE,
                f"{name}, CPU time",
                seconds,
                "s",
                ratio=harness.ratio(seconds, before),
                note=f"of the uncached baseline's {before * 1000:.1f} ms; goal: under {GOAL_SHARE:.2f}",
                detail={"runs": runs, "baseline_runs": before_runs},
            )
        )
        figures.append(Figure(TITLE, f"{name}, CPU time without the caches (baseline)", before, "s"))
    return figures
