"""The licence terms, defined once: create and update requests and term-sheet data obey them."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from workflows.errors import N_, Text

from .. import money
from ..errors import Invalid
from ..validation import MAX_ID, DecimalIn, decimal_input, field_errors
from .codes import COUNTRIES, CURRENCIES, WORLD

Money = Annotated[DecimalIn, Field(ge=0, max_digits=18, decimal_places=2)]

#: the money terms, checked against the decimals of the licence's currency
MONEY_TERMS = ("upfront_fee", "minimum_annual_royalty", "option_fee")
#: an option's own terms (``workflows.license.OPTION_TERMS``): stored on the licence record
OPTION_TERM_NAMES = ("option_period_months", "option_fee", "exercise_notice_days",
                     "exercise_license_type", "exercise_terms", "negotiation_days")
#: the periods of the termination clause (``workflows.license.NOTICE_TERMS``): on the record
NOTICE_TERM_NAMES = ("cure_period_days", "termination_notice_days")


def territory_codes(value: Any) -> list[str]:
    """ISO 3166-1 alpha-2 codes (sorted, once each), or ``["WORLD"]`` alone."""
    if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
        raise ValueError(N_("must be a list of ISO 3166 country codes or WORLD"))
    codes = sorted({c.strip().upper() for c in value if c.strip()})
    if not codes:
        raise ValueError(N_("give at least one country code, or WORLD"))
    unknown = [c for c in codes if c != WORLD and c not in COUNTRIES]
    if unknown:
        # repr shows a look-alike letter (Cyrillic К in "КZ") as what it is
        raise ValueError(N_("not ISO 3166-1 country codes: %(codes)s (give codes such as KZ, "
                            "UZ, or WORLD)") % {"codes": ", ".join(
                                c if c.isascii() else ascii(c) for c in unknown)[:200]})
    if WORLD in codes and len(codes) > 1:
        raise ValueError(N_("WORLD covers every country: give it alone"))
    return codes


def currency_code(value: Any) -> str:
    """A current ISO 4217 code that amounts can be computed in."""
    if not isinstance(value, str):
        raise ValueError(N_("must be an ISO 4217 currency code such as KZT"))
    code = value.strip().upper()
    if code not in CURRENCIES:
        raise ValueError(N_("not a current ISO 4217 currency code (such as KZT, USD, EUR)"))
    try:
        money.minor_units(code)
    except ValueError:
        raise ValueError(N_("not a currency this system can compute amounts in")) from None
    return code


class Milestone(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                                  max_length=300)]
    amount: Money
    due_date: dt.date | None = None


class LicenseTerms(BaseModel):
    """The terms of a licence: what an inquiry, an edit and a term sheet may set."""

    model_config = ConfigDict(extra="forbid")

    license_type: Literal["exclusive", "non_exclusive", "option"] | None = None
    field_of_use: Annotated[str, StringConstraints(strip_whitespace=True,
                                                   max_length=300)] | None = None
    territory: list[str] | None = Field(default=None, min_length=1, max_length=250)
    term_months: int | None = Field(default=None, ge=1, le=600, strict=True)
    upfront_fee: Money | None = None
    royalty_rate_percent: Decimal | None = Field(default=None, ge=0, le=100, max_digits=6,
                                                 decimal_places=3)
    minimum_annual_royalty: Money | None = None
    currency: str | None = None
    milestones: list[Milestone] | None = Field(default=None, max_length=50)
    sublicensing_allowed: bool | None = Field(default=None, strict=True)
    #: the licensor's share of sublicence income (the licensee's royalty report pays it)
    sublicence_share_percent: Decimal | None = Field(default=None, ge=0, le=100,
                                                     max_digits=6, decimal_places=3)
    notes: Annotated[str, StringConstraints(strip_whitespace=True,
                                            max_length=5000)] | None = None
    #: an option's own terms: its period, fee, exercise notice and the licence on exercise
    option_period_months: int | None = Field(default=None, ge=1, le=120, strict=True)
    option_fee: Money | None = None
    exercise_notice_days: int | None = Field(default=None, ge=0, le=365, strict=True)
    exercise_license_type: Literal["exclusive", "non_exclusive"] | None = None
    exercise_terms: Annotated[str, StringConstraints(strip_whitespace=True,
                                                     max_length=5000)] | None = None
    negotiation_days: int | None = Field(default=None, ge=1, le=365, strict=True)
    #: the cure period after a notice of breach and the licensee's notice of termination
    cure_period_days: int | None = Field(default=None, ge=1, le=365, strict=True)
    termination_notice_days: int | None = Field(default=None, ge=1, le=365, strict=True)

    @field_validator("upfront_fee", "royalty_rate_percent", "minimum_annual_royalty",
                     "sublicence_share_percent", "option_fee", mode="before")
    @classmethod
    def _no_floats(cls, v):
        return decimal_input(v)  # a decimal string or a JSON number, never -0

    @field_validator("territory", mode="before")
    @classmethod
    def _territory(cls, v):
        return None if v is None else territory_codes(v)

    @field_validator("currency", mode="before")
    @classmethod
    def _currency(cls, v):
        return None if v is None else currency_code(v)


class LicenseCreate(LicenseTerms):
    disclosure_id: int = Field(strict=True, ge=1, le=MAX_ID)
    licensee_organization_id: int = Field(strict=True, ge=1, le=MAX_ID)
    license_type: Literal["exclusive", "non_exclusive", "option"]


class LicenseUpdate(LicenseTerms):
    version: int = Field(strict=True)


def money_errors(amounts: dict[str, Any], currency: str) -> dict[str, str]:
    """Which amounts have more decimals than ``currency`` has (3 decimals in KZT, any in JPY)."""
    errors: dict[str, str] = {}
    for name, value in amounts.items():
        if value is None:
            continue
        try:
            money.to_minor(Decimal(value), currency)
        except (ValueError, ArithmeticError):
            errors[name] = Text(N_("has more decimals than %(currency)s allows"),
                                currency=currency)
    return errors


def term_sheet(data: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """Term-sheet data checked by the licence terms, or 422 naming each bad field.

    ``current`` holds the licence's currency and amounts, which a term sheet that changes
    only some of them keeps.
    """
    try:
        terms = LicenseTerms.model_validate(data)
    except ValidationError as err:
        raise Invalid(field_errors(err)) from None
    out = {name: getattr(terms, name) for name in terms.model_fields_set}
    if out.get("milestones") is not None:  # plain rows: the event's data is JSON
        out["milestones"] = [m.model_dump() for m in out["milestones"]]
    merged = {**current, **out}
    errors = money_errors({k: merged.get(k) for k in MONEY_TERMS}, merged["currency"])
    errors.update(option_errors(merged))
    if errors:
        raise Invalid(errors)
    return out


def option_errors(terms: dict[str, Any]) -> dict[str, Any]:
    """The exercise notice must leave time to give it: fewer days than the option period
    has (its shortest month counted as 28 days)."""
    period, notice = terms.get("option_period_months"), terms.get("exercise_notice_days")
    if period and notice is not None and notice >= period * 28:
        return {"exercise_notice_days": Text(
            N_("must be fewer days than the option period of %(months)s months"),
            months=period)}
    return {}
