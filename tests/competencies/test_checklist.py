"""The intern's checklist: every state shown in words, the progress summary, linking evidence, and
a query count that does not grow with the framework."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from journal.competencies import services
from journal.competencies.checklist import checklist_for
from journal.extensions import db
from journal.models import Cohort, Decision, Entry, Evidence, User
from journal.review.dashboard import dashboard_for
from tests.conftest import log_in_as
from tests.html import text_of


def login(client, user):
    """Act as ``user`` for the following requests."""
    log_in_as(client, user)


def item_text(page: str, competency_id: int) -> str:
    """The text of the checklist row of one competency."""
    return text_of(page, f"li.checklist-item#competency-{competency_id}")


@pytest.fixture
def cohort_people(make):
    """A cohort with an intern and a supervisor named for the pages."""
    cohort = make.cohort()
    intern = make.member(cohort, "intern", name="Amina Intern")
    supervisor = make.member(cohort, "supervisor", name="Dr Okafor")
    return cohort, intern, supervisor


def test_no_framework_shows_an_empty_state(client, cohort_people):
    cohort, intern, _ = cohort_people
    login(client, intern)
    page = client.get(f"/competencies/{cohort.id}/").get_data(as_text=True)
    assert "Your coordinator has not chosen a competency framework yet" in page
    assert "<progress" not in page


def test_every_state_is_shown_in_words(client, make, cohort_people):
    cohort, intern, supervisor = cohort_people
    c = make.framework(cohort, competencies=6, required_level=3).competencies
    entry = make.entry(intern, cohort, visibility="supervisors", title="Malaria ward round")
    for competency in c[1:]:
        make.evidence(entry, competency.id)
    make.signoff(intern, cohort, c[2].id)
    make.signoff(intern, cohort, c[3].id, status="returned", supervisor=supervisor)
    make.signoff(intern, cohort, c[4].id, status="approved", supervisor=supervisor)
    make.signoff(intern, cohort, c[5].id, status="revoked", supervisor=supervisor)
    login(client, intern)
    page = client.get(f"/competencies/{cohort.id}/").get_data(as_text=True)

    assert "Not started" in item_text(page, c[0].id)
    assert "Evidence linked" in item_text(page, c[1].id)
    assert "Malaria ward round" in item_text(page, c[1].id)
    requested = item_text(page, c[2].id)
    assert "Sign-off requested" in requested and "View your request" in requested
    returned = item_text(page, c[3].id)
    assert "Returned with feedback" in returned and "More evidence" in returned and "Dr Okafor" in returned
    signed = item_text(page, c[4].id)
    assert "Signed off at level 3" in signed and "by Dr Okafor" in signed
    assert "Acts with indirect supervision" in signed
    assert "Well done" in signed
    revoked = item_text(page, c[5].id)
    assert "Revoked" in revoked and "Seen again: not yet" in revoked
    # Each row names the required level with its words, and offers the actions.
    assert "Acts with indirect supervision" in item_text(page, c[0].id)
    assert "Link evidence" in item_text(page, c[0].id) and "Request sign-off" in item_text(page, c[0].id)
    # The summary: one of six met, as text and as a progress bar.
    assert "<strong>1 of 6</strong> competencies signed off at the required level" in page
    assert '<progress value="1" max="6"' in page


def test_the_approved_level_is_the_supervisors_not_the_one_asked(client, make, query, cohort_people):
    cohort, intern, supervisor = cohort_people
    competency = make.framework(cohort, competencies=1, required_level=3).competencies[0]
    request = make.signoff(intern, cohort, competency.id, level=3, status="approved", supervisor=supervisor)
    query(lambda s: (s.execute(update(Decision).where(Decision.request_id == request.id).values(level=2)), s.commit()))
    login(client, intern)
    page = client.get(f"/competencies/{cohort.id}/").get_data(as_text=True)
    row = item_text(page, competency.id)
    assert "Signed off at level 2" in row and "Acts with direct supervision" in row
    assert "Below the required level" in row
    assert "<strong>0 of 1</strong>" in page


def _build(make, competencies: int):
    """A cohort whose intern has evidence and a request on every competency."""
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    supervisor = make.member(cohort, "supervisor")
    framework = make.framework(cohort, competencies=competencies)
    for n, competency in enumerate(framework.competencies):
        entry = make.entry(intern, cohort, visibility="supervisors")
        make.evidence(entry, competency.id)
        make.signoff(
            intern, cohort, competency.id, status=("approved", "returned", "pending")[n % 3], supervisor=supervisor
        )
    return cohort, intern


def test_the_checklist_query_count_does_not_grow(client, make, count_queries):
    small_cohort, small_intern = _build(make, 3)
    large_cohort, large_intern = _build(make, 20)
    login(client, small_intern)
    small = count_queries(lambda: client.get(f"/competencies/{small_cohort.id}/"))
    login(client, large_intern)
    large = count_queries(lambda: client.get(f"/competencies/{large_cohort.id}/"))
    assert small == large


def test_linking_from_the_checklist_sets_exactly_the_chosen_entries(client, make, query, cohort_people):
    cohort, intern, _ = cohort_people
    competency = make.framework(cohort, competencies=2).competencies[0]
    first = make.entry(intern, cohort, title="First clinic day", kind="clinical")
    second = make.entry(intern, cohort, title="Consent with an interpreter", kind="ethics", visibility="supervisors")
    login(client, intern)
    page = client.get(f"/competencies/{cohort.id}/{competency.id}/evidence").get_data(as_text=True)
    assert 'name="entries"' in page and "First clinic day" in page and "Ethics note" in page and "Private" in page
    url = f"/competencies/{cohort.id}/{competency.id}/evidence"
    shown = [second.id, first.id]
    assert client.post(url, data={"shown": shown, "entries": [first.id, second.id]}).status_code == 302
    assert client.post(url, data={"shown": shown, "entries": [second.id]}).status_code == 302
    linked = query(lambda s: s.scalars(select(Evidence.entry_id).where(Evidence.competency_id == competency.id)).all())
    assert linked == [second.id]
    page = client.get(f"/competencies/{cohort.id}/").get_data(as_text=True)
    assert "Consent with an interpreter" in item_text(page, competency.id)


def test_someone_elses_entry_cannot_be_linked(client, make, query, cohort_people):
    cohort, intern, _ = cohort_people
    competency = make.framework(cohort, competencies=1).competencies[0]
    fellow = make.member(cohort, "intern")
    theirs = make.entry(fellow, cohort, visibility="cohort")
    make.entry(intern, cohort)
    login(client, intern)
    response = client.post(
        f"/competencies/{cohort.id}/{competency.id}/evidence", data={"shown": [theirs.id], "entries": [theirs.id]}
    )
    assert response.status_code == 422
    assert "choose entries from the list" in response.get_data(as_text=True)
    assert query(lambda s: s.scalars(select(Evidence)).all()) == []


def test_a_competency_of_another_framework_is_not_found(client, make, cohort_people):
    cohort, intern, _ = cohort_people
    make.framework(cohort, competencies=1)
    foreign = make.framework(competencies=1).competencies[0]
    login(client, intern)
    assert client.get(f"/competencies/{cohort.id}/{foreign.id}/evidence").status_code == 404
    assert client.get(f"/competencies/{cohort.id}/{foreign.id}/request").status_code == 404


def test_entry_page_panel_links_competencies_for_the_author(client, make, query, cohort_people):
    cohort, intern, supervisor = cohort_people
    c1, c2, c3 = make.framework(cohort, competencies=3).competencies
    entry = make.entry(intern, cohort, visibility="supervisors", title="Night shift")
    make.evidence(entry, c1.id)
    login(client, intern)
    page = client.get(f"/entries/{entry.id}").get_data(as_text=True)
    assert "This entry is evidence for:" in page and "Competency 1" in page
    assert "<details" in page and "<legend>Clinical skills</legend>" in page
    assert f'value="{c1.id}" id="competency-choice-{c1.id}" checked' in page

    response = client.post(f"/entries/{entry.id}/competencies", data={"competencies": [c2.id, c3.id]})
    assert response.status_code == 302
    linked = query(lambda s: sorted(s.scalars(select(Evidence.competency_id).where(Evidence.entry_id == entry.id))))
    assert linked == sorted([c2.id, c3.id])

    login(client, supervisor)
    page = client.get(f"/entries/{entry.id}").get_data(as_text=True)
    assert "Offered as evidence for:" in page and "Competency 2" in page
    assert "competency-choice" not in page
    assert client.post(f"/entries/{entry.id}/competencies", data={"competencies": [c1.id]}).status_code == 404


def test_entry_panel_refuses_a_competency_outside_the_framework(client, make, query, cohort_people):
    cohort, intern, _ = cohort_people
    make.framework(cohort, competencies=1)
    foreign = make.framework(competencies=1).competencies[0]
    entry = make.entry(intern, cohort)
    login(client, intern)
    response = client.post(f"/entries/{entry.id}/competencies", data={"competencies": [foreign.id]})
    assert response.status_code == 302
    assert "Choose competencies from the list" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert query(lambda s: s.scalars(select(Evidence)).all()) == []


def test_link_evidence_service_refuses_other_frameworks(app, make, cohort_people):
    cohort, intern, _ = cohort_people
    make.framework(cohort, competencies=1)
    foreign = make.framework(competencies=1).competencies[0]
    entry = make.entry(intern, cohort)
    from journal.extensions import db

    with app.app_context():
        with pytest.raises(services.SignOffError, match="framework"):
            services.link_evidence(db.session.get(Entry, entry.id), [foreign.id])


def test_entry_panel_without_framework_tells_the_author(client, make, cohort_people):
    cohort, intern, _ = cohort_people
    entry = make.entry(intern, cohort)
    login(client, intern)
    page = client.get(f"/entries/{entry.id}").get_data(as_text=True)
    assert "Your coordinator has not chosen a competency framework yet" in page
    assert "competency-choice" not in page


def test_the_highest_standing_approval_counts_as_on_the_dashboard(app, make, query):
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    competency = make.framework(cohort, competencies=1, required_level=3).competencies[0]
    make.signoff(intern, cohort, competency.id, level=4, status="approved")
    make.signoff(intern, cohort, competency.id, level=2, status="approved")
    with app.app_context():
        found = db.session.get(Cohort, cohort.id)
        person = db.session.get(User, intern.id)
        item = checklist_for(found, person, person).items[0]
        assert (item.met, item.approved_level, item.state_label) == (True, 4, "Signed off at level 4")
        assert [row.signed_off for row in dashboard_for(found).rows] == [1]


def test_saving_a_page_changes_only_the_entries_it_showed(client, make, query, cohort_people):
    cohort, intern, _ = cohort_people
    competency = make.framework(cohort, competencies=1).competencies[0]
    older = make.entry(intern, cohort, title="Older", occurred_on=date.today() - timedelta(days=3))
    make.evidence(older, competency.id)
    shown = make.entry(intern, cohort, title="Shown", occurred_on=date.today() - timedelta(days=1))
    login(client, intern)
    # The submitted page showed only "Shown" (the pages have moved since: today's entry, and "Older"
    # on the same page now). "Older" was not in front of the intern, so its link must stay.
    make.entry(intern, cohort, title="Written meanwhile")
    url = f"/competencies/{cohort.id}/{competency.id}/evidence"
    assert client.post(url, data={"shown": [shown.id], "entries": [shown.id]}).status_code == 302
    linked = query(lambda s: set(s.scalars(select(Evidence.entry_id).where(Evidence.competency_id == competency.id))))
    assert linked == {older.id, shown.id}
