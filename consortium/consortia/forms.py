"""Reading the consortium form into the API's payload, and back."""
from __future__ import annotations

from typing import Any

from werkzeug.datastructures import MultiDict

from ..auth.models import User
from ..validation import form_int, whole_or_raw
from .models import Consortium

SPARE_ROWS = 3
MEMBER_KEYS = ("organization_id", "role", "contribution_type", "contribution_value", "currency",
               "contribution_description", "share_percent", "affiliated_entities")
FIELDS = ("name", "purpose", "work_plan", "start_date", "end_date", "ip_regime", "voting_rule",
          "quorum_percent")


def member_rows(form: MultiDict) -> list[dict[str, str]]:
    rows, n = [], 0
    while f"members-{n}-organization_id" in form:
        rows.append({k: form.get(f"members-{n}-{k}", "").strip() for k in MEMBER_KEYS})
        n += 1
    return rows


def payload(form: MultiDict, me: User, c: Consortium | None = None) -> dict[str, Any]:
    """The API payload for what was typed (the lead: the consortium's, or ``me``'s
    organisation for a new one); validation happens once, in the service."""
    out: dict[str, Any] = {"lead_organization_id": _lead(c, me)}
    for name in FIELDS:
        out[name] = form.get(name, "").strip() or None
    out["quorum_percent"] = form_int(form, "quorum_percent")
    members = []
    for row in member_rows(form):
        if not row["organization_id"]:
            continue
        org = row["organization_id"]
        members.append({
            "organization_id": whole_or_raw(org),
            "role": row["role"] or "member",
            "contribution_type": row["contribution_type"] or None,
            "contribution_value": row["contribution_value"] or "0",
            "currency": row["currency"] or "KZT",
            "contribution_description": row["contribution_description"],
            "share_percent": row["share_percent"] or "0",
            "affiliated_entities": row["affiliated_entities"],
        })
    out["members"] = members
    if form_int(form, "version") is not None:
        out["version"] = form_int(form, "version")
    return out


def _lead(c: Consortium | None, me: User) -> int:
    return c.lead_organization_id if c is not None else me.organization_id


def _blank() -> dict[str, str]:
    return {**dict.fromkeys(MEMBER_KEYS, ""), "currency": "KZT", "role": "member"}


def values(c: Consortium | None, me: User, args: MultiDict | None = None) -> dict[str, Any]:
    """What the form shows for an existing consortium, or a new one ``me`` drafts."""
    lead_organization_id = _lead(c, me)
    if c is None:
        shown: dict[str, Any] = dict.fromkeys(FIELDS, "")
        shown.update(ip_regime="each_party_owns", voting_rule="majority", quorum_percent="50",
                     version="")
        rows = [{**_blank(), "organization_id": str(lead_organization_id), "role": "lead"}]
    else:
        shown = {name: getattr(c, name) for name in FIELDS}
        for name in ("start_date", "end_date"):
            shown[name] = shown[name].isoformat() if shown[name] else ""
        shown = {k: ("" if v is None else str(v)) for k, v in shown.items()}
        shown["version"] = str(c.version)
        rows = [{"organization_id": str(m.organization_id), "role": m.role,
                 "contribution_type": m.contribution_type,
                 "contribution_value": f"{m.contribution_value:.2f}", "currency": m.currency,
                 "contribution_description": m.contribution_description,
                 "share_percent": f"{m.share_percent.normalize():f}",
                 "affiliated_entities": "; ".join(m.affiliated_entities or [])}
                for m in c.active_members]
    shown["members"] = rows + [_blank() for _ in range(SPARE_ROWS)]
    return shown


def echo(form: MultiDict) -> dict[str, Any]:
    """Echo what was typed, so a refused form loses nothing."""
    values: dict[str, Any] = {name: form.get(name, "") for name in (*FIELDS, "version")}
    rows = member_rows(form)
    values["members"] = rows + [_blank() for _ in range(max(1, SPARE_ROWS - sum(
        1 for r in rows if not r["organization_id"])))]
    return values
