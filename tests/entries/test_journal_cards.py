"""Each card of the journal list (issue #17) says who can read the entry and how many comments it has, and
offers one way to change who reads it: a link to the entry's sharing, where the identifier check runs.
No button on the list shares or unshares; the comments are counted in SQL, in one query for the page."""

import pytest

from tests.html import one, page, texts

READERS = {"private": "Only you", "supervisors": "You and your supervisors", "cohort": "Your cohort"}


def card(body: str, title: str):
    """The card of the entry titled ``title``."""
    return one(body, ".entry-row", containing=title)


@pytest.mark.parametrize("visibility", READERS)
def test_a_card_says_who_reads_the_entry(client, make, intern, visibility):
    person, cohort = intern
    make.entry(person, cohort, title="Ward round", visibility=visibility)
    found = card(client.get(f"/journal/{cohort.id}/").get_data(as_text=True), "Ward round")
    assert texts(found, ".entry-readers") == [f"Who can read: {READERS[visibility]}"]
    # Said in words, the colour of the badge only repeating them.
    assert one(found, ".entry-readers .badge").get("class") == ["badge", f"vis-{visibility}"]


def test_a_card_counts_its_comments_those_of_a_shared_past_included(client, make, intern):
    person, cohort = intern
    supervisor = make.member(cohort, "supervisor")
    talked = make.entry(person, cohort, title="Talked about", visibility="supervisors")
    once = make.entry(person, cohort, title="Once", visibility="cohort")
    private_again = make.entry(person, cohort, title="Private again", visibility="private")
    make.entry(person, cohort, title="Quiet")
    for _ in range(3):
        make.comment(talked, supervisor)
    make.comment(once, person)
    make.comment(private_again, supervisor)  # written while it was shared: the author still reads it
    body = client.get(f"/journal/{cohort.id}/").get_data(as_text=True)
    counts = {title: texts(card(body, title), ".entry-comments") for title in ("Talked about", "Once", "Quiet")}
    assert counts == {"Talked about": ["3 comments"], "Once": ["1 comment"], "Quiet": ["No comments"]}
    assert texts(card(body, "Private again"), ".entry-comments") == ["1 comment"]


def test_no_card_shares_or_unshares_only_one_link_to_the_entrys_sharing(client, make, intern):
    person, cohort = intern
    entries = [make.entry(person, cohort, visibility=v) for v in ("private", "supervisors", "cohort")]
    body = client.get(f"/journal/{cohort.id}/").get_data(as_text=True)
    # No form on a card: nothing there could narrow (or widen) who reads an entry, with or without the check.
    assert len(page(body).select(".entry-row")) == 3
    assert page(body).select(".entry-row form, .entry-row button") == []
    assert f"/entries/{entries[0].id}/visibility" not in body
    for entry in entries:
        found = card(body, entry.title)
        sharing = one(found, "a.entry-sharing")
        assert sharing.get_text() == "Change who can read"
        assert sharing.get("href") == f"/entries/{entry.id}#sharing"
        # Screen readers hear which entry it is about: its title describes the link.
        assert texts(found, f"#{sharing.get('aria-describedby')}") == [entry.title]


def test_the_link_lands_on_the_sharing_of_the_entry_page(client, make, intern):
    person, cohort = intern
    entry = make.entry(person, cohort, visibility="supervisors")
    sharing = one(client.get(f"/entries/{entry.id}").get_data(as_text=True), "#sharing")
    assert "Make private" in sharing.get_text() and "Share with the cohort" in sharing.get_text()


def test_the_list_costs_the_same_queries_for_10_and_200_commented_entries(client, make, intern, count_queries):
    person, cohort = intern
    supervisor = make.member(cohort, "supervisor")

    def add(count: int) -> None:
        for n in range(count):
            entry = make.entry(person, cohort, visibility=("supervisors", "cohort", "private")[n % 3], tags=("a",))
            make.comment(entry, supervisor)

    add(10)
    few = count_queries(lambda: client.get(f"/journal/{cohort.id}/"))
    add(190)
    many = count_queries(lambda: client.get(f"/journal/{cohort.id}/"))
    assert few > 0
    assert many == few
    body = client.get(f"/journal/{cohort.id}/").get_data(as_text=True)
    assert texts(body, ".entry-comments") == ["1 comment"] * 20  # a page of them, each counted


def test_another_interns_comments_and_entries_stay_out(client, make, intern):
    person, cohort = intern
    other = make.member(cohort, "intern")
    theirs = make.entry(other, cohort, title="Not mine", visibility="cohort")
    make.comment(theirs, person)
    make.entry(person, cohort, title="Mine")
    body = client.get(f"/journal/{cohort.id}/").get_data(as_text=True)
    assert "Not mine" not in body
    assert texts(body, ".entry-comments") == ["No comments"]
