"""The comment form: only the text and, for a reply, the comment it answers."""

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from journal import i18n, intents
from journal.feedback.services import MAX_COMMENT
from journal.params import MAX_ID


class CommentForm(FlaskForm):
    """A comment, or a reply when ``parent_id`` is given. Author and entry come from the session and URL."""

    body = TextAreaField(
        _l("Your comment"),
        validators=[
            DataRequired(message=_l("Write something before sending.")),
            # The number is written as the language writes numbers (5,000; 5000), when the message is shown.
            Length(
                max=MAX_COMMENT,
                message=_l("Keep it under %(num)s characters.", num=LazyString(i18n.format_number, MAX_COMMENT)),
            ),
        ],
    )
    parent_id = IntegerField(widget=HiddenInput(), validators=[Optional(), NumberRange(min=1, max=MAX_ID)])
    # Made when the form is shown: a comment sent again after its answer was lost is posted once.
    idempotency_key = intents.key_field()
