"""The details of an organisation that its documents print as a party: legal form, bank
details (IBAN, BIK, bank, Kbe) and the basis of its signatory's authority. Each is checked the
way a Kazakh bank or registry checks it (the BIN's check digit is in ``consortium.eds.ids``)."""
from __future__ import annotations

import re

from workflows.errors import N_

#: the fields an administrator or the organisation's legal staff may change, and their lengths
DETAILS = {"legal_form": 200, "iban": 34, "bik": 11, "bank_name": 200, "kbe": 2,
           "signatory_basis": 300}

_IBAN = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")
#: a BIC/SWIFT code: bank (4 letters), country (2 letters), location (2), branch (3, optional)
_BIK = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")
#: Kbe, the beneficiary code: residency (1 resident, 2 non-resident), then economic sector 1-9
_KBE = re.compile(r"^[12][1-9]$")
IBAN_LENGTH = {"KZ": 20}


def normalise_iban(value: str) -> str:
    return re.sub(r"\s+", "", value).upper()


def iban_problem(value: str) -> str | None:
    """Why ``value`` is not an IBAN: its form, its country's length (KZ: 20), its check digits
    (ISO 13616: the number moved and read in base 36 leaves 1 modulo 97)."""
    if not _IBAN.match(value):
        return N_("must be an IBAN such as KZ86 125K ZT50 0410 0100")
    if len(value) != IBAN_LENGTH.get(value[:2], len(value)):
        return N_("a Kazakh IBAN has 20 characters")
    digits = "".join(str(int(c, 36)) for c in value[4:] + value[:4])
    if int(digits) % 97 != 1:
        return N_("the IBAN's check digits are wrong")
    return None


def bik_problem(value: str) -> str | None:
    if not _BIK.match(value):
        return N_("must be a BIK (BIC) of 8 or 11 letters and digits, such as HSBKKZKX")
    return None


def kbe_problem(value: str) -> str | None:
    if not _KBE.match(value):
        return N_("must be a Kbe code of two digits: 1 or 2, then the sector 1-9")
    return None


def clean_details(changes: dict) -> tuple[dict[str, str | None], dict[str, str]]:
    """The detail fields of ``changes``, normalised, and why any is refused (by field)."""
    values: dict[str, str | None] = {}
    errors: dict[str, str] = {}
    for key, length in DETAILS.items():
        if key not in changes:
            continue
        value = changes[key]
        if value is not None and not isinstance(value, str):
            errors[key] = N_("must be text")
            continue
        value = (value or "").strip()
        if key in ("iban", "bik"):
            value = normalise_iban(value)
        if len(value) > length:
            errors[key] = N_("is too long")
            continue
        check = {"iban": iban_problem, "bik": bik_problem, "kbe": kbe_problem}.get(key)
        if value and check and (problem := check(value)):
            errors[key] = problem
            continue
        values[key] = value or None
    return values, errors


def formatted_iban(value: str | None) -> str:
    """An IBAN in groups of four, as printed."""
    if not value:
        return ""
    return " ".join(value[i:i + 4] for i in range(0, len(value), 4))
