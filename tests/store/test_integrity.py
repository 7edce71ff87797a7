"""A damaged cache is reported clearly and can be rebuilt; a newer schema is refused."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from reviewer.store import CaseStore, StoreCorrupt, StoreTooNew
from reviewer.store.schema import SCHEMA_VERSION
from tests.store.helpers import raw_connection, save_fetch


def _filled_store(data_dir: Path) -> Path:
    with CaseStore(data_dir) as store:
        case = store.get_or_create_case(user_token="tok", user_id=None, label="A")
        for i in range(20):
            save_fetch(store, case.id, f"fetch-{i}")
        conn = raw_connection(data_dir)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    return data_dir / "reviewer.sqlite3"


def test_garbage_file_raises_store_corrupt_with_rebuild_hint(data_dir: Path) -> None:
    CaseStore(data_dir).close()  # the directory and its key exist; the database is garbage
    for leftover in data_dir.glob("reviewer.sqlite3-*"):
        leftover.unlink()
    (data_dir / "reviewer.sqlite3").write_bytes(b"this is not a database at all" * 200)

    with pytest.raises(StoreCorrupt) as info:
        CaseStore(data_dir)

    message = str(info.value)
    assert "reviewer rebuild-cache" in message and "\n" not in message
    assert "reviewer.sqlite3" in message and "CaseStore" not in message
    # it crosses process boundaries intact (a worker may report it)
    assert str(pickle.loads(pickle.dumps(info.value))) == message


def test_damaged_pages_fail_quick_check(data_dir: Path) -> None:
    db = _filled_store(data_dir)
    data = bytearray(db.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    # scribble over the b-tree pages after the schema page, leaving the header intact
    for offset in range(page, len(data) - page, page):
        data[offset : offset + 64] = b"\xa5" * 64
    db.write_bytes(bytes(data))

    with pytest.raises(StoreCorrupt, match="rebuild-cache"):
        CaseStore(data_dir)


def test_rebuild_keeps_damaged_file_aside_and_starts_fresh(data_dir: Path) -> None:
    db = _filled_store(data_dir)
    documents_before = sorted(p.name for p in (data_dir / "documents").rglob("*") if p.is_file())
    db.write_bytes(b"garbage" * 1000)

    report = CaseStore.rebuild(data_dir)
    assert report.set_aside is not None and report.set_aside.exists()
    with CaseStore(data_dir) as store:
        assert store.list_cases() == []
        case = store.get_or_create_case(user_token="tok", user_id=None, label="A")
        save_fetch(store, case.id, "after-rebuild")

    kept = [p for p in data_dir.iterdir() if p.name.startswith("reviewer.sqlite3.damaged-")]
    assert kept
    assert kept[0].read_bytes() == b"garbage" * 1000
    documents_after = {p.name for p in (data_dir / "documents").rglob("*") if p.is_file()}
    assert set(documents_before) <= documents_after
    with CaseStore(data_dir) as reopened:
        assert [row.label for row in reopened.list_cases()] == ["A"]


def test_database_from_a_newer_reviewer_is_refused(data_dir: Path) -> None:
    _filled_store(data_dir)
    conn = raw_connection(data_dir)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()

    with pytest.raises(StoreTooNew, match="newer Reviewer"):
        CaseStore(data_dir)


def test_store_uses_wal_full_sync_and_foreign_keys(store: CaseStore, data_dir: Path) -> None:
    conn = store._conn()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_closed_store_refuses_use(data_dir: Path) -> None:
    store = CaseStore(data_dir)
    store.close()
    with pytest.raises(Exception, match="closed"):
        store.list_cases()
