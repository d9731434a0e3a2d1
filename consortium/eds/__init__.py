"""Kazakhstan's national e-signature (EDS): verification of detached CMS signatures, IIN/BIN checks.

Plain Python (cryptography, asn1crypto, gostcrypto): no Flask here.
"""
from consortium.eds.ids import valid_bin, valid_iin
from consortium.eds.verify import (
    CertificateInfo,
    EdsError,
    TrustStore,
    VerifiedSignature,
    verify_detached,
)

__all__ = ["CertificateInfo", "EdsError", "TrustStore", "VerifiedSignature", "valid_bin",
           "valid_iin", "verify_detached"]
