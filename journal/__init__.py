"""Intern Journal: the application factory."""

import os
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from journal import config as config_module
from journal import incoming
from journal.params import MAX_ID

ROOT = Path(__file__).resolve().parent.parent


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` limited to what an id column holds (PostgreSQL's INTEGER; SQLite's hold more)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def create_app(config: dict | None = None) -> Flask:
    """Build the application: settings, extensions, blueprints, error pages, commands.

    ``config`` overrides what the environment says (tests pass their own).
    Raises ``config.ConfigError`` when the environment is unsafe to run in.
    """
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    os.makedirs(app.instance_path, exist_ok=True)
    overrides = dict(config or {})
    app.config.from_mapping(config_module.load(app.instance_path, testing=bool(overrides.get("TESTING"))))
    app.config.update(overrides)
    if not app.config.get("SECRET_KEY"):
        raise config_module.ConfigError("SECRET_KEY is empty.")

    # Ids in URLs fit the database's integers; a longer number is a plain 404, never an overflow.
    app.url_map.converters["int"] = DatabaseIdConverter

    # Requests are read without NUL characters, and JSON too deep to decode is refused as malformed.
    app.request_class = incoming.Request
    app.json = incoming.JSONProvider(app)

    if app.config["PROXY_COUNT"]:
        n = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)

    from journal import assets, database, device_keys, errors, i18n, logs, security, templating
    from journal.extensions import csrf, limiter, login_manager, mail, migrate
    from journal.extensions import db as database_ext

    database_ext.init_app(app)
    database.configure_engines(app)
    migrate.init_app(app, database_ext, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    mail.init_app(app)
    login_manager.init_app(app)
    security.init_app(app)
    i18n.init_app(app)
    assets.init_app(app)
    templating.init_app(app)
    errors.init_app(app)
    logs.init_app(app)
    device_keys.init_app(app)

    from journal import (
        account,
        auth,
        cohorts,
        competencies,
        emails,
        entries,
        feedback,
        home,
        notifications,
        offline,
        portfolio,
        review,
        verification,
    )

    app.register_blueprint(auth.bp)
    app.register_blueprint(account.bp)
    app.register_blueprint(home.bp)
    app.register_blueprint(cohorts.bp)
    app.register_blueprint(entries.bp)
    app.register_blueprint(competencies.bp)
    app.register_blueprint(review.bp)
    app.register_blueprint(feedback.bp)
    app.register_blueprint(notifications.bp)
    app.register_blueprint(portfolio.bp)
    app.register_blueprint(verification.bp)
    app.register_blueprint(emails.bp)
    app.register_blueprint(offline.bp)
    offline.init_app(app)

    # Verifiable credentials: the issuer profile route and the signing-key commands.
    from journal import credentials

    credentials.init_app(app)
    # Issued credentials: badge and CLR downloads, and the public status list.
    from journal.credentials import views as credential_views

    app.register_blueprint(credential_views.bp)
    app.register_blueprint(credential_views.public_bp)

    from journal import cli

    cli.init_app(app)
    return app
