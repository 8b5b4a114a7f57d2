"""The public verification pages speak the reader's language (their browser's, as no one logs in there),
whatever the language of the portfolio they check."""

import io

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import update

from journal import i18n
from journal.models import Submission


def _in_language(app, language: str, words):
    with app.test_request_context(), force_locale(language):
        return words()


@pytest.mark.parametrize("language", ["es", "fr", "pt"])
def test_the_code_page_is_in_the_readers_language(app, client, submitted, query, language):
    query(lambda s: (s.execute(update(Submission).values(language="en")), s.commit()))  # a PDF in English
    response = client.get(f"/verify/{submitted.code}", headers={"Accept-Language": f"{language},en;q=0.5"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    expected = _in_language(
        app,
        language,
        lambda: (
            gettext("A portfolio with this code was submitted"),
            gettext("Check a file against this submission"),
            i18n.format_date(submitted.created_at),
        ),
    )
    for words in expected:
        assert words in page, words
    assert f'lang="{language}"' in page


def test_the_result_of_a_check_is_in_the_readers_language(app, client, submitted):
    response = client.post(
        f"/verify/{submitted.code}",
        data={"file": (io.BytesIO(b"%PDF-1.7 not this one"), "portfolio.pdf")},
        content_type="multipart/form-data",
        headers={"Accept-Language": "fr"},
    )
    expected = _in_language(
        app, "fr", lambda: gettext("This %(kind)s file does not match this submission.", kind="PDF")
    )
    assert expected in response.get_data(as_text=True)
