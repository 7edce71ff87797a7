"""The audit trail: append-only in SQLite itself, durable, and it outlives a purge."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from reviewer.store import CaseStore, UnknownCase
from reviewer.store import sqlcipher as sqlite3
from tests.store.helpers import raw_connection as _raw
from tests.store.helpers import save_fetch
from tests.store.sqlcipher_pages import decrypted_database, decrypted_wal


def test_append_and_read_trail(store: CaseStore) -> None:
    case = store.get_or_create_case(user_token="tok", user_id=None, label="A")
    before = datetime.now(UTC)
    entry = store.append_audit(
        case.id,
        actor="ann",
        action="action.refresh",
        details={"items": ["item-1"], "status": "SUCCESSFUL"},
        app_version="0.1.0",
        request_id="req-9",
    )
    store.append_audit(
        case.id,
        actor="ann",
        action="decision.reject",
        details={"note": "forged"},
        app_version="0.1.0",
    )
    store.append_audit(
        case.id, actor="bob", action="disposition", details={"signal": 0}, app_version="0.1.0"
    )

    trail = store.audit_trail(case.id)

    assert [e.action for e in trail] == ["action.refresh", "decision.reject", "disposition"]
    assert trail[0] == entry
    assert entry.request_id == "req-9"
    assert entry.details == {"items": ["item-1"], "status": "SUCCESSFUL"}
    stamp = datetime.fromisoformat(entry.timestamp)
    assert stamp.utcoffset() is not None
    assert stamp.utcoffset().total_seconds() == 0
    assert before <= stamp <= datetime.now(UTC)
    decision = store.latest_decision(case.id)
    assert decision is not None
    assert decision.details == {"note": "forged"}


def test_no_decision_yet(store: CaseStore) -> None:
    case = store.get_or_create_case(user_token="tok", user_id=None, label=None)
    store.append_audit(case.id, actor="ann", action="action.fetch", details={}, app_version="1")
    assert store.latest_decision(case.id) is None


def test_audit_for_unknown_case_is_refused(store: CaseStore) -> None:
    with pytest.raises(UnknownCase):
        store.append_audit(
            "nosuchid", actor="a", action="decision.approve", details={}, app_version="1"
        )


def test_sqlite_refuses_to_update_or_delete_audit_rows(store: CaseStore, data_dir: Path) -> None:
    case = store.get_or_create_case(user_token="tok", user_id=None, label=None)
    store.append_audit(case.id, actor="ann", action="decision.approve", details={}, app_version="1")
    conn = _raw(data_dir)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE audit SET action = 'decision.reject'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM audit")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("DELETE FROM cases")
    finally:
        conn.close()
    decision = store.latest_decision(case.id)
    assert decision is not None
    assert decision.action == "decision.approve"


def test_audit_entry_is_on_disk_when_append_returns(store: CaseStore, data_dir: Path) -> None:
    case = store.get_or_create_case(user_token="tok", user_id=None, label=None)
    store.append_audit(
        case.id, actor="ann", action="decision.approve", details={"n": 1}, app_version="1"
    )
    # another connection (as another process would) sees it without the store closing
    conn = _raw(data_dir)
    try:
        rows = conn.execute("SELECT action, details_json FROM audit").fetchall()
    finally:
        conn.close()
    assert rows == [("decision.approve", '{"n": 1}')]


def test_purge_deletes_data_keeps_trail_and_leaves_tombstone(store: CaseStore) -> None:
    case = store.get_or_create_case(user_token="tok-purge", user_id=None, label="APP-P")
    other = store.get_or_create_case(user_token="tok-other", user_id=None, label="APP-O")
    save_fetch(store, case.id, "p1")
    save_fetch(store, case.id, "p2")
    save_fetch(store, other.id, "p1")  # shares p1's document files
    own_files = [Path(d["path"]) for d in store.latest_snapshot(case.id).documents]  # type: ignore[union-attr]
    shared_files = [Path(d["path"]) for d in store.latest_snapshot(other.id).documents]  # type: ignore[union-attr]
    store.append_audit(case.id, actor="ann", action="decision.reject", details={}, app_version="1")

    store.purge_case(case.id, actor="lead", app_version="0.2", reason="applicant asked")

    assert store.find_case(case.id) is None
    assert store.find_case("APP-P") is None
    purged = store.get_case(case.id)
    assert purged is not None
    assert purged.purged_at is not None
    assert (purged.label, purged.user_token, purged.user_id) == ("APP-P", None, None)
    assert [row.id for row in store.list_cases()] == [other.id]
    assert store.snapshots(case.id) == []
    assert store.latest_snapshot(case.id) is None
    trail = store.audit_trail(case.id)
    assert [e.action for e in trail] == ["decision.reject", "case.purged"]
    tombstone = trail[-1]
    assert (tombstone.actor, tombstone.app_version) == ("lead", "0.2")
    decision = trail[0]
    # the tombstone: label, dates, decision and who; no applicant data
    assert tombstone.details == {
        "reason": "applicant asked",
        "label": "APP-P",
        "snapshots_deleted": 2,
        "case_created_at": case.created_at,
        "first_fetched_at": "2026-01-01T00:00:02+00:00",
        "last_fetched_at": "2026-01-01T00:00:02+00:00",
        "decision": "decision.reject",
        "decided_at": decision.timestamp,
        "decided_by": "ann",
    }
    assert not any(p.exists() for p in own_files)
    assert all(p.exists() for p in shared_files)
    # the label is free again and the same user starts a fresh case
    fresh = store.get_or_create_case(user_token="tok-purge", user_id=None, label="APP-P")
    assert fresh.id != case.id
    with pytest.raises(UnknownCase):
        store.purge_case(case.id, actor="lead", app_version="0.2", reason="again")


def test_purge_removes_the_user_token_from_the_database(store: CaseStore, data_dir: Path) -> None:
    case = store.get_or_create_case(
        user_token="user-sandbox-PURGEME", user_id="usr-PURGEME", label=None
    )
    save_fetch(store, case.id, "x")
    store.purge_case(case.id, actor="lead", app_version="1", reason="r")
    store.close()

    # decrypted page by page, free pages and WAL frames included (the raw bytes are ciphertext)
    db = data_dir / "reviewer.sqlite3"
    raw = decrypted_database(db, store.keys.db_key)
    raw += decrypted_wal(Path(f"{db}-wal"), store.keys.db_key)
    assert b"PURGEME" not in raw
    assert b"Applicant x" not in raw
