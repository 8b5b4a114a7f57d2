"""People who use the application."""

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.extensions import db
from journal.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from journal.models.cohorts import Membership


def normalize_email(email: str) -> str:
    """Return the form in which emails are stored and compared (trimmed, lower case)."""
    return email.strip().lower()


class User(UserMixin, db.Model):
    """An account. ``is_admin`` makes a coordinator: it grants management, never reading."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    # The person's language (journal/i18n.py), None until they choose one: until then, their browser's.
    locale: Mapped[str | None] = mapped_column(String(16), default=None)
    is_admin: Mapped[bool] = mapped_column(default=False)
    # How often a supervisor's digest email comes: "daily" or "weekly" (journal/models/mail.py).
    digest_cadence: Mapped[str] = mapped_column(String(8), default="daily", server_default="daily")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Two-factor authentication: a base32 TOTP secret once confirmed, and the last
    # time step accepted, so that a code seen once cannot be replayed.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    totp_last_step: Mapped[int | None] = mapped_column()
    # The key (random, base64url) that encrypts what this account's pages keep in a browser:
    # drafts that could not be sent wait there as ciphertext only its author's pages can read.
    # New accounts get one at once; older ones when they next use a page (journal/device_keys.py).
    device_key: Mapped[str | None] = mapped_column(String(64), default=lambda: secrets.token_urlsafe(32))

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def has_two_factor(self) -> bool:
        """Whether logging in asks for a code after the password."""
        return self.totp_enabled_at is not None

    def __repr__(self) -> str:
        return f"<User {self.id}>"


class UserSession(db.Model):
    """One logged-in browser. The cookie carries a random token; only its hash is stored,
    and deleting the row ends the session wherever the cookie is replayed."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_agent: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When the password was last typed in this session: sensitive acts ask again after 10 minutes.
    password_confirmed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<UserSession {self.id}>"


class RecoveryCode(db.Model):
    """A single-use code that stands in for the authenticator app; stored hashed."""

    __tablename__ = "recovery_codes"
    __table_args__ = (Index("ix_recovery_codes_user_id_code_hash", "user_id", "code_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def __repr__(self) -> str:
        return f"<RecoveryCode {self.id}>"
