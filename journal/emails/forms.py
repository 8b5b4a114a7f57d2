"""The email settings form, and each kind of email in words: what it is about and who receives it."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, SelectMultipleField, SubmitField
from wtforms.validators import InputRequired

from journal.emails.preferences import applicable_kinds
from journal.models import DIGEST_CADENCES, EMAIL_KINDS, User

# What each kind of email is about, as the settings page and the unsubscribe page name it.
KIND_NAMES = {
    "comment": _l("Comments on your entries"),
    "signoff_decided": _l("Sign-off decisions"),
    "reminder": _l("Reminders to write"),
    "digest": _l("Supervisor digest"),
    "submission": _l("Portfolio submissions"),
    "invitation_expired": _l("Expired invitations"),
}
# Who receives each kind, and when (a person is offered only the kinds their roles can receive).
KIND_HELP = {
    "comment": _l("For interns: when a supervisor or a fellow intern comments on an entry you wrote."),
    "signoff_decided": _l("For interns: when a supervisor approves, returns or revokes one of your sign-offs."),
    "reminder": _l("For interns: a gentle reminder after some days without a new entry."),
    "digest": _l(
        "For supervisors: entries newly shared with you, sign-offs waiting for your decision and interns "
        "who have not written for a while, in one email."
    ),
    "submission": _l("For university reviewers: when an intern submits a portfolio or a new version of one."),
    "invitation_expired": _l("For coordinators: invitations that expired before anyone used them."),
}
CADENCE_NAMES = {"daily": _l("Every morning"), "weekly": _l("Every Monday morning")}


class EmailSettingsForm(FlaskForm):
    """Which kinds of email the person receives (the ticked ones), and how often the digest comes.

    It offers only the kinds that can reach ``user`` (``applicable_kinds``), and the cadence only with the
    digest: ``digest_cadence`` is None without it.
    """

    kinds = SelectMultipleField(
        _l("Emails you receive"),
        choices=[SelectChoice(kind, KIND_NAMES[kind]) for kind in EMAIL_KINDS],
        validate_choice=True,
    )
    digest_cadence = RadioField(
        _l("How often the supervisor digest comes"),
        choices=[SelectChoice(cadence, CADENCE_NAMES[cadence]) for cadence in DIGEST_CADENCES],
        validators=[InputRequired(message=_l("Choose how often the digest comes."))],
    )
    submit = SubmitField(_l("Save email settings"))

    def __init__(self, user: User, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.offered = applicable_kinds(user)
        self.kinds.choices = [SelectChoice(kind, KIND_NAMES[kind]) for kind in self.offered]
        if "digest" not in self.offered:
            del self.digest_cadence  # nothing to choose (and nothing saved) without the digest
