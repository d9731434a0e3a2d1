"""What a disclosure's create and update requests may hold."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from ..validation import MAX_ID, decimal_input
from .models import FundingSource

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20000)]
Keyword = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class InventorIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user_id: int | None = Field(default=None, strict=True, ge=1, le=MAX_ID)
    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    email: Annotated[str, StringConstraints(strip_whitespace=True, max_length=254)] | None = None
    organization_id: int | None = Field(default=None, strict=True, ge=1, le=MAX_ID)
    share_percent: Decimal = Field(gt=0, le=100, max_digits=6, decimal_places=3)
    #: an inventor without an account: their IIN (12 digits, the last a check digit)
    iin: str | None = None

    @field_validator("share_percent", mode="before")
    @classmethod
    def _no_float_noise(cls, v):
        return decimal_input(v)

    @field_validator("iin", mode="before")
    @classmethod
    def _iin(cls, v):
        from ..auth.services import parse_iin
        iin, problem = parse_iin(v)
        if problem:
            raise ValueError(problem)
        return iin


class DisclosureFields(BaseModel):
    """Fields an inventor edits while the disclosure is a draft or under revision."""

    model_config = ConfigDict(extra="forbid")

    title: Line | None = None
    abstract: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                               max_length=20000)] | None = None
    background: Text | None = None
    novelty: Text | None = None
    field: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None = None
    keywords: list[Keyword] | None = Field(default=None, max_length=30)
    funding_source: FundingSource | None = None
    grant_numbers: Annotated[str, StringConstraints(strip_whitespace=True,
                                                    max_length=500)] | None = None
    conception_date: dt.date | None = None
    reduction_to_practice_date: dt.date | None = None
    public_disclosure_date: dt.date | None = None
    public_disclosure_details: Text | None = None
    interested_partners: Text | None = None
    consortium_id: int | None = Field(default=None, strict=True, ge=1, le=MAX_ID)
    inventors: list[InventorIn] | None = Field(default=None, min_length=1, max_length=50)

    @field_validator("conception_date", "reduction_to_practice_date", "public_disclosure_date")
    @classmethod
    def _not_future(cls, v):
        if v is not None and v > dt.date.today() + dt.timedelta(days=1):
            raise ValueError("must not be in the future")
        return v


class DisclosureCreate(DisclosureFields):
    title: Line
    abstract: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                               max_length=20000)]
    funding_source: FundingSource
    inventors: list[InventorIn] = Field(min_length=1, max_length=50)


class DisclosureUpdate(DisclosureFields):
    version: int = Field(strict=True)
