"""Sample contexts for checking and previewing a template, made by the app's own context code.

Nothing here lists what a template may print: each sample is a record built in memory (never
added to the database) and passed through its workflow's ``RecordType.context`` (the domain's
``documents.py``), then given the parts every transition adds (``actor``, ``comment``,
``signers``: :func:`consortium.workflow.transition_parts`) and the ``doc`` part
(:func:`consortium.documents.services.doc_context`). A variable a template uses is allowed
exactly when that code provides it.

The few lookups the context code makes by primary key (a signatory, a plan's subject, the
plan it replaces) are answered from sample rows placed in the session's identity map for the
duration of :func:`contexts` only; queries for other records (signature certificates, a
consortium's results) find none, so those lists are empty in every sample.

A template the app issues outside a transition (:data:`OUTSIDE_TRANSITIONS`: the minutes of a
General Assembly decision, the application to register a licence) is checked the same way:
its sample record goes through the context function of the code that issues it
(``consortia.decisions.minutes_context``, ``docket.services.registration_context``).
"""
from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import make_transient_to_detached

from workflows import engine

from .. import workflow
from ..auth.models import Role, User
from ..benefits.models import Beneficiary, BenefitPlan
from ..consortia import decisions
from ..consortia.models import Admitted, Consortium, Member
from ..disclosures.models import Disclosure, Inventor
from ..docket import services as docket
from ..docket.models import PatentFiling
from ..documents import rendering
from ..documents.context import person
from ..documents.language import localize
from ..documents.services import doc_context
from ..extensions import db
from ..licensing.models import License, Payment, RoyaltyReport
from ..organizations.models import Organization, OrgKind

_BASE = 1_900_000_000  #: ids far above any real row (sample rows live only in memory)
NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
TODAY = NOW.date()

IP_REGIMES = ("each_party_owns", "lead_owns", "joint_ownership", "contributor_owns")
VOTING_RULES = ("majority", "two_thirds", "unanimity")
LICENSE_TYPES = ("exclusive", "non_exclusive", "option")


@dataclass(frozen=True)
class Sample:
    """One context to render a template with: ``label`` names it in a check report."""

    label: str
    context: dict[str, Any]
    #: the variant's code (ip_regime=lead_owns, ...), "" for the full and minimal samples
    variant: str = ""


#: templates the app issues outside a workflow transition, with the workflow of the record
#: each is issued on (``workflows.definition.ISSUED_OUTSIDE_TRANSITIONS`` names who signs them)
OUTSIDE_TRANSITIONS = {"general_assembly_minutes": "consortium",
                       "license_registration_application": "license"}
#: the statuses the minutes of a decision are issued in (when the voting closes, when the
#: veto window ends or a veto is given)
MINUTES_STATUSES = ("veto_window", "adopted", "rejected", "vetoed")


def workflow_of(template: str) -> str | None:
    """The workflow whose transitions issue ``template`` (from the definitions), or of the
    record it is issued on outside a transition."""
    for wf in engine.workflows.values():
        if any(t.document == template for t in wf.transitions):
            return wf.name
    return OUTSIDE_TRANSITIONS.get(template)


# -- sample rows -----------------------------------------------------------------------------------
def _org(n: int, name: str, kind: OrgKind, *, country: str = "KZ", bin_: str | None = None,
         address: str | None = None, signatory: int | None = None,
         title: str | None = None) -> Organization:
    return Organization(id=_BASE + n, name=name, kind=kind, country=country, bin=bin_,
                        address=address, signatory_user_id=signatory, signatory_title=title)


def _user(n: int, name: str, org: Organization, title: str | None, role: Role) -> User:
    return User(id=_BASE + n, email=f"sample{n}@example.org", name=name, role=role,
                organization_id=org.id, organization=org, title=title, active=True,
                password_hash="-")


def _lookup_copy(obj, **values):
    """A detached copy of ``obj`` for ``db.session.get`` to find (plain columns only)."""
    twin = type(obj)(**values)
    make_transient_to_detached(twin)
    return twin


class _World:
    """The sample organisations and people every workflow's records are made of."""

    def __init__(self, full: bool):
        self.full = full
        if full:
            self.university = _org(1, "Al-Farabi Kazakh National University", OrgKind.university,
                                   bin_="990140000265",
                                   address="71 al-Farabi Avenue, Almaty 050040",
                                   signatory=_BASE + 11, title="Rector")
            self.institute = _org(2, "Institute of Polymer Materials", OrgKind.research_institute,
                                  bin_="040240003311", address="5 Satpayev Street, Almaty",
                                  signatory=_BASE + 12, title="Director")
            self.enterprise = _org(3, "AgroSensors GmbH", OrgKind.enterprise, country="DE",
                                   bin_="HRB 217405", address="Wissenschaftspark 4, Potsdam",
                                   signatory=_BASE + 13, title="Managing Director")
        else:
            self.university = _org(1, "University", OrgKind.university)
            self.institute = _org(2, "Institute", OrgKind.research_institute)
            self.enterprise = _org(3, "Enterprise", OrgKind.enterprise)
        self.rector = _user(11, "Жансейіт Түймебаев", self.university,
                            "Rector" if full else None, Role.legal)
        self.director = _user(12, "Gulnara Abenova", self.institute,
                              "Director" if full else None, Role.legal)
        self.manager = _user(13, "Maria Schmidt", self.enterprise,
                             "Managing Director" if full else None, Role.partner)
        self.researcher = _user(14, "Айгерим Нурланқызы Сейтқали", self.university,
                                "Senior researcher" if full else None, Role.researcher)
        self.legal = _user(15, "Saule Nurlanova", self.university,
                           "Head of the technology transfer office" if full else None,
                           Role.legal)

    def lookups(self) -> list:
        """Detached twins of the people organisations name as signatories."""
        return [_lookup_copy(u, id=u.id, name=u.name, title=u.title, email=u.email,
                             role=u.role, organization_id=u.organization_id, active=True,
                             password_hash="-")
                for u in (self.rector, self.director, self.manager)]


def _disclosure(w: _World, n: int = 21) -> Disclosure:
    d = Disclosure(id=_BASE + n, title="Capacitive soil-moisture sensor — датчик влажности почвы",
                   abstract="A low-cost capacitive sensor that measures soil moisture at three "
                            "depths.\nIt runs for two seasons on one battery.",
                   funding_source="state_grant", organization_id=w.university.id,
                   organization=w.university, state="protected", keywords=[])
    inventors = [Inventor(id=_BASE + 31, position=1, name=w.researcher.name,
                          email=w.researcher.email, user_id=w.researcher.id,
                          organization=w.university, share_percent=Decimal("100"))]
    if w.full:
        d.reg_number = "KZNU-2026-0042"
        d.background = "Irrigated farms over-water by 30–40 % because probes are fragile."
        d.novelty = "1. A printed electrode geometry.\n2. Self-calibration against rainfall."
        d.field = "Agricultural sensing"
        d.keywords = ["soil moisture", "LoRaWAN"]
        d.grant_numbers = "AP19680012"
        d.conception_date = dt.date(2026, 2, 14)
        d.reduction_to_practice_date = dt.date(2026, 9, 2)
        d.public_disclosure_date = dt.date(2026, 10, 10)
        d.public_disclosure_details = "Poster at the Central Asian Agritech Conference."
        d.interested_partners = "AgroSensors GmbH — distribution in the EU."
        d.submitted_at = NOW - dt.timedelta(days=60)
        d.trl, d.crl, d.mrl, d.irl = 4, 3, 3, 2
        d.ownership = "institution"
        d.recommendation = "Protect and license to an agritech manufacturer."
        d.assessed_at = NOW - dt.timedelta(days=30)
        d.patent_office = "National Institute of Intellectual Property"
        d.application_number = "2026/0815.1"
        d.filing_date = dt.date(2026, 12, 5)
        d.patent_number = "KZ 36512"
        d.grant_date = dt.date(2027, 6, 1)
        inventors[0].share_percent = Decimal("60")
        inventors.append(Inventor(id=_BASE + 32, position=2, name="Maria Schmidt",
                                  email="m.schmidt@agro-sensors.de", user_id=None,
                                  organization=w.enterprise, share_percent=Decimal("40")))
    d.inventors = inventors
    return d


def _member(n: int, org: Organization, position: int, role: str, ctype: str, value: str,
            share: str, full: bool, status: str = "active") -> Member:
    return Member(id=_BASE + n, organization_id=org.id, organization=org, position=position,
                  role=role, contribution_type=ctype, contribution_value=Decimal(value),
                  currency="KZT",
                  contribution_description="Laboratory time and staff" if full else "",
                  share_percent=Decimal(share), status=status,
                  joined_at=NOW - dt.timedelta(days=90) if full else None,
                  withdrawn_at=NOW - dt.timedelta(days=5) if status == "withdrawn" else None)


def _consortium(w: _World, ip_regime: str = "joint_ownership",
                voting_rule: str = "two_thirds") -> Consortium:
    c = Consortium(id=_BASE + 41, name="Soil Sensing Consortium",
                   purpose="Develop and commercialise soil sensors.\nShare the results.",
                   lead_organization_id=w.university.id, lead=w.university,
                   ip_regime=ip_regime, voting_rule=voting_rule, quorum_percent=50,
                   agreement_version=0, state="active")
    members = [_member(51, w.university, 1, "lead", "cash", "25000000", "50", w.full),
               _member(52, w.institute, 2, "member", "in_kind", "12000000", "50", w.full)]
    if w.full:
        c.reg_number = "CONS-2026-0003"
        c.work_plan = "Year 1: prototypes.\nYear 2: field trials."
        c.start_date, c.end_date = dt.date(2027, 1, 1), dt.date(2029, 12, 31)
        c.agreement_version = 2
        c.proposed_at = NOW - dt.timedelta(days=100)
        members[0].share_percent, members[1].share_percent = Decimal("45"), Decimal("30")
        members.append(_member(53, w.enterprise, 3, "associate", "background_ip", "5000000",
                               "25", True))
        members.append(_member(54, w.enterprise, 4, "member", "cash", "1000000", "0", True,
                               status="withdrawn"))
    c.members = members
    return c


def _license(w: _World, license_type: str = "exclusive",
             sublicensing: bool = True) -> License:
    lic = License(id=_BASE + 61, disclosure=_disclosure(w), licensor=w.university,
                  licensee=w.enterprise, licensor_organization_id=w.university.id,
                  licensee_organization_id=w.enterprise.id, license_type=license_type,
                  territory=["WORLD"], currency="KZT", milestones=[],
                  sublicensing_allowed=sublicensing, term_sheet_version=0, state="active")
    if w.full:
        lic.reg_number = "LIC-2027-0005"
        lic.field_of_use = "Soil-moisture sensing for irrigated agriculture"
        lic.territory = ["KZ", "UZ", "KG"]
        lic.term_months = 120
        lic.upfront_fee = Decimal("25000000")
        lic.royalty_rate_percent = Decimal("3.5")
        lic.minimum_annual_royalty = Decimal("5000000")
        lic.milestones = [{"description": "First commercial sale", "amount": "10000000",
                           "due_date": "2028-06-30"}]
        lic.notes = "Field trials in the Almaty region first."
        lic.term_sheet_version = 3
        lic.activated_at = NOW - dt.timedelta(days=200)
        lic.ended_at = NOW
        # an option's own terms and dates (the option agreement prints them)
        lic.option_period_months = 12
        lic.option_fee = Decimal("2000000")
        lic.exercise_notice_days = 30
        lic.exercise_license_type = "exclusive"
        lic.exercise_terms = "Royalty of 3.5 % of net sales.\nMinimum annual royalty 5 000 000 KZT."
        lic.negotiation_days = 90
        lic.option_ends_on = (NOW + dt.timedelta(days=165)).date()
    return lic


def _payment(lic: License) -> Payment:
    report = RoyaltyReport(id=_BASE + 71, period="2027-Q1", net_sales=Decimal("12500000"),
                           royalty_rate_percent=Decimal("3.5"), royalty_due=Decimal("437500"),
                           amount_paid=Decimal("437500"), currency="KZT")
    # the report's optional figures, where the model has them
    for key, value in {"gross_invoiced": Decimal("13000000"), "deductions": Decimal("500000"),
                       "sublicence_income": Decimal("2000000"),
                       "sublicence_share_percent": Decimal("25"),
                       "sales_by_country": [{"country": "KZ", "units": "1200",
                                             "amount": "9500000"},
                                            {"country": "UZ", "units": "400",
                                             "amount": "3000000"}]}.items():
        if hasattr(RoyaltyReport, key):
            setattr(report, key, value)
    return Payment(kind="royalty", amount=Decimal("437500"), source="Royalty report 2027-Q1",
                   at=NOW, report=report, period="2027-Q1", net_sales=Decimal("12500000"))


def _plan(w: _World) -> BenefitPlan:
    plan = BenefitPlan(id=_BASE + 81, organization_id=w.university.id,
                       organization=w.university, currency="KZT", cost_recovery=False,
                       admin_fee_percent=Decimal(0), inventor_tiers=[], plan_version=1,
                       unrecovered_costs=Decimal(0), state="in_force")
    beneficiaries = [Beneficiary(id=_BASE + 91, position=1, kind="inventor",
                                 label=w.researcher.name, user_id=w.researcher.id,
                                 share_percent=Decimal("100"))]
    if w.full:
        plan.reg_number = "BSP-2027-0002"
        plan.disclosure_id = _BASE + 21
        plan.previous_id = _BASE + 82
        plan.plan_version = 2
        plan.cost_recovery = True
        plan.admin_fee_percent = Decimal("15")
        plan.inventor_tiers = [{"up_to": "10000000", "percent": "40"}, {"percent": "30"}]
        plan.approved_at = NOW - dt.timedelta(days=10)
        beneficiaries[0].share_percent = Decimal("50")
        beneficiaries += [
            Beneficiary(id=_BASE + 92, position=2, kind="department",
                        label="Department of Physics", organization=w.university,
                        share_percent=Decimal("20")),
            Beneficiary(id=_BASE + 93, position=3, kind="institution", label=w.university.name,
                        organization=w.university, share_percent=Decimal("30"))]
    plan.beneficiaries = beneficiaries
    return plan


# -- contexts --------------------------------------------------------------------------------------
@contextmanager
def _in_identity_map(rows: list) -> Iterator[None]:
    """Make ``db.session.get`` find ``rows`` (detached sample twins) while the block runs."""
    session = db.session()
    added = []
    try:
        for row in rows:
            session.add(row)
            added.append(row)
        yield
    finally:
        for row in added:
            session.expunge(row)


def _record(flow: str, w: _World, variant: dict[str, Any]):
    """A sample record of ``flow`` and what its transition produced (full samples only)."""
    if flow == "disclosure":
        return _disclosure(w), None
    if flow == "consortium":
        c = _consortium(w, **variant)
        # an admission always names the member it admitted (the last one listed)
        return c, Admitted(organization_id=(w.enterprise if w.full else w.institute).id)
    if flow == "license":
        lic = _license(w, **variant)
        return lic, (_payment(lic) if w.full else None)
    if flow == "benefit_plan":
        plan = _plan(w)
        receipt = plan.record_revenue({"amount": Decimal("20000000"),
                                       "costs": Decimal("1500000"),
                                       "source": "Licence LIC-2027-0005 upfront fee"},
                                      NOW, None) if w.full else None
        return plan, receipt
    raise LookupError(f"no sample records for workflow {flow!r}")


def _decision(w: _World, c: Consortium, status: str) -> tuple[decisions.Decision, list]:
    """A sample decision of the General Assembly in ``status`` (full: a declaration of
    default concerning the enterprise, the other parties' votes, a veto when vetoed), and the
    twins its minutes look up (who proposed and voted, the party concerned)."""
    closed = NOW - dt.timedelta(days=16)
    d = decisions.Decision(id=_BASE + 101, consortium_id=c.id, number=1,
                           matter="declare_defaulting" if w.full else "amend",
                           motion="Declare the party that has not paid its contribution a "
                                  "defaulting party." if w.full else "Amend the agreement.",
                           data={}, status=status, outcome_reason={},
                           proposed_by_id=w.rector.id, proposed_at=closed - dt.timedelta(days=15),
                           voting_ends_at=closed, closed_at=closed, votes=[], vetoes=[])
    if status == "rejected":
        d.decided_at = closed
        d.outcome_reason = {"message": "fewer than two-thirds of the votes cast were in favour",
                            "params": {}}
    elif status != "voting" and c.voting_rule != "unanimity":
        d.veto_ends_at = closed + dt.timedelta(days=decisions.VETO_DAYS)
    if status in ("adopted", "vetoed"):
        d.decided_at = d.veto_ends_at or closed
    twins = [_lookup_copy(o, id=o.id, name=o.name, kind=o.kind, country=o.country)
             for o in (w.university, w.institute, w.enterprise)]
    if w.full:
        d.data = {"organization_id": w.enterprise.id}
        d.concerned_organization_id = w.enterprise.id
        d.votes = [decisions.Vote(id=_BASE + 111, organization_id=w.university.id,
                                  organization=w.university, choice="for",
                                  cast_by_id=w.rector.id, cast_at=closed - dt.timedelta(days=3)),
                   decisions.Vote(id=_BASE + 112, organization_id=w.institute.id,
                                  organization=w.institute,
                                  choice="against" if status == "rejected" else "for",
                                  cast_by_id=w.director.id, cast_at=closed - dt.timedelta(days=2))]
        if status == "vetoed":
            d.decided_at = closed + dt.timedelta(days=5)
            d.vetoes = [decisions.Veto(id=_BASE + 121, organization_id=w.institute.id,
                                       organization=w.institute, cast_by_id=w.director.id,
                                       cast_at=closed + dt.timedelta(days=5),
                                       reason="The declaration would end the field trials the "
                                              "Institute runs for the Consortium.")]
    return d, twins


def _filings(w: _World, lic: License) -> list[PatentFiling]:
    """The protection titles a licence's application for registration lists (none in the
    minimal sample)."""
    if not w.full:
        return []
    return [PatentFiling(id=_BASE + 131, disclosure_id=lic.disclosure.id, office="KZ",
                         application_number="2026/0815.1", filing_date=dt.date(2026, 12, 5),
                         grant_number="KZ 36512", status="granted"),
            PatentFiling(id=_BASE + 132, disclosure_id=lic.disclosure.id, office="EAPO",
                         application_number="202791234", filing_date=dt.date(2027, 11, 30),
                         status="filed")]


def _outside_context(template: str, w: _World, record, variant: dict[str, Any]):
    """The context the code issuing ``template`` outside a transition gives it."""
    if template == "general_assembly_minutes":
        d, twins = _decision(w, record, variant.get("status", "veto_window" if w.full
                                                    else "adopted"))
        with _in_identity_map(twins):
            return decisions.minutes_context(record, d)
    if template == "license_registration_application":
        return docket.registration_context(record, _filings(w, record), w.legal)
    raise LookupError(f"no sample context for the template {template!r}")


def _context(template: str, flow: str, full: bool, variant: dict[str, Any]) -> dict[str, Any]:
    w = _World(full)
    # the parts of a variant that are not the record's (the status of a decision's minutes)
    outside = {k: variant[k] for k in ("status",) if k in variant}
    variant = {k: v for k, v in variant.items() if k not in outside}
    record, produced = _record(flow, w, variant)
    rt = workflow.REGISTRY[flow]
    twins = w.lookups()
    if template in OUTSIDE_TRANSITIONS:
        with _in_identity_map(twins):
            context = _outside_context(template, w, record, outside)
        info = rendering.template_info(template)
        number = f"{rt.key(record)}/{info['code']}-{2 if full else 1}"
        context["doc"] = doc_context(info, number, NOW, 2 if full else 1, info["version"])
        return context
    if flow == "benefit_plan" and full:
        twins.append(_lookup_copy(Disclosure(), id=_BASE + 21, reg_number="KZNU-2026-0042",
                                  title="Capacitive soil-moisture sensor"))
        twins.append(_lookup_copy(BenefitPlan(), id=_BASE + 82, reg_number="BSP-2027-0001",
                                  plan_version=1))
    with _in_identity_map(twins):
        context = rt.context(record, produced)
    signers = [w.rector, w.manager] if full else [w.rector]
    workflow.transition_parts(context, w.legal, "Approved at the meeting of 20 November."
                              if full else None, [person(u) for u in signers])
    info = rendering.template_info(template)
    number = f"{rt.key(record)}/{info['code']}-{2 if full else 1}"
    context["doc"] = doc_context(info, number, NOW, 2 if full else 1, info["version"])
    return context


_VARIANTS: dict[str, list[dict[str, Any]]] = {
    "consortium": [{"ip_regime": ip, "voting_rule": v} for ip in IP_REGIMES
                   for v in VOTING_RULES],
    "license": [{"license_type": t, "sublicensing": s} for t in LICENSE_TYPES
                for s in (True, False)],
}

#: variants of one template rather than of its workflow's records
_TEMPLATE_VARIANTS: dict[str, list[dict[str, Any]]] = {
    "general_assembly_minutes": [{"voting_rule": v, "status": s} for v in VOTING_RULES
                                 for s in MINUTES_STATUSES
                                 if not (v == "unanimity" and s in ("veto_window", "vetoed"))],
    # the licence agreement is issued for a licence only: an option has its own agreement
    **{name: [{"license_type": t, "sublicensing": s} for t in LICENSE_TYPES if t != "option"
              for s in (True, False)]
       for name in ("license_agreement", "executed_license_agreement")},
}

_CACHE: dict[str, list[Sample]] = {}


def contexts(template: str) -> list[Sample]:
    """The full sample, the minimal one and every variant of ``template``'s workflow (IP
    regimes and voting rules of a consortium, licence types with and without sublicensing).
    The contexts depend only on the code, so they are made once per process (copies are
    handed out, so a caller may change them)."""
    if template not in _CACHE:
        flow = workflow_of(template)
        if flow is None:
            raise LookupError(f"no workflow issues the template {template!r}")
        samples = [Sample("full sample data", _context(template, flow, True, {})),
                   Sample("minimal sample data", _context(template, flow, False, {}))]
        for variant in _TEMPLATE_VARIANTS.get(template, _VARIANTS.get(flow, [])):
            code = ", ".join(f"{k}={'yes' if v is True else 'no' if v is False else v}"
                             for k, v in variant.items())
            samples.append(Sample(f"variant {code}", _context(template, flow, True, variant),
                                  code))
        _CACHE[template] = samples
    return [Sample(s.label, copy.deepcopy(s.context), s.variant) for s in _CACHE[template]]


def contexts_in(template: str, language: str) -> list[Sample]:
    """:func:`contexts` as a document in ``language`` gets them (kk, ru, en): dates and
    labels in that language, ``doc.language`` and the title in it."""
    out = []
    for sample in contexts(template):
        context = localize(sample.context, language)
        context["doc"] = {**context["doc"], "language": language,
                          "title": rendering.template_title(template, language)}
        out.append(Sample(sample.label, context, sample.variant))
    return out


def provided_names(template: str) -> set[str]:
    """The top-level names ``template``'s workflow provides to its documents."""
    names: set[str] = set()
    for s in contexts(template)[:2]:
        names |= set(s.context)
    return names
