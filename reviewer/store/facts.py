"""Facts read from a snapshot's Plaid responses, stored beside it so reading them back is cheap.

The review layer shapes them (`reviewer.review.show_facts`: identity claims and each document's
status, error and origin, for `reviewer show --json`); the store keeps one JSON object per
snapshot, tagged with the version of that shape so a newer Reviewer knows to rebuild it. They
are derived data: losing them loses nothing (they are rebuilt from the stored responses).
"""

from __future__ import annotations

import json
from typing import Any

from reviewer.store import sqlcipher as sqlite3
from reviewer.store.connection import read_transaction, write_transaction
from reviewer.store.errors import UnknownCase


def save_facts(
    conn: sqlite3.Connection, snapshot_id: int, version: str, facts: dict[str, Any]
) -> None:
    """Replace the snapshot's stored facts in one transaction."""
    text = json.dumps(facts, sort_keys=True)
    with write_transaction(conn):
        if conn.execute("SELECT 1 FROM snapshots WHERE id = ?", (snapshot_id,)).fetchone() is None:
            raise UnknownCase(f"No snapshot {snapshot_id} to store facts for.")
        conn.execute(
            "INSERT OR REPLACE INTO snapshot_facts (snapshot_id, version, facts_json)"
            " VALUES (?, ?, ?)",
            (snapshot_id, version, text),
        )


def load_facts(conn: sqlite3.Connection, snapshot_id: int) -> tuple[str, dict[str, Any]] | None:
    """The snapshot's stored facts and their version; None when missing or unreadable."""
    with read_transaction(conn):
        row = conn.execute(
            "SELECT version, facts_json FROM snapshot_facts WHERE snapshot_id = ?", (snapshot_id,)
        ).fetchone()
    if row is None:
        return None
    try:
        facts = json.loads(row[1])
    except ValueError:
        return None  # damaged: rebuilt from the responses
    return (str(row[0]), facts) if isinstance(facts, dict) else None
