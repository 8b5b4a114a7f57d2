"""Uploads and imports given broken files: the roster CSV, framework files (CSV and JSON), and the
portfolio file checked at ``/verify/<code>``.

Each broken file gets a message saying what is wrong (and on which line, where a line is to
blame) and imports nothing: the database is compared row by row before and after. A good file
imports whole. Files past the request size limit get a page that says so.
"""

import io
import json
import random
import re
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage, MultiDict

from journal.cohorts.roster import parse_roster
from journal.competencies.framework_import import FrameworkFileError, parse_framework_csv
from journal.models import Competency, Invitation
from tests.hostile import harness
from tests.hostile.fuzzing import budget

ROSTER = "email,name,role\n" + "".join(f"invitee-{n}@example.org,Invitee {n},intern\n" for n in range(1, 6))
FRAMEWORK = "domain,code,title,description,required_level\n" + "".join(
    f"Communication,COM{n},Talk {n},Listen well,3\n" for n in range(1, 6)
)
FRAMEWORK_JSON = {
    "name": "Hostile JSON framework",
    "domains": [
        {
            "title": "Communication",
            "competencies": [{"code": f"COM{n}", "title": f"Talk {n}", "required_level": 3} for n in range(1, 4)],
        }
    ],
}


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def _zip(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("roster.csv", text)
    return buffer.getvalue()


def _random_bytes(size: int = 4096, seed: int = 6) -> bytes:
    return random.Random(seed).randbytes(size)


def _with_line(text: str, number: int, line: str) -> str:
    """``text`` with ``line`` put in as line ``number`` (counted from 1)."""
    lines = text.splitlines(keepends=True)
    return "".join(lines[: number - 1] + [line + "\n"] + lines[number - 1 :])


# (case, file bytes, file name, what the message must say, the line it must name or None)
ROSTER_CASES = [
    ("utf-16", ROSTER.encode("utf-16"), "roster.csv", "UTF-8", None),
    (
        "latin-1 accents",
        _with_line(ROSTER, 4, "zoë@example.org,Zoë Müller,intern").encode("latin-1"),
        "r.csv",
        "UTF-8",
        4,
    ),
    ("misspelt column", ROSTER.replace("email,", "e-mail,", 1).encode(), "r.csv", "email,name,role", 1),
    ("missing column", b"email,name\na@example.org,A\n", "r.csv", "email,name,role", 1),
    ("extra column", ROSTER.replace("role\n", "role,phone\n", 1).encode(), "r.csv", "email,name,role", 1),
    ("duplicated column", b"email,email,role\na@example.org,b@example.org,intern\n", "r.csv", "email", 1),
    ("semicolons", ROSTER.replace(",", ";").encode(), "r.csv", "semicolon", 1),
    ("empty", b"", "r.csv", "empty", None),
    ("header only", b"email,name,role\n", "r.csv", "nobody", None),
    ("png", _png(), "roster.csv", "not a text file", None),
    ("random bytes", _random_bytes(), "roster.csv", "not", None),
    ("zip", _zip(ROSTER), "roster.csv", "not a text file", None),
    ("bad email on line 4", _with_line(ROSTER, 4, "not-an-email,X,intern").encode(), "r.csv", "valid email", 4),
    ("bad role in the middle", _with_line(ROSTER, 3, "x@example.org,X,nurse").encode(), "r.csv", "role", 3),
    ("short row", _with_line(ROSTER, 5, "x@example.org,X").encode(), "r.csv", "expected 3 values", 5),
    ("unclosed quote", _with_line(ROSTER, 3, 'x@example.org,"X,intern').encode(), "r.csv", "3 values", 3),
    ("too many lines", ("email,name,role\n" + "a@example.org,A,intern\n" * 5001).encode(), "r.csv", "5000", None),
    ("not a csv name", ROSTER.encode(), "roster.xlsx", ".csv", None),
]

FRAMEWORK_CASES = [
    ("utf-16", FRAMEWORK.encode("utf-16"), "f.csv", "UTF", None),
    (
        "latin-1 accents",
        _with_line(FRAMEWORK, 3, "Communication,COM9,Café,Thé,3").encode("latin-1"),
        "f.csv",
        "UTF-8",
        3,
    ),
    ("misspelt column", FRAMEWORK.replace("title,", "titel,", 1).encode(), "f.csv", "title", 1),
    ("missing column", FRAMEWORK.replace(",required_level", "", 1).encode(), "f.csv", "required_level", 1),
    ("extra column", FRAMEWORK.replace("level\n", "level,notes\n", 1).encode(), "f.csv", "notes", 1),
    ("duplicated column", FRAMEWORK.replace("title,", "title,title,", 1).encode(), "f.csv", "twice", 1),
    ("semicolons", FRAMEWORK.replace(",", ";").encode(), "f.csv", "semicolon", 1),
    ("empty", b"", "f.csv", "empty", None),
    ("png", _png(), "f.csv", "not a text file", None),
    ("random bytes", _random_bytes(), "f.csv", "not", None),
    ("zip", _zip(FRAMEWORK), "f.csv", "not a text file", None),
    ("bad level on line 4", _with_line(FRAMEWORK, 4, "Communication,COM9,T,D,9").encode(), "f.csv", "1 to 5", 4),
    ("bad code in the middle", _with_line(FRAMEWORK, 3, "Communication,CO M,T,D,3").encode(), "f.csv", "code", 3),
    ("short row", _with_line(FRAMEWORK, 5, "Communication,COM9").encode(), "f.csv", "expected 5 values", 5),
    ("too large for frameworks", (FRAMEWORK + "#" * (1024 * 1024)).encode(), "f.csv", "1 MB", None),
    ("json: not json", b'{"domains": [', "f.json", "not valid JSON", None),
    ("json: deeply nested", b'{"domains": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", "f.json", "JSON", None),
    ("json: wrong shape", json.dumps([FRAMEWORK_JSON]).encode(), "f.json", "one JSON object", None),
    (
        "json: a bad competency in the middle",
        json.dumps(
            {
                "domains": [
                    {
                        "title": "Communication",
                        "competencies": [
                            {"code": "A1", "title": "One", "required_level": 3},
                            {"code": "A2", "title": ["not", "text"], "required_level": "three"},
                            {"code": "A3", "title": "Three", "required_level": 3},
                        ],
                    }
                ]
            }
        ).encode(),
        "f.json",
        "Competency 2",
        None,
    ),
    ("json: utf-16", json.dumps(FRAMEWORK_JSON).encode("utf-16"), "f.json", "UTF", None),
    ("not a csv or json name", FRAMEWORK.encode(), "framework.xlsx", ".csv", None),
]


def _counts(app) -> tuple[int, int]:
    """How many invitations and competencies the database holds."""
    from journal.extensions import db

    with app.app_context():
        return (
            db.session.scalar(select(func.count(Invitation.id))),
            db.session.scalar(select(func.count(Competency.id))),
        )


@pytest.fixture
def cohort(make):
    return make.cohort()


@pytest.fixture
def coordinator(make):
    return make.admin()


@pytest.fixture
def code(make, cohort):
    """The verification code of a submitted portfolio."""
    intern = make.member(cohort, "intern")
    return make.submission(intern, cohort, [make.entry(intern, cohort)]).code


def _upload(app, user, path, files: dict, data: dict | None = None, case: str = "") -> harness.Outcome:
    """Post a multipart form with ``files`` ({field: (bytes, name)}) as ``user``; record what it did."""
    client = harness.client_as(app, user)
    form = MultiDict(data or {})
    for name, (content, filename) in files.items():
        form.add(name, FileStorage(io.BytesIO(content), filename=filename, content_type="application/octet-stream"))
    names = {name: (len(content), filename) for name, (content, filename) in files.items()}
    return harness.send(app, client, f"[{case}] POST {path} {names}", lambda: harness.post_form(client, path, form))


def _check_refused(outcome: harness.Outcome, says: str, line: int | None, where_cell: str) -> None:
    """Refused with ``says`` in the message, naming ``line`` when given, and nothing stored."""
    harness.check_no_failure(outcome)
    page = outcome.response.get_data(as_text=True)
    assert outcome.status == 422, f"{outcome.description}: {outcome.status}"
    assert not outcome.changes, f"{outcome.description}: stored {sorted(outcome.changes)}"
    assert harness.says_what_is_wrong(outcome.response), f"{outcome.description}: no error shown"
    assert says in page, f"{outcome.description}: the message does not mention {says!r}"
    if line is not None:
        named = where_cell.format(line=line) in page or re.search(rf"\b[Ll]ine {line}\b", page)
        assert named, f"{outcome.description}: the message does not name line {line}"


def test_roster_refuses_broken_files(app, cohort, coordinator):
    path = f"/cohorts/{cohort.id}/roster"
    for case, content, filename, says, line in ROSTER_CASES:
        outcome = _upload(app, coordinator, path, {"roster": (content, filename)}, case=case)
        _check_refused(outcome, says, line, "<td>{line}</td>")


def test_framework_import_refuses_broken_files(app, coordinator):
    for case, content, filename, says, line in FRAMEWORK_CASES:
        files = {"upload": (content, filename)}
        outcome = _upload(app, coordinator, "/cohorts/frameworks/import", files, {"name": "Hostile"}, case=case)
        where = '<td class="problem-where"><span class="problem-path">Line {line}</span></td>'
        _check_refused(outcome, says, line, where)


def test_good_files_import_whole(app, cohort, coordinator):
    """A clean roster invites everyone in it, a clean framework file adds every competency, with or
    without a UTF-8 byte-order mark and with Windows line ends."""
    rosters = {
        "utf-8": ROSTER.encode(),
        "utf-8 with a byte-order mark": b"\xef\xbb\xbf" + ROSTER.replace("invitee", "bom").encode(),
        "windows line ends": ROSTER.replace("invitee", "crlf").replace("\n", "\r\n").encode(),
    }
    for case, content in rosters.items():
        before = _counts(app)[0]
        path = f"/cohorts/{cohort.id}/roster"
        outcome = _upload(app, coordinator, path, {"roster": (content, "r.csv")}, case=case)
        harness.check_no_failure(outcome)
        assert outcome.status == 200, f"{outcome.description}: {outcome.status}"
        assert _counts(app)[0] == before + 5, f"{outcome.description}: not everyone was invited"
    frameworks = {
        "csv": (FRAMEWORK.encode(), "f.csv", 5),
        "csv with a byte-order mark": (b"\xef\xbb\xbf" + FRAMEWORK.encode(), "f.csv", 5),
        "json": (json.dumps(FRAMEWORK_JSON).encode(), "f.json", 3),
        "json with a byte-order mark": (b"\xef\xbb\xbf" + json.dumps(FRAMEWORK_JSON).encode(), "f.json", 3),
    }
    for case, (content, filename, competencies) in frameworks.items():
        before = _counts(app)[1]
        files = {"upload": (content, filename)}
        outcome = _upload(app, coordinator, "/cohorts/frameworks/import", files, {"name": "Good"}, case=case)
        harness.check_no_failure(outcome)
        assert outcome.status == 302, f"{outcome.description}: {outcome.status}"
        assert _counts(app)[1] == before + competencies, f"{outcome.description}: not every competency was added"


def test_a_file_past_the_size_limit_gets_a_page_saying_the_limit(app, cohort, coordinator, code):
    limit = app.config["MAX_CONTENT_LENGTH"]
    big = b"a" * (limit + 1)
    for path, field, data in [
        (f"/cohorts/{cohort.id}/roster", "roster", {}),
        ("/cohorts/frameworks/import", "upload", {"name": "Too big"}),
        (f"/verify/{code}", "file", {}),
        ("/verify/", "file", {}),
    ]:
        outcome = _upload(app, coordinator, path, {field: (big, "big.csv")}, data, case="too large")
        harness.check_no_failure(outcome)
        assert outcome.status == 413, f"{outcome.description}: {outcome.status}"
        assert not outcome.changes, f"{outcome.description}: stored {sorted(outcome.changes)}"
        assert harness.says_what_is_wrong(outcome.response), f"{outcome.description}: no message"
        page = outcome.response.get_data(as_text=True)
        assert f"{limit // (1024 * 1024)} MB" in page, f"{outcome.description}: the page does not say the limit"


def test_no_file_says_to_choose_one(app, cohort, coordinator, code):
    client = harness.client_as(app, coordinator)
    for path, data, says in [
        (f"/cohorts/{cohort.id}/roster", {}, "Choose a CSV file to upload."),
        ("/cohorts/frameworks/import", {"name": "X"}, "Choose a file to upload"),
        (f"/verify/{code}", {}, "Choose the PDF or JSON file you want to check."),
    ]:
        outcome = harness.send(app, client, f"POST {path} (no file)", lambda p=path, d=data: client.post(p, data=d))
        _check_refused(outcome, says, None, "")


VERIFY_CASES = [
    ("empty", b"", "The file is empty."),
    ("utf-16 json", '{"submission": {"code": "x"}}'.encode("utf-16"), "does not match"),
    ("latin-1", "Portfolio von Jürgen".encode("latin-1"), "does not match"),
    ("png", _png(), "does not match"),
    ("random bytes", _random_bytes(), "does not match"),
    ("zip", _zip("x"), "does not match"),
    ("deeply nested json", b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "does not match"),
    ("json with a bom", b"\xef\xbb\xbf{}", "does not match"),
    ("json naming another code", b'{"submission": {"code": "AAAA-BBBB-CCCC"}}', "does not match"),
]


def test_verification_answers_any_file_plainly(app, code):
    """The verification pages store nothing, whatever the file, and say whether it matches."""
    for case, content, says in VERIFY_CASES:
        for path in (f"/verify/{code}", "/verify/"):
            outcome = _upload(app, None, path, {"file": (content, "portfolio.json")}, case=case)
            harness.check_no_failure(outcome)
            assert outcome.status == 200, f"{outcome.description}: {outcome.status}"
            assert not outcome.changes, f"{outcome.description}: stored {sorted(outcome.changes)}"
            assert says in outcome.response.get_data(as_text=True), f"{outcome.description}: no {says!r}"


def _csv_like(header: str) -> st.SearchStrategy[bytes]:
    """Text shaped like a CSV file (the right header or not), with hostile cells, in some encoding."""
    cell = st.one_of(st.sampled_from(["intern", "3", "a@example.org", "", '"', ";", "\r"]), st.text(max_size=20))
    row = st.lists(cell, min_size=0, max_size=6).map(",".join)
    text = st.builds(
        lambda first, rows: "\n".join([first, *rows]),
        st.one_of(st.just(header), row),
        st.lists(row, max_size=8),
    )
    encoding = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"])
    return st.one_of(
        st.builds(lambda t, e: t.encode(e, "replace"), text, encoding),
        st.binary(max_size=2000),
    )


def test_random_files_import_whole_or_not_at_all(app, cohort, coordinator):
    """Any file: either every row is imported, or nothing is and the page says what is wrong."""

    @settings(max_examples=budget(30))
    @given(
        which=st.sampled_from(["roster", "framework"]),
        roster=_csv_like("email,name,role"),
        framework=_csv_like("domain,code,title,description,required_level"),
    )
    def upload_random_file(which, roster, framework):
        before = _counts(app)
        if which == "roster":
            outcome = _upload(app, coordinator, f"/cohorts/{cohort.id}/roster", {"roster": (roster, "r.csv")})
            rows, problems = parse_roster(roster)
            expected = (before[0] + len(rows), before[1])
        else:
            files = {"upload": (framework, "f.csv")}
            outcome = _upload(app, coordinator, "/cohorts/frameworks/import", files, {"name": "Random"})
            try:
                expected = (before[0], before[1] + parse_framework_csv(framework).competency_count)
            except FrameworkFileError:
                expected = before
        harness.check_no_failure(outcome)
        if outcome.changes:
            assert outcome.status in (200, 302), outcome.description
            assert _counts(app) == expected, f"{outcome.description}: imported in part"
        else:
            assert outcome.status == 422, f"{outcome.description}: {outcome.status}"
            assert harness.says_what_is_wrong(outcome.response), f"{outcome.description}: no message"

    upload_random_file()
