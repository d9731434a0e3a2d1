"""The command line: organisations, users, demo data and audit verification."""
from __future__ import annotations

from sqlalchemy import select

from consortium.extensions import db


def run(runner, *args):
    result = runner.invoke(args=list(args))
    return result.exit_code, result.output + (getattr(result, "stderr", "") or "")


def test_orgs_create_prints_the_new_id(app, runner):
    code, out = run(runner, "orgs", "create", "Qazaq Institute of Soil Science", "--kind",
                    "research_institute", "--country", "kz", "--bin", "050440001239")
    assert code == 0, out
    org_id = int(out.strip())
    from consortium.organizations.models import Organization
    with app.app_context():
        org = db.session.get(Organization, org_id)
        assert org.name == "Qazaq Institute of Soil Science"
        assert org.kind.value == "research_institute"
        assert org.country == "KZ" and org.bin == "050440001239"


def test_orgs_create_refuses_bad_input_clearly(runner):
    code, out = run(runner, "orgs", "create", "Some Org", "--kind", "castle")
    assert code != 0 and "kind" in out.lower() and "castle" in out
    code, out = run(runner, "orgs", "create", "Some Org")
    assert code != 0 and "--kind" in out
    assert run(runner, "orgs", "create", "Some Org", "--kind", "fund")[0] == 0
    code, out = run(runner, "orgs", "create", "Some Org", "--kind", "fund")
    assert code != 0 and "already exists" in out
    code, out = run(runner, "orgs", "create", "Other Org", "--kind", "fund", "--country",
                    "Kazakhstan")
    assert code != 0 and "country" in out


def test_users_create_prints_the_new_id(app, runner, make_org):
    org = make_org("Steppe Polytechnic University")
    code, out = run(runner, "users", "create", "Saule.N@Steppe.edu.kz", "--name",
                    "Saule Nurlanova", "--password", "a-long-enough-passphrase", "--role",
                    "legal", "--org", org.name, "--title", "Director, TTO")
    assert code == 0, out
    user_id = int(out.strip())
    from consortium.auth.models import User
    with app.app_context():
        user = db.session.get(User, user_id)
        assert user.email == "saule.n@steppe.edu.kz"
        assert user.role.value == "legal" and user.organization_id == org.id
        assert user.title == "Director, TTO"
        assert user.password_hash != "a-long-enough-passphrase"
    client = app.test_client()
    r = client.post("/api/v1/auth/token", json={"email": "saule.n@steppe.edu.kz",
                                                "password": "a-long-enough-passphrase"})
    assert r.status_code == 201


def test_users_create_refuses_bad_input_clearly(app, runner, make_org):
    org = make_org("Steppe Polytechnic University")
    base = ["users", "create", "x@example.org", "--name", "X Person", "--password",
            "a-long-enough-passphrase"]
    code, out = run(runner, *base, "--role", "emperor", "--org", org.name)
    assert code != 0 and "role" in out.lower() and "emperor" in out
    code, out = run(runner, *base, "--role", "legal", "--org", "No Such University")
    assert code != 0 and "no organisation named 'No Such University'" in out
    code, out = run(runner, "users", "create", "not-an-email", "--name", "X", "--password",
                    "a-long-enough-passphrase", "--role", "legal", "--org", org.name)
    assert code != 0 and "email" in out
    code, out = run(runner, *base[:-1], "short", "--role", "legal", "--org", org.name)
    assert code != 0 and "password" in out
    assert run(runner, *base, "--role", "legal", "--org", org.name)[0] == 0
    code, out = run(runner, *base, "--role", "legal", "--org", org.name)
    assert code != 0 and "already exists" in out
    from consortium.auth.models import User
    with app.app_context():
        assert len(db.session.scalars(select(User)).all()) == 1


def test_demo_load_is_idempotent_and_the_audit_verifies(app, runner):
    from consortium.demo import LOGINS, PASSWORD
    code, out = run(runner, "demo", "load")
    assert code == 0, out
    assert "Demo data loaded." in out
    assert PASSWORD in out
    for email, _role, _org in LOGINS:
        assert email in out

    from consortium.audit.models import Event
    from consortium.disclosures.models import Disclosure
    from consortium.documents.models import Document
    from consortium.organizations.models import Organization

    def counts():
        with app.app_context():
            return tuple(len(db.session.scalars(select(m)).all())
                         for m in (Organization, Disclosure, Event, Document))
    first = counts()
    assert all(first)
    with app.app_context():
        states = set(db.session.scalars(select(Disclosure.state)))
    assert {"draft", "submitted", "under_review", "assignment_pending", "patent_pending",
            "trade_secret"} <= states

    code, out = run(runner, "demo", "load")
    assert code == 0, out
    assert "already present" in out
    for email, _role, _org in LOGINS:
        assert email in out
    assert counts() == first

    code, out = run(runner, "audit", "verify")
    assert code == 0, out
    assert f"OK: {first[2]} events and {first[3]} documents intact." in out

    # the demo logins work
    r = app.test_client().post("/api/v1/auth/token", json={"email": LOGINS[0][0],
                                                           "password": PASSWORD})
    assert r.status_code == 201


def test_audit_verify_reports_a_broken_store_with_exit_1(app, runner):
    assert run(runner, "demo", "load")[0] == 0
    from pathlib import Path

    from consortium.documents.models import Document
    with app.app_context():
        doc = db.session.scalars(select(Document).order_by(Document.id)).first()
        doc_id, sha = doc.id, doc.sha256
    path = Path(app.config["STORAGE_DIR"]) / sha[:2] / sha
    path.write_bytes(path.read_bytes()[:-1])
    code, out = run(runner, "audit", "verify")
    assert code == 1
    assert f"BROKEN: document {doc_id}" in out
