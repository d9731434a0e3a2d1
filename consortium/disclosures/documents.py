"""The context every disclosure document is rendered with."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from workflows import DISCLOSURE
from workflows.disclosure import OWNERSHIP
from workflows.readiness import trl_stage, wording

from ..auth.models import User
from ..documents.context import (
    long_date,
    multiline,
    organization,
    percent,
    person,
    text,
    user_by_id,
)
from ..documents.language import Label
from ..extensions import db
from ..workflow import supplies_context
from .models import FUNDING_LABELS, Disclosure
from .novelty import novelty_status

OWNERSHIP_LABELS = dict(OWNERSHIP)


def _inventor_iin(inventor) -> str | None:
    """The inventor's IIN: their own (an inventor without an account), else their account's."""
    if inventor.iin:
        return inventor.iin
    user = user_by_id(inventor.user_id)
    return user.iin if user is not None else None


def disclosure_context(d: Disclosure, produced: None = None) -> dict[str, Any]:
    """Everything a disclosure template may print, as plain strings and lists (disclosure
    transitions produce nothing beyond the record: ``produced`` is always None)."""
    novelty = novelty_status(d.public_disclosure_date, today=dt.date.today())
    consortium_name = ""
    if d.consortium_id:
        from ..consortia.models import Consortium
        c = db.session.get(Consortium, d.consortium_id)
        consortium_name = f"{c.name} ({c.display_number})" if c else ""
    return {
        "disclosure": {
            "reg_number": text(d.reg_number),
            "title": text(d.title),
            "abstract": multiline(d.abstract),
            "background": multiline(d.background),
            "novelty": multiline(d.novelty),
            "field": text(d.field),
            "keywords": text(", ".join(d.keywords or [])),
            "funding_source": Label(text(FUNDING_LABELS.get(d.funding_source,
                                                           d.funding_source))),
            "grant_numbers": text(d.grant_numbers),
            "conception_date": long_date(d.conception_date),
            "reduction_to_practice_date": long_date(d.reduction_to_practice_date),
            "public_disclosure_date": long_date(d.public_disclosure_date),
            "public_disclosure_details": multiline(d.public_disclosure_details),
            "novelty_deadline": text(novelty.sentence if novelty else ""),
            "interested_partners": multiline(d.interested_partners),
            "consortium_name": text(consortium_name),
            "submitted_at": long_date(d.submitted_at),
            "state": Label(text(DISCLOSURE.state_label(d.state))),
        },
        "inventors": [
            {
                "position": str(i.position),
                "name": text(i.name),
                "email": text(i.email),
                "organization": text(i.organization.name if i.organization else ""),
                "share": percent(i.share_percent),
                "has_account": "yes" if i.user_id else "no",
                "iin": text(_inventor_iin(i)),
            }
            for i in d.inventors
        ],
        "assessment": {
            "trl": text(d.trl), "trl_text": text(wording("trl", d.trl)),
            "trl_stage": text(trl_stage(d.trl)),
            "crl": text(d.crl), "crl_text": text(wording("crl", d.crl)),
            "mrl": text(d.mrl), "mrl_text": text(wording("mrl", d.mrl)),
            "irl": text(d.irl), "irl_text": text(wording("irl", d.irl)),
            "ownership": Label(text(OWNERSHIP_LABELS.get(d.ownership or "", ""))),
            "recommendation": multiline(d.recommendation),
            "assessed_at": long_date(d.assessed_at),
        },
        "patent": {
            "office": text(d.patent_office),
            "application_number": text(d.application_number),
            "filing_date": long_date(d.filing_date),
            "patent_number": text(d.patent_number),
            "grant_date": long_date(d.grant_date),
        },
        "org": organization(d.organization),
    }


def signer_context(user_ids: list[int]) -> list[dict[str, str]]:
    users = {u.id: u for u in db.session.query(User).filter(User.id.in_(user_ids))} \
        if user_ids else {}
    return [person(users[uid]) for uid in user_ids if uid in users]


@supplies_context("consortium", "results")
def consortium_results(c) -> list[dict[str, str]]:
    """Disclosures made inside the consortium ``c``, with who owns them (its dissolution act)."""
    labels = dict(OWNERSHIP)
    rows = db.session.scalars(select(Disclosure).where(Disclosure.consortium_id == c.id)
                              .order_by(Disclosure.id)).all()
    return [{"reg_number": text(d.display_number), "title": text(d.title),
             "state": text(d.state.replace("_", " ")),
             "organization": text(d.organization.name),
             "owner": text(labels.get(d.ownership or "", "not yet decided"))} for d in rows]
