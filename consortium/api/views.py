"""API endpoints: thin wrappers that parse, call a service or the engine, and serialise."""
from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask_babel import gettext
from sqlalchemy import select

from workflows import WORKFLOWS
from workflows.errors import N_

from .. import workflow
from ..audit.services import record_events, verify
from ..auth.models import Role, User
from ..auth.services import authenticate, create_user, issue_token, revoke_token
from ..benefits import services as benefits
from ..db import unit_of_work
from ..documents import services as documents
from ..documents.views import card_response, cms_response, docx_response, pdf_response
from ..errors import Forbidden, Invalid, NotFound, Unauthorized, translated
from ..extensions import csrf, db
from ..organizations.models import Organization
from ..organizations.services import (
    create_organization,
    get_organization,
    update_organization,
)
from ..organizations.services import to_dict as organization_dict
from ..throttle import check_login_allowed, forget_login_failures, record_login_failure
from ..validation import list_options, query_int
from .openapi import spec
from .support import current_api_user, json_body, page_args, query_text

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


def _rt(collection: str) -> workflow.RecordType:
    for rt in workflow.REGISTRY.values():
        if rt.collection == collection:
            return rt
    raise NotFound(N_("No such collection."))


def _require_admin(user: User) -> None:
    if user.role != Role.admin:
        raise Forbidden(N_("Only an administrator can do this."))


# -- authentication and people ------------------------------------------------------------------
@bp.post("/auth/token")
def token():
    body = json_body()
    email = body.get("email") if isinstance(body.get("email"), str) else ""
    check_login_allowed(email, request.remote_addr)
    with unit_of_work():
        user = authenticate(email, body.get("password"))
        if user is None:
            record_login_failure(email, request.remote_addr)
        else:
            forget_login_failures(email, request.remote_addr)
            value = issue_token(user)
    if user is None:
        raise Unauthorized("invalid_credentials", N_("Wrong e-mail or password."))
    return jsonify({"token": value, "user": user.to_dict()}), 201


@bp.delete("/auth/token")
def token_revoke():
    """Revoke the bearer token of this request (sign out of the API)."""
    current_api_user()
    raw = request.headers.get("Authorization", "").partition(" ")[2].strip()
    with unit_of_work():
        revoke_token(raw)
    return "", 204


@bp.get("/me")
def me():
    return jsonify(current_api_user().to_dict())


@bp.get("/organizations")
def organizations():
    current_api_user()
    page, per_page = page_args()
    stmt = select(Organization).order_by(Organization.name)
    total = db.session.query(Organization).count()
    items = db.session.scalars(stmt.offset((page - 1) * per_page).limit(per_page)).all()
    return jsonify({"items": [organization_dict(o) for o in items], "total": total, "page": page,
                    "per_page": per_page})


@bp.post("/organizations")
def organization_create():
    user = current_api_user()
    _require_admin(user)
    body = json_body()
    with unit_of_work():
        org = create_organization(
            body.get("name") if isinstance(body.get("name"), str) else "",
            body.get("kind"), _opt_str(body, "country"), _opt_str(body, "bin"),
            _opt_str(body, "address"), _opt_str(body, "signatory_title"))
    return jsonify(organization_dict(org)), 201


@bp.patch("/organizations/<int:org_id>")
def organization_update(org_id: int):
    user = current_api_user()
    body = json_body()
    with unit_of_work():
        org = update_organization(get_organization(org_id), user, body)
    return jsonify(organization_dict(org))


@bp.post("/users")
def user_create():
    user = current_api_user()
    _require_admin(user)
    body = json_body()
    with unit_of_work():
        new = create_user(body.get("email"), body.get("name"), body.get("password"),
                          body.get("role"), body.get("organization_id"),
                          _opt_str(body, "title"), body.get("iin"))
    return jsonify(new.to_dict()), 201


@bp.get("/users")
def users_list():
    """(admin) People, filtered by ``q`` (name, e-mail, organisation), ``organization_id``,
    ``role`` and ``active`` (true/false)."""
    from ..admin.services import list_users, user_dict
    user = current_api_user()
    _require_admin(user)
    page, per_page = page_args()
    active = {"true": True, "false": False}.get((request.args.get("active") or "").lower())
    # ASCII digits within an id's range, else 422 ("²" or 10**20 name no organisation)
    org = query_int(request.args, "organization_id", None)
    items, total = list_users(query_text("q"), org, request.args.get("role"), active, page,
                              per_page)
    return jsonify({"items": [user_dict(u) for u in items], "total": total, "page": page,
                    "per_page": per_page})


@bp.get("/users/<int:user_id>")
def user_show(user_id: int):
    from ..admin.services import get_user, user_dict
    user = current_api_user()
    _require_admin(user)
    return jsonify(user_dict(get_user(user_id)))


@bp.patch("/users/<int:user_id>")
def user_update(user_id: int):
    """(admin) Change ``name``, ``role``, ``title``, ``iin`` or ``active``; deactivating ends
    the person's sessions and revokes their tokens."""
    from ..admin.services import get_user, update_user, user_dict
    user = current_api_user()
    body = json_body()
    with unit_of_work():
        person = update_user(get_user(user_id), user, body)
    return jsonify(user_dict(person))


def _opt_str(body: dict, key: str) -> str | None:
    value = body.get(key)
    return value if isinstance(value, str) else None


# -- workflow records (every collection) --------------------------------------------------------
@bp.post("/<collection>")
def record_create(collection: str):
    rt = _rt(collection)
    user = current_api_user()
    body = json_body()
    with unit_of_work():
        record = rt.create(user, body)
    return jsonify(rt.serialize(record)), 201


@bp.get("/<collection>")
def record_list(collection: str):
    rt = _rt(collection)
    user = current_api_user()
    page, per_page = page_args()
    items, total = rt.search(user, state=query_text("state"), q=query_text("q"), page=page,
                             per_page=per_page, **list_options(request.args))
    return jsonify({"items": [rt.serialize(r) for r in items], "total": total, "page": page,
                    "per_page": per_page})


@bp.get("/<collection>/<int:record_id>")
def record_show(collection: str, record_id: int):
    rt = _rt(collection)
    return jsonify(rt.serialize(workflow.get_visible(rt, record_id, current_api_user())))


@bp.patch("/<collection>/<int:record_id>")
def record_update(collection: str, record_id: int):
    rt = _rt(collection)
    user = current_api_user()
    body = json_body()
    with unit_of_work():
        record = workflow.get_visible(rt, record_id, user, for_update=True)
        workflow.edit(rt, record, user, body)
    return jsonify(rt.serialize(record))


@bp.get("/<collection>/<int:record_id>/transitions")
def record_transitions(collection: str, record_id: int):
    rt = _rt(collection)
    user = current_api_user()
    record = workflow.get_visible(rt, record_id, user)
    out = []
    for a in workflow.available(rt, record, user):
        item = {"trigger": a.transition.trigger, "label": gettext(a.transition.label),
                "dest": a.transition.dest, "allowed": a.allowed}
        if not a.allowed and a.reason:
            item["reason"] = translated(a.reason, a.reason_params)
        out.append(item)
    return jsonify(out)


@bp.post("/<collection>/<int:record_id>/transitions/<trigger>")
def record_fire(collection: str, record_id: int, trigger: str):
    rt = _rt(collection)
    user = current_api_user()
    body = json_body()
    version = body.get("version")
    if version is not None and (not isinstance(version, int) or isinstance(version, bool)):
        raise Invalid({"version": N_("must be a whole number")})
    with unit_of_work(optimistic=True):
        record = workflow.get_visible(rt, record_id, user, for_update=True)
        outcome = workflow.fire(rt, record, trigger, user, version=version,
                                comment=body.get("comment"), data=body.get("data"))
    # the answer is what the unit of work wrote (its objects are kept as committed), read
    # after it: a write lock or a row lock of the audit chain is not held for it
    produced = workflow.transition_outcome_dict(outcome)
    answer = {"record": rt.serialize(record),
              "event": outcome.event.to_dict(),
              "events": [e.to_dict() for e in produced["events"]],
              "documents": [d.to_dict() for d in produced["documents"]]}
    # income the transition booked, distributed under the plan in force (held: no key)
    for revenue in benefits.booked_revenues(outcome):
        lines = benefits.distribution_lines(revenue)
        if lines is not None:
            answer["distribution"] = lines
            answer["revenue_id"] = revenue.id
            break
    return jsonify(answer)


@bp.get("/benefit-plans/<int:plan_id>/revenues")
def plan_revenues(plan_id: int):
    """Every income of the plan's subject with its distribution, for whoever sees the plan."""
    user = current_api_user()
    plan = workflow.get_visible(benefits.RECORD, plan_id, user)
    page, per_page = page_args()
    items, total = benefits.revenue_page(plan, page=page, per_page=per_page)
    answer = [benefits.revenue_to_dict(r) for r in items]
    if user.role == "researcher":  # a licensee's net sales are its business, not the inventors'
        answer = [{**item, "net_sales": None} for item in answer]
    return jsonify({"items": answer, "total": total, "page": page, "per_page": per_page})


#: licence events whose data are a royalty report's figures
ROYALTY_TRIGGERS = frozenset({"report_royalty", "amend_royalty_report"})


@bp.get("/<collection>/<int:record_id>/events")
def record_events_list(collection: str, record_id: int):
    rt = _rt(collection)
    user = current_api_user()
    record = workflow.get_visible(rt, record_id, user)
    events = [e.to_dict() for e in record_events(rt.name, record.id)]
    if rt.name == "license" and user.role == "researcher":
        # the royalty reports' figures (net sales) are the licensee's business
        events = [{**e, "data": {}} if e["trigger"] in ROYALTY_TRIGGERS else e for e in events]
    return jsonify(events)


@bp.get("/<collection>/<int:record_id>/documents")
def record_documents_list(collection: str, record_id: int):
    rt = _rt(collection)
    user = current_api_user()
    record = workflow.get_visible(rt, record_id, user)
    return jsonify([d.to_dict() for d in workflow.record_documents(rt, record.id, user)])


# -- documents and signatures -------------------------------------------------------------------
@bp.get("/documents/<int:doc_id>")
def document_show(doc_id: int):
    return jsonify(workflow.visible_document(doc_id, current_api_user()).to_dict())


@bp.get("/documents/<int:doc_id>/content")
def document_content(doc_id: int):
    doc = workflow.visible_document(doc_id, current_api_user())
    fmt = request.args.get("format", "docx")
    if fmt == "pdf":
        return pdf_response(doc)
    if fmt != "docx":
        raise NotFound(N_("Unknown format: ask for docx or pdf."))
    return docx_response(doc)


@bp.post("/documents/<int:doc_id>/signatures")
def document_sign(doc_id: int):
    user = current_api_user()
    body = json_body()
    with unit_of_work():
        doc = workflow.visible_document(doc_id, user)
        signature, outcome = workflow.sign(doc, user, body.get("typed_name"),
                                           body.get("consent"), request.remote_addr,
                                           request.headers.get("User-Agent"),
                                           method=body.get("method"), cms=body.get("cms"),
                                           consent_locale=body.get("consent_locale"))
        result = signature.to_dict()
        if outcome is not None:
            result["auto_transition"] = outcome.event.to_dict()
    return jsonify(result), 201


@bp.get("/documents/<int:doc_id>/signatures/<int:sig_id>/cms")
def document_signature_cms(doc_id: int, sig_id: int):
    """The stored CMS of an EDS signature, byte for byte as it was verified."""
    doc = workflow.visible_document(doc_id, current_api_user())
    return cms_response(doc, sig_id)


@bp.post("/documents/<int:doc_id>/declines")
def document_decline(doc_id: int):
    """A required signer declines to sign, with ``reason``: the record returns to the state
    before its signing step and the document is superseded."""
    user = current_api_user()
    body = json_body()
    with unit_of_work():
        doc = workflow.visible_document(doc_id, user)
        outcome = workflow.decline(doc, user, body.get("reason"))
        rt = workflow.REGISTRY[doc.record_type]
        result = {"event": outcome.event.to_dict(), "record": rt.serialize(outcome.record),
                  "document": doc.to_dict()}
    return jsonify(result), 201


@bp.get("/documents/<int:doc_id>/card")
def document_card(doc_id: int):
    """The document card: its PDF with the .docx and every CMS attached inside it."""
    return card_response(workflow.visible_document(doc_id, current_api_user()))



# -- workflows and audit ------------------------------------------------------------------------
@bp.get("/workflows")
def workflows():
    return jsonify([w.describe() for w in WORKFLOWS])


@bp.get("/audit/verify")
def audit_verify():
    _require_admin(current_api_user())
    return jsonify(verify(documents.storage()))


@bp.get("/openapi.json")
def openapi():
    return jsonify(spec())
