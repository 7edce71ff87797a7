"""The data directory's key: a random data key, wrapped by a key from the OS keyring or a passphrase.

`reviewer.key` (JSON, mode 0600) holds the data key wrapped with AES-256-GCM under a *wrapping
key*: 32 random bytes kept in the OS keyring (`keyring`), or, where no keyring backend exists,
derived from a passphrase with scrypt (`passphrase_key`, which also keeps a memo of it for the
login session, so a script's commands do not each pay scrypt). The data key itself never leaves
memory; the database
key, the document-file key and the file-name key are derived from it with HKDF, one per use.
Rotating the wrapping key (`rekey`) rewraps the data key and re-encrypts nothing.

An unlocked data key is kept in memory for the rest of the process, so the app asks for a
passphrase once per session and reopening the store (a settings change) asks nothing.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer.store import passphrase_key
from reviewer.store.errors import KeyUnavailable, PassphraseRequired, StoreError
from reviewer.store.keyring_import import import_keyring

KEY_FILE = "reviewer.key"
KEYRING_SERVICE = "Reviewer data key"
PASSPHRASE_ENV = "REVIEWER_PASSPHRASE"  # noqa: S105 - a variable name, not a secret
_FORMAT = "reviewer data key"
_WRAP_AAD = b"reviewer data key v1|"

_unlocked: dict[tuple[str, str], bytes] = {}  # (data dir, key id) -> data key, this process only
_unlocked_lock = threading.Lock()


@dataclass(frozen=True)
class DataKeys:
    """The keys of one unlocked data directory, each derived from its data key for one use."""

    key_id: bytes
    db_key: bytes
    file_key: bytes
    name_key: bytes

    @classmethod
    def derive(cls, key_id: bytes, data_key: bytes) -> DataKeys:
        """HKDF-SHA256 subkeys: one key per purpose, so no key is used by two ciphers."""

        def sub(info: bytes) -> bytes:
            return hkdf_sha256(data_key, salt=key_id, info=info, length=32)

        return cls(
            key_id=key_id,
            db_key=sub(b"reviewer sqlcipher database"),
            file_key=sub(b"reviewer document files"),
            name_key=sub(b"reviewer document file names"),
        )

    def __repr__(self) -> str:
        return f"DataKeys(key_id={self.key_id.hex()})"

    def file_name(self, sha256: str) -> str:
        """A document's file name: a keyed hash of its SHA-256 (a blind index).

        Named by the plain SHA-256, the directory would tell anyone holding a copy of a
        document that this workstation has it; the keyed hash tells nothing without the key.
        """
        return hmac.new(self.name_key, sha256.encode(), hashlib.sha256).hexdigest()

    def sqlcipher_key_pragma(self) -> str:
        """`PRAGMA key` with the raw key (no SQLCipher KDF: the key is already random)."""
        return f"PRAGMA key = \"x'{self.db_key.hex()}'\""


def hkdf_sha256(key_material: bytes, *, salt: bytes, info: bytes, length: int) -> bytes:
    """HKDF with HMAC-SHA256 (RFC 5869): extract, then expand to `length` bytes.

    The standard library's HMAC, so that unlocking does not import cryptography's HKDF and
    hash modules for three derivations; the same construction, checked against the RFC's
    test vectors and against cryptography's HKDF (tests/store/test_hkdf.py).
    """
    if not 0 < length <= 255 * hashlib.sha256().digest_size:
        raise ValueError(f"HKDF-SHA256 cannot give {length} bytes")
    prk = hmac.new(salt or bytes(hashlib.sha256().digest_size), key_material, "sha256").digest()
    okm, block = b"", b""
    for counter in range(1, -(-length // len(prk)) + 1):
        block = hmac.new(prk, block + info + bytes([counter]), "sha256").digest()
        okm += block
    return okm[:length]


def keyring_usable() -> bool:
    """Whether an OS keyring backend exists (the fail and empty backends do not count)."""
    try:
        keyring = import_keyring()
        from keyring.backends import chainer, fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring):
            return False
        return not (isinstance(backend, chainer.ChainerBackend) and not backend.backends)
    except Exception:  # noqa: BLE001 - any backend failure means "no keyring"
        return False


def key_file(data_dir: Path) -> Path:
    """Where the wrapped data key of `data_dir` is kept."""
    return Path(data_dir) / KEY_FILE


def unlock(data_dir: Path, passphrase: str | None = None, *, create: bool = True) -> DataKeys:
    """The data directory's keys: unwrapped from `reviewer.key`, or made when there is none.

    Raises PassphraseRequired when a passphrase is needed and none was given (argument or
    `REVIEWER_PASSPHRASE`), KeyUnavailable when the key is lost (keyring entry or key file).
    """
    data_dir = Path(data_dir)
    path = key_file(data_dir)
    if not path.exists():
        if not create:
            raise KeyUnavailable(data_dir, "its key file reviewer.key is missing")
        return _create(data_dir, passphrase)
    record = _read(path)
    key_id = record["key_id"]
    with _unlocked_lock:
        cached = _unlocked.get((str(data_dir.resolve()), key_id))
    if cached is not None:
        return DataKeys.derive(bytes.fromhex(key_id), cached)
    data_key = _open_data_key(data_dir, record, passphrase)
    _remember(data_dir, key_id, data_key)
    return DataKeys.derive(bytes.fromhex(key_id), data_key)


def rekey(data_dir: Path, passphrase: str | None = None, new_passphrase: str | None = None) -> str:
    """Rotate the wrapping key; the data key (and so every encrypted byte) stays as it is.

    Keyring-wrapped: a new random wrapping key replaces the old keyring entry (removed after
    the new key file is in place). Passphrase-wrapped: `new_passphrase` with a new salt.
    The data key comes from this process's unlocked keys, else from the current wrapping.
    Returns a sentence saying what was done.
    """
    data_dir = Path(data_dir)
    path = key_file(data_dir)
    if not path.exists():
        raise KeyUnavailable(data_dir, "its key file reviewer.key is missing")
    record = _read(path)
    key_id = record["key_id"]
    with _unlocked_lock:
        data_key = _unlocked.get((str(data_dir.resolve()), key_id))
    if data_key is None:  # not unlocked in this process yet: the current wrapping opens it
        data_key = _open_data_key(data_dir, record, passphrase)
    if record["wrapping"] == "keyring":
        new_record, new_wrapping = _keyring_wrapping(key_id)
    else:
        if not new_passphrase:
            raise PassphraseRequired(data_dir, new=True)
        new_record, new_wrapping = _passphrase_wrapping(key_id, new_passphrase)
    _write(path, _wrap(new_record, new_wrapping, data_key), replace=True)
    if record["wrapping"] == "passphrase":
        passphrase_key.forget(data_dir, record)
        passphrase_key.remember(data_dir, new_record, new_passphrase or "", new_wrapping)
    if record["wrapping"] == "keyring":
        keyring = import_keyring()
        with contextlib.suppress(Exception):  # an orphaned old entry is harmless
            keyring.delete_password(KEYRING_SERVICE, record["keyring_entry"])
        return "rotated the wrapping key in the OS keyring; the data key is unchanged"
    return "the data key is now wrapped under the new passphrase"


def forget_unlocked() -> None:
    """Drop every data key this process unlocked (tests; a lock action would use it too)."""
    with _unlocked_lock:
        _unlocked.clear()


def forget_passphrase_memo(data_dir: Path) -> bool:
    """Drop the login session's memo of this directory's passphrase (`reviewer lock`): the
    next command checks the passphrase at scrypt's full cost. False if there was none."""
    path = key_file(data_dir)
    if not path.exists():
        return False
    record = _read(path)
    return record["wrapping"] == "passphrase" and passphrase_key.forget(Path(data_dir), record)


def _remember(data_dir: Path, key_id: str, data_key: bytes) -> None:
    with _unlocked_lock:
        _unlocked[(str(data_dir.resolve()), key_id)] = data_key


def _create(data_dir: Path, passphrase: str | None) -> DataKeys:
    key_id = secrets.token_hex(8)
    data_key = secrets.token_bytes(32)
    passphrase = passphrase or os.environ.get(PASSPHRASE_ENV) or None
    record: dict[str, Any] | None = None
    if keyring_usable():
        with contextlib.suppress(Exception):  # a locked or broken keyring: use a passphrase
            record, wrapping = _keyring_wrapping(key_id)
    if record is None:
        if not passphrase:
            raise PassphraseRequired(data_dir, new=True)
        record, wrapping = _passphrase_wrapping(key_id, passphrase)
    from reviewer.store.files import private_dir

    path = key_file(private_dir(data_dir))
    if not _write(path, _wrap(record, wrapping, data_key), replace=False):
        # another process created the key first: use theirs
        return unlock(data_dir, passphrase, create=False)
    if passphrase and record["wrapping"] == "passphrase":
        passphrase_key.remember(data_dir, record, passphrase, wrapping)
    _remember(data_dir, key_id, data_key)
    return DataKeys.derive(bytes.fromhex(key_id), data_key)


def _keyring_wrapping(key_id: str) -> tuple[dict[str, Any], bytes]:
    keyring = import_keyring()
    wrapping = secrets.token_bytes(32)
    entry = f"{key_id}.{secrets.token_hex(4)}"
    keyring.set_password(KEYRING_SERVICE, entry, base64.b64encode(wrapping).decode())
    return {"key_id": key_id, "wrapping": "keyring", "keyring_entry": entry}, wrapping


def _passphrase_wrapping(key_id: str, passphrase: str) -> tuple[dict[str, Any], bytes]:
    kdf = passphrase_key.new_kdf(secrets.token_bytes(16))
    record = {"key_id": key_id, "wrapping": "passphrase", "kdf": kdf}
    return record, passphrase_key.scrypt(passphrase, kdf)


def _wrap(record: dict[str, Any], wrapping: bytes, data_key: bytes) -> dict[str, Any]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    full = {"format": _FORMAT, "version": 1, **record}
    nonce = secrets.token_bytes(12)
    full["nonce"] = _b64(nonce)
    full["wrapped_key"] = _b64(AESGCM(wrapping).encrypt(nonce, data_key, _aad(full)))
    return full


def _aad(record: dict[str, Any]) -> bytes:
    return _WRAP_AAD + f"{record['key_id']}|{record['wrapping']}".encode()


def _unwrap(
    data_dir: Path, record: dict[str, Any], wrapping: bytes, *, passphrase_used: bool
) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(wrapping).decrypt(
            base64.b64decode(record["nonce"]), base64.b64decode(record["wrapped_key"]), _aad(record)
        )
    except InvalidTag:
        if passphrase_used:
            raise PassphraseRequired(data_dir, wrong=True) from None
        raise KeyUnavailable(
            data_dir, "the key in the OS keyring does not open its key file (replaced or altered)"
        ) from None


def _open_data_key(data_dir: Path, record: dict[str, Any], passphrase: str | None) -> bytes:
    """The data key, unwrapped by the keyring's key or the passphrase's (its memo first)."""
    if record["wrapping"] == "keyring":
        return _unwrap(data_dir, record, _keyring_key(data_dir, record), passphrase_used=False)
    passphrase = passphrase or os.environ.get(PASSPHRASE_ENV) or None
    if not passphrase:
        raise PassphraseRequired(data_dir)
    remembered = passphrase_key.recall(data_dir, record, passphrase)
    if remembered is not None:
        with contextlib.suppress(PassphraseRequired):
            return _unwrap(data_dir, record, remembered, passphrase_used=True)
        passphrase_key.forget(data_dir, record)  # a memo that does not open it: not ours
    wrapping = passphrase_key.scrypt(passphrase, record["kdf"])
    data_key = _unwrap(data_dir, record, wrapping, passphrase_used=True)
    passphrase_key.remember(data_dir, record, passphrase, wrapping)  # only once it opened
    return data_key


def _keyring_key(data_dir: Path, record: dict[str, Any]) -> bytes:
    """The wrapping key kept in the OS keyring."""
    if not keyring_usable():
        raise KeyUnavailable(
            data_dir, "its key is kept in the OS keyring, which is not available here"
        )
    keyring = import_keyring()
    try:
        stored = keyring.get_password(KEYRING_SERVICE, record["keyring_entry"])
    except Exception as exc:  # noqa: BLE001 - locked or broken keyring
        raise KeyUnavailable(
            data_dir, f"the OS keyring did not give its key ({type(exc).__name__})"
        ) from None
    if stored is None:
        raise KeyUnavailable(data_dir, "its key is no longer in the OS keyring")
    return base64.b64decode(stored)


def _read(path: Path) -> dict[str, Any]:
    try:
        record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if record.get("format") != _FORMAT or record.get("version") != 1:
            raise ValueError("unknown key file format")
        bytes.fromhex(record["key_id"])
        if record["wrapping"] not in ("keyring", "passphrase"):
            raise ValueError("unknown wrapping")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KeyUnavailable(path.parent, f"its key file cannot be read ({exc})") from None
    return record


def _write(path: Path, record: dict[str, Any], *, replace: bool) -> bool:
    """Write the key file durably; with replace=False, False when one already exists."""
    from reviewer.store.files import fsync_dir

    temp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, json.dumps(record, indent=1).encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        if replace:
            os.replace(temp, path)
        else:
            try:
                os.link(temp, path)  # fails if another process made one meanwhile
            except FileExistsError:
                return False
            finally:
                temp.unlink(missing_ok=True)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise StoreError(f"cannot write the key file {path}: {exc.strerror or exc}") from None
    fsync_dir(path.parent)
    return True


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()
