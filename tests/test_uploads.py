"""Decoding an uploaded file: UTF-8 text is read (its byte-order mark dropped); UTF-16, binary files
and bytes that are not UTF-8 are refused with a message that says why, and where."""

import pytest

from journal.uploads import UnreadableUpload, decode_upload

HINT = "Save the list as CSV (UTF-8)."
TEXT = "email,name,role\nzoë@example.org,Zoë Müller,intern\n"


def refusal(data: bytes) -> UnreadableUpload:
    with pytest.raises(UnreadableUpload) as caught:
        decode_upload(data, hint=HINT)
    return caught.value


@pytest.mark.parametrize(
    "data",
    [TEXT.encode("utf-8"), TEXT.encode("utf-8-sig"), b"\xef\xbb\xbf" + TEXT.encode()],
    ids=["utf-8", "utf-8 with a byte-order mark", "byte-order mark added by hand"],
)
def test_utf8_reads_as_text_without_the_byte_order_mark(data):
    assert decode_upload(data, hint=HINT) == TEXT


def test_only_the_leading_byte_order_mark_goes():
    assert decode_upload(b"\xef\xbb\xbfa,\xef\xbb\xbfb", hint=HINT) == "a,\ufeffb"


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf"], ids=["no bytes", "only a byte-order mark"])
def test_an_empty_file_is_empty_text(data):
    assert decode_upload(data, hint=HINT) == ""


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_refused_for_the_whole_file(encoding):
    data = ("\ufeff" if encoding != "utf-16" else "") + TEXT
    error = refusal(data.encode(encoding))
    assert str(error) == "the file is saved as UTF-16 text; save it as UTF-8 (in a spreadsheet, choose “CSV UTF-8”)."
    assert error.line == 0


@pytest.mark.parametrize(
    "data",
    [b"a,b\nc,\x00d\n", "email,name\n".encode("utf-16-le"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"],
    ids=["one nul byte", "utf-16 without a byte-order mark", "png"],
)
def test_a_nul_byte_means_not_text_and_says_what_to_save_as(data):
    error = refusal(data)
    assert str(error) == f"this is not a text file. {HINT}"
    assert error.line == 0


@pytest.mark.parametrize(
    ("data", "line"),
    [
        ("café\n".encode("latin-1"), 1),
        ("a,b\nc,d\r\ne,Zoë\nf,g\n".encode("latin-1"), 3),
        (b"a\n\n\n\n\xff", 5),
        (b"a\nb\n" + "€".encode()[:2], 3),
    ],
    ids=["first line", "third line, windows line ends", "last line", "cut off in the middle of a character"],
)
def test_bytes_that_are_not_utf8_name_their_line(data, line):
    error = refusal(data)
    assert error.line == line
    assert str(error) == (
        f"the file is not UTF-8 text (line {line} has a character that cannot be read). "
        "In your spreadsheet, choose “CSV UTF-8” when saving."
    )
    assert isinstance(error.__cause__, UnicodeDecodeError)
