"""The offline blueprint: the installable app's manifest, its service worker, the offline page and
the app's start address. Its routes decide their own access (most are public and name nobody)."""

from flask import Blueprint

bp = Blueprint("offline", __name__)
