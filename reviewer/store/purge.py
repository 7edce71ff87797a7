"""Purging a case: its data goes, a tombstone stays in the audit trail.

What goes: every snapshot (raw responses, documents, signals, errors, findings), the user's
identifiers, the details of its earlier audit entries (decision notes can name the applicant)
and the document files no other case uses. What stays: the case row with its label, and the
trail's who/when/what, closed by a tombstone with the label, the dates and the decision.

SQLite's `secure_delete` zeroes the freed pages, a TRUNCATE checkpoint empties the WAL, and
the document files are overwritten before they are unlinked, so neither the encrypted bytes
nor their decryption hold the case afterwards.
"""

from __future__ import annotations

import contextlib
from typing import Any

from reviewer.store import audit, cases
from reviewer.store import sqlcipher as sqlite3
from reviewer.store.connection import utc_now, write_transaction
from reviewer.store.errors import UnknownCase
from reviewer.store.files import DocumentFiles
from reviewer.store.schema import REDACTED_DETAILS
from reviewer.store.upgrade import shred


def purge_case(
    conn: sqlite3.Connection,
    files: DocumentFiles,
    case_id: str,
    *,
    actor: str,
    app_version: str,
    reason: str,
) -> dict[str, Any]:
    """Purge one case (see module docstring); returns the tombstone's details."""
    with write_transaction(conn):
        case = cases.case_by_id(conn, case_id)
        if case is None or case.purged_at is not None:
            raise UnknownCase(f"No case {case_id!r} to purge.")
        shas = {
            row[0]
            for row in conn.execute(
                "SELECT DISTINCT d.sha256 FROM documents d JOIN snapshots s"
                " ON s.id = d.snapshot_id WHERE s.case_id = ? AND d.sha256 IS NOT NULL",
                (case_id,),
            )
        }
        count, first, last = conn.execute(
            "SELECT COUNT(*), MIN(fetched_at), MAX(fetched_at) FROM snapshots WHERE case_id = ?",
            (case_id,),
        ).fetchone()
        decision = audit.latest_decision(conn, case_id)
        conn.execute("DELETE FROM snapshots WHERE case_id = ?", (case_id,))
        conn.execute(
            "UPDATE cases SET purged_at = ?, user_token = NULL, user_id = NULL WHERE id = ?",
            (utc_now(), case_id),
        )
        conn.execute(
            "UPDATE audit SET details_json = ? WHERE case_id = ? AND details_json != ?",
            (REDACTED_DETAILS, case_id, REDACTED_DETAILS),
        )
        details = {
            "reason": reason,
            "label": case.label,
            "case_created_at": case.created_at,
            "first_fetched_at": first,
            "last_fetched_at": last,
            "snapshots_deleted": count,
            "decision": decision.action if decision else None,
            "decided_at": decision.timestamp if decision else None,
            "decided_by": decision.actor if decision else None,
        }
        audit.insert_audit(
            conn,
            case_id,
            actor=actor,
            action=audit.PURGE_ACTION,
            details=details,
            app_version=app_version,
            request_id=None,
        )
    _remove_unreferenced(conn, files, shas)
    # secure_delete zeroed the freed pages; a checkpoint takes the old ones out of the WAL
    with contextlib.suppress(sqlite3.OperationalError):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return details


def _remove_unreferenced(conn: sqlite3.Connection, files: DocumentFiles, shas: set[str]) -> None:
    with write_transaction(conn):
        for sha256 in shas:
            still_used = conn.execute(
                "SELECT 1 FROM documents WHERE sha256 = ? LIMIT 1", (sha256,)
            ).fetchone()
            if still_used is None:
                shred(files.path(sha256))


def cases_decided_before(conn: sqlite3.Connection, cutoff: str) -> list[str]:
    """Ids of live cases whose newest decision was recorded before `cutoff` (ISO 8601 UTC)."""
    rows = conn.execute(
        """SELECT c.id FROM cases c
           JOIN audit a ON a.id = (SELECT MAX(id) FROM audit WHERE case_id = c.id
                                   AND substr(action, 1, ?) = ?)
           WHERE c.purged_at IS NULL AND a.timestamp < ?
           ORDER BY a.timestamp""",
        (len(audit.DECISION_PREFIX), audit.DECISION_PREFIX, cutoff),
    ).fetchall()
    return [row[0] for row in rows]
