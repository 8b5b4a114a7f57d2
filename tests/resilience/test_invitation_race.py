"""One invitation link, sent by several browsers at the same instant through gunicorn: one member.

An invitation's token is a one-time secret. Browsers that each opened the invitation page wait at a
barrier and submit it together, through two worker processes; exactly one is let in, and the
cohort gets one account, one membership, one audit event and one announcement to its intern.
"""

from sqlalchemy import func, select

from journal.extensions import db
from journal.models import AuditEvent, Invitation, Membership, Notification, User
from tests.resilience.client import Person, Reply, at_once

BROWSERS = 6
PASSWORD = "a long enough password"


def test_one_link_submitted_at_once_by_several_browsers_makes_one_member(app, make, servers):
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    invitation, token = make.invitation(cohort, email="racer@example.org", role="supervisor")
    server = servers(workers=2)
    server.start()
    browsers = [Person(server.url) for _ in range(BROWSERS)]
    for browser in browsers:
        assert browser.get(f"/invitations/{token}").status == 200

    def accept(index: int) -> Reply:
        form = {"display_name": f"Racer {index}", "password": PASSWORD, "confirm": PASSWORD}
        return browsers[index].post(f"/invitations/{token}", form)

    replies = at_once([lambda index=index: accept(index) for index in range(BROWSERS)])

    statuses = sorted(reply.status for reply in replies if reply is not None)
    assert statuses == [302] + [404] * (BROWSERS - 1), server.log()[-5000:]
    with app.app_context():
        users = db.session.scalars(select(User).where(User.email == "racer@example.org")).all()
        assert len(users) == 1
        (user,) = users
        memberships = db.session.scalars(select(Membership).where(Membership.user_id == user.id)).all()
        assert [(m.cohort_id, m.role) for m in memberships] == [(cohort.id, "supervisor")]
        joined = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "member.joined")).all()
        assert [(e.actor_id, e.object_id, e.cohort_id) for e in joined] == [(user.id, user.id, cohort.id)]
        told = db.session.scalar(
            select(func.count()).select_from(Notification).where(Notification.user_id == intern.id)
        )
        assert told == 1
        assert db.session.get(Invitation, invitation.id).accepted_at is not None
