"""The last findings of issue 15: the option fee is income the benefit plan distributes; the
IIN of beneficiaries and payees; the licence agreement has only licence clauses."""
from __future__ import annotations

from decimal import Decimal

import pytest

from tests.functional.test_option_agreement import _granted
from tests.helpers import docx_text as _text
from tests.helpers import fire, licence_world, sign


@pytest.fixture
def world(make_org, make_user, api):
    return licence_world(make_org, make_user, api)


def plan_in_force(w) -> str:
    legal = w.api["legal"]
    r = legal.post("/benefit-plans", json={
        "disclosure_id": w.did, "currency": "KZT", "cost_recovery": True,
        "admin_fee_percent": "15",
        "inventor_tiers": [{"up_to": "1000000", "percent": "50"}, {"percent": "25"}],
        "beneficiaries": [
            {"kind": "inventor", "user_id": w.alice.id, "share_percent": "30"},
            {"kind": "inventor", "user_id": w.bob.id, "share_percent": "20"},
            {"kind": "department", "label": "Department of Chemical Engineering",
             "share_percent": "25"},
            {"kind": "institution", "organization_id": w.uni.id, "share_percent": "25"}]})
    assert r.status_code == 201, r.get_json()
    plan = f"/benefit-plans/{r.get_json()['id']}"
    r = fire(legal, plan, "propose")
    assert r.status_code == 200, r.get_json()
    sign(w, r.get_json()["documents"][0], "alice", "bob", "legal")
    r = fire(legal, plan, "approve")
    assert r.status_code == 200, r.get_json()
    sign(w, r.get_json()["documents"][0], "legal", "alice", "bob")
    assert legal.get(plan).get_json()["state"] == "in_force"
    return plan


def test_the_option_fee_is_booked_and_distributed_exactly_when_the_option_is_granted(world):
    w = world
    plan = plan_in_force(w)
    path, _ = _granted(w)
    legal = w.api["legal"]
    assert legal.get(path).get_json()["state"] == "option_active"
    events = legal.get(f"{plan}/events").get_json()
    assert events[-1]["trigger"] == "record_revenue" and events[-1]["actor_id"] is None

    from consortium.benefits.models import Revenue
    from consortium.extensions import db
    app = legal.client.application
    with app.app_context():
        [row] = db.session.query(Revenue).filter_by(kind="option_fee").all()
        assert row.status == "distributed" and row.amount == Decimal("2000000")
        assert "Option fee" in row.source
        dist = row.distribution
        assert Decimal(dist["gross"]) == Decimal("2000000")
        assert sum(Decimal(x["amount"]) for x in dist["lines"]) == Decimal(dist["distributable"])
        assert Decimal(dist["admin_fee"]) + Decimal(dist["recovered_costs"]) + \
            Decimal(dist["distributable"]) == Decimal(dist["gross"])


def _valid_iin(prefix: str) -> str:
    from consortium.eds.ids import valid_iin
    return next(prefix + str(d) for d in range(10) if valid_iin(prefix + str(d)))


def test_beneficiaries_and_payees_are_named_with_their_iin(world):
    """The benefit-sharing agreement (the agreement with the authors on their remuneration)
    and the distribution statement name each inventor with the IIN on their account."""
    w = world
    legal = w.api["legal"]
    app = legal.client.application
    alice_iin = _valid_iin("88010130000")
    from consortium.auth.models import User
    from consortium.db import unit_of_work
    from consortium.extensions import db
    with app.app_context(), unit_of_work():
        db.session.get(User, w.alice.id).iin = alice_iin
    plan = plan_in_force(w)
    docs = legal.get(f"{plan}/documents").get_json()
    agreement = next(d for d in docs if d["template"] == "benefit_sharing_agreement")
    text = _text(legal.get(f"/documents/{agreement['id']}/content").data)
    assert f"{w.alice.name}, IIN {alice_iin}" in text
    r = fire(legal, plan, "record_revenue", data={"amount": "100000.00",
                                                   "source": "Sale of prototypes"})
    assert r.status_code == 200, r.get_json()
    [statement] = r.get_json()["documents"]
    text = _text(legal.get(f"/documents/{statement['id']}/content").data)
    assert f"{w.alice.name}, IIN {alice_iin}" in text
    assert f"{w.bob.name}, IIN" not in text  # no IIN known: none printed


def _browser(app, user):
    from tests.helpers import PASSWORD
    client = app.test_client()
    r = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert r.status_code == 302
    return client


def _form(me, iin):
    return {"title": "Seed coating from camel-wool keratin",
            "abstract": "A keratin-chitosan seed coating.", "funding_source": "state_grant",
            "inventors-0-email": me.email, "inventors-0-name": "",
            "inventors-0-organization_id": "", "inventors-0-share_percent": "70",
            "inventors-0-iin": "",
            "inventors-1-email": "dana@example.org", "inventors-1-name": "Dana External",
            "inventors-1-organization_id": "", "inventors-1-share_percent": "30",
            "inventors-1-iin": iin}


def test_the_disclosure_form_takes_an_external_inventors_iin(app, team):
    alice = _browser(app, team.alice)
    r = alice.post("/disclosures/new", data=_form(team.alice, "88010130000x"))
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    # the error sits next to the field, and what was typed is kept
    field = page.index('name="inventors-1-iin"')
    assert 'value="88010130000x"' in page[field - 400:field + 300]
    after = page[field:field + 700]
    assert 'class="field-error"' in after and "inventors-1-iin-error" in after
    assert 'aria-invalid="true"' in page[field - 300:field + 300]
    good = _valid_iin("90020240000")
    r = alice.post("/disclosures/new", data=_form(team.alice, f" {good} "))
    assert r.status_code == 302, r.get_data(as_text=True)[:300]
    did = int(r.headers["Location"].rsplit("/", 1)[1])
    from consortium.disclosures.models import Disclosure
    from consortium.extensions import db
    with app.app_context():
        d = db.session.get(Disclosure, did)
        assert [(i.name, i.iin) for i in d.inventors] == [(team.alice.name, None),
                                                          ("Dana External", good)]
    # the edit form shows it again
    page = alice.get(f"/disclosures/{did}/edit").get_data(as_text=True)
    assert f'value="{good}"' in page


@pytest.mark.parametrize("name", ["license_agreement", "executed_license_agreement"])
@pytest.mark.parametrize("lang", ["", "ru", "kk"])
def test_the_licence_agreement_has_only_licence_clauses(name, lang):
    """An option has its own agreement now: the licence agreement's template (each
    language's) has no branch for an option left, and names itself a licence agreement."""
    import zipfile
    from pathlib import Path
    folder = Path(__file__).resolve().parents[2] / "contract_templates"
    path = folder / lang / f"{name}.docx" if lang else folder / f"{name}.docx"
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode()
    assert "'option'" not in xml and "&apos;option&apos;" not in xml
    assert "Option Period" not in xml and "Option Agreement" not in xml


# -- the DESCA attachments of the consortium agreement ------------------------------------------
def _journey(api, make_org, make_user):
    from tests.helpers import ConsortiumJourney
    return ConsortiumJourney(api, make_org, make_user)


def _members(j):
    record = j.lead.get(f"/consortia/{j.id}").get_json()
    keep = ("organization_id", "role", "contribution_type", "contribution_value", "currency",
            "contribution_description", "share_percent")
    return record, [{k: m[k] for k in keep} for m in record["members"]]


def test_the_agreement_has_its_three_attachments_and_refers_to_them(api, make_org, make_user):
    j = _journey(api, make_org, make_user)
    record, members = _members(j)
    members[1]["affiliated_entities"] = ["Polymer Pilot Plant LLP", "IAPC Engineering LLP"]
    r = j.lead.patch(f"/consortia/{j.id}", json={"version": record["version"],
                                                  "members": members})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["members"][1]["affiliated_entities"] == [
        "Polymer Pilot Plant LLP", "IAPC Engineering LLP"]
    j.produce("consortium_agreement")
    docs = j.lead.get(f"/consortia/{j.id}/documents").get_json()
    for template in ("consortium_agreement_draft", "consortium_agreement"):
        doc = next(d for d in docs if d["template"] == template)
        text = _text(j.lead.get(f"/documents/{doc['id']}/content").data)
        # the body refers to each attachment by number
        assert "in Attachment 1 (Background included)" in text
        assert "in the accession form of Attachment 2" in text
        assert "listed in Attachment 3 (Affiliated entities)" in text
        assert "with its Attachments 1 to 3" in text
        for heading in ("Attachment 1. Background included", "Attachment 2. Accession form",
                        "Attachment 3. Affiliated entities"):
            assert heading in text
        attachments = text[text.index("Attachment 1. Background included"):]
        # 1: the institute's background contribution, with its conditions; the others none
        assert "Contribution of Institute of Applied Polymer Chemistry (contributed, valued " \
            "at 15 000 000.00 KZT)" in attachments
        assert attachments.count("Background Needed for the Project only; none contributed") \
            == 2
        assert "as far as the Party is free to grant them" in attachments
        # 2: the accession form: the declaration and the blanks a new party fills in
        assert "Declaration of accession." in attachments
        assert "BIN and legal address" in attachments
        assert "Signatory and the basis of the signatory’s authority" in attachments
        # 3: affiliated entities, or a statement that none are listed
        assert "Polymer Pilot Plant LLP; IAPC Engineering LLP" in attachments
        assert attachments.count("No affiliated entity listed") == 2


@pytest.mark.parametrize(("entities", "where"), [
    (["x" * 301], "members.1.affiliated_entities.0"),
    ([f"Entity {n}" for n in range(21)], "members.1.affiliated_entities"),
    ([12], "members.1.affiliated_entities.0"),
    ("not a list", None),
])
def test_bad_affiliated_entities_are_422_naming_the_field(api, make_org, make_user, entities,
                                                          where):
    j = _journey(api, make_org, make_user)
    record, members = _members(j)
    members[1]["affiliated_entities"] = entities
    r = j.lead.patch(f"/consortia/{j.id}", json={"version": record["version"],
                                                  "members": members})
    if where is None:  # a text is read as entities separated by semicolons
        assert r.status_code == 200, r.get_json()
        assert r.get_json()["members"][1]["affiliated_entities"] == ["not a list"]
        return
    assert r.status_code == 422, r.get_json()
    assert where in r.get_json()["error"]["fields"], r.get_json()


def test_the_validator_finds_an_attachment_that_is_not_there(app):
    from consortium.templates_admin import check
    from tests.template_edits import edit
    with app.app_context():
        broken = edit("consortium_agreement", "with its Attachments 1 to 3",
                      "with its Attachments 1 to 4")
        problems = check.check(broken, "consortium_agreement")
    assert {p.rule for p in problems} == {"cross_reference"}, "\n".join(map(str, problems[:6]))
    assert all("there is no Attachment 4" in p.message for p in problems)


def test_the_consortium_form_edits_affiliated_entities(team, login_as, app):
    client = login_as(team.legal)
    form = {"name": "C", "purpose": "P", "ip_regime": "lead_owns",
            "members-0-organization_id": str(team.org.id), "members-0-role": "lead",
            "members-0-contribution_type": "cash", "members-0-contribution_value": "1",
            "members-0-currency": "KZT", "members-0-share_percent": "100",
            "members-0-contribution_description": "Cash",
            "members-0-affiliated_entities": "x" * 301}
    r = client.post("/consortia/new", data=form)
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    field = page.index('name="members-0-affiliated_entities"')
    assert 'class="field-error"' in page[field:field + 800]
    form["members-0-affiliated_entities"] = "Pilot Plant LLP; Engineering LLP;"
    r = client.post("/consortia/new", data=form)
    assert r.status_code == 302, r.get_data(as_text=True)[:300]
    cid = int(r.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    from consortium.consortia.models import Consortium
    from consortium.extensions import db
    with app.app_context():
        [m] = db.session.get(Consortium, cid).members
        assert m.affiliated_entities == ["Pilot Plant LLP", "Engineering LLP"]
    page = client.get(f"/consortia/{cid}/edit").get_data(as_text=True)
    assert 'value="Pilot Plant LLP; Engineering LLP"' in page
