"""Reading the disclosure form into the same payload the API takes, and back."""
from __future__ import annotations

from typing import Any

from werkzeug.datastructures import MultiDict

from ..auth.models import User
from ..validation import form_int, whole_or_raw
from . import people
from .models import Disclosure

#: blank inventor rows offered on the form beyond those already listed (no JavaScript needed)
SPARE_ROWS = 3
TEXT_FIELDS = ("title", "abstract", "background", "novelty", "field", "grant_numbers",
               "public_disclosure_details", "interested_partners")
DATE_FIELDS = ("conception_date", "reduction_to_practice_date", "public_disclosure_date")


def payload(form: MultiDict, me: User, disclosure: Disclosure | None = None) -> dict[str, Any]:
    """The API payload for what was typed; validation happens once, in the service.

    A co-inventor's e-mail becomes their account only when they are a person who can be
    named on this disclosure; any other address, registered or not, makes an inventor
    without an account (name and e-mail), so the form never tells whether it is registered.
    """
    if disclosure is None:
        parties = people.party_organization_ids(me.organization_id, None)
        already: set[int] = set()
    else:
        parties = people.party_organization_ids(disclosure.organization_id,
                                                disclosure.consortium_id)
        already = {i.user_id for i in disclosure.inventors if i.user_id is not None}
    out: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        value = form.get(name, "").strip()
        out[name] = value or None
    for name in DATE_FIELDS:
        out[name] = form.get(name, "").strip() or None
    out["funding_source"] = form.get("funding_source") or None
    out["keywords"] = [k.strip() for k in form.get("keywords", "").split(",") if k.strip()]
    inventors = []
    for row in inventor_rows(form):
        if not any(row.get(k) for k in ("email", "name", "share_percent", "iin")):
            continue
        item: dict[str, Any] = {"share_percent": row.get("share_percent") or "0"}
        email = (row.get("email") or "").strip().lower()
        user_id = people.nameable_by_email(email, parties, already) if email else None
        if user_id:
            item["user_id"] = user_id
        else:
            item["name"] = (row.get("name") or "").strip() or None
            item["email"] = email or None
            org = row.get("organization_id")
            item["organization_id"] = whole_or_raw(org)
            item["iin"] = (row.get("iin") or "").strip() or None
        inventors.append(item)
    out["inventors"] = inventors
    if form_int(form, "version") is not None:
        out["version"] = form_int(form, "version")
    return out


def inventor_rows(form: MultiDict) -> list[dict[str, str]]:
    rows = []
    n = 0
    while f"inventors-{n}-share_percent" in form or f"inventors-{n}-email" in form:
        rows.append({k: form.get(f"inventors-{n}-{k}", "")
                     for k in ("email", "name", "organization_id", "share_percent", "iin")})
        n += 1
    return rows


def values(d: Disclosure | None, me: User, args: MultiDict | None = None) -> dict[str, Any]:
    """What the form shows for an existing disclosure, or a new one filed by ``me``."""
    if d is None:
        rows = [{"email": me.email, "name": me.name, "organization_id": str(me.organization_id),
                 "share_percent": "100", "iin": ""}]
        shown: dict[str, Any] = {name: "" for name in (*TEXT_FIELDS, *DATE_FIELDS)}
        shown.update(keywords="", funding_source="", version="")
    else:
        rows = [{"email": i.email or "", "name": i.name,
                 "organization_id": str(i.organization_id or ""),
                 "share_percent": f"{i.share_percent.normalize():f}",
                 "iin": i.iin or ""} for i in d.inventors]
        shown = {name: getattr(d, name) or "" for name in TEXT_FIELDS}
        shown.update({name: getattr(d, name).isoformat() if getattr(d, name) else ""
                      for name in DATE_FIELDS})
        shown.update(keywords=", ".join(d.keywords or []), funding_source=d.funding_source,
                     version=str(d.version))
    shown["inventors"] = rows + [dict.fromkeys(
        ("email", "name", "organization_id", "share_percent", "iin"), "")
        for _ in range(SPARE_ROWS)]
    return shown


def echo(form: MultiDict) -> dict[str, Any]:
    """Echo what was typed, so a refused form loses nothing."""
    values: dict[str, Any] = {name: form.get(name, "") for name in
                              (*TEXT_FIELDS, *DATE_FIELDS, "keywords", "funding_source",
                               "version")}
    rows = inventor_rows(form)
    values["inventors"] = rows + [dict.fromkeys(
        ("email", "name", "organization_id", "share_percent", "iin"), "")
        for _ in range(max(1, SPARE_ROWS - sum(1 for r in rows if not any(r.values()))))]
    return values
