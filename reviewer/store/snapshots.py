"""Snapshots: one fetch of a case, saved in one transaction and read back whole.

Documents, signals and errors are stored as JSON records (their shapes belong to the review
layer) with the columns the store itself needs beside them: `documents.sha256` for garbage
collection, `signals.risk_score` and `fetch_errors.endpoint` for queries.
"""

from __future__ import annotations

import json
from typing import Any

from reviewer.store import sqlcipher as sqlite3
from reviewer.store.connection import read_transaction, utc_now, write_transaction
from reviewer.store.errors import MissingDocument, UnknownCase
from reviewer.store.files import DocumentFiles, check_sha256
from reviewer.store.records import NewSnapshot, ResponseRecord, SnapshotInfo, StoredSnapshot

_OK_STATUS = range(200, 300)


def save_snapshot(
    conn: sqlite3.Connection, files: DocumentFiles, case_id: str, snap: NewSnapshot
) -> int:
    """Insert `snap` for `case_id` atomically; returns the new snapshot id."""
    # serialise before taking the write lock: a bad record fails without blocking anyone
    documents = [(doc, json.dumps(doc, sort_keys=True)) for doc in snap.documents]
    signals = [(sig, json.dumps(sig, sort_keys=True)) for sig in snap.signals]
    errors = [(err, json.dumps(err, sort_keys=True)) for err in snap.errors]
    skipped = json.dumps(dict(snap.skipped), sort_keys=True)
    with write_transaction(conn):
        row = conn.execute("SELECT purged_at FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None or row[0] is not None:
            raise UnknownCase(f"No case {case_id!r} to save a snapshot for.")
        # checked under the write lock, which gc_documents also holds while deleting files
        for doc, _ in documents:
            sha256 = doc.get("sha256")
            if sha256 is not None and not files.path(check_sha256(sha256)).is_file():
                raise MissingDocument(
                    f"Document {doc.get('document_id')!r} refers to a file that was not "
                    f"stored ({sha256[:12]}…); store it with put_document first."
                )
        cursor = conn.execute(
            "INSERT INTO snapshots (case_id, fetched_at, saved_at, applicant_name,"
            " max_risk_score, skipped_json) VALUES (?, ?, ?, ?, ?, ?)",
            (
                case_id,
                snap.fetched_at,
                utc_now(),
                snap.applicant_name,
                snap.max_risk_score,
                skipped,
            ),
        )
        snapshot_id = cursor.lastrowid
        assert snapshot_id is not None
        for seq, response in enumerate(snap.responses):
            endpoint, item_id, status, content_type, body = response
            if not isinstance(body, bytes | bytearray | memoryview):
                raise TypeError(f"response body of {endpoint} must be bytes as received")
            conn.execute(
                "INSERT INTO responses VALUES (?, ?, ?, ?, ?, ?, ?)",
                (snapshot_id, seq, endpoint, item_id, status, content_type, bytes(body)),
            )
        _insert_records(conn, snapshot_id, documents, signals, errors)
    return snapshot_id


def _insert_records(
    conn: sqlite3.Connection,
    snapshot_id: int,
    documents: list[tuple[dict[str, Any], str]],
    signals: list[tuple[dict[str, Any], str]],
    errors: list[tuple[dict[str, Any], str]],
) -> None:
    conn.executemany(
        "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                snapshot_id,
                seq,
                str(doc.get("document_id", "")),
                doc.get("item_id"),
                doc.get("document_type"),
                doc.get("sha256"),
                text,
            )
            for seq, (doc, text) in enumerate(documents)
        ],
    )
    conn.executemany(
        "INSERT INTO signals VALUES (?, ?, ?, ?)",
        [
            (snapshot_id, seq, sig.get("risk_score"), text)
            for seq, (sig, text) in enumerate(signals)
        ],
    )
    conn.executemany(
        "INSERT INTO fetch_errors VALUES (?, ?, ?, ?)",
        [
            (snapshot_id, seq, str(err.get("endpoint", "")), text)
            for seq, (err, text) in enumerate(errors)
        ],
    )


def load_snapshot(
    conn: sqlite3.Connection, files: DocumentFiles, snapshot_id: int
) -> StoredSnapshot | None:
    """The whole snapshot `snapshot_id`, or None if there is none."""
    with read_transaction(conn):
        head = conn.execute(
            "SELECT id, case_id, fetched_at, saved_at, applicant_name, max_risk_score,"
            " skipped_json FROM snapshots WHERE id = ?",
            (snapshot_id,),
        ).fetchone()
        if head is None:
            return None
        responses = [
            ResponseRecord(endpoint, item_id, status, content_type, bytes(body))
            for endpoint, item_id, status, content_type, body in conn.execute(
                "SELECT endpoint, item_id, http_status, content_type, body FROM responses"
                " WHERE snapshot_id = ? ORDER BY seq",
                (snapshot_id,),
            )
        ]
        documents = [
            _with_current_path(files, text) for text in _records(conn, "documents", snapshot_id)
        ]
        signals = [json.loads(text) for text in _records(conn, "signals", snapshot_id)]
        errors = [json.loads(text) for text in _records(conn, "fetch_errors", snapshot_id)]
    return StoredSnapshot(
        id=head[0],
        case_id=head[1],
        fetched_at=head[2],
        saved_at=head[3],
        responses=responses,
        documents=documents,
        signals=signals,
        errors=errors,
        skipped=json.loads(head[6]),
        applicant_name=head[4],
        max_risk_score=head[5],
    )


def _records(conn: sqlite3.Connection, table: str, snapshot_id: int) -> list[str]:
    # table names come from this module only, never from callers
    rows = conn.execute(
        f"SELECT record_json FROM {table} WHERE snapshot_id = ? ORDER BY seq",  # noqa: S608
        (snapshot_id,),
    )
    return [row[0] for row in rows]


def _with_current_path(files: DocumentFiles, text: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(text)
    if doc.get("sha256"):
        doc["path"] = str(files.path(doc["sha256"]))
    return doc


def latest_snapshot_id(conn: sqlite3.Connection, case_id: str) -> int | None:
    """Id of the newest saved snapshot of the case."""
    row = conn.execute("SELECT MAX(id) FROM snapshots WHERE case_id = ?", (case_id,)).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def snapshot_history(conn: sqlite3.Connection, case_id: str) -> list[SnapshotInfo]:
    """Every snapshot of the case, oldest first, with counts instead of contents."""
    rows = conn.execute(
        "SELECT s.id, s.case_id, s.fetched_at, s.saved_at, s.applicant_name, s.max_risk_score,"
        " (SELECT COUNT(*) FROM documents d WHERE d.snapshot_id = s.id),"
        " (SELECT COUNT(*) FROM signals g WHERE g.snapshot_id = s.id),"
        " (SELECT COUNT(*) FROM fetch_errors e WHERE e.snapshot_id = s.id)"
        " FROM snapshots s WHERE s.case_id = ? ORDER BY s.id",
        (case_id,),
    ).fetchall()
    return [SnapshotInfo(*row) for row in rows]


def latest_good_responses(
    conn: sqlite3.Connection, case_id: str
) -> dict[str, tuple[int, list[ResponseRecord]]]:
    """Per endpoint, the responses of the newest snapshot where all of them were 2xx.

    This is "the newest complete data per endpoint": a fetch in which an endpoint failed does
    not hide that endpoint's last good data. Values are (snapshot_id, responses).
    """
    with read_transaction(conn):
        meta = conn.execute(
            "SELECT r.snapshot_id, r.endpoint, r.http_status FROM responses r"
            " JOIN snapshots s ON s.id = r.snapshot_id WHERE s.case_id = ?"
            " ORDER BY r.snapshot_id DESC",
            (case_id,),
        ).fetchall()
        healthy: dict[tuple[str, int], bool] = {}
        for snapshot_id, endpoint, status in meta:
            key = (endpoint, snapshot_id)
            healthy[key] = healthy.get(key, True) and status in _OK_STATUS
        chosen: dict[str, int] = {}
        for (endpoint, snapshot_id), ok in healthy.items():  # newest snapshot first
            if ok and endpoint not in chosen:
                chosen[endpoint] = snapshot_id
        result: dict[str, tuple[int, list[ResponseRecord]]] = {}
        for endpoint, snapshot_id in chosen.items():
            rows = conn.execute(
                "SELECT endpoint, item_id, http_status, content_type, body FROM responses"
                " WHERE snapshot_id = ? AND endpoint = ? ORDER BY seq",
                (snapshot_id, endpoint),
            )
            records = [
                ResponseRecord(name, item_id, status, content_type, bytes(body))
                for name, item_id, status, content_type, body in rows
            ]
            result[endpoint] = (snapshot_id, records)
    return result
