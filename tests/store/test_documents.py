"""Document files: content addressing, permissions, orphaned temp files, garbage collection."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reviewer.sealing import read_file
from reviewer.store import CaseStore
from tests.store.helpers import pdf_bytes, save_fetch, sha256_of


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_put_document_is_content_addressed_and_idempotent(store: CaseStore, data_dir: Path) -> None:
    data = pdf_bytes("paystub")
    sha, path = store.put_document(data)
    sha_again, path_again = store.put_document(data)

    assert sha == sha256_of(data)
    assert (sha_again, path_again) == (sha, path)
    # encrypted on disk, named by a keyed hash of the SHA-256 (the name gives nothing away)
    name = store.keys.file_name(sha)
    assert path == data_dir / "documents" / name[:2] / f"{name}.sealed"
    assert sha not in str(path)
    assert data not in path.read_bytes()
    assert store.read_document(sha) == data
    assert store.document_path(sha) == path
    assert list((data_dir / "documents" / ".tmp").iterdir()) == []


def test_document_path_rejects_non_digests(store: CaseStore) -> None:
    for bad in ("../../etc/passwd", "AB" * 32, "a" * 63, ""):
        with pytest.raises(ValueError):
            store.document_path(bad)


def test_data_dir_is_private_and_files_are_0600(store: CaseStore, data_dir: Path) -> None:
    case = store.get_or_create_case(user_token="tok", user_id=None, label=None)
    save_fetch(store, case.id, "perm")

    assert _mode(data_dir) == 0o700
    dirs = [p for p in data_dir.rglob("*") if p.is_dir()]
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    assert dirs
    assert all(_mode(d) == 0o700 for d in dirs), [oct(_mode(d)) for d in dirs]
    names = {f.name for f in files}
    assert {"reviewer.sqlite3", "reviewer.sqlite3-wal"} <= names
    assert all(_mode(f) == 0o600 for f in files), {f.name: oct(_mode(f)) for f in files}


def test_existing_data_dir_keeps_its_mode_and_what_we_create_is_private(tmp_path: Path) -> None:
    """An existing directory may be shared (issue 14 item 10): never chmodded; the database
    and the documents tree created in it are private."""
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    with CaseStore(shared):
        assert _mode(shared) == 0o1777
        assert _mode(shared / "reviewer.sqlite3") == 0o600
        assert _mode(shared / "documents") == 0o700


def test_orphaned_temp_files_are_removed_on_open(data_dir: Path) -> None:
    with CaseStore(data_dir) as store:
        _sha, path = store.put_document(pdf_bytes("keep"))
    temp_dir = data_dir / "documents" / ".tmp"
    # a writer that died mid-write: its pid no longer exists
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    orphan = temp_dir / f"{dead.stdout.strip()}-abcdef0123456789.part"
    orphan.write_bytes(b"half a pdf")
    stray = temp_dir / "junk-name"
    stray.write_bytes(b"?")
    # a live writer's file (this process) must survive: another store may be writing it
    live = temp_dir / f"{os.getpid()}-0123456789abcdef.part"
    live.write_bytes(b"being written")

    with CaseStore(data_dir):
        assert not orphan.exists()
        assert not stray.exists()
        assert live.exists()
        assert read_file(path) == pdf_bytes("keep")

    # very old temp files go even if the pid looks alive (pids get reused)
    old = time.time() - 3 * 24 * 3600
    os.utime(live, (old, old))
    with CaseStore(data_dir):
        assert not live.exists()


def test_gc_removes_only_old_unreferenced_files(store: CaseStore) -> None:
    case = store.get_or_create_case(user_token="tok", user_id=None, label=None)
    save_fetch(store, case.id, "kept", n_docs=2)
    latest = store.latest_snapshot(case.id)
    assert latest is not None
    referenced = [Path(d["path"]) for d in latest.documents]
    _, fresh_orphan = store.put_document(b"fresh, maybe another process is mid-fetch")
    _, old_orphan = store.put_document(b"abandoned long ago")
    old = time.time() - 2 * 3600
    for p in [*referenced, old_orphan]:
        os.utime(p, (old, old))

    assert store.gc_documents() == 1

    assert not old_orphan.exists()
    assert fresh_orphan.exists()
    assert all(p.exists() for p in referenced)
    assert store.gc_documents(grace_seconds=0) == 1
    assert not fresh_orphan.exists()
    assert all(p.exists() for p in referenced)


def test_re_putting_an_old_file_protects_it_from_gc(store: CaseStore) -> None:
    data = b"fetched again after a long time"
    _, path = store.put_document(data)
    old = time.time() - 2 * 3600
    os.utime(path, (old, old))

    store.put_document(data)

    assert store.gc_documents() == 0
    assert path.exists()


def test_put_document_fsyncs_file_and_directory_before_returning(
    store: CaseStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        synced.append("dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    store.put_document(b"must be on disk before a snapshot may point at it")

    assert "file" in synced
    assert synced[-1] == "dir"
    assert synced.index("file") < len(synced) - 1
