"""The portfolio PDF, read back: cover, summary, the chosen entries, a footer on every page."""

import gc
import hashlib
import io
import json
import re

import pytest
from pypdf import PdfReader

from journal.models import Submission
from journal.portfolio.pdf import render_pdf
from tests.portfolio.conftest import FELLOW_COMMENT, PRIVATE_MARKER, log_in


@pytest.fixture
def pdf(client, auth, portfolio, submitted):
    log_in(auth, portfolio.reviewer)
    response = client.get(f"/submissions/{submitted.id}/portfolio.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert f"portfolio-{submitted.code}.pdf" in response.headers["Content-Disposition"]
    return response.data


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_pdf_holds_cover_summary_and_chosen_entries(pdf, portfolio, submitted):
    pages = _pages(pdf)
    assert len(pages) >= 3
    cover = _flat(pages[0])
    assert "portfolio for academic credit" in cover.casefold()
    assert submitted.sha256 in re.sub(r"\s", "", cover)  # the full hash may wrap across lines
    for expected in (
        "Amira Haddad",
        "Moshi spring cohort",
        portfolio.cohort.host_site,
        "Tanzania",
        "Dr Joseph Mwangi",
        submitted.code,
    ):
        assert expected in cover, expected
    everything = _flat(" ".join(pages))
    for expected in ("Summary", "Entries by kind", "Clinical hours: 5.5", "Competencies", "C1 Competency 1", "Level 3"):
        assert expected in everything, expected
    for entry in portfolio.chosen:
        assert entry.title in everything
    assert "Well observed. What would you check next time?" in everything


def test_no_unchosen_private_entry_and_no_fellow_comment_in_the_pdf(pdf):
    everything = " ".join(_pages(pdf))
    assert PRIVATE_MARKER not in everything
    assert FELLOW_COMMENT not in everything


def test_every_page_has_the_footer_and_its_number(pdf, submitted):
    pages = _pages(pdf)
    for number, text in enumerate(pages, start=1):
        flat = _flat(text)
        assert f"Verification code {submitted.code}" in flat, number
        assert submitted.sha256[:12] in flat, number
        assert f"http://localhost/verify/{submitted.code}" in flat, number
        assert f"Page {number} of {len(pages)}" in flat, number


def test_text_in_every_script_comes_out_as_text(pdf):
    everything = " ".join(_pages(pdf))
    assert "Café à Moshi" in everything
    assert "你好，医生" in everything
    assert "😀" in everything
    # Arabic is shaped for display, so it is extracted as letters (in logical or presentation forms).
    arabic = [ch for ch in everything if "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff"]
    assert len(arabic) >= 10
    fonts = {
        str(font.get("/BaseFont"))
        for page in PdfReader(io.BytesIO(pdf)).pages
        for font in (page["/Resources"].get("/Font") or {}).values()
        for font in [font.get_object()]
    }
    assert any("WenQuanYi" in name for name in fonts), fonts
    assert any("Emoji" in name for name in fonts), fonts


def test_the_pdf_is_rendered_once_and_every_download_is_the_same(client, pdf, submitted, query):
    again = client.get(f"/submissions/{submitted.id}/portfolio.pdf").data
    assert again == pdf
    stored = query(lambda s: s.get(Submission, submitted.id).pdf_sha256)
    assert stored == hashlib.sha256(pdf).hexdigest()


def test_rendering_puts_the_garbage_collector_back_as_it_was(portfolio, submitted, app):
    before = gc.get_threshold()
    with app.app_context():
        assert render_pdf(json.loads(submitted.document), submitted.sha256).startswith(b"%PDF")
    assert gc.get_threshold() == before
