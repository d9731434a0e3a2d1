"""What a benefit plan's create and update requests may hold."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from ..validation import MAX_ID, decimal_input

Currency = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True,
                                            pattern=r"^[A-Za-z]{3}$")]
Percent = Annotated[Decimal, Field(ge=0, le=100, max_digits=6, decimal_places=3)]


def _no_floats(v):
    """A decimal string or a JSON number (see ``validation.decimal_input``)."""
    return decimal_input(v)


class BeneficiaryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["inventor", "department", "institution", "consortium_member"]
    user_id: int | None = Field(default=None, strict=True, ge=1, le=MAX_ID)
    organization_id: int | None = Field(default=None, strict=True, ge=1, le=MAX_ID)
    label: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] = ""
    share_percent: Percent

    _floats = field_validator("share_percent", mode="before")(_no_floats)

    @model_validator(mode="after")
    def _who(self):
        if self.kind == "inventor" and self.user_id is None and not self.label:
            raise ValueError("an inventor needs a user_id or a label")
        if self.kind != "inventor" and self.organization_id is None and not self.label:
            raise ValueError(f"a {self.kind.replace('_', ' ')} needs an organization_id or a "
                             "label")
        if self.share_percent == 0:
            raise ValueError("share_percent must be more than 0")
        return self


class TierIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    up_to: Annotated[Decimal, Field(gt=0, max_digits=20, decimal_places=2)] | None = None
    percent: Percent

    _floats = field_validator("up_to", "percent", mode="before")(_no_floats)


class PlanFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    currency: Currency | None = None
    cost_recovery: bool | None = Field(default=None, strict=True)
    admin_fee_percent: Percent | None = None
    inventor_tiers: list[TierIn] | None = Field(default=None, max_length=10)
    beneficiaries: list[BeneficiaryIn] | None = Field(default=None, min_length=1,
                                                      max_length=100)

    _floats = field_validator("admin_fee_percent", mode="before")(_no_floats)

    @model_validator(mode="after")
    def _tiers(self):
        tiers = self.inventor_tiers or []
        if tiers:
            if tiers[-1].up_to is not None:
                raise ValueError("the last inventor tier must have no upper limit (up_to null)")
            limits = [t.up_to for t in tiers[:-1]]
            if any(u is None for u in limits) or any(
                    a >= b for a, b in zip(limits, limits[1:], strict=False)):
                raise ValueError("inventor tier limits must increase")
        return self


class PlanCreate(PlanFields):
    disclosure_id: int | None = Field(default=None, strict=True, ge=1, le=MAX_ID)
    consortium_id: int | None = Field(default=None, strict=True, ge=1, le=MAX_ID)
    currency: Currency
    beneficiaries: list[BeneficiaryIn] = Field(min_length=1, max_length=100)

    @model_validator(mode="after")
    def _one_subject(self):
        if (self.disclosure_id is None) == (self.consortium_id is None):
            raise ValueError("give exactly one of disclosure_id and consortium_id")
        return self


class PlanUpdate(PlanFields):
    version: int = Field(strict=True)
