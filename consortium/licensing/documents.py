"""The context every licence document is rendered with."""
from __future__ import annotations

from typing import Any

from workflows import LICENSE
from workflows.license import LICENSE_TYPES

from ..consortia.documents import money
from ..disclosures.documents import disclosure_context
from ..documents.context import (
    long_date,
    multiline,
    organization,
    percent,
    signature_certificate,
    text,
)
from .models import License

TYPE_LABELS = dict(LICENSE_TYPES)


def license_context(lic: License) -> dict[str, Any]:
    """Everything a licence template may print, as plain strings and lists."""
    asset = disclosure_context(lic.disclosure)
    income = lic._income or {}
    # a royalty report (or its amendment) prints the period's figures as they now stand
    report = income.get("report")
    figures = ({"period": report.period, "net_sales": report.net_sales,
                "amount": report.amount_paid} if report is not None else income)
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
            "kind": text(income.get("kind")),
            "source": text(income.get("source")),
        },
        "agreement_signatures": signature_certificate("license", lic.id, "license_agreement"),
        "org": organization(lic.licensor),
    }


def _date(value):
    import datetime as dt
    return dt.date.fromisoformat(value) if value else None
