"""What the server tells the service worker about each page, so that a device keeps only its own
account's pages, and forgets them when that account leaves it.

Every page answers with ``X-Device-Owner``: the account's owner marker
(``journal.device_keys.owner_marker``: opaque, names nobody) when someone is logged in, ``-`` when
nobody is (the page after a logout, a login page). The worker keeps pages for one account at a
time: a page of another account, or of nobody, makes it forget every page it kept and the key that
sealed them. An error page of the server in trouble (5xx) says nothing, so a database outage never
wipes what the intern needs offline.

A page is kept only when its view calls ``keep_this_page()`` and it answers 200 with HTML to a GET:
the intern's journal, the new-entry forms, and entries the account wrote itself (read and edit).
Never another person's page: a shared entry by someone else, a supervisor's view, anything with
figures about other people.
"""

from flask import Flask, g, get_flashed_messages, jsonify, redirect, request
from flask_login import current_user

from journal import device_keys
from journal.errors import wants_json

OWNER_HEADER = "X-Device-Owner"
KEEP_HEADER = "X-Offline-Keep"
NOBODY = "-"
QUEUED = "outbox-queued"


def keep_this_page() -> None:
    """Let the device keep the page this request renders (the caller has checked it is the
    account's own: its journal, its forms, its entry)."""
    g.offline_keep = True


def saved(url: str):
    """The answer to a save that worked: to a browser's form, a redirect there; to the page's
    offline sender (a script), where the saved thing is, as JSON. The message flashed for the save
    waits for the page the script opens next, unless the save was one of the entries that waited
    on the device (``X-Requested-With: outbox-queued``): the page says how many were sent, and ten
    messages waiting for the next page would only bury it."""
    if not wants_json():
        return redirect(url)
    if request.headers.get("X-Requested-With") == QUEUED:
        get_flashed_messages()
    return jsonify(saved=True, url=url)


def _mark(response):
    """``after_request``: say whose page this is, and whether a device may keep it."""
    if request.endpoint == "static" or response.status_code >= 500:
        return response
    if current_user.is_authenticated:
        response.headers[OWNER_HEADER] = device_keys.owner_marker(current_user)
        if g.get("offline_keep") and request.method == "GET" and response.status_code == 200:
            if response.mimetype == "text/html":
                response.headers[KEEP_HEADER] = "1"
    else:
        response.headers[OWNER_HEADER] = NOBODY
    return response


def init_app(app: Flask) -> None:
    """Mark every answer for the service worker."""
    app.after_request(_mark)
