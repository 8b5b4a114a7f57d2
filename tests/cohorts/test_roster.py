"""Roster import: every bad line reported by number and reason; a clean file invites everyone."""

import io

import pytest
from sqlalchemy import func, select

from journal.cohorts.roster import parse_roster
from journal.models import Invitation, Membership

GOOD = "email,name,role\namira@example.org,Amira Haddad,intern\nj.mwangi@example.org,Dr Joseph Mwangi,supervisor\n"


def problems_of(text: str | bytes):
    data = text.encode() if isinstance(text, str) else text
    rows, problems = parse_roster(data)
    return [(p.line, p.reason) for p in problems], rows


def test_good_file_parses():
    problems, rows = problems_of(GOOD)
    assert problems == []
    assert [(r.line, r.email, r.name, r.role) for r in rows] == [
        (2, "amira@example.org", "Amira Haddad", "intern"),
        (3, "j.mwangi@example.org", "Dr Joseph Mwangi", "supervisor"),
    ]


def test_spreadsheet_quirks_are_accepted():
    text = '\ufeffEmail, Name ,ROLE\r\n  Amira@Example.org ,"Haddad, Amira", Intern \r\n\r\n'
    problems, rows = problems_of(text)
    assert problems == []
    assert (rows[0].email, rows[0].name, rows[0].role) == ("amira@example.org", "Haddad, Amira", "intern")


@pytest.mark.parametrize(
    ("line", "reason_part"),
    [
        ("not-an-email,Someone,intern", "is not a valid email address"),
        (",Someone,intern", "the email is empty"),
        ("a@example.org,,intern", "the name is empty"),
        ("a@example.org," + "n" * 121 + ",intern", "longer than 120 characters"),
        ("a@example.org,Someone,nurse", "the role must be intern, supervisor or reviewer"),
        ("a@example.org,Someone", "expected 3 values (email, name, role), found 2"),
        ("a@example.org,Some,one,intern", "expected 3 values (email, name, role), found 4"),
    ],
)
def test_each_kind_of_bad_line_is_reported_with_its_number(line, reason_part):
    problems, _ = problems_of(GOOD + line + "\n")
    assert len(problems) == 1
    number, reason = problems[0]
    assert number == 4
    assert reason_part in reason


def test_duplicate_email_names_the_first_line():
    problems, _ = problems_of(GOOD + "AMIRA@example.org,Amira again,intern\n")
    assert problems == [(4, "amira@example.org is already on line 2")]


def test_every_bad_line_is_reported_not_just_the_first():
    problems, _ = problems_of("email,name,role\nbad,X,intern\nok@example.org,Ok,intern\nz@example.org,Z,chef\n")
    assert [line for line, _ in problems] == [2, 4]


@pytest.mark.parametrize(
    ("data", "reason_part"),
    [
        (b"", "The file is empty"),
        (b"\n\n  \n", "The file is empty"),
        (b"email,name,role\n", "has a header but nobody in it"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        ("email,name,role\n".encode("utf-16"), "saved as UTF-16"),
    ],
)
def test_whole_file_problems(data, reason_part):
    problems, rows = problems_of(data)
    assert rows == []
    assert len(problems) == 1 and problems[0][0] == 0
    assert reason_part in problems[0][1]


def test_a_character_that_is_not_utf8_is_reported_on_its_line():
    text = "email,name,role\na@example.org,A,intern\nzoë@example.org,Zoë,intern\n"
    problems, rows = problems_of(text.encode("latin-1"))
    assert rows == []
    assert [line for line, _ in problems] == [3]
    assert "not UTF-8" in problems[0][1]


def test_missing_or_wrong_header_is_line_one():
    problems, _ = problems_of("amira@example.org,Amira,intern\n")
    assert problems == [(1, "the first line must be the header email,name,role")]


def test_semicolons_are_pointed_out():
    problems, _ = problems_of("email;name;role\namira@example.org;Amira;intern\n")
    assert len(problems) == 1 and problems[0][0] == 1
    assert "separated by semicolons" in problems[0][1]


# Through the page


@pytest.fixture
def admin(make, auth):
    found = make.admin()
    auth.login(found.email)
    return found


def _upload(client, cohort_id, text, filename="roster.csv"):
    data = text.encode() if isinstance(text, str) else text
    return client.post(
        f"/cohorts/{cohort_id}/roster",
        data={"roster": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def _counts(query):
    return query(lambda s: (s.scalar(select(func.count(Invitation.id))), s.scalar(select(func.count(Membership.id)))))


def test_bad_file_imports_nothing_and_lists_every_problem(client, admin, make, query):
    cohort = make.cohort()
    response = _upload(client, cohort.id, GOOD + "bad-email,X,intern\nc@example.org,C,janitor\n")
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Nothing was imported: 2 problems to fix" in body
    assert "<td>4</td>" in body and "<td>5</td>" in body
    assert _counts(query) == (0, 0)


def test_existing_member_in_file_is_a_problem(client, admin, make, query):
    cohort = make.cohort()
    make.member(cohort, "intern", email="amira@example.org")
    body = _upload(client, cohort.id, GOOD).get_data(as_text=True)
    assert "amira@example.org is already a member of this cohort as intern" in body
    assert _counts(query) == (0, 1)


def test_clean_file_invites_everyone(client, admin, make, query):
    cohort = make.cohort()
    existing = make.user(email="j.mwangi@example.org")
    response = _upload(client, cohort.id, GOOD)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert body.count("http://localhost/invitations/") == 1
    invitation = query(lambda s: s.scalar(select(Invitation)))
    assert (invitation.email, invitation.display_name, invitation.role) == (
        "amira@example.org",
        "Amira Haddad",
        "intern",
    )
    role = query(lambda s: s.scalar(select(Membership.role).where(Membership.user_id == existing.id)))
    assert role == "supervisor"


def test_wrong_file_type_is_refused(client, admin, make, query):
    cohort = make.cohort()
    response = _upload(client, cohort.id, b"%PDF-1.7", filename="roster.pdf")
    assert "Upload a .csv file." in response.get_data(as_text=True)
    assert _counts(query) == (0, 0)


def test_no_file_is_refused(client, admin, make):
    cohort = make.cohort()
    response = client.post(f"/cohorts/{cohort.id}/roster", data={}, content_type="multipart/form-data")
    assert "Choose a CSV file to upload." in response.get_data(as_text=True)
