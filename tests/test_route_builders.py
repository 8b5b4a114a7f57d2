"""The URL builders kept across test applications (``tests/route_builders.py``) are the ones
Werkzeug compiles for each rule: the key they are kept by tells every rule of the app apart."""

from tests import route_builders


def _code(builder) -> tuple:
    code = builder.__code__
    return code.co_code, code.co_consts, code.co_names, code.co_varnames, code.co_name


def test_every_rule_gets_the_builder_werkzeug_compiles_for_it(app):
    rules = list(app.url_map.iter_rules())
    assert len(rules) > 50
    for rule in rules:
        for append_unknown in (False, True):
            kept = rule._compile_builder(append_unknown)
            assert kept is route_builders._compiled[route_builders._key(rule, append_unknown)]
            assert _code(kept) == _code(route_builders._compile(rule, append_unknown)), rule.rule
