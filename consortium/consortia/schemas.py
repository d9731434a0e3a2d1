"""What a consortium's create and update requests may hold."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..validation import MAX_ID, decimal_input, money_error

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20000)]
Currency = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True,
                                            pattern=r"^[A-Za-z]{3}$")]


class MemberIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organization_id: int = Field(strict=True, ge=1, le=MAX_ID)
    role: Literal["lead", "member", "associate"] = "member"
    contribution_type: Literal["cash", "in_kind", "background_ip"]
    #: before the value, whose decimals it bounds
    currency: Currency = "KZT"
    #: decimals: the currency's, and at most the two the column holds (see ``_in_currency``)
    contribution_value: Decimal = Field(ge=0, max_digits=18)
    contribution_description: Annotated[str, StringConstraints(strip_whitespace=True,
                                                               max_length=2000)] = ""
    share_percent: Decimal = Field(ge=0, le=100, max_digits=6, decimal_places=3)
    #: the party's affiliated entities that may receive access rights (DESCA attachment 3);
    #: empty: none listed
    affiliated_entities: list[Line] = Field(default_factory=list, max_length=20)

    @field_validator("affiliated_entities", mode="before")
    @classmethod
    def _entities(cls, v):
        # the web form sends one text, entities separated by semicolons or new lines
        if isinstance(v, str):
            return [part for part in (p.strip() for p in v.replace("\n", ";").split(";"))
                    if part]
        if isinstance(v, list):
            return [p for p in v if not (isinstance(p, str) and not p.strip())]
        return v

    @field_validator("contribution_value", "share_percent", mode="before")
    @classmethod
    def _numbers(cls, v):
        return decimal_input(v)

    @field_validator("contribution_value")
    @classmethod
    def _in_currency(cls, v, info: ValidationInfo):
        why = money_error(v, info.data.get("currency"), max_places=2)
        if why:
            raise ValueError(why)
        return v


class ConsortiumFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Line | None = None
    purpose: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                              max_length=20000)] | None = None
    work_plan: Text | None = None
    lead_organization_id: int | None = Field(default=None, strict=True, ge=1, le=MAX_ID)
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    ip_regime: Literal["each_party_owns", "lead_owns", "joint_ownership",
                       "contributor_owns"] | None = None
    voting_rule: Literal["majority", "two_thirds", "unanimity"] | None = None
    quorum_percent: int | None = Field(default=None, ge=1, le=100, strict=True)
    #: the notice of withdrawal a party must give, in months (the agreement's clause)
    withdrawal_notice_months: int | None = Field(default=None, ge=1, le=24, strict=True)
    members: list[MemberIn] | None = Field(default=None, min_length=1, max_length=100)

    @model_validator(mode="after")
    def _dates(self):
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise ValueError("the end date must be after the start date")
        return self


class ConsortiumCreate(ConsortiumFields):
    name: Line
    purpose: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                              max_length=20000)]
    lead_organization_id: int = Field(strict=True, ge=1, le=MAX_ID)
    ip_regime: Literal["each_party_owns", "lead_owns", "joint_ownership", "contributor_owns"]
    members: list[MemberIn] = Field(min_length=1, max_length=100)


class ConsortiumUpdate(ConsortiumFields):
    version: int = Field(strict=True)
