"""Reading the licence forms (the inquiry, the terms) into the API's payload, and back."""
from __future__ import annotations

from typing import Any

from werkzeug.datastructures import MultiDict

from ..auth.models import User
from ..validation import form_int, whole_or_raw
from .models import License

FIELDS = ("license_type", "field_of_use", "territory", "term_months", "upfront_fee",
          "royalty_rate_percent", "minimum_annual_royalty", "currency", "notes",
          # an option's own terms
          "option_period_months", "option_fee", "exercise_notice_days",
          "exercise_license_type", "exercise_terms", "negotiation_days",
          # the periods of the termination clause
          "cure_period_days", "termination_notice_days")
#: the whole numbers of the form
WHOLE = ("term_months", "option_period_months", "exercise_notice_days", "negotiation_days",
         "cure_period_days", "termination_notice_days")


#: empty milestone rows the form offers beyond the licence's own
SPARE_MILESTONES = 2
MILESTONE_FIELDS = ("description", "amount", "due_date")


def milestone_rows(form: MultiDict) -> list[dict[str, str]]:
    """The milestone rows typed into the form (``milestones-<n>-<field>``), empty ones left
    out, in their order."""
    numbers = sorted({int(key.split("-")[1]) for key in form
                      if key.startswith("milestones-") and key.split("-")[1].isdigit()
                      and len(key.split("-")[1]) < 4})
    rows = [{name: form.get(f"milestones-{n}-{name}", "").strip() for name in MILESTONE_FIELDS}
            for n in numbers]
    return [row for row in rows if any(row.values())]


def payload(form: MultiDict, me: User, lic: License | None = None) -> dict[str, Any]:
    """The API payload for what was typed: the terms, and for a new inquiry its invention
    and licensee; validation happens once, in the service."""
    out: dict[str, Any] = {}
    for name in FIELDS:
        value = form.get(name, "").strip()
        if name == "territory":
            out[name] = [c.strip() for c in value.replace(";", ",").split(",")
                         if c.strip()] or None
        elif name in WHOLE:
            out[name] = whole_or_raw(value)
        else:
            out[name] = value or None
    out["sublicensing_allowed"] = form.get("sublicensing_allowed") == "yes"
    rows = milestone_rows(form)
    if rows or (lic is not None and lic.milestones):
        out["milestones"] = [{"description": r["description"], "amount": r["amount"] or None,
                              "due_date": r["due_date"] or None} for r in rows]
    if lic is None:
        for name in ("disclosure_id", "licensee_organization_id"):
            out[name] = whole_or_raw(form.get(name, ""))
    if form_int(form, "version") is not None:
        out["version"] = form_int(form, "version")
    return out


def values(lic: License | None, me: User, args: MultiDict | None = None) -> dict[str, Any]:
    """What the form shows for a licence's terms, or a new inquiry (``?disclosure_id=``
    preselects the invention)."""
    spare = [dict.fromkeys(MILESTONE_FIELDS, "") for _ in range(SPARE_MILESTONES)]
    if lic is None:
        return {"currency": "KZT", "territory": "KZ", "license_type": "non_exclusive",
                "disclosure_id": (args or {}).get("disclosure_id", ""), "milestones": spare}
    shown: dict[str, Any] = {name: getattr(lic, name) for name in FIELDS}
    shown["territory"] = ", ".join(lic.territory or [])
    shown = {k: "" if v is None else str(v) for k, v in shown.items()}
    shown.update(version=str(lic.version),
                 sublicensing_allowed="yes" if lic.sublicensing_allowed else "")
    shown["milestones"] = [{name: str(m.get(name) or "") for name in MILESTONE_FIELDS}
                           for m in lic.milestones or []] + spare
    return shown


def echo(form: MultiDict) -> dict[str, Any]:
    """Echo what was typed, so a refused form loses nothing."""
    shown: dict[str, Any] = {k: v for k, v in form.to_dict().items()
                             if not k.startswith("milestones-")}
    shown["milestones"] = milestone_rows(form) + [
        dict.fromkeys(MILESTONE_FIELDS, "") for _ in range(SPARE_MILESTONES)]
    return shown
