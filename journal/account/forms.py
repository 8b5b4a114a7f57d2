"""Forms for the account pages: only what a person may change about themselves."""

from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField, SubmitField
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
