"""The emails blueprint: the one-click unsubscribe page, open to anyone holding an email's link, logged in or not."""

from flask import Blueprint

bp = Blueprint("emails", __name__)
