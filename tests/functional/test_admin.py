"""Administration: organisations and people through the pages and the API."""
from __future__ import annotations

import pytest

from tests.helpers import PASSWORD


@pytest.fixture
def admin(make_user, make_org):
    return make_user("admin", make_org("Platform Operator"), "Ada Admin")


def test_only_administrators_open_the_administration(client, login_as, team, admin):
    login_as(team.legal)
    for path in ("/admin/", "/admin/organizations", "/admin/users", "/admin/users/new",
                 f"/admin/users/{team.alice.id}", f"/admin/organizations/{team.org.id}"):
        assert client.get(path).status_code == 403, path
    client.post("/logout")
    login_as(admin)
    page = client.get("/admin/").get_data(as_text=True)
    assert "Administration" in page and "Add an organisation" in page
    assert 'href="/admin/"' in client.get("/inbox").get_data(as_text=True)


def test_an_administrator_adds_an_organisation_and_a_person(client, login_as, admin, api):
    login_as(admin)
    bad = client.post("/admin/organizations/new", data={
        "name": "Caspian Catalysts LLP", "kind": "enterprise", "country": "KZ",
        "bin": "123456789012"})
    assert bad.status_code == 422
    page = bad.get_data(as_text=True)
    assert "12-digit BIN with a correct check digit" in page
    assert 'value="Caspian Catalysts LLP"' in page  # nothing typed is lost
    r = client.post("/admin/organizations/new", data={
        "name": "Caspian Catalysts LLP", "kind": "enterprise", "country": "KZ",
        "bin": "990140000126", "address": "12 Dostyk Ave, Almaty"})
    assert r.status_code == 302
    org_id = int(r.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    r = client.post("/admin/users/new", data={
        "name": "Aliya Nurova", "email": "aliya@caspian.kz", "organization_id": str(org_id),
        "role": "partner", "password": "short"})
    assert r.status_code == 422 and "at least 10 characters" in r.get_data(as_text=True)
    assert 'value="aliya@caspian.kz"' in r.get_data(as_text=True)
    r = client.post("/admin/users/new", data={
        "name": "Aliya Nurova", "email": "aliya@caspian.kz", "organization_id": str(org_id),
        "role": "partner", "password": PASSWORD, "title": "Director"})
    assert r.status_code == 302
    org_page = client.get(f"/admin/organizations/{org_id}").get_data(as_text=True)
    assert "Aliya Nurova" in org_page and "signatory" in org_page
    # the new person signs in
    token = client.post("/api/v1/auth/token", json={"email": "aliya@caspian.kz",
                                                   "password": PASSWORD})
    assert token.status_code == 201


def test_deactivating_ends_sessions_and_tokens_and_hands_over_the_signature(
        client, app, login_as, admin, make_org, make_user, api):
    org = make_org("Atyrau Refining")
    first = make_user("partner", org, "Dana Partner")
    second = make_user("partner", org, "Erlan Partner")
    admin_api = api(admin)
    assert admin_api.patch(f"/organizations/{org.id}",
                           json={"signatory_user_id": second.id}).status_code == 200
    second_api = api(second)
    assert second_api.get("/me").status_code == 200
    r = admin_api.patch(f"/users/{second.id}", json={"active": False})
    assert r.status_code == 200 and r.get_json()["active"] is False
    assert second_api.get("/me").status_code == 401  # the token no longer works
    assert client.post("/api/v1/auth/token", json={"email": second.email,
                                                   "password": PASSWORD}).status_code == 401
    org_json = admin_api.get("/organizations?per_page=200").get_json()["items"]
    assert next(o for o in org_json if o["id"] == org.id)["signatory_user_id"] == first.id
    # and back
    login_as(admin)
    r = client.post(f"/admin/users/{second.id}", data={"action": "reactivate"})
    assert r.status_code == 302
    assert client.post("/api/v1/auth/token", json={"email": second.email,
                                                   "password": PASSWORD}).status_code == 201


def test_people_are_edited_with_clear_errors(client, login_as, admin, team, api):
    admin_api = api(admin)
    r = admin_api.patch(f"/users/{team.alice.id}", json={"iin": "123", "role": "boss",
                                                         "email": "x@y.z"})
    assert r.status_code == 422
    fields = r.get_json()["error"]["fields"]
    assert set(fields) == {"iin", "role", "email"}
    r = admin_api.patch(f"/users/{team.alice.id}", json={"title": "Professor",
                                                         "role": "legal"})
    assert r.status_code == 200 and r.get_json()["role"] == "legal"
    login_as(admin)
    r = client.post(f"/admin/users/{team.bob.id}", data={"name": "", "role": "researcher"})
    assert r.status_code == 422
    assert "required, at most 200 characters" in r.get_data(as_text=True)
    listing = admin_api.get("/users?q=steppe&role=legal").get_json()
    assert {u["name"] for u in listing["items"]} == {"Alice Inventor", "Lena Legal"}
    assert api(team.legal).get("/users").status_code == 403
    assert api(team.legal).patch(f"/users/{team.bob.id}", json={"title": "x"}).status_code == 403


def test_the_last_administrator_cannot_lock_everyone_out(admin, api):
    admin_api = api(admin)
    r = admin_api.patch(f"/users/{admin.id}", json={"active": False})
    assert r.status_code == 422 and "last active administrator" in r.get_json()["error"][
        "fields"]["active"]
    r = admin_api.patch(f"/users/{admin.id}", json={"role": "legal"})
    assert r.status_code == 422 and "role" in r.get_json()["error"]["fields"]


def test_the_people_list_filters_and_pages(client, login_as, admin, team):
    login_as(admin)
    page = client.get(f"/admin/users?org={team.org.id}&role=researcher").get_data(as_text=True)
    assert "Alice Inventor" in page and "Bob Coinventor" in page and "Lena Legal" not in page
    page = client.get("/admin/users?q=otherlegal").get_data(as_text=True)
    assert "Olga Otherlegal" in page and "Alice Inventor" not in page
    page = client.get("/admin/organizations?q=steppe").get_data(as_text=True)
    assert "Steppe Polytechnic University" in page and "Another Institute" not in page
