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
# Public documents verifiers fetch, the same for everyone (journal/credentials): the issuer profile and the
# revocation list. Shared caches may keep them a few minutes, so a burst of verifications does not reach the
# app; a revocation or a rotated key shows within that time.
PUBLIC_DOCUMENTS = frozenset({"issuer.profile", "credential_status.status_list_credential"})
PUBLIC_MAX_AGE = 300


class SessionInterface(SecureCookieSessionInterface):
    """Marks the session cookie Secure whenever the request came over HTTPS, and never sets the
    cookie in answer to a request the browser made in the background or to a public document."""

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

    def save_session(self, app: Flask, session, response) -> None:
        """As usual, except for the public documents a shared cache may keep (``PUBLIC_DOCUMENTS``): their
        answers never change the session, so no cookie is sent with them; and should another hook have
        set one (a remember-me cookie), the answer is not kept by any cache after all. This runs after
        every ``after_request`` hook, so nothing adds a cookie later."""
        if request.endpoint not in PUBLIC_DOCUMENTS:
            super().save_session(app, session, response)
        elif "Set-Cookie" in response.headers:
            response.headers["Cache-Control"] = "no-store"


def set_headers(response):
    """Add the security headers; pages that may show personal data are never cached."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if _public_document(response):
        headers["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    elif request.endpoint != "static":
        headers["Cache-Control"] = "no-store"
    return response


def _public_document(response) -> bool:
    """A public document answered in full (or as unchanged), setting no cookie so far (``save_session``
    checks again at the very end): safe in a shared cache."""
    return (
        request.endpoint in PUBLIC_DOCUMENTS
        and request.method in ("GET", "HEAD")
        and response.status_code in (200, 304)
        and "Set-Cookie" not in response.headers
    )


def init_app(app: Flask) -> None:
    """Install the session interface and the header hook."""
    app.session_interface = SessionInterface()
    app.after_request(set_headers)
