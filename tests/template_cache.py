"""Jinja's compiled templates, kept in memory for every application the tests make.

Each test makes an application of its own, and each application's Jinja environment compiles every
template it renders: about a fifth of a short test's time, spent compiling the same templates again.
Jinja's bytecode cache, made for this, keeps the compiled code once per run (per pytest-xdist
worker). It is keyed by the template's name and checked against its source's checksum, so an edited
template is compiled afresh; every application configures Jinja the same way (``create_app``), so
the code compiled for one is the code compiled for any other.
"""

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class CompiledTemplates(BytecodeCache):
    """An in-memory Jinja bytecode cache, shared by the applications of one test run."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.compiled.clear()


COMPILED_TEMPLATES = CompiledTemplates()
