"""The General Assembly: propose a decision, vote, veto — on the consortium page and the API.

Views are thin: they find the consortium the user may see (404 otherwise), lock it, call
:mod:`.decisions` inside one unit of work and answer.
"""
from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from workflows import CONSORTIUM

from .. import workflow
from ..db import unit_of_work
from . import decisions
from .services import RECORD

bp = Blueprint("assembly", __name__, url_prefix="/consortia")


def locked(record_id: int, user):
    return workflow.get_visible(RECORD, record_id, user, for_update=True)


def touch(c) -> None:
    """A decision changes what the consortium page shows: its version moves on."""
    c.updated_at = decisions.utcnow()


# -- web ------------------------------------------------------------------------------------------
@bp.before_request
@login_required
def _signed_in():
    pass


def _back(record_id: int):
    return redirect(url_for("consortia.show", record_id=record_id, _anchor="assembly"))


@bp.post("/<int:record_id>/decisions")
def web_propose(record_id: int):
    matter = request.form.get("matter", "")
    t = CONSORTIUM.transition(matter) if matter in decisions.MATTERS else None
    body = {"matter": matter, "motion": request.form.get("motion", ""),
            "voting_days": request.form.get("voting_days", "").strip() or
            decisions.VOTING_DAYS,
            "data": {f.name: request.form.get(f"{matter}-{f.name}", "")
                     for f in (t.data if t else ())
                     if request.form.get(f"{matter}-{f.name}", "") != ""}}
    with unit_of_work():
        c = locked(record_id, current_user)
        d = decisions.propose(c, current_user, body)
        touch(c)
        number = d.number
    flash(_("Decision No. %(number)s was put to the vote of the General Assembly.",
            number=number), "success")
    return _back(record_id)


@bp.post("/<int:record_id>/decisions/<int:decision_id>/votes")
def web_vote(record_id: int, decision_id: int):
    with unit_of_work():
        c = locked(record_id, current_user)
        d = decisions.get_decision(c, decision_id)
        decisions.vote(c, d, current_user, {"choice": request.form.get("choice")})
        touch(c)
        status = d.status
    flash(_("Your vote was recorded."), "success")
    if status != "voting":
        flash(_("Every party has voted: the voting is closed and the minutes were issued."),
              "success")
    return _back(record_id)


@bp.post("/<int:record_id>/decisions/<int:decision_id>/vetoes")
def web_veto(record_id: int, decision_id: int):
    with unit_of_work():
        c = locked(record_id, current_user)
        d = decisions.get_decision(c, decision_id)
        decisions.veto(c, d, current_user, {"reason": request.form.get("reason")})
        touch(c)
    flash(_("Your veto was recorded; the decision will not be implemented."), "success")
    return _back(record_id)
