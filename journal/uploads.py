"""Turning an uploaded file's bytes into text, once, for the importers (roster, competency framework).

Spreadsheets save CSV in several ways; only UTF-8 (with or without a byte-order mark) is read.
Anything else is refused with a message the person can act on: which line holds the character
that cannot be read, or that the file is UTF-16 or not text at all.
"""

from flask_babel import gettext as _

UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


class UnreadableUpload(ValueError):
    """The file is not UTF-8 text; the message says why (in the current language), ``line`` where (0: the file
    as a whole)."""

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.line = line


def decode_upload(data: bytes, *, hint: str) -> str:
    """The file's text, without a UTF-8 byte-order mark; an empty file gives ``""``.

    ``hint`` is the sentence telling the person what to save a file that is not text as (e.g.
    “Save the roster as CSV (UTF-8) and upload that.”), already translated or lazy. Raises UnreadableUpload.
    """
    if data.startswith(UTF16_MARKS):
        raise UnreadableUpload(
            _("the file is saved as UTF-16 text; save it as UTF-8 (in a spreadsheet, choose “CSV UTF-8”).")
        )
    if b"\x00" in data:
        raise UnreadableUpload(_("this is not a text file. %(hint)s", hint=hint))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise UnreadableUpload(
            _(
                "the file is not UTF-8 text (line %(line)d has a character that cannot be read). "
                "In your spreadsheet, choose “CSV UTF-8” when saving.",
                line=line,
            ),
            line,
        ) from error
