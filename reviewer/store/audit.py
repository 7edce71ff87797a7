"""The audit trail: append-only rows, enforced by triggers that abort any UPDATE or DELETE.

An entry is committed with `synchronous=FULL` before `append_audit` returns, so a decision the UI
reports as saved survives a crash the instant after.
"""

from __future__ import annotations

import json
from typing import Any

from reviewer.store import sqlcipher as sqlite3
from reviewer.store.connection import utc_now, write_transaction
from reviewer.store.errors import UnknownCase
from reviewer.store.records import AuditEntry

DECISION_PREFIX = "decision"
PURGE_ACTION = "case.purged"

_COLUMNS = "id, case_id, timestamp, actor, action, details_json, app_version, request_id"


def insert_audit(
    conn: sqlite3.Connection,
    case_id: str,
    *,
    actor: str,
    action: str,
    details: dict[str, Any],
    app_version: str,
    request_id: str | None,
) -> AuditEntry:
    """Append one row inside the caller's transaction; returns it as stored."""
    if not isinstance(details, dict):
        raise TypeError("audit details must be a dict")
    if not actor or not action:
        raise ValueError("an audit entry needs an actor and an action")
    exists = conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone()
    if exists is None:
        raise UnknownCase(f"No case {case_id!r} to audit.")
    timestamp = utc_now()
    text = json.dumps(details, sort_keys=True)
    cursor = conn.execute(
        "INSERT INTO audit (case_id, timestamp, actor, action, details_json, app_version,"
        " request_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (case_id, timestamp, actor, action, text, app_version, request_id),
    )
    assert cursor.lastrowid is not None
    return AuditEntry(
        id=cursor.lastrowid,
        case_id=case_id,
        timestamp=timestamp,
        actor=actor,
        action=action,
        details=json.loads(text),
        app_version=app_version,
        request_id=request_id,
    )


def append_audit(
    conn: sqlite3.Connection,
    case_id: str,
    *,
    actor: str,
    action: str,
    details: dict[str, Any],
    app_version: str,
    request_id: str | None = None,
) -> AuditEntry:
    """Append one row in its own durable transaction."""
    with write_transaction(conn):
        return insert_audit(
            conn,
            case_id,
            actor=actor,
            action=action,
            details=details,
            app_version=app_version,
            request_id=request_id,
        )


def _entry(row: tuple[Any, ...]) -> AuditEntry:
    return AuditEntry(
        id=row[0],
        case_id=row[1],
        timestamp=row[2],
        actor=row[3],
        action=row[4],
        details=json.loads(row[5]),
        app_version=row[6],
        request_id=row[7],
    )


def audit_trail(conn: sqlite3.Connection, case_id: str) -> list[AuditEntry]:
    """Every entry of the case, oldest first (also for purged cases)."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM audit WHERE case_id = ? ORDER BY id",  # noqa: S608
        (case_id,),
    ).fetchall()
    return [_entry(row) for row in rows]


def latest_decision(conn: sqlite3.Connection, case_id: str) -> AuditEntry | None:
    """The newest entry whose action starts with "decision", or None."""
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM audit WHERE case_id = ? AND substr(action, 1, ?) = ?"  # noqa: S608
        " ORDER BY id DESC LIMIT 1",
        (case_id, len(DECISION_PREFIX), DECISION_PREFIX),
    ).fetchone()
    return None if row is None else _entry(row)
