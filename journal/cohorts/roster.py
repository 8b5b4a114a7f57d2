"""Reading a roster CSV (``email,name,role``): every bad line is reported, nothing half-read."""

import csv
import io
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from journal.cohorts.addresses import BadAddress, checked_address
from journal.models import ROLES
from journal.uploads import UnreadableUpload, decode_upload

HEADER = ["email", "name", "role"]
MAX_LINES = 5000
NOT_TEXT_HINT = _l("Save the roster as CSV (UTF-8) and upload that.")
# The file the roster page shows as an example: codes and people's names, the same in every language.
EXAMPLE = "\n".join(
    [
        ",".join(HEADER),
        "amira.haddad@example.org,Amira Haddad,intern",
        "j.mwangi@example.org,Dr Joseph Mwangi,supervisor",
    ]
)


@dataclass(frozen=True)
class RosterRow:
    """One person to invite, from line ``line`` of the file."""

    line: int
    email: str
    name: str
    role: str


@dataclass(frozen=True)
class RosterProblem:
    """What is wrong with line ``line`` (0 for the file as a whole), in words (the importer's language)."""

    line: int
    reason: str


def _header_problem(cells: list[str]) -> str:
    """Why the first line is not the header, with a hint when the values are separated by semicolons."""
    if len(cells) == 1 and [cell.strip().lower() for cell in cells[0].split(";")] == HEADER:
        return _(
            "the values are separated by semicolons; save the file as “CSV UTF-8” (comma-separated) "
            "so that the first line reads email,name,role"
        )
    return _("the first line must be the header email,name,role")


def _check_line(number: int, cells: list[str], seen: dict[str, int]) -> RosterRow | RosterProblem:
    """Validate one data line."""
    if len(cells) != 3:
        return RosterProblem(number, _("expected 3 values (email, name, role), found %(found)d", found=len(cells)))
    email, name, role = (cell.strip() for cell in cells)
    if not email:
        return RosterProblem(number, _("the email is empty"))
    try:
        email = checked_address(email)
    except BadAddress as error:
        return RosterProblem(
            number, _("“%(email)s” is not a valid email address: %(reason)s", email=email[:80], reason=error)
        )
    if not name:
        return RosterProblem(number, _("the name is empty"))
    if len(name) > 120:
        return RosterProblem(number, _("the name is longer than 120 characters"))
    role = role.lower()
    if role not in ROLES:
        return RosterProblem(
            number, _("the role must be intern, supervisor or reviewer, not “%(role)s”", role=role[:40])
        )
    if email in seen:
        return RosterProblem(number, _("%(email)s is already on line %(line)d", email=email, line=seen[email]))
    seen[email] = number
    return RosterRow(number, email, name, role)


def parse_roster(data: bytes) -> tuple[list[RosterRow], list[RosterProblem]]:
    """Read the file into rows, or report every problem found.

    The first line must be the header ``email,name,role``. Blank lines are skipped.
    """
    try:
        text = decode_upload(data, hint=NOT_TEXT_HINT)
    except UnreadableUpload as error:
        reason = str(error)
        return [], [RosterProblem(error.line, reason[0].upper() + reason[1:])]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        lines = list(reader)
    except csv.Error:
        return [], [RosterProblem(reader.line_num, _("this line cannot be read as CSV (check its quotes)."))]
    if not lines or all(not any(cell.strip() for cell in line) for line in lines):
        return [], [
            RosterProblem(0, _("The file is empty. Add a header line email,name,role and one line per person."))
        ]
    if len(lines) > MAX_LINES:
        too_long = _("The file has more than %(max)d lines. Split it into smaller files.", max=MAX_LINES)
        return [], [RosterProblem(0, too_long)]
    if [cell.strip().lower() for cell in lines[0]] != HEADER:
        return [], [RosterProblem(1, _header_problem(lines[0]))]
    rows: list[RosterRow] = []
    problems: list[RosterProblem] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        result = _check_line(number, cells, seen)
        (rows if isinstance(result, RosterRow) else problems).append(result)
    if not rows and not problems:
        problems.append(RosterProblem(0, _("The file has a header but nobody in it.")))
    return rows, problems
