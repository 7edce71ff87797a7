"""The wrapping key a passphrase gives: scrypt, and a memo of it for the login session.

Where there is no OS keyring, the data key is wrapped under scrypt(passphrase) at 128 MiB,
about half a second of CPU. That cost is the point: it makes guessing the passphrase from a
copy of the data directory slow. But every command paid it, so `reviewer cases` took 29 times
what a bare interpreter takes, and a script listing cases in a loop paid it every time.

The memo (Linux): once a passphrase has unlocked a directory, the key it derives to is kept in
the kernel's keyring for the login session (`kernel_keyring`), with a check of the passphrase:
HMAC-SHA256 keyed by that derived key. A later command given the same passphrase is checked with
the HMAC (microseconds) instead of scrypt. What it keeps:

- every command still needs the passphrase (terminal or REVIEWER_PASSPHRASE): the memo changes
  what checking it costs, never who can unlock; a wrong passphrase runs scrypt and is refused;
- it expires `REVIEWER_UNLOCK_MINUTES` after its last use (15 by default; 0 turns it off), and
  `reviewer lock`, a rekey and the end of the login session remove it;
- it is in kernel memory (never on disk or in swap), readable only by the processes of the
  login session that made it (where the login has no session keyring of its own, by the
  user's processes that have none either): processes that can read that session's terminal or
  REVIEWER_PASSPHRASE from its environment anyway. Its name is a hash; it names no directory.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from pathlib import Path
from typing import Any

from reviewer.store import kernel_keyring

# scrypt at 128 MiB: about a second once per session, per RFC 7914 / OWASP guidance
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
TEST_KDF_ENV = "REVIEWER_TEST_SCRYPT_LOG2_N"  # tests only: see scrypt_n
MEMO_MINUTES_ENV = "REVIEWER_UNLOCK_MINUTES"
MEMO_MINUTES = 15  # as sudo's credential cache on most distributions
_MEMO_PREFIX = "reviewer-unlock:"
_CHECK_CONTEXT = b"reviewer passphrase memo v1|"


def scrypt_n() -> int:
    """scrypt's cost for a new passphrase wrapping."""
    # The test suite starts hundreds of processes that each make a data directory; at full
    # cost that is a second of CPU apiece. Only a lower cost can be asked for, never below
    # 2**10, and only through this variable, which the test suite sets.
    asked = os.environ.get(TEST_KDF_ENV, "")
    if asked.isdigit() and 10 <= int(asked) < SCRYPT_N.bit_length() - 1:
        return 1 << int(asked)
    return SCRYPT_N


def new_kdf(salt: bytes) -> dict[str, Any]:
    """The key file's `kdf` record for a new passphrase wrapping with this salt."""
    return {
        "name": "scrypt",
        "salt": base64.b64encode(salt).decode(),
        "n": scrypt_n(),
        "r": SCRYPT_R,
        "p": SCRYPT_P,
    }


def scrypt(passphrase: str, kdf: dict[str, Any]) -> bytes:
    """The 32-byte wrapping key `passphrase` derives to under the key file's `kdf` record."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(
        salt=base64.b64decode(kdf["salt"]), length=32, n=kdf["n"], r=kdf["r"], p=kdf["p"]
    ).derive(passphrase.encode())


def memo_minutes() -> int:
    """How long a memo lasts after its last use, in minutes (0: no memo is kept, read or left)."""
    asked = os.environ.get(MEMO_MINUTES_ENV, "").strip()
    if asked.isdigit() and int(asked) <= 24 * 60:
        return int(asked)
    return MEMO_MINUTES


def recall(data_dir: Path, record: dict[str, Any], passphrase: str) -> bytes | None:
    """The wrapping key this passphrase derived to in this login session, if it is remembered
    (None: not remembered, expired, or another passphrase)."""
    minutes = memo_minutes()
    name = _memo_name(data_dir, record)
    if not minutes:  # turned off: a memo made before goes now, not at its expiry
        kernel_keyring.remove(name)
        return None
    payload = kernel_keyring.fetch(name)
    if payload is None or len(payload) != 64:
        return None
    wrapping, check = payload[:32], payload[32:]
    if not hmac.compare_digest(check, _check(wrapping, passphrase)):
        return None  # another passphrase: a wrong guess does not keep the memo alive
    kernel_keyring.extend(name, minutes * 60)
    return wrapping


def remember(data_dir: Path, record: dict[str, Any], passphrase: str, wrapping: bytes) -> None:
    """Keep the wrapping key `passphrase` derived to, once it has opened the key file."""
    minutes = memo_minutes()
    if minutes:
        payload = wrapping + _check(wrapping, passphrase)
        kernel_keyring.store(_memo_name(data_dir, record), payload, minutes * 60)


def forget(data_dir: Path, record: dict[str, Any]) -> bool:
    """Drop this key file's memo (`reviewer lock`, a rekey); False if there was none."""
    return kernel_keyring.remove(_memo_name(data_dir, record))


def _check(wrapping: bytes, passphrase: str) -> bytes:
    return hmac.new(wrapping, _CHECK_CONTEXT + passphrase.encode(), hashlib.sha256).digest()


def _memo_name(data_dir: Path, record: dict[str, Any]) -> str:
    """The memo's name: one per directory, key and salt, so a new passphrase (new salt) or a
    moved directory never meets an old memo; hashed, so it names nothing."""
    kdf = record["kdf"]
    parts = [str(Path(data_dir).resolve()), record["key_id"]]
    parts += [str(kdf[name]) for name in ("salt", "n", "r", "p")]
    what = "|".join(parts)
    return _MEMO_PREFIX + hashlib.sha256(what.encode()).hexdigest()[:32]
