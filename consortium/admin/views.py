"""Administration pages: organisations and people (create, edit, deactivate, signatory).

Thin: each page parses its form, calls the same services as the API and renders the answer;
a refused change shows the form again with every field's reason next to it and nothing lost.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select

from ..auth.models import ROLE_LABELS, Role, User
from ..auth.services import create_user
from ..db import unit_of_work
from ..errors import Invalid
from ..extensions import db
from ..organizations.models import Organization, OrgKind
from ..organizations.services import (
    create_organization,
    get_organization,
    signatory_id,
    update_organization,
)
from ..organizations.views import language_names
from ..validation import MAX_INT32, page_number, parse_whole
from ..web.helpers import translated
from .services import get_user, list_users, update_user

bp = Blueprint("admin", __name__, url_prefix="/admin")
PER_PAGE = 50


@bp.before_request
@login_required
def _admins_only():
    if current_user.role != Role.admin:
        abort(403)


def _errors(err: Invalid) -> dict[str, str]:
    return {k: translated(v) for k, v in err.fields.items()}


def _text(name: str) -> str:
    return (request.form.get(name) or "").strip()


@bp.get("/")
def index():
    """What the operator looks after, with counts."""
    counts = {
        "organizations": db.session.scalar(select(func.count(Organization.id))) or 0,
        "users": db.session.scalar(select(func.count(User.id)).where(User.active.is_(True))) or 0,
        "inactive": db.session.scalar(
            select(func.count(User.id)).where(User.active.is_(False))) or 0,
    }
    return render_template("admin/index.html", counts=counts)


# -- organisations -------------------------------------------------------------------------------
@bp.get("/organizations")
def organizations():
    page = page_number()
    q = (request.args.get("q") or "").strip()
    stmt = select(Organization)
    if q:
        stmt = stmt.where(func.lower(Organization.name).like(f"%{q.lower()}%")
                          | (Organization.bin == q))
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    items = db.session.scalars(stmt.order_by(Organization.name)
                               .offset((page - 1) * PER_PAGE).limit(PER_PAGE)).all()
    people = dict(db.session.execute(
        select(User.organization_id, func.count(User.id)).where(User.active.is_(True))
        .group_by(User.organization_id)).all())
    return render_template("admin/organizations.html", items=items, total=total, page=page,
                           per_page=PER_PAGE, q=q, people=people, kinds=OrgKind)


@bp.route("/organizations/new", methods=["GET", "POST"])
def organization_new():
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            with unit_of_work():
                org = create_organization(_text("name"), _text("kind"), _text("country"),
                                          _text("bin"), _text("address"),
                                          _text("signatory_title"))
        except Invalid as err:
            errors = _errors(err)
        else:
            flash(_("Organisation %(name)s created. Add its people next.", name=org.name),
                  "info")
            return redirect(url_for("admin.organization", org_id=org.id))
    return render_template("admin/organization_new.html", errors=errors, form=request.form,
                           kinds=OrgKind), 422 if errors else 200


@bp.route("/organizations/<int:org_id>", methods=["GET", "POST"])
def organization(org_id: int):
    org = get_organization(org_id)
    errors: dict[str, str] = {}
    if request.method == "POST":
        changes: dict = {key: _text(key) or None for key in ("bin", "address",
                                                             "signatory_title")}
        chosen = _text("signatory_user_id")
        changes["signatory_user_id"] = _whole_or_none(chosen)
        if "language_1" in request.form:
            changes["document_languages"] = [code for code in (_text("language_1"),
                                                               _text("language_2")) if code]
        try:
            with unit_of_work():
                update_organization(org, current_user._get_current_object(), changes)
        except Invalid as err:
            db.session.rollback()
            errors = _errors(err)
        else:
            flash(_("Changes saved."), "info")
            return redirect(url_for("admin.organization", org_id=org.id))
    members = db.session.scalars(select(User).where(User.organization_id == org.id)
                                 .order_by(User.active.desc(), User.name)).all()
    signers = [u for u in members if u.active and u.role in (Role.partner, Role.legal)]
    return render_template("admin/organization.html", org=org, members=members,
                           signers=signers, signatory=signatory_id(org), errors=errors,
                           form=request.form if errors else None,
                           language_names=language_names()), 422 if errors else 200


# -- people --------------------------------------------------------------------------------------
def _active_filter() -> bool | None:
    return {"yes": True, "no": False}.get(request.args.get("active", ""))


@bp.get("/users")
def users():
    page = page_number()
    q = (request.args.get("q") or "").strip()
    org_id = _org_arg()
    role = request.args.get("role") or None
    items, total = list_users(q or None, org_id, role, _active_filter(), page, PER_PAGE)
    return render_template("admin/users.html", items=items, total=total, page=page,
                           per_page=PER_PAGE, q=q, org_id=org_id, role=role,
                           active=request.args.get("active", ""), roles=ROLE_LABELS,
                           organizations=_organizations())


def _whole_or_none(raw: str | None) -> int | None:
    """An id from a form or query string: ASCII digits within range, else None (no filter,
    no organisation: "²" or 10**20 names none, and reaches no ``int()`` or database)."""
    try:
        return parse_whole(raw, minimum=1, maximum=MAX_INT32) if raw else None
    except ValueError:
        return None


def _org_arg() -> int | None:
    return _whole_or_none(request.args.get("org"))


def _organizations() -> list[Organization]:
    return list(db.session.scalars(select(Organization).order_by(Organization.name)).all())


@bp.route("/users/new", methods=["GET", "POST"])
def user_new():
    errors: dict[str, str] = {}
    if request.method == "POST":
        org = _text("organization_id")
        try:
            with unit_of_work():
                user = create_user(_text("email"), _text("name"),
                                   request.form.get("password") or "", _text("role"),
                                   _whole_or_none(org),
                                   _text("title") or None, _text("iin") or None)
        except Invalid as err:
            errors = _errors(err)
        else:
            flash(_("%(name)s can now sign in with the password you set; ask them to change "
                    "it on their account page.", name=user.name), "info")
            return redirect(url_for("admin.user", user_id=user.id))
    preset = _org_arg()
    return render_template("admin/user_new.html", errors=errors, form=request.form,
                           roles=ROLE_LABELS, organizations=_organizations(),
                           preset=preset), 422 if errors else 200


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def user(user_id: int):
    person = get_user(user_id)
    errors: dict[str, str] = {}
    if request.method == "POST":
        if request.form.get("action") in ("deactivate", "reactivate"):
            changes: dict = {"active": request.form["action"] == "reactivate"}
        else:
            changes = {"name": _text("name"), "role": _text("role"),
                       "title": _text("title") or None, "iin": _text("iin") or None}
        try:
            with unit_of_work():
                update_user(person, current_user._get_current_object(), changes)
        except Invalid as err:
            db.session.rollback()
            errors = _errors(err)
        else:
            if changes.get("active") is False:
                flash(_("%(name)s can no longer sign in: their sessions ended and their API "
                        "tokens were revoked.", name=person.name), "info")
            elif changes.get("active") is True:
                flash(_("%(name)s can sign in again.", name=person.name), "info")
            else:
                flash(_("Changes saved."), "info")
            return redirect(url_for("admin.user", user_id=person.id))
    return render_template("admin/user.html", person=person, errors=errors,
                           form=request.form if errors else None, roles=ROLE_LABELS,
                           is_signatory=signatory_id(person.organization) == person.id), \
        422 if errors else 200

# the outbox and the scheduler (issue 20): routes on this blueprint, in a module of their own
from . import operations_views as _operations_views  # noqa: E402,F401
