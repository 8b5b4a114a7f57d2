"""The portfolio PDF in each language of the app: written in the language the intern chose when
submitting (whoever downloads it, also when the background job draws it), and saying so on its cover.

The expected words are looked up in the catalogs (``force_locale`` + ``gettext``), so these tests hold
before the catalogs are translated and check the translations once they are.
"""

import io
import json
import re

import pytest
from flask_babel import force_locale, gettext
from pypdf import PdfReader
from sqlalchemy import select, update

from journal import i18n, jobs
from journal.competencies import frameworks
from journal.credit.requirements import assess
from journal.extensions import db
from journal.framework_words.translations import COMPETENCIES, DOMAINS, FRAMEWORK
from journal.models import Cohort, Submission, User
from journal.portfolio.pdf import render_pdf
from journal.portfolio.services import store_pdf
from journal.portfolio.wording import _frozen_assessment_inputs, missing_requirements
from tests.conftest import log_in_as, stored_submission
from tests.portfolio.conftest import log_in

# Each language in its own name, as the cover names it.
OWN_NAMES = {"en": "English", "es": "Español", "fr": "Français", "pt": "Português"}


def _pages(data: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def _in_language(app, language: str, words):
    """``words()`` (gettext and formats) as they come out in ``language``."""
    with app.test_request_context(), force_locale(language):
        return words()


def _set_locale(app, user_id: int, language: str) -> None:
    with app.app_context():
        db.session.get(User, user_id).locale = language
        db.session.commit()


def _submit(client, portfolio, **fields) -> None:
    response = client.post(
        f"/portfolio/{portfolio.cohort.id}/submit", data={"entries": portfolio.selection(), "confirm": "y", **fields}
    )
    assert response.status_code == 302, response.status_code


def _only_submission(query) -> Submission:
    return query(lambda s: s.scalars(select(Submission)).one())


def _spaced(text: str) -> str:
    """Text with French typography's no-break spaces (before ':' and in numbers) as the plain spaces a PDF's
    extracted text has."""
    return text.replace("\xa0", " ").replace("\u202f", " ")


def _check_written_in(app, pdf: bytes, language: str, portfolio) -> None:
    """The PDF's cover names ``language`` in its own name, and its headings, page numbers and dates are in it."""
    pages = [_spaced(page) for page in _pages(pdf)]
    cover, everything = pages[0], " ".join(pages)
    assert OWN_NAMES[language] in cover
    expected = _in_language(
        app,
        language,
        lambda: {
            "language line": _spaced(gettext("Language: %(language)s", language=OWN_NAMES[language])),
            "cover title": gettext("Portfolio for academic credit"),
            "placement start": i18n.format_date(portfolio.cohort.start_date),
            "summary": gettext("Summary"),
            "entries by kind": gettext("Entries by kind"),
            "page 1": gettext("Page %(page)s of %(pages)s", page=1, pages=len(pages)),
        },
    )
    assert expected["language line"] in cover
    assert expected["cover title"].casefold() in cover.casefold()  # the eyebrow is drawn in capitals
    assert expected["placement start"] in cover
    assert expected["page 1"] in cover
    assert expected["summary"] in everything and expected["entries by kind"] in everything
    assert "C1 Competency 1" in everything  # a framework other than the default reads as it was written


@pytest.mark.parametrize("language", sorted(OWN_NAMES))
def test_the_pdf_is_written_in_the_language_chosen_at_submission(app, client, auth, portfolio, query, language):
    log_in(auth, portfolio.intern)
    _submit(client, portfolio, language=language)
    assert jobs.wait_for_jobs(timeout=120)  # drawn by the background job, outside any request
    submission = _only_submission(query)
    assert submission.language == language
    reader = app.test_client()
    log_in_as(reader, portfolio.reviewer)  # a reader whose own language is English
    pdf = reader.get(f"/submissions/{submission.id}/portfolio.pdf").data
    assert pdf == stored_submission(app, submission.id).pdf
    _check_written_in(app, pdf, language, portfolio)


def test_the_background_job_writes_the_chosen_language_outside_a_request(app, make, portfolio, query):
    submission = make.submission(portfolio.intern, portfolio.cohort, portfolio.chosen)
    query(lambda s: (s.execute(update(Submission).values(language="es")), s.commit()))
    with app.app_context():
        store_pdf(submission.id)
    _check_written_in(app, stored_submission(app, submission.id).pdf, "es", portfolio)


def test_the_choice_starts_at_the_interns_language_and_is_theirs_when_not_sent(app, client, auth, portfolio, query):
    _set_locale(app, portfolio.intern.id, "fr")
    log_in(auth, portfolio.intern)
    preview = client.post(f"/portfolio/{portfolio.cohort.id}/new", data={"entries": portfolio.selection()})
    page = preview.get_data(as_text=True)
    assert '<option lang="fr" selected value="fr">Français</option>' in page
    assert '<option lang="es" value="es">Español</option>' in page  # each language in its own name, marked so
    _submit(client, portfolio)  # a form from before the choice existed sends none
    assert _only_submission(query).language == "fr"


def test_a_language_the_app_does_not_speak_is_not_taken(app, client, auth, portfolio, query):
    log_in(auth, portfolio.intern)
    _submit(client, portfolio, language="xx")
    assert _only_submission(query).language == "en"


def test_a_submission_from_before_languages_is_written_in_english(app, client, auth, make, portfolio, query):
    submission = make.submission(portfolio.intern, portfolio.cohort, portfolio.chosen)
    query(lambda s: (s.execute(update(Submission).values(language=None)), s.commit()))
    _set_locale(app, portfolio.reviewer.id, "pt")  # whoever reads it
    log_in(auth, portfolio.reviewer)
    pdf = client.get(f"/submissions/{submission.id}/portfolio.pdf").data
    _check_written_in(app, pdf, "en", portfolio)


def test_what_a_document_says_is_missing_is_made_again_exactly_from_its_figures(app, client, auth, make, portfolio):
    """The PDF words the missing requirements in its language from the document's figures; in English
    that gives back, word for word, what the document stored (else the stored words are shown)."""
    c1, c2, _ = portfolio.competencies
    make.signoff(portfolio.intern, portfolio.cohort, c2.id, status="approved", level=2, supervisor=portfolio.supervisor)
    log_in(auth, portfolio.coordinator)
    data = {"min_clinical_hours": "40.5", "min_clinical_entries": "0", "min_cultural_entries": "3"}
    data.update(min_ethics_entries="2", competencies=[c1.id, c2.id])
    assert client.post(f"/cohorts/{portfolio.cohort.id}/requirements", data=data).status_code == 302
    submission = make.submission(portfolio.intern, portfolio.cohort, portfolio.chosen)
    document = json.loads(submission.document)
    stored = document["requirements"]["missing"]
    assert len(stored) == 4  # hours, cultural reflections, ethics notes, C2 at level 2
    with app.test_request_context():
        requirements, figures = _frozen_assessment_inputs(document)
        assert assess(requirements, figures).missing == stored
        assert missing_requirements(document) == stored
        document["requirements"]["missing"] = ["Something this version would not say"]
        assert missing_requirements(document) == ["Something this version would not say"]


def test_the_default_frameworks_titles_are_in_the_pdfs_language(app, make, query):
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    entry = make.entry(intern, cohort, kind="clinical", title="A day on the ward")

    def use_the_default_framework(session):
        session.get(Cohort, cohort.id).framework_id = frameworks.default_framework().id
        session.commit()

    query(use_the_default_framework)
    submission = make.submission(intern, cohort, [entry])
    document = json.loads(submission.document)
    first = document["competencies"][0]
    assert (first["code"], first["domain"]) == ("CS1", "Clinical skills")  # stored in English
    with app.app_context():
        text = " ".join(_pages(render_pdf(document, submission.sha256, "es")))
    assert COMPETENCIES["CS1"]["es"][0] in text
    assert DOMAINS["Clinical skills"]["es"] in text
    assert FRAMEWORK["es"][0] in text
    assert first["title"] not in text
