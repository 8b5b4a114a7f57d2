"""Reading a 1EdTech CASE 1.1 CFPackage as a new competency framework: every problem named by its JSON
path (``$.CFItems[3].identifier``) and by the item it is about (``naming``), nothing read from a package
until all of it is clean.

Three gates, cheapest first, so that a hostile package costs little: its size and shape (how many
items and associations, how long its lists, how deeply nested), then 1EdTech's schema
(``schema.validate_package``), then the app's own rules (unique identifiers; an ``isChildOf``
hierarchy without loops in which every item leads to the document; codes and lengths as
``framework_import`` wants them; required levels on the 1–5 entrustment scale). The app's rules run
even when the schema is not met, on the fields they can read (``shapes``), so both kinds of problem are
listed together, the schema's first; only a package without a readable CFDocument, or one whose
hierarchy does not yet hold together, is told that more checks follow once these are fixed.

How a package becomes a framework: the CFDocument is the framework; the items directly under it
that have children are its domains; every leaf below a domain, at any depth, is a competency of
that domain (the levels between are flattened, and counted as left out); leaves directly under the
document go into one domain named after it. Siblings are ordered by ``sequenceNumber``, then by their
place in ``CFItems``; an item with several parents belongs to the one it is met under first, reading
the hierarchy from the document down (sequence numbers order siblings, they say nothing between
parents). An item that is the parent of another is never a competency: one whose children all went
elsewhere is left out. A domain's CanMEDS role comes from an ``isRelatedTo`` association to one of the
seven roles, or to any role at a ``urn:canmeds:2015:`` address (as the export writes a role the
coordinator typed), a competency's
required level from the ``requiredScore`` extension of its rubric criterion (else 3). Identifiers
are kept, lowercased, so exporting the framework again gives the same ones
(``journal.competencies.case``), but only when the framework is imported under the package's own title:
under another name it is another framework, and gets identifiers of its own (``ParsedPackage.under_name``).
"""

import math
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext

from journal.competencies.case.identifiers import CANMEDS_URN
from journal.competencies.case.naming import Namer, cut
from journal.competencies.case.schema import validate_package
from journal.competencies.case.shapes import Shaped, shaped
from journal.competencies.framework_import import (
    CODE_PATTERN,
    MAX_COMPETENCIES,
    MAX_LENGTH,
    FrameworkFileError,
    ParsedCompetency,
    ParsedDomain,
    ParsedFramework,
    Problem,
    _too_long,
)
from journal.framework_words.translations import CANMEDS_ROLES
from journal.i18n import format_number
from journal.incoming import without_nul

MAX_ITEMS = MAX_COMPETENCIES * 4  # competencies with their domains and the levels between
MAX_ASSOCIATIONS = MAX_ITEMS * 4  # a parent link each, and room for CanMEDS and other relations
MAX_OTHER_LIST = MAX_ITEMS  # item types, rubric criteria and any other list
MAX_DEPTH = 32  # a CFPackage needs 8 levels; its free-form extensions are given some room
SHOWN_PROBLEMS = 50
DEFAULT_LEVEL = 3


@dataclass
class ParsedPackage(ParsedFramework):
    """A framework read from a CASE package, with how many of its codes were made up (items without a
    ``humanCodingScheme``) and how many of its items are in it as neither a domain nor a competency (levels
    between them, groups left empty)."""

    generated_codes: int = 0
    left_out: int = 0
    identifiers_kept: bool = True

    def under_name(self, name: str) -> None:
        """Keep the package's identifiers only if the framework is imported under the package's own title (the
        same framework, a new version); under another name it is a different framework, and forgets them so
        that the export gives it identifiers of its own (from its name and version)."""
        if name.strip() == self.name:
            return
        self.identifiers_kept = False
        self.case_identifier = None
        for domain in self.domains:
            domain.case_identifier = None
            for competency in domain.competencies:
                competency.case_identifier = None


@dataclass(frozen=True)
class PackageProblem(Problem):
    """A problem in a package: its JSON path, the reason, and what the path points at in words (``item``:
    an item's code and statement, an association's two ends; "" when nothing names it)."""

    item: str = ""


class PackageError(FrameworkFileError):
    """The package cannot be imported. ``problems`` lists the first SHOWN_PROBLEMS, then one line saying how
    many more there are; ``total`` counts them all. ``more_checks``: some of the app's rules could not run
    yet, so fixing these may bring others to light."""

    def __init__(self, problems: list[Problem], more_checks: bool = False):
        self.total = len(problems)
        self.more_checks = more_checks
        shown = problems[:SHOWN_PROBLEMS]
        if len(problems) > SHOWN_PROBLEMS:
            more = len(problems) - SHOWN_PROBLEMS
            shown.append(PackageProblem("…", ngettext("and %(num)d more problem", "and %(num)d more problems", more)))
        super().__init__(shown)


def _measure(document) -> tuple[int, int, str]:
    """How deeply ``document`` is nested, and its longest list other than the items and associations (its
    length and JSON-ish name); stops once it is deeper than MAX_DEPTH. Walks without recursion."""
    deepest, longest, longest_name = 0, 0, ""
    stack = [(document, 1, "$")]
    while stack:
        value, depth, name = stack.pop()
        if isinstance(value, dict):
            children = [(child, f"{name}.{key}") for key, child in value.items()]
        elif isinstance(value, list):
            children = [(child, f"{name}[]") for child in value]
            if len(value) > longest and name not in ("$.CFItems", "$.CFAssociations"):
                longest, longest_name = len(value), name
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        stack.extend((child, depth + 1, child_name) for child, child_name in children)
    return deepest, longest, longest_name


def _check_size(document: dict) -> None:
    """Refuse at once, with one problem, a package too large or too deep to check in a moment."""
    items, associations = document.get("CFItems"), document.get("CFAssociations")
    figures = {"most": MAX_ITEMS, "competencies": MAX_COMPETENCIES}
    if isinstance(items, list) and len(items) > MAX_ITEMS:
        reason = _(
            "the package has %(count)s items; the most a framework can have is %(most)s (%(competencies)s "
            "competencies with their domains).",
            count=format_number(len(items)),
            **{key: format_number(value) for key, value in figures.items()},
        )
        raise PackageError([Problem("$.CFItems", reason)])
    if isinstance(associations, list) and len(associations) > MAX_ASSOCIATIONS:
        reason = _(
            "the package has %(count)s associations; the most this app reads is %(most)s.",
            count=format_number(len(associations)),
            most=format_number(MAX_ASSOCIATIONS),
        )
        raise PackageError([Problem("$.CFAssociations", reason)])
    depth, longest, where = _measure(document)
    if depth > MAX_DEPTH:
        reason = _("the JSON is nested too deeply to read; a CASE package needs only eight levels.")
        raise PackageError([Problem("$", reason)])
    if longest > MAX_OTHER_LIST:
        reason = _(
            "this list has %(count)s entries; the most this app reads is %(most)s.",
            count=format_number(longest),
            most=format_number(MAX_OTHER_LIST),
        )
        raise PackageError([Problem(where.replace("[]", "[*]"), reason)])


def parse_case_package(document: dict) -> ParsedPackage:
    """Read a decoded CFPackage as a framework; raises PackageError (a FrameworkFileError) listing every
    problem, each with its JSON path."""
    _check_size(document)
    document = without_nul(document)  # as every JSON the app reads (journal.incoming); safe at this depth
    problems = [Problem(path, reason) for path, reason in validate_package(document)]
    readable = shaped(document)
    if readable is None:  # no CFDocument to hang the app's rules on: the schema has said why
        raise PackageError(_named(document, problems), more_checks=True)
    reader = _Reader(readable, complete=readable.complete)
    framework = reader.framework()
    problems += reader.problems
    if problems:
        more_checks = framework is None or not reader.complete
        raise PackageError(_named(document, problems), more_checks=more_checks)
    return framework


def _named(document: dict, problems: list[Problem]) -> list[Problem]:
    """Each problem with what its path points at, in words."""
    namer = Namer(document)
    return [PackageProblem(problem.where, problem.reason, namer.name(problem.where)) for problem in problems]


def _lower(link_or_object: dict) -> str:
    """The identifier of an object or link, lowercased (UUIDs are compared without case)."""
    return link_or_object["identifier"].lower()


class _Reader:
    """Reads a package (as ``shapes`` gives it: entries it cannot read are None), collecting every problem
    before giving up. ``complete`` is False when entries or lists were left out as unreadable: the checks
    that need the whole hierarchy are then left for later."""

    def __init__(self, package: Shaped, complete: bool = True):
        self.document = package.document
        self.document_id = _lower(self.document)
        self.items: list[dict | None] = package.items
        self.associations: list[dict | None] = package.associations
        self.rubrics: list[dict | None] = package.rubrics
        self.complete = complete
        self.problems: list[Problem] = []
        self.index: dict[str, int] = {}  # item identifier -> its place in CFItems
        self.parents: dict[str, list[tuple[float, int, str]]] = {}  # item -> (sequence, association, parent)
        self.groups: set[str] = set()  # the items some item isChildOf

    def problem(self, where: str, reason: str) -> None:
        self.problems.append(Problem(where, reason))

    def framework(self) -> ParsedPackage | None:
        """The framework the package describes, or None when ``problems`` stopped the reading before every
        rule could run (the rest needs a hierarchy that holds together). A framework with problems is not one
        to import either."""
        self.index_items()
        self.check_association_identifiers()
        self.read_hierarchy()
        if self.problems:
            return None
        children = self.children()
        if self.complete:
            self.check_reachable(children)
            if self.problems:
                return None
        return self.build(children)

    # -- identifiers and the hierarchy --

    def index_items(self) -> None:
        for number, item in enumerate(self.items):
            if item is None:
                continue
            identifier = _lower(item)
            if identifier == self.document_id:
                self.problem(f"$.CFItems[{number}].identifier", _("this is the document's identifier"))
            elif identifier in self.index:
                first = f"$.CFItems[{self.index[identifier]}]"
                self.problem(
                    f"$.CFItems[{number}].identifier",
                    _("the identifier “%(id)s” is already used by %(first)s", id=identifier, first=first),
                )
            else:
                self.index[identifier] = number

    def check_association_identifiers(self) -> None:
        seen: dict[str, int] = {}
        for number, association in enumerate(self.associations):
            if association is None:
                continue
            identifier = _lower(association)
            if identifier in seen:
                first = f"$.CFAssociations[{seen[identifier]}]"
                self.problem(
                    f"$.CFAssociations[{number}].identifier",
                    _("the identifier “%(id)s” is already used by %(first)s", id=identifier, first=first),
                )
            seen.setdefault(identifier, number)

    def read_hierarchy(self) -> None:
        """Every ``isChildOf`` association as an edge from an item to its parent; loops are problems."""
        for number, association in enumerate(self.associations):
            if association is None or association["associationType"] != "isChildOf":
                continue
            where = f"$.CFAssociations[{number}]"
            child, parent = _lower(association["originNodeURI"]), _lower(association["destinationNodeURI"])
            if child not in self.index:
                self.problem(
                    f"{where}.originNodeURI.identifier",
                    _("isChildOf must start from an item of this package; “%(id)s” is not one", id=child),
                )
            elif parent != self.document_id and parent not in self.index:
                self.problem(
                    f"{where}.destinationNodeURI.identifier",
                    _(
                        "isChildOf points at “%(id)s”, which is neither the document nor an item of this package",
                        id=parent,
                    ),
                )
            else:
                sequence = association.get("sequenceNumber", math.inf)
                self.parents.setdefault(child, []).append((sequence, number, parent))
                self.groups.add(parent)
        self.find_loops()

    def name(self, identifier: str) -> str:
        """An item as a message names it: its code, else its identifier."""
        item = self.items[self.index[identifier]]
        return (item.get("humanCodingScheme") or "").strip() or identifier

    def find_loops(self) -> None:
        """Report each loop of ``isChildOf`` once, at the association that closes it (depth-first, no recursion)."""
        done: set[str] = set()
        for start in self.parents:
            if start in done:
                continue
            path, on_path = [start], {start: 0}
            stack = [iter(self.parents.get(start, []))]
            while stack:
                edge = next(stack[-1], None)
                if edge is None:
                    stack.pop()
                    node = path.pop()
                    del on_path[node]
                    done.add(node)
                    continue
                _sequence, number, parent = edge
                if parent in on_path:
                    loop = [*path[on_path[parent] :], parent]
                    self.problem(
                        f"$.CFAssociations[{number}]",
                        _("isChildOf makes a loop: %(loop)s", loop=" → ".join(self.name(node) for node in loop)),
                    )
                elif parent != self.document_id and parent not in done:
                    on_path[parent] = len(path)
                    path.append(parent)
                    stack.append(iter(self.parents.get(parent, [])))

    def children(self) -> dict[str, list[str]]:
        """Each node's children in order. Read from the document down, depth first, siblings by sequenceNumber
        then place in CFItems; an item with several parents goes under the one it is met under first. Items
        no chain leads to from the document are in none (``check_reachable`` reports them)."""
        listed: dict[str, list[tuple[float, int, str]]] = {}
        for child, parents in self.parents.items():
            for sequence, _number, parent in parents:
                listed.setdefault(parent, []).append((sequence, self.index[child], child))
        placed: dict[str, list[str]] = {}
        met = {self.document_id}
        stack = [(self.document_id, iter(sorted(listed.get(self.document_id, []))))]
        while stack:
            node, kids = stack[-1]
            kid = next(kids, None)
            if kid is None:
                stack.pop()
            elif kid[2] not in met:
                child = kid[2]
                met.add(child)
                placed.setdefault(node, []).append(child)
                stack.append((child, iter(sorted(listed.get(child, [])))))
        return placed

    def check_reachable(self, children: dict[str, list[str]]) -> None:
        reached, waiting = set(), [self.document_id]
        while waiting:
            for child in children.get(waiting.pop(), []):
                reached.add(child)
                waiting.append(child)
        for identifier, number in self.index.items():
            if identifier not in reached:
                self.problem(
                    f"$.CFItems[{number}]",
                    _(
                        "the item “%(name)s” is not under the document: no chain of isChildOf associations leads "
                        "from it to the document",
                        name=self.name(identifier),
                    ),
                )

    # -- building the framework --

    def leaves(self, top: str, children: dict[str, list[str]]) -> list[str]:
        """The leaves under ``top`` in reading order (depth first, siblings in order)."""
        found, waiting = [], list(reversed(children.get(top, [])))
        while waiting:
            node = waiting.pop()
            if node in self.groups:
                waiting.extend(reversed(children.get(node, [])))
            else:
                found.append(node)
        return found

    def build(self, children: dict[str, list[str]]) -> ParsedPackage:
        levels, roles = self.required_levels(), self.canmeds_roles()
        title = (self.document["title"] or "").strip()
        if len(title) > MAX_LENGTH["domain"]:
            self.problem("$.CFDocument.title", _too_long_name(title))
        elif not title and self.document["title"] is not None:
            self.problem("$.CFDocument.title", _("the document's title is empty; it names the framework"))
        groups: list[tuple[str | None, list[str]]] = []  # (domain item or None for the document's, leaves)
        loose: list[str] = []
        for top in children.get(self.document_id, []):
            if top in self.groups:
                if leaves := self.leaves(top, children):  # a group whose children all went elsewhere is left out
                    groups.append((top, leaves))
            else:
                if not loose:
                    groups.append((None, loose))
                loose.append(top)
        domains = [self.domain(item, leaves, title, roles) for item, leaves in groups]
        self.check_domain_titles(domains, groups)
        generated = self.give_codes(domains)
        for domain in domains:
            for competency in domain.competencies:
                competency.required_level = levels.get(competency.case_identifier, DEFAULT_LEVEL)
        count = sum(len(domain.competencies) for domain in domains)
        if not count and self.complete:
            self.problem("$", _("the package has no competencies: no item is under the document."))
        elif count > MAX_COMPETENCIES:
            self.problem("$.CFItems", _("the package has more than %(most)d competencies.", most=MAX_COMPETENCIES))
        description = (self.document.get("description") or "").strip()
        left_out = len(self.index) - count - sum(1 for item, _leaves in groups if item is not None)
        return ParsedPackage(
            domains, title, description, self.document_id, generated_codes=generated, left_out=left_out
        )

    def domain(self, item_id: str | None, leaves: list[str], document_title: str, roles: dict) -> ParsedDomain:
        if item_id is None:
            domain = ParsedDomain(cut(document_title, MAX_LENGTH["domain"]))
        else:
            number = self.index[item_id]
            domain = ParsedDomain(
                self.title(number, MAX_LENGTH["domain"], "domain"), roles.get(item_id, ""), case_identifier=item_id
            )
        domain.competencies = [self.competency(leaf) for leaf in leaves]
        return domain

    def title(self, number: int, most: int, label: str) -> str:
        """An item's title: its abbreviatedStatement (too long is a problem), else its fullStatement cut to fit."""
        item = self.items[number]
        short = (item.get("abbreviatedStatement") or "").strip()
        if not short:
            if item["fullStatement"] is None:  # missing or not text: the schema has said so
                return (item.get("humanCodingScheme") or "").strip() or item["identifier"]
            title = cut(item["fullStatement"], most)
            if not title:
                self.problem(f"$.CFItems[{number}].fullStatement", _("the statement is empty"))
            return title
        if reason := _too_long(label, short):
            self.problem(f"$.CFItems[{number}].abbreviatedStatement", reason)
        return short

    def competency(self, identifier: str) -> ParsedCompetency:
        number = self.index[identifier]
        item = self.items[number]
        title = self.title(number, MAX_LENGTH["title"], "title")
        full = (item["fullStatement"] or "").strip()
        # The statement is the description only when it says more than the title (not merely its line breaks).
        description = full if " ".join(full.split()) != title else ""
        if reason := _too_long("description", description):
            self.problem(f"$.CFItems[{number}].fullStatement", reason)
        code = (item.get("humanCodingScheme") or "").strip()
        return ParsedCompetency(code, title, description, DEFAULT_LEVEL, case_identifier=identifier)

    def check_domain_titles(self, domains: list[ParsedDomain], groups: list) -> None:
        seen: dict[str, str] = {}
        for domain, (item_id, _leaves) in zip(domains, groups, strict=True):
            where = f"$.CFItems[{self.index[item_id]}]" if item_id else "$.CFDocument.title"
            if domain.title in seen:
                self.problem(
                    where,
                    _("another domain is titled “%(title)s” (%(first)s)", title=domain.title, first=seen[domain.title]),
                )
            seen.setdefault(domain.title, where)

    def give_codes(self, domains: list[ParsedDomain]) -> int:
        """Check the package's codes; give ``C1``, ``C2``… (skipping codes in use) to competencies without one.
        Returns how many were given."""
        used: dict[str, str] = {}
        for competency in (c for d in domains for c in d.competencies):
            if not competency.code:
                continue
            where = f"$.CFItems[{self.index[competency.case_identifier]}].humanCodingScheme"
            if reason := _too_long("code", competency.code):
                self.problem(where, reason)
            elif not CODE_PATTERN.fullmatch(competency.code):
                self.problem(
                    where,
                    _(
                        "the code “%(code)s” may only hold letters, digits, dots, hyphens and underscores",
                        code=competency.code,
                    ),
                )
            elif competency.code.casefold() in used:
                first = used[competency.code.casefold()]
                self.problem(
                    where, _("the code “%(code)s” is already used (%(where)s)", code=competency.code, where=first)
                )
            else:
                used[competency.code.casefold()] = where
        generated, number = 0, 0
        for competency in (c for d in domains for c in d.competencies if not c.code):
            number += 1
            while f"c{number}" in used:
                number += 1
            competency.code, generated = f"C{number}", generated + 1
        return generated

    def required_levels(self) -> dict[str, int]:
        """Each item's required level from the rubrics (``extensions.requiredScore``, 1 to 5); a bad one is a
        problem. The levels' own scores are not read: a registry's rubric may grade on any scale of its own."""
        levels: dict[str, int] = {}
        for r, rubric in enumerate(self.rubrics):
            for c, criterion in enumerate(rubric["CFRubricCriteria"] if rubric else []):
                if criterion is None:
                    continue
                where = f"$.CFRubrics[{r}].CFRubricCriteria[{c}]"
                required = (criterion.get("extensions") or {}).get("requiredScore")
                if required is None or "CFItemURI" not in criterion:
                    continue
                if isinstance(required, bool) or not isinstance(required, int) or not 1 <= required <= 5:
                    self.problem(
                        f"{where}.extensions.requiredScore",
                        _(
                            "the required score must be a whole number from 1 to 5, not %(value)s",
                            value=str(required)[:40],
                        ),
                    )
                else:
                    levels.setdefault(_lower(criterion["CFItemURI"]), required)
        return levels

    def canmeds_roles(self) -> dict[str, str]:
        """The CanMEDS role of each item linked by ``isRelatedTo`` to one of the seven roles (by name) or to a
        role at a ``urn:canmeds:2015:`` address (the name as given); a name too long to store is a problem."""
        roles: dict[str, str] = {}
        for number, association in enumerate(self.associations):
            if association is None or association["associationType"] != "isRelatedTo":
                continue
            destination = association["destinationNodeURI"]
            role = " ".join(destination["title"].split())
            if not role or (role not in CANMEDS_ROLES and not destination["uri"].startswith(CANMEDS_URN)):
                continue
            if reason := _too_long("CanMEDS role", role):
                self.problem(f"$.CFAssociations[{number}].destinationNodeURI.title", reason)
            roles.setdefault(_lower(association["originNodeURI"]), role)
        return roles


def _too_long_name(title: str) -> str:
    return _(
        "the document's title is %(length)d characters long; the most for a framework's name is %(most)d",
        length=len(title),
        most=MAX_LENGTH["domain"],
    )
