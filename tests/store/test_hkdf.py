"""The data key's subkeys: HKDF-SHA256 from the standard library's HMAC is RFC 5869's HKDF."""

from __future__ import annotations

import secrets

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from reviewer.store.keys import DataKeys, hkdf_sha256

# RFC 5869, Appendix A: test cases 1-3 (SHA-256)
RFC_5869 = [
    (
        "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
        "000102030405060708090a0b0c",
        "f0f1f2f3f4f5f6f7f8f9",
        42,
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
    ),
    (
        "".join(f"{b:02x}" for b in range(0x00, 0x50)),
        "".join(f"{b:02x}" for b in range(0x60, 0xB0)),
        "".join(f"{b:02x}" for b in range(0xB0, 0x100)),
        82,
        "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
        "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
        "cc30c58179ec3e87c14c01d5c1f3434f1d87",
    ),
    (
        "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
        "",
        "",
        42,
        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
    ),
]


@pytest.mark.parametrize(("ikm", "salt", "info", "length", "okm"), RFC_5869, ids=["1", "2", "3"])
def test_rfc_5869_test_vectors(ikm: str, salt: str, info: str, length: int, okm: str) -> None:
    derived = hkdf_sha256(
        bytes.fromhex(ikm), salt=bytes.fromhex(salt), info=bytes.fromhex(info), length=length
    )
    assert derived.hex() == okm


def test_same_keys_as_cryptographys_hkdf() -> None:
    for _ in range(20):
        key, salt, info = secrets.token_bytes(32), secrets.token_bytes(8), secrets.token_bytes(27)
        expected = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(key)
        assert hkdf_sha256(key, salt=salt, info=info, length=32) == expected


def test_data_keys_are_the_hkdf_subkeys_the_store_always_used() -> None:
    key_id, data_key = bytes.fromhex("0011223344556677"), bytes(range(32))
    keys = DataKeys.derive(key_id, data_key)

    def sub(info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=key_id, info=info).derive(data_key)

    assert keys.db_key == sub(b"reviewer sqlcipher database")
    assert keys.file_key == sub(b"reviewer document files")
    assert keys.name_key == sub(b"reviewer document file names")
    assert len({keys.db_key, keys.file_key, keys.name_key}) == 3


@pytest.mark.parametrize("length", [0, 255 * 32 + 1])
def test_impossible_lengths_are_refused(length: int) -> None:
    with pytest.raises(ValueError, match="cannot give"):
        hkdf_sha256(b"k", salt=b"s", info=b"i", length=length)
