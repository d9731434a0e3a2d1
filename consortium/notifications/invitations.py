"""Invitations by e-mail for people who must act but have no account yet."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from flask import current_app
from flask_babel import force_locale, format_date, get_locale
from sqlalchemy import select

from workflows.errors import N_

from .. import workflow
from ..audit.models import Event
from ..auth.models import User, signatory_id
from ..auth.services import EMAIL, create_user
from ..db import utcnow
from ..disclosures.models import Disclosure, Inventor
from ..disclosures.signers import inventor_joined
from ..documents.models import Document, RequiredSigner
from ..errors import Conflict, Invalid, NotFound
from ..extensions import db
from ..organizations.models import Organization
from .models import Invitation
from .services import notify, path_for, queue_mail
from .tokens import digest, new_token

#: how long an invitation link works
VALID_FOR = dt.timedelta(days=7)
PURPOSES = {
    "inventor": N_("You are listed as a co-inventor of %(record)s at %(organization)s. "
                   "Create your account to review and sign its documents."),
    "signatory": N_("You are named the authorised signatory of %(organization)s for "
                    "%(record)s. Create your account to sign for it."),
}

#: what accepting an invitation links, by purpose: ``link(invitation, user)``
LINKERS: dict[str, Callable[[Invitation, User], None]] = {}


def links(purpose: str):
    def register(fn: Callable[[Invitation, User], None]):
        LINKERS[purpose] = fn
        return fn
    return register


class _Invitee:
    """The person invited, as the mail templates address a user."""

    def __init__(self, name: str, email: str, language: str):
        self.id = None
        self.name, self.email, self.language = name, email, language


def _record_label(record_type: str | None, record_id: int | None) -> str:
    rt = workflow.REGISTRY.get(record_type or "")
    record = db.session.get(rt.model, record_id) if rt and record_id else None
    return rt.describe(record) if record is not None else ""


def invite(email: str, name: str, organization_id: int, role: str,
           record_type: str | None, record_id: int | None, purpose: str, *,
           language: str | None = None, now: dt.datetime | None = None) -> Invitation:
    """Invite ``email`` to an account of ``role`` in the organisation, bound to the record, in
    the current transaction; the mail with the single-use link goes out after commit. An
    invitation still open for the same address and record is reused (no second mail)."""
    now = now or utcnow()
    email = (email or "").strip().lower()
    if not EMAIL.match(email):
        raise Invalid({"email": N_("must be an e-mail address")})
    if not isinstance(purpose, str) or purpose not in PURPOSES:
        raise Invalid({"purpose": N_("must be inventor or signatory")})
    open_one = db.session.scalar(select(Invitation).where(
        Invitation.email == email, Invitation.record_type == record_type,
        Invitation.record_id == record_id, Invitation.accepted_at.is_(None),
        Invitation.expires_at > now))
    if open_one is not None:
        return open_one
    org = db.session.get(Organization, organization_id)
    if org is None:
        raise Invalid({"organization_id": N_("must be an existing organisation")})
    lang = language or str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])
    if lang not in current_app.config["LANGUAGES"]:
        lang = current_app.config["BABEL_DEFAULT_LOCALE"]
    token, hashed = new_token()
    inv = Invitation(email=email, name=name.strip()[:200] or email, organization_id=org.id,
                     role=role, record_type=record_type, record_id=record_id,
                     purpose=purpose, token_hash=hashed, language=lang, created_at=now,
                     expires_at=now + VALID_FOR)
    db.session.add(inv)
    invitee = _Invitee(inv.name, email, lang)
    params = {"record": _record_label(record_type, record_id), "organization": org.name}
    with force_locale(lang):
        expires = format_date(inv.expires_at.date(), "long")
    queue_mail(invitee, PURPOSES[purpose], params,  # type: ignore[arg-type]
               path_for("notifications.invitation", token=token), now=now,
               template="invitation", expires=expires)
    return inv


def open_invitation(token: Any, now: dt.datetime | None = None) -> Invitation:
    """The invitation of ``token``: 404 unknown, 409 used or expired."""
    now = now or utcnow()
    inv = db.session.scalar(select(Invitation).where(
        Invitation.token_hash == digest(token))) if isinstance(token, str) and token else None
    if inv is None:
        raise NotFound(N_("No such invitation."))
    if inv.accepted_at is not None:
        raise Conflict("invitation_used", N_("This invitation was already used. Sign in "
                                             "with the account it created."))
    if inv.expires_at <= now:
        raise Conflict("invitation_expired", N_("This invitation has expired. Ask the "
                                                "person who invited you to send a new one."))
    return inv


def accept(token: Any, password: Any, name: Any = None, *,
           now: dt.datetime | None = None) -> User:
    """Create the invited account in the invitation's organisation and link it to the
    record (see :data:`LINKERS`); the link cannot be used again."""
    now = now or utcnow()
    inv = open_invitation(token, now)
    chosen = name.strip() if isinstance(name, str) and name.strip() else inv.name
    user = create_user(inv.email, chosen, password, inv.role, inv.organization_id)
    user.language = inv.language
    inv.accepted_at = now
    inv.user_id = user.id
    linker = LINKERS.get(inv.purpose)
    if linker is not None:
        linker(inv, user)
    db.session.flush()
    return user


@links("inventor")
def _link_inventor(inv: Invitation, user: User) -> None:
    """The inventor rows of the record listed with this address become the new user's."""
    if inv.record_type != "disclosure" or inv.record_id is None:
        return
    for row in db.session.scalars(select(Inventor).where(
            Inventor.disclosure_id == inv.record_id, Inventor.user_id.is_(None))):
        if (row.email or "").strip().lower() == inv.email:
            # linked, and added as a signer to what already awaits the inventors (the
            # assignment agreement they are named in as assigning)
            inventor_joined(row, user.id)


@links("signatory")
def _link_signatory(inv: Invitation, user: User) -> None:
    """The new account signs for its organisation, and is a required signer of what awaits
    that organisation's signature on the record it was invited for (an accession agreement
    that names it)."""
    org = db.session.get(Organization, inv.organization_id)
    if org is not None and org.signatory_user_id is None:
        org.signatory_user_id = user.id
    if inv.record_type != "consortium" or inv.record_id is None:
        return
    for doc in db.session.scalars(select(Document).where(
            Document.record_type == "consortium", Document.record_id == inv.record_id,
            Document.template == "accession_agreement", Document.superseded.is_(False))):
        issued = db.session.get(Event, doc.event_id) if doc.event_id else None
        admitted = (issued.data or {}).get("organization_id") if issued is not None else None
        if str(admitted) != str(inv.organization_id) or user.id in doc.required_signer_ids:
            continue
        position = max((s.position for s in doc.signers), default=-1) + 1
        doc.signers.append(RequiredSigner(user_id=user.id, position=position))


def invite_external_inventors(rt, record, outcome, user) -> None:
    """After a step on a disclosure: invite each co-inventor listed by e-mail without an
    account (once per address and disclosure)."""
    if rt.name != "disclosure" or outcome is None or not isinstance(record, Disclosure):
        return
    external = [i for i in record.inventors if not i.user_id and i.email]
    if not external:
        return
    for inv in external:
        org_id = inv.organization_id or record.organization_id
        invite(inv.email, inv.name, org_id, "researcher", rt.name, record.id, "inventor")


workflow.STEP_LISTENERS.append(invite_external_inventors)


def invite_new_signatory(rt, record, outcome, user) -> None:
    """After a party's admission: invite the signatory the decision names (by name and
    e-mail) when no account has that address, so that the accession agreement can be
    signed for the new member; an admission naming none, of a member with nobody who can
    sign, asks the lead's legal staff to invite one (``POST /api/v1/invitations``)."""
    if rt.name != "consortium" or outcome is None or outcome.trigger != "admit_member":
        return
    data = outcome.event.data if outcome.event is not None else {}
    org = db.session.get(Organization, int(data.get("organization_id") or 0))
    if org is None:
        return
    email = (data.get("signatory_email") or "").strip().lower()
    if email:
        if not EMAIL.match(email):
            raise Invalid({"signatory_email": N_("must be an e-mail address")})
        if db.session.scalar(select(User.id).where(User.email == email)) is None:
            invite(email, data.get("signatory_name") or email, org.id, "partner", rt.name,
                   record.id, "signatory")
        return
    if signatory_id(org) is None:
        lead_legal = db.session.scalars(select(User.id).where(
            User.organization_id == record.lead_organization_id, User.role == "legal",
            User.active.is_(True)))
        notify(list(lead_legal), "action",
               N_("%(record)s: %(organization)s has nobody with an account who can sign its "
                  "accession agreement: invite its signatory"),
               {"number": rt.key(record), "record": rt.describe(record),
                "organization": org.name},
               path_for(rt.endpoint, record_id=record.id), rt.name, record.id)


workflow.STEP_LISTENERS.append(invite_new_signatory)
