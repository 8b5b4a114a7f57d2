"""gunicorn settings for Intern Journal: ``gunicorn -c gunicorn.conf.py app:app`` (gunicorn also
reads this file by itself when started from the project root).

Workers, binding and timeouts stay on the command line (see the README). This file makes gunicorn's
logs safe to keep: its access log and its debug log print each address without the query string
(a search's words and a tag filter are entry text) and without an invitation's token, and the
access log never prints cookies or other credentials, whatever ``--access-logformat`` asks for
(see ``journal/logs.py``).
"""

from gunicorn.glogging import Logger

from journal.logs import REDACTED, redact_address, redact_request_line

# Request and response headers, and environ entries, that hold credentials or addresses.
_CREDENTIALS = ("cookie", "authorization", "csrf", "token")
_ADDRESSES = ("referer", "uri", "path_info", "query_string", "url")


class RedactingLogger(Logger):
    """gunicorn's logger, with the access log's atoms stripped of text and keys."""

    def atoms(self, resp, req, environ, request_time):
        """The usual atoms: request line, path and referer redacted, no query string, no credentials."""
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["r"] = redact_request_line(atoms["r"])
        atoms["U"] = redact_address(atoms["U"])
        atoms["f"] = redact_address(atoms["f"])
        atoms["q"] = ""
        for name, value in atoms.items():
            if name.startswith("{") and isinstance(value, str):
                if any(word in name for word in _CREDENTIALS):
                    atoms[name] = REDACTED
                elif any(word in name for word in _ADDRESSES):
                    atoms[name] = redact_address(value)
        return atoms


logger_class = RedactingLogger


def pre_request(worker, req):
    """gunicorn's own pre-request hook (a debug line per request), with the path redacted."""
    worker.log.debug("%s %s", req.method, redact_address(req.path))
