"""An inventor outside the system joins the documents that name them as a signer.

The assignment agreement is signed by the organisation's signatory and every inventor
(``workflows.definition.SIGNER_PARTIES["assignors"]``). A co-inventor named by name and
e-mail, without an account, cannot be a required signer when the agreement is issued: they
are invited, and the record stays *assignment pending* (the ``complete_assignment``
condition ``every_inventor_can_sign``) until they have an account and have signed. When the
invitation is accepted, :func:`inventor_joined` links the inventor to the new account and adds
them to every document of the disclosure that still awaits the inventors' signatures.
"""
from __future__ import annotations

from sqlalchemy import select

from workflows import DISCLOSURE

from ..documents.models import Document, RequiredSigner
from ..extensions import db
from .models import Disclosure, Inventor

#: signer groups whose documents every inventor signs
INVENTOR_GROUPS = frozenset({"inventors", "assignors"})


def awaiting_inventors(disclosure: Disclosure) -> list[Document]:
    """The disclosure's documents that still await the inventors' signatures: issued by a
    transition of an inventors' signer group into the state the record is in, not superseded."""
    templates = {t.document for t in DISCLOSURE.transitions
                 if t.document and t.signers in INVENTOR_GROUPS and t.dest == disclosure.state}
    if not templates:
        return []
    return list(db.session.scalars(select(Document).where(
        Document.record_type == "disclosure", Document.record_id == disclosure.id,
        Document.template.in_(templates), Document.superseded.is_(False))))


def inventor_joined(inventor: Inventor, user_id: int) -> list[Document]:
    """``inventor`` (named without an account) now has the account ``user_id``: link them and
    make them a required signer of what awaits the inventors. Returns those documents.
    Runs in the caller's transaction (the invitation's acceptance), never commits."""
    inventor.user_id = user_id
    disclosure = inventor.disclosure
    joined = []
    for doc in awaiting_inventors(disclosure):
        if user_id in doc.required_signer_ids:
            continue
        position = max((s.position for s in doc.signers), default=-1) + 1
        doc.signers.append(RequiredSigner(user_id=user_id, position=position))
        joined.append(doc)
    db.session.flush()
    return joined


def uninvited_inventors(disclosure: Disclosure) -> list[Inventor]:
    """Inventors who must still be invited to sign: no account yet, an e-mail to write to."""
    return [i for i in disclosure.inventors if not i.user_id and i.email]
