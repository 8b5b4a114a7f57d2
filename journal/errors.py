"""Error answers, in one place: a friendly page for browsers, JSON for scripts, for every status.

A script (``fetch()`` in autosave.js and portfolio.js, an integration) cannot read an error page,
so a request that wants JSON (``wants_json``) gets ``{"error": title, "message": what to do}``
with the status of the error; a browser gets the error page. Both say the same thing.

When the database cannot be reached, or a write finds the disk full (``journal.failures``), the
page is rendered without the database: not the logged-in person, not the navigation, so that it
can be shown at all. The log gets one short line, since there is no bug to trace. A form whose
save failed is given back on the page, so that nothing typed is lost.

Both answers speak the request's language; when the database may be down they find it without the
database (``answer_language``), since the person's own setting is stored there.
"""

import contextlib
import re
from dataclasses import dataclass, field

from flask import Flask, abort, current_app, flash, g, jsonify, redirect, render_template, request
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_url
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError
from sqlalchemy import inspect
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from wtforms.fields.core import UnboundField

from journal import failures, i18n
from journal.extensions import db, login_manager
from journal.logs import redact_address

RETRY_AFTER_SECONDS = 30
WRITES = ("POST", "PUT", "PATCH", "DELETE")

MESSAGES = {
    400: (_l("Something in that request was wrong"), _l("Go back, check what you entered and try again.")),
    401: (
        _l("Log in again to continue"),
        _l("Your session has ended, or you are not logged in. Log in, then try again."),
    ),
    403: (
        _l("This page is not for your account"),
        _l("It belongs to another role. Your home page has everything you can use."),
    ),
    404: (_l("Page not found"), _l("It may have moved, or it is not available to your account.")),
    405: (_l("That action is not allowed here"), _l("Go back and use the buttons on the page.")),
    413: (
        _l("That file is too large"),
        _l("Uploads are limited in size. Split the file or remove what is not needed, then try again."),
    ),
    422: (
        _l("That request could not be used"),
        _l("Something in it is not what this page expects. Go back and try again."),
    ),
    429: (
        _l("Too many attempts"),
        _l("For your safety we have paused attempts from your connection. Wait a minute, then try again."),
    ),
    500: (
        _l("Something went wrong on our side"),
        _l(
            "This page could not be shown. Try again in a moment; if it happens again, "
            "tell your programme coordinator what you were doing."
        ),
    ),
    503: (
        _l("Intern Journal is briefly unavailable"),
        _l(
            "The journal's database cannot be reached just now, so this page cannot be shown. "
            "Nothing you saved before is lost. Try again in a minute."
        ),
    ),
    507: (
        _l("The server is out of storage space"),
        _l(
            "This page could not be shown because the server has run out of storage space. "
            "Nothing you saved before is lost. Try again later."
        ),
    ),
}
# What the server errors say when the request was sending something (a save).
MESSAGES_FOR_WRITES = {
    500: (
        _l("Something went wrong on our side"),
        _l(
            "What you just sent may not have been saved: check before sending it again. "
            "If it happens again, tell your programme coordinator what you were doing."
        ),
    ),
    503: (
        _l("Intern Journal is briefly unavailable"),
        _l(
            "The journal's database cannot be reached just now, so what you just sent may not have been saved. "
            "Nothing you saved before is lost. Send it again in a minute."
        ),
    ),
    507: (
        _l("This save did not go through"),
        _l(
            "The server has run out of storage space, so what you just sent was not saved. "
            "Nothing you saved before is lost. Keep your text and send it again later."
        ),
    ),
}

# What a failure says where the request was a login, which saves nothing of the person's.
MESSAGES_FOR_LOGINS = {
    503: (
        _l("Intern Journal is briefly unavailable"),
        _l(
            "The journal's database cannot be reached just now, so you cannot log in. "
            "Nothing you saved before is lost. Try again in a minute."
        ),
    ),
}
LOGIN_ENDPOINTS = ("auth.login", "auth.login_code", "auth.confirm_password")

# Fields never written back into a page: passwords, codes and tokens.
SECRET_FIELD = re.compile(r"password|passcode|code|token|secret|csrf|confirm|otp|recovery", re.IGNORECASE)


def wants_json() -> bool:
    """Whether the request came from a script: it prefers JSON to HTML, sends JSON, names an
    ``/api/`` address, or says ``X-Requested-With``."""
    if request.is_json or request.path.startswith("/api/") or request.headers.get("X-Requested-With"):
        return True
    accept = request.accept_mimetypes
    return accept["application/json"] > accept["text/html"]


@dataclass
class SentForm:
    """The fields of a form whose save failed, to give back on the error page."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)  # (name, label, text) of what was typed
    hidden: list[tuple[str, str]] = field(default_factory=list)  # the other values, sent again as they were
    complete: bool = True  # nothing was left out (no secret, no file): the form can be sent again


def _labels_of(form_class: type, labels: dict) -> dict:
    """``labels`` with the label of every field of ``form_class`` and of its subclasses (first found wins)."""
    for subclass in form_class.__subclasses__():
        for name, value in vars(subclass).items():
            if isinstance(value, UnboundField) and name not in labels:
                label = value.kwargs.get("label", value.args[0] if value.args else None)
                if label:
                    labels[name] = label
        _labels_of(subclass, labels)
    return labels


def field_label(name: str) -> str:
    """The label people saw for a field called ``name`` in the app's forms, in the page's language (the
    field's name itself for one no form has)."""
    labels = current_app.extensions.get("field_labels")
    if labels is None:
        labels = current_app.extensions["field_labels"] = _labels_of(FlaskForm, {})
    return str(labels.get(name, name.replace("_", " ").capitalize()))


def sent_form() -> SentForm | None:
    """What a failed form POST sent, without secrets; None if it sent no text."""
    if request.method != "POST" or request.mimetype not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return None
    try:
        form, files = request.form, request.files
    except Exception:  # the body cannot be read again (cut off, too large): nothing to give back
        return None
    sent = SentForm(complete=not any(upload.filename for upload in files.values()))
    for name, values in form.lists():
        if SECRET_FIELD.search(name):
            sent.complete = sent.complete and name == "csrf_token"
            continue
        if len(values) == 1 and (len(values[0]) > 40 or any(space in values[0] for space in " \n")):
            sent.shown.append((name, field_label(name), values[0]))
        else:
            sent.hidden.extend((name, value) for value in values)
    return sent if sent.shown else None


def _language_without_database() -> str:
    """The request's language found without a query: the one it has already settled on, else the
    logged-in person's setting if their account is in memory, else the switcher's or the browser's."""
    settled = getattr(g.get("_flask_babel"), "babel_locale", None)  # Flask-Babel's cache for this request
    if settled is not None:
        return settled.language
    state = inspect(g.get("_login_user"), raiseerr=False)  # Flask-Login's user, if it was loaded
    own = state.dict.get("locale") if state is not None else None  # only what is loaded: never a query
    if own in i18n.LANGUAGES:
        return own
    return i18n.chosen_before_login() or request.accept_languages.best_match(i18n.LANGUAGES, i18n.DEFAULT)


def answer_language(plain: bool) -> str:
    """The language of an error answer: the request's, found as usual unless the database may be down
    (``plain``), or found without the database when it is, or when finding it as usual fails."""
    if not plain:
        with contextlib.suppress(Exception):
            return i18n.language()
    return _language_without_database()


def _page(status: int, title: str, message: str, plain: bool, sent: SentForm | None = None) -> str:
    """The error page. ``plain``: without the database (no account, no navigation), which is also
    what a page that fails to render with them falls back to. ``sent``: a form's text to give back
    (by default, on server errors, what the request sent)."""
    context = {"status": status, "title": str(title), "message": str(message), "sent": sent}
    if status >= 500 and sent is None:
        context["sent"] = sent_form()
    if not plain:
        try:
            return render_template("errors/error.html", **context)
        except Exception as error:  # the navigation needs the database; the plain page does not
            current_app.logger.warning("Error page shown without navigation: %s", failures.describe(error))
    # Not render_template: its context processors load the logged-in person from the database.
    return current_app.jinja_env.get_template("errors/plain.html").render(context)


def error_response(
    status: int, title: str | None = None, message: str | None = None, headers=(), plain=False, sent=None
):
    """The answer for an error of ``status``: JSON for a script, else the page, in the request's language
    (``answer_language``). Defaults come from MESSAGES (MESSAGES_FOR_WRITES for a request that was sending
    something)."""
    if request.endpoint in LOGIN_ENDPOINTS and status in MESSAGES_FOR_LOGINS:
        wording = MESSAGES_FOR_LOGINS
    elif request.method in WRITES and status in MESSAGES_FOR_WRITES:
        wording = MESSAGES_FOR_WRITES
    else:
        wording = MESSAGES
    default_title, default_message = wording.get(status, MESSAGES[500])
    # Not ``title or …``: the defaults are lazy, and their words are chosen inside force_locale below.
    title = default_title if title is None else title
    message = default_message if message is None else message
    with force_locale(answer_language(plain)):
        if wants_json():
            response = jsonify(error=str(title), message=str(message))
        else:
            page = _page(status, title, message, plain, sent)
            response = current_app.response_class(page, mimetype="text/html")
    response.status_code = status
    response.headers.extend(headers)
    return response


def handle_http_error(error: HTTPException):
    """Any HTTP error, keeping the headers it carries that are not about its body (a 405's
    ``Allow``, a 429's ``Retry-After``)."""
    headers = [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]
    return error_response(error.code or 500, headers=headers)


def handle_too_large(error: RequestEntityTooLarge):
    """A request past ``MAX_CONTENT_LENGTH`` (a file too large): say what the limit is and that nothing was saved."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if limit:
        message = _(
            "Files up to %(size)s MB can be uploaded, and this one is larger, so nothing was saved. "
            "Go back, split the file or remove what is not needed, and try again.",
            size=i18n.format_number(limit / (1024 * 1024)),
        )
    else:
        message = _(
            "Files up to a limited size can be uploaded, and this one is larger, so nothing was saved. "
            "Go back, split the file or remove what is not needed, and try again."
        )
    return error_response(413, message=message)


def handle_csrf_error(error: CSRFError):
    """A form without a valid token: usually an expired page, so say so plainly, and give back
    what it sent to copy. Never to send again from here: the browser may now be logged in as
    someone else, who must not save another person's text as their own. A script (the offline
    sender) is told to ask for a fresh token and try again later (``retry``)."""
    if wants_json():
        message = _("Nothing was saved. Reload the page, or send it again with a fresh token.")
        return jsonify(error=_("This form has expired"), message=message, retry=True), 400
    sent = sent_form()
    if sent is not None:
        sent.complete = False
        message = _(
            "For your security, forms stop working after a while or when you log in again. "
            "Nothing was saved. Go back, reload the page and submit it again: your text is below, to copy first."
        )
    else:
        message = _(
            "For your security, forms stop working after a while or when you log in again. "
            "Nothing was saved. Go back, reload the page and submit it again."
        )
    return error_response(400, _("This form has expired"), message, sent=sent)


def handle_unauthorized():
    """Flask-Login's answer to a page that needs a login: 401 for a script, the login form for a browser."""
    if wants_json():
        abort(401)
    flash(str(login_manager.login_message), login_manager.login_message_category)  # lazy; the session keeps a str
    return redirect(login_url(login_manager.login_view, next_url=request.url))


def handle_unexpected(error: Exception):
    """Undo what the request wrote, then answer: 503 when the database cannot be reached, 507
    when the disk is full (one line in the log each), else log the failure (without request data)
    and answer 500.

    The rollback comes first: after a statement the database refused (PostgreSQL), the session's
    transaction is unusable, and rendering the page needs the database (the logged-in user).
    """
    language = _language_without_database()  # before the rollback, which unloads the person's account
    with contextlib.suppress(Exception):  # a connection that is gone cannot roll back, nor needs to
        db.session.rollback()
    failure = failures.classify(error)
    if failure is None:
        current_app.logger.exception("Unhandled error")
        with force_locale(language):
            return error_response(500)
    status = 503 if failure == failures.UNAVAILABLE else 507
    current_app.logger.error(
        "%s: answered %d to %s %s (%s)",
        "Database unavailable" if status == 503 else "Disk full",
        status,
        request.method,
        redact_address(request.path),
        failures.describe(error),
    )
    headers = [("Retry-After", str(RETRY_AFTER_SECONDS))] if status == 503 else []
    with force_locale(language):
        return error_response(status, headers=headers, plain=True)


def init_app(app: Flask) -> None:
    """Register the handlers."""
    login_manager.unauthorized_handler(handle_unauthorized)
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(RequestEntityTooLarge, handle_too_large)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
