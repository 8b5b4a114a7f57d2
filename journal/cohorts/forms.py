"""Forms for cohorts, invitations and roster upload."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    StopValidation,
    ValidationError,
)

from journal.cohorts.addresses import BadAddress, checked_address
from journal.models.cohorts import ROLE_LABELS
from journal.params import database_id
from journal.timezones import timezone_choices
from journal.typed_input import TypedDecimalField

ROLE_CHOICES = [SelectChoice(value, label) for value, label in ROLE_LABELS.items()]


class CohortForm(FlaskForm):
    """A cohort's details."""

    name = StringField(_l("Cohort name"), validators=[DataRequired(), Length(max=120)])
    host_site = StringField(
        _l("Host site"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("The hospital, clinic or programme that hosts the interns."),
    )
    country = StringField(_l("Country"), validators=[DataRequired(), Length(max=100)])
    start_date = DateField(_l("First day of the placement"), validators=[InputRequired()])
    end_date = DateField(_l("Last day of the placement"), validators=[InputRequired()])
    timezone = SelectField(_l("Time zone of the host site"), choices=timezone_choices)
    inactivity_threshold_days = IntegerField(
        _l("Alert supervisors after this many days without an entry"),
        default=3,
        validators=[InputRequired(), NumberRange(min=1, max=90, message=_l("Choose a number of days from 1 to 90."))],
    )
    requires_two_factor = BooleanField(
        _l("Require two-factor authentication for this cohort's supervisors and for coordinators"),
        description=_l("They set it up at their next page view and cannot turn it off while this is ticked."),
    )
    submit = SubmitField(_l("Save cohort"))

    def validate_end_date(self, field) -> None:
        """The placement cannot end before it starts."""
        if self.start_date.data and field.data and field.data < self.start_date.data:
            raise ValidationError(_("The last day must be on or after the first day."))


class NewCohortForm(CohortForm):
    """A new cohort's details and the framework version it will use (changed later from its page)."""

    framework_id = SelectField(
        _l("Competency framework"),
        coerce=int,
        description=_l("Interns collect evidence and ask for sign-off against this framework."),
    )


class FrameworkImportForm(FlaskForm):
    """A framework file to import (CSV, the app's JSON, or a CASE 1.1 CFPackage), uploaded or pasted, with its
    name."""

    name = StringField(
        _l("Framework name"),
        validators=[Optional(), Length(max=120)],
        description=_l(
            "Use an existing name to make its next version. A JSON file or CASE package may carry its own name."
        ),
    )
    description = TextAreaField(_l("Description (optional)"), validators=[Optional(), Length(max=2000)])
    upload = FileField(
        _l("Framework file (CSV, JSON or a CASE 1.1 package)"),
        validators=[FileAllowed(["csv", "json", "txt"], _l("Upload a .csv or .json file."))],
    )
    pasted = TextAreaField(
        _l("Or paste the file's contents"),
        validators=[Length(max=500_000)],
        description=_l("CSV, JSON or a CASE 1.1 package; leave empty when you upload a file."),
    )
    submit = SubmitField(_l("Check and import"))

    def validate_pasted(self, field) -> None:
        """Exactly one source: a file or pasted text."""
        has_file = bool(self.upload.data and getattr(self.upload.data, "filename", ""))
        if has_file and (field.data or "").strip():
            raise ValidationError(_("Upload a file or paste its contents, not both."))
        if not has_file and not (field.data or "").strip():
            raise ValidationError(_("Choose a file to upload, or paste the file's contents here."))


class AssignFrameworkForm(FlaskForm):
    """The framework version a cohort should use."""

    framework_id = SelectField(
        _l("Framework"),
        coerce=database_id,
        validate_choice=False,
        validators=[InputRequired(message=_l("Choose one of the frameworks listed."))],
    )
    return_to = HiddenField()
    submit = SubmitField(_l("Use this framework"))


def _usable_address(form, field) -> None:
    """Refuse an address that cannot receive email, saying what is wrong with it (journal.cohorts.addresses)."""
    try:
        checked_address(field.data or "")
    except BadAddress as error:
        raise StopValidation(_("%(reason)s Enter an email address like name@example.org.", reason=error)) from None


class InviteForm(FlaskForm):
    """Invite one person to the cohort."""

    email = EmailField(
        _l("Email"),
        validators=[DataRequired(), Length(max=254), _usable_address],
    )
    display_name = StringField(
        _l("Name (optional)"),
        validators=[Optional(), Length(max=120)],
        description=_l("Filled in for them on the invitation page; they can change it."),
    )
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, default="intern")
    submit = SubmitField(_l("Invite"))


class RoleForm(FlaskForm):
    """A member's new role in the cohort."""

    role = SelectField(_l("New role"), choices=ROLE_CHOICES)
    submit = SubmitField(_l("Change role"))


class RosterForm(FlaskForm):
    """A roster CSV file."""

    roster = FileField(
        _l("Roster file (CSV)"),
        validators=[
            FileRequired(_l("Choose a CSV file to upload.")),
            FileAllowed(["csv", "txt"], _l("Upload a .csv file.")),
        ],
        description=_l("One person per line: email,name,role — role is intern, supervisor or reviewer."),
    )
    submit = SubmitField(_l("Check and import"))


class ConfirmForm(FlaskForm):
    """A button that only carries the CSRF token."""

    submit = SubmitField(_l("Confirm"))


def _finite(form, field) -> None:
    """Refuse NaN and infinity, which Decimal reads but no comparison can use."""
    if field.data is not None and not field.data.is_finite():
        raise StopValidation(_("Give a number of hours from 0 to 10,000."))


def _minimum_field(label) -> IntegerField:
    return IntegerField(
        label,
        validators=[
            InputRequired(message=_l("Give a whole number (0 for none).")),
            NumberRange(min=0, max=1000, message=_l("Give a whole number from 0 to 1,000.")),
        ],
    )


class RequirementsForm(FlaskForm):
    """A cohort's credit requirements (choices: the competencies of the cohort's framework)."""

    min_clinical_hours = TypedDecimalField(
        _l("Minimum clinical hours"),
        places=2,
        validators=[
            InputRequired(message=_l("Give the minimum hours (0 for none).")),
            _finite,
            NumberRange(min=0, max=10000, message=_l("Give a number of hours from 0 to 10,000.")),
        ],
        description=_l("Hours logged on clinical observations. 0 means no minimum."),
    )
    # One whole label per kind (not "Minimum" and the kind's plural), so that each language words it its way.
    min_clinical_entries = _minimum_field(_l("Minimum clinical observations"))
    min_cultural_entries = _minimum_field(_l("Minimum cultural reflections"))
    min_ethics_entries = _minimum_field(_l("Minimum ethics notes"))
    competencies = SelectMultipleField(
        _l("Competencies that must be signed off at their required level"), coerce=int, choices=[], validate_choice=True
    )
