"""``/verify/credential``: a badge or CLR this deployment issued, pasted or uploaded, is checked and the page
says in plain words what it is: Valid, Not valid (and why) or Revoked, with issuer, subject hash,
achievement and status. Credentials come from the real issuing code (``tests.credentials.issued``).
"""

import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from journal.credentials import checking, issuing, keys, proofs
from journal.credentials.loader import OB_V3P0, VC_V2
from tests.credentials.issued import issue_examples
from tests.html import csrf_token

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "credentials"
W3C_SIGNED = FIXTURES / "w3c" / "signedDataInt.json"
PATH = "/verify/credential"


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


@pytest.fixture
def examples(app) -> dict[str, dict]:
    return issue_examples(app)


def _post(client, text: str | bytes | None = None, *, upload: bytes | None = None, email: str = ""):
    """POST the credential (pasted as ``text`` or uploaded as a file) with a valid CSRF token."""
    token = csrf_token(client.get(PATH).get_data(as_text=True))
    data = {"csrf_token": token, "email": email, "credential": "" if text is None else text}
    if upload is not None:
        data["file"] = (io.BytesIO(upload), "credential.json")
    return client.post(PATH, data=data, content_type="multipart/form-data")


def _page(response) -> str:
    return response.get_data(as_text=True)


def _headline(response) -> str:
    page = _page(response)
    start = page.index('id="outcome-title"')
    return page[start : page.index("</h2>", start)].rsplit(">", 1)[-1].strip()


def test_the_verify_page_offers_the_credential_check(client):
    page = _page(client.get("/verify/"))
    assert "Check a digital credential (Open Badges 3.0 or CLR 2.0)" in page
    assert 'action="/verify/credential"' in page


def test_an_issued_badge_is_valid_with_its_issuer_subject_achievement_and_status(client, examples):
    badge = examples["badge"]
    response = _post(client, json.dumps(badge, indent=2))
    assert response.status_code == 200
    assert _headline(response) == "Valid"
    page = _page(response)
    assert "this service" in page and "Intern Journal" in page
    identity = badge["credentialSubject"]["identifier"][0]["identityHash"]
    assert identity in page
    achievement = badge["credentialSubject"]["achievement"]
    assert achievement["name"] in page
    assert "Active: not revoked" in page


def test_an_uploaded_badge_is_valid_too(client, examples):
    response = _post(client, upload=json.dumps(examples["badge"]).encode())
    assert (response.status_code, _headline(response)) == (200, "Valid")


def test_a_changed_byte_makes_it_not_valid(client, examples):
    text = json.dumps(examples["badge"], ensure_ascii=False)
    name = examples["badge"]["credentialSubject"]["achievement"]["name"]
    changed = text.replace(name, name[:-1] + ("X" if name[-1] != "X" else "Y"), 1)
    response = _post(client, changed, email="ana.intern@example.org")
    assert (response.status_code, _headline(response)) == (200, "Not valid")
    page = _page(response)
    assert "The signature does not match" in page
    box = _outcome_box(response)
    assert "verify-error" in box and "✗" in box  # red, with a mark and a word, not colour alone
    claims = page.index("What the file claims (not confirmed)")
    assert claims < page.index("Level reached") and claims < page.index(name[:-1])
    assert 'class="credential-email"' not in page and "is the subject’s email address" not in page
    assert "not valid, so the address was not compared" in page


def test_a_revoked_badge_says_revoked(client, examples):
    response = _post(client, json.dumps(examples["revoked_badge"]))
    assert (response.status_code, _headline(response)) == (200, "Revoked")
    assert "no longer stands" in _page(response)


def _outcome_box(response) -> str:
    """The coloured box that holds the headline, from its opening tag to its end."""
    page = _page(response)
    title = page.index('id="outcome-title"')
    start = page.rindex('<div class="verify-result', 0, title)
    return page[start : page.index("</div>", title)]


def test_a_clr_holding_a_revoked_badge_says_so_in_its_headline(client, examples):
    """The record's own signature holds, but one of its badges was revoked since: amber, not green, and named."""
    response = _post(client, json.dumps(examples["clr"]))
    assert response.status_code == 200
    assert _headline(response) == "Signature valid — but 1 of the 2 badges it holds has been revoked"
    box = _outcome_box(response)
    assert "verify-bad" in box and "verify-good" not in box and "verify-error" not in box
    held = examples["clr"]["credentialSubject"]["verifiableCredential"]
    revoked = held[1]["credentialSubject"]["achievement"]["name"]  # revoked after the CLR was issued
    assert "Revoked:</strong>" in box and revoked in box
    assert held[0]["credentialSubject"]["achievement"]["name"] not in box
    page = _page(response)
    assert "it has not been revoked" not in page.split('id="outcome-title"')[1].split("</h2>")[0]
    assert "Comprehensive Learner Record (CLR 2.0)" in page
    assert "Credentials it holds" in page
    for badge in held:
        assert badge["credentialSubject"]["achievement"]["name"] in page
    assert "✓ Valid" in page and "✗ Revoked" in page


def test_a_clr_holding_a_badge_that_is_not_valid_says_so_in_its_headline(app, client, examples):
    """A record signed over a changed badge: its own signature holds, the badge's does not."""
    record = {name: value for name, value in examples["clr"].items() if name != "proof"}
    record = json.loads(json.dumps(record))
    first = record["credentialSubject"]["verifiableCredential"][0]["credentialSubject"]["achievement"]
    first["name"] += " (changed)"
    with app.test_request_context():
        signed = proofs.sign(record, keys.active_key(), created=datetime.now(UTC))
    response = _post(client, json.dumps(signed))
    assert response.status_code == 200
    assert _headline(response) == "Signature valid — but 2 of the 2 badges it holds are revoked or not valid"
    box = _outcome_box(response)
    assert "Not valid:</strong>" in box and first["name"] in box and "Revoked:</strong>" in box


def test_a_clr_shows_the_portfolio_it_records(app, client, examples):
    portfolio = examples["clr"]["credentialSubject"]["achievement"][0]
    with app.test_request_context():
        check = checking.check_credential(json.dumps(examples["clr"]))
    found = check.portfolio
    assert found is not None and found.read, portfolio["description"]
    assert f"Clinical hours: {found.hours}." in portfolio["description"]
    written = ", ".join(f"{number} {kind}" for kind, number in found.entries.items())
    assert f"Journal entries: {written}." in portfolio["description"]
    met = "met" if found.requirements_met else "not met"
    assert f"Credit requirements of the cohort: {met}." in portfolio["description"]
    page = _page(_post(client, json.dumps(examples["clr"])))
    section = page[page.index("The portfolio it records") : page.index("Credentials it holds")]
    assert portfolio["name"] in section and portfolio["humanCode"] in section
    assert "Clinical hours" in section and "Journal entries" in section and "clinical observations" in section
    assert ("Met when the portfolio was submitted" if found.requirements_met else "Not met when") in section
    assert portfolio["criteria"]["narrative"] in section


def _foreign_badge(issuer: str, method: str) -> dict:
    return {
        "@context": [VC_V2, OB_V3P0],
        "id": "urn:uuid:6a1f3c2e-0d3f-4a55-9d8e-2f1b9e0c1d11",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": "Elsewhere"},
        "validFrom": "2026-01-01T00:00:00Z",
        "name": "Teamwork",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://elsewhere.example/achievements/1",
                "type": ["Achievement"],
                "name": "Teamwork",
                "description": "Works in a team.",
                "criteria": {"narrative": "Observed."},
            },
        },
    }


def test_a_key_not_this_deployments_and_not_did_key_is_unknown(app, client):
    with app.test_request_context():
        key = keys.active_key()
        stranger = keys.SigningKey(
            "https://elsewhere.example/issuer#key-1", key.public_key, key.private_key, key.created
        )
        signed = proofs.sign(
            _foreign_badge("https://elsewhere.example/issuer", stranger.id), stranger, created=datetime.now(UTC)
        )
    response = _post(client, json.dumps(signed))
    assert (response.status_code, _headline(response)) == (200, "Not valid")
    assert "a key this service does not know" in _page(response)


def test_a_badge_naming_this_service_but_signed_elsewhere_is_not_valid(app, client):
    """A did:key signature cannot lend a credential this deployment's name."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from journal.credentials import multikey

    private = Ed25519PrivateKey.generate()
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    encoded = multikey.encode_public(public)
    did = f"did:key:{encoded}#{encoded}"
    with app.test_request_context():
        key = keys.SigningKey(did, public, private, datetime.now(UTC))
        signed = proofs.sign(_foreign_badge(issuing.issuer_id(), did), key, created=datetime.now(UTC))
    response = _post(client, json.dumps(signed))
    assert (response.status_code, _headline(response)) == (200, "Not valid")
    assert "not signed with this service" in _page(response)


def test_after_key_rotation_an_old_badge_is_still_valid(app, client, examples):
    with app.app_context():
        keys.rotate_key()
    response = _post(client, json.dumps(examples["badge"]))
    assert (response.status_code, _headline(response)) == (200, "Valid")


def test_the_w3c_test_vector_names_an_issuer_its_did_key_is_not(client):
    """The vector's proof holds, but it names https://vc.example/issuers/5678 as issuer and is signed with a
    did:key anyone could have made: that does not show the issuer issued it."""
    response = _post(client, W3C_SIGNED.read_text(encoding="utf-8"))
    assert (response.status_code, _headline(response)) == (200, "Not valid")
    page = _page(response)
    assert "signed with a did:key that is not its issuer" in page
    assert "https://vc.example/issuers/5678 issued it" in page


def _did_key() -> tuple[keys.SigningKey, str]:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from journal.credentials import multikey

    private = Ed25519PrivateKey.generate()
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    encoded = multikey.encode_public(public)
    return keys.SigningKey(f"did:key:{encoded}#{encoded}", public, private, datetime.now(UTC)), f"did:key:{encoded}"


def test_a_badge_signed_by_its_own_did_key_issuer_is_valid_but_not_from_this_service(app, client):
    key, did = _did_key()
    with app.test_request_context():
        signed = proofs.sign(_foreign_badge(did, key.id), key, created=datetime.now(UTC))
    response = _post(client, json.dumps(signed))
    assert (response.status_code, _headline(response)) == (200, "Valid")
    assert "signed with a did:key" in _page(response) and "The issuer is not this service." in _page(response)


def test_a_did_key_cannot_lend_its_signature_to_another_issuer(app, client):
    key, _ = _did_key()
    with app.test_request_context():
        signed = proofs.sign(
            _foreign_badge("https://university.example/issuer", key.id), key, created=datetime.now(UTC)
        )
    response = _post(client, json.dumps(signed))
    assert (response.status_code, _headline(response)) == (200, "Not valid")
    assert "does not show that https://university.example/issuer issued it" in _page(response)


def test_a_clr_holding_more_than_the_limit_lists_the_rest_as_not_checked(client, examples, monkeypatch):
    monkeypatch.setattr(checking, "MAX_EMBEDDED", 1)
    response = _post(client, json.dumps(examples["clr"]))
    assert (response.status_code, _headline(response)) == (200, "Valid")
    page = _page(response)
    assert "✓ Valid" in page and "? Not checked" in page and "✗ Revoked" not in page
    assert "checks the first 1 credentials a record holds" in page


def test_a_clr_reads_keys_and_revocations_once_whatever_it_holds(app, examples, monkeypatch):
    from journal.credentials import status_list

    calls = {"keys": 0, "revoked": 0}
    public_keys, revoked_indexes = keys.public_keys, status_list.revoked_indexes

    def counted_keys():
        calls["keys"] += 1
        return public_keys()

    def counted_revoked():
        calls["revoked"] += 1
        return revoked_indexes()

    monkeypatch.setattr(keys, "public_keys", counted_keys)
    monkeypatch.setattr(status_list, "revoked_indexes", counted_revoked)
    with app.test_request_context():
        check = checking.check_credential(json.dumps(examples["clr"]))
    assert [inner.headline for inner in check.embedded] == ["valid", "revoked"]
    assert calls == {"keys": 1, "revoked": 1}


def test_an_email_address_is_compared_with_the_subject_shown_back_and_not_kept(client, examples):
    text = json.dumps(examples["badge"])
    matching = _post(client, text, email="ana.intern@example.org")
    assert "ana.intern@example.org is the subject’s email address." in _page(matching)
    assert 'value="ana.intern@example.org"' in _page(matching)  # left in its field, to compare another
    other = _post(client, text, email="someone@example.org")
    assert "someone@example.org is not the subject’s email address" in _page(other)
    assert 'value="someone@example.org"' in _page(other)
    later = _page(client.get(PATH))  # the address is not kept: not in the session, not on the next page
    assert "example.org" not in later
    assert all("example.org" not in cookie.value for cookie in client._cookies.values())


def test_text_that_is_not_an_email_address_is_not_compared(client, examples):
    response = _post(client, json.dumps(examples["badge"]), email="ana.intern at example")
    assert (response.status_code, _headline(response)) == (200, "Valid")
    page = _page(response)
    assert "“ana.intern at example” is not an email address: An email address must have an @-sign." in page
    assert "is the subject’s email address" not in page and "is not the subject’s email address" not in page
    assert page.count("An email address must have an @-sign.") == 1  # said by its field, not twice


def test_dates_are_shown_as_the_app_shows_moments_in_utc(app, client, examples):
    from journal.i18n import format_moment

    valid_from = examples["badge"]["validFrom"]
    page = _page(_post(client, json.dumps(examples["badge"])))
    with app.test_request_context():
        shown = format_moment(datetime.fromisoformat(valid_from), "UTC")
    assert shown.endswith(" UTC")
    assert f'<time datetime="{valid_from}">{shown}</time>' in page
    assert f">{valid_from}<" not in page


def test_the_verify_page_says_it_checks_portfolios_and_credentials(client):
    page = _page(client.get("/verify/"))
    assert "<h1>Check a portfolio or a credential</h1>" in page
    assert "<title>Check a portfolio or a credential" in page


HOLES = re.compile(r"\s{2}|\(\s*\)|“\s*”|\s[.,;:](?=\s|$)|%\(|\)s\b")


def _reason_holes(text: str) -> list[str]:
    """What a sentence shows when a value it names is missing: two spaces, empty brackets or quotes, a stop
    after a space, a placeholder left in."""
    return HOLES.findall(text)


def test_every_reason_reads_whole_with_its_detail_and_without(app):
    from journal.credentials.checking_words import DATED, REASONS, reason

    with app.test_request_context():
        for code in REASONS:
            sample = "2030-01-02T03:04:05Z" if code in DATED else "42"
            for detail in (sample, None, "", " "):
                words = reason(code, detail)
                assert words and not _reason_holes(words), (code, detail, words)
            if code in DATED:
                assert "2 Jan 2030, 03:04 UTC" in reason(code, sample), reason(code, sample)


def test_too_deep_names_its_limit_however_deep(app):
    from journal.credentials import untrusted
    from journal.credentials.checking_words import reason

    deepest = b'{"a":' * 100_000 + b"1" + b"}" * 100_000  # deeper than the JSON decoder goes
    deep = json.dumps({"@context": [VC_V2], "type": "x", "proof": {}, "n": json.loads('{"a":' * 100 + "1" + "}" * 100)})
    with app.test_request_context():
        for text in (deepest, deep):
            check = checking.check_credential(text)
            assert (check.headline, check.problem, check.detail) == ("refused", "too_deep", str(untrusted.MAX_DEPTH))
            words = reason(check.problem, check.detail)
            assert f"more than {untrusted.MAX_DEPTH} levels" in words and not _reason_holes(words)


def test_a_signature_dated_in_the_future_names_its_date(app, client):
    key, did = _did_key()
    with app.test_request_context():
        signed = proofs.sign(_foreign_badge(did, key.id), key, created=datetime(2031, 5, 6, 7, 8, 9, tzinfo=UTC))
    response = _post(client, json.dumps(signed))
    assert (response.status_code, _headline(response)) == (200, "Not valid")
    assert "dated in the future (6 May 2031, 07:08 UTC)" in _page(response)


def test_what_was_pasted_is_kept_when_it_cannot_be_checked(client):
    response = _post(client, '{"not": "a credential"}')
    assert response.status_code == 422
    page = _page(response)
    assert "This is not a signed credential" in page
    assert "{&#34;not&#34;: &#34;a credential&#34;}" in page or "{&quot;not&quot;: &quot;a credential&quot;}" in page


def test_nothing_sent_says_what_to_do(client):
    response = _post(client, "")
    assert response.status_code == 422
    assert "Paste a credential or choose its .json file." in _page(response)


def test_a_post_without_a_csrf_token_is_refused(client):
    response = client.post(PATH, data={"credential": "{}"})
    assert response.status_code == 400


def test_check_credential_never_raises_on_junk(app):
    with app.test_request_context():
        for junk in (b"", b"\xff\xfe", b"[]", b"null", b'{"@context": 1, "type": [], "proof": 3}', "\ud800"):
            assert checking.check_credential(junk).headline == "refused"
