"""The competencies pages are short: each domain collapsed behind one line of figures, and a filter by
domain and state (a GET form, so it works without JavaScript and stays in the address). Bad filter
values are ignored with a message, never a server error; filtering adds no query."""

import pytest
from sqlalchemy import update

from journal.models import Competency, Domain
from tests.conftest import log_in_as
from tests.html import attributes, one, page, text_of, texts


@pytest.fixture
def world(make, query):
    """A cohort whose framework has two domains: Clinical skills (C1–C3) and Communication (C4–C6).

    The intern has evidence on C2, a pending request on C3 and a returned one on C5.
    """
    cohort = make.cohort()
    intern = make.member(cohort, "intern", name="Amina Intern")
    supervisor = make.member(cohort, "supervisor", name="Dr Okafor")
    framework = make.framework(cohort, competencies=6)
    c = framework.competencies

    def second_domain(session):
        domain = Domain(framework_id=framework.id, title="Communication", canmeds_role="Communicator", position=1)
        session.add(domain)
        session.flush()
        session.execute(update(Competency).where(Competency.id.in_([x.id for x in c[3:]])).values(domain_id=domain.id))
        session.commit()
        return domain.id

    communication = query(second_domain)
    clinical = c[0].domain_id
    entry = make.entry(intern, cohort, visibility="supervisors", title="Ward round")
    make.evidence(entry, c[1].id)
    make.signoff(intern, cohort, c[2].id)
    make.signoff(intern, cohort, c[4].id, status="returned", supervisor=supervisor)

    class World:
        pass

    found = World()
    found.__dict__.update(
        cohort=cohort, intern=intern, supervisor=supervisor, c=c, clinical=clinical, communication=communication
    )
    return found


def checklist(client, world, query_string: str = "") -> str:
    """The intern's checklist page (200 expected) with ``query_string``."""
    log_in_as(client, world.intern)
    response = client.get(f"/competencies/{world.cohort.id}/{query_string}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def shown_codes(html: str) -> list[str]:
    """The codes of the competencies listed, in page order."""
    return texts(html, "li.checklist-item h3 .code")


def open_domains(html: str) -> list[str]:
    """The titles of the domains shown open."""
    return [text_of(d, ".domain-title").split(" · ")[0] for d in page(html).select("details.checklist-domain[open]")]


def test_domains_are_collapsed_with_a_line_of_figures(client, world):
    html = checklist(client, world)
    domains = page(html).select("details.checklist-domain")
    assert [text_of(d, ".domain-title").split(" · ")[0] for d in domains] == ["Clinical skills", "Communication"]
    # Only the domain holding feedback the intern has to act on (the returned request) is open.
    assert open_domains(html) == ["Communication"]
    clinical = text_of(domains[0], ".domain-figures")
    assert "0 of 3 signed off" in clinical
    assert "Evidence linked: 1" in clinical and "Sign-off requested: 1" in clinical
    assert "Returned with feedback: 1" in text_of(domains[1], ".domain-figures")
    # Every competency is still on the page (inside its domain), so an anchor to any of them works.
    assert shown_codes(html) == ["C1", "C2", "C3", "C4", "C5", "C6"]


def test_a_link_to_one_competency_opens_its_domain(client, world):
    html = checklist(client, world, f"?open={world.c[1].id}")
    assert open_domains(html) == ["Clinical skills", "Communication"]
    assert page(html).select_one(f"details[open] li#competency-{world.c[1].id}") is not None


def test_saving_evidence_returns_to_the_competency_with_its_domain_open(client, world, make):
    entry = make.entry(world.intern, world.cohort, title="Night shift")
    log_in_as(client, world.intern)
    url = f"/competencies/{world.cohort.id}/{world.c[0].id}/evidence"
    response = client.post(url, data={"shown": [entry.id], "entries": [entry.id]})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.endswith(f"?open={world.c[0].id}#competency-{world.c[0].id}")
    assert "Clinical skills" in open_domains(client.get(location).get_data(as_text=True))


def test_filter_by_domain(client, world):
    html = checklist(client, world, f"?domain={world.communication}")
    assert shown_codes(html) == ["C4", "C5", "C6"]
    assert open_domains(html) == ["Communication"]
    assert "3 competencies match." in text_of(html, ".checklist-filter-status")
    # The form shows the filter in force, and offers the way back.
    assert attributes(html, "select#domain option[selected]", "value") == [str(world.communication)]
    assert one(html, "form.checklist-filter a", containing="Clear")["href"] == f"/competencies/{world.cohort.id}/#find"
    assert one(html, "form.checklist-filter")["action"] == f"/competencies/{world.cohort.id}/#find"


def test_filter_by_state(client, world):
    html = checklist(client, world, "?state=not_started")
    assert shown_codes(html) == ["C1", "C4", "C6"]
    assert open_domains(html) == ["Clinical skills", "Communication"]
    assert [figures.split()[-2:] for figures in texts(html, ".domain-figures")] == [["1", "shown"], ["2", "shown"]]
    html = checklist(client, world, "?state=requested")
    assert shown_codes(html) == ["C3"]
    assert open_domains(html) == ["Clinical skills"]  # a domain with nothing to show is left out


def test_domain_and_state_together_and_nothing_matches(client, world):
    assert shown_codes(checklist(client, world, f"?domain={world.clinical}&state=evidence")) == ["C2"]
    html = checklist(client, world, f"?domain={world.clinical}&state=signed_off")
    assert shown_codes(html) == []
    assert "No competency matches these filters." in text_of(html)
    assert one(html, ".checklist-no-match a")["href"] == f"/competencies/{world.cohort.id}/#find"
    # The summary still counts everything.
    assert "<strong>0 of 6</strong> competencies signed off" in html


@pytest.mark.parametrize(
    "query_string, message",
    [
        ("?domain=99999", "That domain is not in this framework"),
        ("?domain=abc", "That domain is not in this framework"),
        ("?domain=99999999999999999999", "That domain is not in this framework"),
        ("?state=approved", "That state does not exist"),
        ("?state=SIGNED_OFF", "That state does not exist"),
        ("?open=-1&open=abc&open=99999999999999999999", None),
    ],
)
def test_a_bad_filter_is_ignored_and_said_so(client, world, query_string, message):
    html = checklist(client, world, query_string)
    assert shown_codes(html) == ["C1", "C2", "C3", "C4", "C5", "C6"]
    errors = texts(html, "form.checklist-filter .error")
    assert errors == (
        [f"{message}: every {'domain' if 'domain' in query_string else 'state'} is shown."] if message else []
    )


def test_a_domain_of_another_framework_is_not_a_choice(client, world, make):
    foreign = make.framework(competencies=1).competencies[0]
    html = checklist(client, world, f"?domain={foreign.domain_id}")
    assert shown_codes(html) == ["C1", "C2", "C3", "C4", "C5", "C6"]
    assert texts(html, "form.checklist-filter .error")


def test_the_filter_form_is_a_get_form_with_labels_and_a_button(client, world):
    form = one(checklist(client, world), "form.checklist-filter")
    assert form["method"] == "get"
    assert [text_of(label) for label in form.select("label")] == ["Domain", "State"]
    assert texts(form, "select#state option") == [
        "Every state",
        "Not started",
        "Evidence linked",
        "Sign-off requested",
        "Returned with feedback",
        "Signed off",
        "Revoked",
    ]
    assert text_of(form, "button[type=submit]") == "Apply filters"


def test_the_summary_counts_link_to_the_filter(client, world):
    html = checklist(client, world)
    assert f"/competencies/{world.cohort.id}/?state=requested#find" in attributes(html, ".state-counts a", "href")


def test_filtering_adds_no_query(client, world, count_queries):
    log_in_as(client, world.intern)
    url = f"/competencies/{world.cohort.id}/"
    plain = count_queries(lambda: client.get(url))
    filtered = count_queries(
        lambda: client.get(f"{url}?domain={world.clinical}&state=not_started&open={world.c[0].id}")
    )
    assert filtered == plain


def test_the_page_is_shorter_than_the_whole_framework(client, make):
    """With a framework of several domains and nothing to act on, no domain is open: the page shows
    one line per domain instead of every competency."""
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    make.framework(cohort, competencies=12)
    log_in_as(client, intern)
    html = client.get(f"/competencies/{cohort.id}/").get_data(as_text=True)
    # One domain only: it is open (a single closed box would hide everything for nothing).
    assert len(page(html).select("details.checklist-domain[open]")) == 1


# The supervisor's intern page: the same domains and filter around the table of states.


def intern_page(client, world, viewer, query_string: str = "") -> str:
    log_in_as(client, viewer)
    response = client.get(f"/review/{world.cohort.id}/interns/{world.intern.id}{query_string}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def table_codes(html: str) -> list[str]:
    return texts(html, "table.checklist-table tbody th .code")


def test_the_supervisor_sees_open_the_domains_that_wait_for_a_decision(client, world):
    html = intern_page(client, world, world.supervisor)
    assert open_domains(html) == ["Clinical skills"]  # C3 waits for a decision
    assert table_codes(html) == ["C1", "C2", "C3", "C4", "C5", "C6"]
    decide = one(html, "details[open] table.checklist-table a", containing="Decide")
    assert decide["href"].startswith("/signoffs/")


def test_the_supervisor_filters_the_checklist(client, world, make):
    html = intern_page(client, world, world.supervisor, "?state=returned")
    assert table_codes(html) == ["C5"]
    assert open_domains(html) == ["Communication"]
    form = one(html, "form.checklist-filter")
    assert form["action"] == f"/review/{world.cohort.id}/interns/{world.intern.id}#checklist"
    html = intern_page(client, world, world.supervisor, "?state=bogus&domain=x")
    assert table_codes(html) == ["C1", "C2", "C3", "C4", "C5", "C6"]
    assert len(texts(html, "form.checklist-filter .error")) == 2


def test_the_dashboard_links_pending_requests_to_the_filtered_checklist(client, world):
    log_in_as(client, world.supervisor)
    html = client.get(f"/review/{world.cohort.id}/").get_data(as_text=True)
    expected = f"/review/{world.cohort.id}/interns/{world.intern.id}?state=requested#checklist"
    assert expected in attributes(html, "table.dashboard-table a", "href")


def test_a_coordinator_sees_every_domain_closed(client, world, make):
    html = intern_page(client, world, make.admin())
    assert open_domains(html) == []
    assert "Decide" not in text_of(html, "#checklist")
