"""Werkzeug's URL builders, compiled once per run instead of once per test application.

For every URL rule of every new application, Werkzeug compiles two small functions that build the
rule's URLs (``Rule._compile_builder`` puts an AST together and compiles it). The tests make an
application per test, each with about ninety rules, and this compiling was a third of a short test's
time. A builder depends only on what the key below holds (the rule's text, the parts Werkzeug 3.1
parsed from it, its defaults, and whether it appends unknown arguments), keeps no state, and takes
its rule as its first argument, so the function compiled for a rule serves the same rule in every
other application. ``install`` (called by ``tests/conftest.py``) keeps them; the application's own
code and Werkzeug's routing are otherwise untouched, and a builder that served the wrong rule would
build wrong links on every page.
"""

from collections.abc import Callable

from werkzeug.routing.rules import Rule

_compile: Callable = Rule._compile_builder
_compiled: dict[tuple, Callable] = {}


def _key(rule: Rule, append_unknown: bool) -> tuple:
    defaults = tuple(sorted((name, repr(value)) for name, value in (rule.defaults or {}).items()))
    return rule.rule, tuple(rule._trace), defaults, append_unknown


def _compile_once(rule: Rule, append_unknown: bool = True) -> Callable:
    """The builder Werkzeug compiles for ``rule``, compiled the first time a rule like it is seen."""
    key = _key(rule, append_unknown)
    if key not in _compiled:
        _compiled[key] = _compile(rule, append_unknown)
    return _compiled[key]


def install() -> None:
    """Keep Werkzeug's compiled URL builders for the rest of the run."""
    Rule._compile_builder = _compile_once
