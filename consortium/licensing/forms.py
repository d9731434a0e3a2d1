"""Reading the licence forms (the inquiry, the terms) into the API's payload, and back."""
from __future__ import annotations

from typing import Any

from werkzeug.datastructures import MultiDict

from ..auth.models import User
from ..validation import form_int, whole_or_raw
from .models import License

FIELDS = ("license_type", "field_of_use", "territory", "term_months", "upfront_fee",
          "royalty_rate_percent", "minimum_annual_royalty", "currency", "notes")


def payload(form: MultiDict, me: User, lic: License | None = None) -> dict[str, Any]:
    """The API payload for what was typed: the terms, and for a new inquiry its invention
    and licensee; validation happens once, in the service."""
    out: dict[str, Any] = {}
    for name in FIELDS:
        value = form.get(name, "").strip()
        if name == "territory":
            out[name] = [c.strip() for c in value.replace(";", ",").split(",")
                         if c.strip()] or None
        elif name == "term_months":
            out[name] = whole_or_raw(value)
        else:
            out[name] = value or None
    out["sublicensing_allowed"] = form.get("sublicensing_allowed") == "yes"
    if lic is None:
        for name in ("disclosure_id", "licensee_organization_id"):
            out[name] = whole_or_raw(form.get(name, ""))
    if form_int(form, "version") is not None:
        out["version"] = form_int(form, "version")
    return out


def values(lic: License | None, me: User, args: MultiDict | None = None) -> dict[str, Any]:
    """What the form shows for a licence's terms, or a new inquiry (``?disclosure_id=``
    preselects the invention)."""
    if lic is None:
        return {"currency": "KZT", "territory": "KZ", "license_type": "non_exclusive",
                "disclosure_id": (args or {}).get("disclosure_id", "")}
    shown: dict[str, Any] = {name: getattr(lic, name) for name in FIELDS}
    shown["territory"] = ", ".join(lic.territory or [])
    shown = {k: "" if v is None else str(v) for k, v in shown.items()}
    shown.update(version=str(lic.version),
                 sublicensing_allowed="yes" if lic.sublicensing_allowed else "")
    return shown


def echo(form: MultiDict) -> dict[str, Any]:
    """Echo what was typed, so a refused form loses nothing."""
    return form.to_dict()
