"""The revocation list: a badge's bit is set when its sign-off is revoked, decided again or superseded, and
for nothing else; the list is signed, decodes, is signed again only when needed, and costs the same few
queries however many badges there are."""

import base64
import gzip
import json
import uuid
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from journal.competencies import services
from journal.credentials import clr, keys, proofs, status_list
from journal.extensions import db
from journal.models import Decision, IssuedCredential, SignOffRequest, StatusListDocument, Submission, User
from tests.conftest import Maker, log_in_as
from tests.credentials.issued import approval, badge_request, issue_badge, revoke, scene, submit


def _bit(listed: dict, badge: dict) -> bool:
    """Whether the list says the badge is revoked, decoded the way a verifier does (by hand, not our code)."""
    encoded = listed["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")
    data = encoded[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))
    assert len(bits) * 8 >= 131_072
    index = int(badge["credentialStatus"]["statusListIndex"])
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def _listed() -> dict:
    text = status_list.current_list()
    db.session.commit()
    return json.loads(text)


def test_the_list_is_signed_and_decodes(app, world):
    with app.test_request_context():
        badge = issue_badge(world.approved)
        listed = _listed()
        assert listed["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
        assert listed["id"] == badge["credentialStatus"]["statusListCredential"]
        subject = listed["credentialSubject"]
        assert subject["type"] == "BitstringStatusList" and subject["statusPurpose"] == "revocation"
        assert listed["validUntil"] > listed["validFrom"]
        assert proofs.verify(listed, keys.public_keys().get).valid
        assert _bit(listed, badge) is False


def test_revoking_the_sign_off_sets_its_bit_and_only_its_bit(app, world):
    with app.test_request_context():
        revoked, kept = issue_badge(world.approved), issue_badge(world.second)
        revoke(world.approved, world.supervisor)
        listed = _listed()
        assert _bit(listed, revoked) is True
        assert _bit(listed, kept) is False


def test_revoking_sets_the_bits_of_the_interns_badge_and_of_every_clrs_badge(app, world):
    """One decision, three badges (the intern's own and one in each of two submissions' CLRs), three places:
    revoking the decision sets all three, and the other sign-off's badges stay standing."""
    make = Maker(app)
    first = submit(app, world).id
    intern, cohort = SimpleNamespace(id=world.intern), SimpleNamespace(id=world.cohort)
    later = make.entry(intern, cohort, visibility="supervisors", title="Written after the first portfolio")
    second = make.submission(intern, cohort, [SimpleNamespace(id=world.shared), later]).id
    assert second != first
    with app.test_request_context():
        own = issue_badge(world.approved)
        held = []
        for submission_id in (first, second):
            record = json.loads(clr.clr_for(db.session.get(Submission, submission_id)).document)
            held.append(record["credentialSubject"]["verifiableCredential"])
        db.session.commit()
        revoked = [own] + [badge for badges in held for badge in badges if badge_request(badge) == world.approved]
        kept = [badge for badges in held for badge in badges if badge_request(badge) == world.second]
        assert len(revoked) == 3 and len(kept) == 2
        assert len({badge["credentialStatus"]["statusListIndex"] for badge in revoked + kept}) == 5
        listed = _listed()
        assert not any(_bit(listed, badge) for badge in revoked + kept)
        revoke(world.approved, world.supervisor)
        listed = _listed()
        assert all(_bit(listed, badge) for badge in revoked)
        assert not any(_bit(listed, badge) for badge in kept)


def test_one_interns_badge_per_decision_and_one_per_decision_and_submission(app, world):
    """The unique indexes hold even without the service's look-up first."""
    submission = submit(app, world).id
    with app.test_request_context():
        decision = approval(world.approved)
        clr.clr_for(db.session.get(Submission, submission))
        issue_badge(world.approved)
        taken = set(db.session.scalars(select(IssuedCredential.status_index)))
        free = next(index for index in range(status_list.SIZE) if index not in taken)
        for for_submission in (None, submission):
            with pytest.raises(IntegrityError), db.session.begin_nested():
                db.session.add(
                    IssuedCredential(
                        kind="badge",
                        uuid=str(uuid.uuid4()),
                        decision_id=decision.id,
                        for_submission_id=for_submission,
                        intern_id=world.intern,
                        status_index=free,
                        key_id="test",
                        document="{}",
                    )
                )
                db.session.flush()
        db.session.rollback()


def test_a_later_decision_on_the_same_request_sets_the_bit(app, world):
    with app.test_request_context():
        badge = issue_badge(world.approved)
        db.session.add(Decision(request_id=world.approved, outcome="returned", note="Decided again"))
        db.session.commit()
        assert _bit(_listed(), badge) is True


def test_a_later_approval_of_the_same_competency_supersedes_the_badge(app, world):
    with app.test_request_context():
        old = issue_badge(world.approved)
        first = db.session.get(SignOffRequest, world.approved)
        intern, cohort, competency = first.intern, first.cohort, first.competency
        again = SignOffRequest(intern_id=intern.id, cohort_id=cohort.id, competency_id=competency.id, level=5)
        db.session.add(again)
        db.session.flush()
        services.approve(again, db.session.get(User, world.supervisor), 5, "")
        db.session.commit()
        listed = _listed()
        new = issue_badge(again.id)
        assert _bit(listed, old) is True
        assert _bit(_listed(), new) is False


def test_a_later_approval_at_a_lower_level_leaves_the_badge_standing(app, world):
    """The checklist shows the highest approval: a later, lower one supersedes nothing."""
    with app.test_request_context():
        first = db.session.get(SignOffRequest, world.approved)
        old = issue_badge(world.approved)
        level = db.session.scalar(select(Decision.level).where(Decision.request_id == first.id))
        again = SignOffRequest(
            intern_id=first.intern_id, cohort_id=first.cohort_id, competency_id=first.competency_id, level=level - 1
        )
        db.session.add(again)
        db.session.flush()
        services.approve(again, db.session.get(User, world.supervisor), level - 1, "")
        db.session.commit()
        assert _bit(_listed(), old) is False
        assert _bit(_listed(), issue_badge(again.id)) is False


def test_other_events_set_no_bit(app, world):
    """A new request pending, a returned request of another competency, new evidence: the badge stands."""
    make = Maker(app)
    with app.test_request_context():
        badge = issue_badge(world.approved)
        first = db.session.get(SignOffRequest, world.approved)
        intern, cohort = first.intern, first.cohort
    make.signoff(intern, cohort, world.competencies[0])  # pending: not a decision
    make.signoff(intern, cohort, world.competencies[2], status="returned")
    with app.test_request_context():
        assert _bit(_listed(), badge) is False


def test_a_badge_whose_decision_is_gone_reads_revoked(app, world):
    with app.test_request_context():
        badge = issue_badge(world.approved)
        db.session.delete(db.session.get(SignOffRequest, world.approved))
        db.session.commit()
        assert _bit(_listed(), badge) is True


def test_the_list_is_signed_again_only_when_a_bit_changes_or_it_grows_old(app, world):
    with app.test_request_context():
        issue_badge(world.approved)
        first = _listed()
        assert _listed() == first  # nothing changed: the same signed list
        revoke(world.approved, world.supervisor)
        changed = _listed()
        assert changed["credentialSubject"]["encodedList"] != first["credentialSubject"]["encodedList"]
        row = db.session.get(StatusListDocument, status_list.LIST_ID)
        row.signed_at -= timedelta(days=4)  # more than half of the week it is valid for has passed
        row.valid_until -= timedelta(days=4)
        db.session.commit()
        backdated = row.signed_at
        renewed = _listed()
        assert renewed["credentialSubject"]["encodedList"] == changed["credentialSubject"]["encodedList"]
        row = db.session.get(StatusListDocument, status_list.LIST_ID, populate_existing=True)
        assert row.signed_at > backdated + timedelta(days=3)
        assert row.valid_until - row.signed_at == status_list.VALIDITY


def test_anyone_fetches_the_list(app, client, world):
    with app.test_request_context():
        issue_badge(world.approved)
    response = client.get("/credentials/status/1")
    assert response.status_code == 200
    assert response.mimetype == "application/vc+ld+json"
    assert json.loads(response.data)["type"][1] == "BitstringStatusListCredential"


def _badges(app, intern_id: int, cohort_id: int, competency_id: int, count: int, start: int) -> None:
    """``count`` badge rows for approved decisions (half of them superseded), without signing each."""
    with app.app_context():
        for n in range(count):
            request = SignOffRequest(
                intern_id=intern_id, cohort_id=cohort_id, competency_id=competency_id, level=3, status="approved"
            )
            db.session.add(request)
            db.session.flush()
            decision = Decision(request_id=request.id, outcome="approved", level=3)
            db.session.add(decision)
            db.session.flush()
            db.session.add(
                IssuedCredential(
                    kind="badge",
                    uuid=f"00000000-0000-4000-8000-{start + n:012d}",
                    decision_id=decision.id,
                    intern_id=intern_id,
                    status_index=start + n,
                    key_id="test",
                    document="{}",
                )
            )
        db.session.commit()


def test_the_list_costs_the_same_queries_for_10_or_100_badges(app, client, count_queries):
    world = scene(app)  # not written out: these badges are rows without documents
    with app.app_context():
        first = db.session.get(SignOffRequest, world.approved)
        ids = (first.intern_id, first.cohort_id, first.competency_id)
    status = lambda: client.get("/credentials/status/1")  # noqa: E731
    status()  # the list exists (empty): what follows signs it again, or serves it as kept
    _badges(app, *ids, count=10, start=0)
    few = (count_queries(status), count_queries(status))  # signed again (bits changed), then served as kept
    _badges(app, *ids, count=90, start=10)
    many = (count_queries(status), count_queries(status))
    assert many == few
    assert few[1] < few[0]
    with app.app_context():
        revoked = set(status_list.revoked_indexes())
        assert revoked == set(range(99))  # every badge but the latest approval is superseded
        assert db.session.scalar(select(IssuedCredential.status_index).order_by(IssuedCredential.id.desc())) == 99
    with app.test_request_context():
        listed = json.loads(status_list.current_list())
        assert _bit(listed, {"credentialStatus": {"statusListIndex": "99"}}) is False
        assert _bit(listed, {"credentialStatus": {"statusListIndex": "0"}}) is True


def test_the_public_documents_may_be_cached_briefly_and_set_no_cookie(app, client, world, query):
    with app.test_request_context():
        issue_badge(world.approved)
    for path in ("/credentials/status/1", "/issuer"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=300"
        assert "Set-Cookie" not in response.headers
    log_in_as(client, query(lambda s: s.get(User, world.intern)))
    for path in ("/credentials/status/1", "/issuer"):
        response = client.get(path)  # a logged-in person's session cookie is never sent with them
        assert response.headers["Cache-Control"] == "public, max-age=300"
        assert "Set-Cookie" not in response.headers
    assert client.get(f"/competencies/{world.cohort}/").headers["Cache-Control"] == "no-store"
    assert client.get(f"/signoffs/{world.approved}/badge.json").headers["Cache-Control"] == "no-store"
