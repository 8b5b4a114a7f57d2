"""Stable identifiers and addresses for what a CASE package holds.

CASE names every document, item, association and definition by a UUID. An object imported from a CASE
package keeps the identifier it came with (``case_identifier``); every other one gets a name-based UUID
(version 5) under the project's own namespace, from a key that says what it is: the same framework
version gives the same identifiers on every export, on every server, after every restart, and nothing
random is stored. The keys leave the version out: a new version of a framework is a revision of the same
CFDocument with the same items (``version`` and ``lastChangeDateTime`` tell revisions apart), as the
identifiers kept from an imported package stay the same across the versions imported from it. Keys are
``framework:{name}``, ``domain:{name}:{title}``, ``competency:{name}:{code}``,
``association:{origin}:{type}:{destination}``, ``canmeds:{role}``,
``item-type:{title}``, ``grouping:{title}`` and ``rubric…`` keys built on their parents' identifiers.
"""

import uuid

from journal.links import public_root
from journal.models import Competency, Domain, Framework

# The project's namespace for name-based UUIDs. Never change it: every exported identifier hangs on it.
NAMESPACE = uuid.UUID("6f1c2d0e-5b7a-4c3e-9a18-2f4d8e6b1c90")
CASE_PATH = "/ims/case/v1p1"
CANMEDS_URN = "urn:canmeds:2015:"  # where a domain's CanMEDS role points, whatever its name


def name_uuid(key: str) -> str:
    """The lowercase UUID for ``key`` under the project's namespace."""
    return str(uuid.uuid5(NAMESPACE, key))


def _kept(stored: str | None, key: str) -> str:
    """The identifier kept from an imported package (lowercased), else the one computed from ``key``."""
    return stored.lower() if stored else name_uuid(key)


def framework_id(framework: Framework) -> str:
    """The CFDocument identifier of a framework version."""
    return _kept(framework.case_identifier, f"framework:{framework.name}")


def domain_id(framework: Framework, domain: Domain) -> str:
    """The CFItem identifier of a domain."""
    return _kept(domain.case_identifier, f"domain:{framework.name}:{domain.title}")


def competency_id(framework: Framework, competency: Competency) -> str:
    """The CFItem identifier of a competency."""
    return _kept(competency.case_identifier, f"competency:{framework.name}:{competency.code}")


def association_id(origin: str, kind: str, destination: str) -> str:
    """The CFAssociation identifier of ``origin`` ``kind`` (``isChildOf``…) ``destination`` (identifiers)."""
    return name_uuid(f"association:{origin}:{kind}:{destination}")


def canmeds_id(role: str) -> str:
    """The identifier of a CanMEDS 2015 role, the same in every framework."""
    return name_uuid(f"canmeds:{role}")


def canmeds_urn(role: str) -> str:
    """``urn:canmeds:2015:health-advocate`` for ``Health Advocate``."""
    return CANMEDS_URN + "-".join(role.lower().split())


def item_type_id(title: str) -> str:
    """The CFItemType identifier of ``Domain`` or ``Competency``."""
    return name_uuid(f"item-type:{title}")


def grouping_id(title: str) -> str:
    """The CFAssociationGrouping identifier of a grouping title."""
    return name_uuid(f"grouping:{title}")


def rubric_id(document: str) -> str:
    """The CFRubric identifier of a framework's entrustment scale (from its CFDocument identifier)."""
    return name_uuid(f"rubric:{document}")


def criterion_id(rubric: str, item: str) -> str:
    """The CFRubricCriterion identifier for a competency (its CFItem identifier) in a rubric."""
    return name_uuid(f"rubric-criterion:{rubric}:{item}")


def level_id(criterion: str, score: int) -> str:
    """The CFRubricCriterionLevel identifier of a score in a criterion."""
    return name_uuid(f"rubric-level:{criterion}:{score}")


def case_uri(kind: str, identifier: str, public_url: str | None = None) -> str:
    """``{PUBLIC_URL}/ims/case/v1p1/{kind}/{identifier}``, ``kind`` being ``CFItems``, ``CFDocuments``…"""
    return f"{public_root(public_url)}{CASE_PATH}/{kind}/{identifier}"
