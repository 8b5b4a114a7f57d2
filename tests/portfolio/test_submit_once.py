"""One submission per intent: the submit form carries a random key, and sending it again (a retry,
a double click, a lost answer) leads to the submission the first sending made."""

import re

from sqlalchemy import func, select

from journal.models import Submission
from tests.html import attributes
from tests.portfolio.conftest import log_in


def _count(query) -> int:
    return query(lambda s: s.scalar(select(func.count(Submission.id))))


def _key(page: str) -> str:
    found = attributes(page, 'input[type="hidden"][name="idempotency_key"]', "value")
    assert len(found) == 1, found
    return found[0]


def _preview_key(client, portfolio) -> str:
    response = client.post(f"/portfolio/{portfolio.cohort.id}/new", data={"entries": portfolio.selection()})
    assert response.status_code == 200
    return _key(response.get_data(as_text=True))


def test_each_preview_carries_a_new_random_key(client, auth, portfolio):
    log_in(auth, portfolio.intern)
    first, second = _preview_key(client, portfolio), _preview_key(client, portfolio)
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", first) and first != second


def test_the_same_key_sent_again_leads_to_the_first_submission(client, auth, portfolio, make, query):
    log_in(auth, portfolio.intern)
    key = "k" * 43
    url = f"/portfolio/{portfolio.cohort.id}/submit"
    first = client.post(url, data={"entries": portfolio.selection(), "confirm": "y", "idempotency_key": key})
    assert first.status_code == 302
    # Sent again, even with another choice of entries (a stale tab): the first submission, nothing new.
    again = client.post(
        url, data={"entries": portfolio.selection([portfolio.clinical]), "confirm": "y", "idempotency_key": key}
    )
    assert again.status_code == 302 and again.headers["Location"] == first.headers["Location"]
    assert _count(query) == 1
    # Another intern's form with the same key is their own intent.
    theirs = make.entry(portfolio.fellow, portfolio.cohort)
    client.post("/logout")
    log_in(auth, portfolio.fellow)
    other = client.post(url, data={"entries": [f"{theirs.id}:1"], "confirm": "y", "idempotency_key": key})
    assert other.status_code == 302 and other.headers["Location"] != first.headers["Location"]
    assert _count(query) == 2


def test_the_key_is_kept_when_the_form_comes_back_with_an_error(client, auth, portfolio, query):
    log_in(auth, portfolio.intern)
    key = "k" * 43
    url = f"/portfolio/{portfolio.cohort.id}/submit"
    refused = client.post(url, data={"entries": portfolio.selection(), "idempotency_key": key})
    assert refused.status_code == 422
    assert _key(refused.get_data(as_text=True)) == key
    for _ in range(2):
        sent = client.post(url, data={"entries": portfolio.selection(), "confirm": "y", "idempotency_key": key})
        assert sent.status_code == 302
    assert _count(query) == 1
    assert query(lambda s: s.scalar(select(Submission.idempotency_key))) == key


def test_a_form_without_a_key_gets_one_when_it_comes_back(client, auth, portfolio):
    log_in(auth, portfolio.intern)
    refused = client.post(
        f"/portfolio/{portfolio.cohort.id}/submit", data={"entries": portfolio.selection(), "idempotency_key": "x"}
    )
    assert refused.status_code == 422
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", _key(refused.get_data(as_text=True)))
