"""Verification of a detached CMS signature made with a key of Kazakhstan's national CA (NCA RK).

``verify_detached(cms_der, content, trust=..., expected_iin=...)`` checks, in this order, and
raises ``EdsError`` with the API code of the first check that fails:

1. the CMS SignedData parses and has exactly one signer, whose certificate is in the CMS
   (found by issuer and serial number or by subject key identifier);
2. the signed attributes are present (a signature without them is refused: it would bind
   neither the content type nor a signing time, and NCALayer always adds them), their
   content type is ``data`` and their message digest equals the digest of ``content``;
3. the signature over the DER of the signed attributes (re-tagged as a SET) verifies with the
   certificate's key: RSA PKCS#1 v1.5 with SHA-256 (or SHA-384/512), or GOST 34.10-2015
   (256 or 512 bits) with Streebog, under NCA's Kazakh OIDs or the standard TC26 ones;
4. the certificate chains, through intermediates of the trust store or of the CMS, to a root
   of the trust store, each certificate's signature verified with its issuer's key;
5. every certificate of the chain was valid at the signing time (the signing-time signed
   attribute, else ``now``);
6. the key is a signing key (digitalSignature + nonRepudiation), not an AUTH key;
7. ``SERIALNUMBER=IIN…`` equals ``expected_iin``; with ``expected_bin``, ``OU=BIN…`` equals it
   and the extended key usage carries a role that may sign for the organisation;
8. revocation by OCSP (``off``, ``prefer``: a ``revoked`` answer refuses, no answer passes;
   ``require``: no answer is ``ocsp_unavailable``), the raw response kept in the result.

GOST byte order. The Streebog digest is read as a little-endian number (as BouncyCastle,
OpenSSL's engine and pygost do). A GOST public key is the OCTET STRING ``LE(x) || LE(y)``
inside the BIT STRING. NCA stores the signature as little-endian halves ``LE(r) || LE(s)``
(which is the byte reversal of RFC 4491's ``BE(s) || BE(r)``); the verifier accepts both
layouts, the NCA one first. ``gostcrypto`` works on big-endian ``r || s`` and ``x || y``: the
conversions are ``_gost_rs`` and ``_gost_public_key`` below, and nowhere else.

No Flask here: the app maps ``EdsError.code`` to its HTTP answer.
"""
from __future__ import annotations

import hashlib
import hmac
import threading
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from asn1crypto import cms as a_cms
from asn1crypto import core as a_core
from asn1crypto import ocsp as a_ocsp
from asn1crypto import pem as a_pem
from asn1crypto import x509 as a_x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from gostcrypto import gosthash, gostsignature

from workflows.errors import N_, Text

# -- Object identifiers ------------------------------------------------------------------------

RSA_KEY = "1.2.840.113549.1.1.1"
RSA_SIGNATURES = {  # signature algorithm -> digest
    "1.2.840.113549.1.1.11": "sha256",
    "1.2.840.113549.1.1.12": "sha384",
    "1.2.840.113549.1.1.13": "sha512",
}
SHA_DIGESTS = {"2.16.840.1.101.3.4.2.1": "sha256", "2.16.840.1.101.3.4.2.2": "sha384",
               "2.16.840.1.101.3.4.2.3": "sha512"}

GOST_KEY_256 = "1.2.398.3.10.1.1.2.1"  # NCA: GOST 34.10-2015, 256-bit key
GOST_KEY_512 = "1.2.398.3.10.1.1.2.2"  # NCA: GOST 34.10-2015, 512-bit key
GOST_SIGN_256 = "1.2.398.3.10.1.1.2.3.1"  # NCA: GOST 34.10-2015 with Streebog-256
GOST_SIGN_512 = "1.2.398.3.10.1.1.2.3.2"  # NCA: GOST 34.10-2015 with Streebog-512
GOST_DIGEST_256 = "1.2.398.3.10.1.3.2"  # NCA: Streebog-256
GOST_DIGEST_512 = "1.2.398.3.10.1.3.3"  # NCA: Streebog-512
# key / signature / digest OID -> size of the key halves in bytes (32 or 64)
GOST_KEYS = {GOST_KEY_256: 32, GOST_KEY_512: 64, "1.2.643.7.1.1.1.1": 32, "1.2.643.7.1.1.1.2": 64}
GOST_SIGNATURES = {GOST_SIGN_256: 32, GOST_SIGN_512: 64, "1.2.643.7.1.1.3.2": 32,
                   "1.2.643.7.1.1.3.3": 64, **GOST_KEYS}
GOST_DIGESTS = {GOST_DIGEST_256: 32, GOST_DIGEST_512: 64, "1.2.643.7.1.1.2.2": 32,
                "1.2.643.7.1.1.2.3": 64}

# GOST curve parameter sets (TC26 and CryptoPro OIDs) -> gostcrypto's curve names
_C256A, _C256B = "id-tc26-gost-3410-2012-256-paramSetA", "id-tc26-gost-3410-2012-256-paramSetB"
_C256C, _C256D = "id-tc26-gost-3410-2012-256-paramSetC", "id-tc26-gost-3410-2012-256-paramSetD"
_C512A, _C512B = "id-tc26-gost-3410-12-512-paramSetA", "id-tc26-gost-3410-12-512-paramSetB"
_C512C = "id-tc26-gost-3410-2012-512-paramSetC"
GOST_CURVES = {
    "1.2.643.7.1.2.1.1.1": _C256A,
    "1.2.643.2.2.35.1": _C256B, "1.2.643.7.1.2.1.1.2": _C256B, "1.2.643.2.2.36.0": _C256B,
    "1.2.643.2.2.35.2": _C256C, "1.2.643.7.1.2.1.1.3": _C256C,
    "1.2.643.2.2.35.3": _C256D, "1.2.643.7.1.2.1.1.4": _C256D, "1.2.643.2.2.36.1": _C256D,
    "1.2.643.7.1.2.1.2.1": _C512A, "1.2.643.7.1.2.1.2.2": _C512B, "1.2.643.7.1.2.1.2.3": _C512C,
}
# a key whose parameters are absent or name a set not listed above
GOST_DEFAULT_CURVE = {32: _C256B, 64: _C512A}

ALGORITHM_NAMES = {32: "GOST34.10-2015-256", 64: "GOST34.10-2015-512"}

SERIAL_NUMBER, ORGANIZATIONAL_UNIT = "2.5.4.5", "2.5.4.11"
# NCA's extended key usage roles (1.2.398.3.3.4.*)
ROLES = {
    "1.2.398.3.3.4.1.1": "individual",
    "1.2.398.3.3.4.1.2": "organization",
    "1.2.398.3.3.4.1.2.1": "first_head",
    "1.2.398.3.3.4.1.2.2": "sign_right",
    "1.2.398.3.3.4.1.2.3": "sign_financial",
    "1.2.398.3.3.4.1.2.4": "hr",
    "1.2.398.3.3.4.1.2.5": "employee",
}
ROLE_OIDS = {name: oid for oid, name in ROLES.items()}
SIGNING_ROLES = frozenset({"first_head", "sign_right"})  # may sign for the organisation
OCSP_SIGNING = "1.3.6.1.5.5.7.3.9"

OCSP_MODES = ("off", "prefer", "require")
CLOCK_SKEW = timedelta(minutes=5)
MAX_CHAIN = 6
MAX_OCSP_RESPONSE = 1 << 20

_ATTRIBUTE_NAMES = {"2.5.4.3": "CN", "2.5.4.4": "SURNAME", SERIAL_NUMBER: "SERIALNUMBER",
                    "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.10": "O",
                    ORGANIZATIONAL_UNIT: "OU", "2.5.4.42": "G", "1.2.840.113549.1.9.1": "E",
                    "0.9.2342.19200300.100.1.25": "DC", "2.5.4.15": "BC"}

# -- Messages (a lawyer reads them; the app translates them) -----------------------------------

MSG_UNREADABLE = N_("The electronic signature could not be read: it is not a detached CMS "
                    "signature (PKCS#7) of one signer with the signer's certificate.")
MSG_NOT_THIS_DOCUMENT = N_("The electronic signature does not match this document: the document "
                           "was changed after it was signed, or the signature was made for "
                           "another document.")
MSG_NO_SIGNED_ATTRIBUTES = N_("The electronic signature carries no signed attributes (content "
                              "type, signing time, document digest), so it is not accepted.")
MSG_ALGORITHM = N_("The electronic signature uses an algorithm this service does not accept "
                   "(accepted: RSA with SHA-256 and GOST 34.10-2015 with Streebog).")
MSG_FUTURE = N_("The electronic signature states a signing time (%(signed_at)s) that has not "
                "come yet.")
MSG_TOO_EARLY = N_("The electronic signature states a signing time (%(signed_at)s) before the "
                   "document existed (%(earliest)s).")
MSG_UNTRUSTED = N_("The signing certificate was not issued by a certification authority this "
                   "service trusts (issuer: %(issuer)s).")
MSG_EXPIRED = N_("The signing certificate was not valid at the time of signing (%(signed_at)s): "
                 "it is valid from %(not_before)s to %(not_after)s.")
MSG_CA_EXPIRED = N_("The certificate of the issuing authority %(subject)s was not valid at the "
                    "time of signing (%(signed_at)s): it is valid from %(not_before)s to "
                    "%(not_after)s.")
MSG_AUTH_KEY = N_("The signature was made with an authentication key (AUTH), which the law does "
                  "not allow for signing documents; sign with the signing key (RSA or GOST).")
MSG_NOT_SIGNING_KEY = N_("The signing certificate does not allow signing documents (its key "
                         "usage lacks digital signature and non-repudiation).")
MSG_OTHER_PERSON = N_("The signature was made with the certificate of another person "
                      "(IIN %(found)s), not of the signer (IIN %(expected)s).")
MSG_NO_IIN = N_("The signing certificate does not name a person by IIN, so it cannot be the "
                "signer's (IIN %(expected)s).")
MSG_OTHER_ORGANISATION = N_("The signing certificate belongs to another organisation "
                            "(BIN %(found)s), not to the signing organisation (BIN %(expected)s).")
MSG_NO_BIN = N_("The signing certificate is a personal one without an organisation's BIN, so it "
                "cannot sign for the organisation (BIN %(expected)s).")
MSG_NO_SIGNING_ROLE = N_("The signing certificate does not give the right to sign for the "
                         "organisation: it must be the first head's or carry the right to sign "
                         "(its roles: %(roles)s).")
MSG_REVOKED = N_("The signing certificate was revoked on %(revoked_at)s; a signature made with it "
                 "is not accepted.")
MSG_OCSP_UNAVAILABLE = N_("The revocation status of the signing certificate could not be checked: "
                          "the certification authority's OCSP service did not answer. Try again "
                          "later.")


class EdsError(Exception):
    """A signature refused: ``code`` (API.md), ``message`` (English, translatable), ``params``.

    ``message`` is a ``workflows.errors.Text``: the English sentence, keeping its template and
    params so a page can show it in the reader's language.
    """

    def __init__(self, code: str, template: str, **params: object) -> None:
        self.code = code
        self.params = {k: _param(v) for k, v in params.items()}
        self.message = Text(template, **self.params)
        super().__init__(self.message)


def _param(value: object) -> object:
    return _when(value) if isinstance(value, datetime) else value


def _when(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    serial: str  # hexadecimal, lower case, no leading zeros (as NCA shows it)
    issuer: str
    not_before: datetime
    not_after: datetime
    iin: str | None
    bin: str | None
    roles: tuple[str, ...]  # e.g. ("individual",) / ("organization", "first_head")
    algorithm: str  # "RSA-SHA256", "GOST34.10-2015-256", "GOST34.10-2015-512"
    key_usage: str  # "sign", "auth" or "other"
    der: bytes  # the signer's certificate


@dataclass(frozen=True)
class VerifiedSignature:
    certificate: CertificateInfo
    signed_at: datetime | None  # the signing-time signed attribute
    ocsp_response: bytes | None  # the raw OCSP response, when one was asked and answered


# -- ASN.1 shapes asn1crypto does not know ----------------------------------------------------

class _AlgorithmIdentifier(a_core.Sequence):
    _fields = [("algorithm", a_core.ObjectIdentifier), ("parameters", a_core.Any, {"optional": True})]


class _SubjectPublicKeyInfo(a_core.Sequence):
    _fields = [("algorithm", _AlgorithmIdentifier), ("public_key", a_core.OctetBitString)]


class GostKeyParameters(a_core.Sequence):
    _fields = [("public_key_param_set", a_core.ObjectIdentifier),
               ("digest_param_set", a_core.ObjectIdentifier, {"optional": True}),
               ("encryption_param_set", a_core.ObjectIdentifier, {"optional": True})]


# -- Digests and signatures -------------------------------------------------------------------

def streebog(data: bytes, size: int) -> bytes:
    """Streebog (GOST 34.11-2012) of ``data``, ``size`` 32 or 64 bytes, in the usual byte order."""
    return bytes(gosthash.new("streebog256" if size == 32 else "streebog512", data=data).digest())


def _digest(oid: str, data: bytes) -> bytes:
    if oid in SHA_DIGESTS:
        return hashlib.new(SHA_DIGESTS[oid], data).digest()
    if oid in GOST_DIGESTS:
        return streebog(data, GOST_DIGESTS[oid])
    raise _Unsupported(oid)


class _Unsupported(Exception):
    pass


@cache
def gost_curve(name: str) -> gostsignature.GOST34102012:
    """gostcrypto's signature object for a curve (building one checks the curve: cache it)."""
    mode = gostsignature.MODE_256 if "256" in name else gostsignature.MODE_512
    return gostsignature.new(mode, gostsignature.CURVES_R_1323565_1_024_2019[name])


@dataclass(frozen=True)
class GostPublicKey:
    size: int  # 32 or 64
    curve: str  # gostcrypto curve name
    x: int
    y: int


def _gost_public_key(spki: _SubjectPublicKeyInfo) -> GostPublicKey:
    size = GOST_KEYS[spki["algorithm"]["algorithm"].dotted]
    curve = GOST_DEFAULT_CURVE[size]
    params = spki["algorithm"]["parameters"]
    raw_params = params.dump() if isinstance(params, a_core.Any) else b""
    if raw_params[:1] == b"\x30":
        curve = GOST_CURVES.get(GostKeyParameters.load(raw_params)["public_key_param_set"].dotted, curve)
    elif raw_params[:1] == b"\x06":
        curve = GOST_CURVES.get(a_core.ObjectIdentifier.load(raw_params).dotted, curve)
    if ("256" in curve) != (size == 32):
        raise _Unsupported(curve)
    bits = spki["public_key"].native
    if len(bits) != 2 * size:  # usually an OCTET STRING inside the BIT STRING
        bits = a_core.OctetString.load(bits).native
    if len(bits) != 2 * size:
        raise _Unsupported("GOST key length")
    # little-endian halves: LE(x) || LE(y)
    return GostPublicKey(size, curve, int.from_bytes(bits[:size], "little"),
                         int.from_bytes(bits[size:], "little"))


def _gost_rs(signature: bytes, size: int) -> list[tuple[int, int]]:
    """The (r, s) a signature value may mean: NCA's LE(r) || LE(s) first, then RFC 4491's BE(s) || BE(r)."""
    if len(signature) != 2 * size:
        return []
    nca = (int.from_bytes(signature[:size], "little"), int.from_bytes(signature[size:], "little"))
    rfc = (int.from_bytes(signature[size:], "big"), int.from_bytes(signature[:size], "big"))
    return [nca] if nca == rfc else [nca, rfc]


def gost_verify(key: GostPublicKey, data: bytes, signature: bytes) -> bool:
    """Whether ``signature`` is a GOST 34.10-2015 signature of ``data`` (Streebog of the key's size)."""
    curve = gost_curve(key.curve)
    n = key.size
    p, a, b, q = (gostsignature.CURVES_R_1323565_1_024_2019[key.curve].get(k) for k in "pabq")
    if "a" not in gostsignature.CURVES_R_1323565_1_024_2019[key.curve]:  # twisted Edwards form
        p, a, b, q = curve._p, curve._a, curve._b, curve._q  # noqa: SLF001 - converted by gostcrypto
    if not (0 < key.x < p and 0 < key.y < p) or (key.y * key.y - key.x ** 3 - a * key.x - b) % p:
        return False  # not a point of the curve
    e = streebog(data, n)[::-1]  # the digest is a little-endian number; gostcrypto reads big-endian
    public = key.x.to_bytes(n, "big") + key.y.to_bytes(n, "big")
    for r, s in _gost_rs(signature, n):
        if not (0 < r < q and 0 < s < q):
            continue
        try:
            if curve.verify(bytearray(public), bytearray(e), bytearray(r.to_bytes(n, "big") + s.to_bytes(n, "big"))):
                return True
        except gostsignature.GOSTSignatureError:
            continue
    return False


def _verify_with(spki_der: bytes, algorithm: str, data: bytes, signature: bytes,
                 digest: str | None = None) -> tuple[bool, str]:
    """Verify ``signature`` of ``data`` with the key ``spki_der``; (ok, algorithm name).

    ``algorithm`` is the signature algorithm OID; ``digest`` the digest OID for a CMS signer
    whose signature algorithm is the bare key algorithm (rsaEncryption). Raises _Unsupported.
    """
    spki = _SubjectPublicKeyInfo.load(spki_der)
    key_oid = spki["algorithm"]["algorithm"].dotted
    if key_oid == RSA_KEY:
        if algorithm in RSA_SIGNATURES:
            hash_name = RSA_SIGNATURES[algorithm]
        elif algorithm == RSA_KEY and digest in SHA_DIGESTS:
            hash_name = SHA_DIGESTS[digest]
        else:
            raise _Unsupported(algorithm)
        try:
            public = serialization.load_der_public_key(spki_der)
        except (ValueError, UnsupportedAlgorithm) as exc:
            raise _Unsupported(key_oid) from exc
        if not isinstance(public, rsa.RSAPublicKey) or public.key_size < 2048:
            raise _Unsupported(key_oid)
        try:
            public.verify(signature, data, padding.PKCS1v15(), getattr(hashes, hash_name.upper())())
        except InvalidSignature:
            return False, "RSA-" + hash_name.upper()
        return True, "RSA-" + hash_name.upper()
    if key_oid in GOST_KEYS:
        key = _gost_public_key(spki)
        if GOST_SIGNATURES.get(algorithm) != key.size or (
                digest is not None and GOST_DIGESTS.get(digest) != key.size):
            raise _Unsupported(algorithm)
        return gost_verify(key, data, signature), ALGORITHM_NAMES[key.size]
    raise _Unsupported(key_oid)


# -- Certificates ----------------------------------------------------------------------------

def _spki_der(cert: a_x509.Certificate) -> bytes:
    return cert["tbs_certificate"]["subject_public_key_info"].dump()


def _fingerprint(cert: a_x509.Certificate) -> bytes:
    return hashlib.sha256(cert.dump()).digest()


def name_string(name: a_x509.Name) -> str:
    """A name as NCALayer shows it: in the certificate's order (CN first), RFC 4514 escaping."""
    parts = []
    for rdn in name.chosen:
        values = []
        for attribute in rdn:
            label = _ATTRIBUTE_NAMES.get(attribute["type"].dotted, attribute["type"].dotted)
            value = attribute["value"].native
            value = value if isinstance(value, str) else str(value)
            escaped = "".join("\\" + c if c in ',+"\\<>;=' else c for c in value)
            if escaped.startswith(("#", " ")):
                escaped = "\\" + escaped
            values.append(f"{label}={escaped}")
        parts.append("+".join(values))
    return ", ".join(parts)


def _attributes(name: a_x509.Name, oid: str) -> list[str]:
    return [str(a["value"].native) for rdn in name.chosen for a in rdn if a["type"].dotted == oid]


def _validity(cert: a_x509.Certificate) -> tuple[datetime, datetime]:
    validity = cert["tbs_certificate"]["validity"]
    return validity["not_before"].native, validity["not_after"].native


def _key_usage(cert: a_x509.Certificate) -> str:
    usage = cert.key_usage_value
    bits = set(usage.native) if usage is not None else set()
    if {"digital_signature", "non_repudiation"} <= bits:
        return "sign"
    if {"digital_signature", "key_encipherment"} <= bits:
        return "auth"
    return "other"


def _roles(cert: a_x509.Certificate) -> tuple[str, ...]:
    eku = cert.extended_key_usage_value
    oids = [purpose.dotted for purpose in eku] if eku is not None else []
    return tuple(ROLES[oid] for oid in oids if oid in ROLES)


def _is_ca(cert: a_x509.Certificate) -> bool:
    constraints = cert.basic_constraints_value
    if constraints is None or not constraints["ca"].native:
        return False
    usage = cert.key_usage_value
    return usage is None or "key_cert_sign" in set(usage.native)


def certificate_info(cert: a_x509.Certificate, algorithm: str) -> CertificateInfo:
    serials = _attributes(cert.subject, SERIAL_NUMBER)
    units = _attributes(cert.subject, ORGANIZATIONAL_UNIT)
    iin = next((s[3:] for s in serials if s.upper().startswith("IIN")), None)
    bin_ = next((s[3:] for s in serials + units if s.upper().startswith("BIN")), None)
    not_before, not_after = _validity(cert)
    return CertificateInfo(
        subject=name_string(cert.subject), serial=format(cert.serial_number, "x"),
        issuer=name_string(cert.issuer), not_before=not_before, not_after=not_after,
        iin=iin, bin=bin_, roles=_roles(cert), algorithm=algorithm, key_usage=_key_usage(cert),
        der=cert.dump())


class TrustStore:
    """Trust anchors (self-issued certificates) and intermediates, from PEM."""

    def __init__(self, certificates: Iterable[bytes]) -> None:
        self.roots: list[a_x509.Certificate] = []
        self.intermediates: list[a_x509.Certificate] = []
        for der in certificates:
            cert = a_x509.Certificate.load(der, strict=True)
            (self.roots if cert.subject == cert.issuer else self.intermediates).append(cert)
        if not self.roots:
            raise ValueError("the trust store has no root certificate")
        self._root_fingerprints = {_fingerprint(c) for c in self.roots}
        self._verified: set[tuple[bytes, bytes]] = set()  # (child, issuer) signatures checked
        self._lock = threading.Lock()

    @classmethod
    def from_pem(cls, data: bytes) -> TrustStore:
        return cls(der for kind, _headers, der in a_pem.unarmor(data, multiple=True)
                   if kind == "CERTIFICATE")

    @classmethod
    def from_pem_file(cls, path: str) -> TrustStore:
        with open(path, "rb") as handle:
            return cls.from_pem(handle.read())

    def is_root(self, cert: a_x509.Certificate) -> bool:
        return _fingerprint(cert) in self._root_fingerprints

    def issued_by(self, child: a_x509.Certificate, issuer: a_x509.Certificate) -> bool:
        """Whether ``issuer``'s key verifies ``child``'s signature (remembered once true)."""
        key = (_fingerprint(child), _fingerprint(issuer))
        if key in self._verified:
            return True
        try:
            ok, _ = _verify_with(_spki_der(issuer), child["signature_algorithm"]["algorithm"].dotted,
                                 child["tbs_certificate"].dump(), child["signature_value"].native)
        except (_Unsupported, ValueError, TypeError, KeyError):
            return False
        if ok:
            with self._lock:
                self._verified.add(key)
        return ok

    def chain(self, leaf: a_x509.Certificate, pool: list[a_x509.Certificate]) -> list[a_x509.Certificate]:
        """The path from ``leaf`` to a root of this store, through this store's or ``pool``'s certificates."""
        candidates = self.roots + self.intermediates + pool
        path = [leaf]
        current = leaf
        for _ in range(MAX_CHAIN):
            if self.is_root(current):
                return path
            issuer = next((c for c in candidates if _may_issue(c, current) and self.issued_by(current, c)), None)
            if issuer is None:
                break
            path.append(issuer)
            current = issuer
        raise EdsError("certificate_untrusted", MSG_UNTRUSTED, issuer=name_string(leaf.issuer))


def _may_issue(candidate: a_x509.Certificate, child: a_x509.Certificate) -> bool:
    if candidate.dump() == child.dump() or candidate.subject != child.issuer or not _is_ca(candidate):
        return False
    wanted, offered = child.authority_key_identifier, candidate.key_identifier
    return wanted is None or offered is None or wanted == offered


# -- CMS ----------------------------------------------------------------------------------------

def _touch(cert: a_x509.Certificate) -> None:
    """Parse what the checks read of a certificate (not its key: asn1crypto knows no GOST key)."""
    for name in (cert.subject, cert.issuer):
        name_string(name)
    _validity(cert)
    cert.key_usage_value, cert.extended_key_usage_value, cert.basic_constraints_value  # noqa: B018
    cert.key_identifier, cert.authority_key_identifier, cert.ocsp_urls  # noqa: B018
    cert["signature_algorithm"]["algorithm"].dotted, cert["signature_value"].native  # noqa: B018
    cert.serial_number  # noqa: B018


def _unreadable() -> EdsError:
    return EdsError("signature_invalid", MSG_UNREADABLE)


def _parse(cms_der: bytes) -> tuple[a_cms.SignerInfo, a_x509.Certificate, list[a_x509.Certificate], bytes | None]:
    try:
        info = a_cms.ContentInfo.load(bytes(cms_der), strict=True)
        if info["content_type"].native != "signed_data":
            raise _unreadable()
        signed = info["content"]
        signers = list(signed["signer_infos"])
        if len(signers) != 1:
            raise _unreadable()
        signer = signers[0]
        certificates = [c.chosen for c in signed["certificates"] if c.name == "certificate"] \
            if isinstance(signed["certificates"], a_cms.CertificateSet) else []
        encapsulated = signed["encap_content_info"]
        attached = encapsulated["content"].native if encapsulated["content"] is not None \
            and not isinstance(encapsulated["content"], a_core.Void) else None
        sid = signer["sid"]
        if sid.name == "issuer_and_serial_number":
            issuer, serial = sid.chosen["issuer"], sid.chosen["serial_number"].native
            leaf = next((c for c in certificates if c.issuer == issuer and c.serial_number == serial), None)
        else:
            ski = sid.chosen.native
            leaf = next((c for c in certificates if c.key_identifier == ski), None)
        if leaf is None:
            raise _unreadable()
        for c in certificates:  # parse now, so that a malformed certificate is refused here
            _touch(c)
        return signer, leaf, [c for c in certificates if c is not leaf], attached
    except EdsError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError) as exc:
        raise _unreadable() from exc


def _signed_attributes(signer: a_cms.SignerInfo) -> tuple[bytes, dict[str, list]]:
    attrs = signer["signed_attrs"]
    if isinstance(attrs, a_core.Void) or not len(attrs):
        raise EdsError("signature_invalid", MSG_NO_SIGNED_ATTRIBUTES)
    raw = attrs.dump()
    signed_bytes = b"\x31" + raw[1:]  # [0] IMPLICIT -> SET OF, as signed
    values: dict[str, list] = {}
    for attribute in attrs:
        kind = attribute["type"].dotted
        if kind in values:  # each attribute once (RFC 5652 5.3)
            raise _unreadable()
        values[kind] = list(attribute["values"])
    return signed_bytes, values


CONTENT_TYPE, MESSAGE_DIGEST, SIGNING_TIME = "1.2.840.113549.1.9.3", "1.2.840.113549.1.9.4", "1.2.840.113549.1.9.5"
DATA = "1.2.840.113549.1.7.1"


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# -- OCSP ------------------------------------------------------------------------------------

def _ocsp(leaf: a_x509.Certificate, issuer: a_x509.Certificate, trust: TrustStore, mode: str,
          timeout: float) -> bytes | None:
    """Ask the OCSP responder of the leaf's AIA; the raw response, or None when not answered (prefer)."""
    try:
        raw, status = _ask_ocsp(leaf, issuer, trust, timeout)
    except _NoAnswer:
        if mode == "require":
            raise EdsError("ocsp_unavailable", MSG_OCSP_UNAVAILABLE) from None
        return None
    if status is not None:
        raise EdsError("certificate_revoked", MSG_REVOKED, revoked_at=status)
    return raw


class _NoAnswer(Exception):
    pass


def _ask_ocsp(leaf, issuer, trust: TrustStore, timeout: float) -> tuple[bytes, datetime | None]:
    urls = [u for u in leaf.ocsp_urls if u.lower().startswith(("http://", "https://"))]
    if not urls:
        raise _NoAnswer()
    name_hash = hashlib.sha1(issuer["tbs_certificate"]["subject"].dump()).digest()  # noqa: S324 - OCSP CertID
    key_hash = hashlib.sha1(_SubjectPublicKeyInfo.load(_spki_der(issuer))["public_key"].native).digest()  # noqa: S324
    request = a_ocsp.OCSPRequest({"tbs_request": {"request_list": [{"req_cert": {
        "hash_algorithm": {"algorithm": "sha1"}, "issuer_name_hash": name_hash,
        "issuer_key_hash": key_hash, "serial_number": leaf.serial_number}}]}}).dump()
    for url in urls:
        try:
            http = urllib.request.Request(url, data=request, method="POST",
                                          headers={"Content-Type": "application/ocsp-request"})
            with urllib.request.urlopen(http, timeout=timeout) as answer:  # noqa: S310 - scheme checked
                raw = answer.read(MAX_OCSP_RESPONSE + 1)
            if len(raw) > MAX_OCSP_RESPONSE:
                continue
            return raw, _ocsp_status(raw, leaf, issuer, trust, name_hash, key_hash)
        except (OSError, urllib.error.URLError, ValueError, TypeError, KeyError, _NoAnswer):
            continue
    raise _NoAnswer()


def _ocsp_status(raw: bytes, leaf, issuer, trust: TrustStore, name_hash: bytes,
                 key_hash: bytes) -> datetime | None:
    """The revocation time, or None when good; _NoAnswer when the response proves nothing."""
    response = a_ocsp.OCSPResponse.load(raw, strict=True)
    if response["response_status"].native != "successful":
        raise _NoAnswer()
    basic = response["response_bytes"]["response"].parsed
    data = basic["tbs_response_data"]
    responder = _ocsp_responder(basic, issuer, trust)
    ok, _ = _verify_with(_spki_der(responder), basic["signature_algorithm"]["algorithm"].dotted,
                         data.dump(), basic["signature"].native)
    if not ok:
        raise _NoAnswer()
    now = datetime.now(UTC)
    for single in data["responses"]:
        cert_id = single["cert_id"]
        algorithm = cert_id["hash_algorithm"]["algorithm"].native
        if cert_id["serial_number"].native != leaf.serial_number:
            continue
        expected = (name_hash, key_hash) if algorithm == "sha1" else (
            hashlib.new(algorithm, issuer["tbs_certificate"]["subject"].dump()).digest(),
            hashlib.new(algorithm, _SubjectPublicKeyInfo.load(_spki_der(issuer))["public_key"].native).digest())
        if (cert_id["issuer_name_hash"].native, cert_id["issuer_key_hash"].native) != expected:
            continue
        this_update, next_update = single["this_update"].native, single["next_update"].native
        if this_update > now + CLOCK_SKEW or (next_update is not None and next_update < now - CLOCK_SKEW):
            raise _NoAnswer()
        status = single["cert_status"]
        if status.name == "revoked":
            return status.chosen["revocation_time"].native
        if status.name == "good":
            return None
        raise _NoAnswer()  # unknown
    raise _NoAnswer()


def _ocsp_responder(basic, issuer: a_x509.Certificate, trust: TrustStore) -> a_x509.Certificate:
    """The certificate that signed an OCSP response: the issuer, or one it delegated OCSP signing to."""
    responder_id = basic["tbs_response_data"]["responder_id"]

    def named(cert: a_x509.Certificate) -> bool:
        if responder_id.name == "by_name":
            return cert.subject == responder_id.chosen
        key = _SubjectPublicKeyInfo.load(_spki_der(cert))["public_key"].native
        return hashlib.sha1(key).digest() == responder_id.chosen.native  # noqa: S324

    if named(issuer):
        return issuer
    for cert in basic["certs"] if isinstance(basic["certs"], a_core.SequenceOf) else []:
        eku = cert.extended_key_usage_value
        if named(cert) and eku is not None and OCSP_SIGNING in [p.dotted for p in eku] \
                and cert.issuer == issuer.subject and trust.issued_by(cert, issuer):
            return cert
    raise _NoAnswer()


# -- The verifier ----------------------------------------------------------------------------

def verify_detached(cms_der: bytes, content: bytes, *, trust: TrustStore, expected_iin: str | None,
                    expected_bin: str | None = None, now: datetime | None = None,
                    ocsp: str = "off", ocsp_timeout: float = 5.0,
                    earliest: datetime | None = None) -> VerifiedSignature:
    """Verify a detached CMS signature of ``content``; the certificate it was made with, or EdsError.

    ``now``: the time to check the certificates at when the CMS has no signing time (default:
    the current time); a signing time later than ``now`` is refused. ``earliest``: optional, the
    time the document came to exist; a signing time before it is refused (a signer cannot make
    an expired certificate look valid by dating the signature back past the document).
    """
    if ocsp not in OCSP_MODES:
        raise ValueError(f"ocsp must be one of {OCSP_MODES}, not {ocsp!r}")
    now = _aware(now) if now is not None else datetime.now(UTC)
    signer, leaf, others, attached = _parse(cms_der)
    if attached is not None and attached != content:
        raise EdsError("signature_invalid", MSG_NOT_THIS_DOCUMENT)

    # 2. the signed attributes bind this content
    signed_bytes, attributes = _signed_attributes(signer)
    digest_oid = signer["digest_algorithm"]["algorithm"].dotted
    try:
        content_types = attributes.get(CONTENT_TYPE, [])
        digests = attributes.get(MESSAGE_DIGEST, [])
        if len(content_types) != 1 or content_types[0].dotted != DATA or len(digests) != 1:
            raise _unreadable()
        expected_digest = _digest(digest_oid, content)
    except _Unsupported:
        raise EdsError("signature_invalid", MSG_ALGORITHM) from None
    if not hmac.compare_digest(bytes(digests[0].native), expected_digest):
        raise EdsError("signature_invalid", MSG_NOT_THIS_DOCUMENT)
    signed_at = None
    if SIGNING_TIME in attributes:
        times = attributes[SIGNING_TIME]
        if len(times) != 1:
            raise _unreadable()
        signed_at = _aware(times[0].native)
        if signed_at > now + CLOCK_SKEW:
            raise EdsError("signature_invalid", MSG_FUTURE, signed_at=signed_at)
        if earliest is not None and signed_at < _aware(earliest) - CLOCK_SKEW:
            raise EdsError("signature_invalid", MSG_TOO_EARLY, signed_at=signed_at, earliest=earliest)

    # 3. the signature over the signed attributes
    try:
        ok, algorithm = _verify_with(_spki_der(leaf), signer["signature_algorithm"]["algorithm"].dotted,
                                     signed_bytes, signer["signature"].native, digest=digest_oid)
    except (_Unsupported, ValueError) as exc:
        raise EdsError("signature_invalid", MSG_ALGORITHM) from exc
    if not ok:
        raise EdsError("signature_invalid", MSG_NOT_THIS_DOCUMENT)

    # 4. the chain; 5. validity at the signing time
    chain = trust.chain(leaf, others)
    at = signed_at or now
    for position, cert in enumerate(chain):
        not_before, not_after = _validity(cert)
        if not (not_before <= at <= not_after):
            if position == 0:
                raise EdsError("certificate_expired", MSG_EXPIRED, signed_at=at,
                               not_before=not_before, not_after=not_after)
            raise EdsError("certificate_expired", MSG_CA_EXPIRED, subject=name_string(cert.subject),
                           signed_at=at, not_before=not_before, not_after=not_after)

    # 6. a signing key; 7. the signer and the organisation
    info = certificate_info(leaf, algorithm)
    if info.key_usage == "auth":
        raise EdsError("wrong_key_usage", MSG_AUTH_KEY)
    if info.key_usage != "sign" or _is_ca(leaf):
        raise EdsError("wrong_key_usage", MSG_NOT_SIGNING_KEY)
    if expected_iin is not None:
        if info.iin is None:
            raise EdsError("signer_mismatch", MSG_NO_IIN, expected=expected_iin)
        if info.iin != expected_iin:
            raise EdsError("signer_mismatch", MSG_OTHER_PERSON, found=info.iin, expected=expected_iin)
    if expected_bin is not None:
        if info.bin is None:
            raise EdsError("not_authorised_for_organisation", MSG_NO_BIN, expected=expected_bin)
        if info.bin != expected_bin:
            raise EdsError("not_authorised_for_organisation", MSG_OTHER_ORGANISATION,
                           found=info.bin, expected=expected_bin)
        if not SIGNING_ROLES & set(info.roles):
            raise EdsError("not_authorised_for_organisation", MSG_NO_SIGNING_ROLE,
                           roles=", ".join(info.roles) or "-")

    # 8. revocation
    response = None
    if ocsp != "off":
        response = _ocsp(leaf, chain[1] if len(chain) > 1 else leaf, trust, ocsp, ocsp_timeout)
    return VerifiedSignature(certificate=info, signed_at=signed_at, ocsp_response=response)
