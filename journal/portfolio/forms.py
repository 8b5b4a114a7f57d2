"""Forms for building portfolios. Whose portfolio and which cohort come from the
session and the URL; the intern chooses only the entries, the PDF's language and confirms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, PasswordField, SelectChoice, SelectField, SelectMultipleField
from wtforms.validators import DataRequired, Length, Optional

from journal.auth.passwords import MAX_LENGTH
from journal.i18n import LANGUAGES


class ChooseEntriesForm(FlaskForm):
    """The entries to include, each as ``id:version`` so an entry edited meanwhile is noticed."""

    entries = SelectMultipleField(
        _l("Entries to include"),
        choices=[],
        validate_choice=False,  # the service checks each entry and says plainly what changed
        validators=[DataRequired(message=_l("Choose at least one entry to include."))],
    )


class SubmitForm(ChooseEntriesForm):
    """The chosen entries again, the PDF's language, and the intern's confirmation of who will read them."""

    # Each language in its own name (and marked as written in it). Not sent (a form from before the choice
    # existed): the intern's language.
    language = SelectField(
        _l("Language of the PDF"),
        choices=[SelectChoice(code, name, render_kw={"lang": code}) for code, name in LANGUAGES.items()],
        validators=[Optional()],
        description=_l(
            "The PDF's headings and labels are written in this language; your entries stay as you wrote them."
        ),
    )
    confirm = BooleanField(
        _l(
            "I understand that the people listed above will be able to read this portfolio, "
            "and that it cannot be changed once submitted."
        ),
        validators=[DataRequired(message=_l("Tick the box to confirm who will read your portfolio."))],
    )
    # The entries whose suspected patient identifiers the intern confirmed identify nobody (entry ids).
    identifiers_ok = SelectMultipleField(_l("Checked"), choices=[], validate_choice=False)
    # Made when the preview is drawn and kept when it is drawn again: one submission per intent.
    idempotency_key = HiddenField()
    # Asked only when the password was not typed in the last 10 minutes (see journal.auth.reauth).
    password = PasswordField(
        _l("Your password"),
        validators=[Length(max=MAX_LENGTH)],
        description=_l("We ask for it again before anything leaves your journal."),
    )
