"""Forms of the public verification page: a code typed in, or a portfolio file to compare."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField
from wtforms.validators import DataRequired


class VerifyFileForm(FlaskForm):
    """A portfolio file (PDF or JSON) to compare with a submission."""

    file = FileField(
        _l("Portfolio file (PDF or JSON)"),
        validators=[FileRequired(message=_l("Choose the PDF or JSON file you want to check."))],
        description=_l("The file is compared with the submission and not kept."),
    )


class CodeForm(FlaskForm):
    """A verification code typed in (a GET form: nothing changes)."""

    class Meta:
        csrf = False

    code = StringField(
        _l("Verification code"),
        validators=[DataRequired(message=_l("Type the verification code printed on the portfolio."))],
        description=_l(
            "Twelve letters and digits, printed at the foot of every page, for example %(example)s.",
            example="7K4M-Q2XD-9PTB",
        ),
    )
