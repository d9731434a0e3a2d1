"""Creating organisations and resolving who signs for them."""
from __future__ import annotations

import re

from sqlalchemy import select

from workflows.errors import N_, Text

from ..auth.models import Role, User, signatory_id
from ..errors import Forbidden, Invalid, NotFound
from ..extensions import db
from ..validation import valid_id
from .details import DETAILS, clean_details
from .models import Organization, OrgKind

__all__ = ["create_organization", "get_organization", "signatory_id", "to_dict",
           "update_organization"]

COUNTRY = re.compile(r"^[A-Z]{2}$")


def to_dict(org: Organization) -> dict:
    """The organisation as the API shows it, with who signs for it."""
    return {
        "id": org.id, "name": org.name, "kind": org.kind.value, "country": org.country,
        "bin": org.bin, "address": org.address, "signatory_user_id": signatory_id(org),
        "signatory_title": org.signatory_title,
        "document_languages": org.languages,
        **{key: getattr(org, key) for key in DETAILS},
        "created_at": org.created_at.isoformat(),
    }


def create_organization(name: str, kind: str, country: str | None = "KZ",
                        bin: str | None = None, address: str | None = None,
                        signatory_title: str | None = None) -> Organization:
    errors: dict[str, str] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = N_("required")
    elif len(name) > 300:
        errors["name"] = N_("must be at most 300 characters")
    elif db.session.scalar(select(Organization.id).where(Organization.name == name)):
        errors["name"] = N_("an organisation with this name already exists")
    if not isinstance(kind, str) or kind not in OrgKind.__members__:
        errors["kind"] = Text(N_("must be one of: %(values)s"),
                              values=", ".join(OrgKind.__members__))
    country = (country or "KZ").strip().upper()
    if not COUNTRY.match(country):
        errors["country"] = N_("must be an ISO 3166-1 alpha-2 code such as KZ")
    bin = (bin or "").strip() or None
    if bin and (problem := bin_problem(bin, country)):
        errors["bin"] = problem
    if errors:
        raise Invalid(errors)
    org = Organization(name=name, kind=OrgKind(kind), country=country, bin=bin or None,
                       address=address or None, signatory_title=signatory_title or None)
    db.session.add(org)
    db.session.flush()
    return org


def bin_problem(value: str, country: str) -> str | None:
    """Why ``value`` is not a BIN: a Kazakh organisation's is 12 digits with a check digit (an
    EDS certificate carries it); elsewhere it is whatever registry number the country uses."""
    from ..eds.ids import valid_bin
    if country == "KZ" and not valid_bin(value):
        return N_("must be a 12-digit BIN with a correct check digit")
    if len(value) > 40:
        return N_("must be at most 40 characters")
    return None


#: the languages documents can be issued in (see ``documents.language``)
DOCUMENT_LANGUAGES = ("kk", "ru", "en")


def languages_problem(value) -> str | Text | None:
    """Why ``value`` is not a valid ``document_languages``: one or two distinct codes of
    kk, ru, en (two: the parallel columns, the first one controlling)."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return N_("must be a list of language codes: kk, ru, en")
    if not value:
        return N_("choose at least one language")
    if len(value) > 2:
        return N_("at most two languages (two parallel columns)")
    unknown = [v for v in value if v not in DOCUMENT_LANGUAGES]
    if unknown:
        return Text(N_("unknown language %(code)s: use kk, ru or en"), code=unknown[0])
    if len(set(value)) != len(value):
        return N_("a language is listed twice")
    return None


def get_organization(org_id: int) -> Organization:
    org = db.session.get(Organization, org_id) if valid_id(org_id) else None
    if org is None:
        raise NotFound(N_("No such organisation."))
    return org


def update_organization(org: Organization, actor, changes: dict) -> Organization:
    """Admins may change any organisation; legal staff their own organisation."""
    if not (actor.role == Role.admin or (actor.role == Role.legal
                                         and actor.organization_id == org.id)):
        raise Forbidden(N_("Only an administrator or the organisation's legal "
                           "staff can change it."))
    errors: dict[str, str] = {}
    if "signatory_user_id" in changes:
        uid = changes["signatory_user_id"]
        user = db.session.get(User, uid) if valid_id(uid) else None
        if uid is not None and (user is None or user.organization_id != org.id):
            errors["signatory_user_id"] = N_("must be a user of this organisation")
        else:
            org.signatory_user_id = uid
    for key in ("address", "bin", "signatory_title"):
        if key in changes:
            value = changes[key]
            if value is not None and (not isinstance(value, str) or len(value) > 500):
                errors[key] = N_("must be text of at most 500 characters")
            elif key == "bin" and value and (problem := bin_problem(value.strip(),
                                                                   org.country)):
                errors[key] = problem
            else:
                value = value.strip() if key == "bin" and value else value
                setattr(org, key, value or None)
    if "document_languages" in changes:
        problem = languages_problem(changes["document_languages"])
        if problem:
            errors["document_languages"] = problem
        else:
            org.document_languages = list(changes["document_languages"])
    values, problems = clean_details(changes)
    errors.update(problems)
    if errors:
        raise Invalid(errors)
    for key, value in values.items():
        setattr(org, key, value)
    db.session.flush()
    return org
