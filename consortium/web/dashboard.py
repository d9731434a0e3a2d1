"""The legal and technology-transfer dashboard: GROUP BY queries scoped to one organisation."""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, or_, select

from workflows import WORKFLOWS
from workflows.errors import N_
from workflows.readiness import TRL_STAGES

from ..benefits.models import BenefitPlan, Revenue
from ..catalogue import services as catalogue
from ..consortia.models import Consortium, Member
from ..db import utcnow
from ..disclosures.models import Disclosure
from ..docket import services as docket
from ..documents.models import Document, RequiredSigner, Signature
from ..extensions import db
from ..licensing.models import License
from ..money import minor_units


def _org_records(org_id: int) -> dict[str, object]:
    """Per workflow, the condition selecting the organisation's records."""
    return {
        # drafts are their inventors' alone until submitted: not even counted here
        "disclosure": (Disclosure.organization_id == org_id)
        & Disclosure.submitted_at.is_not(None),
        "consortium": or_(Consortium.lead_organization_id == org_id,
                          Consortium.id.in_(select(Member.consortium_id)
                                            .where(Member.organization_id == org_id))),
        "license": or_(License.licensor_organization_id == org_id,
                       License.licensee_organization_id == org_id),
        "benefit_plan": BenefitPlan.organization_id == org_id,
        "offer": catalogue.Offer.organization_id == org_id,
        "request": catalogue.TechRequest.organization_id == org_id,
    }


MODELS = {"disclosure": Disclosure, "consortium": Consortium, "license": License,
          "benefit_plan": BenefitPlan, "offer": catalogue.Offer,
          "request": catalogue.TechRequest}


def states_table(org_id: int) -> list[dict]:
    where = _org_records(org_id)
    rows = []
    for wf in WORKFLOWS:
        model = MODELS[wf.name]
        counts = dict(db.session.execute(select(model.state, func.count(model.id))
                                          .where(where[wf.name]).group_by(model.state)).all())
        for state in wf.states:
            rows.append({"workflow": wf.label, "state": wf.state_label(state),
                         "count": counts.get(state, 0)})
    return rows


def portfolio_table(org_id: int) -> list[dict]:
    counts = dict(db.session.execute(
        select(Disclosure.trl, func.count(Disclosure.id))
        .where(Disclosure.organization_id == org_id, Disclosure.trl.is_not(None))
        .group_by(Disclosure.trl)).all())
    rows = []
    for levels, _key, label in TRL_STAGES:
        rows.append({"stage": label, "trl": f"{levels.start}–{levels.stop - 1}",
                     "count": sum(counts.get(level, 0) for level in levels)})
    return rows


def money(amount, currency: str) -> Decimal:
    """An amount exact to its currency's minor unit (``1234567.50`` KZT, ``1235`` JPY)."""
    return Decimal(amount).quantize(Decimal(1).scaleb(-minor_units(currency)))


def _income(org_id: int) -> list[tuple[int, str, Decimal]]:
    """(year, currency, total) of the licence income received, oldest year first."""
    ryear = func.extract("year", Revenue.received_at)
    rows = db.session.execute(
        select(ryear, Revenue.currency, func.sum(Revenue.amount))
        .join(License, License.id == Revenue.license_id)
        .where(License.licensor_organization_id == org_id)
        .group_by(ryear, Revenue.currency)).all()
    return sorted((int(y), cur, money(total, cur)) for y, cur, total in rows)


def licences_table(org_id: int) -> list[dict]:
    """Licences executed per year and type, for every year with a licence or income."""
    year = func.extract("year", License.activated_at)
    executed = db.session.execute(
        select(year, License.license_type, func.count(License.id))
        .where(License.licensor_organization_id == org_id, License.activated_at.is_not(None))
        .group_by(year, License.license_type)).all()
    table: dict[int, dict] = defaultdict(lambda: {"exclusive": 0, "non_exclusive": 0,
                                                  "option": 0})
    for y, kind, n in executed:
        table[int(y)][kind] += n
    years = sorted(set(table) | {y for y, _cur, _total in _income(org_id)})
    return [{"year": y, **table[y]} for y in years]


def income_table(org_id: int) -> list[dict]:
    """Licence income received per year and currency: one row each, the amount a number."""
    return [{"year": y, "amount": total, "currency": cur} for y, cur, total in _income(org_id)]


def distributions_table(org_id: int) -> list[dict]:
    """Amounts distributed per beneficiary, summed over every distribution of the org's plans."""
    totals: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    rows = db.session.execute(select(Revenue.distribution, Revenue.currency)
                              .join(BenefitPlan, BenefitPlan.id == Revenue.plan_id)
                              .where(BenefitPlan.organization_id == org_id,
                                     Revenue.status == "distributed")).all()
    for dist, cur in rows:
        for line in (dist or {}).get("lines", []):
            totals[(line["label"], cur)] += Decimal(line["amount"])
    return [{"beneficiary": label, "amount": money(amount, cur), "currency": cur}
            for (label, cur), amount in sorted(totals.items(),
                                               key=lambda kv: (-kv[1], kv[0]))]


def signature_ageing_table(org_id: int) -> list[dict]:
    """Signatures still pending on the organisation's documents, by how long they have waited."""
    signed = select(Signature.id).where(Signature.document_id == RequiredSigner.document_id,
                                        Signature.signer_id == RequiredSigner.user_id)
    subjects = []
    for name, cond in _org_records(org_id).items():
        model = MODELS[name]
        subjects.append(select(Document.id).where(
            Document.record_type == name,
            Document.record_id.in_(select(model.id).where(cond))))
    docs_ids = subjects[0].union_all(*subjects[1:]).subquery()
    created = db.session.scalars(
        select(Document.created_at).join(RequiredSigner,
                                         RequiredSigner.document_id == Document.id)
        .where(Document.superseded.is_(False), Document.id.in_(select(docs_ids)),
               ~signed.exists())).all()
    now = utcnow()
    buckets = [(N_("under 7 days"), 7), (N_("7–30 days"), 30), (N_("30–90 days"), 90),
               (N_("over 90 days"), None)]
    counts = {label: 0 for label, _ in buckets}
    for c in created:
        age = (now - c).days
        for label, limit in buckets:
            if limit is None or age < limit:
                counts[label] += 1
                break
    return [{"waiting": label, "signatures": counts[label]} for label, _ in buckets]


def patent_spend_table(org_id: int) -> list[dict]:
    """Official and attorney fees paid for the organisation's patent families, per year and
    currency: one row each, the amount a number."""
    return [{"year": y, "amount": money(total, cur), "currency": cur}
            for y, cur, total in docket.spend_by_year(org_id)]


TABLES = {
    "states": (N_("Records per state"), states_table),
    "portfolio": (N_("Portfolio by readiness (TRL)"), portfolio_table),
    "licences": (N_("Licences executed and income by year"), licences_table),
    "income": (N_("Licence income by year"), income_table),
    "distributions": (N_("Distributions paid per beneficiary"), distributions_table),
    "signatures": (N_("Ageing of pending signatures"), signature_ageing_table),
    "patent_spend": (N_("Patent spend by year"), patent_spend_table),
    # the single window (consortium.catalogue)
    "catalogue_stages": (N_("Innovation catalogue by stage"), catalogue.stage_table),
    "requests_by_field": (N_("Open technology requests by field"),
                          catalogue.requests_by_field_table),
    "catalogue_funnel": (N_("From offers to licences"), catalogue.funnel_table),
}
#: the column headings of the tables the dashboard shows as they come (``_(col|capitalize)``)
COLUMN_LABELS = (N_("Stage"), N_("Offers"), N_("Ours"), N_("Field"), N_("Requests"),
                 N_("Step"), N_("Count"))


#: what a spreadsheet may read as the start of a formula (OWASP "CSV injection")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value) -> str:
    """One cell: numbers as plain numbers (``-1234.50`` stays a number), text defused.

    Text that a spreadsheet would run as a formula gets a leading apostrophe, which the
    spreadsheet shows as text and does not evaluate; every field is quoted by the writer.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return f"{value:f}"
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(rows: list[dict]) -> str:
    """The one CSV writer of every export: a header row, every field quoted and defused."""
    out = io.StringIO()
    if rows:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow([csv_cell(name) for name in rows[0]])
        writer.writerows([csv_cell(v) for v in row.values()] for row in rows)
    return out.getvalue()
