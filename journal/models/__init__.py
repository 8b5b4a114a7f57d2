"""The data model, one module per aggregate."""

from journal.models.cohorts import ROLES, Cohort, Membership
from journal.models.entries import Draft, Entry, EntryRevision, EntryTag
from journal.models.invitations import Invitation
from journal.models.users import User, normalize_email

__all__ = [
    "ROLES",
    "Cohort",
    "Draft",
    "Entry",
    "EntryRevision",
    "EntryTag",
    "Invitation",
    "Membership",
    "User",
    "normalize_email",
]
