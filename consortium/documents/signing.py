"""What a signature must be: the signature policy, the typed-name rule and EDS verification.

The rules, written once:

- **Who signs for an organisation.** A signer signs *for an organisation* when the document's
  signer group (the ``signers`` of the transition that issues the template, in ``workflows/``)
  is one of the organisational groups (``party_signatories``, ``member_signatories``,
  ``new_member_signatory``): they sign as their organisation's signatory, so an EDS must carry
  that organisation's BIN and a signing role. In the ``beneficiaries`` group a person who is a
  beneficiary signs for themself, and the signatory of a beneficiary organisation (a
  department's institution, a consortium member) signs for it. ``inventors`` sign for
  themselves.
- **Which methods a document accepts** (:func:`accepted_methods`): the template's
  ``signature_policy`` in ``contract_templates/manifest.json``, else the deployment's
  (``CONSORTIUM_SIGNATURE_POLICY``): ``typed`` takes a typed name only; ``eds`` an EDS only;
  ``eds_between_organisations`` an EDS for documents of an organisational signer group
  (agreements between organisations: NDAs, licences, consortium agreements, accessions) and
  a typed name or an EDS for the others (an assignment by the inventors, a benefit-sharing
  plan acknowledged by its beneficiaries).
- **A typed name** must be the signer's own registered name, compared without case, extra
  spaces or diacritics (:func:`same_name`).
"""
from __future__ import annotations

import base64
import binascii
import unicodedata
from typing import Any

from flask import current_app, has_request_context
from flask_babel import force_locale, get_locale, gettext

from workflows.errors import N_, Text

from ..auth.models import signatory_id
from ..eds import EdsError, verify_detached
from ..eds.ids import valid_bin, valid_iin
from ..errors import AppError, Invalid, Unavailable
from .policy import (  # noqa: F401  (the policy, read here by the signing rules and pages)
    METHODS,
    MIXED_GROUPS,
    ORGANISATION_GROUPS,
    POLICIES,
    accepted_methods,
    between_organisations,
    document_policy,
    signer_group,
)
from .trust import configured_trust_store, trust_store  # noqa: F401

#: the statement a typed signature is given with; shown, and stored, in the signer's language
CONSENT_TEXT = N_("I have read this document and I sign it electronically. I agree that my "
                  "typed name, together with the date, time, my IP address and the SHA-256 "
                  "fingerprint of the document, has the same effect as my handwritten "
                  "signature.")


class SignatureRefused(AppError):
    """An EDS that does not verify, or a method the document does not accept (422)."""

    code, status = "signature_invalid", 422


# -- typed names --------------------------------------------------------------------------------
def normalised_name(name: str) -> str:
    """``name`` without case, extra spaces or diacritics (NFKD, combining marks dropped,
    casefolded): "  ÁLIYA   Nurlan-qyzy " and "aliya nurlan-qyzy" are the same; Kazakh and
    Cyrillic letters keep their identity ("Әйгерім" = "ӘЙГЕРІМ")."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def same_name(typed: str, registered: str) -> bool:
    return bool(normalised_name(typed)) and normalised_name(typed) == normalised_name(registered)


def consent_text(locale: Any = None) -> str:
    """The consent statement in ``locale`` (one of the deployment's languages), else in the
    request's language: the text the signer is shown and the text stored with the signature."""
    languages = current_app.config.get("LANGUAGES", ("en",))
    if not isinstance(locale, str) or locale not in languages:
        locale = shown_locale()
    if not has_request_context():  # the command line (demo data): the English original
        return CONSENT_TEXT
    with force_locale(locale):
        return gettext(CONSENT_TEXT)


def shown_locale() -> str:
    """The language of this request's pages (the default language outside a request)."""
    if not has_request_context():
        return current_app.config.get("BABEL_DEFAULT_LOCALE", "en")
    return str(get_locale() or "en")


# -- who signs for what -------------------------------------------------------------------------
def record_organization(record):
    """The organisation that signs a mixed group's document with its people: a disclosure's
    organisation, a benefit plan's rights holder."""
    for name in ("organization", "owner_organization", "rights_holder"):
        org = getattr(record, name, None)
        if org is not None and hasattr(org, "signatory_user_id"):
            return org
    return None


def signs_for(doc, signer, record):
    """The organisation ``signer`` signs ``doc`` for, or None when they sign as a person
    (``record`` is the document's record: a benefit plan names its beneficiary organisations)."""
    group = signer_group(doc)
    if group in ORGANISATION_GROUPS:
        return signer.organization
    if group in MIXED_GROUPS:
        org = record_organization(record)
        people = {getattr(p, "user_id", None) for p in (
            *getattr(record, "inventors", ()), *getattr(record, "beneficiaries", ()))}
        if org is not None and signer.id not in people and signatory_id(org) == signer.id:
            return org
    if group in ("beneficiaries", "plan_parties"):
        for b in getattr(record, "beneficiaries", ()):
            if (not b.user_id and b.organization is not None
                    and signatory_id(b.organization) == signer.id):
                return b.organization
    return None



def check_method(doc, method: Any) -> str:
    """``method`` ("typed" when not given) if ``doc`` accepts it; 422 otherwise."""
    if method is None or method == "":
        method = "typed"
    if not isinstance(method, str) or method not in METHODS:
        raise Invalid({"method": Text(N_("must be one of: %(values)s"),
                                      values=", ".join(METHODS))})
    accepted = accepted_methods(doc)
    if method not in accepted:
        if accepted == ["eds"]:
            message = N_("This document must be signed with an electronic digital signature "
                         "(EDS) of NCA RK; a typed name is not accepted for it.")
        else:
            message = N_("This document is signed with a typed name on this server; an "
                         "electronic digital signature (EDS) is not accepted for it.")
        raise SignatureRefused("method_not_allowed", message,
                               accepted=", ".join(accepted))
    return method


# -- EDS ----------------------------------------------------------------------------------------
def decode_cms(value: Any) -> bytes:
    """The DER bytes of a base64 CMS (line breaks allowed, as NCALayer may send them)."""
    if not isinstance(value, str) or not value.strip():
        raise Invalid({"cms": N_("required: the base64 of a detached CMS signature")})
    compact = "".join(value.split())
    try:
        data = base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        raise Invalid({"cms": N_("is not valid base64")}) from None
    if not data:
        raise Invalid({"cms": N_("required: the base64 of a detached CMS signature")})
    return data


def verify_eds(doc, signer, cms_der: bytes, content: bytes, record):
    """Verify ``cms_der`` over ``content`` (the document's exact bytes) for ``signer``:
    their IIN, and when they sign for an organisation its BIN and a signing role. Returns
    the verifier's ``VerifiedSignature``; a refusal is a 422 with the verifier's code
    (``ocsp_unavailable`` a 503)."""
    if not signer.iin or not valid_iin(signer.iin):
        raise SignatureRefused("signer_mismatch", N_(
            "Your account has no valid IIN recorded, so no EDS certificate can be matched to "
            "you: ask an administrator to record your IIN."))
    org = signs_for(doc, signer, record)
    expected_bin = None
    if org is not None:
        if not org.bin or not valid_bin(org.bin):
            raise SignatureRefused("not_authorised_for_organisation", N_(
                "%(organisation)s has no valid BIN recorded, so no EDS certificate can be "
                "matched to it: ask an administrator to record its BIN."),
                organisation=org.name)
        expected_bin = org.bin
    config = current_app.config
    try:
        return verify_detached(cms_der, content, trust=trust_store(), expected_iin=signer.iin,
                               expected_bin=expected_bin, ocsp=config.get("EDS_OCSP", "off"),
                               ocsp_timeout=float(config.get("EDS_OCSP_TIMEOUT", 5.0)),
                               earliest=doc.created_at)
    except EdsError as err:
        # the template and its params, so that the answer is in the reader's language
        template = getattr(err.message, "template", str(err.message))
        params = dict(getattr(err, "params", None) or {})
        if err.code == "ocsp_unavailable":
            raise Unavailable("ocsp_unavailable", template, **params) from None
        raise SignatureRefused(err.code, template, **params) from None
