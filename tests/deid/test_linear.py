"""The whole detector takes time in proportion to the text, on worst-case texts too.

The check route accepts 60,000 characters, many times a minute: a pattern that walks the text again from each
character (quadratic time) would let anyone hold the server. Each worst case (``bench_deid.ADVERSARIAL``: a short
unit repeated, and the dense clinical paragraph) is checked at 2,500 and at 20,000 characters, and the growth of
the time is compared, not the time itself: eight times the text may take eight times as long, and this test
allows twice that, so a busy machine does not fail it (the short text takes its best of three runs, the long
one up to five, stopping at the first within the bound).
"""

import time

import pytest

from journal.deid import find_identifiers
from tests.bench.bench_deid import ADVERSARIAL, adversarial_text

SHORT, LONG = 2500, 20000
RUNS = 3
# An 8 times longer text may take up to 16 times as long, plus a few milliseconds (timer and cache noise).
GROWTH, SLACK = 16, 0.005


def _best_time(text: str, runs: int = RUNS, enough: float = 0.0) -> float:
    """The shortest of ``runs`` checks of ``text``, in seconds; it stops early once a run takes ``enough`` or less."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        find_identifiers(text)
        best = min(best, time.perf_counter() - start)
        if best <= enough:
            break
    return best


@pytest.mark.parametrize("unit", [*ADVERSARIAL, "clinical"], ids=repr)
def test_time_grows_linearly(unit):
    short = _best_time(adversarial_text(unit, SHORT))
    bound = GROWTH * short + SLACK
    long = _best_time(adversarial_text(unit, LONG), RUNS + 2, enough=bound)
    assert long < bound, f"{LONG:,} characters of {unit!r}: {long * 1000:.1f} ms, {short * 1000:.1f} ms for {SHORT:,}"
