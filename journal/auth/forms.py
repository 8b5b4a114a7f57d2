"""Forms for logging in and accepting an invitation, and the one rule for new passwords."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from journal.auth.passwords import MAX_LENGTH, password_problem


def acceptable_password(form, field) -> None:
    """WTForms validator applying the one password rule."""
    problem = password_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


class LoginForm(FlaskForm):
    """Email and password."""

    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=MAX_LENGTH)])
    submit = SubmitField("Log in")


class NewPasswordMixin:
    """A new password typed twice."""

    password = PasswordField(
        "New password",
        validators=[DataRequired(), acceptable_password],
        description="At least 12 characters. A few unrelated words are easy to remember and hard to guess.",
    )
    confirm = PasswordField(
        "Repeat the new password",
        validators=[DataRequired(), EqualTo("password", message="The two passwords are not the same.")],
    )


class AcceptInvitationForm(NewPasswordMixin, FlaskForm):
    """The invitee's name and password."""

    display_name = StringField("Your name", validators=[DataRequired(), Length(max=120)])
    submit = SubmitField("Create my account")


class CodeForm(FlaskForm):
    """The second step of logging in: a code from the authenticator app, or a recovery code."""

    code = StringField(
        "Code",
        validators=[DataRequired(), Length(max=32)],
        description="The 6-digit code your authenticator app shows now, or one of your recovery codes.",
    )
    submit = SubmitField("Continue")


class ConfirmPasswordForm(FlaskForm):
    """The password again, before an act that cannot be taken back."""

    password = PasswordField("Password", validators=[DataRequired(), Length(max=MAX_LENGTH)])
    submit = SubmitField("Confirm")


class EnableTwoFactorForm(FlaskForm):
    """The first code from the newly set-up authenticator app."""

    code = StringField(
        "Code from the app",
        validators=[DataRequired(), Length(max=32)],
        description="After scanning, the app shows a 6-digit code that changes every 30 seconds.",
    )
    submit = SubmitField("Turn on two-factor authentication")


class DisableTwoFactorForm(FlaskForm):
    """Turning two-factor off needs the password and a current code."""

    password = PasswordField("Password", validators=[DataRequired(), Length(max=MAX_LENGTH)])
    code = StringField("Code from the app, or a recovery code", validators=[DataRequired(), Length(max=32)])
    submit = SubmitField("Turn off two-factor authentication")
