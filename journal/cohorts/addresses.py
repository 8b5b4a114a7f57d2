"""Checking an email address a coordinator types or a roster lists, and saying what is wrong with it.

email-validator finds what is wrong and says so in English; the reasons people meet most often are
put here in the reader's language, the rarer ones keep its words. Special-use domains such as
``.test`` do not accept email, so they are refused, except the demo's own domain (``DEMO_DOMAIN``,
the domain of ``journal.seed.demo``'s accounts) in development: there a coordinator trying the demo
may invite ``someone@demo.test``. Tests opt in with the ``ACCEPT_DEMO_DOMAIN`` setting.
"""

import re

from email_validator import EmailNotValidError, validate_email
from flask import current_app, has_app_context
from flask_babel import gettext as _

from journal.models import normalize_email

DEMO_DOMAIN = "demo.test"


class BadAddress(ValueError):
    """The address cannot be used; ``str()`` says why, in words for the person who typed it."""


def demo_domain_accepted() -> bool:
    """Whether addresses at DEMO_DOMAIN are accepted: in development, or where a test opts in."""
    if not has_app_context():
        return False
    config = current_app.config
    return bool(config.get("ACCEPT_DEMO_DOMAIN", config.get("APP_ENV") == "development"))


def checked_address(text: str) -> str:
    """The address, normalised (lower case, the form email-validator gives it), if it can be used.

    Raises BadAddress with the reason otherwise.
    """
    domain = text.rpartition("@")[2].strip().lower()
    demo = domain == DEMO_DOMAIN and demo_domain_accepted()
    try:
        # test_environment lets the special-use ``test`` domain through (and nothing else).
        valid = validate_email(text, check_deliverability=False, test_environment=demo)
    except EmailNotValidError as error:
        raise BadAddress(reason(str(error), domain)) from None
    return normalize_email(valid.normalized)


# email-validator's messages, and what the reader is told instead (``domain``: the part after the @-sign).
_SPECIAL_USE = "The part after the @-sign is a special-use or reserved name that cannot be used with email."
_EXACT = {
    "An email address must have an @-sign.": lambda domain: _("An email address must have an @-sign."),
    "There must be something before the @-sign.": lambda domain: _("There must be something before the @-sign."),
    "There must be something after the @-sign.": lambda domain: _("There must be something after the @-sign."),
    _SPECIAL_USE: lambda domain: _(
        "The domain name %(domain)s does not accept email: it is reserved for special uses such as testing.",
        domain=domain,
    ),
    "The part after the @-sign is not valid. It should have a period.": lambda domain: _(
        "The domain name %(domain)s is not complete: it should have a period, as in example.org.", domain=domain
    ),
    "The part after the @-sign is not valid. It is not within a valid top-level domain.": lambda domain: _(
        "The domain name %(domain)s does not end with a real top-level domain (such as .org).", domain=domain
    ),
    "An email address cannot have two periods in a row.": lambda domain: _(
        "An email address cannot have two periods in a row."
    ),
    "An email address cannot start with a period.": lambda domain: _("An email address cannot start with a period."),
    "An email address cannot end with a period.": lambda domain: _("An email address cannot end with a period."),
    "An email address cannot have a period immediately before the @-sign.": lambda domain: _(
        "An email address cannot have a period just before the @-sign."
    ),
    "An email address cannot have a period immediately after the @-sign.": lambda domain: _(
        "An email address cannot have a period just after the @-sign."
    ),
}
_CHARACTERS = re.compile(r"^The (email address|part after the @-sign) contains invalid characters.*?: (?P<chars>.+)\.$")
_TOO_LONG = re.compile(r"^The email address is too long")


def reason(message: str, domain: str) -> str:
    """What email-validator's ``message`` means, in the reader's language where it is one of the common ones."""
    if message in _EXACT:
        return _EXACT[message](domain[:80])
    found = _CHARACTERS.match(message)
    if found:
        return _(
            "The address contains characters an email address cannot have: %(characters)s.", characters=found["chars"]
        )
    if _TOO_LONG.match(message):
        return _("The email address is too long.")
    return _("This is not a valid email address: %(reason)s", reason=message)
