"""Forms for building portfolios. Whose portfolio and which cohort come from the
session and the URL; the intern chooses only the entries and confirms."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, PasswordField, SelectMultipleField
from wtforms.validators import DataRequired, Length

from journal.auth.passwords import MAX_LENGTH


class ChooseEntriesForm(FlaskForm):
    """The entries to include, each as ``id:version`` so an entry edited meanwhile is noticed."""

    entries = SelectMultipleField(
        "Entries to include",
        choices=[],
        validate_choice=False,  # the service checks each entry and says plainly what changed
        validators=[DataRequired(message="Choose at least one entry to include.")],
    )


class SubmitForm(ChooseEntriesForm):
    """The chosen entries again, and the intern's confirmation of who will read them."""

    confirm = BooleanField(
        "I understand that the people listed above will be able to read this portfolio, "
        "and that it cannot be changed once submitted.",
        validators=[DataRequired(message="Tick the box to confirm who will read your portfolio.")],
    )
    # The entries whose suspected patient identifiers the intern confirmed identify nobody (entry ids).
    identifiers_ok = SelectMultipleField("Checked", choices=[], validate_choice=False)
    # Made when the preview is drawn and kept when it is drawn again: one submission per intent.
    idempotency_key = HiddenField()
    # Asked only when the password was not typed in the last 10 minutes (see journal.auth.reauth).
    password = PasswordField(
        "Your password",
        validators=[Length(max=MAX_LENGTH)],
        description="We ask for it again before anything leaves your journal.",
    )
