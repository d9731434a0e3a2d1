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
from ..documents.language import Label
from .models import EXERCISE_NOTICE_DAYS, NEGOTIATION_DAYS, License, Payment

TYPE_LABELS = dict(LICENSE_TYPES)


def license_context(lic: License, payment: Payment | None = None) -> dict[str, Any]:
    """Everything a licence template may print, as plain strings and lists; ``payment`` is
    what the transition brought in, if anything (a royalty report, a milestone)."""
    asset = disclosure_context(lic.disclosure)
    # a royalty report (or its amendment) prints the period's figures as they now stand
    report = payment.report if payment is not None else None
    if report is not None:
        figures = {"period": report.period, "net_sales": report.net_sales,
                   "amount": report.amount_paid, "gross_invoiced": report.gross_invoiced,
                   "deductions": report.deductions, "royalty_due": report.royalty_due,
                   "sublicence_income": report.sublicence_income,
                   "sublicence_share": report.sublicence_share_percent,
                   "countries": report.sales_by_country or []}
    elif payment is not None:
        figures = {"period": payment.period, "net_sales": payment.net_sales,
                   "amount": payment.amount}
    else:
        figures = {}
    return {
        "license": {
            "reg_number": text(lic.display_number),
            "type": lic.license_type,
            "type_label": Label(text(TYPE_LABELS.get(lic.license_type, ""))),
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
            "sublicence_share": percent(lic.sublicence_share_percent),
            "term_sheet_version": str(lic.term_sheet_version or 0),
            "notes": multiline(lic.notes),
            "state": Label(text(LICENSE.state_label(lic.state))),
            "activated_at": long_date(lic.activated_at),
            "expires_on": long_date(lic.expires_on),
            # a notice of termination states the day it takes effect, before it has
            "ended_at": long_date(lic.ended_at or lic.termination_effective_on),
            "termination_ground": text(lic.termination_ground),
            # the periods of clause 12, the same terms the engine dates the notices by
            "cure_period_days": str(lic.cure_days),
            "termination_notice_days": str(lic.licensee_notice_days),
            # an option's own terms (the option agreement); its dates once it is signed
            "option_period_months": text(lic.option_period_months),
            "option_fee": money(lic.option_fee),
            "exercise_notice_days": str(EXERCISE_NOTICE_DAYS if lic.exercise_notice_days is None
                                        else lic.exercise_notice_days),
            "exercise_license_type": text(lic.exercise_license_type),
            "exercise_terms": multiline(lic.exercise_terms),
            "negotiation_days": str(lic.negotiation_days or NEGOTIATION_DAYS),
            "option_ends_on": long_date(lic.option_ends_on),
            "exercise_deadline": long_date(lic.exercise_deadline),
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
            "gross_invoiced": money(figures.get("gross_invoiced")),
            "deductions": money(figures.get("deductions")),
            "royalty_due": money(figures.get("royalty_due")),
            "sublicence_income": money(figures.get("sublicence_income")),
            "sublicence_share": percent(figures.get("sublicence_share")),
            "countries": [{"country": text(c.get("country")), "units": text(c.get("units")),
                           "amount": money(c.get("amount"))}
                          for c in figures.get("countries", [])],
            "kind": text(payment.kind if payment else None),
            "source": text(payment.source if payment else None),
        },
        "agreement_signatures": signature_certificate("license", lic.id, "license_agreement"),
        # the letterhead: a royalty report is the licensee's, every other document the
        # licensor's
        "org": organization(lic.licensee if report is not None else lic.licensor),
    }


def _date(value):
    return dt.date.fromisoformat(value) if value else None
