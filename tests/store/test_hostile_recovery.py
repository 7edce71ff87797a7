"""Recovery that salvages (issue 14 item 3 and the smaller item on the corrupt-database message).

(a) index damage is repaired in place; (b) garbage collection keeps what set-aside databases
name; (c) a missing or empty database is never read as "delete every document"; (d) a rebuild
takes the store lock and refuses while another process uses the directory; table damage is
salvaged row by row with the audit trail and decisions kept.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.store import CaseStore, StoreBusy, StoreCorrupt, StoreMissing
from reviewer.store.keys import unlock
from tests.store.helpers import raw_connection, save_fetch
from tests.store.sqlcipher_pages import PAGE, RESERVE, decrypted_database


def _filled(data_dir: Path, cases: int = 3, fetches: int = 4) -> list[str]:
    ids = []
    with CaseStore(data_dir) as store:
        for n in range(cases):
            case = store.get_or_create_case(user_token=f"tok-{n}", user_id=None, label=f"L-{n}")
            ids.append(case.id)
            for f in range(fetches):
                save_fetch(store, case.id, f"c{n}-f{f}")
            store.append_audit(
                case.id,
                actor="reviewer",
                action="decision.approve",
                details={"note": f"approved {n}"},
                app_version="test",
            )
    _checkpoint(data_dir)
    return ids


def _checkpoint(data_dir: Path) -> None:
    conn = raw_connection(data_dir)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _damage_label_index(data_dir: Path) -> None:
    """Scribble over the label index's page (its header kept), as a torn write would."""
    db = data_dir / "reviewer.sqlite3"
    conn = raw_connection(data_dir)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'cases_label'").fetchone()
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    conn.close()
    data = bytearray(db.read_bytes())
    start = (root[0] - 1) * page_size
    data[start + 8 : start + page_size] = b"\xa5" * (page_size - 8)
    db.write_bytes(bytes(data))
    conn = raw_connection(data_dir)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA quick_check")]
    except Exception:
        problems = ["malformed"]
    conn.close()
    assert problems != ["ok"], "the index is damaged"


def test_index_damage_is_repaired_in_place_keeping_everything(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    ids = _filled(data_dir)
    _damage_label_index(data_dir)
    with CaseStore(data_dir) as store:  # before: StoreCorrupt, and only rebuild-cache offered
        assert [c.label for c in store.list_cases()] == ["L-0", "L-1", "L-2"]
        assert store.find_case("L-1") is not None  # found through the rebuilt index
        for case_id in ids:
            assert store.latest_decision(case_id) is not None
            assert len(store.snapshots(case_id)) == 4
    assert not list(data_dir.glob("*.damaged-*")), "nothing was set aside"


def _damage_response_pages(data_dir: Path) -> None:
    """Scribble over one page holding raw responses (found by decrypting pages: this SQLCipher
    build has no dbstat), never one holding the audit trail."""
    db = data_dir / "reviewer.sqlite3"
    key = unlock(data_dir).db_key
    plain = decrypted_database(db, key)
    pages = [
        n
        for n in range(len(plain) // (PAGE - RESERVE))
        if b'{"tag": "' in (page := plain[n * (PAGE - RESERVE) : (n + 1) * (PAGE - RESERVE)])
        and b"decision.approve" not in page
    ]
    assert len(pages) >= 2, pages
    victim = pages[len(pages) // 2]
    data = bytearray(db.read_bytes())
    data[victim * PAGE : (victim + 1) * PAGE] = b"\xa5" * PAGE
    db.write_bytes(bytes(data))


def test_table_damage_is_salvaged_with_audit_trail_and_decisions(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    ids = _filled(data_dir, cases=3, fetches=30)
    _damage_response_pages(data_dir)
    with pytest.raises(StoreCorrupt):
        CaseStore(data_dir)
    report = CaseStore.rebuild(data_dir)
    assert report.set_aside is not None and report.set_aside.exists()
    assert report.kept["audit"] == 3 and report.kept["cases"] == 3
    assert report.kept["responses"] > 0
    assert "kept" in report.summary()
    with CaseStore(data_dir) as store:
        assert [c.label for c in store.list_cases()] == ["L-0", "L-1", "L-2"]
        for case_id in ids:
            decision = store.latest_decision(case_id)
            assert decision is not None and decision.action == "decision.approve"
            assert len(store.snapshots(case_id)) == 30


def test_gc_keeps_documents_a_set_aside_database_names(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _filled(data_dir, cases=1, fetches=2)
    files_before = sorted((data_dir / "documents").rglob("??/*"))
    db = data_dir / "reviewer.sqlite3"
    data = bytearray(db.read_bytes())
    data[:100] = b"\0" * 100  # the header is gone: SQLite cannot read a row of it
    db.write_bytes(bytes(data))
    report = CaseStore.rebuild(data_dir)
    assert report.kept.get("documents", 0) == 0, "the live database names none of them"
    with CaseStore(data_dir) as store:
        other = store.get_or_create_case(user_token="new", user_id=None, label="NEW")
        save_fetch(store, other.id, "new")  # a live database with snapshots, so gc runs
        store.gc_documents(grace_seconds=0)
    files_after = sorted((data_dir / "documents").rglob("??/*"))
    assert set(files_before) <= set(files_after)


@pytest.mark.parametrize("damage", ["empty", "deleted"])
def test_a_missing_or_empty_database_is_never_read_as_no_documents(
    tmp_path: Path, damage: str
) -> None:
    data_dir = tmp_path / "data"
    _filled(data_dir, cases=1, fetches=2)
    files_before = sorted((data_dir / "documents").rglob("??/*"))
    db = data_dir / "reviewer.sqlite3"
    if damage == "empty":
        db.write_bytes(b"")
    else:
        db.unlink()
    with pytest.raises(StoreMissing, match="4 document files") as info:
        CaseStore(data_dir, create=False)
    assert "\n" not in str(info.value)
    with CaseStore(data_dir) as store:  # the app's open: an empty database, gc must not run
        assert store.gc_documents(grace_seconds=0) == 0
    assert sorted((data_dir / "documents").rglob("??/*")) == files_before


def test_rebuild_refuses_while_another_process_uses_the_store(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _filled(data_dir, cases=1, fetches=1)
    with CaseStore(data_dir):  # flock: a second open file description conflicts like a process
        with pytest.raises(StoreBusy, match="another Reviewer process"):
            CaseStore.rebuild(data_dir)
    assert not list(data_dir.glob("*.damaged-*"))


def test_rebuild_of_a_healthy_database_changes_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _filled(data_dir, cases=1, fetches=1)
    report = CaseStore.rebuild(data_dir)
    assert report.set_aside is None
    assert not list(data_dir.glob("*.damaged-*"))
    with CaseStore(data_dir) as store:
        assert len(store.list_cases()) == 1
