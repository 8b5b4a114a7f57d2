"""Forms for the account pages: only what a person may change about themselves."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField, SubmitField, ValidationError
from wtforms.validators import DataRequired, Length

from journal.auth.forms import NewPasswordMixin
from journal.auth.passwords import MAX_LENGTH
from journal.timezones import timezone_choices


class AccountForm(FlaskForm):
    """What a person may change about themselves."""

    display_name = StringField("Display name", validators=[DataRequired(), Length(max=120)])
    timezone = SelectField(
        "Time zone",
        choices=timezone_choices,
        description="Dates in your journal are counted in this time zone.",
    )
    submit = SubmitField("Save changes")


class PasswordChangeForm(NewPasswordMixin, FlaskForm):
    """Change of password, proven by the current one."""

    current_password = PasswordField("Current password", validators=[DataRequired(), Length(max=MAX_LENGTH)])
    submit = SubmitField("Change password")


CONFIRM_WORD = "DELETE"


class DeleteAccountForm(FlaskForm):
    """Deleting one's own account: the choice about submitted portfolios, and the typed confirmation.

    ``email`` is the account's own address, which may be typed instead of the word.
    """

    keep_submissions = BooleanField("Keep my submitted portfolios with the cohort")
    confirm = StringField(
        f"Type {CONFIRM_WORD} (or your email address) to confirm",
        validators=[DataRequired(message=f"Type {CONFIRM_WORD} to confirm."), Length(max=254)],
    )
    submit = SubmitField("Delete my account")

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.account_email = email

    def validate_confirm(self, field) -> None:
        """Accept the word in capitals, or the account's email in any case."""
        typed = (field.data or "").strip()
        if typed != CONFIRM_WORD and typed.lower() != self.account_email.lower():
            raise ValidationError(f"Type {CONFIRM_WORD} in capital letters, or your email address, to confirm.")
