"""Forms for the account pages: only what a person may change about themselves."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectChoice, SelectField, StringField, SubmitField, ValidationError
from wtforms.validators import DataRequired, Length

from journal.auth.forms import NewPasswordMixin
from journal.auth.passwords import MAX_LENGTH
from journal.i18n import LANGUAGES
from journal.timezones import timezone_choices


class AccountForm(FlaskForm):
    """What a person may change about themselves."""

    display_name = StringField(_l("Display name"), validators=[DataRequired(), Length(max=120)])
    timezone = SelectField(
        _l("Time zone"),
        choices=timezone_choices,
        description=_l("Dates in your journal are counted in this time zone."),
    )
    locale = SelectField(_l("Language"), choices=[SelectChoice(code, name) for code, name in LANGUAGES.items()])
    submit = SubmitField(_l("Save changes"))


class PasswordChangeForm(NewPasswordMixin, FlaskForm):
    """Change of password, proven by the current one."""

    current_password = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=MAX_LENGTH)])
    submit = SubmitField(_l("Change password"))


# Typed as it is in every language, like a code (the labels and messages name it).
CONFIRM_WORD = "DELETE"


class DeleteAccountForm(FlaskForm):
    """Deleting one's own account: the choice about submitted portfolios, and the typed confirmation.

    ``email`` is the account's own address, which may be typed instead of the word.
    """

    keep_submissions = BooleanField(_l("Keep my submitted portfolios with the cohort"))
    confirm = StringField(
        _l("Type %(word)s (or your email address) to confirm", word=CONFIRM_WORD),
        validators=[DataRequired(message=_l("Type %(word)s to confirm.", word=CONFIRM_WORD)), Length(max=254)],
    )
    submit = SubmitField(_l("Delete my account"))

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.account_email = email

    def validate_confirm(self, field) -> None:
        """Accept the word in capitals, or the account's email in any case."""
        typed = (field.data or "").strip()
        if typed != CONFIRM_WORD and typed.lower() != self.account_email.lower():
            raise ValidationError(
                _("Type %(word)s in capital letters, or your email address, to confirm.", word=CONFIRM_WORD)
            )
