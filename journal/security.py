"""Response headers and session cookie rules that every page gets."""

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


# Requests a browser makes on its own, beside what the person does: static files, the service
# worker's script and the shell it keeps (journal/offline), and pages it keeps ahead of need.
BACKGROUND_ENDPOINTS = frozenset({"static", "offline.service_worker", "offline.page", "offline.manifest"})
BACKGROUND_HEADER = "X-Offline-Warm"


class SessionInterface(SecureCookieSessionInterface):
    """Marks the session cookie Secure whenever the request came over HTTPS, and never sets the
    cookie in answer to a request the browser made in the background."""

    def get_cookie_secure(self, app: Flask) -> bool:
        """Secure when configured so, or when this request is HTTPS (behind ProxyFix too)."""
        return bool(app.config["SESSION_COOKIE_SECURE"] or request.is_secure)

    def should_set_cookie(self, app: Flask, session) -> bool:
        """Not for background requests: one sent with the cookie from before a logout or a login
        (the service worker keeping its shell while the person logs out) would otherwise put that
        older cookie back when its answer arrives last, losing the message of the logout, or the
        login itself. Their answers never change the session, so nothing is lost."""
        if request.endpoint in BACKGROUND_ENDPOINTS or request.headers.get(BACKGROUND_HEADER):
            return False
        return super().should_set_cookie(app, session)


def set_headers(response):
    """Add the security headers; pages that may show personal data are never cached."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.endpoint != "static":
        headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    """Install the session interface and the header hook."""
    app.session_interface = SessionInterface()
    app.after_request(set_headers)
