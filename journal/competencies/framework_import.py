"""Reading a competency framework file, CSV or JSON: every problem is reported, nothing half-read.

CSV: a header ``domain,code,title,description,required_level`` (any order, any case; an
optional ``canmeds_role`` column), then one competency a line. JSON: ``{"name", "description",
"domains": [{"title", "canmeds_role", "competencies": [{"code", "title", "description",
"required_level"}]}]}``, or a flat ``{"competencies": [{"domain", "code", ...}]}``.
A CSV cell escaped so that a spreadsheet shows it as text (``'=...``, see ``journal.csvsafe``, as
the app's own download writes them) reads as the text it stands for.
The parsers return a ``ParsedFramework`` or raise ``FrameworkFileError`` with all problems.
"""

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from journal.csvsafe import text_of_cell
from journal.incoming import JSONInputError, parse_json
from journal.uploads import UnreadableUpload, decode_upload

CSV_COLUMNS = ("domain", "code", "title", "description", "required_level")
OPTIONAL_COLUMNS = ("canmeds_role",)
COMPETENCY_FIELDS = ("code", "title", "description", "required_level")
CODE_PATTERN = re.compile(r"[A-Za-z0-9._-]+")
MAX_LENGTH = {"domain": 120, "code": 20, "title": 200, "description": 2000, "CanMEDS role": 60}
MAX_COMPETENCIES = 500
NOT_TEXT_HINT = _l("Save the framework as CSV (UTF-8) or JSON.")


@dataclass(frozen=True)
class Problem:
    """What is wrong, and where: ``Line 4``, ``Competency 3 of domain “Communication”`` or ``File`` (both in
    the language of the request that read the file)."""

    where: str
    reason: str

    def __str__(self) -> str:
        """``Line 4: the code is empty``."""
        return f"{self.where}: {self.reason}"


class FrameworkFileError(ValueError):
    """The file cannot be imported; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


@dataclass
class ParsedCompetency:
    """One competency read from a file."""

    code: str
    title: str
    description: str
    required_level: int
    case_identifier: str | None = None  # its identifier in the CASE package read, kept to export it again


@dataclass
class ParsedDomain:
    """One domain read from a file, with its competencies in file order."""

    title: str
    canmeds_role: str = ""
    competencies: list[ParsedCompetency] = field(default_factory=list)
    case_identifier: str | None = None


@dataclass
class ParsedFramework:
    """A clean framework file: domains in file order, each with its competencies in order."""

    domains: list[ParsedDomain]
    name: str = ""
    description: str = ""
    case_identifier: str | None = None

    @property
    def competency_count(self) -> int:
        """How many competencies the file holds."""
        return sum(len(domain.competencies) for domain in self.domains)


def _file_problem(reason: str) -> FrameworkFileError:
    """An error about the file as a whole."""
    return FrameworkFileError([Problem(_("File"), reason)])


def _line(number: int) -> str:
    """Where a problem is in a CSV file: ``Line 4``."""
    return _("Line %(number)d", number=number)


def _text(data: str | bytes) -> str:
    """The file's text (pasted text as it is), without a byte-order mark; raises FrameworkFileError."""
    try:
        text = data.removeprefix("\ufeff") if isinstance(data, str) else decode_upload(data, hint=str(NOT_TEXT_HINT))
    except UnreadableUpload as error:
        raise _file_problem(str(error)) from None
    if not text.strip():
        raise _file_problem(_("the file is empty."))
    return text


def _too_long(label: str, value: str) -> str | None:
    """The reason ``value`` is too long for ``label`` (a key of MAX_LENGTH), or None."""
    if len(value) <= MAX_LENGTH[label]:
        return None
    figures = {"length": len(value), "most": MAX_LENGTH[label]}
    reasons = {
        "domain": _l("the domain is %(length)d characters long; the most is %(most)d", **figures),
        "code": _l("the code is %(length)d characters long; the most is %(most)d", **figures),
        "title": _l("the title is %(length)d characters long; the most is %(most)d", **figures),
        "description": _l("the description is %(length)d characters long; the most is %(most)d", **figures),
        "CanMEDS role": _l("the CanMEDS role is %(length)d characters long; the most is %(most)d", **figures),
    }
    return str(reasons[label])


def _level(value) -> int | str:
    """The required level as an int, or the reason it is not one."""
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
        return value
    text = value.strip() if isinstance(value, str) else json.dumps(value)
    if text in ("", "null"):
        return _("the required level is empty; use a whole number from 1 to 5")
    if re.fullmatch(r"[0-9]{1,3}", text) and 1 <= int(text) <= 5:
        return int(text)
    return _("the required level must be a whole number from 1 to 5, not “%(value)s”", value=text[:40])


class _Checker:
    """Checks competencies one by one, remembering codes and domains to find duplicates."""

    def __init__(self):
        self.problems: list[Problem] = []
        self.codes: dict[str, str] = {}  # code (case-folded) -> where it first appeared
        self.domains: dict[str, ParsedDomain] = {}
        self.count = 0

    def domain(self, where: str, title, role="") -> ParsedDomain | None:
        """The domain of this title (created on first sight), or None after reporting a problem."""
        title = title.strip() if isinstance(title, str) else ""
        role = role.strip() if isinstance(role, str) else ""
        reason = (
            _("the domain is empty") if not title else _too_long("domain", title) or _too_long("CanMEDS role", role)
        )
        if reason:
            self.problems.append(Problem(where, reason))
            return None
        found = self.domains.setdefault(title, ParsedDomain(title, role))
        if role and not found.canmeds_role:
            found.canmeds_role = role
        elif role and role != found.canmeds_role:
            reason = _(
                "the domain “%(title)s” has the CanMEDS role “%(first)s” elsewhere, “%(role)s” here",
                title=title,
                first=found.canmeds_role,
                role=role,
            )
            self.problems.append(Problem(where, reason))
        return found

    def competency(self, where: str, values: dict, domain: ParsedDomain | None) -> None:
        """Check one competency's values; add it to ``domain`` if they are all correct."""
        self.count += 1
        text = {name: values.get(name) for name in ("code", "title", "description")}
        not_text = {
            "code": _l("the code must be text"),
            "title": _l("the title must be text"),
            "description": _l("the description must be text"),
        }
        reasons = [str(not_text[name]) for name, value in text.items() if not isinstance(value, str | None)]
        code, title, description = ((value or "").strip() if isinstance(value, str) else "" for value in text.values())
        level = _level(values.get("required_level", ""))
        if not code:
            reasons.append(_("the code is empty"))
        elif len(code) > MAX_LENGTH["code"]:
            reasons.append(_too_long("code", code))
        elif not CODE_PATTERN.fullmatch(code):
            reasons.append(
                _("the code “%(code)s” may only hold letters, digits, dots, hyphens and underscores", code=code)
            )
        elif code.casefold() in self.codes:
            reasons.append(
                _("the code “%(code)s” is already used (%(where)s)", code=code, where=self.codes[code.casefold()])
            )
        else:
            self.codes[code.casefold()] = where[0].lower() + where[1:]
        reasons.append(_("the title is empty") if not title else _too_long("title", title))
        reasons.append(_too_long("description", description))
        reasons.append(level if isinstance(level, str) else None)
        reasons = [reason for reason in reasons if reason]
        self.problems.extend(Problem(where, reason) for reason in reasons)
        if domain is not None and not reasons:
            domain.competencies.append(ParsedCompetency(code, title, description, level))

    def result(self, name="", description="") -> ParsedFramework:
        """The parsed framework; raises FrameworkFileError if anything was wrong or nothing was found."""
        if not self.count and not self.problems:
            self.problems.append(Problem(_("File"), _("the file has no competencies.")))
        if self.count > MAX_COMPETENCIES:
            reason = _("the file has more than %(most)d competencies.", most=MAX_COMPETENCIES)
            self.problems.append(Problem(_("File"), reason))
        if self.problems:
            raise FrameworkFileError(self.problems)
        domains = [domain for domain in self.domains.values() if domain.competencies]
        return ParsedFramework(domains, name.strip() if isinstance(name, str) else "", description or "")


def _csv_records(text: str) -> list[tuple[int, list[str]]]:
    """Each CSV record with the line it starts on (as people count lines, from 1)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    records, previous = [], 0
    try:
        for cells in reader:
            records.append((previous + 1, cells))
            previous = reader.line_num
    except csv.Error:
        raise FrameworkFileError(
            [Problem(_line(previous + 1), _("this line cannot be read as CSV (check its quotes)."))]
        ) from None
    return records


def _csv_header(cells: list[str]) -> list[str]:
    """The column names of the header line; raises FrameworkFileError if it is not usable."""
    names = [cell.strip().lower() for cell in cells]
    reasons = []
    missing = [name for name in CSV_COLUMNS if name not in names]
    unknown = [name for name in names if name not in CSV_COLUMNS + OPTIONAL_COLUMNS]
    if missing:
        columns = ", ".join(missing)
        reasons.append(
            ngettext(
                "the header lacks the column %(columns)s",
                "the header lacks the columns %(columns)s",
                len(missing),
                columns=columns,
            )
        )
    if unknown:
        shown = ", ".join(_("“%(name)s”", name=name[:30]) for name in unknown)
        reasons.append(
            ngettext(
                "the header has unknown column %(columns)s",
                "the header has unknown columns %(columns)s",
                len(unknown),
                columns=shown,
            )
        )
    if len(set(names)) < len(names):
        reasons.append(_("the header names a column twice"))
    if len(names) == 1 and set(CSV_COLUMNS) <= {name.strip() for name in names[0].split(";")}:
        reasons = [_("the values are separated by semicolons; save the file as “CSV UTF-8” (comma-separated)")]
    if reasons:
        header = ",".join(CSV_COLUMNS)
        raise FrameworkFileError(
            [
                Problem(_line(1), _("%(reason)s (the header must be %(header)s)", reason=reason, header=header))
                for reason in reasons
            ]
        )
    return names


def parse_framework_csv(data: str | bytes) -> ParsedFramework:
    """Read a CSV framework file. Blank lines are skipped; raises FrameworkFileError."""
    records = _csv_records(_text(data))
    header = _csv_header(records[0][1])
    checker = _Checker()
    for line, cells in records[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        where = _line(line)
        if len(cells) != len(header):
            figures = {"expected": len(header), "columns": ", ".join(header), "found": len(cells)}
            if len(cells) > len(header):
                reason = _(
                    "expected %(expected)d values (%(columns)s), found %(found)d; put text that contains commas in "
                    "double quotes",
                    **figures,
                )
            else:
                reason = _("expected %(expected)d values (%(columns)s), found %(found)d", **figures)
            checker.count += 1
            checker.problems.append(Problem(where, reason))
            continue
        values = dict(zip(header, (text_of_cell(cell.strip()) for cell in cells), strict=True))
        domain = checker.domain(where, values["domain"], values.get("canmeds_role", ""))
        checker.competency(where, values, domain)
    return checker.result()


def _unknown_fields(item: dict, allowed: tuple[str, ...]) -> str | None:
    """The reason naming the keys of a JSON object that are not ``allowed`` (typos), or None."""
    unknown = [_("“%(name)s”", name=str(key)[:30]) for key in item if key not in allowed]
    if not unknown:
        return None
    return ngettext(
        "unknown field %(fields)s (known: %(known)s)",
        "unknown fields %(fields)s (known: %(known)s)",
        len(unknown),
        fields=", ".join(unknown),
        known=", ".join(allowed),
    )


def _check_items(
    checker: _Checker,
    items,
    list_where: str,
    where_of: Callable[[int], str],
    allowed: tuple[str, ...],
    domain=None,
) -> None:
    """Check a JSON list of competencies; ``list_where`` says where the list is and ``where_of(n)`` where its
    n-th competency is, for messages."""
    if not isinstance(items, list):
        checker.problems.append(Problem(list_where, _("“competencies” must be a list")))
        return
    for number, item in enumerate(items, start=1):
        where = where_of(number)
        if not isinstance(item, dict):
            checker.count += 1
            reason = _("each competency must be an object with code, title and so on")
            checker.problems.append(Problem(where, reason))
            continue
        if reason := _unknown_fields(item, allowed):
            checker.problems.append(Problem(where, reason))
        found = domain if domain is not None else checker.domain(where, item.get("domain"), item.get("canmeds_role"))
        checker.competency(where, item, found)


def _competency_in_list(number: int) -> str:
    """Where a competency of a flat JSON list is: ``Competency 3``."""
    return _("Competency %(number)d", number=number)


def _domain_places(domain: ParsedDomain | None, number: int) -> tuple[str, Callable[[int], str]]:
    """Where a JSON domain's list of competencies is, and where its n-th competency is: by the domain's
    title (``Competency 3 of domain “Communication”``), or by its number when the title is not usable."""
    if domain is not None:

        def by_title(n: int) -> str:
            return _("Competency %(number)d of domain “%(title)s”", number=n, title=domain.title)

        return _("Domain “%(title)s”", title=domain.title), by_title

    def by_number(n: int) -> str:
        return _("Competency %(number)d of domain %(domain)d", number=n, domain=number)

    return _("Domain %(number)d", number=number), by_number


def parse_framework_data(data) -> ParsedFramework:
    """Check an already decoded JSON document (also used for the built-in default framework)."""
    shape = _("the file must hold one JSON object with a list of “domains” (or of “competencies”)")
    if not isinstance(data, dict) or ("domains" in data) == ("competencies" in data):
        raise _file_problem(shape)
    checker = _Checker()
    if "competencies" in data:
        allowed = ("domain", "canmeds_role", *COMPETENCY_FIELDS)
        _check_items(checker, data["competencies"], "", _competency_in_list, allowed)
    elif not isinstance(data["domains"], list):
        raise _file_problem(shape)
    for number, item in enumerate(data.get("domains", []), start=1):
        where = _("Domain %(number)d", number=number)
        if not isinstance(item, dict):
            reason = _("each domain must be an object with a title and competencies")
            checker.problems.append(Problem(where, reason))
            continue
        if reason := _unknown_fields(item, ("title", "canmeds_role", "competencies")):
            checker.problems.append(Problem(where, reason))
        title = item.get("title")
        if isinstance(title, str) and title.strip() in checker.domains:
            reason = _("the domain “%(title)s” appears twice; give it one entry", title=title.strip())
            checker.problems.append(Problem(where, reason))
        if not item.get("competencies"):
            checker.problems.append(Problem(where, _("the domain has no competencies")))
        domain = checker.domain(where, title, item.get("canmeds_role", ""))
        list_where, where_of = _domain_places(domain, number)
        items = item.get("competencies", [])
        _check_items(checker, items, list_where, where_of, COMPETENCY_FIELDS, domain=domain or ParsedDomain(""))
    return checker.result(data.get("name", ""), data.get("description", ""))


# Reads a decoded 1EdTech CASE CFPackage (journal.competencies.case.importing.parse_case_package). The caller
# passes it in: that package builds on this module, so this module cannot import it.
PackageReader = Callable[[dict], ParsedFramework]


def parse_framework_json(data: str | bytes, read_package: PackageReader | None = None) -> ParsedFramework:
    """Read a JSON framework file; raises FrameworkFileError.

    A JSON object with a ``CFDocument`` key is a CASE CFPackage: it is read by ``read_package`` when given.
    """
    try:
        document = parse_json(_text(data))
    except JSONInputError as error:
        if error.too_deep:
            raise _file_problem(
                _("the JSON is nested too deeply to read; a framework needs only three levels.")
            ) from None
        if error.digits is not None:
            raise _file_problem(
                _(
                    "the number at line %(line)d, column %(column)d has %(digits)d digits; numbers may have at most "
                    "%(limit)d.",
                    line=error.line,
                    column=error.column,
                    digits=error.digits,
                    limit=error.limit,
                )
            ) from None
        if error.line is not None:
            raise _file_problem(
                _("this is not valid JSON (line %(line)d, column %(column)d).", line=error.line, column=error.column)
            ) from None
        raise _file_problem(_("this is not valid JSON.")) from None
    if read_package is not None and isinstance(document, dict) and "CFDocument" in document:
        return read_package(document)
    return parse_framework_data(document)


def parse_framework_file(
    data: str | bytes, filename: str = "", read_package: PackageReader | None = None
) -> ParsedFramework:
    """Read a file as JSON if its name ends in .json or its text starts with ``{``, else as CSV; a JSON
    object with a ``CFDocument`` key (a CASE CFPackage) by ``read_package``, when given.

    The bytes are decoded once, here; raises FrameworkFileError.
    """
    text = _text(data)
    if filename.lower().endswith(".json") or (not filename and text.lstrip().startswith(("{", "["))):
        return parse_framework_json(text, read_package)
    return parse_framework_csv(text)
