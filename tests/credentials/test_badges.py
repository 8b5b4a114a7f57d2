"""Open Badges 3.0 for approved sign-offs: what a badge says, that it validates and verifies, that it holds
no private text and no plain address, who may download it, and that two first downloads give one badge."""

import hashlib
import json

from sqlalchemy import func, select

from journal.competencies import services
from journal.credentials import badges, keys, proofs
from journal.extensions import db
from journal.models import Entry, IssuedCredential, SignOffRequest, User
from journal.models.types import utcnow
from tests.conftest import log_in_as
from tests.credentials.issued import (
    PRIVATE_TITLE,
    PRIVATE_WORD,
    SHARED_TITLE,
    approval,
    issue_badge,
    revoke,
)
from tests.threads import at_the_same_moment


def _verify(document: dict) -> proofs.ProofCheck:
    return proofs.verify(document, keys.public_keys().get)


def test_a_badge_says_who_reached_which_competency_at_which_level(app, world):
    with app.test_request_context():
        badge = issue_badge(world.approved)
        decision = approval(world.approved)
        competency = decision.request.competency
        assert badge["@context"] == [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ]
        assert badge["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
        assert badge["id"].startswith("urn:uuid:")
        assert badge["validFrom"] == decision.created_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        assert badge["issuer"] == {"id": "http://localhost/issuer", "type": ["Profile"], "name": "Intern Journal"}
        subject = badge["credentialSubject"]
        assert subject["type"] == ["AchievementSubject"]
        achievement = subject["achievement"]
        assert achievement["achievementType"] == "Competency"
        assert achievement["name"] == f"{competency.code} — {competency.title}"
        assert achievement["humanCode"] == competency.code
        assert achievement["id"] == f"http://localhost/achievements/{competency.framework_id}/{competency.code}"
        assert (
            achievement["criteria"]["narrative"]
            == "Signed off at entrustment level 4: Acts unsupervised (required: 3)."
        )
        (alignment,) = achievement["alignment"]
        assert alignment["targetType"] == "CFItem"
        assert alignment["targetFramework"] == f"{competency.framework.name} (version 1)"
        (result,) = subject["result"]
        assert result["achievedLevel"].endswith("#level-4")
        assert result["resultDescription"] == achievement["resultDescription"][0]["id"]
        status = badge["credentialStatus"]
        assert status["type"] == "BitstringStatusListEntry"
        assert status["statusPurpose"] == "revocation"
        assert status["statusListCredential"] == "http://localhost/credentials/status/1"
        stored = db.session.scalar(select(IssuedCredential).where(IssuedCredential.decision_id == decision.id))
        assert status["statusListIndex"] == str(stored.status_index)
        assert stored.kind == "badge" and stored.intern_id == world.intern


def test_every_badge_validates_against_the_schema_and_its_proof_verifies(app, world):
    with app.test_request_context():
        issued = [issue_badge(world.approved), issue_badge(world.second)]
        for badge in issued:
            assert badges.schema_errors(badge) == []
            (proof,) = badge["proof"]
            assert proof["type"] == "DataIntegrityProof"
            assert proof["cryptosuite"] == "eddsa-rdfc-2022"
            assert proof["proofPurpose"] == "assertionMethod"
            assert proof["verificationMethod"] == keys.active_key().id
            assert _verify(badge).valid
        changed = json.loads(json.dumps(issued[0]))
        changed["credentialSubject"]["result"][0]["achievedLevel"] = changed["credentialSubject"]["result"][0][
            "achievedLevel"
        ].replace("level-4", "level-5")
        assert not _verify(changed).valid


def test_the_subject_is_a_salted_hash_of_the_email_never_the_address_or_the_name(app, world):
    with app.test_request_context():
        badge = issue_badge(world.approved)
        text = db.session.scalar(select(IssuedCredential.document))
        intern = approval(world.approved).request.intern
    (identity,) = badge["credentialSubject"]["identifier"]
    assert identity["identityType"] == "emailAddress" and identity["hashed"] is True
    expected = hashlib.sha256(("ana.intern@example.org" + identity["salt"]).encode()).hexdigest()
    assert identity["identityHash"] == f"sha256${expected}"
    assert "ana.intern@example.org" not in text.lower()
    assert intern.display_name not in text


def test_the_interns_badge_names_the_shared_evidence_and_nothing_of_private_entries(app, world):
    """Titles and links of the entries shared at issue time; a private entry linked to the same competency
    leaves no title, no word and no link in it."""
    with app.test_request_context():
        text = json.dumps(issue_badge(world.approved), ensure_ascii=False)
        badge = json.loads(text)
        shared = db.session.get(Entry, world.shared)
    assert badge["evidence"] == [
        {"id": f"http://localhost/entries/{world.shared}", "type": ["Evidence"], "name": SHARED_TITLE}
    ]
    assert PRIVATE_TITLE not in text
    assert PRIVATE_WORD not in text
    assert f"/entries/{world.private}" not in text
    assert shared.body not in text


def test_the_competency_page_says_private_entries_are_not_named(app, client, world, query):
    """Competency 1 has a private entry linked (left out of its badge); competency 2 has only a shared one."""
    note = "Private entries are not named in the badge; only entries you share are."
    log_in_as(client, query(lambda s: s.get(User, world.intern)))
    checklist = client.get(f"/competencies/{world.cohort}/").get_data(as_text=True)
    assert checklist.count(note) == 1
    assert note in client.get(f"/signoffs/{world.approved}").get_data(as_text=True)
    assert note not in client.get(f"/signoffs/{world.second}").get_data(as_text=True)
    with app.app_context():
        db.session.get(Entry, world.private).visibility = "supervisors"
        db.session.commit()
    assert note not in client.get(f"/signoffs/{world.approved}").get_data(as_text=True)


def test_the_note_follows_the_badge_as_issued(app, client, world, query):
    """An issued badge names what was shared then: once it names every linked entry, the page says nothing
    of private ones, even after one of them is made private again."""
    with app.app_context():
        db.session.get(Entry, world.private).visibility = "supervisors"
        db.session.commit()
    with app.test_request_context():
        assert len(issue_badge(world.approved)["evidence"]) == 2
    with app.app_context():
        db.session.get(Entry, world.private).visibility = "private"
        db.session.commit()
    log_in_as(client, query(lambda s: s.get(User, world.intern)))
    page = client.get(f"/signoffs/{world.approved}").get_data(as_text=True)
    assert "Private entries are not named in the badge" not in page


def test_an_evidence_link_reveals_nothing_once_the_entry_is_private_again(app, client, world, query):
    with app.test_request_context():
        link = issue_badge(world.approved)["evidence"][0]["id"]
    with app.app_context():
        db.session.get(Entry, world.shared).visibility = "private"
        db.session.commit()
    path = link.removeprefix("http://localhost")
    log_in_as(client, query(lambda s: s.get(User, world.supervisor)))
    hidden = client.get(path)
    assert hidden.status_code == 404
    assert SHARED_TITLE not in hidden.get_data(as_text=True)
    assert client.get("/entries/999999").status_code == 404  # the same answer as for no entry at all


def test_an_entry_trashed_before_issue_is_not_evidence(app, world):
    with app.app_context():
        db.session.get(Entry, world.shared).deleted_at = utcnow()
        db.session.commit()
    with app.test_request_context():
        badge = issue_badge(world.approved)
    assert "evidence" not in badge


def test_the_intern_downloads_the_same_badge_each_time(app, client, world, query):
    intern = query(lambda s: s.get(SignOffRequest, world.approved).intern)
    log_in_as(client, intern)
    first = client.get(f"/signoffs/{world.approved}/badge.json")
    assert first.status_code == 200
    assert first.mimetype == "application/json"
    assert "attachment" in first.headers["Content-Disposition"]
    assert "badge-C1-" in first.headers["Content-Disposition"]
    again = client.get(f"/signoffs/{world.approved}/badge.json")
    assert again.data == first.data
    assert query(lambda s: s.scalar(select(func.count()).select_from(IssuedCredential))) == 1


def test_the_competency_pages_offer_the_badge_of_an_approved_sign_off(app, client, world, query):
    intern = query(lambda s: s.get(SignOffRequest, world.approved).intern)
    log_in_as(client, intern)
    checklist = client.get(f"/competencies/{world.cohort}/").get_data(as_text=True)
    assert f"/signoffs/{world.approved}/badge.json" in checklist
    assert "Download badge (Open Badges 3.0)" in checklist
    page = client.get(f"/signoffs/{world.approved}").get_data(as_text=True)
    assert f"/signoffs/{world.approved}/badge.json" in page


def _approve_again(app, world, level: int, *, revoke_it: bool = False) -> int:
    """A later request of the first competency approved at ``level`` (and revoked), through the services."""
    with app.app_context():
        first = db.session.get(SignOffRequest, world.approved)
        again = SignOffRequest(
            intern_id=first.intern_id, cohort_id=first.cohort_id, competency_id=first.competency_id, level=level
        )
        db.session.add(again)
        db.session.flush()
        services.approve(again, db.session.get(User, world.supervisor), level, "")
        db.session.commit()
        again_id = again.id
    if revoke_it:
        with app.app_context():
            revoke(again_id, world.supervisor)
    return again_id


def test_a_superseded_sign_off_offers_no_badge_and_its_successor_does(app, client, world, query):
    later = _approve_again(app, world, 5)
    log_in_as(client, query(lambda s: s.get(SignOffRequest, world.approved).intern))
    old_page = client.get(f"/signoffs/{world.approved}").get_data(as_text=True)
    assert f"/signoffs/{world.approved}/badge.json" not in old_page
    assert f"/signoffs/{later}/badge.json" in client.get(f"/signoffs/{later}").get_data(as_text=True)
    checklist = client.get(f"/competencies/{world.cohort}/").get_data(as_text=True)
    assert f"/signoffs/{later}/badge.json" in checklist
    assert f"/signoffs/{world.approved}/badge.json" not in checklist


def test_a_sign_off_superseded_by_an_approval_revoked_since_offers_no_badge(app, client, world, query):
    """Revocation is for good: the earlier approval's bit stays set, so its badge is not offered."""
    _approve_again(app, world, 5, revoke_it=True)
    log_in_as(client, query(lambda s: s.get(SignOffRequest, world.approved).intern))
    checklist = client.get(f"/competencies/{world.cohort}/").get_data(as_text=True)
    assert "Still signed off at level" in checklist
    assert f"/signoffs/{world.approved}/badge.json" not in checklist


def test_a_standing_sign_off_keeps_its_badge_while_another_request_waits(app, client, world, query, make):
    intern = query(lambda s: s.get(SignOffRequest, world.approved).intern)
    cohort = query(lambda s: s.get(SignOffRequest, world.approved).cohort)
    make.signoff(intern, cohort, world.competencies[0])  # pending: the checklist shows "requested"
    log_in_as(client, intern)
    checklist = client.get(f"/competencies/{world.cohort}/").get_data(as_text=True)
    assert "Still signed off at level" in checklist
    assert f"/signoffs/{world.approved}/badge.json" in checklist
    assert client.get(f"/signoffs/{world.approved}/badge.json").status_code == 200


def test_a_badge_issued_before_its_sign_off_was_revoked_is_not_handed_out_again(app, client, world, query):
    intern = query(lambda s: s.get(SignOffRequest, world.approved).intern)
    log_in_as(client, intern)
    assert client.get(f"/signoffs/{world.approved}/badge.json").status_code == 200
    with app.app_context():
        revoke(world.approved, world.supervisor)
    response = client.get(f"/signoffs/{world.approved}/badge.json", follow_redirects=True)
    assert response.request.path == f"/signoffs/{world.approved}"
    assert "no longer stands" in response.get_data(as_text=True)
    assert f"/signoffs/{world.approved}/badge.json" not in response.get_data(as_text=True)


def test_the_supervisor_cannot_download_the_interns_badge(app, client, world, query):
    log_in_as(client, query(lambda s: s.get(User, world.supervisor)))
    assert client.get(f"/signoffs/{world.approved}/badge.json").status_code == 404
    assert query(lambda s: s.scalar(select(func.count()).select_from(IssuedCredential))) == 0


def test_a_revoked_sign_off_gets_no_new_badge(app, client, world, query):
    with app.app_context():
        revoke(world.approved, world.supervisor)
    intern = query(lambda s: s.get(SignOffRequest, world.approved).intern)
    log_in_as(client, intern)
    response = client.get(f"/signoffs/{world.approved}/badge.json")
    assert response.status_code == 302
    assert query(lambda s: s.scalar(select(func.count()).select_from(IssuedCredential))) == 0
    page = client.get(f"/signoffs/{world.approved}").get_data(as_text=True)
    assert "no longer stands" in page


def test_without_a_signing_key_in_production_the_pages_say_so(app, client, world, query, tmp_path):
    app.config.update(TESTING=False, APP_ENV="production", CREDENTIAL_KEY_DIR=str(tmp_path / "empty"))
    (tmp_path / "empty").mkdir()
    intern = query(lambda s: s.get(SignOffRequest, world.approved).intern)
    log_in_as(client, intern)
    page = client.get(f"/competencies/{world.cohort}/")
    assert page.status_code == 200
    assert "not available yet" in page.get_data(as_text=True)
    response = client.get(f"/signoffs/{world.approved}/badge.json", follow_redirects=True)
    assert response.status_code == 200
    assert "no signing key" in response.get_data(as_text=True)
    assert query(lambda s: s.scalar(select(func.count()).select_from(IssuedCredential))) == 0


def test_two_first_downloads_at_the_same_moment_give_one_badge(app, world):
    with app.app_context():
        keys.active_key()  # made once before the race: the race is about the badge
    found = []

    def download():
        with app.test_request_context():
            credential = badges.badge_for(approval(world.approved))
            db.session.commit()
            found.append(credential.document)

    at_the_same_moment(app, [download, download, download])
    assert len(found) == 3 and len(set(found)) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(IssuedCredential)) == 1
