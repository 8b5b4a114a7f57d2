"""What every benchmark needs: a fresh app and database, timing, peak memory, a table and JSON.

Times are the median of a few runs after a warm-up (the first run fills caches: templates,
fonts, imports). Memory is measured two ways, both around one call:

- RSS growth: how far the process's resident set rose above where it stood before the call
  (Linux only: ``VmHWM`` after resetting it through ``/proc/self/clear_refs``), taken during the
  timed runs at no cost. Freed memory is handed back to the system before each run so that a
  run does not reuse what the one before it left behind. It counts what C libraries allocate
  too (Pango, HarfBuzz, the SQLite page cache).
- Python peak: the highest total of live Python allocations (``tracemalloc``), only with
  ``--tracemalloc`` and in a run of its own, because tracing makes a call two to three times
  slower.
"""

import contextlib
import ctypes
import ctypes.util
import gc
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from journal.extensions import db
from tests.conftest import make_app, reset_schema

MIB = 1024 * 1024
K = TypeVar("K")


@dataclass
class Figure:
    """One row of the table: a measured value, and how it compares with another row if it does."""

    benchmark: str
    name: str
    value: float | int | None
    unit: str
    ratio: float | None = None
    note: str = ""
    detail: dict = field(default_factory=dict)  # more for the JSON only, such as each timed run


@dataclass
class Options:
    """How thoroughly to measure, from the command line; every benchmark receives them."""

    repeat: int | None = None  # timed runs per measurement after the warm-up (None: the benchmark's own choice)
    tracemalloc: bool = False  # also measure the Python peak, in one extra (slow) run per measurement


@dataclass
class Timing:
    """Seconds of each timed run, their median, the largest RSS growth (bytes) and the last result."""

    runs: list[float]
    rss_growth: int | None
    result: object = field(repr=False)

    @property
    def median(self) -> float:
        """The median of the timed runs, in seconds."""
        return statistics.median(self.runs)


# --- The application ---------------------------------------------------------------------------


def database_kind() -> str:
    """``PostgreSQL`` when ``BENCH_DATABASE_URL`` is set, else ``SQLite``."""
    return "PostgreSQL" if os.environ.get("BENCH_DATABASE_URL") else "SQLite"


def _with_psycopg(url: str) -> str:
    """A plain ``postgres://`` or ``postgresql://`` URL pointed at psycopg 3, as ``journal.config`` does."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def postgresql_url() -> str:
    """``BENCH_DATABASE_URL``, pointed at psycopg 3 (empty when it is not set)."""
    return _with_psycopg(os.environ.get("BENCH_DATABASE_URL", "").strip())


@contextlib.contextmanager
def fresh_app(**overrides) -> Iterator[Flask]:
    """An application on an empty database: a temporary SQLite file, or ``BENCH_DATABASE_URL``.

    The PostgreSQL database is wiped (its tables dropped and created again), as the test suite does
    with ``--database-url``: point it at a database kept for benchmarks.
    """
    url = postgresql_url()
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        url = url or f"sqlite:///{Path(folder) / 'bench.db'}"
        reset_schema(url)
        app = make_app(url, **overrides)
        try:
            yield app
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


def logged_in(app: Flask, email: str, password: str) -> FlaskClient:
    """A test client of ``app`` logged in through the login form as ``email``."""
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": password})
    if response.status_code != 302 or "/login" in response.headers.get("Location", ""):
        raise RuntimeError(f"could not log in as {email}: {response.status_code}")
    return client


def page(client: FlaskClient, url: str) -> Callable[[], object]:
    """A call that requests ``url`` and fails unless the page answers 200."""

    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        return response

    return get


def statements(app: Flask, fn: Callable[[], object]) -> int:
    """How many SQL statements ``fn`` sends to the app's database."""
    with app.app_context():
        engine = db.engine
    sent = []

    def record(*_args) -> None:
        sent.append(1)

    event.listen(engine, "before_cursor_execute", record)
    try:
        fn()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return len(sent)


# --- Measuring ---------------------------------------------------------------------------------


def _libc():
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None


_LIBC = _libc()


def _settle() -> None:
    """Collect garbage and hand freed heap memory back to the system (glibc), between runs."""
    gc.collect()
    if _LIBC is not None and hasattr(_LIBC, "malloc_trim"):
        _LIBC.malloc_trim(0)


def _status_kib(key: str) -> int | None:
    """A ``kB`` figure from ``/proc/self/status`` (``VmRSS``, ``VmHWM``), or None off Linux."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_rss_peak() -> bool:
    """Set the process's peak RSS (``VmHWM``) back to its current RSS; False where that is not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
        return True
    except OSError:
        return False


def rss_growth(fn: Callable[[], object]) -> tuple[int | None, object]:
    """Call ``fn`` once; return how many bytes the resident set grew at its peak (None if unknown)
    and what ``fn`` returned."""
    _settle()
    before = _status_kib("VmRSS")
    known = before is not None and _reset_rss_peak()
    result = fn()
    peak = _status_kib("VmHWM") if known else None
    return (None if peak is None else max(0, peak - before) * 1024), result


def timed(fn: Callable[[], object], *, repeat: int = 3, warmup: int = 1) -> Timing:
    """Call ``fn`` ``warmup`` times untimed, then ``repeat`` times timed; the last result is kept."""
    return timed_together({"": fn}, repeat=repeat, warmup=warmup)[""]


def timed_together(
    calls: dict[K, Callable[[], object]], *, repeat: int = 3, warmup: int = 1, memory: bool = True
) -> dict[K, Timing]:
    """Time several calls in turn, round after round, so that a machine busy for a while slows them
    all alike and their ratio holds; each call's ``Timing`` by its key.

    With ``memory`` each run also measures its RSS growth, after freeing what the run before it
    left (which makes the run page its heap in again). Requests are timed without it, warm, as a
    server that has been answering for a while answers them.
    """
    for _ in range(warmup):
        for fn in calls.values():
            fn()
    runs: dict[K, list[float]] = {key: [] for key in calls}
    growths: dict[K, list[int]] = {key: [] for key in calls}
    results: dict[K, object] = {}
    for _ in range(repeat):
        for key, fn in calls.items():
            if memory:
                growth, (seconds, results[key]) = rss_growth(_stopwatch(fn))
            else:
                growth, (seconds, results[key]) = None, _stopwatch(fn)()
            runs[key].append(seconds)
            if growth is not None:
                growths[key].append(growth)
    return {
        key: Timing(runs=runs[key], rss_growth=max(growths[key], default=None), result=results.get(key))
        for key in calls
    }


def _stopwatch(fn: Callable[[], object]) -> Callable[[], tuple[float, object]]:
    """``fn`` made to return the seconds it took along with its result."""

    def call() -> tuple[float, object]:
        started = time.perf_counter()
        value = fn()
        return time.perf_counter() - started, value

    return call


def python_peak(fn: Callable[[], object]) -> tuple[int, object]:
    """Call ``fn`` once under ``tracemalloc``; return the peak of live Python allocations (bytes)
    above where they stood before, and what ``fn`` returned."""
    _settle()
    tracemalloc.start()
    try:
        start, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - start, result


def ratio(larger: float | int | None, smaller: float | int | None) -> float | None:
    """``larger / smaller``, or None when either is unknown or the divisor is zero."""
    if larger is None or not smaller:
        return None
    return larger / smaller


# --- Reporting ---------------------------------------------------------------------------------


def format_value(value: float | int | None, unit: str) -> str:
    """A value with its unit for the table: ``2.31 s``, ``12.4 ms``, ``41.2 MiB``, ``212 pages``."""
    if value is None:
        return "n/a"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "bytes":
        return f"{value / MIB:.{2 if value < 10 * MIB else 1}f} MiB"
    if isinstance(value, float):
        return f"{value:.2f} {unit}".rstrip()
    return f"{value} {unit}".rstrip()


def table(figures: list[Figure]) -> str:
    """The figures as one plain-text table: name, value, ratio (with its note)."""
    rows = [("benchmark", "value", "ratio")]
    for figure in figures:
        shown = "" if figure.ratio is None else f"{figure.ratio:.2f}"
        if figure.note:
            shown = f"{shown} ({figure.note})" if shown else f"({figure.note})"
        rows.append((figure.name, format_value(figure.value, figure.unit), shown))
    name_width = max(len(row[0]) for row in rows) + 2
    value_width = max(len(row[1]) for row in rows) + 3
    return "\n".join(f"{n:<{name_width}}{v:<{value_width}}{r}".rstrip() for n, v, r in rows)


def environment() -> dict:
    """Where the figures were measured, to read them against."""
    return {
        "measured_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "database": database_kind(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }


def write_json(figures: list[Figure], path: Path, options: Options) -> None:
    """Write the figures, the environment and the options to ``path`` (its folder is created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "environment": environment(),
        "options": asdict(options),
        "figures": [asdict(figure) for figure in figures],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
