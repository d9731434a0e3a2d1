"""What test files share: the test password, request bodies, the JSON client, and the
journeys and worlds that take records through their workflows (fixtures: ``conftest.py``)."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

PASSWORD = "correct-horse-battery"
TITLE = "Seed coating from camel-wool keratin"
ASSESSMENT = {"trl": "4", "crl": "2", "mrl": "3", "irl": "3", "ownership": "institution",
              "recommendation": "File a national application and a PCT application."}
#: filed today: a filing is neither in the future nor before the disclosure's submission
FILING = {"office": "National Institute of Intellectual Property",
          "application_number": "2026/0412.1", "filing_date": dt.date.today().isoformat()}


def snapshot(obj, *fields):
    """Plain values of a model, usable after its session is gone."""
    return SimpleNamespace(**{f: getattr(obj, f) for f in fields})


def disclosure_payload(*inventors, title="Seed coating from camel-wool keratin", **extra):
    """A valid creation body; ``inventors`` are (user, share) pairs."""
    body = {
        "title": title,
        "abstract": "A keratin-chitosan seed coating that releases nitrogen over 40 days.",
        "funding_source": "state_grant",
        "keywords": ["seed coating", "keratin"],
        "inventors": [{"user_id": u.id, "share_percent": s} for u, s in inventors],
    }
    body.update(extra)
    return body


class Api:
    """A JSON client acting as one user through a real bearer token."""

    def __init__(self, client, user=None):
        self.client = client
        self.headers = {}
        self.user = user
        if user is not None:
            r = client.post("/api/v1/auth/token", json={"email": user.email,
                                                        "password": PASSWORD})
            assert r.status_code == 201, r.get_json()
            self.headers = {"Authorization": f"Bearer {r.get_json()['token']}"}

    def _call(self, method, path, **kw):
        headers = {**self.headers, **kw.pop("headers", {})}
        return getattr(self.client, method)(f"/api/v1{path}", headers=headers, **kw)

    def get(self, path, **kw):
        return self._call("get", path, **kw)

    def post(self, path, **kw):
        return self._call("post", path, **kw)

    def patch(self, path, **kw):
        return self._call("patch", path, **kw)


# -- documents: a disclosure, a consortium, a licence or plan taken to each template -----------
#: the transitions after assessment that produce each template
BRANCH = {
    "invention_disclosure_record": None,
    "ip_assessment_report": [],
    "invention_assignment_agreement": ["decide_protect"],
    "know_how_regime_order": ["decide_trade_secret"],
    "rights_release_letter": ["decide_release"],
    "patent_filing_record": ["decide_protect", "*sign", "file_patent"],
}


#: what it takes, on a consortium, to produce each template ("*sign": everyone signs the last
#: document issued, which fires the workflow's auto transition)
_ACTIVE = ["propose", "*sign", "submit_for_review", "approve", "*sign"]
CONSORTIUM_STEPS = {
    "memorandum_of_intent": ["propose"],
    "consortium_agreement_draft": ["propose", "*sign", "submit_for_review"],
    "consortium_agreement": ["propose", "*sign", "submit_for_review", "approve"],
    "executed_consortium_agreement": _ACTIVE,
    "accession_agreement": [*_ACTIVE, "admit_member"],
    "withdrawal_notice": [*_ACTIVE, "withdraw_member"],
    "amendment_proposal": [*_ACTIVE, "amend"],
    "dissolution_act": [*_ACTIVE, "dissolve"],
    # "ga:<matter>": the General Assembly decides the matter (its minutes are issued)
    "general_assembly_minutes": [*_ACTIVE, "ga:amend"],
}


#: what it takes, after the invention is protected, to produce each licence or plan document
_LICENSED = ["request_nda", "*sign", "propose_terms", "submit_for_review", "approve"]
LICENCE_STEPS = {
    "nda": ["request_nda"],
    "term_sheet": ["request_nda", "*sign", "propose_terms"],
    "license_agreement": _LICENSED,
    "executed_license_agreement": [*_LICENSED, "*sign"],
    "royalty_report": [*_LICENSED, "*sign", "report_royalty"],
    "termination_notice": [*_LICENSED, "*sign", "terminate"],
    # issued outside the workflow: the licensor applies to register the licence in force
    "license_registration_application": [*_LICENSED, "*sign", "register"],
    "benefit_sharing_plan_draft": ["plan:propose"],
    "benefit_sharing_agreement": ["plan:propose", "*sign", "plan:approve"],
    # the plan is in force once the holder and every beneficiary have signed its agreement
    "distribution_statement": ["plan:propose", "*sign", "plan:approve", "*sign",
                               "plan:record_revenue"],
    # "option:": the licence recorded is an option, approved as one
    "option_agreement": ["option:request_nda", "*sign", "propose_terms", "submit_for_review",
                         "approve_option"],
}


class Journey:
    """Drives one disclosure through the API, as its inventors and the legal officer."""

    def __init__(self, api, team, *, title=TITLE, comment=None, recommendation=None):
        self.alice, self.bob, self.legal = api(team.alice), api(team.bob), api(team.legal)
        self.comment = comment
        self.assessment = dict(ASSESSMENT)
        if recommendation is not None:
            self.assessment["recommendation"] = recommendation
        r = self.alice.post("/disclosures", json=disclosure_payload(
            (team.alice, "60"), (team.bob, 40), title=title))
        assert r.status_code == 201, r.get_json()
        self.id = r.get_json()["id"]
        self.team = team

    def fire(self, client, trigger, **body):
        if self.comment is not None:
            body.setdefault("comment", self.comment)
        r = client.post(f"/disclosures/{self.id}/transitions/{trigger}", json=body)
        assert r.status_code == 200, (trigger, r.get_json())
        return r.get_json()

    def sign_all(self, doc_id):
        """Every required signer signs: the inventors, and the organisation's signatory (the
        legal officer) where the document has a block for the organisation."""
        doc = self.legal.get(f"/documents/{doc_id}").get_json()
        people = ((self.alice, self.team.alice), (self.bob, self.team.bob),
                  (self.legal, self.team.legal))
        for client, user in people:
            if user.id not in doc["required_signers"]:
                continue
            r = client.post(f"/documents/{doc_id}/signatures",
                            json={"typed_name": user.name, "consent": True})
            assert r.status_code == 201, r.get_json()

    def to(self, template):
        """Fire what it takes to produce ``template``; the answer of the producing transition."""
        body = self.fire(self.alice, "submit")
        if BRANCH[template] is None:
            return body
        self.fire(self.legal, "start_review")
        body = self.fire(self.legal, "complete_assessment", data=self.assessment)
        for step in BRANCH[template]:
            if step == "*sign":
                self.sign_all(body["documents"][0]["id"])
            elif step == "file_patent":
                body = self.fire(self.legal, step, data=FILING)
            else:
                body = self.fire(self.legal, step)
        return body

    def produce(self, template):
        """The record, the document's metadata and its bytes."""
        body = self.to(template)
        [doc] = [d for d in body["documents"] if d["template"] == template]
        r = self.legal.get(f"/documents/{doc['id']}/content")
        assert r.status_code == 200
        return body["record"], doc, r.data


class ConsortiumJourney:
    """Drives one consortium through the API: a lead university, an institute, an enterprise."""

    def __init__(self, api, make_org, make_user, *, name="Steppe Agro-Polymer Consortium",
                 lead_name="Kazakh National Agrarian University", comment=None,
                 voting_rule="two_thirds", quorum_percent=50, app=None):
        self.lead_org = make_org(lead_name)
        inst = make_org("Institute of Applied Polymer Chemistry", "research_institute")
        firm = make_org("KazAgroTech Solutions LLP", "enterprise")
        self.newcomer_org = make_org("Outside Fund", "fund")
        people = {
            "lead": make_user("legal", self.lead_org, "Lena Lead"),
            # who sends the agreement for legal review does not approve it (four eyes)
            "reviewer": make_user("legal", self.lead_org, "Roza Reviewer"),
            "inst": make_user("legal", inst, "Ivan Institute"),
            "firm": make_user("partner", firm, "Farida Firm"),
            "new": make_user("legal", self.newcomer_org, "Nurlan Newcomer"),
        }
        self.clients = {p.id: (api(p), p) for p in people.values()}
        self.lead = self.clients[people["lead"].id][0]
        self.reviewer = self.clients[people["reviewer"].id][0]
        self.firm = self.clients[people["firm"].id][0]
        self.firm_org = firm
        self.comment = comment
        self.name = name
        members = [
            (self.lead_org, "lead", "in_kind", "40000000", "50"),
            (inst, "member", "background_ip", "15000000", "30"),
            (firm, "member", "cash", "25000000.50", "20"),
        ]
        r = self.lead.post("/consortia", json={
            "name": name, "purpose": "Develop biodegradable polymer seed coatings.",
            "work_plan": "Year 1: formulations. Year 2: field trials.",
            "lead_organization_id": self.lead_org.id, "start_date": "2026-12-01",
            "end_date": "2029-11-30", "ip_regime": "joint_ownership",
            "voting_rule": voting_rule, "quorum_percent": quorum_percent,
            "members": [{"organization_id": o.id, "role": role, "contribution_type": kind,
                         "contribution_value": value, "currency": "KZT",
                         "contribution_description": f"Contribution of {o.name}",
                         "share_percent": share}
                        for o, role, kind, value, share in members]})
        assert r.status_code == 201, r.get_json()
        self.id = r.get_json()["id"]
        self.last_doc = None
        self.app = app
        #: who votes for each member in the General Assembly (its legal staff or signatory)
        self.voters = [self.lead, self.clients[people["inst"].id][0], self.firm]
        self.newcomer = self.clients[people["new"].id][0]

    def adopt(self, matter, data=None):
        """Have the General Assembly adopt a decision on ``matter`` (see
        :func:`adopt_decision`)."""
        return adopt_decision(self.app, self.lead, [*self.voters, self.newcomer], self.id,
                              matter, data)

    def fire(self, client, trigger, **body):
        body.setdefault("comment", self.comment or "Agreed at the steering meeting.")
        r = client.post(f"/consortia/{self.id}/transitions/{trigger}", json=body)
        assert r.status_code == 200, (trigger, r.get_json())
        answer = r.get_json()
        if answer["documents"]:
            self.last_doc = answer["documents"][0]
        return answer

    def sign_all(self):
        for uid in self.last_doc["required_signers"]:
            client, user = self.clients[uid]
            r = client.post(f"/documents/{self.last_doc['id']}/signatures",
                            json={"typed_name": user.name, "consent": True})
            assert r.status_code == 201, r.get_json()

    def produce(self, template):
        for step in CONSORTIUM_STEPS[template]:
            if step == "*sign":
                self.sign_all()
            elif step == "admit_member":
                data = {
                    "organization_id": self.newcomer_org.id, "role": "associate",
                    "contribution_type": "cash", "contribution_value": "5000000",
                    "currency": "KZT", "contribution_description": "Seed funding",
                    "share_percent": "10"}
                self.adopt(step, data)
                self.fire(self.lead, step, data=data)
            elif step in ("amend", "dissolve"):
                self.adopt(step)
                self.fire(self.lead, step)
            elif step.startswith("ga:"):
                self.adopt(step.removeprefix("ga:"))
            elif step == "withdraw_member":
                self.fire(self.firm, step, data={"organization_id": self.firm_org.id})
            elif step == "approve":
                self.fire(self.reviewer, step)
            else:
                self.fire(self.lead, step)
        record = self.lead.get(f"/consortia/{self.id}").get_json()
        docs = self.lead.get(f"/consortia/{self.id}/documents").get_json()
        doc = next(d for d in docs if d["template"] == template)  # newest first
        r = self.lead.get(f"/documents/{doc['id']}/content")
        assert r.status_code == 200
        return record, doc, r.data


def adopt_decision(app, lead, voters, cid, matter, data=None, *,
                   motion="Resolved by the General Assembly."):
    """Take ``matter`` through the General Assembly of consortium ``cid``: ``lead`` (its
    legal staff) proposes it with ``data``, each of ``voters`` that may vote votes for it, and
    the periods end as the scheduler's job ends them, 31 days on. The decision as the API
    shows it, adopted."""
    from consortium.consortia import decisions
    from consortium.db import utcnow

    r = lead.post(f"/consortia/{cid}/decisions",
                  json={"matter": matter, "motion": motion, "data": data or {}})
    assert r.status_code == 201, r.get_json()
    did = r.get_json()["id"]
    for client in voters:
        r = client.post(f"/consortia/{cid}/decisions/{did}/votes", json={"choice": "for"})
        assert r.status_code in (201, 403, 404, 409), r.get_json()
    with (app or lead.client.application).app_context():
        # past the voting period (when a member did not vote) and the veto window after it
        decisions.settle_due(utcnow() + dt.timedelta(
            days=decisions.VOTING_DAYS + decisions.VETO_DAYS + 1))
    decision = lead.get(f"/consortia/{cid}/decisions/{did}").get_json()
    assert decision["status"] == "adopted", decision
    return decision


class LicenceJourney:
    """A protected invention, then its licence to an enterprise or its benefit plan."""

    def __init__(self, api, make_org, make_user, *, title=TITLE,
                 lead_name="Abai Institute of Technology", comment=None):
        self.org = make_org(lead_name)
        firm = make_org("KazAgroTech Solutions LLP", "enterprise")
        alice = make_user("researcher", self.org, "Alice Inventor")
        legal = make_user("legal", self.org, "Lena Legal")
        # who sends the licence for legal review does not approve it (four eyes)
        reviewer = make_user("legal", self.org, "Ruslana Reviewer")
        partner = make_user("partner", firm, "Farida Firm")
        self.clients = {u.id: (api(u), u) for u in (alice, legal, partner)}
        self.alice, self.legal, self.reviewer = api(alice), api(legal), api(reviewer)
        self.partner = self.clients[partner.id][0]
        self.comment = comment or "Agreed."
        did = self.alice.post("/disclosures", json=disclosure_payload(
            (alice, "100"), title=title)).get_json()["id"]
        self.alice.post(f"/disclosures/{did}/transitions/submit")
        self.legal.post(f"/disclosures/{did}/transitions/start_review")
        self.legal.post(f"/disclosures/{did}/transitions/complete_assessment",
                        json={"data": ASSESSMENT})
        doc = self.legal.post(f"/disclosures/{did}/transitions/decide_protect") \
            .get_json()["documents"][0]
        for client, name in ((self.alice, "Alice Inventor"), (self.legal, "Lena Legal")):
            r = client.post(f"/documents/{doc['id']}/signatures",
                            json={"typed_name": name, "consent": True})
            assert r.status_code == 201, r.get_json()
        self.did, self.firm, self.alice_user, self.legal_user = did, firm, alice, legal
        self.last_doc = None

    def _fire(self, client, path, trigger, **body):
        body.setdefault("comment", self.comment)
        r = client.post(f"{path}/transitions/{trigger}", json=body)
        assert r.status_code == 200, (trigger, r.get_json())
        if r.get_json()["documents"]:
            self.last_doc = r.get_json()["documents"][0]
        return r.get_json()

    def produce(self, template):
        steps = LICENCE_STEPS[template]
        if steps[0].startswith("plan:"):
            r = self.legal.post("/benefit-plans", json={
                "disclosure_id": self.did, "currency": "KZT", "cost_recovery": True,
                "admin_fee_percent": "15", "beneficiaries": [
                    {"kind": "inventor", "user_id": self.alice_user.id,
                     "share_percent": "50"},
                    {"kind": "institution", "organization_id": self.org.id,
                     "share_percent": "50"}]})
            assert r.status_code == 201, r.get_json()
            path = f"/benefit-plans/{r.get_json()['id']}"
        else:
            r = self.legal.post("/licenses", json={
                "disclosure_id": self.did, "licensee_organization_id": self.firm.id,
                "license_type": "option" if steps[0].startswith("option:") else "exclusive",
                "field_of_use": "Seed coatings", "territory": ["KZ"]})
            assert r.status_code == 201, r.get_json()
            path = f"/licenses/{r.get_json()['id']}"
        for step in steps:
            trigger = step.removeprefix("plan:").removeprefix("option:")
            if step == "*sign":
                for uid in self.last_doc["required_signers"]:
                    client, user = self.clients[uid]
                    r = client.post(f"/documents/{self.last_doc['id']}/signatures",
                                    json={"typed_name": user.name, "consent": True})
                    assert r.status_code == 201, r.get_json()
            elif trigger == "propose_terms" and steps[0].startswith("option:"):
                self._fire(self.partner, path, trigger, data={
                    "option_period_months": 12, "option_fee": "2000000",
                    "exercise_notice_days": 30, "exercise_license_type": "exclusive",
                    "royalty_rate_percent": "3.5"})
            elif trigger == "propose_terms":
                self._fire(self.partner, path, trigger, data={
                    "term_months": 120, "upfront_fee": "5000000",
                    "royalty_rate_percent": "3.5", "minimum_annual_royalty": "1000000"})
            elif trigger == "report_royalty":
                self._fire(self.partner, path, trigger, data={
                    "period": _this_quarter(), "net_sales": "40000000", "amount": "1400000"})
            elif trigger == "record_revenue":
                self._fire(self.legal, path, trigger, data={
                    "amount": "100000.01", "costs": "10000", "source": "Sale of prototypes"})
            elif step in ("approve", "approve_option"):
                self._fire(self.reviewer, path, trigger)
            elif step == "register":
                r = self.legal.post(f"{path}/registration/application")
                assert r.status_code == 201, r.get_json()
            else:
                self._fire(self.legal, path, trigger)
        record = self.legal.get(path).get_json()
        docs = self.legal.get(f"{path}/documents").get_json()
        doc = next(d for d in docs if d["template"] == template)
        r = self.legal.get(f"/documents/{doc['id']}/content")
        assert r.status_code == 200
        return record, doc, r.data


def _this_quarter() -> str:
    """A royalty period of a licence activated today (the calendar quarter of today)."""
    today = dt.date.today()
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


# -- who sees and signs what: one world of every kind of signer --------------------------------
ASSESS = {"trl": "5", "crl": "3", "mrl": "4", "irl": "3", "ownership": "institution",
          "recommendation": "Protect and license."}
COLLECTION = {"disclosure": "disclosures", "consortium": "consortia", "license": "licenses",
              "benefit_plan": "benefit-plans"}


#: the consortium triggers that need an adopted decision of the General Assembly
GENERAL_ASSEMBLY_MATTERS = ("admit_member", "declare_defaulting", "amend", "dissolve")


class World:
    """A university whose default signatory is a partner user (the first partner), an
    institute, an enterprise, a newcomer, and an unrelated organisation with every role."""

    def __init__(self, make_org, make_user, api, app):
        self.app = app
        self.uni = make_org("Steppe Polytechnic University")
        self.inst = make_org("Institute of Applied Polymer Chemistry", "research_institute")
        self.firm = make_org("KazAgroTech Solutions LLP", "enterprise")
        self.newco = make_org("Aral Biotech LLP", "enterprise")
        self.other = make_org("Unrelated Fund", "fund")
        people = {
            "alice": ("researcher", self.uni, "Alice Inventor"),
            "bob": ("researcher", self.uni, "Bob Coinventor"),
            "legal": ("legal", self.uni, "Lena Legal"),
            "legal2": ("legal", self.uni, "Lev Secondlegal"),
            "uni_partner": ("partner", self.uni, "Umar Signatory"),
            "inst_legal": ("legal", self.inst, "Ivan Institute"),
            "firm_partner": ("partner", self.firm, "Farida Firm"),
            "new_partner": ("partner", self.newco, "Nurlan Newcomer"),
        }
        for role in ("researcher", "legal", "partner", "admin"):
            people[f"other_{role}"] = (role, self.other, f"Other {role.title()}")
        self.users = {k: make_user(role, org, name) for k, (role, org, name) in people.items()}
        self.by_id = {u.id: k for k, u in self.users.items()}
        self.api = {k: api(u) for k, u in self.users.items()}
        self._browsers: dict = {}

    def web(self, who):
        if who not in self._browsers:
            c = self.app.test_client()
            r = c.post("/login", data={"email": self.users[who].email, "password": PASSWORD})
            assert r.status_code == 302, (who, r.status_code)
            self._browsers[who] = c
        return self._browsers[who]

    def fire(self, who, collection, rid, trigger, **body):
        if collection == "consortia" and trigger in GENERAL_ASSEMBLY_MATTERS:
            # a reserved matter: the General Assembly decides it first (every member for)
            adopt_decision(self.app, self.api["legal"], [
                self.api[k] for k in ("legal", "inst_legal", "firm_partner", "new_partner")],
                rid, trigger, body.get("data"))
        r = self.api[who].post(f"/{collection}/{rid}/transitions/{trigger}", json=body)
        assert r.status_code == 200, (who, trigger, r.get_json())
        return r.get_json()

    def sign(self, who, doc_id):
        return self.api[who].post(f"/documents/{doc_id}/signatures", json={
            "typed_name": self.users[who].name, "consent": True})

    def sign_all(self, doc):
        for uid in doc["required_signers"]:
            r = self.sign(self.by_id[uid], doc["id"])
            assert r.status_code == 201, r.get_json()

    # -- records in the state a signing transition starts from ----------------------------------
    def disclosure(self, upto="assessed") -> int:
        a, legal = self.api["alice"], self.api["legal"]
        r = a.post("/disclosures", json=disclosure_payload((self.users["alice"], "60"),
                                                           (self.users["bob"], "40")))
        assert r.status_code == 201, r.get_json()
        did = r.get_json()["id"]
        self.fire("alice", "disclosures", did, "submit")
        self.fire("legal", "disclosures", did, "start_review")
        legal.post(f"/disclosures/{did}/transitions/complete_assessment", json={"data": ASSESS})
        if upto == "protected":
            doc = self.fire("legal", "disclosures", did, "decide_protect")["documents"][0]
            self.sign_all(doc)
        return did

    def consortium(self, upto="draft") -> int:
        def member(org, role, share, what):
            return {"organization_id": org.id, "role": role, "contribution_type": "in_kind",
                    "contribution_value": "1000000", "currency": "KZT",
                    "contribution_description": what, "share_percent": share}
        r = self.api["legal"].post("/consortia", json={
            "name": "Steppe Agro-Polymer Consortium",
            "purpose": "Develop biodegradable polymer seed coatings.",
            "lead_organization_id": self.uni.id, "start_date": "2026-12-01",
            "end_date": "2029-11-30", "ip_regime": "joint_ownership", "voting_rule": "majority",
            "members": [member(self.uni, "lead", "50", "Laboratory"),
                        member(self.inst, "member", "30", "Patents"),
                        member(self.firm, "member", "20", "Field trials")]})
        assert r.status_code == 201, r.get_json()
        cid = r.get_json()["id"]
        if upto == "draft":
            return cid
        self.sign_all(self.fire("legal", "consortia", cid, "propose")["documents"][0])
        if upto == "negotiation":
            return cid
        self.fire("legal", "consortia", cid, "submit_for_review")
        if upto == "legal_review":
            return cid
        self.sign_all(self.fire("legal2", "consortia", cid, "approve")["documents"][0])
        assert self.api["legal"].get(f"/consortia/{cid}").get_json()["state"] == "active"
        return cid

    def license(self, upto="inquiry", license_type="non_exclusive") -> int:
        did = self.disclosure("protected")
        r = self.api["legal"].post("/licenses", json={
            "disclosure_id": did, "licensee_organization_id": self.firm.id,
            "license_type": license_type, "field_of_use": "Seed coatings",
            "territory": ["KZ"]})
        assert r.status_code == 201, r.get_json()
        lid = r.get_json()["id"]
        if upto == "inquiry":
            return lid
        self.sign_all(self.fire("legal", "licenses", lid, "request_nda")["documents"][0])
        terms = OPTION_TERMS if license_type == "option" else {
            "term_months": 60, "upfront_fee": "1000000", "royalty_rate_percent": "3.5",
            "minimum_annual_royalty": "100000", "currency": "KZT"}
        self.fire("firm_partner", "licenses", lid, "propose_terms", data=terms)
        self.fire("legal", "licenses", lid, "submit_for_review")
        return lid

    def plan(self, upto="draft") -> int:
        did = self.disclosure("protected")
        r = self.api["legal"].post("/benefit-plans", json={
            "disclosure_id": did, "currency": "KZT", "beneficiaries": [
                {"kind": "inventor", "user_id": self.users["alice"].id, "share_percent": "60"},
                {"kind": "institution", "organization_id": self.uni.id,
                 "share_percent": "40"}]})
        assert r.status_code == 201, r.get_json()
        pid = r.get_json()["id"]
        if upto == "acknowledged":
            self.sign_all(self.fire("legal", "benefit-plans", pid, "propose")["documents"][0])
        return pid


#: an option's terms (workflows.license.OPTION_TERMS): a 12-month option for a fee
OPTION_TERMS = {"option_period_months": 12, "option_fee": "2000000",
                "exercise_notice_days": 30, "exercise_license_type": "exclusive",
                "negotiation_days": 60, "currency": "KZT", "royalty_rate_percent": "3.5"}

#: (workflow, trigger) -> (how to get a record in its source state, who fires it, data)
SCENARIOS = {
    ("disclosure", "decide_protect"): (lambda w: w.disclosure("assessed"), "legal", {}),
    ("consortium", "propose"): (lambda w: w.consortium("draft"), "legal", {}),
    ("consortium", "approve"): (lambda w: w.consortium("legal_review"), "legal2", {}),
    ("consortium", "admit_member"): (lambda w: w.consortium("active"), "legal", {
        "data": {"organization_id": "newco", "role": "member", "contribution_type": "cash",
                 "contribution_value": "500000", "currency": "KZT",
                 "contribution_description": "Pilot line", "share_percent": "10"}}),
    ("license", "request_nda"): (lambda w: w.license("inquiry"), "legal", {}),
    ("license", "approve"): (lambda w: w.license("legal_review"), "legal2", {}),
    ("license", "approve_option"): (lambda w: w.license("legal_review", "option"), "legal2",
                                    {}),
    ("benefit_plan", "propose"): (lambda w: w.plan(), "legal", {}),
    # the documents whose parties sign after the step (acceptance, acknowledgment, the
    # dissolution act's confirmation, the benefit-sharing agreement with the authors)
    ("disclosure", "decide_trade_secret"): (lambda w: w.disclosure("assessed"), "legal", {}),
    ("disclosure", "decide_release"): (lambda w: w.disclosure("assessed"), "legal", {}),
    ("consortium", "dissolve"): (lambda w: w.consortium("active"), "legal",
                                 {"comment": "The project is complete."}),
    ("benefit_plan", "approve"): (lambda w: w.plan("acknowledged"), "legal", {}),
}


def issue_for_signature(w, workflow, trigger):
    """Bring a record to the source state of ``trigger`` and fire it: (collection, record id,
    the documents it issued that need signatures)."""
    make, actor, body = SCENARIOS[(workflow, trigger)]
    collection = COLLECTION[workflow]
    rid = make(w)
    out = w.fire(actor, collection, rid, trigger, **body_for(w, body))
    docs = [d for d in out["documents"] if d["required_signers"]]
    assert docs, "a transition with signers issues a document to sign"
    return collection, rid, docs


def body_for(w, body):
    body = {k: dict(v) if isinstance(v, dict) else v for k, v in body.items()}
    if body.get("data", {}).get("organization_id") == "newco":
        body["data"]["organization_id"] = w.newco.id
    return body


# -- licences: an invention, a licensee and a rival --------------------------------------------
def licence_world(make_org, make_user, api):
    """An invention of a university taken to "protected", a licensee firm and a rival,
    each person with their JSON client (``w.api[name]``)."""
    uni = make_org("Steppe Polytechnic University")
    firm = make_org("KazAgroTech Solutions LLP", "enterprise")
    rival = make_org("Caspian Seeds JSC", "enterprise")

    class W:
        pass
    w = W()
    w.uni, w.firm, w.rival = uni, firm, rival
    w.alice = make_user("researcher", uni, "Alice Inventor")
    w.bob = make_user("researcher", uni, "Bob Coinventor")
    w.legal = make_user("legal", uni, "Lena Legal")
    #: a second legal officer: who sends a licence for legal review does not approve it
    w.reviewer = make_user("legal", uni, "Ruslana Reviewer")
    w.partner = make_user("partner", firm, "Farida Firm")
    w.rival_partner = make_user("partner", rival, "Ruslan Rival")
    w.api = {k: api(getattr(w, k)) for k in ("alice", "bob", "legal", "reviewer", "partner",
                                              "rival_partner")}
    # an invention taken to "protected"
    a, legal = w.api["alice"], w.api["legal"]
    did = a.post("/disclosures", json=disclosure_payload((w.alice, "60"), (w.bob, "40"))) \
        .get_json()["id"]
    a.post(f"/disclosures/{did}/transitions/submit")
    legal.post(f"/disclosures/{did}/transitions/start_review")
    legal.post(f"/disclosures/{did}/transitions/complete_assessment", json={"data": ASSESS})
    agreement = legal.post(f"/disclosures/{did}/transitions/decide_protect") \
        .get_json()["documents"][0]
    for who in ("legal", "alice", "bob"):  # the university's signatory and both inventors
        r = w.api[who].post(f"/documents/{agreement['id']}/signatures",
                            json={"typed_name": getattr(w, who).name, "consent": True})
        assert r.status_code == 201, r.get_json()
    w.did = did
    return w


def fire(client, path, trigger, **body):
    """POST ``trigger`` on the record at ``path`` (a licence or a plan) as ``client``."""
    return client.post(f"{path}/transitions/{trigger}", json=body)


def sign(w, doc, *who):
    """Each of ``who`` (names in ``w.api``) signs ``doc``; the last answer."""
    r = None
    for name in who:
        r = w.api[name].post(f"/documents/{doc['id']}/signatures",
                             json={"typed_name": getattr(w, name).name, "consent": True})
        assert r.status_code == 201, r.get_json()
    return r


def activate_licence(w, licensee="partner", **terms):
    """A licence of ``w``'s invention taken to legal review: (licence id, its path)."""
    legal = w.api["legal"]
    body = {"disclosure_id": w.did, "licensee_organization_id":
            (w.firm if licensee == "partner" else w.rival).id, "license_type": "exclusive",
            "field_of_use": "Seed coatings", "territory": ["KZ", "UZ"], **terms}
    r = legal.post("/licenses", json=body)
    assert r.status_code == 201, r.get_json()
    lid = r.get_json()["id"]
    path = f"/licenses/{lid}"
    nda = fire(legal, path, "request_nda").get_json()["documents"][0]
    assert nda["template"] == "nda"
    sign(w, nda, "legal", licensee)
    assert legal.get(path).get_json()["state"] == "evaluation"
    r = fire(w.api[licensee], path, "propose_terms", data={
        "term_months": 120, "upfront_fee": "5000000", "royalty_rate_percent": "3.5",
        "minimum_annual_royalty": "1000000", "currency": "KZT"})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["documents"][0]["template"] == "term_sheet"
    assert fire(legal, path, "submit_for_review").status_code == 200
    return lid, path


def docx_text(content: bytes) -> str:
    """The text of a .docx (paragraphs, then table cells), with no-break spaces as plain
    ones: amounts keep their digits together with narrow no-break spaces."""
    import io

    import docx
    d = docx.Document(io.BytesIO(content))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts).replace("\u202f", " ").replace("\xa0", " ")
