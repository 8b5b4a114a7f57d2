"""Friendly error pages, one template for every status."""

from flask import Flask, current_app, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from journal.extensions import db

MESSAGES = {
    400: ("Something in that request was wrong", "Go back, check what you entered and try again."),
    403: (
        "This page is not for your account",
        "It belongs to another role. Your home page has everything you can use.",
    ),
    404: ("Page not found", "It may have moved, or it is not available to your account."),
    405: ("That action is not allowed here", "Go back and use the buttons on the page."),
    413: (
        "That file is too large",
        "Uploads are limited in size. Split the file or remove what is not needed, then try again.",
    ),
    429: (
        "Too many attempts",
        "For your safety we have paused attempts from your connection. Wait a minute, then try again.",
    ),
    500: ("Something went wrong on our side", "Nothing you saved was lost. Please try again in a moment."),
}


def render_error(status: int, title: str | None = None, message: str | None = None):
    """Render the error page for ``status`` with an optional specific message."""
    default_title, default_message = MESSAGES.get(status, MESSAGES[500])
    return (
        render_template(
            "errors/error.html", status=status, title=title or default_title, message=message or default_message
        ),
        status,
    )


def handle_http_error(error: HTTPException):
    """Turn any HTTP error into the friendly page for its status, keeping the headers the error
    carries that are not about its body (a 405's ``Allow``, a 429's ``Retry-After``)."""
    body, status = render_error(error.code or 500)
    headers = [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]
    return body, status, headers


def handle_too_large(error: RequestEntityTooLarge):
    """A request past ``MAX_CONTENT_LENGTH`` (a file too large): say what the limit is and that nothing was saved."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    size = f"{limit / (1024 * 1024):g} MB" if limit else "a limited size"
    return render_error(
        413,
        message=f"Files up to {size} can be uploaded, and this one is larger, so nothing was saved. "
        "Go back, split the file or remove what is not needed, and try again.",
    )


def handle_csrf_error(error: CSRFError):
    """A form without a valid token: usually an expired page, so say so plainly."""
    return render_error(
        400,
        "This form has expired",
        "For your security, forms stop working after a while or when you log in again. "
        "Go back, reload the page and submit it again.",
    )


def handle_unexpected(error: Exception):
    """Log the failure (without request data), undo what the request wrote, and show the 500 page.

    The rollback comes first: after a statement the database refused (PostgreSQL), the session's
    transaction is unusable, and rendering the page needs the database (the logged-in user).
    """
    current_app.logger.exception("Unhandled error")
    db.session.rollback()
    return render_error(500)


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(RequestEntityTooLarge, handle_too_large)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
