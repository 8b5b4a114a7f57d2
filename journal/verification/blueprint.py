"""The verification blueprint: public pages, open to anyone, logged in or not."""

from flask import Blueprint

bp = Blueprint("verify", __name__)
