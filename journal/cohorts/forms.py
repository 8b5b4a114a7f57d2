"""Forms for cohorts, invitations and roster upload."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DateField, EmailField, IntegerField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, ValidationError

from journal.models.cohorts import ROLE_LABELS
from journal.timezones import timezone_choices

ROLE_CHOICES = [SelectChoice(value, label) for value, label in ROLE_LABELS.items()]


class CohortForm(FlaskForm):
    """A cohort's details."""

    name = StringField("Cohort name", validators=[DataRequired(), Length(max=120)])
    host_site = StringField(
        "Host site",
        validators=[DataRequired(), Length(max=200)],
        description="The hospital, clinic or programme that hosts the interns.",
    )
    country = StringField("Country", validators=[DataRequired(), Length(max=100)])
    start_date = DateField("First day of the placement", validators=[InputRequired()])
    end_date = DateField("Last day of the placement", validators=[InputRequired()])
    timezone = SelectField("Time zone of the host site", choices=timezone_choices)
    inactivity_threshold_days = IntegerField(
        "Alert supervisors after this many days without an entry",
        default=3,
        validators=[InputRequired(), NumberRange(min=1, max=90, message="Choose a number of days from 1 to 90.")],
    )
    submit = SubmitField("Save cohort")

    def validate_end_date(self, field) -> None:
        """The placement cannot end before it starts."""
        if self.start_date.data and field.data and field.data < self.start_date.data:
            raise ValidationError("The last day must be on or after the first day.")


class InviteForm(FlaskForm):
    """Invite one person to the cohort."""

    email = EmailField(
        "Email",
        validators=[DataRequired(), Email(message="Enter an email address like name@example.org."), Length(max=254)],
    )
    display_name = StringField(
        "Name (optional)",
        validators=[Optional(), Length(max=120)],
        description="Filled in for them on the invitation page; they can change it.",
    )
    role = SelectField("Role", choices=ROLE_CHOICES, default="intern")
    submit = SubmitField("Invite")


class RosterForm(FlaskForm):
    """A roster CSV file."""

    roster = FileField(
        "Roster file (CSV)",
        validators=[FileRequired("Choose a CSV file to upload."), FileAllowed(["csv", "txt"], "Upload a .csv file.")],
        description="One person per line: email,name,role — role is intern, supervisor or reviewer.",
    )
    submit = SubmitField("Check and import")


class ConfirmForm(FlaskForm):
    """A button that only carries the CSRF token."""

    submit = SubmitField("Confirm")
