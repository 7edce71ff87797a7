"""Findings stored with their snapshot: one set per (snapshot, producer), tagged with a version.

The records are plain dicts shaped by the review layer (`reviewer.review.findings`); the store
keeps them as JSON beside two columns of its own: `failed` (how many did not hold) and `worst`
(the highest severity among them) for the case queue. A producer whose version differs from
the stored one recomputes and replaces its set; other producers' sets are left alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from reviewer.store import sqlcipher as sqlite3
from reviewer.store.connection import read_transaction, utc_now, write_transaction
from reviewer.store.errors import UnknownCase


@dataclass(frozen=True)
class StoredFindings:
    """One producer's findings for one snapshot, as stored."""

    snapshot_id: int
    producer: str  # "checks", "forensics", ...
    version: str
    computed_at: str
    failed: int
    worst: str | None
    records: list[dict[str, Any]] = dc_field(repr=False)


def save_findings(
    conn: sqlite3.Connection,
    snapshot_id: int,
    producer: str,
    version: str,
    records: list[dict[str, Any]],
    *,
    failed: int,
    worst: str | None,
) -> None:
    """Replace `producer`'s findings of the snapshot in one transaction."""
    text = json.dumps(records, sort_keys=True)
    with write_transaction(conn):
        if conn.execute("SELECT 1 FROM snapshots WHERE id = ?", (snapshot_id,)).fetchone() is None:
            raise UnknownCase(f"No snapshot {snapshot_id} to store findings for.")
        conn.execute(
            "INSERT OR REPLACE INTO findings (snapshot_id, producer, version, computed_at,"
            " failed, worst, records_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (snapshot_id, producer, version, utc_now(), int(failed), worst, text),
        )


def load_findings(conn: sqlite3.Connection, snapshot_id: int) -> list[StoredFindings]:
    """Every producer's findings of the snapshot, by producer name."""
    with read_transaction(conn):
        rows = conn.execute(
            "SELECT snapshot_id, producer, version, computed_at, failed, worst, records_json"
            " FROM findings WHERE snapshot_id = ? ORDER BY producer",
            (snapshot_id,),
        ).fetchall()
    result = []
    for snap, producer, version, computed_at, failed, worst, text in rows:
        try:
            records = json.loads(text)
        except ValueError:
            records = []  # a damaged set is recomputed: its version no longer counts
            version = ""
        if not isinstance(records, list):
            records, version = [], ""
        result.append(StoredFindings(snap, producer, version, computed_at, failed, worst, records))
    return result


def finding_versions(conn: sqlite3.Connection, snapshot_id: int) -> dict[str, str]:
    """producer -> stored version for the snapshot (cheap: no records parsed)."""
    rows = conn.execute(
        "SELECT producer, version FROM findings WHERE snapshot_id = ?", (snapshot_id,)
    ).fetchall()
    return {producer: version for producer, version in rows}
