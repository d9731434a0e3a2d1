"""`demo load --scale N`: a registry of N disclosures with proportionate organisations,
people, consortia, audit events and document rows, written in bulk for benchmarks."""
from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from types import SimpleNamespace

from sqlalchemy import insert, select

from .audit.models import ChainHead, Event
from .audit.services import GENESIS, event_digest
from .auth.models import User
from .auth.passwords import hash_password
from .consortia.models import Consortium, Member
from .db import refresh_statistics, utcnow
from .disclosures.models import Disclosure, Inventor
from .documents.models import Document
from .documents.services import storage
from .extensions import db
from .organizations.models import Organization
from .search import document_text

#: state of each generated disclosure, with its weight and the path of triggers that led there
STATES = [
    ("draft", 20, []),
    ("submitted", 15, ["submit"]),
    ("under_review", 10, ["submit", "start_review"]),
    ("assessed", 10, ["submit", "start_review", "complete_assessment"]),
    ("protected", 10, ["submit", "start_review", "complete_assessment", "decide_protect",
                       "complete_assignment"]),
    ("patent_pending", 15, ["submit", "start_review", "complete_assessment", "decide_protect",
                            "complete_assignment", "file_patent"]),
    ("patented", 10, ["submit", "start_review", "complete_assessment", "decide_protect",
                      "complete_assignment", "file_patent", "grant"]),
    ("trade_secret", 5, ["submit", "start_review", "complete_assessment",
                         "decide_trade_secret"]),
    ("withdrawn", 5, ["withdraw"]),
]
FIELDS = ["Agricultural biotechnology", "Petrochemistry", "Energy storage", "Water treatment",
          "Mining and metallurgy", "Medical devices", "Software", "Materials science"]
WORDS = ["catalyst", "membrane", "sensor", "polymer", "coating", "alloy", "vaccine", "emitter",
         "battery", "enzyme", "drone", "algorithm", "fertiliser", "filter", "composite"]
CHUNK = 5000


def _chunks(rows: list[dict]):
    for i in range(0, len(rows), CHUNK):
        yield rows[i:i + CHUNK]


def load_scale(n: int, seed: int = 2026) -> dict[str, int]:
    """Insert ``n`` disclosures and everything around them; returns the counts made."""
    rng = random.Random(seed)
    now = utcnow()
    tag = f"scale-{seed}-{n}"
    if db.session.scalar(select(Organization.id).where(Organization.name == f"{tag} org 0")):
        return {"disclosures": 0}
    n_orgs = max(3, n // 500)
    password = hash_password("consortium-demo-2026")
    org_start = (db.session.scalar(select(db.func.max(Organization.id))) or 0) + 1
    orgs = [{"id": org_start + i, "name": f"{tag} org {i}",
             "kind": "university" if i % 4 else "research_institute", "country": "KZ",
             "created_at": now} for i in range(n_orgs)]
    db.session.execute(insert(Organization.__table__), orgs)
    user_start = (db.session.scalar(select(db.func.max(User.id))) or 0) + 1
    users, researchers, legal = [], {}, {}
    uid = user_start
    for org in orgs:
        researchers[org["id"]] = []
        for k in range(6):
            role = "legal" if k == 0 else "researcher"
            users.append({"id": uid, "email": f"u{uid}@{tag}.example", "name": f"Person {uid}",
                          "role": role, "organization_id": org["id"], "password_hash": password,
                          "active": True, "created_at": now})
            (researchers[org["id"]].append(uid) if role == "researcher"
             else legal.__setitem__(org["id"], uid))
            uid += 1
    for chunk in _chunks(users):
        db.session.execute(insert(User.__table__), chunk)

    # one real stored document that every generated document row points to
    from .documents.rendering import render
    sample = render("rights_release_letter", _sample_context())
    sha = storage().put(sample)

    d_start = (db.session.scalar(select(db.func.max(Disclosure.id))) or 0) + 1
    e_start = (db.session.scalar(select(db.func.max(Event.id))) or 0) + 1
    doc_start = (db.session.scalar(select(db.func.max(Document.id))) or 0) + 1
    weights = [w for _, w, _ in STATES]
    head = db.session.get(ChainHead, 1)
    prev = head.last_hash if head else GENESIS
    disclosures, inventors, events, documents = [], [], [], []
    eid, doc_id = e_start, doc_start
    for i in range(n):
        did = d_start + i
        org_id = orgs[i % n_orgs]["id"]
        state, _w, path = rng.choices(STATES, weights)[0]
        people = rng.sample(researchers[org_id], rng.randint(1, 3))
        created = now - dt.timedelta(days=rng.randint(1, 1500), minutes=i % 1440)
        trl = rng.randint(2, 8) if "complete_assessment" in path else None
        disclosures.append({
            "id": did, "reg_number": f"ID-{created.year}-S{did:07d}" if path else None,
            "title": f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} for "
                     f"{rng.choice(FIELDS).lower()} No. {did}",
            "abstract": "Generated for benchmarks.", "field": rng.choice(FIELDS),
            "keywords": [rng.choice(WORDS)], "funding_source": "state_grant",
            "organization_id": org_id, "created_by_id": people[0], "state": state,
            "version": len(path) + 1, "created_at": created, "updated_at": created,
            "submitted_at": created if path else None, "trl": trl,
            "crl": 2 if trl else None, "mrl": 3 if trl else None, "irl": 2 if trl else None,
            "ownership": "institution" if trl else None,
            "recommendation": "Generated." if trl else None,
            "assessed_at": created if trl else None})
        shares = _split(len(people))
        for pos, (person, share) in enumerate(zip(people, shares, strict=True)):
            inventors.append({"disclosure_id": did, "position": pos + 1, "user_id": person,
                              "name": f"Person {person}", "share_percent": share})
        row = disclosures[-1]  # what the list search finds it by (see consortium.search)
        row["search_text"] = document_text([
            row["reg_number"], row["title"], row["abstract"], row["field"], row["keywords"],
            orgs[i % n_orgs]["name"], [f"Person {p}" for p in people]])
        frm = "draft"
        for trig in path:
            to = _dest(trig, frm)
            doc_ids = []
            if trig in ("submit", "complete_assessment", "decide_protect",
                        "decide_trade_secret", "file_patent"):
                documents.append({"id": doc_id, "record_type": "disclosure", "record_id": did,
                                  "template": "rights_release_letter", "template_version": "1.0",
                                  "sequence": 1, "number": f"S{did}/{doc_id}",
                                  "title": f"Generated document {doc_id}",
                                  "filename": f"generated-{doc_id}.docx", "sha256": sha,
                                  "size": len(sample), "created_at": created, "event_id": eid,
                                  "superseded": False})
                doc_ids = [doc_id]
                doc_id += 1
            actor = people[0] if trig in ("submit", "withdraw") else (
                None if trig == "complete_assignment" else legal[org_id])
            row = {"id": eid, "record_type": "disclosure", "record_id": did,
                   "trigger": trig, "from_state": frm, "to_state": to, "actor_id": actor,
                   "at": created, "comment": None, "data": {}, "document_ids": doc_ids,
                   "prev_hash": prev}
            row["hash"] = event_digest(SimpleNamespace(**row), {str(x): sha for x in doc_ids})
            events.append(row)
            prev = row["hash"]
            eid += 1
            frm = to
    for table, rows in ((Disclosure, disclosures), (Inventor, inventors), (Event, events),
                        (Document, documents)):
        for chunk in _chunks(rows):
            db.session.execute(insert(table.__table__), chunk)
    if head is None:
        db.session.add(ChainHead(id=1, last_event_id=eid - 1, last_hash=prev))
    elif events:
        head.last_event_id, head.last_hash = eid - 1, prev

    # consortia: one per 200 disclosures, three parties each, active
    c_start = (db.session.scalar(select(db.func.max(Consortium.id))) or 0) + 1
    consortia, members = [], []
    for k in range(max(1, n // 200)):
        cid = c_start + k
        parties = rng.sample(orgs, 3) if n_orgs >= 3 else orgs
        consortia.append({"id": cid, "reg_number": f"CON-S{cid:06d}",
                          "name": f"Generated consortium {cid}", "purpose": "Benchmarks.",
                          "lead_organization_id": parties[0]["id"],
                          "ip_regime": "each_party_owns", "voting_rule": "majority",
                          "quorum_percent": 50, "agreement_version": 1,
                          "created_by_id": legal[parties[0]["id"]], "state": "active",
                          "version": 5, "created_at": now, "updated_at": now,
                          "search_text": document_text([
                              f"CON-S{cid:06d}", f"Generated consortium {cid}", "Benchmarks.",
                              [p["name"] for p in parties]])})
        for pos, (party, share) in enumerate(zip(parties, _split(len(parties)), strict=True)):
            members.append({"consortium_id": cid, "organization_id": party["id"],
                            "position": pos + 1, "role": "lead" if pos == 0 else "member",
                            "contribution_type": "cash", "contribution_value": Decimal("1000000"),
                            "currency": "KZT", "contribution_description": "Generated",
                            "share_percent": share, "status": "active", "joined_at": now})
    db.session.execute(insert(Consortium.__table__), consortia)
    db.session.execute(insert(Member.__table__), members)
    # the catalogue: as many published offers as disclosures, a tenth as many open requests
    from .catalogue.scale import load_catalogue
    load_catalogue(n, max(1, n // 10), [o["id"] for o in orgs], legal[orgs[0]["id"]])
    _fix_sequences()
    refresh_statistics()
    return {"organizations": n_orgs, "users": len(users), "disclosures": n,
            "inventors": len(inventors), "events": len(events), "documents": len(documents),
            "consortia": len(consortia), "offers": n, "requests": max(1, n // 10)}


def _split(k: int) -> list[Decimal]:
    base = (Decimal(100) / k).quantize(Decimal("0.001"), rounding="ROUND_DOWN")
    shares = [base] * k
    shares[0] += Decimal(100) - base * k
    return shares


_DEST = {"submit": "submitted", "start_review": "under_review",
         "complete_assessment": "assessed", "decide_protect": "assignment_pending",
         "complete_assignment": "protected", "file_patent": "patent_pending",
         "grant": "patented", "decide_trade_secret": "trade_secret", "withdraw": "withdrawn"}


def _dest(trigger: str, _from: str) -> str:
    return _DEST[trigger]


def _sample_context() -> dict:
    blank = {"name": "Generated", "kind": "university", "country": "KZ", "bin": "", "address": "",
             "signatory_name": "", "signatory_title": ""}
    return {"doc": {"number": "S", "title": "Generated", "date": "1 January 2026",
                    "sequence": "1", "template_version": "1.0"},
            "org": blank,
            "disclosure": {k: "" for k in (
                "reg_number", "title", "abstract", "background", "novelty", "field", "keywords",
                "funding_source", "grant_numbers", "conception_date",
                "reduction_to_practice_date", "public_disclosure_date",
                "public_disclosure_details", "novelty_deadline", "interested_partners",
                "consortium_name", "submitted_at", "state")},
            "inventors": [], "assessment": {k: "" for k in (
                "trl", "trl_text", "trl_stage", "crl", "crl_text", "mrl", "mrl_text", "irl",
                "irl_text", "ownership", "recommendation", "assessed_at")},
            "patent": {k: "" for k in ("office", "application_number", "filing_date",
                                       "patent_number", "grant_date")},
            "actor": {"name": "", "title": "", "organization": "", "email": ""},
            "comment": "", "signers": []}


def _fix_sequences() -> None:
    """PostgreSQL sequences do not see explicit ids; move them past what was inserted."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for table in ("organizations", "users", "disclosures", "inventors", "events", "documents",
                  "consortia", "consortium_members"):
        db.session.execute(db.text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table}), 1))"))
