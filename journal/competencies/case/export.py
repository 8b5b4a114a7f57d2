"""A framework version as a 1EdTech CASE 1.1 package (CFPackage), for other systems to read.

The package follows ``tests/fixtures/case`` and the mapping in issue #18: the framework is the
CFDocument; each domain and each competency is a CFItem (``Domain`` / ``Competency`` item types), tied
by ``isChildOf`` associations in order; a domain's CanMEDS role is an ``isRelatedTo`` association to the
role (grouped as "CanMEDS 2015 roles"); the required levels are a rubric, "Entrustment scale", with one
criterion per competency and the five levels. The framework's words are written as stored; only the
default framework says its language (English): an imported one may be in any. The package is the
same on every export of the same version: identifiers are computed (``identifiers``), and every date is
the version's creation date, since a version never changes.
"""

from datetime import UTC, datetime

from flask_babel import force_locale

from journal.competencies.case import identifiers as ids
from journal.framework_words.default_framework import DEFAULT_FRAMEWORK
from journal.models import Competency, Domain, Framework
from journal.models.competencies import LEVELS
from journal.models.types import utcnow

CREATOR = "Intern Journal"
CASE_VERSION = "1.1"
DOMAIN_TYPE = ("Domain", "A group of competencies of the framework.", "1")
COMPETENCY_TYPE = ("Competency", "Something an intern should be able to do, with the level required.", "2")
CANMEDS_GROUPING = "CanMEDS 2015 roles"
RUBRIC_TITLE = "Entrustment scale"
RUBRIC_DESCRIPTION = "The entrustment level each competency requires, from 1 (observes only) to 5 (supervises others)."


def case_time(moment: datetime | None) -> str:
    """``2024-05-01T09:30:00+00:00``: a UTC time in the form CASE's dateTime takes."""
    moment = moment or utcnow()
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")


class _Writer:
    """Builds one package: remembers the framework, its CFDocument identifier, the time and the address."""

    def __init__(self, framework: Framework, public_url: str | None):
        self.framework = framework
        self.public_url = public_url
        self.document = ids.framework_id(framework)
        self.changed = case_time(framework.created_at)

    def uri(self, kind: str, identifier: str) -> str:
        return ids.case_uri(kind, identifier, self.public_url)

    def link(self, kind: str, identifier: str, title: str) -> dict:
        """A LinkURI: title, identifier and uri of something in this package."""
        return {"title": title, "identifier": identifier, "uri": self.uri(kind, identifier)}

    def document_entry(self) -> dict:
        framework = self.framework
        entry = {
            "identifier": self.document,
            "uri": self.uri("CFDocuments", self.document),
            "creator": CREATOR,
            "title": framework.name,
            "lastChangeDateTime": self.changed,
            "description": framework.description or "",
            "version": str(framework.version),
            "caseVersion": CASE_VERSION,
        }
        if framework.name == DEFAULT_FRAMEWORK["name"]:
            entry["language"] = "en"  # the app's own words; a coordinator's framework may be in any language
        return entry

    def item_type(self, spec: tuple[str, str, str]) -> dict:
        title, description, hierarchy = spec
        identifier = ids.item_type_id(title)
        return {
            "identifier": identifier,
            "uri": self.uri("CFItemTypes", identifier),
            "title": title,
            "description": description,
            "hierarchyCode": hierarchy,
            "lastChangeDateTime": self.changed,
        }

    def item_type_link(self, title: str) -> dict:
        return self.link("CFItemTypes", ids.item_type_id(title), title)

    def domain_item(self, domain: Domain, number: int) -> dict:
        identifier = ids.domain_id(self.framework, domain)
        return {
            "identifier": identifier,
            "uri": self.uri("CFItems", identifier),
            "fullStatement": domain.title,
            "CFItemType": DOMAIN_TYPE[0],
            "CFItemTypeURI": self.item_type_link(DOMAIN_TYPE[0]),
            "listEnumeration": str(number),
            "lastChangeDateTime": self.changed,
        }

    def competency_item(self, competency: Competency, number: int) -> dict:
        identifier = ids.competency_id(self.framework, competency)
        return {
            "identifier": identifier,
            "uri": self.uri("CFItems", identifier),
            "fullStatement": competency.description or competency.title,
            "abbreviatedStatement": competency.title,
            "humanCodingScheme": competency.code,
            "CFItemType": COMPETENCY_TYPE[0],
            "CFItemTypeURI": self.item_type_link(COMPETENCY_TYPE[0]),
            "listEnumeration": str(number),
            "lastChangeDateTime": self.changed,
        }

    def association(self, kind: str, origin: dict, destination: dict, number: int | None = None) -> dict:
        """An association between two LinkURIs; ``number`` is its sequenceNumber, if it has one."""
        identifier = ids.association_id(origin["identifier"], kind, destination["identifier"])
        entry = {
            "identifier": identifier,
            "uri": self.uri("CFAssociations", identifier),
            "associationType": kind,
            "originNodeURI": origin,
            "destinationNodeURI": destination,
            "lastChangeDateTime": self.changed,
        }
        if number is not None:
            entry["sequenceNumber"] = number
        return entry

    def canmeds_association(self, origin: dict, role: str) -> dict:
        """``origin`` isRelatedTo the CanMEDS role, in the CanMEDS grouping."""
        destination = {"title": role, "identifier": ids.canmeds_id(role), "uri": ids.canmeds_urn(role)}
        entry = self.association("isRelatedTo", origin, destination)
        entry["CFAssociationGroupingURI"] = self.link(
            "CFAssociationGroupings", ids.grouping_id(CANMEDS_GROUPING), CANMEDS_GROUPING
        )
        return entry

    def grouping(self, title: str) -> dict:
        identifier = ids.grouping_id(title)
        return {
            "identifier": identifier,
            "uri": self.uri("CFAssociationGroupings", identifier),
            "title": title,
            "description": "Each domain's CanMEDS 2015 role (Royal College of Physicians and Surgeons of Canada).",
            "lastChangeDateTime": self.changed,
        }

    def criterion(self, rubric: str, item: dict, competency: Competency, position: int) -> dict:
        """The rubric criterion of one competency: its required level, and the five levels of the scale."""
        identifier = ids.criterion_id(rubric, item["identifier"])
        with force_locale("en"):
            words = {score: str(text) for score, text in LEVELS.items()}
        levels = [
            {
                "identifier": ids.level_id(identifier, score),
                "uri": self.uri("CFRubricCriterionLevels", ids.level_id(identifier, score)),
                "quality": words[score],
                "score": score,
                "position": score,
                "rubricCriterionId": identifier,
                "lastChangeDateTime": self.changed,
            }
            for score in sorted(words)
        ]
        return {
            "identifier": identifier,
            "uri": self.uri("CFRubricCriteria", identifier),
            "description": f"Required level: {competency.required_level}",
            "CFItemURI": self.link("CFItems", item["identifier"], competency.title),
            "position": position,
            "rubricId": rubric,
            "lastChangeDateTime": self.changed,
            "CFRubricCriterionLevels": levels,
            "extensions": {"requiredScore": competency.required_level},
        }

    def package(self) -> dict:
        framework = self.framework
        document = self.document_entry()
        document_link = self.link("CFDocuments", self.document, framework.name)
        rubric = ids.rubric_id(self.document)
        items, associations, criteria = [], [], []
        canmeds_used = False
        for number, domain in enumerate(framework.domains, start=1):
            domain_item = self.domain_item(domain, number)
            items.append(domain_item)
            domain_link = self.link("CFItems", domain_item["identifier"], domain.title)
            associations.append(self.association("isChildOf", domain_link, document_link, number))
            if domain.canmeds_role:
                associations.append(self.canmeds_association(domain_link, domain.canmeds_role))
                canmeds_used = True
            for place, competency in enumerate(domain.competencies, start=1):
                item = self.competency_item(competency, place)
                items.append(item)
                link = self.link("CFItems", item["identifier"], competency.title)
                associations.append(self.association("isChildOf", link, domain_link, place))
                criteria.append(self.criterion(rubric, item, competency, len(criteria) + 1))
        definitions = {
            "CFConcepts": [],
            "CFSubjects": [],
            "CFLicenses": [],
            "CFItemTypes": [self.item_type(DOMAIN_TYPE), self.item_type(COMPETENCY_TYPE)],
            "CFAssociationGroupings": [self.grouping(CANMEDS_GROUPING)] if canmeds_used else [],
        }
        rubric_entry = {
            "identifier": rubric,
            "uri": self.uri("CFRubrics", rubric),
            "title": RUBRIC_TITLE,
            "description": RUBRIC_DESCRIPTION,
            "lastChangeDateTime": self.changed,
            "CFRubricCriteria": criteria,
        }
        return {
            "CFDocument": document,
            "CFItems": items,
            "CFAssociations": associations,
            "CFDefinitions": definitions,
            "CFRubrics": [rubric_entry],
        }


def case_package(framework: Framework, public_url: str | None = None) -> dict:
    """The framework version as a CASE 1.1 CFPackage, ready for ``json.dumps``.

    Load its domains and competencies first (``frameworks.framework_with_content``). Addresses start
    with ``public_url``, else the ``PUBLIC_URL`` setting (see ``journal.links.public_root``).
    """
    return _Writer(framework, public_url).package()


def filename(framework: Framework) -> str:
    """``framework-7-v2-case.json``: the download's file name."""
    return f"framework-{framework.id}-v{framework.version}-case.json"
