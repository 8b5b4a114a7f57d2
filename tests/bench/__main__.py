"""Run the benchmarks: ``python -m tests.bench [name ...]`` (``make bench`` runs them all).

Every ``bench_<name>.py`` module in this package is found and run in name order, each on a fresh
application and empty database. Progress goes to stderr; one table of every figure goes to stdout
and the same figures, with the environment, to ``test-output/bench.json``.
"""

import argparse
import importlib
import pkgutil
import sys
import time
from pathlib import Path

from tests import bench
from tests.bench import harness

OUTPUT = Path("test-output") / "bench.json"


def benchmark_names() -> list[str]:
    """The names of the benchmark modules (``bench_portfolio.py`` is ``portfolio``), sorted."""
    found = (module.name for module in pkgutil.iter_modules(bench.__path__))
    return sorted(name.removeprefix("bench_") for name in found if name.startswith("bench_"))


def main(argv: list[str] | None = None) -> int:
    """Run the chosen benchmarks (all by default), print the table and write the JSON."""
    available = benchmark_names()
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="name", help=f"benchmarks to run (of: {', '.join(available)})")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"where to write the JSON (default: {OUTPUT})")
    parser.add_argument("--repeat", type=int, help="timed runs per measurement (default: each benchmark's own)")
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also measure the Python peak (one extra, slow run per measurement)"
    )
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(available))
    if unknown:
        parser.error(f"no such benchmark: {', '.join(unknown)} (there are: {', '.join(available)})")

    options = harness.Options(repeat=args.repeat and max(1, args.repeat), tracemalloc=args.tracemalloc)
    figures: list[harness.Figure] = []
    began = time.perf_counter()
    print(f"Benchmarks on {harness.database_kind()}.", file=sys.stderr)
    for name in args.names or available:
        module = importlib.import_module(f"tests.bench.bench_{name}")
        print(f"- {module.TITLE} …", file=sys.stderr, flush=True)
        started = time.perf_counter()
        with harness.fresh_app() as app:
            figures += module.run(app, options)
        print(f"  done in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)

    print(file=sys.stderr)
    print(harness.table(figures))
    harness.write_json(figures, args.output, options)
    print(f"\nFigures written to {args.output} ({time.perf_counter() - began:.0f} s in all).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
