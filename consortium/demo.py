"""Demo organisations, people and disclosures in several states, made through the engine."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from .auth.models import User
from .auth.services import create_user
from .consortia.services import RECORD as CONSORTIUM
from .db import unit_of_work
from .disclosures.services import RECORD
from .documents.models import Document
from .extensions import db
from .organizations.models import Organization
from .organizations.services import create_organization
from .search import mark_indexed
from .workflow import fire, sign

PASSWORD = "consortium-demo-2026"

ORGS = [
    ("Steppe Polytechnic University", "university", "990140000126",
     "12 Abay Avenue, Astana 010000, Kazakhstan"),
    ("Institute of Applied Polymer Chemistry", "research_institute", "050440001239",
     "45 Satpayev Street, Almaty 050013, Kazakhstan"),
    ("KazAgroTech Solutions LLP", "enterprise", "181040012348",
     "8 Dostyk Avenue, Almaty 050010, Kazakhstan"),
    ("Atyrau Refining Technologies LLP", "enterprise", "170540023456",
     "21 Satpayev Avenue, Atyrau 060011, Kazakhstan"),
]

#: (email, name, role, organisation, job title)
PEOPLE = [
    ("aigerim.seitkali@steppe.edu.kz", "Aigerim Seitkali", "researcher",
     "Steppe Polytechnic University", "Associate Professor, Department of Chemical Engineering"),
    ("daniyar.omarov@steppe.edu.kz", "Daniyar Omarov", "researcher",
     "Steppe Polytechnic University", "Senior Researcher, Laboratory of Biopolymers"),
    ("saule.nurlanova@steppe.edu.kz", "Saule Nurlanova", "legal",
     "Steppe Polytechnic University", "Director, Technology Transfer Office"),
    ("elena.kim@polymer.kz", "Elena Kim", "researcher",
     "Institute of Applied Polymer Chemistry", "Leading Researcher"),
    ("marat.akhmetov@polymer.kz", "Marat Akhmetov", "legal",
     "Institute of Applied Polymer Chemistry", "Head of Intellectual Property"),
    ("arman.bekov@kazagrotech.kz", "Arman Bekov", "partner",
     "KazAgroTech Solutions LLP", "General Director"),
    ("dana.serikova@atyrau-rt.kz", "Dana Serikova", "partner",
     "Atyrau Refining Technologies LLP", "Managing Director"),
    ("admin@consortium.example", "Platform Administrator", "admin",
     "Steppe Polytechnic University", "Platform operator"),
    # second legal officers: whoever sends an agreement for legal review does not approve it
    ("timur.zhaksylykov@steppe.edu.kz", "Timur Zhaksylykov", "legal",
     "Steppe Polytechnic University", "Licensing Manager, Technology Transfer Office"),
    ("gulnara.abenova@polymer.kz", "Gulnara Abenova", "legal",
     "Institute of Applied Polymer Chemistry", "Legal Counsel"),
]

LOGINS = [(email, role, org) for email, _n, role, org, _t in PEOPLE]

ASSESSMENT = {"trl": "4", "crl": "2", "mrl": "3", "irl": "3", "ownership": "institution",
              "recommendation": "Novel coating chemistry with a clear industrial partner. "
                                "File a national patent application and a PCT application "
                                "within 12 months; approach seed producers for a licence."}

#: (title, abstract, field, keywords, inventors as (email, share), how far to take it)
DISCLOSURES = [
    ("Biodegradable seed coating from camel-wool keratin",
     "A seed coating made from hydrolysed camel-wool keratin and chitosan that releases "
     "nitrogen over 40 days and degrades fully in soil within one season.",
     "Agricultural biotechnology", ["seed coating", "keratin", "controlled release"],
     [("aigerim.seitkali@steppe.edu.kz", "60"), ("daniyar.omarov@steppe.edu.kz", "40")],
     "assignment_pending"),
    ("Low-temperature catalyst for flare-gas desulfurisation",
     "A zinc-ferrite catalyst on a steppe-clay support that removes hydrogen sulfide from "
     "associated petroleum gas at 180 °C instead of 350 °C.",
     "Petrochemistry", ["catalysis", "H2S removal", "flare gas"],
     [("aigerim.seitkali@steppe.edu.kz", "100")], "patent_pending"),
    ("Drip-irrigation emitter resistant to saline clogging",
     "An emitter geometry with a self-cleaning vortex chamber that keeps flow within 5 % "
     "after 600 hours on water with 4 g/l dissolved salts.",
     "Agricultural engineering", ["irrigation", "salinity"],
     [("daniyar.omarov@steppe.edu.kz", "70"), ("aigerim.seitkali@steppe.edu.kz", "30")],
     "under_review"),
    ("Machine-vision grading of wheat kernels for vitreousness",
     "A phone-camera method that grades wheat vitreousness with 94 % agreement with the "
     "reference translucency test, for grain elevators.",
     "Agri-food technology", ["machine vision", "grain quality"],
     [("aigerim.seitkali@steppe.edu.kz", "50"), ("daniyar.omarov@steppe.edu.kz", "50")],
     "submitted"),
    ("Recyclable polymer binder for lithium-iron-phosphate cathodes",
     "A water-soluble binder that lets the cathode active material be recovered by washing "
     "at 60 °C.", "Energy storage", ["batteries", "recycling", "binder"],
     [("aigerim.seitkali@steppe.edu.kz", "100")], "draft"),
    ("Polymer membrane for brackish-water desalination",
     "A graphene-oxide-laminated polyamide membrane with 30 % higher flux at equal rejection.",
     "Water treatment", ["membranes", "desalination"],
     [("elena.kim@polymer.kz", "100")], "trade_secret"),
]

PATH = {
    "draft": [],
    "submitted": ["submit"],
    "under_review": ["submit", "start_review"],
    "assignment_pending": ["submit", "start_review", "complete_assessment", "decide_protect"],
    "patent_pending": ["submit", "start_review", "complete_assessment", "decide_protect",
                       "*sign", "file_patent"],
    "trade_secret": ["submit", "start_review", "complete_assessment", "decide_trade_secret"],
}


def _member(org, role, kind, value, description, share):
    return {"organization_id": org.id, "role": role, "contribution_type": kind,
            "contribution_value": value, "currency": "KZT",
            "contribution_description": description, "share_percent": share}


def _consortia() -> None:
    """One consortium waiting for the enterprise's signature, one active."""
    orgs = {o.name: o for o in db.session.scalars(select(Organization))}
    uni, inst, firm = (orgs[name] for name, *_ in ORGS[:3])
    saule, marat = _user("saule.nurlanova@steppe.edu.kz"), _user("marat.akhmetov@polymer.kz")
    gulnara = _user("gulnara.abenova@polymer.kz")
    with unit_of_work():
        agro = CONSORTIUM.create(saule, {
            "name": "Steppe Agro-Polymer Consortium",
            "purpose": "Develop biodegradable polymer seed coatings and bring them to market "
                       "with a Kazakh seed producer.",
            "work_plan": "Year 1: formulations and laboratory trials.\nYear 2: field trials in "
                         "Akmola and Kostanay regions.\nYear 3: pilot production line.",
            "lead_organization_id": uni.id, "start_date": "2027-01-01",
            "end_date": "2029-12-31", "ip_regime": "joint_ownership",
            "voting_rule": "two_thirds",
            "members": [
                _member(uni, "lead", "in_kind", "40000000", "Laboratories, staff time and "
                        "field-trial management", "45"),
                _member(inst, "member", "background_ip", "15000000", "Patent KZ 35511 on "
                        "keratin hydrolysis and its know-how", "25"),
                _member(firm, "member", "cash", "30000000", "Funding of field trials and of "
                        "the pilot line", "30")]})
        water = CONSORTIUM.create(marat, {
            "name": "Caspian Water Technologies Consortium",
            "purpose": "Develop graphene-oxide membranes for brackish-water desalination.",
            "lead_organization_id": inst.id, "start_date": "2026-03-01",
            "end_date": "2028-02-29", "ip_regime": "each_party_owns",
            "voting_rule": "majority",
            "members": [
                _member(inst, "lead", "in_kind", "25000000", "Membrane laboratory", "60"),
                _member(uni, "member", "in_kind", "12000000", "Pilot test stand", "40")]})
    agro_id, water_id = agro.id, water.id
    with unit_of_work():
        fire(CONSORTIUM, db.session.get(CONSORTIUM.model, agro_id), "propose", saule)
    with unit_of_work():
        moi = db.session.scalar(select(Document).where(
            Document.record_type == "consortium", Document.record_id == agro_id))
        for signer in (saule, marat):
            sign(moi, signer, signer.name, True, "127.0.0.1", "demo loader")
    for step in ("propose", "*sign", "submit_for_review", "approve", "*sign"):
        with unit_of_work():
            record = db.session.get(CONSORTIUM.model, water_id)
            if step == "*sign":
                doc = db.session.scalar(select(Document).where(
                    Document.record_type == "consortium", Document.record_id == water_id,
                    Document.superseded.is_(False)).order_by(Document.id.desc()).limit(1))
                for uid in doc.pending_signer_ids():
                    signer = db.session.get(User, uid)
                    sign(doc, signer, signer.name, True, "127.0.0.1", "demo loader")
            else:
                fire(CONSORTIUM, record, step, gulnara if step == "approve" else marat)
    _general_assembly(water_id, marat, saule, firm)


def _general_assembly(cid: int, chair: User, member: User, newcomer: Organization) -> None:
    """The active consortium's General Assembly: an amendment adopted a month ago (its
    veto window over), and the admission of the enterprise now open to the vote."""
    from .consortia import decisions
    from .db import utcnow
    start = utcnow() - dt.timedelta(days=30)
    with unit_of_work():
        c = db.session.get(CONSORTIUM.model, cid)
        d = decisions.propose(c, chair, {
            "matter": "amend", "voting_days": 10,
            "motion": "Amend clause 10 so that Consortium Income from the pilot test stand "
                      "is shared 50/50 between the Parties."}, now=start)
        for voter in (chair, member):
            decisions.vote(c, d, voter, {"choice": "for"}, now=start + dt.timedelta(days=1))
        decisions.settle(c, d, utcnow())
        decisions.propose(c, chair, {
            "matter": "admit_member", "voting_days": 15,
            "motion": "Admit KazAgroTech Solutions LLP as a member funding the field trials.",
            "data": {"organization_id": newcomer.id, "role": "member",
                     "contribution_type": "cash", "contribution_value": "20000000",
                     "currency": "KZT", "contribution_description": "Funding of field trials",
                     "share_percent": "20"}})
        first = decisions.decisions_of(c)[0]
        decisions.vote(c, first, chair, {"choice": "for"})


def _user(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def load() -> bool:
    """Create the demo data unless it is there already; True when it was created."""
    if db.session.scalar(select(Organization.id).where(Organization.name == ORGS[0][0])):
        return False
    # into an empty database, every record is indexed by this text pipeline (see below)
    empty = db.session.scalar(select(Organization.id).limit(1)) is None
    with unit_of_work():
        orgs = {}
        for name, kind, bin_, address in ORGS:
            orgs[name] = create_organization(name, kind, "KZ", bin_, address)
        # the institute issues its documents in Kazakh and Russian, in parallel columns
        orgs[ORGS[1][0]].document_languages = ["kk", "ru"]
        for email, name, role, org, title in PEOPLE:
            create_user(email, name, PASSWORD, role, orgs[org].id, title)
    for title, abstract, field, keywords, inventors, target in DISCLOSURES:
        filer = _user(inventors[0][0])
        legal = db.session.scalar(select(User).where(
            User.organization_id == filer.organization_id, User.role == "legal")
            .order_by(User.id).limit(1))
        with unit_of_work():
            d = RECORD.create(filer, {
                "title": title, "abstract": abstract, "field": field, "keywords": keywords,
                "funding_source": "state_grant", "grant_numbers": "AP19677451",
                "conception_date": "2025-03-14",
                "inventors": [{"user_id": _user(e).id, "share_percent": s}
                              for e, s in inventors]})
        for step in PATH[target]:
            with unit_of_work():
                if step == "*sign":
                    doc = db.session.scalar(select(Document).where(
                        Document.record_type == "disclosure", Document.record_id == d.id,
                        Document.template == "invention_assignment_agreement"))
                    for uid in doc.required_signer_ids:
                        signer = db.session.get(User, uid)
                        sign(doc, signer, signer.name, True, "127.0.0.1", "demo loader")
                    continue
                actor = filer if step == "submit" else legal
                data = {
                    "complete_assessment": ASSESSMENT,
                    "file_patent": {"office": "National Institute of Intellectual Property "
                                              "(Kazakhstan)",
                                    "application_number": "2026/0412.1",
                                    # filed the day it is recorded: a filing is
                                    # neither in the future nor before the submission
                                    "filing_date": dt.date.today().isoformat()},
                }.get(step)
                fire(RECORD, db.session.get(RECORD.model, d.id), step, actor, data=data)
    _consortia()
    _licences_and_plans()
    from .catalogue.demo import load as load_catalogue
    load_catalogue()  # offers and requests of the single window, with their matches
    if empty:  # nothing for the scheduler's search_index job to write again
        with unit_of_work():
            mark_indexed()
    return True


def _sign_pending(doc: Document) -> None:
    for uid in doc.pending_signer_ids():
        signer = db.session.get(User, uid)
        sign(doc, signer, signer.name, True, "127.0.0.1", "demo loader")


def _latest_doc(record_type: str, record_id: int) -> Document:
    return db.session.scalar(select(Document).where(
        Document.record_type == record_type, Document.record_id == record_id)
        .order_by(Document.id.desc()).limit(1))


def _licences_and_plans() -> None:
    """The catalyst: a plan in force and an active exclusive licence with a royalty paid;
    the membrane: a non-exclusive licence whose NDA waits for the enterprise."""
    from .benefits.services import RECORD as PLAN
    from .disclosures.models import Disclosure
    from .licensing.services import RECORD as LICENCE
    saule, marat = _user("saule.nurlanova@steppe.edu.kz"), _user("marat.akhmetov@polymer.kz")
    timur = _user("timur.zhaksylykov@steppe.edu.kz")
    aigerim, dana = _user("aigerim.seitkali@steppe.edu.kz"), _user("dana.serikova@atyrau-rt.kz")
    orgs = {o.name: o for o in db.session.scalars(select(Organization))}
    catalyst = db.session.scalar(select(Disclosure).where(Disclosure.title.like("Low-temp%")))
    membrane = db.session.scalar(select(Disclosure).where(Disclosure.title.like("Polymer mem%")))
    with unit_of_work():
        plan = PLAN.create(saule, {
            "disclosure_id": catalyst.id, "currency": "KZT", "cost_recovery": True,
            "admin_fee_percent": "15",
            "inventor_tiers": [{"up_to": "10000000", "percent": "50"}, {"percent": "25"}],
            "beneficiaries": [
                {"kind": "inventor", "user_id": aigerim.id, "share_percent": "50"},
                {"kind": "department", "label": "Department of Chemical Engineering",
                 "share_percent": "25"},
                {"kind": "institution", "organization_id": orgs[ORGS[0][0]].id,
                 "share_percent": "25"}]})
    plan_id = plan.id
    with unit_of_work():
        fire(PLAN, db.session.get(PLAN.model, plan_id), "propose", saule)
    with unit_of_work():
        _sign_pending(_latest_doc("benefit_plan", plan_id))
    with unit_of_work():
        fire(PLAN, db.session.get(PLAN.model, plan_id), "approve", saule)
    with unit_of_work():  # the plan comes into force when every party has signed
        _sign_pending(_latest_doc("benefit_plan", plan_id))
    with unit_of_work():
        lic = LICENCE.create(saule, {
            "disclosure_id": catalyst.id,
            "licensee_organization_id": orgs["Atyrau Refining Technologies LLP"].id,
            "license_type": "exclusive",
            "field_of_use": "Desulfurisation of associated petroleum gas",
            "territory": ["KZ", "UZ", "TM"], "sublicensing_allowed": True,
            "milestones": [{"description": "Pilot unit commissioned", "amount": "15000000",
                            "due_date": "2027-09-30"}]})
    lic_id = lic.id
    steps = [("request_nda", saule, None), ("*sign", None, None),
             ("propose_terms", dana, {"term_months": 120, "upfront_fee": "25000000",
                                      "royalty_rate_percent": "3.5",
                                      "minimum_annual_royalty": "5000000"}),
             ("submit_for_review", saule, None), ("approve", timur, None),
             ("*sign", None, None),
             # the quarter the licence is activated in: a period of its term
             ("report_royalty", dana, {"period": _this_quarter(), "net_sales": "180000000",
                                       "amount": "6300000.00"})]
    for trigger, actor, data in steps:
        with unit_of_work():
            if trigger == "*sign":
                _sign_pending(_latest_doc("license", lic_id))
            else:
                fire(LICENCE, db.session.get(LICENCE.model, lic_id), trigger, actor, data=data)
    with unit_of_work():
        other = LICENCE.create(marat, {
            "disclosure_id": membrane.id,
            "licensee_organization_id": orgs["KazAgroTech Solutions LLP"].id,
            "license_type": "non_exclusive", "field_of_use": "Irrigation water treatment",
            "territory": ["KZ"]})
    other_id = other.id
    with unit_of_work():
        fire(LICENCE, db.session.get(LICENCE.model, other_id), "request_nda", marat)
    with unit_of_work():
        nda = _latest_doc("license", other_id)
        sign(nda, marat, marat.name, True, "127.0.0.1", "demo loader")


def _this_quarter() -> str:
    """The calendar quarter of today, as royalty reports name periods ("2026-Q4")."""
    today = dt.date.today()
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"
