"""Credentials issued by the real code, for the tests of issuing and for the independent verifier.

- ``Scene`` / ``scene(app)``: an intern with a framework, shared and private evidence, approved sign-offs
  and a submission, ready to issue from;
- ``issue_examples(app)``: one of each thing the app issues (a CLR, the two badges it holds, one of
  them revoked since, and the status list that says which is which), as parsed JSON by name;

The tests that issue check every credential they issued with the independent Node verifier at the end
(``tests.credentials.node.assert_everything_issued_verifies``).
"""

import json
from dataclasses import dataclass
from types import SimpleNamespace

from sqlalchemy import select

from journal.competencies import services
from journal.credentials import badges, clr, status_list
from journal.extensions import db
from journal.models import Decision, IssuedCredential, SignOffRequest, Submission, User
from tests.conftest import Maker

PRIVATE_TITLE = "Night shift worries"
PRIVATE_WORD = "xylophonically"  # a word of the private entry's body that must never leave it
SHARED_TITLE = "Explaining a diagnosis through an interpreter"


@dataclass
class Scene:
    """What ``scene`` built: ids, so each test loads its own objects."""

    intern: int
    supervisor: int
    cohort: int
    competencies: list[int]
    shared: int
    private: int
    approved: int  # an approved request of competency 1
    second: int  # an approved request of competency 2


def scene(app, *, email: str = "Ana.Intern@Example.org") -> Scene:
    """An intern, a supervisor, a framework of three competencies, a shared and a private entry linked to
    the first, and approved sign-offs of the first two."""
    make = Maker(app)
    cohort = make.cohort()
    intern = make.member(cohort, "intern", email=email)
    supervisor = make.member(cohort, "supervisor")
    framework = make.framework(cohort)
    competencies = [c.id for c in framework.competencies]
    shared = make.entry(intern, cohort, visibility="supervisors", title=SHARED_TITLE)
    private = make.entry(intern, cohort, title=PRIVATE_TITLE, body=f"I felt {PRIVATE_WORD} tired.")
    for entry in (shared, private):
        make.evidence(entry, competencies[0])
    make.evidence(shared, competencies[1])
    approved = make.signoff(intern, cohort, competencies[0], status="approved", supervisor=supervisor, level=4)
    second = make.signoff(intern, cohort, competencies[1], status="approved", supervisor=supervisor, level=3)
    return Scene(intern.id, supervisor.id, cohort.id, competencies, shared.id, private.id, approved.id, second.id)


def approval(request_id: int) -> Decision:
    """The approving decision of a request (in the current app context)."""
    return badges.standing_approval(db.session.get(SignOffRequest, request_id))


def issue_badge(request_id: int) -> dict:
    """Issue (or fetch) the intern's own badge of the request's approval, commit, and return it parsed."""
    found = badges.badge_for(approval(request_id))
    db.session.commit()
    return json.loads(found.document)


def revoke(request_id: int, supervisor_id: int) -> None:
    """Revoke the request's approval through the real service, and commit."""
    services.revoke(db.session.get(SignOffRequest, request_id), db.session.get(User, supervisor_id), "Seen again")
    db.session.commit()


def issue_examples(app) -> dict[str, dict]:
    """One of each: ``clr`` (of a submission), the badges it holds, ``badge`` (standing) and
    ``revoked_badge``, and ``status_list`` (signed after the revocation, so the revoked badge's bit is set
    and the other's is not). The intern's own badges are not issued here: ``test_badges`` verifies those."""
    world = scene(app)
    submission = submit(app, world)
    with app.test_request_context():
        found = clr.clr_for(db.session.get(Submission, submission.id))
        db.session.commit()
        record = json.loads(found.document)
        held = {badge_request(badge): badge for badge in record["credentialSubject"]["verifiableCredential"]}
        revoke(world.second, world.supervisor)
        listed = json.loads(status_list.current_list())
        db.session.commit()
        return {
            "badge": held[world.approved],
            "revoked_badge": held[world.second],
            "clr": record,
            "status_list": listed,
        }


def badge_request(badge: dict) -> int:
    """The id of the sign-off request a stored badge was issued for (in the current app context)."""
    stored = db.session.scalar(
        select(IssuedCredential).where(IssuedCredential.uuid == badge["id"].removeprefix("urn:uuid:"))
    )
    return db.session.get(Decision, stored.decision_id).request_id


def submit(app, world: Scene) -> Submission:
    """The intern's portfolio holding the shared entry, submitted through the real service (detached)."""
    return Maker(app).submission(
        SimpleNamespace(id=world.intern), SimpleNamespace(id=world.cohort), [SimpleNamespace(id=world.shared)]
    )
