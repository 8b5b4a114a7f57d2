"""The application factory, settings, security headers and error pages."""

import pytest
from sqlalchemy import text

from journal import create_app
from journal.config import ConfigError, database_url
from journal.extensions import db
from tests.conftest import make_app


def test_refuses_to_start_without_secret_key_in_production(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("APP_ENV", "production")
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        create_app()


def test_development_generates_and_keeps_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("APP_ENV", "development")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'dev.db'}")
    first = create_app()
    second = create_app()
    assert len(first.config["SECRET_KEY"]) >= 32
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]


def test_secret_key_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("PUBLIC_URL", "https://journal.example.org/")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.db'}")
    assert create_app().config["SECRET_KEY"] == "from-the-environment"


def test_refuses_to_start_without_public_url_in_production(monkeypatch, tmp_path):
    """The verification address on portfolios must never come from a request's Host header."""
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.db'}")
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    with pytest.raises(ConfigError, match="PUBLIC_URL is not set"):
        create_app()
    monkeypatch.setenv("PUBLIC_URL", "https://journal.example.org/")
    assert create_app().config["PUBLIC_URL"] == "https://journal.example.org"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_database_url_uses_psycopg3(monkeypatch, given, expected):
    monkeypatch.setenv("DATABASE_URL", given)
    assert database_url("/instance") == expected


def test_default_database_is_sqlite_in_instance(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert database_url("/srv/app/instance") == "sqlite:////srv/app/instance/journal.db"


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_busy_timeout(tmp_path):
    """Whatever database the suite runs on, the embedded default must be set up for concurrent workers."""
    app = make_app(f"sqlite:///{tmp_path / 'pragmas.db'}")
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        db.session.remove()
        db.engine.dispose()


def test_security_headers_on_every_page(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


def test_pages_have_no_inline_scripts(client):
    body = client.get("/login").get_data(as_text=True)
    assert "<script>" not in body
    assert "onclick" not in body.lower()


def test_session_cookie_flags(client, make, auth):
    user = make.user()
    response = auth.login(user.email)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_session_cookie_is_secure_over_https(client, make, auth):
    user = make.user()
    response = auth.login(user.email, base_url="https://localhost")
    assert "Secure" in response.headers["Set-Cookie"]


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_too_large_request_gets_a_clear_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/login", data={"email": "a@b.c", "password": "x" * 4096})
    assert response.status_code == 413
    assert "That file is too large" in response.get_data(as_text=True)


def test_unexpected_error_shows_friendly_500(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom-for-test")
    def boom():
        raise RuntimeError("kaboom")

    response = client.get("/boom-for-test")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.get_data(as_text=True)
    assert "kaboom" not in response.get_data(as_text=True)


def test_coordinator_pages_give_other_people_a_friendly_403(client, make, auth):
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    auth.login(intern.email)
    response = client.get("/cohorts/")
    assert response.status_code == 403
    body = response.get_data(as_text=True)
    assert "This page is not for your account" in body
    assert 'href="/"' in body


def test_an_app_without_rate_limits_leaves_the_next_app_of_the_process_limited(tmp_path):
    """Flask-Limiter keeps one switch for the process: an app made without limits (as the hostile
    tests make theirs) must not turn them off for the apps made after it."""
    url = f"sqlite:///{tmp_path / 'limits.db'}"
    unlimited = make_app(url, RATELIMIT_ENABLED=False, LOGIN_ATTEMPT_LIMIT="1 per hour")
    limited = make_app(url, LOGIN_ATTEMPT_LIMIT="1 per hour")
    for application in (unlimited, limited):
        with application.app_context():
            db.create_all()
    client = limited.test_client()
    wrong = {"email": "x@example.org", "password": "wrong"}
    answers = [client.post("/login", data=wrong).status_code for _ in range(2)]
    assert answers == [200, 429]
    for application in (unlimited, limited):
        with application.app_context():
            db.engine.dispose()
