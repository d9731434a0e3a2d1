"""What a licence's create and update requests may hold."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from ..validation import MAX_ID

Currency = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True,
                                            pattern=r"^[A-Za-z]{3}$")]
Money = Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=2)]


class Milestone(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                                  max_length=300)]
    amount: Money
    due_date: dt.date | None = None


class LicenseFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    license_type: Literal["exclusive", "non_exclusive", "option"] | None = None
    field_of_use: Annotated[str, StringConstraints(strip_whitespace=True,
                                                   max_length=300)] | None = None
    territory: list[Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True,
                                                     pattern=r"^([A-Za-z]{2}|WORLD)$")]] | None \
        = Field(default=None, min_length=1, max_length=250)
    term_months: int | None = Field(default=None, ge=1, le=600, strict=True)
    upfront_fee: Money | None = None
    royalty_rate_percent: Decimal | None = Field(default=None, ge=0, le=100, max_digits=6,
                                                 decimal_places=3)
    minimum_annual_royalty: Money | None = None
    currency: Currency | None = None
    milestones: list[Milestone] | None = Field(default=None, max_length=50)
    sublicensing_allowed: bool | None = Field(default=None, strict=True)
    notes: Annotated[str, StringConstraints(strip_whitespace=True,
                                            max_length=5000)] | None = None

    @field_validator("upfront_fee", "royalty_rate_percent", "minimum_annual_royalty",
                     mode="before")
    @classmethod
    def _no_floats(cls, v):
        if isinstance(v, bool):
            raise ValueError("must be a number")
        if isinstance(v, float):
            return Decimal(str(v))
        return v


class LicenseCreate(LicenseFields):
    disclosure_id: int = Field(strict=True, ge=1, le=MAX_ID)
    licensee_organization_id: int = Field(strict=True, ge=1, le=MAX_ID)
    license_type: Literal["exclusive", "non_exclusive", "option"]


class LicenseUpdate(LicenseFields):
    version: int = Field(strict=True)
