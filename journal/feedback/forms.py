"""The comment form: only the text and, for a reply, the comment it answers."""

from flask_wtf import FlaskForm
from wtforms import IntegerField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from journal import intents
from journal.feedback.services import MAX_COMMENT
from journal.params import MAX_ID


class CommentForm(FlaskForm):
    """A comment, or a reply when ``parent_id`` is given. Author and entry come from the session and URL."""

    body = TextAreaField(
        "Your comment",
        validators=[
            DataRequired(message="Write something before sending."),
            Length(max=MAX_COMMENT, message=f"Keep it under {MAX_COMMENT:,} characters."),
        ],
    )
    parent_id = IntegerField(widget=HiddenInput(), validators=[Optional(), NumberRange(min=1, max=MAX_ID)])
    # Made when the form is shown: a comment sent again after its answer was lost is posted once.
    idempotency_key = intents.key_field()
