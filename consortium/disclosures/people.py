"""Who may be named on a record as an inventor or a beneficiary: the one eligibility rule.

A person named by account (``user_id``, or an e-mail typed on the disclosure form) must be
an active researcher of an organisation that may be party to the disclosure: the filing
organisation, and the active members of the disclosure's consortium when it names one.
Someone already named on the record stays nameable. Anyone else (an administrator, legal or
partner staff, a researcher of an unrelated organisation, an id that does not exist) gets
the same answer, so a request never tells whether an account exists or what it holds.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from workflows.errors import N_

from ..auth.models import Role, User
from ..extensions import db

#: the one answer for an unknown id and for a person who may not be named: identical, so
#: it tells nothing about which accounts exist
NOT_NAMEABLE = N_("not a person who can be named here")


def party_organization_ids(organization_id: int, consortium_id: int | None) -> set[int]:
    """The organisations that may be party to a disclosure of ``organization_id``."""
    parties = {organization_id}
    if consortium_id is not None:
        from ..consortia.models import Member
        parties.update(db.session.scalars(select(Member.organization_id).where(
            Member.consortium_id == consortium_id, Member.status == "active")))
    return parties


def nameable(user_ids: Iterable[int], parties: set[int],
             already: Iterable[int] = ()) -> dict[int, User]:
    """Those of ``user_ids`` who may be named: active researchers of ``parties``, and the
    people in ``already`` (named on the record before), by id."""
    wanted = set(user_ids)
    if not wanted:
        return {}
    kept = set(already)
    users = db.session.scalars(select(User).where(User.id.in_(wanted))).all()
    return {u.id: u for u in users
            if u.id in kept or (u.active and u.role == Role.researcher
                                and u.organization_id in parties)}


def nameable_by_email(email: str, parties: set[int], already: Iterable[int] = ()) -> int | None:
    """The id of the nameable person with this e-mail, else None (also when the address
    belongs to someone who may not be named: the caller treats both alike)."""
    user_id = db.session.scalar(select(User.id).where(User.email == email.strip().lower()))
    if user_id is None:
        return None
    return user_id if user_id in nameable([user_id], parties, already) else None
