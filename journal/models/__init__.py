"""The data model, one module per aggregate."""

from journal.models.audit import AUDIT_ACTIONS, AuditEvent
from journal.models.cohorts import ROLES, Cohort, Membership
from journal.models.competencies import (
    LEVELS,
    Competency,
    Decision,
    Domain,
    Evidence,
    Framework,
    SignOffRequest,
    level_words,
)
from journal.models.credentials import CREDENTIAL_KINDS, IssuedCredential, StatusListDocument
from journal.models.entries import Draft, Entry, EntryRevision, EntryTag
from journal.models.feedback import Comment, EntryReview
from journal.models.invitations import Invitation
from journal.models.mail import (
    DIGEST_CADENCES,
    EMAIL_KINDS,
    EmailOptOut,
    OutgoingEmail,
    PasswordResetToken,
    ScheduledRun,
)
from journal.models.notifications import Notification
from journal.models.portfolio import CreditRequirements, ExportJob, Submission
from journal.models.users import RecoveryCode, User, UserSession, normalize_email

__all__ = [
    "AUDIT_ACTIONS",
    "CREDENTIAL_KINDS",
    "DIGEST_CADENCES",
    "EMAIL_KINDS",
    "LEVELS",
    "ROLES",
    "AuditEvent",
    "Cohort",
    "Comment",
    "Competency",
    "CreditRequirements",
    "Decision",
    "Domain",
    "EmailOptOut",
    "Draft",
    "Entry",
    "EntryReview",
    "EntryRevision",
    "EntryTag",
    "ExportJob",
    "Evidence",
    "Framework",
    "Invitation",
    "IssuedCredential",
    "Membership",
    "Notification",
    "OutgoingEmail",
    "PasswordResetToken",
    "RecoveryCode",
    "ScheduledRun",
    "SignOffRequest",
    "StatusListDocument",
    "Submission",
    "User",
    "UserSession",
    "level_words",
    "normalize_email",
]
