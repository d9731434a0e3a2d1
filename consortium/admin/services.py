"""What an administrator changes about people: role, title, IIN, and whether they may sign in."""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select

from workflows.errors import N_, Text

from ..auth.models import Role, User
from ..auth.services import end_all_sessions, parse_iin
from ..errors import Forbidden, Invalid, NotFound
from ..extensions import db
from ..organizations.models import Organization
from ..validation import valid_id

__all__ = ["get_user", "list_users", "update_user", "user_dict"]

#: what an administrator may change about a person (their e-mail and organisation stay: a
#: person who moves to another organisation gets a new account, so their records stay theirs)
EDITABLE = ("name", "role", "title", "iin", "active")


def user_dict(user: User) -> dict:
    """A person as the administration API shows them."""
    return {**user.to_dict(), "active": user.active,
            "organization": user.organization.name if user.organization else None,
            "created_at": user.created_at.isoformat()}


def require_admin(actor: User) -> None:
    if actor.role != Role.admin:
        raise Forbidden(N_("Only an administrator can do this."))


def get_user(user_id: Any) -> User:
    user = db.session.get(User, user_id) if valid_id(user_id) else None
    if user is None:
        raise NotFound(N_("No such user."))
    return user


def list_users(q: str | None = None, organization_id: int | None = None,
               role: str | None = None, active: bool | None = None,
               page: int = 1, per_page: int = 50) -> tuple[list[User], int]:
    """People by name, e-mail or organisation, newest last; with the total for the pager."""
    stmt = select(User).join(Organization, User.organization_id == Organization.id)
    if q:
        like = f"%{q.lower()}%"
        stmt = stmt.where(or_(func.lower(User.name).like(like), User.email.like(like),
                              func.lower(Organization.name).like(like)))
    if organization_id:
        stmt = stmt.where(User.organization_id == organization_id)
    if role in Role.__members__:
        stmt = stmt.where(User.role == Role(role))
    if active is not None:
        stmt = stmt.where(User.active.is_(active))
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    items = db.session.scalars(stmt.order_by(Organization.name, User.name)
                               .offset((page - 1) * per_page).limit(per_page)).all()
    return list(items), total


def _other_active_admins(user: User) -> int:
    return db.session.scalar(select(func.count(User.id)).where(
        User.role == Role.admin, User.active.is_(True), User.id != user.id)) or 0


def update_user(user: User, actor: User, changes: dict) -> User:
    """Change a person's name, role, title, IIN or whether they may sign in.

    Deactivating ends every session and revokes every API token at once; a deactivated
    person who was their organisation's named signatory stops being it (the default
    signatory applies). The last active administrator cannot be deactivated or demoted."""
    require_admin(actor)
    errors: dict[str, Any] = {}
    unknown = sorted(set(changes) - set(EDITABLE))
    for key in unknown:
        errors[key] = N_("cannot be changed here")
    if "name" in changes:
        name = changes["name"]
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            errors["name"] = N_("required, at most 200 characters")
        else:
            user.name = name.strip()
    if "title" in changes:
        title = changes["title"]
        if title is not None and (not isinstance(title, str) or len(title) > 200):
            errors["title"] = N_("must be at most 200 characters")
        else:
            user.title = (title or "").strip() or None
    if "iin" in changes:
        iin, problem = parse_iin(changes["iin"])
        if problem:
            errors["iin"] = problem
        else:
            user.iin = iin
    demoting = False
    if "role" in changes:
        role = changes["role"]
        if not isinstance(role, str) or role not in Role.__members__:
            errors["role"] = Text(N_("must be one of: %(values)s"),
                                  values=", ".join(Role.__members__))
        else:
            demoting = user.role == Role.admin and role != Role.admin.value
            user.role = Role(role)
    deactivating = False
    if "active" in changes:
        active = changes["active"]
        if not isinstance(active, bool):
            errors["active"] = N_("must be true or false")
        else:
            deactivating = user.active and not active
            user.active = active
    if (demoting or deactivating) and _other_active_admins(user) == 0:
        errors["active" if deactivating else "role"] = N_(
            "is the last active administrator: appoint another one first")
    if errors:
        raise Invalid(errors)
    if deactivating:
        end_all_sessions(user)
        org = user.organization
        if org is not None and org.signatory_user_id == user.id:
            org.signatory_user_id = None
    db.session.flush()
    return user
