"""A bounded schemathesis run over every operation of /api/v1/openapi.json.

The app is called in-process (WSGI) with a real bearer token of a legal officer and, in a
second run, of a researcher, after a few records of every kind were made through the API, so
that generated ids often name rows that exist. Checks: never a 5xx, and every response matches
the status codes, content types and schemas the document declares. Deterministic (fixed seed,
no example database) and small (a few examples per operation).

The focused tests at the end pin the 500s the fuzzer found.
"""
from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.config import SchemathesisConfig  # noqa: E402
from schemathesis.generation.modes import GenerationMode  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.helpers import PASSWORD, disclosure_payload  # noqa: E402

SEED = 20260501
#: per role: (generation mode, examples per operation). Invalid input is mostly turned away
#: before the role matters, so the negative run is made once, as the legal officer.
MODES = {"legal": ((GenerationMode.POSITIVE, 15), (GenerationMode.NEGATIVE, 6)),
         "researcher": ((GenerationMode.POSITIVE, 15),)}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
ASSESS = {"trl": "5", "crl": "3", "mrl": "4", "irl": "3", "ownership": "institution",
          "recommendation": "Protect and license."}


def _ok(r, status=200):
    assert r.status_code == status, (r.status_code, r.get_json())
    return r.get_json()


@pytest.fixture
def world(make_org, make_user, api):
    """Records in several states of every workflow, made through the API."""
    uni = make_org("Steppe Polytechnic University")
    firm = make_org("KazAgroTech Solutions LLP", "enterprise")
    inst = make_org("Institute of Polymers", "research_institute")
    alice = make_user("researcher", uni, "Alice Inventor")
    bob = make_user("researcher", uni, "Bob Coinventor")
    legal_user = make_user("legal", uni, "Lena Legal")
    admin_user = make_user("admin", uni, "Ada Admin")
    partner = make_user("partner", firm, "Farida Firm")
    a, b, legal = api(alice), api(bob), api(legal_user)
    ids: dict[str, list[int]] = {"disclosures": [], "consortia": [], "licenses": [],
                                 "benefit-plans": [], "documents": [],
                                 "organizations": [uni.id, firm.id, inst.id]}

    def disclosure(title):
        did = _ok(a.post("/disclosures", json=disclosure_payload(
            (alice, "60"), (bob, "40"), title=title)), 201)["id"]
        ids["disclosures"].append(did)
        return did

    def fire(client, path, trigger, **body):
        out = _ok(client.post(f"{path}/transitions/{trigger}", json=body))
        ids["documents"].extend(d["id"] for d in out["documents"])
        return out

    disclosure("A draft disclosure")                               # draft, editable
    under_review = disclosure("A disclosure under review")
    fire(a, f"/disclosures/{under_review}", "submit")
    fire(legal, f"/disclosures/{under_review}", "start_review")
    protected = disclosure("A protected disclosure")
    path = f"/disclosures/{protected}"
    fire(a, path, "submit")
    fire(legal, path, "start_review")
    fire(legal, path, "complete_assessment", data=ASSESS)
    agreement = fire(legal, path, "decide_protect")["documents"][0]
    # the inventors and the organisation's signatory (the legal officer) sign it
    signers = {alice.id: (a, alice), bob.id: (b, bob), legal_user.id: (legal, legal_user)}
    assert sorted(agreement["required_signers"]) == sorted(signers)
    for uid in agreement["required_signers"]:
        client, who = signers[uid]
        _ok(client.post(f"/documents/{agreement['id']}/signatures",
                        json={"typed_name": who.name, "consent": True}), 201)

    lic = _ok(legal.post("/licenses", json={
        "disclosure_id": protected, "licensee_organization_id": firm.id,
        "license_type": "non_exclusive", "field_of_use": "Seed coatings",
        "territory": ["KZ"]}), 201)["id"]
    ids["licenses"].append(lic)
    plan = _ok(legal.post("/benefit-plans", json={
        "disclosure_id": protected, "currency": "KZT", "cost_recovery": True,
        "beneficiaries": [
            {"kind": "inventor", "user_id": alice.id, "share_percent": "30"},
            {"kind": "inventor", "user_id": bob.id, "share_percent": "20"},
            {"kind": "institution", "organization_id": uni.id, "share_percent": "50"}]}),
        201)["id"]
    ids["benefit-plans"].append(plan)
    cons = _ok(legal.post("/consortia", json={
        "name": "Steppe Agro-Polymer Consortium", "purpose": "Seed coatings to market.",
        "lead_organization_id": uni.id, "start_date": "2026-12-01",
        "end_date": "2029-11-30", "ip_regime": "joint_ownership", "voting_rule": "majority",
        "members": [
            {"organization_id": uni.id, "role": "lead", "contribution_type": "in_kind",
             "contribution_value": "40000000", "currency": "KZT",
             "contribution_description": "Laboratory time", "share_percent": "60"},
            {"organization_id": inst.id, "role": "member", "contribution_type": "cash",
             "contribution_value": "1000000", "currency": "KZT",
             "contribution_description": "Funding", "share_percent": "40"}]}), 201)["id"]
    ids["consortia"].append(cons)
    # the catalogue's offer and request workflows: a draft and a published one of each
    for title, publish in (("A draft irrigation controller", False),
                           ("A published irrigation controller", True)):
        offer = _ok(legal.post("/offers", json={
            "title": title, "kind": "equipment", "trl": 9, "field": "water", "language": "en",
            "summary": "A controller that opens drip irrigation lines from soil moisture "
                       "sensors."}), 201)["id"]
        ids.setdefault("offers", []).append(offer)
        if publish:
            fire(legal, f"/offers/{offer}", "publish")
    firm_api = api(partner)
    # the published one first: the explicit cases below call a path with the first id, and
    # the legal officer sees another organisation's request only once it is published
    for title, publish in (("A published request for seed protection", True),
                           ("A draft request for seed protection", False)):
        req = _ok(firm_api.post("/requests", json={
            "title": title, "field": "agriculture", "language": "en", "trl_min": 4,
            "problem": "Wheat seedlings die in droughts; the seeds need protection and "
                       "nitrogen in the first weeks."}), 201)["id"]
        ids.setdefault("requests", []).append(req)
        if publish:
            fire(firm_api, f"/requests/{req}", "publish")

    ids["users"] = [alice.id, bob.id, legal_user.id, partner.id]

    class World:
        users = {"researcher": alice, "legal": legal_user, "admin": admin_user}
    World.ids = ids
    return World


@pytest.fixture(params=["legal", "researcher"])
def fuzz_user(request, world):
    return world.users[request.param]


def _token(client, user) -> str:
    r = client.post("/api/v1/auth/token", json={"email": user.email, "password": PASSWORD})
    assert r.status_code == 201, r.get_json()
    return r.get_json()["token"]


#: which known ids a body field ending in ``_id`` names
_ID_FIELDS = {"disclosure_id": "disclosures", "consortium_id": "consortia",
              "organization_id": "organizations", "licensee_organization_id": "organizations",
              "lead_organization_id": "organizations", "user_id": "users",
              "signatory_user_id": "users"}


def _known(raw, known: list[int] | None):
    """Most generated ids become ones that exist (a fixed rule, so runs repeat)."""
    if not known or not isinstance(raw, int) or isinstance(raw, bool) or raw % 4 == 0:
        return raw
    return known[raw % len(known)]


def _aim_body(value, ids):
    if isinstance(value, list):
        return [_aim_body(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: _known(v, ids.get(_ID_FIELDS[k])) if k in _ID_FIELDS else _aim_body(v, ids)
                for k, v in value.items()}
    return value


def _aim(case, ids: dict[str, list[int]], client, headers) -> None:
    """Point generated ids at rows that exist, and often send the record's current version,
    so the handlers get past their 404 / 409 into the code behind them."""
    collection = case.path.split("/")[1]
    if case.path_parameters and "id" in case.path_parameters:
        case.path_parameters["id"] = _known(case.path_parameters["id"], ids.get(collection))
    if isinstance(case.body, dict):
        case.body = _aim_body(case.body, ids)
        rid = (case.path_parameters or {}).get("id")
        version = case.body.get("version")
        if isinstance(version, int) and version % 2 and rid in ids.get(collection, ()):
            r = client.get(f"/api/v1/{collection}/{rid}", headers=headers)
            if r.status_code == 200:
                case.body["version"] = r.get_json()["version"]


def test_api_fuzz(app, client, world, fuzz_user, monkeypatch):
    """Every operation, positive and negative data, as this user: no 5xx, no schema drift.

    (schemathesis' own pytest loader does not run under pytest 9.2, so the operations are
    driven here, each with its own Hypothesis run.)
    """
    import io

    from pypdf import PdfWriter

    from consortium.documents import pdf
    # A LibreOffice conversion takes seconds; the PDF route itself is what is fuzzed here
    # (a real one-page PDF, which the document card can read and attach files to).
    blank = PdfWriter()
    blank.add_blank_page(595, 842)
    out = io.BytesIO()
    blank.write(out)
    monkeypatch.setattr(pdf, "pdf_bytes", lambda storage, sha256, **options: out.getvalue())
    config = SchemathesisConfig.from_dict({"seed": SEED})
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=config)
    token = _token(client, fuzz_user)
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()  # an invalid operation definition fails here, loudly
        operations += 1
        for mode, examples in MODES[fuzz_user.role.value]:
            @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                      phases=(Phase.explicit, Phase.generate, Phase.shrink),
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                bearer = token
                if case.method.upper() == "DELETE" and case.path == "/auth/token":
                    bearer = _token(client, fuzz_user)  # revoking it must not end the run
                auth = {"Authorization": f"Bearer {bearer}"}
                _aim(case, world.ids, client, auth)
                case.headers = {**{k: v for k, v in (case.headers or {}).items()
                                   if k.lower() != "authorization"}, **auth}
                case.call_and_validate(checks=CHECKS)
            try:
                run()
            except Exception as err:  # noqa: BLE001 - every operation's failure is reported
                failures.append(f"{operation.label} [{mode.value}]: {err}")
    assert operations >= 40, operations
    assert not failures, "\n\n".join(failures)


# -- what the fuzzer found ------------------------------------------------------------------------
_TOO_BIG = (2**31, 2**63)  # past PostgreSQL's INTEGER; past SQLite's 64-bit integer


@pytest.mark.parametrize("big", _TOO_BIG)
def test_out_of_range_ids_in_bodies_are_422_not_500(world, api, big):
    """Ids past what an INTEGER column holds were bound into queries: PostgreSQL raised
    "integer out of range" (SQLite an OverflowError) and the API answered 500."""
    legal = api(world.users["legal"])
    org, did = world.ids["organizations"][0], world.ids["disclosures"][0]  # no plan yet
    member = {"organization_id": org, "role": "lead", "contribution_type": "cash",
              "contribution_value": "1", "currency": "KZT",
              "contribution_description": "Funding", "share_percent": "100"}
    cases = [
        ("/licenses", {"disclosure_id": big, "licensee_organization_id": org,
                       "license_type": "exclusive"}, "disclosure_id"),
        ("/licenses", {"disclosure_id": did, "licensee_organization_id": big,
                       "license_type": "exclusive"}, "licensee_organization_id"),
        ("/benefit-plans", {"disclosure_id": big, "currency": "KZT", "beneficiaries": [
            {"kind": "institution", "organization_id": org, "share_percent": "100"}]},
         "disclosure_id"),
        ("/benefit-plans", {"disclosure_id": did, "currency": "KZT", "beneficiaries": [
            {"kind": "inventor", "user_id": big, "share_percent": "100"}]},
         "beneficiaries.0.user_id"),
        ("/consortia", {"name": "C", "purpose": "P", "lead_organization_id": big,
                        "ip_regime": "lead_owns", "members": [member]},
         "lead_organization_id"),
        ("/consortia", {"name": "C", "purpose": "P", "lead_organization_id": org,
                        "ip_regime": "lead_owns",
                        "members": [{**member, "organization_id": big}]},
         "members.0.organization_id"),
    ]
    for path, body, field in cases:
        r = legal.post(path, json=body)
        assert r.status_code == 422, (path, body, r.status_code, r.get_data(as_text=True)[:300])
        assert field in r.get_json()["error"]["fields"], (path, r.get_json())
    lic = world.ids["licenses"][0]
    version = legal.get(f"/licenses/{lic}").get_json()["version"]
    r = legal.patch(f"/consortia/{world.ids['consortia'][0]}",
                    json={"version": version, "lead_organization_id": big})
    assert r.status_code in (409, 422), r.get_json()


def test_openapi_document_is_generatable_and_names_the_pdf_download(client):
    """The document said OpenAPI 3.0 but held JSON Schema 2020-12 from pydantic (numeric
    exclusiveMinimum, type null), so schemathesis could not build requests for creating or
    changing a disclosure or a benefit plan; and ?format=pdf answers application/pdf."""
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.1")
    content = doc["paths"]["/documents/{id}/content"]["get"]["responses"]["200"]["content"]
    assert "application/pdf" in content
    schema = schemathesis.openapi.from_dict(doc)
    for path, method in (("/disclosures", "POST"), ("/disclosures/{id}", "PATCH"),
                         ("/benefit-plans", "POST"), ("/benefit-plans/{id}", "PATCH")):
        @settings(max_examples=1, database=None, derandomize=True, phases=(Phase.generate,),
                  suppress_health_check=list(HealthCheck))
        @given(case=schema[path][method].as_strategy())
        def draw(case):  # raised UnsupportedSchema before
            assert isinstance(case.body, dict)
        draw()


# -- explicit cases: deep nesting and numbers that are not ASCII digits, on every operation -------
#: superscript, Arabic-Indic, underscore, fullwidth, sign, past every column, negative zero
_ODD_NUMBERS = ("²", "١٢٣", "1_000", "１２", "+5", "99999999999999999999", "-0")
_DEEP = '{"a": ' + "[" * 800 + "]" * 800 + "}"


def _operations(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method in ("get", "post", "patch", "put", "delete") and not (
                    method == "delete" and path == "/auth/token"):  # would end the session
                yield path, method, op, doc


def _url(path: str, ids: dict[str, list[int]], ident: str | None = None) -> str:
    known = ids.get(path.split("/")[1]) or [1]
    return "/api/v1" + path.replace("{id}", ident or str(known[0])).replace(
        "{trigger}", "submit")


def _integer_properties(op: dict, doc: dict) -> list[str]:
    """Names of the request body's properties that may be integers (ids, versions, levels)."""
    schema = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get(
        "schema", {})
    if "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]

    def integer(s: dict) -> bool:
        return s.get("type") == "integer" or any(integer(x) for x in s.get("anyOf", []))
    return [name for name, s in schema.get("properties", {}).items() if integer(s)]


def _assert_json_4xx(r, what: str, problems: list[str]) -> None:
    if r.status_code >= 500 or (r.status_code >= 400 and not r.is_json):
        problems.append(f"{what}: {r.status_code} {r.get_data(as_text=True)[:200]}")


def test_deep_nesting_and_non_ascii_digits_never_answer_500(client, world):
    """The cases the generator does not reach: a body nested 800 deep (RecursionError before),
    and "²", "١٢٣", "1_000", fullwidth digits or 10**20 in every integer query parameter, path
    id, body field and transition data field (``int()`` and ``str.isdigit`` took them)."""
    from workflows import WORKFLOWS
    auth = {"Authorization": f"Bearer {_token(client, world.users['legal'])}"}
    #: for the operations only an administrator may call (the legal officer's 403 comes
    #: before any look at the parameters)
    admin_auth = {"Authorization": f"Bearer {_token(client, world.users['admin'])}"}
    problems: list[str] = []
    deep_refused = 0
    for path, method, op, doc in _operations(client):
        call = getattr(client, method)
        url = _url(path, world.ids)
        if "requestBody" in op:
            r = call(url, data=_DEEP, content_type="application/json", headers=auth)
            _assert_json_4xx(r, f"{method} {path} deep", problems)
            if r.status_code == 400:
                assert r.get_json()["error"]["code"] == "malformed_json", (path, r.get_json())
                deep_refused += 1
            for name in _integer_properties(op, doc):
                for odd in (*_ODD_NUMBERS, 10**30):
                    r = call(url, json={name: odd}, headers=auth)
                    _assert_json_4xx(r, f"{method} {path} {name}={odd!r}", problems)
        for param in op.get("parameters", []):
            if param["in"] != "query":
                continue
            for odd in _ODD_NUMBERS:
                r = call(url, query_string={param["name"]: odd}, headers=auth)
                _assert_json_4xx(r, f"{method} {path}?{param['name']}={odd}", problems)
                if r.status_code == 403:
                    r = call(url, query_string={param["name"]: odd}, headers=admin_auth)
                    _assert_json_4xx(r, f"{method} {path}?{param['name']}={odd} (admin)",
                                     problems)
                if param.get("schema", {}).get("type") == "integer" and odd in (
                        "²", "١٢٣", "1_000", "１２", "+5"):
                    if r.status_code != 422:
                        problems.append(f"{method} {path}?{param['name']}={odd}: "
                                        f"{r.status_code}, not 422")
        if "{id}" in path:
            for odd in ("١٢٣", "²", "99999999999999999999"):
                r = call(_url(path, world.ids, odd), json={}, headers=auth)
                _assert_json_4xx(r, f"{method} {path} id={odd}", problems)
    from consortium.workflow import REGISTRY
    collections = {rt.name: rt.collection for rt in REGISTRY.values()}
    for wf in WORKFLOWS:
        collection = collections[wf.name]
        assert world.ids.get(collection), f"the world has no {collection}"
        for rid in world.ids[collection][:2]:
            for t in wf.transitions:
                for odd in (*_ODD_NUMBERS, 10**30, -0.0):
                    data = {f.name: odd for f in t.data}
                    r = client.post(f"/api/v1/{collection}/{rid}/transitions/{t.trigger}",
                                    json={"data": data, "comment": "x"}, headers=auth)
                    _assert_json_4xx(r, f"{wf.name}.{t.trigger} data={odd!r}", problems)
    assert deep_refused >= 10, deep_refused
    assert not problems, "\n".join(problems)
