"""The public verification pages: who submitted what and when, never the content; files compared."""

import io
import json

import pytest
from pypdf import PdfReader, PdfWriter

from tests.portfolio.conftest import log_in


def _upload(client, path, data: bytes, name="portfolio.json"):
    return client.post(path, data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


@pytest.fixture
def pdf_bytes(client, auth, portfolio, submitted):
    log_in(auth, portfolio.intern)
    data = client.get(f"/submissions/{submitted.id}/portfolio.pdf").data
    auth.logout()
    return data


def test_the_code_page_says_who_when_which_cohort_and_the_hash_and_nothing_else(client, submitted, portfolio):
    response = client.get(f"/verify/{submitted.code}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    for expected in ("Amira Haddad", "Moshi spring cohort", submitted.sha256, "latest submission"):
        assert expected in page, expected
    for secret in [e.title for e in portfolio.chosen] + ["Well observed", portfolio.intern.email, "Obstetrics"]:
        assert secret not in page, secret


def test_a_code_is_found_however_it_is_typed(client, submitted):
    loose = submitted.code.replace("-", " ").lower().replace("0", "o")
    response = client.get("/verify/", query_string={"code": loose})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/verify/{submitted.code}"
    assert client.get(f"/verify/{submitted.code.replace('-', '').lower()}").headers["Location"] == (
        f"/verify/{submitted.code}"
    )


def test_an_unknown_code_is_a_404_that_says_so(client, submitted):
    response = client.get("/verify/ABCD-EFGH-JKMN")
    assert response.status_code == 404
    assert "No portfolio has this code" in response.get_data(as_text=True)
    bad = client.get("/verify/", query_string={"code": "nonsense"})
    assert bad.status_code == 422
    assert "That is not a verification code" in bad.get_data(as_text=True)


def test_the_json_file_matches_and_a_changed_one_does_not(client, submitted):
    original = submitted.document.encode("utf-8")
    good = _upload(client, f"/verify/{submitted.code}", original).get_data(as_text=True)
    assert "This JSON file matches the portfolio submitted by Amira Haddad" in good
    changed = json.loads(original)
    changed["summary"]["clinical_hours"] = "500"
    bad = _upload(client, f"/verify/{submitted.code}", json.dumps(changed).encode()).get_data(as_text=True)
    assert "does not match this submission" in bad
    assert f"It says it is the portfolio with code {submitted.code}" in bad
    # Even one added space is a change.
    assert "does not match" in _upload(client, f"/verify/{submitted.code}", original + b" ").get_data(as_text=True)


def test_the_pdf_matches_and_a_tampered_pdf_does_not(client, submitted, pdf_bytes):
    good = _upload(client, f"/verify/{submitted.code}", pdf_bytes, "p.pdf").get_data(as_text=True)
    assert "This PDF file matches the portfolio submitted by Amira Haddad" in good
    # Opened and saved again by another program with one field changed, as an edit would.
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes)))
    writer.add_metadata({"/Title": "Edited portfolio"})
    out = io.BytesIO()
    writer.write(out)
    tampered = out.getvalue()
    assert tampered.startswith(b"%PDF") and tampered != pdf_bytes
    bad = _upload(client, f"/verify/{submitted.code}", tampered, "p.pdf").get_data(as_text=True)
    assert "This PDF file does not match this submission" in bad


def test_a_file_is_checked_only_against_the_code_of_the_page(client, make, portfolio, submitted):
    other = make.submission(portfolio.intern, portfolio.cohort, [portfolio.clinical])
    page = _upload(client, f"/verify/{other.code}", submitted.document.encode()).get_data(as_text=True)
    assert "does not match this submission" in page


def test_any_file_can_be_looked_up_without_a_code(client, submitted, pdf_bytes):
    page = _upload(client, "/verify/", pdf_bytes, "p.pdf").get_data(as_text=True)
    assert "matches the portfolio submitted by Amira Haddad" in page
    assert f'href="/verify/{submitted.code}"' in page
    assert "does not match any submitted portfolio" in _upload(client, "/verify/", b"%PDF-1.7 other").get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\x00\xff\xfe binary", "does not match"),
        ('{"not": "ours"}'.encode("utf-16"), "does not match"),
    ],
)
def test_bad_uploads_get_a_clear_answer(client, submitted, data, message):
    response = _upload(client, f"/verify/{submitted.code}", data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_no_file_says_what_to_do(client, submitted):
    response = client.post(f"/verify/{submitted.code}", data={})
    assert response.status_code == 422
    assert "Choose the PDF or JSON file you want to check." in response.get_data(as_text=True)


def test_a_deeply_nested_json_file_is_just_not_a_match(client, submitted):
    nested = b'{"a":' * 20_000 + b"1" + b"}" * 20_000  # far deeper than Python's recursion limit
    for path in ("/verify/", f"/verify/{submitted.code}"):
        response = _upload(client, path, nested)
        assert response.status_code == 200
        assert "does not match" in response.get_data(as_text=True)


def test_a_huge_number_in_a_url_is_a_404(client, auth, portfolio):
    log_in(auth, portfolio.reviewer)
    for path in ("/submissions/99999999999999999999", "/exports/99999999999999999999/progress"):
        assert client.get(path).status_code == 404
