"""The bodies of offers and requests, defined once: the API, the forms and OpenAPI obey them."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from workflows.errors import N_
from workflows.request import deadline_ahead

from ..licensing.schemas import currency_code
from ..validation import MAX_ID, DecimalIn
from .taxonomy import FIELD_LABELS, valid_grnti, valid_oked

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=300)]
Long = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=8000)]
Opt = Annotated[str, StringConstraints(strip_whitespace=True, max_length=8000)]
Language = Literal["kk", "ru", "en"]
Level = Annotated[int, Field(ge=1, le=9, strict=True)]
Budget = Annotated[DecimalIn, Field(ge=0, max_digits=18, decimal_places=2)]

#: a budget whose upper bound is below its lower bound (said of the upper bound)
BUDGET_ORDER = N_("must not be less than the minimum budget")
#: a deadline that has passed, set on a new request or changed on one
PAST_DEADLINE = N_("must not be before today")


def _words(value: list[str] | None, limit: int = 20) -> list[str]:
    out = []
    for v in value or []:
        v = " ".join(v.split())
        if v and v not in out:
            if len(v) > 80:
                raise ValueError(N_("each keyword is at most 80 characters"))
            out.append(v)
    if len(out) > limit:
        raise ValueError(N_("at most 20 keywords"))
    return out


def _codes(value: list[str] | None, check, what: str) -> list[str]:
    out = []
    for v in value or []:
        v = v.strip()
        if not check(v):
            raise ValueError(what)
        if v not in out:
            out.append(v)
    return out[:20]


class _Common(BaseModel):
    model_config = ConfigDict(extra="forbid")

    field: str | None = None
    keywords: list[str] | None = None
    sector_codes: list[str] | None = None
    science_codes: list[str] | None = None
    language: Language | None = None
    region: Annotated[str, StringConstraints(strip_whitespace=True, max_length=60)] | None = None

    @field_validator("field")
    @classmethod
    def _field(cls, v):
        if v is not None and v not in FIELD_LABELS:
            raise ValueError(N_("must be one of: %(values)s") % {"values": ", ".join(FIELD_LABELS)})
        return v

    @field_validator("keywords")
    @classmethod
    def _kw(cls, v):
        return _words(v)

    @field_validator("sector_codes")
    @classmethod
    def _oked(cls, v):
        return _codes(v, valid_oked, N_("OKED codes look like 01, 01.1 or 01.11"))

    @field_validator("science_codes")
    @classmethod
    def _grnti(cls, v):
        return _codes(v, valid_grnti, N_("GRNTI codes look like 68, 68.35 or 68.35.29"))


class OfferCreate(_Common):
    title: Title
    summary: Long
    kind: Literal["technology", "rd_service", "equipment"]
    trl: Level | None = None
    disclosure_id: Annotated[int, Field(ge=1, le=MAX_ID, strict=True)] | None = None


class OfferUpdate(_Common):
    version: int
    title: Title | None = None
    summary: Long | None = None
    kind: Literal["technology", "rd_service", "equipment"] | None = None
    trl: Level | None = None
    disclosure_id: Annotated[int, Field(ge=1, le=MAX_ID, strict=True)] | None = None
    #: legal staff confirm that text shared with the disclosure is public (a published offer)
    confirm_public: bool | None = None


class _RequestFields(_Common):
    context_makes: Opt | None = None
    context_fails: Opt | None = None
    context_tried: Opt | None = None
    success_criteria: Opt | None = None
    trl_min: Level | None = None
    budget_min: Budget | None = None
    budget_max: Budget | None = None
    currency: str | None = None
    deadline: dt.date | None = None

    @field_validator("currency")
    @classmethod
    def _currency(cls, v):
        return currency_code(v) if v is not None else None

    @field_validator("budget_max")
    @classmethod
    def _budget_order(cls, v, info: ValidationInfo):
        # budget_min comes first: it is here when given and valid (the service compares the
        # bounds again on the record, for an edit that sends only one of them)
        low = info.data.get("budget_min")
        if v is not None and low is not None and v < low:
            raise ValueError(BUDGET_ORDER)
        return v

    @field_validator("deadline")
    @classmethod
    def _deadline(cls, v, info: ValidationInfo):
        # an edit may keep the deadline the request has (``context``: the record's values);
        # a new one, or one changed, is today or later (publishing checks it again)
        kept = (info.context or {}).get("deadline")
        if v is not None and v != kept and not deadline_ahead(v, dt.datetime.now(dt.UTC)):
            raise ValueError(PAST_DEADLINE)
        return v


class RequestCreate(_RequestFields):
    title: Title
    problem: Long


class RequestUpdate(_RequestFields):
    version: int
    title: Title | None = None
    problem: Long | None = None
