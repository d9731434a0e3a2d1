"""A test PKI shaped like NCA RK's, a detached CMS signer and a real OCSP responder, for the tests.

``make_pki(tmp_path)`` gives a ``Pki`` with an RSA root and intermediate and a GOST root (512) and
intermediate (256), written to ``pki.trust_pem_path``. ``pki.person(iin, name, ...)`` issues an
end-entity certificate like NCA's (``SERIALNUMBER=IIN…``, ``OU=BIN…``, ``O``, ``CN``, ``C=KZ``;
signing or AUTH key usage; the role OIDs in the extended key usage; the OCSP URL in AIA) and
returns a ``Person`` whose ``sign_detached(content)`` gives a DER CMS SignedData.
``with pki.ocsp_responder() as url:`` answers OCSP on 127.0.0.1 with cryptography's responses.

The CA keys and certificates are made once per process (GOST in pure Python is slow) and
shared by every Pki unless ``make_pki(..., shared=False)``; end-entity keys are reused too.
"""
from __future__ import annotations

import contextlib
import hashlib
import http.server
import os
import socket
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from asn1crypto import algos as a_algos
from asn1crypto import cms as a_cms
from asn1crypto import core as a_core
from asn1crypto import x509 as a_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier
from gostcrypto import gostsignature

from consortium.eds import verify as v

GOST_PARAMS = {32: "1.2.643.2.2.35.1", 64: "1.2.643.7.1.2.1.2.1"}  # CryptoPro-A 256, TC26-A 512
GOST_DIGEST_PARAMS = {32: "1.2.643.7.1.1.2.2", 64: "1.2.643.7.1.1.2.3"}


# -- Keys ------------------------------------------------------------------------------------

class RsaKey:
    algorithm = "rsa"

    def __init__(self) -> None:
        self.private = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def spki(self) -> bytes:
        return self.private.public_key().public_bytes(serialization.Encoding.DER,
                                                      serialization.PublicFormat.SubjectPublicKeyInfo)

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data, padding.PKCS1v15(), hashes.SHA256())

    sign_oid = "1.2.840.113549.1.1.11"
    cms_sign_oid = v.RSA_KEY  # rsaEncryption, as BouncyCastle writes it in SignerInfo
    digest_oid = "2.16.840.1.101.3.4.2.1"

    def digest(self, data: bytes) -> bytes:
        return hashlib.sha256(data).digest()


class GostKey:
    algorithm = "gost"

    def __init__(self, size: int) -> None:
        self.size = size
        self.curve = v.GOST_CURVES[GOST_PARAMS[size]]
        q = gostsignature.CURVES_R_1323565_1_024_2019[self.curve]["q"]
        self.d = int.from_bytes(os.urandom(size + 8), "big") % (q - 1) + 1
        public = v.gost_curve(self.curve).public_key_generate(bytearray(self.d.to_bytes(size, "big")))
        self.x = int.from_bytes(public[:size], "big")
        self.y = int.from_bytes(public[size:], "big")
        self.sign_oid = self.cms_sign_oid = v.GOST_SIGN_256 if size == 32 else v.GOST_SIGN_512
        self.digest_oid = v.GOST_DIGEST_256 if size == 32 else v.GOST_DIGEST_512

    def public_bits(self) -> bytes:
        """NCA's layout: LE(x) || LE(y), in an OCTET STRING."""
        return a_core.OctetString(self.x.to_bytes(self.size, "little") + self.y.to_bytes(self.size, "little")).dump()

    def spki(self) -> bytes:
        params = v.GostKeyParameters({"public_key_param_set": GOST_PARAMS[self.size],
                                      "digest_param_set": GOST_DIGEST_PARAMS[self.size]})
        return v._SubjectPublicKeyInfo({  # noqa: SLF001
            "algorithm": {"algorithm": v.GOST_KEY_256 if self.size == 32 else v.GOST_KEY_512,
                          "parameters": a_core.Any.load(params.dump())},
            "public_key": self.public_bits()}).dump()

    def sign(self, data: bytes, *, layout: str = "nca") -> bytes:
        e = v.streebog(data, self.size)[::-1]  # little-endian number, big-endian for gostcrypto
        rs = v.gost_curve(self.curve).sign(bytearray(self.d.to_bytes(self.size, "big")), bytearray(e))
        r, s = int.from_bytes(rs[:self.size], "big"), int.from_bytes(rs[self.size:], "big")
        if layout == "rfc4491":
            return s.to_bytes(self.size, "big") + r.to_bytes(self.size, "big")
        return r.to_bytes(self.size, "little") + s.to_bytes(self.size, "little")

    def digest(self, data: bytes) -> bytes:
        return v.streebog(data, self.size)


@cache
def _leaf_key(algorithm: str):
    return {"rsa": RsaKey, "gost256": lambda: GostKey(32), "gost512": lambda: GostKey(64)}[algorithm]()


def _new_key(algorithm: str):
    return {"rsa": RsaKey, "gost256": lambda: GostKey(32), "gost512": lambda: GostKey(64)}[algorithm]()


# -- Certificates ----------------------------------------------------------------------------

_DUMMY = None


def _dummy() -> rsa.RSAPrivateKey:
    global _DUMMY  # noqa: PLW0603
    if _DUMMY is None:
        _DUMMY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return _DUMMY


@dataclass
class Ca:
    name: x509.Name
    key: object
    der: bytes
    ski: bytes


def _ski(key) -> bytes:
    spki = v._SubjectPublicKeyInfo.load(key.spki())  # noqa: SLF001
    return hashlib.sha1(spki["public_key"].native).digest()  # noqa: S324


def issue(subject: x509.Name, key, issuer: Ca | None, *, serial: int | None = None,
          not_before: datetime | None = None, not_after: datetime | None = None, ca: bool = False,
          key_usage: str = "sign", roles: tuple[str, ...] = (), ocsp_url: str | None = None,
          ocsp_signing: bool = False) -> bytes:
    """A certificate for ``key`` signed by ``issuer`` (self-signed when None), RSA or GOST."""
    now = datetime.now(UTC)
    not_before = not_before or now - timedelta(days=1)
    not_after = not_after or now + timedelta(days=365)
    signer_key = issuer.key if issuer else key
    builder = (x509.CertificateBuilder()
               .subject_name(subject).issuer_name(issuer.name if issuer else subject)
               .serial_number(serial or x509.random_serial_number())
               .not_valid_before(not_before).not_valid_after(not_after)
               .public_key(key.private.public_key() if key.algorithm == "rsa" else _dummy().public_key())
               .add_extension(x509.SubjectKeyIdentifier(_ski(key)), critical=False))
    if issuer:
        builder = builder.add_extension(x509.AuthorityKeyIdentifier(issuer.ski, None, None), critical=False)
    usage = dict(digital_signature=False, content_commitment=False, key_encipherment=False,
                 data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                 encipher_only=False, decipher_only=False)
    if ca:
        usage.update(key_cert_sign=True, crl_sign=True)
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    elif key_usage == "sign":
        usage.update(digital_signature=True, content_commitment=True)
    elif key_usage == "auth":
        usage.update(digital_signature=True, key_encipherment=True)
    elif key_usage == "ocsp":
        usage.update(digital_signature=True)
    builder = builder.add_extension(x509.KeyUsage(**usage), critical=True)
    purposes = [ObjectIdentifier(v.ROLE_OIDS[r]) for r in roles]
    if ocsp_signing:
        purposes.append(ExtendedKeyUsageOID.OCSP_SIGNING)
    elif not ca:
        purposes.append(ExtendedKeyUsageOID.EMAIL_PROTECTION if key_usage == "sign" else ExtendedKeyUsageOID.CLIENT_AUTH)
    if purposes:
        builder = builder.add_extension(x509.ExtendedKeyUsage(purposes), critical=False)
    if ocsp_url:
        builder = builder.add_extension(x509.AuthorityInformationAccess([x509.AccessDescription(
            x509.oid.AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier(ocsp_url))]),
            critical=False)
    cert = builder.sign(signer_key.private if signer_key.algorithm == "rsa" else _dummy(), hashes.SHA256())
    der = cert.public_bytes(serialization.Encoding.DER)
    if key.algorithm == "rsa" and signer_key.algorithm == "rsa":
        return der
    # GOST somewhere: put the GOST key in, name the issuer's algorithm, sign the TBS again
    parsed = a_x509.Certificate.load(der)
    tbs = parsed["tbs_certificate"]
    if key.algorithm != "rsa":
        tbs["subject_public_key_info"] = a_x509.PublicKeyInfo.load(key.spki())
    algorithm = a_x509.SignedDigestAlgorithm({"algorithm": signer_key.sign_oid})
    tbs["signature"] = algorithm
    parsed["signature_algorithm"] = algorithm.copy()
    parsed["signature_value"] = signer_key.sign(tbs.dump())
    return parsed.dump()


def _name(*, cn: str, iin: str | None = None, bin: str | None = None, org: str | None = None,  # noqa: A002
          surname: str | None = None, given: str | None = None) -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, cn)]
    if surname:
        attrs.append(x509.NameAttribute(NameOID.SURNAME, surname))
    if iin:
        attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, "IIN" + iin))
    attrs.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"))
    if org:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    if bin:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "BIN" + bin))
    if given:
        attrs.append(x509.NameAttribute(NameOID.GIVEN_NAME, given))
    return x509.Name(attrs)


@dataclass
class Authorities:
    rsa_root: Ca
    rsa_ca: Ca
    gost_root: Ca
    gost_ca: Ca
    label: str


def _authorities(label: str) -> Authorities:
    def ca(cn: str, key, issuer: Ca | None) -> Ca:
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn),
                          x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ")])
        now = datetime.now(UTC)
        der = issue(name, key, issuer, ca=True, not_before=now - timedelta(days=3650),
                    not_after=now + timedelta(days=3650))
        return Ca(name, key, der, _ski(key))

    rsa_root = ca(f"ҰКО ROOT (RSA) {label}", RsaKey(), None)
    rsa_ca = ca(f"ҰКО (RSA) {label}", RsaKey(), rsa_root)
    gost_root = ca(f"ҰКО ROOT (GOST) {label}", GostKey(64), None)
    gost_ca = ca(f"ҰКО (GOST) {label}", GostKey(32), gost_root)
    return Authorities(rsa_root, rsa_ca, gost_root, gost_ca, label)


@cache
def _shared_authorities() -> Authorities:
    return _authorities("TEST")


# -- CMS ---------------------------------------------------------------------------------------

def sign_detached(content: bytes, key, cert_der: bytes, chain: list[bytes], *,
                  signing_time: datetime | None = None, signed_attributes: bool = True,
                  layout: str = "nca") -> bytes:
    """A DER CMS SignedData over ``content`` (detached), signed attributes as BouncyCastle writes them."""
    cert = a_x509.Certificate.load(cert_der)
    signing_time = signing_time or datetime.now(UTC)
    attrs = a_cms.CMSAttributes([
        a_cms.CMSAttribute({"type": "content_type", "values": ["data"]}),
        a_cms.CMSAttribute({"type": "signing_time", "values": [a_cms.Time({"utc_time": signing_time})]}),
        a_cms.CMSAttribute({"type": "message_digest", "values": [key.digest(content)]}),
    ])
    to_sign = attrs.dump() if signed_attributes else content
    signature = key.sign(to_sign, layout=layout) if key.algorithm == "gost" else key.sign(to_sign)
    signer = {
        "version": "v1",
        "sid": a_cms.SignerIdentifier({"issuer_and_serial_number": {
            "issuer": cert.issuer, "serial_number": cert.serial_number}}),
        "digest_algorithm": a_algos.DigestAlgorithm({"algorithm": key.digest_oid}),
        "signature_algorithm": a_algos.SignedDigestAlgorithm({"algorithm": key.cms_sign_oid}),
        "signature": signature,
    }
    if signed_attributes:
        signer["signed_attrs"] = attrs
    signed = a_cms.SignedData({
        "version": "v1",
        "digest_algorithms": [a_algos.DigestAlgorithm({"algorithm": key.digest_oid})],
        "encap_content_info": {"content_type": "data"},
        "certificates": [a_x509.Certificate.load(d) for d in [cert_der, *chain]],
        "signer_infos": [a_cms.SignerInfo(signer)],
    })
    return a_cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump()


# -- People and the PKI ----------------------------------------------------------------------

@dataclass
class Person:
    iin: str
    name: str
    key: object
    cert_der: bytes
    chain: list[bytes]
    serial: int
    ca: Ca

    def sign_detached(self, content: bytes, signing_time: datetime | None = None, **options) -> bytes:
        return sign_detached(content, self.key, self.cert_der, self.chain, signing_time=signing_time, **options)


@dataclass
class Pki:
    directory: Path
    authorities: Authorities
    port: int
    revoked: dict[int, datetime] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)

    @property
    def ocsp_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/ocsp"

    @property
    def trust_pem_path(self) -> str:
        path = self.directory / "eds-trust.pem"
        if not path.exists():
            a = self.authorities
            path.write_bytes(b"".join(x509.load_der_x509_certificate(c.der).public_bytes(serialization.Encoding.PEM)
                                      if c.key.algorithm == "rsa" else _pem(c.der)
                                      for c in (a.rsa_root, a.rsa_ca, a.gost_root, a.gost_ca)))
        return str(path)

    def trust(self):
        return v.TrustStore.from_pem_file(self.trust_pem_path)

    def person(self, iin: str, name: str, *, bin: str | None = None, role: str = "first_head",  # noqa: A002
               usage: str = "sign", algorithm: str = "rsa", not_before: datetime | None = None,
               not_after: datetime | None = None, revoked: bool = False, issuer: Pki | None = None,
               ocsp_url: str | None = None) -> Person:
        """An NCA-shaped end-entity certificate; ``issuer``: another Pki whose CA issues it."""
        authorities = (issuer or self).authorities
        ca = authorities.rsa_ca if algorithm == "rsa" else authorities.gost_ca
        key = _leaf_key(algorithm)
        surname, _, given = name.partition(" ")
        if bin:
            roles = ("organization", role)
            subject = _name(cn=name.upper(), iin=iin, bin=bin, org=f'ТОО "{bin}"', surname=surname, given=given)
        else:
            roles = ("individual",)
            subject = _name(cn=name.upper(), iin=iin, surname=surname, given=given)
        serial = x509.random_serial_number()
        der = issue(subject, key, ca, serial=serial, not_before=not_before, not_after=not_after,
                    key_usage=usage, roles=roles, ocsp_url=ocsp_url or (issuer or self).ocsp_url)
        if revoked:
            (issuer or self).revoked[serial] = datetime.now(UTC) - timedelta(hours=1)
        person = Person(iin, name, key, der, [ca.der], serial, ca)
        self.people.append(person)
        return person

    @contextlib.contextmanager
    def ocsp_responder(self):
        """A real OCSP responder on 127.0.0.1 for this PKI's CAs (delegated RSA responder certificates)."""
        responders = {}
        for ca in (self.authorities.rsa_ca, self.authorities.gost_ca):
            key = _leaf_key("rsa")
            name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "OCSP " + ca.name.rfc4514_string())])
            cert = x509.load_der_x509_certificate(issue(name, key, ca, ocsp_signing=True, key_usage="ocsp"))
            spki = v._SubjectPublicKeyInfo.load(ca.key.spki())  # noqa: SLF001
            ca_name = a_x509.Certificate.load(ca.der)["tbs_certificate"]["subject"].dump()
            for algorithm, hasher in (("sha1", hashlib.sha1), ("sha256", hashlib.sha256)):
                responders[(algorithm, hasher(ca_name).digest(), hasher(spki["public_key"].native).digest())] = (key, cert)
        pki = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                self.send_response(200)
                self.send_header("Content-Type", "application/ocsp-response")
                answer = pki._answer(body, responders)  # noqa: SLF001
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        http.server.HTTPServer.allow_reuse_address = True
        server = http.server.HTTPServer(("127.0.0.1", self.port), Handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self.ocsp_url
        finally:
            server.shutdown()
            server.server_close()
            thread.join()

    def _answer(self, body: bytes, responders: dict) -> bytes:
        try:
            request = ocsp.load_der_ocsp_request(body)
        except ValueError:
            return ocsp.OCSPResponseBuilder.build_unsuccessful(ocsp.OCSPResponseStatus.MALFORMED_REQUEST).public_bytes(serialization.Encoding.DER)
        algorithm = request.hash_algorithm.name
        found = responders.get((algorithm, request.issuer_name_hash, request.issuer_key_hash))
        if found is None:
            return ocsp.OCSPResponseBuilder.build_unsuccessful(ocsp.OCSPResponseStatus.UNAUTHORIZED).public_bytes(serialization.Encoding.DER)
        key, cert = found
        now = datetime.now(UTC)
        revoked_at = self.revoked.get(request.serial_number)
        builder = ocsp.OCSPResponseBuilder().add_response_by_hash(
            issuer_name_hash=request.issuer_name_hash, issuer_key_hash=request.issuer_key_hash,
            serial_number=request.serial_number, algorithm=request.hash_algorithm,
            cert_status=ocsp.OCSPCertStatus.REVOKED if revoked_at else ocsp.OCSPCertStatus.GOOD,
            this_update=now - timedelta(minutes=1), next_update=now + timedelta(hours=1),
            revocation_time=revoked_at, revocation_reason=None)
        builder = builder.responder_id(ocsp.OCSPResponderEncoding.HASH, cert).certificates([cert])
        return builder.sign(key.private, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def _pem(der: bytes) -> bytes:
    from asn1crypto import pem
    return pem.armor("CERTIFICATE", der)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_pki(tmp_path, *, shared: bool = True) -> Pki:
    """A test PKI under ``tmp_path``; ``shared=False`` makes CAs of its own (another, untrusted, root)."""
    directory = Path(tmp_path)
    directory.mkdir(parents=True, exist_ok=True)
    authorities = _shared_authorities() if shared else _authorities(f"OTHER {os.urandom(3).hex()}")
    return Pki(directory, authorities, _free_port())


def iin(prefix: str) -> str:
    """A valid IIN (or BIN) starting with the eleven digits ``prefix`` (choose one whose check digit exists)."""
    from consortium.eds.ids import check_digit
    digit = check_digit(prefix)
    if digit is None:
        raise ValueError(f"no valid number starts with {prefix}")
    return prefix + str(digit)
