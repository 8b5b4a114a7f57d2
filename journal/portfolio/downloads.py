"""Sending a file as a download, with a file name in any script (RFC 6266 encoding)."""

import io

from flask import send_file


def attachment(data: bytes, mimetype: str, filename: str):
    """A response that saves ``data`` as ``filename``."""
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=filename)
