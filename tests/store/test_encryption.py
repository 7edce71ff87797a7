"""Data at rest: the database (SQLCipher) and document files (AES-256-GCM) are encrypted,
tampering is reported in words, and a purge leaves nothing behind even when decrypted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reviewer.sealing import SealedFileError, read_file
from reviewer.store import CaseStore, DocumentUnreadable, StoreCorrupt
from reviewer.store.sqlcipher import PLAINTEXT_HEADER
from tests.store.helpers import pdf_bytes, raw_connection, save_fetch
from tests.store.sqlcipher_pages import decrypted_database, decrypted_wal

REPO = Path(__file__).resolve().parents[2]
SECRET_NAME = b"Marguerite Q. Applicant"


def _raw_bytes(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file())


def test_nothing_readable_on_disk(store: CaseStore, data_dir: Path) -> None:
    case = store.get_or_create_case(user_token="tok-secret-123", user_id=None, label="APP-77")
    save_fetch(store, case.id, "first", applicant_name=SECRET_NAME.decode())
    store.append_audit(
        case.id,
        actor="ann",
        action="decision.reject",
        details={"note": f"{SECRET_NAME.decode()} altered the stub"},
        app_version="1",
    )
    raw = _raw_bytes(data_dir)
    for needle in (SECRET_NAME, b"tok-secret-123", b"APP-77", b"%PDF-1.", PLAINTEXT_HEADER):
        assert needle not in raw, needle
    # and what is stored reads back
    assert store.find_case("APP-77") is not None


def test_sqlcipher_pages_decrypt_with_the_derived_key(store: CaseStore, data_dir: Path) -> None:
    case = store.get_or_create_case(user_token="tok", user_id=None, label="APP-1")
    save_fetch(store, case.id, "first", applicant_name=SECRET_NAME.decode())
    store.close()
    plain = decrypted_database(data_dir / "reviewer.sqlite3", store.keys.db_key)
    plain += decrypted_wal(data_dir / "reviewer.sqlite3-wal", store.keys.db_key)
    # our own decryption works (so the purge test below can trust an absence)
    assert SECRET_NAME in plain


def test_a_purge_leaves_none_of_the_case_even_decrypted(store: CaseStore, data_dir: Path) -> None:
    gone = store.get_or_create_case(user_token="tok-gone", user_id="user-gone", label="APP-GONE")
    save_fetch(store, gone.id, "gone-1", applicant_name=SECRET_NAME.decode())
    save_fetch(store, gone.id, "gone-2", applicant_name=SECRET_NAME.decode())
    store.append_audit(
        gone.id,
        actor="ann",
        action="decision.reject",
        details={"note": f"{SECRET_NAME.decode()} forged it"},
        app_version="1",
    )
    kept = store.get_or_create_case(user_token="tok-kept", user_id=None, label="APP-KEPT")
    save_fetch(store, kept.id, "kept-1", applicant_name="Kept Person")
    gone_files = [
        Path(d["path"])
        for info in store.snapshots(gone.id)
        for d in store.snapshot(info.id).documents  # type: ignore[union-attr]
        if d.get("path")
    ]
    assert gone_files

    tombstone = store.purge_case(gone.id, actor="lead", app_version="2", reason="retention")
    keys = store.keys
    store.close()

    assert tombstone["label"] == "APP-GONE" and tombstone["decision"] == "decision.reject"
    assert tombstone["decided_by"] == "ann" and tombstone["snapshots_deleted"] == 2
    assert not any(path.exists() for path in gone_files)
    db = data_dir / "reviewer.sqlite3"
    plain = decrypted_database(db, keys.db_key) + decrypted_wal(Path(f"{db}-wal"), keys.db_key)
    for needle in (SECRET_NAME, b"tok-gone", b"user-gone", b"gone-1", b"gone-2", b"forged"):
        assert needle not in plain, needle
    assert b"Kept Person" in plain  # the other case is untouched
    with CaseStore(data_dir) as reopened:
        trail = reopened.audit_trail(gone.id)
        assert [e.action for e in trail] == ["decision.reject", "case.purged"]
        assert trail[0].details == {"redacted": "case purged"}
        assert trail[0].actor == "ann"  # who and when stay
        assert reopened.find_case("APP-KEPT") is not None


def test_trail_of_a_live_case_stays_append_only(store: CaseStore, data_dir: Path) -> None:
    case = store.get_or_create_case(user_token="tok", user_id=None, label="A")
    store.append_audit(case.id, actor="a", action="decision.approve", details={}, app_version="1")
    conn = raw_connection(data_dir)
    try:
        from reviewer.store import sqlcipher

        with pytest.raises(sqlcipher.IntegrityError, match="append-only"):
            conn.execute('UPDATE audit SET details_json = \'{"redacted": "case purged"}\'')
    finally:
        conn.close()


def test_tampered_document_is_detected_in_words(store: CaseStore) -> None:
    sha, path = store.put_document(pdf_bytes("evidence"))
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(DocumentUnreadable, match="integrity check"):
        store.read_document(sha)
    with pytest.raises(SealedFileError, match="altered"):
        read_file(path)


def test_swapped_document_files_are_detected(store: CaseStore) -> None:
    sha_a, path_a = store.put_document(pdf_bytes("a"))
    _sha_b, path_b = store.put_document(pdf_bytes("b"))
    path_a.write_bytes(path_b.read_bytes())  # a valid sealed file, but another document's
    with pytest.raises(DocumentUnreadable, match="integrity check"):
        store.read_document(sha_a)


def test_tampered_database_page_is_reported_in_words(data_dir: Path) -> None:
    with CaseStore(data_dir) as store:
        case = store.get_or_create_case(user_token="tok", user_id=None, label="A")
        for i in range(5):
            save_fetch(store, case.id, f"fetch-{i}")
    db = data_dir / "reviewer.sqlite3"
    data = bytearray(db.read_bytes())
    data[4096 + 100] ^= 0x01  # one bit of page 2
    db.write_bytes(bytes(data))
    with pytest.raises(StoreCorrupt, match="damaged or was altered"):
        CaseStore(data_dir).close()  # the open's quick_check reads every page


def test_the_store_never_uses_the_unencrypted_sqlite_module() -> None:
    """Code under reviewer/ opens SQLite only through store.sqlcipher (stdlib would be plaintext,
    and its exception classes do not catch SQLCipher's)."""
    offenders = [
        str(p.relative_to(REPO))
        for p in (REPO / "reviewer").rglob("*.py")
        if re.search(r"^\s*(import sqlite3|from sqlite3 import)", p.read_text(), re.M)
        and p.name != "sqlcipher.py"
    ]
    assert offenders == []


def test_connections_keep_temporary_data_in_memory(store: CaseStore) -> None:
    conn = store._conn()
    assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert conn.execute("PRAGMA cipher_version").fetchone()[0]  # SQLCipher, not plain SQLite
