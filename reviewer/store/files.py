"""Content-addressed, encrypted document files: `documents/ab/abcdef….sealed`.

Each file is sealed with AES-256-GCM (`reviewer.sealing`) under the data directory's file key
and named by a keyed hash of its plaintext SHA-256 (`DataKeys.file_name`), so neither its
bytes nor its name say what it is. The database keeps the plain SHA-256; `path(sha256)` maps.

A file appears under its final name only complete and fsynced: it is written to a temporary
name in `documents/.tmp/`, fsynced, renamed into place, and the directory is fsynced. Killing
the process at any moment leaves at worst a temporary file, which the next open removes.
Temporary names carry the writer's pid so a second process sharing the directory never has its
in-flight file removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer.sealing import SealedFileError, read_file, register_key, seal
from reviewer.store.errors import StoreError

if TYPE_CHECKING:
    from reviewer.store.keys import DataKeys

SEALED_SUFFIX = ".sealed"
_SHA256 = re.compile(r"[0-9a-f]{64}")
_SEALED = re.compile(r"[0-9a-f]{64}\.sealed")
_TEMP = re.compile(r"(\d+)-[0-9a-f]+\.part")
# a temp file this old is abandoned even if its pid was reused by an unrelated process
TEMP_MAX_AGE_SECONDS = 24 * 3600


def private_dir(path: Path) -> Path:
    """Create `path` with mode 0700 (parents as usual); an existing directory keeps its
    mode: it may be shared (a 1777 directory given as --data-dir), and is not ours to change."""
    if path.is_dir():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.mkdir(mode=0o700)
    except FileExistsError:  # created meanwhile by another process: not ours either
        return path
    os.chmod(path, 0o700)  # mkdir's mode is filtered by the umask
    return path


def fsync_dir(path: Path) -> None:
    """Make a rename or a new entry in `path` durable."""
    if os.name == "nt":  # directories cannot be opened for fsync there; NTFS journals renames
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def check_sha256(sha256: str) -> str:
    """Return `sha256` if it is 64 lowercase hex digits, else raise: it becomes a path."""
    if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
        raise ValueError("not a SHA-256 hex digest")
    return sha256


class DocumentUnreadable(StoreError):
    """A stored document file is missing or fails its check (altered, damaged, swapped)."""


class DocumentFiles:
    """The `documents/` tree of a data directory, every file sealed under `keys`."""

    def __init__(self, root: Path, keys: DataKeys) -> None:
        self.root = private_dir(root)
        self.temp_dir = private_dir(root / ".tmp")
        self.keys = keys
        # this process (and the documents worker it starts) can now open these files
        register_key(keys.key_id, keys.file_key)
        # files already checked, by (inode, mtime, size): a changed file gets a new key
        self._verified: dict[tuple[str, int, int, int], bool] = {}
        self._verify_lock = threading.Lock()

    def name(self, sha256: str) -> str:
        """The file name (without suffix) of the document with this plaintext digest."""
        return self.keys.file_name(check_sha256(sha256))

    def verify(self, sha256: str) -> str | None:
        """None when the file of `sha256` is there, opens under the key and its plaintext
        hashes to `sha256`; else the problem in words. Each file is checked once per change
        (cached by inode, mtime and size)."""
        path = self.path(sha256)
        try:
            st = path.stat()
        except FileNotFoundError:
            return "the document file is missing from the data directory"
        except OSError as exc:
            return f"the document file cannot be read ({exc.strerror or exc})"
        key = (sha256, st.st_ino, st.st_mtime_ns, st.st_size)
        with self._verify_lock:
            known = self._verified.get(key)
        if known is None:
            try:
                self.read(sha256)
                known = True
            except DocumentUnreadable:
                known = False
            with self._verify_lock:
                self._verified[key] = known
        if not known:
            return (
                "the document file was changed after it was stored (it fails its check: its "
                "SHA-256 does not match): not shown as the applicant's evidence"
            )
        return None

    def path(self, sha256: str) -> Path:
        """Where the file with this digest lives (whether or not it exists)."""
        name = self.name(sha256)
        return self.root / name[:2] / f"{name}{SEALED_SUFFIX}"

    def read(self, sha256: str) -> bytes:
        """The document's plaintext, checked: GCM tag and SHA-256 both must match."""
        path = self.path(sha256)
        try:
            data = read_file(path)
        except FileNotFoundError:
            raise DocumentUnreadable(f"The document file {sha256[:12]}… is missing.") from None
        except (OSError, SealedFileError) as exc:
            raise DocumentUnreadable(f"The document file {sha256[:12]}… : {exc}") from None
        if hashlib.sha256(data).hexdigest() != sha256:
            raise DocumentUnreadable(
                f"The document file {sha256[:12]}… does not hold the document it should."
            )
        return data

    def put(self, data: bytes) -> tuple[str, Path]:
        """Store `data` durably (sealed) under its SHA-256; idempotent. Returns (sha256, path)."""
        sha256 = hashlib.sha256(data).hexdigest()
        final = self.path(sha256)
        if final.is_file():
            # a re-put file is about to be referenced: keep gc's grace period from expiring it
            with contextlib.suppress(FileNotFoundError):
                os.utime(final)
                return sha256, final
        shard = final.parent
        if not shard.is_dir():
            private_dir(shard)
            fsync_dir(self.root)
        temp = self.temp_dir / f"{os.getpid()}-{secrets.token_hex(8)}.part"
        sealed = seal(self.keys.key_id, self.keys.file_key, data, self.name(sha256))
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(sealed)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            temp.unlink(missing_ok=True)
            raise
        os.close(fd)
        os.replace(temp, final)
        fsync_dir(shard)
        return sha256, final

    def stored_names(self) -> list[tuple[str, Path]]:
        """Every (name, path) of a complete sealed file in the tree (name as `name(sha256)`)."""
        found = []
        for shard in self._shards():
            for entry in shard.iterdir():
                if _SEALED.fullmatch(entry.name) and entry.name[:2] == shard.name:
                    found.append((entry.name[:64], entry))
        return found

    def plaintext_files(self) -> list[tuple[str, Path]]:
        """Every (sha256, path) of a file an older Reviewer stored unencrypted (to upgrade)."""
        found = []
        for shard in self._shards():
            for entry in shard.iterdir():
                if _SHA256.fullmatch(entry.name) and entry.name[:2] == shard.name:
                    found.append((entry.name, entry))
        return found

    def _shards(self) -> list[Path]:
        return [p for p in self.root.iterdir() if len(p.name) == 2 and p.is_dir()]

    def remove_orphaned_temps(self) -> int:
        """Delete temporary files whose writer is gone (or that are very old). Returns a count."""
        removed = 0
        now = time.time()
        for entry in self.temp_dir.iterdir():
            match = _TEMP.fullmatch(entry.name)
            try:
                age = now - entry.stat().st_mtime
            except FileNotFoundError:
                continue
            writer_alive = match is not None and _pid_alive(int(match.group(1)))
            if writer_alive and age < TEMP_MAX_AGE_SECONDS:
                continue
            with contextlib.suppress(FileNotFoundError):
                entry.unlink()
                removed += 1
        return removed


def _pid_alive(pid: int) -> bool:
    # on Windows os.kill(pid, 0) would terminate the process: rely on the age limit there
    if pid == os.getpid() or os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
