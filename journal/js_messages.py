"""The words the page scripts show (static/js), in the page's language.

Every page carries them as data (templates/_js_messages.html: ``<script type="application/json"
id="js-messages">``, which the content-security policy allows, as it runs nothing), and
static/js/messages.js reads them once for the scripts: ``t(key, values)``. Placeholders are named
(``%(title)s``) and filled by the script.

A message that depends on a number is sent once per plural category of the language, as the browser's
``Intl.PluralRules`` names them (``one``, ``many``, ``other``...): each the catalog's form for a number of
that category, with ``%(num)s`` left for the script to fill.

static/js/messages.js holds the same messages in English, for a page that comes without them (one kept on a
device by an earlier release): a message changed here is changed there too.
"""

from collections.abc import Callable
from functools import cache

from babel import Locale
from babel.support import NullTranslations
from flask import Flask
from flask_babel import get_translations
from flask_babel import gettext as _

from journal import i18n

# Numbers among which every plural category of a language has one (CLDR's integer samples).
_CANDIDATES = (1, 2, 0, 3, 5, 11, 21, 22, 100, 101, 1_000_000)


@cache
def plural_samples(language: str) -> dict[str, int]:
    """One number of each plural category of ``language`` that counting reaches: ``{"one": 1, "other": 2}``."""
    rule = Locale.parse(language).plural_form
    samples: dict[str, int] = {}
    for number in _CANDIDATES:
        samples.setdefault(rule(number), number)
    return samples


def _by_category(message: Callable[[NullTranslations, int], str]) -> dict[str, str]:
    """``message`` in each plural category of the current language: ``message(t, n)`` is the catalog's form
    for ``n`` (``t.ungettext(singular, plural, n)``, which fills in nothing: ``%(num)s`` stays for the script)."""
    translations = get_translations()
    return {category: message(translations, number) for category, number in plural_samples(i18n.language()).items()}


def for_page() -> dict[str, str | dict[str, str]]:
    """Every message of the page scripts, by key, in the current language."""
    return {
        # app.js: the "Copy" button next to an invitation link, once copied.
        "copied": _("Copied"),
        # portfolio.js
        "portfolio.selected": _("%(selected)s of %(total)s selected"),
        # identifier-marks.js: the words flagged, for screen readers; where they are ("In the title") and why.
        "marks.flagged": _("(flagged: %(text)s)"),
        "marks.where": _("%(place)s: %(reason)s"),
        # device-store.js; the error is the browser's name for it (QuotaExceededError).
        "device.noRoom": _("this browser has no room to keep it (%(error)s)"),
        # autosave.js: the status under an entry form.
        "autosave.kept.offline": _("Saved on this device (encrypted); it will be sent when you are back online."),
        "autosave.kept.login": _("Saved on this device (encrypted); it will be sent when you are logged in again."),
        "autosave.kept.server": _("Saved on this device (encrypted); it will be sent when the journal answers again."),
        "autosave.notKept.offline": _(
            "Not saved: you are offline, and this browser cannot keep your text safely. Keep this page open until "
            "you are back online."
        ),
        "autosave.notKept.login": _(
            "Not saved: you are logged out, and this browser cannot keep your text safely. Copy your text, then "
            "log in again."
        ),
        "autosave.notKept.server": _(
            "Not saved: the journal is not answering, and this browser cannot keep your text safely. Keep this "
            "page open and try again later."
        ),
        # A reason, shown after "Not saved:" or "could not be saved:"; the status is an HTTP code (413).
        "autosave.answered": _("the journal answered %(status)s. Copy your text, then reload the page."),
        "autosave.refusedKept": _("Text kept on this device could not be saved: %(reason)s"),
        "autosave.putBack": _("Put it back in the form"),
        "autosave.discard": _("Discard it"),
        "autosave.discarded": _("The text kept on this device was discarded."),
        "autosave.saved": _("Draft saved %(time)s"),
        "autosave.notSaved": _("Not saved: %(reason)s"),
        "autosave.noRoom": _(
            "Not saved: this device could not keep it (%(error)s). Keep this page open until you are back "
            "online, then save again."
        ),
        "autosave.waitingHere": _("This is waiting to be sent. Save it again to send your changes with it."),
        "autosave.restored": _("What you typed here on %(when)s is back in the form, kept on this device."),
        "autosave.savedFromDevice": _(
            "Text kept on this device was saved as your draft %(time)s: reload the page to restore it."
        ),
        # offline.js: entries waiting to be sent (the outbox). Reasons, shown after "Could not send “…”:".
        "outbox.refused.identifiers": _("it may contain patient identifiers. Open it to choose what to do."),
        "outbox.refused.gone": _("its entry is gone or no longer yours to edit. Open it to copy your text."),
        "outbox.refused.fields": _("some fields need changing. Open it to see which."),
        "outbox.refused.conflict": _("a newer version was saved elsewhere. Open it to compare the two."),
        "outbox.cannotOpen": _(
            "“%(title)s” cannot be opened now: it is kept on this device until the journal answers."
        ),
        "outbox.untitled": _("Untitled"),
        "outbox.sending": _by_category(
            lambda t, n: t.ungettext("Sending %(num)s entry…", "Sending %(num)s entries…", n)
        ),
        "outbox.conflict": _("An edit meets a newer version of its entry: opening both to compare."),
        "outbox.sent": _by_category(
            lambda t, n: t.ungettext(
                "Sent: %(num)s entry saved in your journal.", "Sent: %(num)s entries saved in your journal.", n
            )
        ),
        "outbox.openLast": _("Open the last one"),
        "outbox.couldNotSend": _("Could not send “%(title)s”: %(reason)s"),
        "outbox.openIt": _("Open it"),
        "outbox.waiting.offline": _by_category(
            lambda t, n: t.ungettext(
                "Offline — %(num)s entry waiting, it will be sent when you are back online.",
                "Offline — %(num)s entries waiting, they will be sent when you are back online.",
                n,
            )
        ),
        "outbox.waiting.server": _by_category(
            lambda t, n: t.ungettext(
                "%(num)s entry waiting, the journal is not answering; it will be sent when it does.",
                "%(num)s entries waiting, the journal is not answering; they will be sent when it does.",
                n,
            )
        ),
        "outbox.waiting.login": _by_category(
            lambda t, n: t.ungettext(
                "%(num)s entry waiting, log in again to send it.",
                "%(num)s entries waiting, log in again to send them.",
                n,
            )
        ),
        "outbox.waiting.account": _by_category(
            lambda t, n: t.ungettext(
                "%(num)s entry waiting, it belongs to the account that wrote it: log in as that account to send it.",
                "%(num)s entries waiting, they belong to the account that wrote them: log in as that account to "
                "send them.",
                n,
            )
        ),
        "outbox.offlineCopy": _(
            "Offline — this is the copy of this page kept on this device at %(when)s. What you save is kept here "
            "and sent when you are back online."
        ),
        "outbox.offline": _("Offline — what you save is kept on this device and sent when you are back online."),
        # The journal's list of entries waiting: a badge, then what is kept and since when.
        "outbox.badge.refused": _("could not be sent"),
        "outbox.badge.waiting": _("waiting to be sent"),
        "outbox.keptEdit": _("edit kept on this device %(when)s"),
        "outbox.keptNew": _("new entry kept on this device %(when)s"),
        # Read by screen readers after "Open it": which entry the button is for.
        "outbox.forEntry": _(": %(title)s"),
        "outbox.journalSaid": _("The journal said: %(reason)s"),
        "outbox.openToChange": _("Open it to change it"),
        "outbox.stillLoggedIn": _("You are offline, so you are still logged in: log out once you are back online."),
    }


def init_app(app: Flask) -> None:
    """Let templates write the messages into the page (``js_messages()``: templates/_js_messages.html)."""
    app.jinja_env.globals["js_messages"] = for_page
