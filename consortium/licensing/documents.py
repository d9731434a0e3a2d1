"""The context every licence document is rendered with."""
from __future__ import annotations

import datetime as dt
from typing import Any

from workflows import LICENSE
from workflows.license import LICENSE_TYPES

from ..disclosures.documents import disclosure_context
from ..documents.context import (
    long_date,
    money,
    multiline,
    organization,
    percent,
    signature_certificate,
    text,
)
from .models import License, Payment

TYPE_LABELS = dict(LICENSE_TYPES)


def license_context(lic: License, payment: Payment | None = None) -> dict[str, Any]:
    """Everything a licence template may print, as plain strings and lists; ``payment`` is
    what the transition brought in, if anything (a royalty report, a milestone)."""
    asset = disclosure_context(lic.disclosure)
    # a royalty report (or its amendment) prints the period's figures as they now stand
    report = payment.report if payment is not None else None
    if report is not None:
        figures = {"period": report.period, "net_sales": report.net_sales,
                   "amount": report.amount_paid}
    elif payment is not None:
        figures = {"period": payment.period, "net_sales": payment.net_sales,
                   "amount": payment.amount}
    else:
        figures = {}
    return {
        "license": {
            "reg_number": text(lic.display_number),
            "type": lic.license_type,
            "type_label": text(TYPE_LABELS.get(lic.license_type, "")),
            "exclusive": "yes" if lic.license_type == "exclusive" else "",
            "field_of_use": text(lic.field_of_use or "all fields of use"),
            "all_fields": "" if lic.field_of_use else "yes",
            "territory": text(", ".join(lic.territory or ["WORLD"])),
            "worldwide": "yes" if "WORLD" in (lic.territory or ["WORLD"]) else "",
            "term_months": text(lic.term_months),
            "upfront_fee": money(lic.upfront_fee),
            "royalty_rate": percent(lic.royalty_rate_percent),
            "minimum_annual_royalty": money(lic.minimum_annual_royalty),
            "currency": text(lic.currency),
            "sublicensing": "yes" if lic.sublicensing_allowed else "",
            "term_sheet_version": str(lic.term_sheet_version or 0),
            "notes": multiline(lic.notes),
            "state": text(LICENSE.state_label(lic.state)),
            "activated_at": long_date(lic.activated_at),
            "expires_on": long_date(lic.expires_on),
            "ended_at": long_date(lic.ended_at),
        },
        "milestones": [{"description": text(m.get("description")),
                        "amount": money(m.get("amount")),
                        "due_date": long_date(_date(m.get("due_date")))}
                       for m in (lic.milestones or [])],
        "licensor": organization(lic.licensor),
        "licensee": organization(lic.licensee),
        "asset": {**asset["disclosure"], "patent": asset["patent"],
                  "inventors": asset["inventors"]},
        "report": {
            "period": text(figures.get("period")),
            "net_sales": money(figures.get("net_sales")),
            "amount": money(figures.get("amount")),
            "kind": text(payment.kind if payment else None),
            "source": text(payment.source if payment else None),
        },
        "agreement_signatures": signature_certificate("license", lic.id, "license_agreement"),
        "org": organization(lic.licensor),
    }


def _date(value):
    return dt.date.fromisoformat(value) if value else None
