"""Frameworks exported as CASE 1.1 packages (issue #18): valid against 1EdTech's schema, stable identifiers,
addresses under PUBLIC_URL, CanMEDS roles and the entrustment rubric, and the coordinators' download."""

import json
import re
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from journal.competencies import frameworks
from journal.competencies.case.export import case_package
from journal.competencies.case.identifiers import NAMESPACE
from journal.competencies.case.schema import validate_package
from journal.competencies.framework_import import parse_framework_data
from journal.extensions import db
from journal.models import Competency, Domain, Framework
from tests.conftest import log_in_as, make_app

PUBLIC_URL = "https://journal.example.org"
CASE_ROOT = f"{PUBLIC_URL}/ims/case/v1p1/"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "case"
LOWERCASE_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
CASE_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")
ENGLISH_LEVELS = [
    "Observes only",
    "Acts with direct supervision",
    "Acts with indirect supervision",
    "Acts unsupervised",
    "Supervises others",
]
GOOD_CSV = (
    "domain,code,title,description,required_level\n"
    'Communication,COM1,Across language barriers,"Interpreters, teach-back",3\n'
    "Communication,COM2,Consent in another culture,Local decision-making,2\n"
    "Wellbeing,WB1,Self-care,,5\n"
)
UNICODE_FRAMEWORK = {
    "name": "Santé mondiale 𝑑 🌍",
    "description": "Cadre d’essai: 日本語, Ελληνικά, עברית, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "domains": [
        {
            "title": "Communication — 𝒳 interprètes",
            "canmeds_role": "Health Advocate",
            "competencies": [
                {"code": "U1", "title": "Teach-back 🗣️ en créole", "description": "", "required_level": 1},
                {"code": "U2", "title": "Consentement 𝑑", "description": "Écoute — 😀 respect", "required_level": 4},
            ],
        }
    ],
}


@pytest.fixture
def app_config():
    return {"PUBLIC_URL": PUBLIC_URL}


@pytest.fixture
def coordinator(make, client):
    found = make.admin(name="Dr Ana Ribeiro")
    log_in_as(client, found)
    return found


def fixture(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def default_framework_id(app) -> int:
    with app.app_context():
        framework = frameworks.default_framework()
        db.session.commit()
        return framework.id


def imported_framework_id(app, data: dict | None = None, csv: str | None = None, name: str = "Imported") -> int:
    """A framework imported as a coordinator's file would be (CSV text or JSON data)."""
    from journal.competencies.framework_import import parse_framework_csv

    with app.app_context():
        parsed = parse_framework_csv(csv) if csv is not None else parse_framework_data(data)
        framework = frameworks.import_framework(name or parsed.name, parsed.description, parsed, None)
        db.session.commit()
        return framework.id


def download(client, framework_id: int):
    response = client.get(f"/cohorts/frameworks/{framework_id}/case.json")
    assert response.status_code == 200, response.status_code
    return response


def package_of(client, framework_id: int) -> dict:
    return json.loads(download(client, framework_id).data.decode("utf-8"))


def values_of(data, key: str):
    """Every value stored under ``key`` anywhere in ``data``."""
    if isinstance(data, dict):
        for name, value in data.items():
            if name == key:
                yield value
            yield from values_of(value, key)
    elif isinstance(data, list):
        for value in data:
            yield from values_of(value, key)


def own_identifiers(package: dict) -> list[str]:
    """The identifiers of the objects the package defines (not of the links pointing at them)."""
    definitions = package["CFDefinitions"]
    objects = [
        package["CFDocument"],
        *package["CFItems"],
        *package["CFAssociations"],
        *definitions["CFItemTypes"],
        *definitions["CFAssociationGroupings"],
    ]
    for rubric in package["CFRubrics"]:
        objects.append(rubric)
        for criterion in rubric["CFRubricCriteria"]:
            objects.extend([criterion, *criterion["CFRubricCriterionLevels"]])
    return [found["identifier"] for found in objects]


def items_of_type(package: dict, kind: str) -> list[dict]:
    return [item for item in package["CFItems"] if item["CFItemType"] == kind]


def children(package: dict, parent: str) -> list[tuple[int, str]]:
    """(sequenceNumber, origin identifier) of every ``isChildOf`` association pointing at ``parent``."""
    return [
        (a["sequenceNumber"], a["originNodeURI"]["identifier"])
        for a in package["CFAssociations"]
        if a["associationType"] == "isChildOf" and a["destinationNodeURI"]["identifier"] == parent
    ]


# -- the schema check shared with the import --


def test_the_reference_samples_are_judged_as_1edtech_schema_judges_them():
    assert validate_package(fixture("MarkdownFramework.json")) == []
    assert validate_package(fixture("Utf8TestFramework.json")) == []
    problems = validate_package(fixture("opensalt-framework-20c5134f-423d-4097-a971-3dd5152bf507.json"))
    assert len(problems) == 61
    paths = [path for path, _ in problems]
    assert all(path.startswith("$") for path in paths)
    assert ("$.CFAssociations[0]", "“CFDocumentURI” is not a field CASE 1.1 allows here") in problems
    assert any(re.fullmatch(r"\$\.CFAssociations\[\d+\]\.sequenceNumber", path) for path in paths)
    assert any("must be a whole number" in reason for _, reason in problems)


def test_problems_come_in_document_order_with_their_json_path(app):
    with app.test_request_context():
        package = case_package(frameworks.framework_with_content(default_framework_id(app)))
    del package["CFItems"][0]["identifier"]
    package["CFItems"][10]["lastChangeDateTime"] = 5
    package["CFItems"][2]["identifier"] = "not-a-uuid"
    assert validate_package(package) == [
        ("$.CFItems[0]", "the field “identifier” is missing"),
        ("$.CFItems[2].identifier", '"not-a-uuid" is not a UUID (8-4-4-4-12 hexadecimal digits)'),
        ("$.CFItems[10].lastChangeDateTime", "must be text, not 5"),
    ]


# -- what the package holds --


def test_the_default_framework_exports_valid_with_its_canmeds_roles(app, client, coordinator):
    framework_id = default_framework_id(app)
    package = package_of(client, framework_id)
    assert validate_package(package) == []
    default = parse_framework_data(frameworks.DEFAULT_FRAMEWORK)
    document = package["CFDocument"]
    assert document["title"] == frameworks.DEFAULT_FRAMEWORK["name"]
    assert document["description"] == frameworks.DEFAULT_FRAMEWORK["description"]
    assert (document["version"], document["caseVersion"], document["language"]) == ("1", "1.1", "en")
    assert document["creator"] == "Intern Journal"
    assert CASE_TIME.fullmatch(document["lastChangeDateTime"])
    assert set(values_of(package, "lastChangeDateTime")) == {document["lastChangeDateTime"]}

    domains = items_of_type(package, "Domain")
    assert [d["fullStatement"] for d in domains] == [d.title for d in default.domains]
    assert children(package, document["identifier"]) == [(n, d["identifier"]) for n, d in enumerate(domains, 1)]
    related = [a for a in package["CFAssociations"] if a["associationType"] == "isRelatedTo"]
    assert len(related) == len(default.domains)
    grouping = package["CFDefinitions"]["CFAssociationGroupings"]
    assert [g["title"] for g in grouping] == ["CanMEDS 2015 roles"]
    for item, parsed in zip(domains, default.domains, strict=True):
        (association,) = [a for a in related if a["originNodeURI"]["identifier"] == item["identifier"]]
        role = association["destinationNodeURI"]
        assert role["title"] == parsed.canmeds_role
        assert role["uri"] == "urn:canmeds:2015:" + parsed.canmeds_role.lower().replace(" ", "-")
        assert role["identifier"] == str(uuid.uuid5(NAMESPACE, f"canmeds:{parsed.canmeds_role}"))
        assert association["CFAssociationGroupingURI"]["identifier"] == grouping[0]["identifier"]
        competencies = [(n, origin) for n, origin in children(package, item["identifier"])]
        assert [n for n, _ in competencies] == list(range(1, len(parsed.competencies) + 1))
    codes = [c["humanCodingScheme"] for c in items_of_type(package, "Competency")]
    assert codes == [c.code for d in default.domains for c in d.competencies]
    item_types = package["CFDefinitions"]["CFItemTypes"]
    assert [(t["title"], t["hierarchyCode"]) for t in item_types] == [("Domain", "1"), ("Competency", "2")]
    assert {i["CFItemTypeURI"]["identifier"] for i in domains} == {item_types[0]["identifier"]}


def test_an_imported_csv_framework_exports_its_competencies_in_order(app, client, coordinator):
    framework_id = imported_framework_id(app, csv=GOOD_CSV, name="Short placement")
    package = package_of(client, framework_id)
    assert validate_package(package) == []
    assert package["CFDefinitions"]["CFAssociationGroupings"] == []  # no CanMEDS roles in the file
    assert not [a for a in package["CFAssociations"] if a["associationType"] == "isRelatedTo"]
    competencies = items_of_type(package, "Competency")
    assert [
        (c["humanCodingScheme"], c["abbreviatedStatement"], c["fullStatement"], c["listEnumeration"])
        for c in competencies
    ] == [
        ("COM1", "Across language barriers", "Interpreters, teach-back", "1"),
        ("COM2", "Consent in another culture", "Local decision-making", "2"),
        ("WB1", "Self-care", "Self-care", "1"),  # no description: the title stands as the statement
    ]
    communication, wellbeing = items_of_type(package, "Domain")
    assert children(package, communication["identifier"]) == [
        (1, competencies[0]["identifier"]),
        (2, competencies[1]["identifier"]),
    ]
    assert children(package, wellbeing["identifier"]) == [(1, competencies[2]["identifier"])]


def test_unicode_even_astral_characters_arrive_intact(app, client, coordinator):
    framework_id = imported_framework_id(app, data=UNICODE_FRAMEWORK, name=UNICODE_FRAMEWORK["name"])
    response = download(client, framework_id)
    text = response.data.decode("utf-8")
    assert "𝑑 🌍" in text and "𝒳" in text  # written as characters, not escapes
    package = json.loads(text)
    assert validate_package(package) == []
    assert package["CFDocument"]["title"] == UNICODE_FRAMEWORK["name"]
    assert "language" not in package["CFDocument"]  # written in French: the app does not know, so does not say
    assert package["CFDocument"]["description"] == UNICODE_FRAMEWORK["description"]
    (domain,) = items_of_type(package, "Domain")
    assert domain["fullStatement"] == "Communication — 𝒳 interprètes"
    first, second = items_of_type(package, "Competency")
    assert (first["humanCodingScheme"], first["fullStatement"]) == ("U1", "Teach-back 🗣️ en créole")
    assert (second["abbreviatedStatement"], second["fullStatement"]) == ("Consentement 𝑑", "Écoute — 😀 respect")
    related = [a for a in package["CFAssociations"] if a["associationType"] == "isRelatedTo"]
    assert [a["destinationNodeURI"]["uri"] for a in related] == ["urn:canmeds:2015:health-advocate"]


def test_the_rubric_gives_each_competency_its_required_level_on_the_english_scale(app, client, coordinator):
    framework_id = imported_framework_id(app, csv=GOOD_CSV, name="Short placement")
    client.set_cookie("lang", "fr")  # the page's language does not change the package
    package = package_of(client, framework_id)
    (rubric,) = package["CFRubrics"]
    assert rubric["title"] == "Entrustment scale"
    competencies = items_of_type(package, "Competency")
    criteria = rubric["CFRubricCriteria"]
    assert [c["CFItemURI"]["identifier"] for c in criteria] == [c["identifier"] for c in competencies]
    assert [c["CFItemURI"]["uri"] for c in criteria] == [c["uri"] for c in competencies]
    assert [c["extensions"]["requiredScore"] for c in criteria] == [3, 2, 5]
    assert [c["description"] for c in criteria] == ["Required level: 3", "Required level: 2", "Required level: 5"]
    assert [c["position"] for c in criteria] == [1, 2, 3]
    for criterion in criteria:
        assert criterion["rubricId"] == rubric["identifier"]
        levels = criterion["CFRubricCriterionLevels"]
        assert [(level["score"], level["position"], level["quality"]) for level in levels] == [
            (n, n, words) for n, words in enumerate(ENGLISH_LEVELS, 1)
        ]
        assert {level["rubricCriterionId"] for level in levels} == {criterion["identifier"]}


# -- identifiers and addresses --


def test_identifiers_are_unique_lowercase_uuids_and_uris_lie_under_public_url(app, client, coordinator):
    package = package_of(client, default_framework_id(app))
    identifiers = own_identifiers(package)
    assert len(identifiers) == len(set(identifiers)) == 1 + 31 + 39 + 2 + 1 + 1 + 23 * 6
    assert all(LOWERCASE_UUID.fullmatch(found) for found in values_of(package, "identifier"))
    kinds = {
        "CFDocuments": [package["CFDocument"]],
        "CFItems": package["CFItems"],
        "CFAssociations": package["CFAssociations"],
        "CFItemTypes": package["CFDefinitions"]["CFItemTypes"],
        "CFAssociationGroupings": package["CFDefinitions"]["CFAssociationGroupings"],
        "CFRubrics": package["CFRubrics"],
        "CFRubricCriteria": package["CFRubrics"][0]["CFRubricCriteria"],
        "CFRubricCriterionLevels": [
            level for c in package["CFRubrics"][0]["CFRubricCriteria"] for level in c["CFRubricCriterionLevels"]
        ],
    }
    for kind, objects in kinds.items():
        assert all(found["uri"] == f"{CASE_ROOT}{kind}/{found['identifier']}" for found in objects), kind
    outside = [uri for uri in values_of(package, "uri") if not uri.startswith(CASE_ROOT)]
    assert outside and all(uri.startswith("urn:canmeds:2015:") for uri in outside)


def test_identifiers_are_computed_from_names_not_drawn_at_random(app, client, coordinator):
    framework_id = imported_framework_id(app, csv=GOOD_CSV, name="Short placement")
    package = package_of(client, framework_id)

    def named(key: str) -> str:
        return str(uuid.uuid5(NAMESPACE, key))

    assert package["CFDocument"]["identifier"] == named("framework:Short placement")
    assert [i["identifier"] for i in items_of_type(package, "Domain")] == [
        named("domain:Short placement:Communication"),
        named("domain:Short placement:Wellbeing"),
    ]
    assert items_of_type(package, "Competency")[0]["identifier"] == named("competency:Short placement:COM1")
    first = package["CFAssociations"][0]
    origin, destination = first["originNodeURI"]["identifier"], first["destinationNodeURI"]["identifier"]
    assert first["identifier"] == named(f"association:{origin}:isChildOf:{destination}")
    # The next version of the same name is a revision of the same document: the same identifiers, told apart by
    # its version (as a package imported twice keeps its own identifiers in both versions).
    again = package_of(client, imported_framework_id(app, csv=GOOD_CSV, name="Short placement"))
    assert again["CFDocument"]["version"] == "2"
    assert set(own_identifiers(again)) == set(own_identifiers(package))
    # Another name is another framework: nothing of its own is shared.
    other = package_of(client, imported_framework_id(app, csv=GOOD_CSV, name="Long placement"))
    shared = set(values_of(package["CFDefinitions"], "identifier"))
    assert shared and set(own_identifiers(other)) & set(own_identifiers(package)) == shared


def test_two_downloads_and_a_restarted_server_give_the_same_bytes(app, client, coordinator):
    framework_id = imported_framework_id(app, data=UNICODE_FRAMEWORK, name="Stable")
    first = download(client, framework_id).data
    assert download(client, framework_id).data == first
    restarted = make_app(app.config["SQLALCHEMY_DATABASE_URI"], PUBLIC_URL=PUBLIC_URL)
    try:
        other = restarted.test_client()
        log_in_as(other, coordinator)
        assert download(other, framework_id).data == first
    finally:
        with restarted.app_context():
            db.engine.dispose()


def test_identifiers_kept_from_a_case_import_are_exported_lowercase(app, client, coordinator):
    framework_id = imported_framework_id(app, csv=GOOD_CSV, name="From CASE")
    kept = {
        "framework": "C0FFEE00-0000-4000-8000-00000000000A",
        "domain": "C0FFEE00-0000-4000-8000-00000000000B",
        "competency": "C0FFEE00-0000-4000-8000-00000000000C",
    }
    with app.app_context():
        db.session.get(Framework, framework_id).case_identifier = kept["framework"]
        db.session.scalar(
            select(Domain).where(Domain.framework_id == framework_id, Domain.title == "Wellbeing")
        ).case_identifier = kept["domain"]
        db.session.scalar(
            select(Competency).where(Competency.framework_id == framework_id, Competency.code == "COM2")
        ).case_identifier = kept["competency"]
        db.session.commit()
    package = package_of(client, framework_id)
    assert validate_package(package) == []
    assert package["CFDocument"]["identifier"] == kept["framework"].lower()
    assert items_of_type(package, "Domain")[1]["identifier"] == kept["domain"].lower()
    assert items_of_type(package, "Competency")[1]["identifier"] == kept["competency"].lower()
    assert children(package, kept["framework"].lower())[1] == (2, kept["domain"].lower())


def test_parsed_identifiers_are_stored_on_import(app):
    parsed = parse_framework_data(UNICODE_FRAMEWORK)
    parsed.case_identifier = "6f1c2d0e-0000-4000-8000-000000000001"
    parsed.domains[0].case_identifier = "6f1c2d0e-0000-4000-8000-000000000002"
    parsed.domains[0].competencies[1].case_identifier = "6f1c2d0e-0000-4000-8000-000000000003"
    with app.app_context():
        framework = frameworks.import_framework("Stored", "", parsed, None)
        db.session.commit()
        stored = frameworks.framework_with_content(framework.id)
        assert stored.case_identifier == parsed.case_identifier
        assert stored.domains[0].case_identifier == parsed.domains[0].case_identifier
        assert [c.case_identifier for c in stored.domains[0].competencies] == [
            None,
            "6f1c2d0e-0000-4000-8000-000000000003",
        ]


# -- the download --


def test_the_download_is_a_json_attachment_named_after_the_version(app, client, coordinator):
    framework_id = imported_framework_id(app, csv=GOOD_CSV, name="Short placement")
    imported_framework_id(app, csv=GOOD_CSV, name="Short placement")
    second = imported_framework_id(app, csv=GOOD_CSV, name="Short placement")
    response = download(client, second)
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == f'attachment; filename="framework-{second}-v3-case.json"'
    assert json.loads(response.data)["CFDocument"]["version"] == "3"
    page = client.get(f"/cohorts/frameworks/{framework_id}").get_data(as_text=True)
    assert f'href="/cohorts/frameworks/{framework_id}/case.json"' in page
    assert "Download as CASE 1.1 (JSON)" in page


def test_only_coordinators_may_download_and_unknown_versions_are_not_found(app, client, make):
    framework_id = default_framework_id(app)
    url = f"/cohorts/frameworks/{framework_id}/case.json"
    assert client.get(url).status_code == 302  # to the login page
    cohort = make.cohort()
    for role in ("intern", "supervisor", "reviewer"):
        log_in_as(client, make.member(cohort, role))
        assert client.get(url).status_code == 403, role
    log_in_as(client, make.admin())
    assert client.get(url).status_code == 200
    assert client.get(f"/cohorts/frameworks/{framework_id + 1000}/case.json").status_code == 404


def test_the_download_takes_as_many_queries_for_a_large_framework_as_for_a_small_one(
    app, client, coordinator, make, count_queries
):
    small = make.framework(competencies=2)
    large = make.framework(competencies=60)
    assert count_queries(lambda: client.get(f"/cohorts/frameworks/{small.id}/case.json")) == count_queries(
        lambda: client.get(f"/cohorts/frameworks/{large.id}/case.json")
    )
