"""The key that encrypts what an account's pages keep in a browser: handed to that account's
logged-in pages only, never cached, the same after logging in again, and filed under an owner
marker that names nobody."""

from sqlalchemy import select, update

from journal import device_keys
from journal.models import User
from tests.html import meta


def _stored_key(query, user) -> str | None:
    return query(lambda s: s.scalar(select(User.device_key).where(User.id == user.id)))


def test_only_the_accounts_own_logged_in_pages_carry_its_key(app, client, make, auth, query):
    cohort = make.cohort()
    amira, bruno = make.member(cohort, "intern"), make.member(cohort, "intern")

    auth.login(amira.email)
    response = client.get(f"/journal/{cohort.id}/new?kind=cultural")
    page = response.get_data(as_text=True)
    assert meta(page, "device-key") == _stored_key(query, amira)
    assert len(meta(page, "device-key")) == 43  # 32 random bytes, base64url
    assert response.headers["Cache-Control"] == "no-store"
    marker = meta(page, "device-owner")
    with app.test_request_context():
        assert marker == device_keys.owner_marker(amira)
    assert amira.email.split("@")[0] not in marker

    auth.logout()
    after_logout = client.get("/login", follow_redirects=True).get_data(as_text=True)
    assert meta(after_logout, "device-key") is None and meta(after_logout, "device-owner") is None

    auth.login(bruno.email)
    theirs = client.get(f"/home/{cohort.id}").get_data(as_text=True)
    assert meta(theirs, "device-key") == _stored_key(query, bruno) != _stored_key(query, amira)
    assert meta(theirs, "device-owner") not in (None, marker)


def test_an_account_without_a_key_gets_one_on_its_next_page_and_keeps_it(app, client, make, auth, query):
    """Accounts made before device keys existed get theirs when they next use a page; logging out
    (here or everywhere) and in again changes nothing, so what was kept can still be read."""
    cohort = make.cohort()
    person = make.member(cohort, "intern")
    query(lambda s: (s.execute(update(User).values(device_key=None)), s.commit()))

    auth.login(person.email)
    first = meta(client.get(f"/home/{cohort.id}").get_data(as_text=True), "device-key")
    assert first and _stored_key(query, person) == first
    assert meta(client.get(f"/journal/{cohort.id}/").get_data(as_text=True), "device-key") == first
    auth.logout()
    auth.login(person.email)
    assert meta(client.get(f"/home/{cohort.id}").get_data(as_text=True), "device-key") == first


def test_the_owner_marker_is_stable_per_account_and_follows_its_key_not_the_secret_key(app, make):
    first, second = make.user(), make.user()
    with app.test_request_context():
        marker = device_keys.owner_marker(first)
        assert device_keys.owner_marker(first) == marker != device_keys.owner_marker(second)
        assert device_keys.is_owner(first, marker) and not device_keys.is_owner(second, marker)
        assert first.device_key not in marker and str(first.id) != marker
        app.config["SECRET_KEY"] = "another-secret"
        assert device_keys.owner_marker(first) == marker
        first.device_key = device_keys.new_device_key()
        assert device_keys.owner_marker(first) != marker
