"""What logs may say: no entry text and no keys to an account, at any level.

Three things would otherwise write them:

- access logs print each request's address, and addresses carry entry text in their query string
  (a search's words, a tag filter) and the token of an invitation, a password reset or an unsubscribe
  link in its path; the Referer header repeats the address of the page before. ``redact_address``
  keeps the path and drops the rest; werkzeug's log (``flask run``, ``make run``) goes through
  ``AccessLineFilter``, gunicorn's through the logger class in ``gunicorn.conf.py``, which uses the same
  function;
- SQLAlchemy at DEBUG prints every row it reads (``Row (...)``: entries, comments, sessions) and
  the identity of a row it replaces in a flush (an entry's tag is part of its key).
  ``RowDataFilter`` drops those records, whatever the level (statement parameters are hidden by
  the engine option ``hide_parameters``, see ``journal.config``);
- anything else that logs an address or a request line goes through the same functions.

``init_app`` installs the filters once per process; they change nothing but these records.
"""

import logging
import re
import urllib.parse

# Path segments that are keys: whoever holds the address holds the account or the invitation.
SECRET_SEGMENTS = re.compile(r"^(/invitations/|/password/reset/|/email/unsubscribe/)[^/]+")
REDACTED = "[hidden]"
# "GET /path?query HTTP/1.1" in a log line. No word boundary before the method: werkzeug colours
# the line, and the escape code before it ends in a letter ("\x1b[32mPOST ...").
_REQUEST_LINE = re.compile(r"([A-Z]{3,7}) (\S+) (HTTP/\d(?:\.\d)?)")


def redact_address(address: str) -> str:
    """An address as logs may print it: the path without its query string or fragment, and with
    any key in it replaced; a full URL (a Referer) keeps its scheme and host."""
    if not address or address == "-":
        return address
    parts = urllib.parse.urlsplit(address)
    path = SECRET_SEGMENTS.sub(rf"\g<1>{REDACTED}", parts.path)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def redact_request_line(text: str) -> str:
    """``text`` with the address of every request line in it redacted."""
    return _REQUEST_LINE.sub(lambda m: f"{m.group(1)} {redact_address(m.group(2))} {m.group(3)}", text)


class AccessLineFilter(logging.Filter):
    """Redacts the request lines in werkzeug's records (its access log and its errors)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_request_line(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


class RowDataFilter(logging.Filter):
    """Drops SQLAlchemy's records that print data: the rows a query returned, and the identity of
    a row replaced in a flush. Statements, timings and the rest remain."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.msg != "Row %r" and "row switch for identity" not in str(record.msg)


def _install(logger: logging.Logger, kind: type[logging.Filter]) -> None:
    if not any(isinstance(existing, kind) for existing in logger.filters):
        logger.addFilter(kind())


def init_app(app) -> None:
    """Install the filters on the loggers that would print text or keys (once per process)."""
    _install(logging.getLogger("werkzeug"), AccessLineFilter)
    # The loggers SQLAlchemy's engines and mappers write to (with ``echo`` as well): a filter acts
    # only on records made by its own logger, so each gets one.
    _install(logging.getLogger("sqlalchemy.engine.Engine"), RowDataFilter)
    _install(logging.getLogger("sqlalchemy.orm.mapper.Mapper"), RowDataFilter)
