"""Forms for evidence, sign-off requests and decisions. Who asks, who decides and which request
come from the session and the URL, never from the form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectChoice, SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from journal.competencies.services import NOTE_MAX
from journal.models.competencies import LEVELS


def level_choices() -> list[SelectChoice]:
    """The levels of the scale with their words, in the reader's language (read when a form is shown)."""
    return [SelectChoice(n, f"{n} · {words}") for n, words in LEVELS.items()]


LEVEL_MESSAGE = _l("Choose a level from 1 to 5.")


class LevelField(SelectField):
    """The entrustment level, shown with its words; anything but 1–5 gets one plain message."""

    def process_formdata(self, valuelist) -> None:
        """Read the level; an unreadable value becomes None (refused by ``pre_validate``)."""
        if valuelist:
            try:
                self.data = int(valuelist[0])
            except ValueError:
                self.data = None

    def pre_validate(self, form) -> None:
        """Only the levels of the scale."""
        if self.data not in LEVELS:
            raise ValidationError(str(LEVEL_MESSAGE))


def _level_field(label, description="") -> LevelField:
    """A level select whose options carry the scale's words."""
    return LevelField(label, coerce=int, choices=level_choices, description=description)


class EvidenceForm(FlaskForm):
    """Which competencies an entry is evidence for (choices: the cohort framework's competencies)."""

    competencies = SelectMultipleField(_l("Evidence for"), coerce=int, choices=[], validate_choice=True)


class EntryChoiceForm(FlaskForm):
    """Which of the intern's entries are evidence for one competency (choices: the entries shown)."""

    entries = SelectMultipleField(_l("Evidence entries"), coerce=int, choices=[], validate_choice=True)


class RequestForm(FlaskForm):
    """The level the intern asks to be signed off at, and a short note."""

    level = _level_field(_l("Level you ask for"), _l("The entrustment level you believe the evidence shows."))
    note = TextAreaField(
        _l("Note for your supervisor (optional)"),
        validators=[Length(max=NOTE_MAX, message=_l("Keep the note to %(max)d characters or fewer.", max=NOTE_MAX))],
        description=_l("What the evidence shows; up to %(max)d characters.", max=NOTE_MAX),
    )


class ApproveForm(FlaskForm):
    """Approve at a level, with an optional note."""

    level = _level_field(_l("Level to sign off at"))
    note = TextAreaField(
        _l("Note to the intern (optional)"),
        validators=[Length(max=NOTE_MAX, message=_l("Keep the note to %(max)d characters or fewer.", max=NOTE_MAX))],
    )


class ReturnForm(FlaskForm):
    """Return with feedback (required)."""

    note = TextAreaField(
        _l("Feedback"),
        validators=[
            DataRequired(message=_l("Write the feedback the intern needs.")),
            Length(max=NOTE_MAX, message=_l("Keep the feedback to %(max)d characters or fewer.", max=NOTE_MAX)),
        ],
        description=_l("What is missing, or what to work on before asking again."),
    )


class RevokeForm(FlaskForm):
    """Revoke an approval: a reason and an explicit confirmation."""

    reason = TextAreaField(
        _l("Reason for revoking"),
        validators=[
            DataRequired(message=_l("Give the reason for revoking the sign-off.")),
            Length(max=NOTE_MAX, message=_l("Keep the reason to %(max)d characters or fewer.", max=NOTE_MAX)),
        ],
    )
    confirm = BooleanField(
        _l("I understand the competency will no longer count as signed off. The approval stays in the history."),
        validators=[DataRequired(message=_l("Tick the box to confirm the revocation."))],
    )
