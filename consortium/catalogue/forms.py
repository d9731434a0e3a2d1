"""Reading the offer and request forms into the API's payload, and back."""
from __future__ import annotations

from typing import Any

from flask_babel import get_locale
from werkzeug.datastructures import MultiDict

from ..validation import form_int, whole_or_raw
from .taxonomy import LANGUAGES

LISTS = ("keywords", "sector_codes", "science_codes")


def _payload(form: MultiDict, names: tuple[str, ...], ints: tuple[str, ...],
             record) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in names:
        value = form.get(name, "").strip()
        if name in LISTS:
            out[name] = [v.strip() for v in value.replace(";", ",").split(",") if v.strip()]
        elif name in ints:
            out[name] = whole_or_raw(value) if value else None
        else:
            out[name] = value or None
    if record is not None and form_int(form, "version") is not None:
        out["version"] = form_int(form, "version")
    return out


def _values(record, names: tuple[str, ...]) -> dict[str, Any]:
    shown: dict[str, Any] = {}
    for name in names:
        v = getattr(record, name)
        shown[name] = ", ".join(v or []) if name in LISTS else ("" if v is None else str(v))
    shown["version"] = str(record.version)
    return shown


def echo(form: MultiDict) -> dict[str, Any]:
    return form.to_dict()


def _interface_language() -> str:
    """The page's language (kk, ru or en): what a new offer or request is most likely
    written in, so its form chooses it first (the language also picks the stemmer)."""
    shown = str(get_locale() or "")
    return shown if shown in dict(LANGUAGES) else "en"


class OfferForms:
    FIELDS = ("title", "summary", "kind", "field", "keywords", "sector_codes", "science_codes",
              "trl", "language", "region", "disclosure_id")
    echo = staticmethod(echo)

    @classmethod
    def payload(cls, form: MultiDict, me, record=None) -> dict[str, Any]:
        out = _payload(form, cls.FIELDS, ("trl", "disclosure_id"), record)
        if record is not None and form.get("confirm_public") == "yes":
            out["confirm_public"] = True
        return out

    @classmethod
    def values(cls, record, me, args: MultiDict | None = None) -> dict[str, Any]:
        if record is None:
            return {"kind": "technology", "language": _interface_language(),
                    "disclosure_id": (args or {}).get("disclosure_id", "")}
        return _values(record, cls.FIELDS)


class RequestForms:
    FIELDS = ("title", "problem", "context_makes", "context_fails", "context_tried",
              "success_criteria", "field", "keywords", "sector_codes", "trl_min", "budget_min",
              "budget_max", "currency", "region", "deadline", "language")
    echo = staticmethod(echo)

    @classmethod
    def payload(cls, form: MultiDict, me, record=None) -> dict[str, Any]:
        return _payload(form, cls.FIELDS, ("trl_min",), record)

    @classmethod
    def values(cls, record, me, args: MultiDict | None = None) -> dict[str, Any]:
        if record is None:
            return {"language": _interface_language(), "currency": "KZT"}
        return _values(record, cls.FIELDS)
