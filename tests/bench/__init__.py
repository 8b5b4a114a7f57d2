"""Benchmarks: figures about how the app scales, printed by ``make bench`` (``python -m tests.bench``).

They are not tests and never fail on a time: each ``bench_*.py`` module (pytest collects only
``test_*.py``) has a ``TITLE`` and a ``run(app, options)`` that returns ``harness.Figure`` rows. The runner
gives each module a fresh application on an empty database; the benchmarks at scale open their own
on a copy of a synthetic dataset instead (``datasets.py``, built once by ``seed_synthetic`` and kept
under ``test-output/bench-data/``). It prints one table and writes the same figures as JSON to
``test-output/bench.json``.
"""
