"""Importing a 1EdTech CASE 1.1 CFPackage on the framework import page: the two valid OpenSALT samples come
in by upload and by paste, the invalid one is refused with its schema errors listed by JSON path, and the
app's own rules (hierarchy, codes, lengths, rubric scores) are each reported where they are broken.

The samples are copied unchanged from OpenSALT's repository (``tests/fixtures/case/README.md``).
"""

import copy
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from journal.competencies.case.importing import PackageError, parse_case_package
from journal.models import Competency, Domain, Framework
from tests.html import rows, text_of, texts

SAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "case"
MARKDOWN = "MarkdownFramework.json"
UTF8 = "Utf8TestFramework.json"
OPENSALT = "opensalt-framework-20c5134f-423d-4097-a971-3dd5152bf507.json"
DOCUMENT = "d0000000-0000-0000-0000-000000000000"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def counts(query) -> tuple[int, int, int]:
    """How many frameworks, domains and competencies the database holds."""
    return query(
        lambda s: tuple(s.scalar(select(func.count()).select_from(model)) for model in (Framework, Domain, Competency))
    )


def stored(query) -> list[tuple]:
    """Every domain with its competencies as stored, in order."""

    def read(session):
        found = []
        for domain in session.scalars(select(Domain).order_by(Domain.framework_id, Domain.position)):
            found.append(
                (
                    domain.title,
                    domain.canmeds_role,
                    domain.case_identifier,
                    [
                        (c.code, c.title, c.description, c.required_level, c.case_identifier)
                        for c in domain.competencies
                    ],
                )
            )
        return found

    return query(read)


@pytest.fixture
def coordinator(make, auth):
    found = make.admin(name="Dr Ana Ribeiro")
    auth.login(found.email)
    return found


def post(client, content: bytes, how: str, **fields):
    """Send a package to the import page, uploaded as a .json file or pasted."""
    if how == "upload":
        data = {"upload": (io.BytesIO(content), "package.json"), **fields}
    else:
        data = {"pasted": content.decode(), **fields}
    return client.post("/cohorts/frameworks/import", data=data)


def problems_of(document) -> list[str]:
    with pytest.raises(PackageError) as caught:
        parse_case_package(document)
    return [str(problem) for problem in caught.value.problems]


# -- a small package to break in each test --

ITEM = "10000000-0000-4000-8000-00000000000{}"
ASSOCIATION = "20000000-0000-4000-8000-0000000000{:02d}"


def link(identifier: str, title: str = "x") -> dict:
    return {"title": title, "identifier": identifier, "uri": f"https://example.org/{identifier}"}


def item(number: int, statement: str, code: str | None = None, **more) -> dict:
    found = {
        "identifier": ITEM.format(number),
        "uri": f"https://example.org/items/{number}",
        "fullStatement": statement,
        "lastChangeDateTime": "2024-05-01T09:30:00+00:00",
        **more,
    }
    if code is not None:
        found["humanCodingScheme"] = code
    return found


def association(number: int, origin: str, destination: str, kind: str = "isChildOf", **more) -> dict:
    return {
        "identifier": ASSOCIATION.format(number),
        "uri": f"https://example.org/associations/{number}",
        "associationType": kind,
        "originNodeURI": link(origin),
        "destinationNodeURI": link(destination, more.pop("title", "x")),
        "lastChangeDateTime": "2024-05-01T09:30:00+00:00",
        **more,
    }


def rubric(item: str, required, levels: list | None = None) -> list[dict]:
    """``CFRubrics`` with one rubric whose one criterion, for ``item``, requires ``required``."""
    criterion = {
        "identifier": "40000000-0000-4000-8000-000000000002",
        "uri": "https://example.org/criterion",
        "lastChangeDateTime": "2024-05-01T09:30:00+00:00",
        "CFItemURI": link(item),
        **({"CFRubricCriterionLevels": levels} if levels is not None else {}),
        "extensions": {"requiredScore": required},
    }
    return [
        {
            "identifier": "40000000-0000-4000-8000-000000000001",
            "uri": "https://example.org/rubric",
            "lastChangeDateTime": "2024-05-01T09:30:00+00:00",
            "CFRubricCriteria": [criterion],
        }
    ]


def package() -> dict:
    """Two domains (items 1 and 4); domain 1 holds item 2 and, through item 3 (a level flattened), item 5."""
    return {
        "CFDocument": {
            "identifier": DOCUMENT,
            "uri": "https://example.org/doc",
            "creator": "Tests",
            "title": "Small framework",
            "description": "For tests.",
            "lastChangeDateTime": "2024-05-01T09:30:00+00:00",
        },
        "CFItems": [
            item(1, "Communication"),
            item(2, "Listens well", "COM1", abbreviatedStatement="Listening"),
            item(3, "A group within communication"),
            item(4, "Wellbeing"),
            item(5, "Uses interpreters", "COM2"),
            item(6, "Rests", "WB1"),
        ],
        "CFAssociations": [
            association(1, ITEM.format(1), DOCUMENT, sequenceNumber=1),
            association(2, ITEM.format(4), DOCUMENT, sequenceNumber=2),
            association(3, ITEM.format(2), ITEM.format(1), sequenceNumber=1),
            association(4, ITEM.format(3), ITEM.format(1), sequenceNumber=2),
            association(5, ITEM.format(5), ITEM.format(3), sequenceNumber=1),
            association(6, ITEM.format(6), ITEM.format(4), sequenceNumber=1),
        ],
    }


# -- the samples, through the page --


@pytest.mark.parametrize("how", ["upload", "paste"])
def test_the_markdown_sample_imports(client, coordinator, query, how):
    response = post(client, sample(MARKDOWN), how)
    assert response.status_code == 302
    framework = query(lambda s: s.scalar(select(Framework)))
    assert (framework.name, framework.version, framework.case_identifier) == ("Test Markdown Framework", 1, DOCUMENT)
    [(domain, role, domain_id, competencies)] = stored(query)
    assert (domain, role, domain_id) == ("Test Markdown Framework", "", None)  # items right under the document
    table = sample(MARKDOWN).decode()
    full = json.loads(table)["CFItems"][0]["fullStatement"]
    assert competencies == [
        # The statement fits the title once on one line: not repeated as the description.
        ("MD.Table", " ".join(full.split()), "", 3, "c496e222-b8df-11e7-ba24-039ffdae3771"),
        ("MD.Math", "This contains math markdown: $x^2$", "", 3, "a5eafca0-b8df-11e7-8d17-8dc52d8205bc"),
    ]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Imported Test Markdown Framework (version 1) from a CASE package: 1 domain, 2 competencies." in page
    assert "no code" not in page


@pytest.mark.parametrize("how", ["upload", "paste"])
def test_the_utf8_sample_imports_with_its_astral_character_and_a_generated_code(client, coordinator, query, how):
    response = post(client, sample(UTF8), how)
    assert response.status_code == 302
    assert query(lambda s: s.scalar(select(Framework.name))) == "UTF8 \U0001d451 Test"
    assert stored(query) == [
        ("UTF8 \U0001d451 Test", "", None, [("C1", "Item \U0001d451 1", "", 3, "00000000-0000-0000-0000-000000000001")])
    ]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "from a CASE package: 1 domain, 1 competency." in page
    assert "The package gave 1 competency no code; it was given one (C1, C2…)." in page
    assert "Item \U0001d451 1" in page


def test_a_typed_name_and_description_win_over_the_package(client, coordinator, query):
    response = post(client, sample(UTF8), "upload", name="Ours", description="Typed")
    assert response.status_code == 302
    assert query(lambda s: s.execute(select(Framework.name, Framework.description)).one()) == ("Ours", "Typed")


@pytest.mark.parametrize("how", ["upload", "paste"])
def test_the_opensalt_sample_is_refused_with_its_schema_errors(client, coordinator, query, how):
    before = counts(query)
    response = post(client, sample(OPENSALT), how, name="Kept name", description="Kept words")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    # 61 against the schema, then 12 codes too long for the app: one round, the schema's first.
    assert "Nothing was imported: 73 problems to fix" in html
    found = [[path, reason] for path, (_where, reason) in zip(texts(html, ".problem-path"), rows(html), strict=True)]
    assert ["$.CFAssociations[0]", "“CFDocumentURI” is not a field CASE 1.1 allows here"] in found
    assert any(where.endswith(".sequenceNumber") and "a whole number" in reason for where, reason in found)
    assert len(found) == 51 and found[-1] == ["…", "and 23 more problems"]
    assert all(where.startswith("$") for where, _ in found[:-1])
    assert "Fix these first; more checks follow." not in html  # every check ran
    # Each path under an item or an association says what it is about.
    assert rows(html)[0][0] == (
        "$.CFAssociations[0] CCSS.Math.Content.6.RP.A · Understand ratio concepts and… → Destination"
    )
    assert 'value="Kept name"' in html and "Kept words" in html
    if how == "paste":
        assert "opensalt-staging.opened.com" in html  # the pasted text is still in its box
    assert counts(query) == before


def test_the_page_says_case_packages_are_accepted(client, coordinator):
    page = text_of(client.get("/cohorts/frameworks/import").get_data(as_text=True))
    assert "Frameworks that universities and registries publish in the CASE standard" in page
    assert "each item at the top becomes a domain, the items under it its competencies" in page


# -- how a package maps to a framework --


def test_domains_flatten_their_levels_and_follow_sequence_numbers(app):
    document = package()
    document["CFAssociations"][0]["sequenceNumber"] = 3  # Wellbeing (2) before Communication (3)
    with app.test_request_context():
        parsed = parse_case_package(document)
    assert (parsed.name, parsed.description, parsed.case_identifier) == ("Small framework", "For tests.", DOCUMENT)
    assert [(d.title, d.case_identifier) for d in parsed.domains] == [
        ("Wellbeing", ITEM.format(4)),
        ("Communication", ITEM.format(1)),
    ]
    communication = parsed.domains[1].competencies
    assert [(c.code, c.title, c.description) for c in communication] == [
        ("COM1", "Listening", "Listens well"),
        ("COM2", "Uses interpreters", ""),
    ]
    assert parsed.generated_codes == 0


def test_an_item_with_two_parents_goes_under_the_first_met_in_reading_order(app):
    document = package()
    # WB1 is also listed first under Communication; Wellbeing, left with no child, groups nothing.
    document["CFAssociations"].append(association(7, ITEM.format(6), ITEM.format(1), sequenceNumber=0))
    with app.test_request_context():
        parsed = parse_case_package(document)
    assert [c.code for c in parsed.domains[0].competencies] == ["WB1", "COM1", "COM2"]
    # An item that groups others is never a competency, even when its children are all placed elsewhere.
    assert [(d.title, d.case_identifier) for d in parsed.domains] == [("Communication", ITEM.format(1))]
    assert parsed.generated_codes == 0
    assert parsed.left_out == 2  # the level flattened (item 3) and Wellbeing, left empty


def test_sequence_numbers_order_siblings_not_parents(app):
    document = package()
    # WB1 is 5th under Communication (read first) and 1st under Wellbeing: it goes where it is read first.
    document["CFItems"].append(item(7, "Sleeps", "WB2"))
    document["CFAssociations"] += [
        association(7, ITEM.format(6), ITEM.format(1), sequenceNumber=5),
        association(8, ITEM.format(7), ITEM.format(4), sequenceNumber=2),
    ]
    with app.test_request_context():
        parsed = parse_case_package(document)
    assert [[c.code for c in d.competencies] for d in parsed.domains] == [["COM1", "COM2", "WB1"], ["WB2"]]


def test_a_second_parent_outside_the_document_does_not_hide_the_first(app):
    document = package()
    stray = "10000000-0000-4000-8000-000000000009"
    document["CFItems"].append(item(9, "A stray group"))
    document["CFAssociations"].append(association(7, ITEM.format(6), stray, sequenceNumber=0))
    with app.test_request_context():
        found = problems_of(document)
    # Only the stray group is not under the document; WB1 is, through Wellbeing.
    assert found == [
        "$.CFItems[6]: the item “10000000-0000-4000-8000-000000000009” is not under the document: no chain of "
        "isChildOf associations leads from it to the document"
    ]


def test_roles_and_required_levels_come_from_associations_and_the_rubric(app):
    document = package()
    document["CFAssociations"].append(
        association(8, ITEM.format(4), "30000000-0000-4000-8000-000000000001", "isRelatedTo", title="Professional")
    )
    document["CFAssociations"].append(
        association(9, ITEM.format(1), "30000000-0000-4000-8000-000000000002", "isRelatedTo", title="Not a role")
    )
    document["CFRubrics"] = rubric(ITEM.format(6).upper(), 5)
    with app.test_request_context():
        parsed = parse_case_package(document)
    assert [(d.title, d.canmeds_role) for d in parsed.domains] == [("Communication", ""), ("Wellbeing", "Professional")]
    levels = {c.code: c.required_level for d in parsed.domains for c in d.competencies}
    assert levels == {"COM1": 3, "COM2": 3, "WB1": 5}


def test_a_role_is_read_from_its_canmeds_address_as_the_export_writes_it(app):
    document = package()
    role = {"title": "Manager", "identifier": "30000000-0000-4000-8000-000000000003", "uri": "urn:canmeds:2015:manager"}
    document["CFAssociations"].append(association(8, ITEM.format(1), role["identifier"], "isRelatedTo"))
    document["CFAssociations"][-1]["destinationNodeURI"] = role
    document["CFAssociations"].append(
        association(9, ITEM.format(4), "30000000-0000-4000-8000-000000000004", "isRelatedTo", title=" Scholar ")
    )
    with app.test_request_context():
        parsed = parse_case_package(document)
    assert [(d.title, d.canmeds_role) for d in parsed.domains] == [
        ("Communication", "Manager"),
        ("Wellbeing", "Scholar"),
    ]


def test_a_long_statement_becomes_the_description_and_a_title_cut_at_a_word(app):
    document = package()
    statement = "Communicates " + "clearly and kindly " * 15
    document["CFItems"][4]["fullStatement"] = statement
    with app.test_request_context():
        competency = parse_case_package(document).domains[0].competencies[1]
    assert len(competency.title) <= 200 and competency.title.endswith("…")
    assert statement.startswith(competency.title[:-1] + " ")  # cut where a word ends
    assert competency.description == statement.strip()


def test_generated_codes_skip_the_codes_in_use(app):
    document = package()
    document["CFItems"][1]["humanCodingScheme"] = "c1"
    del document["CFItems"][4]["humanCodingScheme"]
    del document["CFItems"][5]["humanCodingScheme"]
    with app.test_request_context():
        parsed = parse_case_package(document)
    assert [c.code for d in parsed.domains for c in d.competencies] == ["c1", "C2", "C3"]
    assert parsed.generated_codes == 2


def test_identifiers_are_kept_in_lower_case(app):
    document = package()
    for entry in document["CFItems"]:
        entry["identifier"] = entry["identifier"].upper()
    with app.test_request_context():
        parsed = parse_case_package(document)
    assert parsed.domains[0].competencies[0].case_identifier == ITEM.format(2)


# -- the app's rules, each reported where it is broken --


def _renamed(document: dict, where: str, number: int, identifier: str) -> dict:
    document[where][number]["identifier"] = identifier
    return document


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: _renamed(d, "CFItems", 3, ITEM.format(1)),
            f"$.CFItems[3].identifier: the identifier “{ITEM.format(1)}” is already used by $.CFItems[0]",
        ),
        (
            lambda d: _renamed(d, "CFAssociations", 5, ASSOCIATION.format(1)),
            f"$.CFAssociations[5].identifier: the identifier “{ASSOCIATION.format(1)}” is already used by "
            "$.CFAssociations[0]",
        ),
        (
            lambda d: _renamed(d, "CFItems", 0, DOCUMENT),
            "$.CFItems[0].identifier: this is the document's identifier",
        ),
        (
            lambda d: (
                d["CFAssociations"].append(association(10, ITEM.format(6), "50000000-0000-4000-8000-000000000000")) or d
            ),
            "$.CFAssociations[6].destinationNodeURI.identifier: isChildOf points at "
            "“50000000-0000-4000-8000-000000000000”, which is neither the document nor an item of this package",
        ),
        (
            lambda d: d["CFAssociations"].append(association(10, ITEM.format(5), ITEM.format(5))) or d,
            "$.CFAssociations[6]: isChildOf makes a loop: COM2 → COM2",
        ),
        (
            lambda d: d["CFAssociations"].append(association(10, ITEM.format(3), ITEM.format(5))) or d,
            f"$.CFAssociations[4]: isChildOf makes a loop: {ITEM.format(3)} → COM2 → {ITEM.format(3)}",
        ),
        (
            lambda d: d["CFAssociations"].pop(5) and d,
            "$.CFItems[5]: the item “WB1” is not under the document: no chain of isChildOf associations leads from "
            "it to the document",
        ),
        (
            lambda d: d["CFItems"][1].update(humanCodingScheme="COM 1") or d,
            "$.CFItems[1].humanCodingScheme: the code “COM 1” may only hold letters, digits, dots, hyphens and "
            "underscores",
        ),
        (
            lambda d: d["CFItems"][1].update(humanCodingScheme="C" * 21) or d,
            "$.CFItems[1].humanCodingScheme: the code is 21 characters long; the most is 20",
        ),
        (
            lambda d: d["CFItems"][5].update(humanCodingScheme="com1") or d,
            "$.CFItems[5].humanCodingScheme: the code “com1” is already used ($.CFItems[1].humanCodingScheme)",
        ),
        (
            lambda d: d["CFItems"][1].update(abbreviatedStatement="T" * 201) or d,
            "$.CFItems[1].abbreviatedStatement: the title is 201 characters long; the most is 200",
        ),
        (
            lambda d: d["CFItems"][1].update(fullStatement="D" * 2001) or d,
            "$.CFItems[1].fullStatement: the description is 2001 characters long; the most is 2000",
        ),
        (
            lambda d: d["CFItems"][3].update(abbreviatedStatement="Communication") or d,
            "$.CFItems[3]: another domain is titled “Communication” ($.CFItems[0])",
        ),
        (
            lambda d: d.update(CFItems=[], CFAssociations=[]) or d,
            "$: the package has no competencies: no item is under the document.",
        ),
    ],
)
def test_each_rule_is_reported_with_its_json_path(app, change, expected):
    with app.test_request_context():
        assert expected in problems_of(change(package()))


def test_a_required_score_outside_the_scale_is_a_problem_the_rubrics_own_scale_is_not(app):
    """A registry's rubric may grade 0 to 3 or in halves; only the required level must be on the 1–5 scale."""
    document = package()
    levels = [
        {"identifier": f"60000000-0000-4000-8000-00000000000{n}", "uri": "https://example.org/l", "score": score}
        | {"lastChangeDateTime": "2024-05-01T09:30:00+00:00"}
        for n, score in enumerate([1, 6, 0.5])
    ]
    document["CFRubrics"] = rubric(ITEM.format(2), 9, levels=levels)
    with app.test_request_context():
        found = problems_of(document)
    where = "$.CFRubrics[0].CFRubricCriteria[0]"
    assert found == [
        f"{where}.extensions.requiredScore: the required score must be a whole number from 1 to 5, not 9",
    ]


def test_every_problem_is_found_before_giving_up(app):
    document = package()
    document["CFItems"][1]["humanCodingScheme"] = "bad code"
    document["CFItems"][4]["abbreviatedStatement"] = "x" * 300
    with app.test_request_context():
        assert [problem.split(":")[0] for problem in problems_of(document)] == [
            "$.CFItems[4].abbreviatedStatement",
            "$.CFItems[1].humanCodingScheme",
        ]


def test_a_broken_package_on_the_page_lists_its_paths_and_changes_nothing(client, coordinator, query):
    document = package()
    document["CFAssociations"].append(association(10, ITEM.format(3), ITEM.format(5)))
    before = counts(query)
    response = post(client, json.dumps(document).encode(), "paste", name="Typed")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert [
        "$.CFAssociations[4] COM2 · Uses interpreters → A group within communication",
        f"isChildOf makes a loop: {ITEM.format(3)} → COM2 → {ITEM.format(3)}",
    ] in rows(html)
    assert texts(html, ".problem-path") == ["$.CFAssociations[4]"]
    assert "Nothing was imported: 1 problem to fix" in html
    assert counts(query) == before


def test_the_small_package_imports_whole(client, coordinator, query):
    response = post(client, json.dumps(copy.deepcopy(package())).encode(), "upload")
    assert response.status_code == 302
    page = text_of(client.get(response.headers["Location"]).get_data(as_text=True))
    assert "from a CASE package: 2 domains, 3 competencies." in page
    # The level between Communication and COM2 is not kept: the coordinator is told.
    assert "1 item of the package that only groups other items is not in the framework" in page
    assert [(title, [c[0] for c in competencies]) for title, _r, _i, competencies in stored(query)] == [
        ("Communication", ["COM1", "COM2"]),
        ("Wellbeing", ["WB1"]),
    ]


# -- each problem names what it is about; the schema's and the app's problems come in one round --


def error_of(app, document) -> PackageError:
    with app.test_request_context(), pytest.raises(PackageError) as caught:
        parse_case_package(document)
    return caught.value


def test_each_problem_names_its_item_association_or_criterion(app):
    dangling = package()
    dangling["CFAssociations"][5]["destinationNodeURI"]["identifier"] = "50000000-0000-4000-8000-000000000000"
    dangling["CFAssociations"][5]["destinationNodeURI"]["title"] = "Somewhere else"
    [problem] = error_of(app, dangling).problems
    assert (problem.where, problem.item) == (
        "$.CFAssociations[5].destinationNodeURI.identifier",
        "WB1 · Rests → Somewhere else",
    )
    document = package()
    document["CFItems"][4]["fullStatement"] = "Uses interpreters " + "and many other means of being understood " * 3
    document["CFRubrics"] = rubric(ITEM.format(5), 7)
    [problem] = error_of(app, document).problems
    assert (problem.where, problem.item) == (
        "$.CFRubrics[0].CFRubricCriteria[0].extensions.requiredScore",
        "COM2 · Uses interpreters and many other means of being…",
    )
    document["CFRubrics"] = []
    document["CFItems"][5]["humanCodingScheme"] = "COM1"
    found = error_of(app, document).problems
    assert [(p.where, p.item) for p in found if "code" in p.reason] == [
        ("$.CFItems[5].humanCodingScheme", "COM1 · Rests")
    ]
    assert all(len(problem.item) <= 60 for problem in found)


def test_schema_and_app_problems_are_listed_together_schema_first(app):
    document = package()
    del document["CFItems"][5]["lastChangeDateTime"]  # the schema's
    document["CFItems"][5]["humanCodingScheme"] = "COM1"  # the app's
    document["CFDocument"]["creator"] = 5  # the schema's; the app does not read it
    error = error_of(app, document)
    assert [str(problem) for problem in error.problems] == [
        "$.CFDocument.creator: must be text, not 5",
        "$.CFItems[5]: the field “lastChangeDateTime” is missing",
        "$.CFItems[5].humanCodingScheme: the code “COM1” is already used ($.CFItems[1].humanCodingScheme)",
    ]
    assert not error.more_checks


def test_unreadable_entries_leave_the_hierarchy_checks_for_later_and_the_page_says_so(client, coordinator, query):
    document = package()
    document["CFAssociations"][5]["originNodeURI"] = "WB1"  # the link to Wellbeing cannot be read
    document["CFItems"][1]["humanCodingScheme"] = "COM2"
    before = counts(query)
    response = post(client, json.dumps(document).encode(), "paste")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    found = rows(html)
    assert found[0][1] == 'must be an object, not "WB1"'
    assert found[1] == [
        "$.CFItems[4].humanCodingScheme COM2 · Uses interpreters",
        "the code “COM2” is already used ($.CFItems[1].humanCodingScheme)",
    ]
    # WB1 is not said to be outside the document: its link was unreadable, not missing.
    assert not any("not under the document" in reason for _where, reason in found)
    assert "Fix these first; more checks follow." in text_of(html)
    assert counts(query) == before


def test_without_a_readable_document_only_the_schema_speaks_and_more_checks_follow(app):
    document = package()
    document["CFDocument"] = ["not", "an", "object"]
    document["CFItems"][5]["humanCodingScheme"] = "COM1"
    error = error_of(app, document)
    assert error.more_checks
    assert [problem.where for problem in error.problems] == ["$.CFDocument"]


def _every_field(value, path=()):
    """The path of every object field and list entry in ``value``."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*path, key)
            yield from _every_field(child, (*path, key))
    elif isinstance(value, list):
        for number, child in enumerate(value):
            yield (*path, number)
            yield from _every_field(child, (*path, number))


def _with_rubric() -> dict:
    document = package()
    document["CFAssociations"].append(
        association(8, ITEM.format(4), "30000000-0000-4000-8000-000000000001", "isRelatedTo", title="Professional")
    )
    document["CFRubrics"] = rubric(ITEM.format(6), 4)
    return document


@pytest.mark.parametrize("bad", [None, 7, 1.5, True, "text", [], {}, ["x"], {"identifier": 3}])
def test_the_app_rules_read_any_field_of_any_type_without_failing(app, bad):
    """Every field and entry of a package, replaced in turn by a value of another type: the import refuses with
    problems to show (or, where the field is free, imports), and never fails otherwise."""
    original = _with_rubric()
    places = list(_every_field(original))
    assert len(places) > 150
    with app.test_request_context():
        for place in places:
            document = copy.deepcopy(original)
            parent = document
            for part in place[:-1]:
                parent = parent[part]
            parent[place[-1]] = copy.deepcopy(bad)
            try:
                parse_case_package(document)
            except PackageError as error:
                assert error.problems, place
