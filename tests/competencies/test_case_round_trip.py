"""CASE 1.1 round trip: a framework exported as a CFPackage (``case_package``) and imported again through the
import page gives the same framework (domains, CanMEDS roles, codes, titles, descriptions, required levels,
order and identifiers), and exporting the re-imported version gives the same package but for what names the
version. Two coordinators importing one package at the same moment both get an answer, never a 500.
"""

import io
import json

import pytest
from sqlalchemy import select

from journal.competencies import frameworks
from journal.competencies.case.export import case_package
from journal.extensions import db
from journal.models import Framework
from tests.conftest import log_in_as
from tests.threads import at_the_same_moment

CSV = (
    "domain,code,title,description,required_level,canmeds_role\n"
    'Communication,COM1,Across language barriers,"Interpreters, teach-back",4,Communicator\n'
    "Communication,COM2,Consent in another culture,,2,Communicator\n"
    "Wellbeing,WB.1,Self-care,Rests and asks for help,5,\n"
    "Scholarship,SCH_1,Journal club,Presents a paper,1,Scholar\n"
)


@pytest.fixture
def coordinator(make, auth):
    found = make.admin()
    auth.login(found.email)
    return found


def exported(app, framework_id: int) -> dict:
    with app.app_context():
        return case_package(frameworks.framework_with_content(framework_id), "https://journal.example.org")


def content(app, framework_id: int) -> list[tuple]:
    """What a framework holds, in order: each domain with its role and identifier, and its competencies."""
    with app.app_context():
        framework = frameworks.framework_with_content(framework_id)
        return [
            (
                domain.title,
                domain.canmeds_role,
                domain.case_identifier,
                [
                    (c.code, c.title, c.description, c.required_level, c.case_identifier, c.position)
                    for c in domain.competencies
                ],
            )
            for domain in framework.domains
        ]


def identifiers(package: dict) -> list[tuple[str, str]]:
    """Each domain and competency item of a package: (its identifier, its title or code)."""
    return [(item["identifier"], item.get("humanCodingScheme", item["fullStatement"])) for item in package["CFItems"]]


def differences(first, second, path="$") -> list[str]:
    """Every JSON path where two packages differ, the dates of change left aside."""
    if isinstance(first, dict) and isinstance(second, dict):
        keys = sorted(set(first) | set(second))
        return [
            found
            for key in keys
            if key != "lastChangeDateTime"
            for found in differences(first.get(key), second.get(key), f"{path}.{key}")
        ]
    if isinstance(first, list) and isinstance(second, list) and len(first) == len(second):
        return [
            found
            for n, pair in enumerate(zip(first, second, strict=True))
            for found in differences(*pair, f"{path}[{n}]")
        ]
    return [] if first == second else [path]


def import_on_the_page(client, package: dict, **fields) -> int:
    """Import the package (pasted) and return the new framework's id."""
    response = client.post("/cohorts/frameworks/import", data={"pasted": json.dumps(package), **fields})
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def default_framework_id(app) -> int:
    with app.app_context():
        found = frameworks.default_framework()
        db.session.commit()
        return found.id


def csv_framework_id(client) -> int:
    data = {"upload": (io.BytesIO(CSV.encode()), "ours.csv"), "name": "Our placement"}
    response = client.post("/cohorts/frameworks/import", data=data)
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


@pytest.mark.parametrize("source", ["default", "csv"])
def test_export_then_import_gives_the_same_framework(app, client, coordinator, source):
    original = default_framework_id(app) if source == "default" else csv_framework_id(client)
    first = exported(app, original)
    again = import_on_the_page(client, first)

    before, after = content(app, original), content(app, again)
    assert len(after) == len(before) and len(before) > 1
    for (title, role, _none, competencies), (title2, role2, domain_id, competencies2) in zip(
        before, after, strict=True
    ):
        assert (title2, role2) == (title, role)
        # Competencies kept code, title, description, level and order; each now knows its CASE identifier.
        assert [c[:4] + (c[5],) for c in competencies2] == [c[:4] + (c[5],) for c in competencies]
        assert all(c[4] for c in competencies2)
        assert domain_id
    if source == "default":
        assert {role for _t, role, _i, _c in after} >= {"Medical Expert", "Communicator", "Scholar", "Professional"}
    else:
        assert [(t, r) for t, r, _i, _c in after] == [
            ("Communication", "Communicator"),
            ("Wellbeing", ""),
            ("Scholarship", "Scholar"),
        ]
        assert [c[3] for _t, _r, _i, cs in after for c in cs] == [4, 2, 5, 1]

    second = exported(app, again)
    assert identifiers(second) == identifiers(first)
    assert second["CFDocument"]["identifier"] == first["CFDocument"]["identifier"]
    with app.app_context():
        names = db.session.execute(select(Framework.name, Framework.version).where(Framework.id.in_([original, again])))
        assert sorted(names) == [(first["CFDocument"]["title"], 1), (first["CFDocument"]["title"], 2)]
    # Imported under the same name, the copy is the next version: that, and only that, must differ.
    assert differences(first, second) == ["$.CFDocument.version"]
    assert (first["CFDocument"]["version"], second["CFDocument"]["version"]) == ("1", "2")


def test_imported_under_another_name_it_is_another_framework_with_identifiers_of_its_own(app, client, coordinator):
    original = default_framework_id(app)
    first = exported(app, original)
    response = client.post("/cohorts/frameworks/import", data={"pasted": json.dumps(first), "name": "My CASE copy"})
    again = int(response.headers["Location"].rsplit("/", 1)[1])
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    title = first["CFDocument"]["title"]
    assert f"Imported under another name than the package\u2019s title (“{title}”)" in page.replace("&#39;", "\u2019")
    second = exported(app, again)
    assert second["CFDocument"]["title"] == "My CASE copy"
    # No identifier of the original comes back: not the document's, not an item's, not an association's.
    assert second["CFDocument"]["identifier"] != first["CFDocument"]["identifier"]
    assert not {i for i, _name in identifiers(second)} & {i for i, _name in identifiers(first)}
    assert not {a["identifier"] for a in second["CFAssociations"] if a["associationType"] == "isChildOf"} & {
        a["identifier"] for a in first["CFAssociations"]
    }
    # Nothing stored either: its identifiers are derived from its own name and version, as any framework's.
    assert all(domain_id is None and all(c[4] is None for c in cs) for _t, _r, domain_id, cs in content(app, again))
    assert [name for _i, name in identifiers(second)] == [name for _i, name in identifiers(first)]


def test_imported_under_its_own_title_typed_the_identifiers_are_kept(app, client, coordinator):
    first = exported(app, csv_framework_id(client))
    response = client.post(
        "/cohorts/frameworks/import", data={"pasted": json.dumps(first), "name": f"  {first['CFDocument']['title']} "}
    )
    second = exported(app, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert identifiers(second) == identifiers(first)
    # The same document at its next version: CASE's ``version`` tells them apart, the identifier names the document.
    assert second["CFDocument"]["identifier"] == first["CFDocument"]["identifier"]
    assert "own CASE identifiers" not in client.get(response.headers["Location"]).get_data(as_text=True)


def test_two_coordinators_importing_one_package_at_the_same_moment(app, make):
    package = json.dumps(exported(app, default_framework_id(app)))
    replies, clients = [], []
    for person in (make.admin(), make.admin()):
        client = app.test_client()
        log_in_as(client, person)
        clients.append(client)
    at_the_same_moment(
        app,
        [lambda c=c: replies.append(c.post("/cohorts/frameworks/import", data={"pasted": package})) for c in clients],
    )
    statuses = sorted(reply.status_code for reply in replies)
    with app.app_context():
        versions = sorted(db.session.scalars(select(Framework.version)))
    if statuses == [302, 302]:
        assert versions == [1, 2, 3]
    else:
        assert statuses == [302, 422], statuses
        loser = next(reply for reply in replies if reply.status_code == 422).get_data(as_text=True)
        assert "someone imported this framework at the same moment" in loser
        assert versions == [1, 2]


def test_a_role_the_coordinator_typed_survives_the_round_trip(app, client, coordinator):
    typed = "domain,code,title,description,required_level,canmeds_role\nManagement,M1,Rotas,,2,Manager\n"
    response = client.post(
        "/cohorts/frameworks/import", data={"upload": (io.BytesIO(typed.encode()), "ours.csv"), "name": "Typed"}
    )
    original = int(response.headers["Location"].rsplit("/", 1)[1])
    again = import_on_the_page(client, exported(app, original))
    assert [(title, role) for title, role, _i, _c in content(app, again)] == [("Management", "Manager")]
