"""Decrypting SQLCipher pages ourselves, to look at what a purge left in free pages and the WAL.

SQLCipher 4 with a raw key: every page is AES-256-CBC under the key itself, with its IV in the
page's reserved tail (16 bytes IV + 64 bytes HMAC-SHA512); page 1 starts with the file's salt.
Reading pages here (not through SQLite) shows free pages and old WAL frames too.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80  # IV 16 + HMAC-SHA512 64
SALT = 16


def _decrypt_page(key: bytes, page: bytes, first: bool) -> bytes:
    iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
    start = SALT if first else 0
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start : PAGE - RESERVE]) + decryptor.finalize()


def decrypted_database(path: Path, key: bytes) -> bytes:
    """Every page of the database file, decrypted (free pages included)."""
    data = path.read_bytes() if path.exists() else b""
    pages = [data[i : i + PAGE] for i in range(0, len(data) - PAGE + 1, PAGE)]
    return b"".join(_decrypt_page(key, page, i == 0) for i, page in enumerate(pages))


def decrypted_wal(path: Path, key: bytes) -> bytes:
    """Every frame's page of a WAL file, decrypted (old, superseded frames included)."""
    data = path.read_bytes() if path.exists() else b""
    out = []
    offset = 32  # WAL header
    while offset + 24 + PAGE <= len(data):
        page_number = int.from_bytes(data[offset : offset + 4], "big")
        page = data[offset + 24 : offset + 24 + PAGE]
        out.append(_decrypt_page(key, page, page_number == 1))
        offset += 24 + PAGE
    return b"".join(out)
