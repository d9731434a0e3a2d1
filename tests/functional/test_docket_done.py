"""A due date of the docket marked done, and undone, by legal staff (issue 19): through the
API and the pages (the docket and the record), with who and when; done due dates leave the
inbox and the reminders, stay on the docket as done (with a filter), survive the family's
due dates being computed again, and are in the disclosure's history (the audit chain)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tests.helpers import Journey

TODAY = dt.date.today()


def _patent_pending(api, team) -> tuple[Journey, dict]:
    j = Journey(api, team)
    j.to("patent_filing_record")
    [filing] = j.legal.get(f"/disclosures/{j.id}/filings").get_json()["items"]
    return j, filing


def _office_action(j, filing, days=20) -> tuple[str, str]:
    due = (TODAY + dt.timedelta(days=days)).isoformat()
    r = j.legal.patch(f"/filings/{filing['id']}", json={
        "version": filing["version"], "office_action_due": due,
        "office_action_note": "Examiner's objection to claim 3"})
    assert r.status_code == 200, r.get_json()
    return due, f"/filings/{filing['id']}/deadlines/office_action/{due}/done"


def _deadline(j, kind, due=None):
    dues = j.legal.get(f"/disclosures/{j.id}/filings").get_json()["deadlines"]
    return next(d for d in dues if d["kind"] == kind and (due is None or d["due"] == due))


def test_legal_marks_an_office_action_response_filed_and_undoes_it(app, api, team):
    j, filing = _patent_pending(api, team)
    due, path = _office_action(j, filing)
    assert _deadline(j, "office_action")["done"] is None

    # who may: legal staff of the disclosure's organisation only
    assert j.alice.post(path, json={}).status_code == 403
    assert api(team.outsider_legal).post(path, json={}).status_code == 404
    bad_kind = f"/filings/{filing['id']}/deadlines/lunch/{due}/done"
    r = j.legal.post(bad_kind, json={})
    assert r.status_code == 422 and "kind" in r.get_json()["error"]["fields"]
    r = j.legal.post(f"/filings/{filing['id']}/deadlines/office_action/someday/done", json={})
    assert r.status_code == 422 and "due" in r.get_json()["error"]["fields"]
    other_day = (TODAY + dt.timedelta(days=21)).isoformat()
    assert j.legal.post(f"/filings/{filing['id']}/deadlines/office_action/{other_day}/done",
                        json={}).status_code == 404
    assert j.legal.post(path, json={"note": "x" * 301}).status_code == 422
    assert j.legal.post(path, json={"colour": "red"}).status_code == 422

    r = j.legal.post(path, json={"note": "Response filed with amended claims"})
    assert r.status_code == 200, r.get_json()
    done = r.get_json()["done"]
    assert done["by_id"] == team.legal.id and done["by"] == "Lena Legal"
    assert done["note"] == "Response filed with amended claims"
    assert done["label"] == "Response filed"
    assert dt.datetime.fromisoformat(done["at"]).date() == dt.datetime.now(dt.UTC).date()
    assert _deadline(j, "office_action")["done"]["by"] == "Lena Legal"
    again = j.legal.post(path, json={})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "already_done"

    # the docket lists it as done, and filters
    items = j.legal.get("/docket").get_json()["items"]
    [oa] = [i for i in items if i["kind"] == "office_action"]
    assert oa["done"]["by"] == "Lena Legal"
    open_items = j.legal.get("/docket?status=open").get_json()
    assert all(i["done"] is None for i in open_items["items"])
    assert not [i for i in open_items["items"] if i["kind"] == "office_action"]
    done_items = j.legal.get("/docket?status=done").get_json()
    assert [i["kind"] for i in done_items["items"]] == ["office_action"]
    assert done_items["total"] == 1 and done_items["status"] == "done"
    assert open_items["total"] + 1 == j.legal.get("/docket").get_json()["total"]
    assert j.legal.get("/docket?status=later").status_code == 422

    # undo: to do again
    assert j.alice._call("delete", path).status_code == 403
    r = j.legal._call("delete", path)
    assert r.status_code == 200 and r.get_json()["done"] is None
    assert j.legal._call("delete", path).get_json()["error"]["code"] == "not_done"
    assert j.legal.get("/docket?status=done").get_json()["items"] == []

    # both steps are in the disclosure's history, in the audit chain, with the note
    events = j.legal.get(f"/disclosures/{j.id}/events").get_json()
    events = events["items"] if isinstance(events, dict) else events
    marks = [e for e in events if e["trigger"] in ("docket_done", "docket_undone")]
    assert [e["trigger"] for e in marks] == ["docket_done", "docket_undone"]
    assert marks[0]["actor_id"] == team.legal.id
    assert marks[0]["comment"] == "Response filed with amended claims"
    assert marks[0]["data"]["kind"] == "office_action" and marks[0]["data"]["due"] == due
    assert marks[0]["data"]["what"].startswith("Office action response due")


def test_done_leaves_the_inbox_and_the_reminders_and_survives_a_new_computation(
        app, api, team, login_as, client):
    j, filing = _patent_pending(api, team)
    due, path = _office_action(j, filing, days=6)
    login_as(team.legal)
    assert b"Office action response due" in client.get("/inbox").data
    assert j.legal.post(path, json={}).status_code == 200
    assert b"Office action response due" not in client.get("/inbox").data

    from consortium.docket.jobs import remind_due_dates
    from consortium.docket.models import DocketEntry
    from consortium.extensions import db
    with app.app_context():
        sent_before = remind_due_dates(dt.datetime.now(dt.UTC))
        reminded = db.session.scalar(select(DocketEntry.reminded_days).where(
            DocketEntry.kind == "office_action"))
    assert reminded is None  # done: no reminder for it (others may have gone out)
    assert sent_before >= 0

    # editing the filing computes its due dates again: the mark stays, for that same date
    current = j.legal.get(f"/filings/{filing['id']}").get_json()
    r = j.legal.patch(f"/filings/{filing['id']}", json={"version": current["version"],
                                                         "attorney": "A. Patentova"})
    assert r.status_code == 200
    assert _deadline(j, "office_action", due)["done"]["by"] == "Lena Legal"
    # a new office action with another date is to do
    new_due = (TODAY + dt.timedelta(days=40)).isoformat()
    current = j.legal.get(f"/filings/{filing['id']}").get_json()
    j.legal.patch(f"/filings/{filing['id']}", json={"version": current["version"],
                                                     "office_action_due": new_due})
    assert _deadline(j, "office_action", new_due)["done"] is None


def test_the_docket_page_and_the_record_mark_done_and_undo(app, api, team, login_as,
                                                           client):
    j, filing = _patent_pending(api, team)
    annuity = _deadline(j, "annuity")
    form = f"/docket/filings/{filing['id']}/deadlines/annuity/{annuity['due']}"
    key = f"{filing['id']}/annuity/{annuity['due']}"
    login_as(team.legal)
    page = client.get("/docket/").get_data(as_text=True)
    # the page's one form, and a button per due date naming it
    assert 'id="done-form"' in page and f'name="done" value="{key}"' in page
    assert "status=done" in page and "status=open" in page  # the filter

    # from the docket page, back to it with its filters
    r = client.post("/docket/marks", data={"done": key, "next": "/docket/?status=done"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/docket/?status=done")
    page = client.get("/docket/?status=done").get_data(as_text=True)
    assert "Annuity paid" in page and "Lena Legal" in page
    assert f'name="undone" value="{key}"' in page
    page = client.get("/docket/?status=open").get_data(as_text=True)
    assert f'value="{key}"' not in page
    r = client.post("/docket/marks", data={"undone": key, "next": "/docket/"})
    assert r.status_code == 302 and _deadline(j, "annuity", annuity["due"])["done"] is None
    assert client.post("/docket/marks", data={"done": "nonsense"}).status_code == 302
    assert _deadline(j, "annuity", annuity["due"])["done"] is None

    # on the record: with a note
    r = client.post(f"{form}/done", data={"note": "Paid, receipt 77",
                                          "next": f"/disclosures/{j.id}#filings"})
    assert r.status_code == 302
    page = client.get("/docket/?status=done").get_data(as_text=True)
    assert "Paid, receipt 77" in page

    # the record shows it done, and undoes it; a foreign "next" goes to the record
    show = client.get(f"/disclosures/{j.id}").get_data(as_text=True)
    assert "Annuity paid" in show and f'action="{form}/undone"' in show
    r = client.post(f"{form}/undone", data={"next": "https://evil.example/"})
    assert r.status_code == 302 and f"/disclosures/{j.id}" in r.headers["Location"]
    assert _deadline(j, "annuity", annuity["due"])["done"] is None
    history = client.get(f"/disclosures/{j.id}").get_data(as_text=True)
    assert "Marked done" in history and "Marked to do again" in history

    # a researcher cannot
    login_as(team.alice)
    assert client.post(f"{form}/done", data={}).status_code in (302, 403)
    assert _deadline(j, "annuity", annuity["due"])["done"] is None


def test_the_csv_says_when_each_due_date_was_done(api, team, login_as, client):
    j, filing = _patent_pending(api, team)
    annuity = _deadline(j, "annuity")
    assert j.legal.post(f"/filings/{filing['id']}/deadlines/annuity/{annuity['due']}/done",
                        json={}).status_code == 200
    login_as(team.legal)
    lines = client.get("/docket/docket.csv?status=done").data.decode("utf-8-sig").splitlines()
    assert lines[0].endswith('"filing_id","done_on"')
    assert len(lines) == 2 and lines[1].endswith(f'"{dt.datetime.now(dt.UTC).date()}"')
