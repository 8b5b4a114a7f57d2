"""Entry forms: the common fields, plus those of each kind. Author, cohort and visibility are never form fields."""

import re
from datetime import date

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    widgets,
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

from journal import intents
from journal.models.entries import INVOLVEMENTS, KINDS, PRINCIPLES, SETTINGS, THEMES, VISIBILITY_NAMES
from journal.params import MAX_PAGE

MAX_TAGS = 10
TAG_PATTERN = re.compile(r"^[\w-]{1,40}$")


def _choices(labels: dict, blank: str | None = None) -> list[SelectChoice]:
    options = [SelectChoice(value, label) for value, label in labels.items()]
    return ([SelectChoice("", blank)] if blank else []) + options


def parse_tags(text: str) -> list[str]:
    """Tags from "ward-round, #malaria  vaccination": lower case, no #, no repeats, in order."""
    seen: list[str] = []
    for raw in re.split(r"[,\s]+", text or ""):
        tag = raw.strip().lstrip("#").lower()
        if tag and tag not in seen:
            seen.append(tag)
    return seen


class EntryForm(FlaskForm):
    """What every entry has."""

    title = StringField("Title", validators=[DataRequired(), Length(max=200)])
    occurred_on = DateField(
        "Date it happened", validators=[InputRequired()], description="The local date, in your time zone."
    )
    body = TextAreaField(
        "Your entry",
        validators=[Length(max=50_000)],
        description="Markdown works: ## headings, **bold**, - lists. Keep, fill or delete the prompts.",
    )
    tags = StringField(
        "Tags",
        validators=[Optional(), Length(max=500)],
        description="Separated by commas or spaces, e.g. malaria, night-shift",
    )
    base_version = HiddenField()
    # Made when a new-entry form is first shown and sent back with it (also through a draft), so a
    # create sent again after its answer was lost finds the entry the first one made.
    idempotency_key = intents.key_field()
    submit = SubmitField("Save entry")

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def validate_occurred_on(self, field) -> None:
        """Never in the future (in the intern's own time zone)."""
        if field.data and field.data > self.today:
            raise ValidationError("The date cannot be in the future.")

    def validate_tags(self, field) -> None:
        """At most ten short tags of letters, digits and hyphens."""
        tags = parse_tags(field.data)
        if len(tags) > MAX_TAGS:
            raise ValidationError(f"Use at most {MAX_TAGS} tags.")
        bad = [tag for tag in tags if not TAG_PATTERN.match(tag)]
        if bad:
            raise ValidationError(f"Tags use letters, digits and hyphens only (up to 40): {', '.join(bad[:3])}")

    def content(self) -> dict:
        """The submitted content fields."""
        return {
            name: field.data
            for name, field in self._fields.items()
            if name not in {"tags", "base_version", "idempotency_key", "submit", "csrf_token"}
        }


HOURS_RANGE = "Hours go from 0 to 24."


def _finite_hours(form, field) -> None:
    """Refuse NaN and infinity, which Decimal reads but no comparison or arithmetic can use."""
    if field.data is not None and not field.data.is_finite():
        raise StopValidation(HOURS_RANGE)


class ClinicalForm(EntryForm):
    """A clinical observation."""

    setting = SelectField(
        "Setting", choices=_choices(SETTINGS, "Choose…"), validators=[DataRequired("Choose a setting.")]
    )
    specialty = StringField(
        "Specialty", validators=[Optional(), Length(max=80)], description="e.g. paediatrics, obstetrics"
    )
    involvement = SelectField(
        "My involvement",
        choices=_choices(INVOLVEMENTS, "Choose…"),
        validators=[DataRequired("Choose your involvement.")],
    )
    hours = DecimalField(
        "Hours",
        places=2,
        validators=[Optional(), _finite_hours, NumberRange(min=0, max=24, message=HOURS_RANGE)],
        description="In quarter hours, e.g. 1.5 or 0.25",
        render_kw={"step": "0.25", "min": "0", "max": "24", "inputmode": "decimal"},
    )

    def validate_hours(self, field) -> None:
        """Quarter hours only (checked once the number is in range: arithmetic on 1e309 overflows)."""
        if field.data is not None and not field.errors and (field.data * 4) % 1 != 0:
            raise ValidationError("Use quarter hours: .0, .25, .5 or .75.")


class CulturalForm(EntryForm):
    """A cultural reflection."""

    theme = SelectField("Theme", choices=_choices(THEMES, "Choose…"), validators=[DataRequired("Choose a theme.")])


class EthicsForm(EntryForm):
    """An ethics note."""

    principles = SelectMultipleField(
        "Principles at stake",
        choices=_choices(PRINCIPLES),
        widget=widgets.ListWidget(prefix_label=False),
        option_widget=widgets.CheckboxInput(),
        validators=[Optional()],
        description="Tick every one that applies.",
    )


FORMS = {"clinical": ClinicalForm, "cultural": CulturalForm, "ethics": EthicsForm}


class VisibilityForm(FlaskForm):
    """One click to change who can read an entry."""

    visibility = HiddenField(validators=[DataRequired()])


class FilterForm(FlaskForm):
    """The journal list's filters (GET, no CSRF)."""

    class Meta:
        csrf = False

    kind = SelectField("Kind", choices=_choices(KINDS, "All kinds"), validators=[Optional()])
    visibility = SelectField("Who can see", choices=_choices(VISIBILITY_NAMES, "Anyone"), validators=[Optional()])
    tag = StringField("Tag", validators=[Optional(), Length(max=40)])
    start = DateField("From", validators=[Optional()])
    end = DateField("To", validators=[Optional()])
    page = IntegerField(validators=[Optional(), NumberRange(min=1, max=MAX_PAGE)])
