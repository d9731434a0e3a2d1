"""Pages and API of notifications and their preferences, invitations and password reset."""
from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from workflows.errors import N_, Text

from .. import workflow
from ..api.support import current_api_user, json_body, page_args
from ..db import unit_of_work
from ..errors import Conflict, Forbidden, Invalid, translated
from ..extensions import csrf
from ..validation import page_number, valid_id
from ..web.helpers import message_of
from . import accounts, invitations
from . import services as notes
from .models import CHANNELS

bp = Blueprint("notifications", __name__)
api = Blueprint("notifications_api", __name__, url_prefix="/api/v1")
csrf.exempt(api)

PER_PAGE = 50


# -- the list ------------------------------------------------------------------------------------
@bp.get("/notifications")
@login_required
def index():
    page = page_number()
    items, total = notes.recent(current_user.id, page=page, per_page=PER_PAGE)
    return render_template("notifications/index.html", items=items, total=total, page=page,
                           per_page=PER_PAGE, render=notes.render)


@bp.post("/notifications/<int:notification_id>/read")
@login_required
def read(notification_id: int):
    with unit_of_work():
        notes.mark_read(current_user.id, notification_id)
    target = request.form.get("go")
    if target and target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(url_for("notifications.index"))


@bp.post("/notifications/read-all")
@login_required
def read_all():
    with unit_of_work():
        notes.mark_all_read(current_user.id)
    flash(_("Every notification is marked read."), "info")
    return redirect(url_for("notifications.index"))


@bp.post("/account/notifications")
@login_required
def preferences():
    values = {kind: request.form.get(f"kind_{kind}") for kind in notes.KINDS
              if request.form.get(f"kind_{kind}")}
    language = request.form.get("language") or None
    try:
        with unit_of_work():
            notes.set_preferences(current_user._get_current_object(), values, language)
    except Invalid as err:
        for field, why in err.fields.items():
            flash(f"{field}: {translated(why)}", "error")
        return redirect(url_for("auth.account")), 303
    flash(_("Your notification settings were saved."), "info")
    return redirect(url_for("auth.account"))


# -- invitations and password reset (no account yet, or none signed in) ---------------------------
def _field_errors(err: Invalid) -> dict[str, str]:
    return {k: translated(v) for k, v in err.fields.items()}


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def invitation(token: str):
    try:
        inv = invitations.open_invitation(token)
    except Conflict as err:  # used or expired: say so here, there is no page to go back to
        return render_template("error.html", status=409, message=message_of(err)), 409
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            with unit_of_work():
                invitations.accept(token, request.form.get("password") or "",
                                   request.form.get("name"))
        except Invalid as err:
            errors = _field_errors(err)
        else:
            flash(_("Your account was created. Sign in with your e-mail and the password "
                    "you chose."), "info")
            return redirect(url_for("auth.login"))
    return render_template("notifications/invitation.html", invitation=inv,
                           record=invitations._record_label(inv.record_type, inv.record_id),
                           errors=errors), 422 if errors else 200


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password():
    if request.method == "POST":
        with unit_of_work():
            accounts.request_reset(request.form.get("email"))
        flash(_("If an account exists for this address, we have sent it a link to choose a "
                "new password."), "info")
        return redirect(url_for("notifications.forgot_password"))
    return render_template("notifications/forgot.html")


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            with unit_of_work():
                accounts.reset_password(token, request.form.get("new_password"),
                                        request.form.get("confirm_password"))
        except Invalid as err:
            errors = _field_errors(err)
        else:
            flash(_("Your password was changed and you were signed out everywhere. Sign in "
                    "with the new password."), "info")
            return redirect(url_for("auth.login"))
    elif accounts.reset_for(token) is None:
        errors = {"token": _(accounts.BAD_LINK)}
    return render_template("notifications/reset.html", errors=errors), 422 if errors else 200


# -- API -----------------------------------------------------------------------------------------
@api.get("/notifications")
def api_list():
    user = current_api_user()
    page, per_page = page_args()
    items, total = notes.recent(user.id, page=page, per_page=per_page)
    return jsonify({"items": [notes.to_dict(n) for n in items], "total": total,
                    "unread": notes.unread_count(user.id)})


@api.post("/notifications/<int:notification_id>/read")
def api_read(notification_id: int):
    user = current_api_user()
    with unit_of_work():
        notes.mark_read(user.id, notification_id)
    return "", 204


@api.get("/notifications/preferences")
def api_preferences():
    user = current_api_user()
    return jsonify({"channels": list(CHANNELS), "kinds": notes.preferences(user.id),
                    "language": user.language})


@api.patch("/notifications/preferences")
def api_set_preferences():
    user = current_api_user()
    body = json_body()
    kinds = body.get("kinds") or {}
    if not isinstance(kinds, dict):
        raise Invalid({"kinds": N_("must be an object of kind: channel")})
    with unit_of_work():
        notes.set_preferences(user, kinds, body.get("language"))
    return jsonify({"channels": list(CHANNELS), "kinds": notes.preferences(user.id),
                    "language": user.language})


@api.post("/auth/password-reset")
def api_forgot_password():
    with unit_of_work():
        accounts.request_reset(json_body().get("email"))
    return jsonify({"message": _("If an account exists for this address, we have sent it a "
                                 "link to choose a new password.")}), 202


@api.post("/auth/password-reset/confirm")
def api_reset_password():
    body = json_body()
    with unit_of_work():
        accounts.reset_password(body.get("token"), body.get("new_password"),
                                body.get("new_password"))
    return "", 204


@api.post("/invitations")
def api_invite():
    """(legal) Invite a person without an account who must act on a record they see: a new
    member's signatory, an external co-inventor."""
    user = current_api_user()
    if user.role != "legal":
        raise Forbidden(N_("Only legal staff can invite people."))
    body = json_body()
    rt = workflow.REGISTRY.get(body.get("record_type") if isinstance(
        body.get("record_type"), str) else "")
    if rt is None:
        raise Invalid({"record_type": Text(N_("must be one of: %(values)s"),
                                           values=", ".join(workflow.REGISTRY))})
    record = workflow.get_visible(rt, body.get("record_id"), user)
    role = body.get("role")
    if role not in ("researcher", "partner", "legal"):
        raise Invalid({"role": N_("must be researcher, partner or legal")})
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise Invalid({"name": N_("required")})
    org_id = body.get("organization_id")
    with unit_of_work():
        inv = invitations.invite(body.get("email") if isinstance(body.get("email"), str)
                                 else "", name, org_id if valid_id(org_id) else 0,
                                 role, rt.name, record.id, body.get("purpose"))
    return jsonify({"id": inv.id, "email": inv.email, "organization_id": inv.organization_id,
                    "role": inv.role, "record_type": inv.record_type,
                    "record_id": inv.record_id, "purpose": inv.purpose,
                    "expires_at": inv.expires_at.isoformat()}), 201


@api.post("/invitations/accept")
def api_accept_invitation():
    body = json_body()
    with unit_of_work():
        user = invitations.accept(body.get("token"), body.get("password"), body.get("name"))
    return jsonify(user.to_dict()), 201


