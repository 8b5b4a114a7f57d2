"""Forms for logging in and accepting an invitation, and the one rule for new passwords."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from journal.auth.passwords import MAX_LENGTH, MIN_LENGTH, password_problem


def acceptable_password(form, field) -> None:
    """WTForms validator applying the one password rule."""
    problem = password_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


class LoginForm(FlaskForm):
    """Email and password."""

    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=MAX_LENGTH)])
    submit = SubmitField(_l("Log in"))


class NewPasswordMixin:
    """A new password typed twice."""

    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), acceptable_password],
        description=_l(
            "At least %(min)d characters. A few unrelated words are easy to remember and hard to guess.", min=MIN_LENGTH
        ),
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords are not the same."))],
    )


class AcceptInvitationForm(NewPasswordMixin, FlaskForm):
    """The invitee's name and password."""

    display_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    submit = SubmitField(_l("Create my account"))


class CodeForm(FlaskForm):
    """The second step of logging in: a code from the authenticator app, or a recovery code."""

    code = StringField(
        _l("Code"),
        validators=[DataRequired(), Length(max=32)],
        description=_l("The 6-digit code your authenticator app shows now, or one of your recovery codes."),
    )
    submit = SubmitField(_l("Continue"))


class ConfirmPasswordForm(FlaskForm):
    """The password again, before an act that cannot be taken back."""

    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=MAX_LENGTH)])
    submit = SubmitField(_l("Confirm"))


class EnableTwoFactorForm(FlaskForm):
    """The first code from the newly set-up authenticator app."""

    code = StringField(
        _l("Code from the app"),
        validators=[DataRequired(), Length(max=32)],
        description=_l("After scanning, the app shows a 6-digit code that changes every 30 seconds."),
    )
    submit = SubmitField(_l("Turn on two-factor authentication"))


class DisableTwoFactorForm(FlaskForm):
    """Turning two-factor off needs the password and a current code."""

    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=MAX_LENGTH)])
    code = StringField(_l("Code from the app, or a recovery code"), validators=[DataRequired(), Length(max=32)])
    submit = SubmitField(_l("Turn off two-factor authentication"))
