"""The General Assembly's decisions through the API: proposals, votes and vetoes."""
from __future__ import annotations

from flask import Blueprint, jsonify

from .. import workflow
from ..consortia import decisions
from ..consortia.assembly_views import locked, touch
from ..consortia.services import RECORD
from ..db import unit_of_work
from ..extensions import csrf
from .support import current_api_user, json_body

api_bp = Blueprint("assembly_api", __name__, url_prefix="/api/v1/consortia")
csrf.exempt(api_bp)


# -- the General Assembly's decisions -------------------------------------------------------------------------------------
@api_bp.get("/<int:record_id>/decisions")
def api_list(record_id: int):
    user = current_api_user()
    c = workflow.get_visible(RECORD, record_id, user)
    return jsonify([decisions.to_dict(c, d) for d in decisions.decisions_of(c)])


@api_bp.post("/<int:record_id>/decisions")
def api_propose(record_id: int):
    user = current_api_user()
    body = json_body()
    with unit_of_work():
        c = locked(record_id, user)
        d = decisions.propose(c, user, body)
        touch(c)
        answer = decisions.to_dict(c, d)
    return jsonify(answer), 201


@api_bp.get("/<int:record_id>/decisions/<int:decision_id>")
def api_show(record_id: int, decision_id: int):
    user = current_api_user()
    c = workflow.get_visible(RECORD, record_id, user)
    return jsonify(decisions.to_dict(c, decisions.get_decision(c, decision_id)))


@api_bp.post("/<int:record_id>/decisions/<int:decision_id>/votes")
def api_vote(record_id: int, decision_id: int):
    user = current_api_user()
    body = json_body()
    with unit_of_work():
        c = locked(record_id, user)
        d = decisions.get_decision(c, decision_id)
        decisions.vote(c, d, user, body)
        touch(c)
        answer = decisions.to_dict(c, d)
    return jsonify(answer), 201


@api_bp.post("/<int:record_id>/decisions/<int:decision_id>/vetoes")
def api_veto(record_id: int, decision_id: int):
    user = current_api_user()
    body = json_body()
    with unit_of_work():
        c = locked(record_id, user)
        d = decisions.get_decision(c, decision_id)
        decisions.veto(c, d, user, body)
        touch(c)
        answer = decisions.to_dict(c, d)
    return jsonify(answer), 201
