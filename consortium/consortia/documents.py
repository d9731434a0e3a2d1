"""The context every consortium document is rendered with."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from workflows import CONSORTIUM
from workflows.consortium import CONTRIBUTION_TYPES, IP_REGIMES, MEMBER_ROLES, VOTING_RULES

from ..auth.models import User, known_signatories, signatory_id
from ..documents.context import (
    long_date,
    money,
    multiline,
    organization,
    percent,
    person,
    signature_certificate,
    text,
    user_by_id,
)
from ..documents.language import Label
from ..extensions import db
from ..workflow import context_part
from .models import Admitted, Consortium, Member, WithdrawalNotice, Withdrawn, rescaled

ROLE_LABELS = dict(MEMBER_ROLES)
CONTRIBUTION_LABELS = dict(CONTRIBUTION_TYPES)
IP_LABELS = dict(IP_REGIMES)
VOTING_LABELS = dict(VOTING_RULES)


def member_context(m: Member) -> dict[str, str]:
    party = organization(m.organization)
    return {
        **party,
        "position": str(m.position),
        "role": m.role,
        "role_label": Label(text(ROLE_LABELS.get(m.role, m.role))),
        "contribution_type": m.contribution_type,
        "contribution_type_label": Label(text(CONTRIBUTION_LABELS.get(m.contribution_type,
                                                                         ""))),
        "contribution_value": money(m.contribution_value),
        "currency": text(m.currency),
        "contribution_description": text(m.contribution_description),
        # its affiliated entities that may receive access rights (attachment 3), "; "-joined
        "affiliates": text("; ".join(m.affiliated_entities or [])),
        "share": percent(m.share_percent),
        "status": m.status,
        "joined_at": long_date(m.joined_at),
        "withdrawn_at": long_date(m.withdrawn_at),
        # the day its notice of withdrawal was given (empty: none given)
        "notice_given_at": long_date(m.withdrawal_notice_at),
    }


def _withdrawal(c: Consortium, produced: Any) -> tuple[dict, list[dict]] | None:
    """For a notice of withdrawal: the withdrawing member, with the date its withdrawal
    takes effect as its withdrawal date, and the parties with the shares they hold from that
    date (the notice states them before the member has left)."""
    if isinstance(produced, Withdrawn):
        m = next(m for m in c.members if m.organization_id == produced.organization_id)
        return {**member_context(m), "notice_given_at": long_date(m.withdrawal_notice_at)}, \
            [member_context(x) for x in c.active_members]
    if not isinstance(produced, WithdrawalNotice):
        return None
    m = next(m for m in c.active_members if m.organization_id == produced.organization_id)
    leaving = {**member_context(m), "withdrawn_at": long_date(produced.effective_on),
               "notice_given_at": long_date(m.withdrawal_notice_at)}
    staying = [x for x in c.active_members if x is not m]
    after = []
    for x, share in zip(staying, rescaled(staying, Decimal(100)), strict=True):
        after.append({**member_context(x), "share": percent(share)})
    return leaving, after


def _liability_floor(c: Consortium, totals: dict[str, Decimal]) -> dict[str, str]:
    """The least a Party's liability is limited to (the liability clause): the average
    contribution of the parties in the lead's currency, so that a Party contributing only
    Background valued low or at nothing is not liable for nothing."""
    lead = next((m for m in c.active_members if m.role == "lead"), None)
    currency = lead.currency if lead is not None else (min(totals) if totals else "")
    count = len(c.active_members)
    if not currency or not count or not totals.get(currency):
        return {"liability_floor": "", "liability_currency": text(currency)}
    floor = (totals[currency] / count).quantize(Decimal("0.01"))
    return {"liability_floor": money(floor), "liability_currency": text(currency)}


def consortium_context(c: Consortium, admission: Admitted | None = None) -> dict[str, Any]:
    """Everything a consortium template may print, as plain strings and lists; ``admission``
    names the member the transition admitted, if it admitted one."""
    # the parties' signatories, each printed in its party block: found and loaded at once
    parties = [c.lead, *(m.organization for m in c.members)]
    known_signatories(parties)
    signatories = {signatory_id(o) for o in parties if o is not None} - {None}
    # (held here: the session only keeps what something refers to)
    _held = list(db.session.scalars(select(User).where(User.id.in_(sorted(signatories))))) \
        if signatories else []
    members = [member_context(m) for m in c.active_members]
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for m in c.active_members:
        totals[m.currency] += m.contribution_value
    lead = next((x for x in members if x["role"] == "lead"), organization(c.lead))
    admitted = next((member_context(m) for m in c.members
                     if admission is not None and m.organization_id == admission.organization_id),
                    None)
    withdrawn = sorted((m for m in c.members if m.status == "withdrawn"),
                       key=lambda m: m.withdrawn_at)
    withdrawing = member_context(withdrawn[-1]) if withdrawn else {}
    notice = _withdrawal(c, admission)
    if notice is not None:
        withdrawing, members = notice
    return {
        "consortium": {
            "reg_number": text(c.reg_number),
            "name": text(c.name),
            "purpose": multiline(c.purpose),
            "work_plan": multiline(c.work_plan),
            "start_date": long_date(c.start_date),
            "end_date": long_date(c.end_date),
            "ip_regime": c.ip_regime,
            "ip_regime_label": Label(text(IP_LABELS.get(c.ip_regime, ""))),
            "voting_rule": c.voting_rule,
            "voting_rule_label": Label(text(VOTING_LABELS.get(c.voting_rule, ""))),
            "quorum_percent": str(c.quorum_percent),
            # the agreement's notice period, the same term the engine dates a withdrawal by
            "withdrawal_notice_months": str(c.notice_months),
            "agreement_version": str(c.agreement_version or 0),
            "state": Label(text(CONSORTIUM.state_label(c.state))),
            "proposed_at": long_date(c.proposed_at),
            "lead": lead,
            **_liability_floor(c, totals),
        },
        "members": members,
        "contribution_totals": [{"currency": cur, "total": money(total)}
                                for cur, total in sorted(totals.items())],
        "admitted": admitted or {},
        # the General Assembly's decision the minutes record (given by ``decisions``)
        "decision": {},
        "withdrawing": withdrawing,
        "results": context_part("consortium", "results", c, []),
        "agreement_signatures": signature_certificate("consortium", c.id,
                                                      "consortium_agreement"),
        "org": organization(c.lead),
        # a withdrawal the scheduler completes is recorded in the name of who gave notice
        **({"actor": person(user_by_id(admission.given_by_id))}
           if isinstance(admission, Withdrawn) and admission.given_by_id else {}),
    }
