"""Which signature methods a document accepts: the deployment's policy, the template's override.

Read by the document tables (a document's JSON says which methods it accepts), the signing
rules and the sign page, so the answer is written once (see :mod:`.signing` for the rules)."""
from __future__ import annotations

from workflows import WORKFLOWS

from ..config import signature_policy
from . import rendering

METHODS = ("typed", "eds")
#: signer groups whose signers sign as an organisation's signatory
ORGANISATION_GROUPS = frozenset({"party_signatories", "member_signatories",
                                 "new_member_signatory", "accession_parties"})
#: signer groups of a person or two and one organisation, whose signatory signs for it (the
#: assignment: the organisation and its inventors; a benefit-sharing agreement: the rights
#: holder and its beneficiaries)
MIXED_GROUPS = frozenset({"assignors", "plan_parties"})
POLICIES = ("typed", "eds_between_organisations", "eds")


def signer_group(doc) -> str | None:
    """The signer group of the transition that issues ``doc``'s template (None: nobody)."""
    for wf in WORKFLOWS:
        if wf.name != doc.record_type:
            continue
        for t in wf.transitions:
            if t.document == doc.template and t.signers:
                return t.signers
    return None


def between_organisations(doc) -> bool:
    return signer_group(doc) in ORGANISATION_GROUPS


def document_policy(doc) -> str:
    """The template's ``signature_policy`` (manifest.json), else the deployment's."""
    try:
        override = rendering.template_info(doc.template).get("signature_policy")
    except LookupError:
        override = None
    if override:
        if override not in POLICIES:
            raise ValueError(f"{doc.template}: signature_policy must be one of "
                             f"{', '.join(POLICIES)}, not {override!r}")
        return override
    return signature_policy()


def accepted_methods(doc) -> list[str]:
    """The signature methods ``doc`` accepts, strongest first ("eds", "typed")."""
    policy = document_policy(doc)
    if policy == "typed":
        return ["typed"]
    if policy == "eds" or between_organisations(doc):
        return ["eds"]
    return ["eds", "typed"]
