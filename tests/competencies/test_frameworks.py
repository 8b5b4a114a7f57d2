"""Competency frameworks: the default one, importing CSV and JSON with every kind of bad row, versions, assigning."""

import io
import json

import pytest
from markupsafe import escape
from sqlalchemy import func, select

from journal.competencies import frameworks
from journal.competencies.framework_import import (
    FrameworkFileError,
    parse_framework_csv,
    parse_framework_data,
    parse_framework_file,
    parse_framework_json,
)
from journal.extensions import db
from journal.models import LEVELS, AuditEvent, Cohort, Competency, Domain, Framework, User
from tests.html import rows

HEADER = "domain,code,title,description,required_level\n"
GOOD_CSV = (
    HEADER + 'Communication,COM1,Across language barriers,"Interpreters, teach-back",3\n'
    "Communication,COM2,Consent in another culture,Local decision-making,2\n"
    "Wellbeing,WB1,Self-care,,3\n"
)


def problems_of(parse, data) -> list[str]:
    with pytest.raises(FrameworkFileError) as caught:
        parse(data)
    return [str(problem) for problem in caught.value.problems]


def framework_count(query) -> int:
    return query(lambda s: s.scalar(select(func.count(Framework.id))))


@pytest.fixture
def coordinator(make, auth):
    found = make.admin(name="Dr Ana Ribeiro")
    auth.login(found.email)
    return found


def upload(data: str, filename="framework.csv", **fields):
    return {"upload": (io.BytesIO(data.encode()), filename), **fields}


# -- the default framework --


def test_the_default_framework_is_complete_and_valid():
    parsed = parse_framework_data(frameworks.DEFAULT_FRAMEWORK)
    codes = [c.code for d in parsed.domains for c in d.competencies]
    assert 20 <= len(codes) <= 25
    assert len(set(codes)) == len(codes)
    assert len(parsed.domains) == 8
    assert [d.title for d in parsed.domains] == [
        "Clinical skills",
        "Communication",
        "Collaboration",
        "Cultural humility",
        "Global and public health",
        "Ethics and professionalism",
        "Scholarship",
        "Wellbeing",
    ]
    canmeds = {"Medical Expert", "Communicator", "Collaborator", "Leader", "Health Advocate", "Scholar", "Professional"}
    assert all(d.canmeds_role in canmeds for d in parsed.domains)
    for competency in (c for d in parsed.domains for c in d.competencies):
        assert competency.required_level in LEVELS
        assert competency.title and len(competency.description) > 40
    assert {c.required_level for d in parsed.domains for c in d.competencies} <= {2, 3}


def test_default_framework_is_created_once(app, query):
    with app.app_context():
        first = frameworks.default_framework()
        db.session.commit()
        again = frameworks.default_framework()
        assert again.id == first.id
        assert (first.name, first.version) == ("Global health clinical placement", 1)
    assert framework_count(query) == 1
    assert query(lambda s: s.scalar(select(func.count(Competency.id)))) == 23
    roles = query(lambda s: s.scalars(select(Domain.canmeds_role).order_by(Domain.position)).all())
    assert len(roles) == 8 and all(roles)


# -- reading files --


def test_a_good_csv_is_read_in_file_order():
    parsed = parse_framework_csv(("\ufeff" + GOOD_CSV).encode())
    assert [d.title for d in parsed.domains] == ["Communication", "Wellbeing"]
    first = parsed.domains[0].competencies[0]
    assert (first.code, first.title, first.description, first.required_level) == (
        "COM1",
        "Across language barriers",
        "Interpreters, teach-back",
        3,
    )
    assert parsed.competency_count == 3


def test_csv_header_in_any_order_and_case_with_canmeds_roles():
    text = "Required_Level,TITLE,code,domain,description,canmeds_role\n"
    text += "2,Telemedicine,GPH5,Global health,,Health Advocate\n"
    parsed = parse_framework_csv(text)
    assert parsed.domains[0].canmeds_role == "Health Advocate"
    assert parsed.domains[0].competencies[0].required_level == 2


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "Communication,COM9,Title,Description",
            "Line 3: expected 5 values (domain, code, title, description, required_level), found 4",
        ),
        (
            "Communication,COM9,Title,Has, a comma,3",
            "Line 3: expected 5 values (domain, code, title, description, required_level), found 6;"
            " put text that contains commas in double quotes",
        ),
        (",COM9,Title,Description,3", "Line 3: the domain is empty"),
        ("Communication,,Title,Description,3", "Line 3: the code is empty"),
        ("Communication,COM9,,Description,3", "Line 3: the title is empty"),
        ("Communication," + "C" * 21 + ",Title,,3", "Line 3: the code is 21 characters long; the most is 20"),
        (
            "Communication,COM 9,Title,,3",
            "Line 3: the code “COM 9” may only hold letters, digits, dots, hyphens and underscores",
        ),
        ("Communication,com1,Title,,3", "Line 3: the code “com1” is already used (line 2)"),
        ("Communication,COM9,Title,,high", "Line 3: the required level must be a whole number from 1 to 5, not “high”"),
        ("Communication,COM9,Title,,7", "Line 3: the required level must be a whole number from 1 to 5, not “7”"),
        ("Communication,COM9,Title,,2.5", "Line 3: the required level must be a whole number from 1 to 5, not “2.5”"),
        ("Communication,COM9,Title,,", "Line 3: the required level is empty; use a whole number from 1 to 5"),
        ("Communication,COM9," + "T" * 201 + ",,3", "Line 3: the title is 201 characters long; the most is 200"),
        ("D" * 121 + ",COM9,Title,,3", "Line 3: the domain is 121 characters long; the most is 120"),
    ],
    ids=[
        "missing column",
        "extra column",
        "empty domain",
        "empty code",
        "empty title",
        "code too long",
        "code characters",
        "duplicate code",
        "level word",
        "level out of range",
        "level not whole",
        "level empty",
        "title too long",
        "domain too long",
    ],
)
def test_each_kind_of_bad_row_is_reported_with_its_line_and_nothing_is_imported(
    row, message, client, coordinator, query
):
    text = HEADER + "Communication,COM1,Across language barriers,,3\n" + row + "\n"
    assert problems_of(parse_framework_csv, text) == [message]
    response = client.post("/cohorts/frameworks/import", data=upload(text, name="Ours"))
    where, reason = message.split(": ", 1)
    assert response.status_code == 422
    cell = f'<td class="problem-where"><span class="problem-path">{where}</span></td><td>{escape(reason)}</td>'
    assert cell in response.get_data(as_text=True)
    assert framework_count(query) == 0


def test_every_bad_row_is_reported_at_once_with_lines_as_people_count_them():
    text = (
        HEADER
        + "Communication,COM1,One,,3\n"
        + "\n"  # line 3: blank lines are skipped but still counted
        + 'Communication,COM2,Two,"A description\nover two lines",9\n'  # lines 4-5
        + "Communication,COM1,Three,,3\n"  # line 6
        + ",,,,\n"  # line 7: all empty, skipped
        + "Wellbeing,,Four,,2\n"  # line 8
    )
    assert problems_of(parse_framework_csv, text) == [
        "Line 4: the required level must be a whole number from 1 to 5, not “9”",
        "Line 6: the code “COM1” is already used (line 2)",
        "Line 8: the code is empty",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "File: the file is empty."),
        (b"  \n\n", "File: the file is empty."),
        (HEADER.encode(), "File: the file has no competencies."),
        (
            "domain,code,titre\nx,y,z\n".encode("latin-1"),
            "Line 1: the header lacks the columns title, description, required_level"
            f" (the header must be {HEADER.strip()})",
        ),
        (
            b"domain,code,title,description,required_level,notes\n",
            f"Line 1: the header has unknown column “notes” (the header must be {HEADER.strip()})",
        ),
        (
            "domain,code\ncafé\n".encode("latin-1"),
            "File: the file is not UTF-8 text (line 2 has a character that cannot be read)."
            " In your spreadsheet, choose “CSV UTF-8” when saving.",
        ),
        (b"PK\x03\x04\x00\x00", "File: this is not a text file. Save the framework as CSV (UTF-8) or JSON."),
    ],
    ids=["empty", "blank", "no rows", "missing header columns", "unknown column", "not utf-8", "binary"],
)
def test_file_level_problems(data, message):
    assert problems_of(parse_framework_csv, data)[0] == message


GOOD_JSON = {
    "name": "Short placement",
    "description": "Four weeks",
    "domains": [
        {
            "title": "Communication",
            "canmeds_role": "Communicator",
            "competencies": [
                {"code": "COM1", "title": "Interpreters", "description": "Works with them", "required_level": 3},
                {"code": "COM2", "title": "Consent", "required_level": "2"},
            ],
        },
        {
            "title": "Wellbeing",
            "canmeds_role": "Professional",
            "competencies": [{"code": "WB1", "title": "Rest", "required_level": 2}],
        },
    ],
}


def test_a_good_json_file_is_read():
    parsed = parse_framework_json(json.dumps(GOOD_JSON).encode())
    assert (parsed.name, parsed.description) == ("Short placement", "Four weeks")
    assert [(d.title, d.canmeds_role, [c.code for c in d.competencies]) for d in parsed.domains] == [
        ("Communication", "Communicator", ["COM1", "COM2"]),
        ("Wellbeing", "Professional", ["WB1"]),
    ]
    assert parsed.domains[0].competencies[1].required_level == 2


def test_a_flat_json_list_of_competencies_is_read():
    flat = {"competencies": [{"domain": "A", "code": "A1", "title": "One", "required_level": 1}]}
    assert parse_framework_file(json.dumps(flat)).domains[0].competencies[0].code == "A1"


def test_bad_json_competencies_are_reported_by_position():
    bad = json.loads(json.dumps(GOOD_JSON))
    bad["domains"][0]["competencies"].append({"code": "COM1", "title": "", "required_level": True, "level": 3})
    bad["domains"][1]["competencies"][0]["required_level"] = 6
    third = "Competency 3 of domain “Communication”"
    assert problems_of(parse_framework_data, bad) == [
        f"{third}: unknown field “level” (known: code, title, description, required_level)",
        f"{third}: the code “COM1” is already used (competency 1 of domain “Communication”)",
        f"{third}: the title is empty",
        f"{third}: the required level must be a whole number from 1 to 5, not “true”",
        "Competency 1 of domain “Wellbeing”: the required level must be a whole number from 1 to 5, not “6”",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"domains": [\n  {"title": "A",}\n]}',
            "File: this is not valid JSON (line 2, column 17).",
        ),
        ("[1, 2]", "File: the file must hold one JSON object with a list of “domains” (or of “competencies”)"),
        ('{"domains": {}}', "File: the file must hold one JSON object with a list of “domains” (or of “competencies”)"),
        ('{"domains": ["Communication"]}', "Domain 1: each domain must be an object with a title and competencies"),
        ('{"domains": [{"title": "A", "competencies": []}]}', "Domain 1: the domain has no competencies"),
    ],
    ids=["invalid json", "a list", "domains not a list", "domain not an object", "empty domain"],
)
def test_bad_json_files(text, message):
    assert problems_of(parse_framework_json, text)[0] == message


# -- importing, versions and assigning --


def test_the_import_page_reports_every_problem_keeps_what_was_typed_and_imports_nothing(client, coordinator, query):
    text = HEADER + "Communication,COM1,One,,3\nCommunication,COM1,Two,,8\n"
    response = client.post("/cohorts/frameworks/import", data={"name": "Our framework", "pasted": text})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Nothing was imported: 2 problems to fix" in html
    assert ["Line 3", "the code “COM1” is already used (line 2)"] in rows(html)
    assert "not “8”" in html
    assert 'value="Our framework"' in html
    assert "Communication,COM1,Two,,8" in html
    assert framework_count(query) == 0


def test_the_import_page_needs_a_file_or_text(client, coordinator, query):
    response = client.post("/cohorts/frameworks/import", data={"name": "X"})
    assert response.status_code == 422
    assert "Choose a file to upload, or paste the file&#39;s contents here." in response.get_data(as_text=True)
    assert framework_count(query) == 0


def test_importing_makes_version_1_then_version_2_and_writes_the_audit_log(client, coordinator, query):
    response = client.post("/cohorts/frameworks/import", data=upload(GOOD_CSV, name="Our framework"))
    assert response.status_code == 302
    first = query(lambda s: s.scalar(select(Framework)))
    assert response.headers["Location"] == f"/cohorts/frameworks/{first.id}"
    assert (first.name, first.version, first.created_by_id) == ("Our framework", 1, coordinator.id)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Imported Our framework (version 1) with 3 competencies." in page
    assert "Across language barriers" in page and "Acts with indirect supervision" in page

    again = client.post(
        "/cohorts/frameworks/import", data=upload(json.dumps(GOOD_JSON), "f.json", name="Our framework")
    )
    assert again.status_code == 302
    versions = query(lambda s: s.execute(select(Framework.name, Framework.version).order_by(Framework.id)).all())
    assert versions == [("Our framework", 1), ("Our framework", 2)]
    events = query(
        lambda s: s.execute(
            select(AuditEvent.action, AuditEvent.actor_id, AuditEvent.details, AuditEvent.cohort_id).where(
                AuditEvent.action == "framework.imported"
            )
        ).all()
    )
    assert events == [
        ("framework.imported", coordinator.id, {"version": 1}, None),
        ("framework.imported", coordinator.id, {"version": 2}, None),
    ]
    listing = client.get("/cohorts/frameworks/").get_data(as_text=True)
    assert listing.count("Our framework</a>") == 2


def test_a_json_file_may_name_the_framework(client, coordinator, query):
    response = client.post("/cohorts/frameworks/import", data={"pasted": json.dumps(GOOD_JSON)})
    assert response.status_code == 302
    assert query(lambda s: s.scalar(select(Framework.name))) == "Short placement"


def test_a_csv_without_a_name_asks_for_one(client, coordinator, query):
    response = client.post("/cohorts/frameworks/import", data={"pasted": GOOD_CSV})
    assert response.status_code == 422
    assert "Give the framework a name." in response.get_data(as_text=True)
    assert framework_count(query) == 0


def test_the_example_and_a_framework_download_as_csv_that_imports_again(client, coordinator, make):
    example = client.get("/cohorts/frameworks/example.csv")
    assert example.mimetype == "text/csv"
    assert parse_framework_csv(example.data).competency_count == 23
    framework = make.framework(competencies=2)
    download = client.get(f"/cohorts/frameworks/{framework.id}/csv")
    assert [c.code for c in parse_framework_csv(download.data).domains[0].competencies] == ["C1", "C2"]


def test_a_new_cohort_gets_the_default_framework(client, coordinator, query):
    form = client.get("/cohorts/new").get_data(as_text=True)
    assert "Global health clinical placement (version 1)" in form
    cohort = {
        "name": "Moshi 2026",
        "host_site": "Kilimanjaro Regional Hospital",
        "country": "Tanzania",
        "start_date": "2026-09-01",
        "end_date": "2026-10-26",
        "timezone": "UTC",
        "inactivity_threshold_days": "3",
    }
    assert client.post("/cohorts/new", data=cohort).status_code == 302
    saved = query(lambda s: s.scalar(select(Cohort)))
    default = query(lambda s: s.scalar(select(Framework)))
    assert saved.framework_id == default.id
    assert "Global health clinical placement (version 1)" in client.get(f"/cohorts/{saved.id}").get_data(as_text=True)


def test_assigning_a_framework_and_later_versions_leave_the_cohort_alone(client, coordinator, make, query):
    cohort = make.cohort()
    first = make.framework(name="Ours", competencies=2)
    response = client.post(f"/cohorts/{cohort.id}/framework", data={"framework_id": first.id})
    assert response.headers["Location"] == f"/cohorts/{cohort.id}"
    assert query(lambda s: s.get(Cohort, cohort.id).framework_id) == first.id
    assert client.post("/cohorts/frameworks/import", data=upload(GOOD_CSV, name="Ours")).status_code == 302
    assert query(lambda s: s.scalar(select(func.max(Framework.version)).where(Framework.name == "Ours"))) == 2
    assert query(lambda s: s.get(Cohort, cohort.id).framework_id) == first.id
    event = query(lambda s: s.scalar(select(AuditEvent).where(AuditEvent.action == "framework.assigned")))
    assert (event.actor_id, event.cohort_id, event.object_id, event.details) == (
        coordinator.id,
        cohort.id,
        first.id,
        {"version": 1, "previous_framework_id": None},
    )


def test_a_cohort_with_requests_cannot_change_framework(client, coordinator, make, query):
    cohort = make.cohort()
    old = make.framework(cohort, competencies=2)
    new = make.framework(competencies=2)
    make.signoff(make.member(cohort, "intern"), cohort, old.competencies[0].id)
    page = client.get(f"/cohorts/{cohort.id}").get_data(as_text=True)
    assert "cannot change framework: its interns already have 1 sign-off request" in page
    response = client.post(f"/cohorts/{cohort.id}/framework", data={"framework_id": new.id}, follow_redirects=True)
    assert "cannot change framework: its interns already have 1 sign-off request" in response.get_data(as_text=True)
    assert query(lambda s: s.get(Cohort, cohort.id).framework_id) == old.id
    assert (
        query(lambda s: s.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action.like("framework.%")))) == 0
    )


def test_a_cohort_with_evidence_cannot_change_framework(app, make):
    cohort = make.cohort()
    old = make.framework(cohort, competencies=1)
    new = make.framework(competencies=1)
    intern = make.member(cohort, "intern")
    make.evidence(make.entry(intern, cohort), old.competencies[0].id)
    with app.app_context():
        actor = db.session.get(User, intern.id)
        with pytest.raises(frameworks.FrameworkError, match="1 evidence link under the current one"):
            frameworks.assign_framework(db.session.get(Cohort, cohort.id), db.session.get(Framework, new.id), actor)
        assert frameworks.blocked_cohort_ids() == {cohort.id}


def test_assigning_an_unknown_framework_is_refused(client, coordinator, make):
    cohort = make.cohort()
    response = client.post(f"/cohorts/{cohort.id}/framework", data={"framework_id": "999"}, follow_redirects=True)
    assert "Choose one of the frameworks listed." in response.get_data(as_text=True)


def test_the_frameworks_page_lists_versions_and_cohorts(client, coordinator, make):
    assert "No frameworks yet" in client.get("/cohorts/frameworks/").get_data(as_text=True)
    cohort = make.cohort(name="Moshi spring")
    make.framework(cohort, name="Ours", competencies=4)
    html = client.get("/cohorts/frameworks/").get_data(as_text=True)
    assert ["Ours", "1", "4"] in [row[:3] for row in rows(html, "table.framework-table")]
    assert "Moshi spring</a>" in html
