"""What a filing, a cost and a licence registration request may hold."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from ..validation import DecimalIn

Number = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Code = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, min_length=2,
                                        max_length=8)]
Kind = Literal["invention", "utility_model"]
Status = Literal["filed", "published", "granted", "refused", "withdrawn", "lapsed"]


class PriorityClaim(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: Number
    date: dt.date
    country: Code


class FilingFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    office: Code | None = None
    kind: Kind | None = None
    application_number: Number | None = None
    filing_date: dt.date | None = None
    priority_claims: list[PriorityClaim] | None = Field(default=None, max_length=20)
    publication_number: Number | None = None
    publication_date: dt.date | None = None
    grant_number: Number | None = None
    grant_date: dt.date | None = None
    status: Status | None = None
    attorney: Annotated[str, StringConstraints(strip_whitespace=True,
                                               max_length=300)] | None = None
    office_action_due: dt.date | None = None
    office_action_note: Annotated[str, StringConstraints(strip_whitespace=True,
                                                         max_length=5000)] | None = None


class FilingCreate(FilingFields):
    office: Code
    filing_date: dt.date


class FilingUpdate(FilingFields):
    version: int = Field(strict=True)


class CostCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    paid_on: dt.date
    amount: DecimalIn = Field(gt=0, max_digits=18, decimal_places=4)
    currency: Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True,
                                               pattern=r"^[A-Z]{3}$")]
    kind: Literal["official_fee", "attorney_fee"]
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None = None

    @field_validator("paid_on")
    @classmethod
    def _not_future(cls, v: dt.date) -> dt.date:
        if v > dt.date.today() + dt.timedelta(days=1):
            raise ValueError("must not be in the future")
        return v


class RegistrationUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int | None = Field(default=None, strict=True)
    state: Literal["not_submitted", "submitted", "registered"]
    submitted_on: dt.date | None = None
    registration_number: Number | None = None
    registered_on: dt.date | None = None



class DoneMark(BaseModel):
    """Marking a due date done: an optional note (a receipt number, the response's date)."""
    model_config = ConfigDict(extra="forbid")

    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None = None
