"""Entry forms: the common fields, plus those of each kind. Author, cohort and visibility are never form fields."""

import re
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_babel.speaklater import LazyString
from flask_wtf import FlaskForm
from wtforms import (
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

from journal import i18n, intents
from journal.entries.prompts import unfilled_prompts_removed
from journal.models.entries import INVOLVEMENTS, KINDS, PRINCIPLES, SETTINGS, THEMES, VISIBILITY_NAMES
from journal.params import MAX_PAGE
from journal.typed_input import TypedDateField, TypedDecimalField

MAX_TAGS = 10
TAG_PATTERN = re.compile(r"^[\w-]{1,40}$")


def _choices(labels: dict, blank=None) -> list[SelectChoice]:
    """The choices of a select field: each value with its (lazy) label, after a blank one when given."""
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
    """What every entry has (each kind's form names its kind)."""

    kind: str

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    occurred_on = TypedDateField(
        _l("Date it happened"), validators=[InputRequired()], description=_l("The local date, in your time zone.")
    )
    body = TextAreaField(
        _l("Your entry"),
        validators=[Length(max=50_000)],
        description=_l(
            "Markdown works: ## headings, **bold**, - lists. Write under the headings you want: "
            "those you leave empty are not saved."
        ),
    )
    tags = StringField(
        _l("Tags"),
        validators=[Optional(), Length(max=500)],
        description=_l("Separated by commas or spaces, e.g. malaria, night-shift"),
    )
    base_version = HiddenField()
    # Made when a new-entry form is first shown and sent back with it (also through a draft), so a
    # create sent again after its answer was lost finds the entry the first one made.
    idempotency_key = intents.key_field()
    submit = SubmitField(_l("Save entry"))

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def validate_occurred_on(self, field) -> None:
        """Never in the future (in the intern's own time zone)."""
        if field.data and field.data > self.today:
            raise ValidationError(_("The date cannot be in the future."))

    def validate_tags(self, field) -> None:
        """At most ten short tags of letters, digits and hyphens."""
        tags = parse_tags(field.data)
        if len(tags) > MAX_TAGS:
            raise ValidationError(ngettext("Use at most %(num)d tag.", "Use at most %(num)d tags.", MAX_TAGS))
        bad = [tag for tag in tags if not TAG_PATTERN.match(tag)]
        if bad:
            raise ValidationError(
                _("Tags use letters, digits and hyphens only (up to 40): %(tags)s", tags=", ".join(bad[:3]))
            )

    def content(self) -> dict:
        """The submitted content fields, the body without the prompt headings left empty (the
        boilerplate a new entry starts with is not the intern's text)."""
        fields = {
            name: field.data
            for name, field in self._fields.items()
            if name not in {"tags", "base_version", "idempotency_key", "submit", "csrf_token"}
        }
        return fields | {"body": unfilled_prompts_removed(fields["body"], self.kind)}


HOURS_RANGE = _l("Hours go from 0 to 24.")


def _finite_hours(form, field) -> None:
    """Refuse NaN and infinity, which Decimal reads but no comparison or arithmetic can use."""
    if field.data is not None and not field.data.is_finite():
        raise StopValidation(HOURS_RANGE)


class ClinicalForm(EntryForm):
    """A clinical observation."""

    kind = "clinical"

    setting = SelectField(
        _l("Setting"), choices=_choices(SETTINGS, _l("Choose…")), validators=[DataRequired(_l("Choose a setting."))]
    )
    specialty = StringField(
        _l("Specialty"), validators=[Optional(), Length(max=80)], description=_l("e.g. paediatrics, obstetrics")
    )
    involvement = SelectField(
        _l("My involvement"),
        choices=_choices(INVOLVEMENTS, _l("Choose…")),
        validators=[DataRequired(_l("Choose your involvement."))],
    )
    hours = TypedDecimalField(
        _l("Hours"),
        places=2,
        validators=[Optional(), _finite_hours, NumberRange(min=0, max=24, message=HOURS_RANGE)],
        description=_l(
            "In quarter hours, e.g. %(example)s or %(quarter)s",
            example=LazyString(i18n.format_number, Decimal("1.5")),
            quarter=LazyString(i18n.format_number, Decimal("0.25")),
        ),
        # A text box, not type=number: that one cannot show "2,5" to a French reader (typed_input).
        render_kw={"inputmode": "decimal", "autocomplete": "off"},
    )

    def validate_hours(self, field) -> None:
        """Quarter hours only (checked once the number is in range: arithmetic on 1e309 overflows)."""
        if field.data is not None and not field.errors and (field.data * 4) % 1 != 0:
            quarters = ", ".join(i18n.format_number(Decimal(n)) for n in ("0", "0.25", "0.5", "0.75"))
            raise ValidationError(_("Use quarter hours: %(quarters)s.", quarters=quarters))


class CulturalForm(EntryForm):
    """A cultural reflection."""

    kind = "cultural"

    theme = SelectField(
        _l("Theme"), choices=_choices(THEMES, _l("Choose…")), validators=[DataRequired(_l("Choose a theme."))]
    )


class EthicsForm(EntryForm):
    """An ethics note."""

    kind = "ethics"

    principles = SelectMultipleField(
        _l("Principles at stake"),
        choices=_choices(PRINCIPLES),
        widget=widgets.ListWidget(prefix_label=False),
        option_widget=widgets.CheckboxInput(),
        validators=[Optional()],
        description=_l("Tick every one that applies."),
    )


FORMS = {"clinical": ClinicalForm, "cultural": CulturalForm, "ethics": EthicsForm}


class VisibilityForm(FlaskForm):
    """One click to change who can read an entry."""

    visibility = HiddenField(validators=[DataRequired()])


class FilterForm(FlaskForm):
    """The journal list's filters (GET, no CSRF)."""

    class Meta:
        csrf = False

    kind = SelectField(_l("Kind"), choices=_choices(KINDS, _l("All kinds")), validators=[Optional()])
    visibility = SelectField(
        _l("Who can see"), choices=_choices(VISIBILITY_NAMES, _l("Anyone")), validators=[Optional()]
    )
    tag = StringField(_l("Tag"), validators=[Optional(), Length(max=40)])
    start = TypedDateField(_l("From"), validators=[Optional()])
    end = TypedDateField(_l("To"), validators=[Optional()])
    page = IntegerField(validators=[Optional(), NumberRange(min=1, max=MAX_PAGE)])
