"""Settings read from environment variables.

``APP_ENV`` chooses the mode: ``production`` (the default), ``development`` or
``testing``. Only development and testing may run without ``SECRET_KEY``.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path


class ConfigError(RuntimeError):
    """Raised when the environment cannot run the application safely."""


def database_url(instance_path: str) -> str:
    """Return the SQLAlchemy URL from ``DATABASE_URL`` or SQLite in ``instance/``.

    Plain ``postgres://`` and ``postgresql://`` URLs are pointed at psycopg 3,
    the driver this project installs.
    """
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return "sqlite:///" + str(Path(instance_path) / "journal.db")
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _development_secret(instance_path: str) -> str:
    """Keep one random key per checkout so development sessions survive restarts."""
    path = Path(instance_path) / "dev-secret-key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def load(instance_path: str, testing: bool = False) -> dict:
    """Build the configuration mapping from the environment.

    Raises ConfigError when ``SECRET_KEY`` or ``PUBLIC_URL`` is missing outside development and tests.
    """
    env = "testing" if testing else os.environ.get("APP_ENV", "production").strip().lower()
    secret = os.environ.get("SECRET_KEY", "").strip()
    if not secret:
        if env == "development":
            secret = _development_secret(instance_path)
        elif env != "testing":
            raise ConfigError(
                "SECRET_KEY is not set. Set it to a long random value, for example the "
                "output of: python -c 'import secrets; print(secrets.token_hex(32))'. "
                "For local development set APP_ENV=development instead."
            )
    public_url = os.environ.get("PUBLIC_URL", "").strip().rstrip("/") or None
    if public_url is None and env not in ("development", "testing"):
        # Printed on every portfolio for verification: never taken from a request's Host header,
        # which whoever sends the request chooses.
        raise ConfigError(
            "PUBLIC_URL is not set. Set it to the address people open the app at, for example "
            "https://journal.university.example: it is printed on every portfolio for verification."
        )
    redis_url = os.environ.get("REDIS_URL", "").strip() or None
    mail_server = os.environ.get("MAIL_SERVER", "").strip() or None
    return {
        "APP_ENV": env,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": database_url(instance_path),
        # hide_parameters: database errors must never write entry text or password hashes into logs.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "hide_parameters": True},
        "REDIS_URL": redis_url,
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_NAMESPACE": os.environ.get("RATELIMIT_NAMESPACE", "journal"),
        "RATELIMIT_HEADERS_ENABLED": True,
        # Said outright: Flask-Limiter otherwise takes its default from the last app it served,
        # so one app without limits (a test's) would leave every later app of the process without.
        "RATELIMIT_ENABLED": True,
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_MB", "8")) * 1024 * 1024,
        # Where background jobs (cohort exports, portfolio PDFs) run: "thread" (in the app process)
        # or "rq" (an RQ worker on Redis).
        "JOB_QUEUE": os.environ.get("JOB_QUEUE", "").strip() or ("rq" if redis_url else "thread"),
        "RQ_QUEUE": os.environ.get("RQ_QUEUE", "intern-journal"),
        # The address printed on portfolios for verification; by default the address the request came to.
        "PUBLIC_URL": public_url,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "") == "1",
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
        "PROXY_COUNT": int(os.environ.get("PROXY_COUNT", "0")),
        "MAIL_SERVER": mail_server,
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "587")),
        "MAIL_USE_TLS": os.environ.get("MAIL_USE_TLS", "1") == "1",
        "MAIL_USE_SSL": os.environ.get("MAIL_USE_SSL", "") == "1",
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD") or None,
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "Intern Journal <no-reply@localhost>"),
        # Seconds for each step of talking to the mail server before an attempt is given up (and retried).
        "MAIL_TIMEOUT": float(os.environ.get("MAIL_TIMEOUT", "30")),
        "INVITATION_DAYS": 7,
        "LOGIN_FAILURE_LIMIT": "5 per minute",
        "LOGIN_ATTEMPT_LIMIT": "20 per minute",
        # Failed passwords or codes for one account in an hour before it is locked, from any address.
        "ACCOUNT_FAILURE_LIMIT": 100,
    }
