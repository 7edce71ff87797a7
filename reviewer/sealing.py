"""Sealed files: an applicant's document encrypted at rest with AES-256-GCM.

A sealed file is `MAGIC | key id (8 bytes) | nonce (12 bytes) | ciphertext and GCM tag`. The
nonce is random per file; the associated data binds the header and the file's identity (its
name in the store), so a file copied or renamed over another one fails its tag like any other
change. Nothing here is new cryptography: it is AES-GCM from `cryptography`, composed.

The store seals files and the documents layer opens them, and neither may import the other,
so both meet here. The store registers each unlocked data directory's file key with
`register_key`; whoever opens documents in this process (or in the documents worker, which
receives the keys over its pipe) finds the key by the id in the file's header. Keys live in
this process's memory only.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

MAGIC = b"RVWSEAL1"
KEY_ID_BYTES = 8
NONCE_BYTES = 12
HEADER_BYTES = len(MAGIC) + KEY_ID_BYTES + NONCE_BYTES
TAG_BYTES = 16

_keys: dict[bytes, bytes] = {}
_keys_lock = threading.Lock()
_generation = 0


class SealedFileError(Exception):
    """A sealed file cannot be opened: tampered, truncated, or its key is not unlocked."""


def register_key(key_id: bytes, key: bytes) -> None:
    """Make `key` (32 bytes) available to open files sealed under `key_id` in this process."""
    global _generation
    if len(key_id) != KEY_ID_BYTES or len(key) != 32:
        raise ValueError("a file key is 32 bytes under an 8-byte id")
    with _keys_lock:
        if _keys.get(key_id) != key:
            _keys[key_id] = key
            _generation += 1


def register_keys(keys: dict[bytes, bytes]) -> None:
    """`register_key` for each item (the documents worker receives them this way)."""
    for key_id, key in keys.items():
        register_key(key_id, key)


def registered_keys() -> tuple[int, dict[bytes, bytes]]:
    """(generation, a copy of every registered key); the generation grows with each change."""
    with _keys_lock:
        return _generation, dict(_keys)


def is_sealed(head: bytes) -> bool:
    """Whether these leading bytes start a sealed file."""
    return head[: len(MAGIC)] == MAGIC


def seal(key_id: bytes, key: bytes, data: bytes, identity: str) -> bytes:
    """Encrypt `data` as a sealed file named `identity`."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    header = MAGIC + key_id + nonce
    return header + AESGCM(key).encrypt(nonce, data, header + identity.encode())


def unseal(blob: bytes, identity: str) -> bytes:
    """Decrypt a sealed file named `identity`; SealedFileError when it fails its check."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if len(blob) < HEADER_BYTES + TAG_BYTES or not is_sealed(blob):
        raise SealedFileError("the encrypted file is truncated or not an encrypted file")
    key_id = blob[len(MAGIC) : len(MAGIC) + KEY_ID_BYTES]
    nonce = blob[len(MAGIC) + KEY_ID_BYTES : HEADER_BYTES]
    with _keys_lock:
        key = _keys.get(key_id)
    if key is None:
        raise SealedFileError("the key of this encrypted file is not unlocked in this session")
    try:
        return AESGCM(key).decrypt(
            nonce, blob[HEADER_BYTES:], blob[:HEADER_BYTES] + identity.encode()
        )
    except InvalidTag:
        raise SealedFileError(
            "the encrypted file failed its integrity check (altered, damaged or swapped)"
        ) from None


def identity_of(path: Path) -> str:
    """The identity a sealed file was written under: its name without the suffix."""
    return path.name.split(".", 1)[0]


def read_file(path: str | Path) -> bytes:
    """The plaintext of a document file: unsealed when sealed, as it is otherwise."""
    path = Path(path)
    data = path.read_bytes()
    if is_sealed(data):
        return unseal(data, identity_of(path))
    return data
