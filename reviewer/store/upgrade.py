"""Encrypting an older Reviewer's unencrypted data directory in place, crash-safe.

The database: exported with SQLCipher's `sqlcipher_export` into `reviewer.sqlite3.encrypting`,
fsynced, checked row for row against the original, then swapped in with one atomic rename; a
hard link (`.plaintext`) keeps the old file reachable until the swap is done, and only then is
it overwritten and removed. Document files: each is sealed beside the plain one, read back and
checked, and only then is the plain one overwritten and removed.

A SIGKILL at any moment leaves the old data or the new data readable: on the next open,
`recover_interrupted` settles the leftovers and the upgrade runs again from where it stopped.
(Overwriting before unlinking is best effort: an SSD or a copy-on-write file system may keep
old blocks. Full-disk encryption is the answer to that, and the README says so.)
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer.store import sqlcipher as sqlite3
from reviewer.store.connection import create_private_file
from reviewer.store.errors import StoreError
from reviewer.store.files import DocumentFiles, DocumentUnreadable, fsync_dir

if TYPE_CHECKING:
    from reviewer.store.keys import DataKeys

log = logging.getLogger(__name__)

ENCRYPTING_SUFFIX = ".encrypting"
PLAINTEXT_SUFFIX = ".plaintext"
_CHUNK = 1024 * 1024


def recover_interrupted(db_path: Path) -> None:
    """Settle what an interrupted upgrade left: the half-written copy goes, the old file stays
    until the new one is in place, and a replaced old file is destroyed."""
    aside = Path(f"{db_path}{PLAINTEXT_SUFFIX}")
    if aside.exists():
        if not db_path.exists():
            os.replace(aside, db_path)  # never happens with link-then-rename; kept for safety
        elif os.path.samefile(aside, db_path):
            aside.unlink()  # killed between the link and the swap: the old file is still live
        else:
            shred(aside)  # the swap happened: this is the old plaintext, now replaced
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{db_path}{ENCRYPTING_SUFFIX}{suffix}").unlink(missing_ok=True)


# in documents/: every file there is sealed (see encrypt_in_place)
ALL_SEALED = ".all-sealed"


def encrypt_in_place(data_dir: Path, db_path: Path, keys: DataKeys, *, plaintext_db: bool) -> None:
    """Encrypt what is still unencrypted in `data_dir`: the database, then document files.

    The document files are looked through once: afterwards `ALL_SEALED` says none is left in
    plaintext (this Reviewer writes only sealed files; a 10,000-case directory holds 30,000
    files, 0.2 s to list on every open otherwise). A plaintext database found later (an older
    Reviewer's copy put back) looks through them again.
    """
    if plaintext_db:
        log.info("encrypting the case database in place")
        _encrypt_database(db_path, keys)
    documents = data_dir / "documents"
    marker = documents / ALL_SEALED
    if documents.is_dir() and (plaintext_db or not marker.exists()):
        marker.unlink(missing_ok=True)
        files = DocumentFiles(documents, keys)
        plain = files.plaintext_files()
        if plain:
            log.info("encrypting %d document files in place", len(plain))
        for sha256, path in plain:
            _encrypt_file(files, sha256, path)
        create_private_file(marker)


def _encrypt_database(db_path: Path, keys: DataKeys) -> None:
    temp = Path(f"{db_path}{ENCRYPTING_SUFFIX}")
    plain = sqlite3.connect(db_path, isolation_level=None)
    try:
        plain.execute("PRAGMA busy_timeout = 30000")
        busy = plain.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy and busy[0]:
            raise StoreError("The case cache is in use by another Reviewer; close it and retry.")
        version = int(plain.execute("PRAGMA user_version").fetchone()[0])
        quoted = str(temp).replace("'", "''")
        plain.execute(f"ATTACH DATABASE '{quoted}' AS encrypted KEY \"x'{keys.db_key.hex()}'\"")
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {version}")
        plain.execute("DETACH DATABASE encrypted")
        expected = _content_digest(plain)
        plain.execute("PRAGMA journal_mode = DELETE")  # no -wal/-shm left beside the old file
    finally:
        plain.close()
    _fsync_file(temp)
    encrypted = sqlite3.connect(temp, isolation_level=None)
    try:
        encrypted.execute(keys.sqlcipher_key_pragma())
        ok = encrypted.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        same = ok and _content_digest(encrypted) == expected
        same = same and int(encrypted.execute("PRAGMA user_version").fetchone()[0]) == version
    finally:
        encrypted.close()
    if not same:
        temp.unlink(missing_ok=True)
        raise StoreError("Encrypting the case cache failed its check; the original is unchanged.")
    for suffix in ("-wal", "-shm"):
        leftover = Path(f"{db_path}{suffix}")
        if leftover.exists() and leftover.stat().st_size:
            raise StoreError("The case cache is in use by another Reviewer; close it and retry.")
        leftover.unlink(missing_ok=True)
    aside = Path(f"{db_path}{PLAINTEXT_SUFFIX}")
    aside.unlink(missing_ok=True)
    os.link(db_path, aside)  # the old file stays reachable until the swap is durable
    os.replace(temp, db_path)
    fsync_dir(db_path.parent)
    shred(aside)


def _content_digest(conn: sqlite3.Connection) -> str:
    """SHA-256 over every row of every table, in a fixed order (the upgrade's check)."""
    digest = hashlib.sha256()
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    for table in tables:
        digest.update(table.encode())
        quoted = table.replace('"', '""')
        for row in conn.execute(f'SELECT * FROM main."{quoted}" ORDER BY rowid'):  # noqa: S608
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _encrypt_file(files: DocumentFiles, sha256: str, path: Path) -> None:
    with contextlib.suppress(DocumentUnreadable):
        files.read(sha256)
        shred(path)  # sealed copy already there and checked (a crash came before the shred)
        return
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        log.warning("a stored document file does not match its name; left unencrypted")
        return
    files.put(data)
    files.read(sha256)  # raises if the sealed copy does not read back
    shred(path)


def shred(path: Path) -> None:
    """Overwrite a file with zeros, flush, then remove it (best effort against recovery)."""
    try:
        fd = os.open(path, os.O_WRONLY)
    except FileNotFoundError:
        return
    try:
        remaining = os.fstat(fd).st_size
        zeros = bytes(min(_CHUNK, remaining))
        while remaining > 0:
            remaining -= os.write(fd, zeros[: min(_CHUNK, remaining)])
        os.fsync(fd)
    finally:
        os.close(fd)
    path.unlink(missing_ok=True)
    fsync_dir(path.parent)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
