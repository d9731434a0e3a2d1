"""Users and API tokens."""
from __future__ import annotations

import datetime as dt
import enum

from flask_login import UserMixin
from sqlalchemy import Boolean, Enum, ForeignKey, String, case, event, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from workflows.errors import N_

from ..db import UTCDateTime, utcnow
from ..extensions import db
from ..organizations.models import Organization


class Role(enum.StrEnum):
    researcher = "researcher"
    legal = "legal"
    partner = "partner"
    admin = "admin"

    @property
    def label(self) -> str:
        """What the role is called on the pages (translatable)."""
        return ROLE_LABELS[self.value]


ROLE_LABELS = {"researcher": N_("Researcher"), "legal": N_("Legal and technology transfer"),
               "partner": N_("Partner"), "admin": N_("Administrator")}


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: stored lower-case; unique across the deployment
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(Enum(Role, native_enum=False, length=20))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    #: argon2id hash
    password_hash: Mapped[str] = mapped_column(String(200))
    #: job title printed under the signature line
    title: Mapped[str | None] = mapped_column(String(200))
    #: Kazakhstan's individual identification number (12 digits, check digit validated): an
    #: EDS certificate's ``SERIALNUMBER=IIN…`` must equal it
    iin: Mapped[str | None] = mapped_column(String(12))
    #: the language of this person's e-mails: chosen on the account page, else the one they
    #: last switched the pages to (None: the deployment's default)
    language: Mapped[str | None] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    organization: Mapped[Organization] = relationship(lazy="joined",
                                                      foreign_keys=[organization_id])

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    def to_dict(self) -> dict:
        return {"id": self.id, "email": self.email, "name": self.name, "role": self.role.value,
                "organization_id": self.organization_id, "title": self.title, "iin": self.iin}


def signatory_id(org: Organization) -> int | None:
    """The user who signs for ``org``: the one named, else the first partner, else first legal.

    One query, answered once per transaction: a transition asks it for every party of its
    record (documents, signers, contexts). Any change to a user forgets the answers. The
    query loads the whole user, so that printing the signatory's name costs no second one,
    and flushes nothing unless a user is being changed (only users decide the answer)."""
    if org.signatory_user_id:
        return org.signatory_user_id
    session = db.session()
    changing = any(isinstance(o, User)
                   for o in (*session.new, *session.dirty, *session.deleted))
    if changing:
        session.info.pop(_SIGNATORIES, None)  # a user is being changed: ask the database
    known = session.info.setdefault(_SIGNATORIES, {})
    if org.id in known:
        return known[org.id]
    stmt = (select(User).where(User.organization_id == org.id,
                               User.role.in_((Role.partner, Role.legal)),
                               User.active.is_(True))
            .order_by(case((User.role == Role.partner, 0), else_=1), User.id).limit(1))
    if changing:
        user = session.scalar(stmt)
    else:
        with session.no_autoflush:
            user = session.scalar(stmt)
    uid = user.id if user is not None else None
    known[org.id] = uid
    if user is not None:  # held for the transaction: the identity map alone keeps it weakly
        session.info.setdefault(_SIGNATORY_USERS, {})[uid] = user
    return uid


def known_signatories(orgs) -> None:
    """Find the signatories of all of ``orgs`` that :func:`signatory_id` does not know yet in
    one query, so that asking it for every party of a record costs one query, not one each."""
    session = db.session()
    if any(isinstance(o, User) for o in (*session.new, *session.dirty, *session.deleted)):
        session.info.pop(_SIGNATORIES, None)
    known = session.info.setdefault(_SIGNATORIES, {})
    ids = {o.id for o in orgs if o is not None and not o.signatory_user_id} - set(known)
    if not ids:
        return
    rows = db.session.execute(
        select(User.organization_id, User.id)
        .where(User.organization_id.in_(sorted(ids)),
               User.role.in_((Role.partner, Role.legal)), User.active.is_(True))
        .order_by(User.organization_id, case((User.role == Role.partner, 0), else_=1),
                  User.id))
    for org_id in ids:
        known[org_id] = None
    for org_id, uid in rows:
        if known[org_id] is None:
            known[org_id] = uid


#: ``session.info`` key of the signatories found in the current transaction
_SIGNATORIES = "consortium.signatories"
#: ``session.info`` key of the signatories' users that :func:`signatory_id` loaded
_SIGNATORY_USERS = "consortium.signatory_users"


@event.listens_for(Session, "after_transaction_end")
def _forget_signatories(session: Session, transaction) -> None:
    # not at the end of a flush's inner transaction (every flush opens one): the answers
    # would be forgotten in the middle of the transaction they are for
    if transaction.parent is None or transaction.nested:
        session.info.pop(_SIGNATORIES, None)
        session.info.pop(_SIGNATORY_USERS, None)


@event.listens_for(Session, "before_flush")
def _forget_signatories_when_users_change(session: Session, _context, _instances) -> None:
    if any(isinstance(o, User) for o in (*session.new, *session.dirty, *session.deleted)):
        session.info.pop(_SIGNATORIES, None)
        session.info.pop(_SIGNATORY_USERS, None)


class ApiToken(db.Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: SHA-256 of the token; the token itself is shown once and never stored
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(lazy="joined")


class WebSession(db.Model):
    """A signed-in browser: the cookie names a row, so deleting the row ends the session.

    Flask's cookie sessions cannot be taken back once issued; checking this row on every request
    is what makes signing out (here or everywhere) and a password change end them server-side."""
    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: SHA-256 of the random identifier kept in the session cookie
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
