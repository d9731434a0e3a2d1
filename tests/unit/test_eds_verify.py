"""The EDS verifier against a real test PKI (RSA and GOST), real CMS and a real OCSP responder."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from consortium.eds import EdsError, TrustStore, valid_bin, valid_iin, verify_detached
from consortium.eds import verify as v
from tests.eds_pki import GostKey, iin, make_pki

DOCUMENT = "Лицензионный договор № 7 / License agreement No. 7\n".encode() * 20
OTHER_DOCUMENT = DOCUMENT.replace(b"7", b"8")
IIN = iin("90013030012")
OTHER_IIN = iin("85020140034")
BIN = iin("05084000012")
OTHER_BIN = iin("12034000056")


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def trust(pki):
    return TrustStore.from_pem_file(pki.trust_pem_path)


def refused(code, cms, content=DOCUMENT, **kwargs):
    kwargs.setdefault("expected_iin", IIN)
    with pytest.raises(EdsError) as caught:
        verify_detached(cms, content, **kwargs)
    assert caught.value.code == code, caught.value.message
    assert caught.value.message  # a sentence for the lawyer
    return caught.value


def test_valid_rsa_signature_is_accepted_with_the_certificate(pki, trust):
    person = pki.person(IIN, "Иванов Иван")
    result = verify_detached(person.sign_detached(DOCUMENT), DOCUMENT, trust=trust, expected_iin=IIN)
    cert = result.certificate
    assert (cert.iin, cert.bin, cert.roles, cert.algorithm, cert.key_usage) == (
        IIN, None, ("individual",), "RSA-SHA256", "sign")
    assert f"SERIALNUMBER=IIN{IIN}" in cert.subject and "C=KZ" in cert.subject
    assert cert.serial == format(person.serial, "x") and "(RSA)" in cert.issuer
    assert cert.der == person.cert_der and result.ocsp_response is None
    assert abs(result.signed_at - datetime.now(UTC)) < timedelta(minutes=1)


def test_valid_gost_256_signature_of_a_first_head_is_accepted(pki, trust):
    person = pki.person(IIN, "Сейтқали Әсел", bin=BIN, role="first_head", algorithm="gost256")
    result = verify_detached(person.sign_detached(DOCUMENT), DOCUMENT, trust=trust,
                             expected_iin=IIN, expected_bin=BIN)
    assert result.certificate.algorithm == "GOST34.10-2015-256"
    assert (result.certificate.bin, result.certificate.roles) == (BIN, ("organization", "first_head"))
    assert "(GOST)" in result.certificate.issuer


def test_valid_gost_512_signature_is_accepted(pki, trust):
    person = pki.person(IIN, "Иванов Иван", algorithm="gost512")
    result = verify_detached(person.sign_detached(DOCUMENT), DOCUMENT, trust=trust, expected_iin=IIN)
    assert result.certificate.algorithm == "GOST34.10-2015-512"


def test_gost_byte_order_round_trips(pki, trust):
    key = GostKey(32)
    # the public key is LE(x) || LE(y): parsing what the PKI wrote gives the point back
    parsed = v._gost_public_key(v._SubjectPublicKeyInfo.load(key.spki()))  # noqa: SLF001
    assert (parsed.x, parsed.y, parsed.size) == (key.x, key.y, 32)
    assert key.spki() != GostKey(32).spki()
    # the signature is LE(r) || LE(s); RFC 4491's BE(s) || BE(r) is its byte reversal
    nca = key.sign(b"data")
    assert key.sign(b"data", layout="rfc4491") != nca  # a fresh random k, but both verify:
    assert v.gost_verify(parsed, b"data", nca)
    assert v.gost_verify(parsed, b"data", nca[::-1])
    assert not v.gost_verify(parsed, b"datA", nca)
    r, s = v._gost_rs(nca, 32)[0]  # noqa: SLF001
    assert nca == r.to_bytes(32, "little") + s.to_bytes(32, "little")
    # a whole CMS in the RFC 4491 layout verifies too
    person = pki.person(IIN, "Иванов Иван", algorithm="gost256")
    verify_detached(person.sign_detached(DOCUMENT, layout="rfc4491"), DOCUMENT, trust=trust, expected_iin=IIN)


def test_a_changed_byte_is_refused(pki, trust):
    cms = pki.person(IIN, "Иванов Иван").sign_detached(DOCUMENT)
    changed = bytearray(DOCUMENT)
    changed[100] ^= 1
    refused("signature_invalid", cms, bytes(changed), trust=trust)


def test_another_documents_cms_is_refused(pki, trust):
    cms = pki.person(IIN, "Иванов Иван").sign_detached(OTHER_DOCUMENT)
    refused("signature_invalid", cms, trust=trust)


def test_a_forged_signature_value_and_unreadable_input_are_refused(pki, trust):
    person = pki.person(IIN, "Иванов Иван")
    cms = bytearray(person.sign_detached(DOCUMENT))
    cms[-10] ^= 0xFF  # inside the signature value, at the end of the SignerInfo
    refused("signature_invalid", bytes(cms), trust=trust)
    refused("signature_invalid", b"not a CMS at all", trust=trust)
    refused("signature_invalid", b"", trust=trust)
    # a signature without signed attributes is refused (no content type, no signing time)
    refused("signature_invalid", person.sign_detached(DOCUMENT, signed_attributes=False), trust=trust)


def test_an_untrusted_root_is_refused(pki, trust, tmp_path):
    other = make_pki(tmp_path, shared=False)
    person = pki.person(IIN, "Иванов Иван", issuer=other)
    refused("certificate_untrusted", person.sign_detached(DOCUMENT), trust=trust)


def test_an_expired_or_not_yet_valid_certificate_is_refused(pki, trust):
    now = datetime.now(UTC)
    expired = pki.person(IIN, "Иванов Иван", not_before=now - timedelta(days=400),
                         not_after=now - timedelta(days=1))
    error = refused("certificate_expired", expired.sign_detached(DOCUMENT), trust=trust)
    assert set(error.params) == {"signed_at", "not_before", "not_after"}
    future = pki.person(IIN, "Иванов Иван", not_before=now + timedelta(days=1))
    refused("certificate_expired", future.sign_detached(DOCUMENT), trust=trust)
    # dated back to when it was valid: accepted by itself, refused before the document existed
    backdated = expired.sign_detached(DOCUMENT, signing_time=now - timedelta(days=30))
    verify_detached(backdated, DOCUMENT, trust=trust, expected_iin=IIN)
    refused("signature_invalid", backdated, trust=trust, earliest=now - timedelta(days=2))
    # a signing time in the future is refused
    refused("signature_invalid", future.sign_detached(DOCUMENT, signing_time=now + timedelta(days=2)),
            trust=trust)


def test_an_auth_key_is_refused(pki, trust):
    person = pki.person(IIN, "Иванов Иван", usage="auth")
    refused("wrong_key_usage", person.sign_detached(DOCUMENT), trust=trust)


def test_another_persons_iin_is_refused(pki, trust):
    person = pki.person(OTHER_IIN, "Петров Пётр")
    error = refused("signer_mismatch", person.sign_detached(DOCUMENT), trust=trust)
    assert error.params == {"found": OTHER_IIN, "expected": IIN}
    assert OTHER_IIN in error.message


def test_another_organisations_bin_or_a_personal_certificate_is_refused(pki, trust):
    head = pki.person(IIN, "Иванов Иван", bin=OTHER_BIN, role="first_head")
    refused("not_authorised_for_organisation", head.sign_detached(DOCUMENT), trust=trust, expected_bin=BIN)
    personal = pki.person(IIN, "Иванов Иван")
    refused("not_authorised_for_organisation", personal.sign_detached(DOCUMENT), trust=trust, expected_bin=BIN)


def test_an_employee_cannot_sign_for_the_organisation_but_the_right_to_sign_can(pki, trust):
    employee = pki.person(IIN, "Иванов Иван", bin=BIN, role="employee")
    refused("not_authorised_for_organisation", employee.sign_detached(DOCUMENT), trust=trust, expected_bin=BIN)
    # the employee's certificate still signs as a person
    verify_detached(employee.sign_detached(DOCUMENT), DOCUMENT, trust=trust, expected_iin=IIN)
    signatory = pki.person(IIN, "Иванов Иван", bin=BIN, role="sign_right")
    result = verify_detached(signatory.sign_detached(DOCUMENT), DOCUMENT, trust=trust,
                             expected_iin=IIN, expected_bin=BIN)
    assert "sign_right" in result.certificate.roles


def test_ocsp_revoked_is_refused_and_good_is_kept(pki, trust):
    revoked = pki.person(IIN, "Иванов Иван", revoked=True)
    good = pki.person(IIN, "Иванов Иван")
    gost = pki.person(IIN, "Иванов Иван", algorithm="gost256")
    with pki.ocsp_responder():
        for mode in ("prefer", "require"):
            error = refused("certificate_revoked", revoked.sign_detached(DOCUMENT), trust=trust, ocsp=mode)
            assert "revoked_at" in error.params
        result = verify_detached(good.sign_detached(DOCUMENT), DOCUMENT, trust=trust,
                                 expected_iin=IIN, ocsp="require")
        assert result.ocsp_response and result.ocsp_response[:1] == b"\x30"
        # a GOST CA answers through a delegated responder certificate it issued
        result = verify_detached(gost.sign_detached(DOCUMENT), DOCUMENT, trust=trust,
                                 expected_iin=IIN, ocsp="require")
        assert result.ocsp_response
    # "off" does not ask
    verify_detached(revoked.sign_detached(DOCUMENT), DOCUMENT, trust=trust, expected_iin=IIN, ocsp="off")


def test_ocsp_unreachable_fails_only_under_require(pki, trust):
    person = pki.person(IIN, "Иванов Иван", revoked=True)  # the responder is not running
    cms = person.sign_detached(DOCUMENT)
    refused("ocsp_unavailable", cms, trust=trust, ocsp="require", ocsp_timeout=1.0)
    result = verify_detached(cms, DOCUMENT, trust=trust, expected_iin=IIN, ocsp="prefer", ocsp_timeout=1.0)
    assert result.ocsp_response is None
    with pytest.raises(ValueError):
        verify_detached(cms, DOCUMENT, trust=trust, expected_iin=IIN, ocsp="sometimes")


def test_trust_store_needs_a_root(pki):
    with pytest.raises(ValueError):
        TrustStore.from_pem(b"")


# 123456789013: the weights 1..11 give 296 = 26*11 + 10, so the weights 3..11,1,2 give 377 -> 3
@pytest.mark.parametrize("value", [IIN, OTHER_IIN, BIN, "000000000000", "123456789013"])
def test_valid_iin_and_bin_check_digits(value):
    assert valid_iin(value) and valid_bin(value)


@pytest.mark.parametrize("value", [IIN[:11] + str((int(IIN[11]) + 1) % 10), "123456789010", "12345678901", "1234567890123",
                                   "12345678901a", "١٢٣٤٥٦٧٨٩٠١٢", None, 123456789010, ""])
def test_invalid_iin_and_bin(value):
    assert not valid_iin(value) and not valid_bin(value)


def test_a_number_whose_check_digit_is_ten_twice_is_invalid():
    from consortium.eds.ids import check_digit
    prefixes = [f"{n:011d}" for n in range(0, 3000)]
    impossible = [p for p in prefixes if check_digit(p) is None]
    assert impossible  # such prefixes exist, and no number starting with one is valid
    assert not any(valid_iin(impossible[0] + str(d)) for d in range(10))
    # the second weighting is used when the first gives 10
    second = next(p for p in prefixes if sum(int(c) * w for c, w in zip(p, range(1, 12), strict=True)) % 11 == 10
                  and check_digit(p) is not None)
    assert valid_iin(second + str(check_digit(second)))
