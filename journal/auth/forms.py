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
