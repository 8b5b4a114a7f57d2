"""Forms of the public verification page: a code typed in, a portfolio file to compare, or a digital
credential to check."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


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


class CredentialForm(FlaskForm):
    """A digital credential to check: pasted, or uploaded as a .json file; and, to compare with its
    subject, an email address (hashed with the credential's salt, never kept)."""

    credential = TextAreaField(
        _l("Paste the credential"),
        description=_l("The whole JSON text, from its opening brace to its closing brace."),
    )
    file = FileField(_l("Or choose its file (.json)"))
    email = EmailField(
        _l("Check an email address against it"),
        validators=[Optional(), Length(max=320)],
        description=_l("The address is hashed the way the credential's is and compared; it is not kept."),
    )

    def validate(self, extra_validators=None) -> bool:
        """Valid when a credential was pasted or a file chosen (and the rest is valid)."""
        if not super().validate(extra_validators):
            return False
        if not (self.credential.data or "").strip() and not self.file.data:
            self.credential.errors = [_l("Paste a credential or choose its .json file.")]
            return False
        return True
