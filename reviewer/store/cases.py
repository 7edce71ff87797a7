"""Cases: one Plaid user (user_token or user_id) plus the label a reviewer gives it."""

from __future__ import annotations

import json
import secrets
from collections.abc import Collection
from typing import Any

from reviewer.store import sqlcipher as sqlite3
from reviewer.store.audit import DECISION_PREFIX
from reviewer.store.connection import utc_now, write_transaction
from reviewer.store.errors import InvalidLabel, LabelInUse
from reviewer.store.records import CaseRow, StoredCase

# no 0/o, 1/l/i: ids get read aloud and typed from printouts
_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
_ID_LENGTH = 8
_CASE_COLUMNS = "id, label, user_token, user_id, created_at, purged_at"


def _new_case_id() -> str:
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(_ID_LENGTH))


def _case(row: tuple[Any, ...] | None) -> StoredCase | None:
    return None if row is None else StoredCase(*row)


def get_or_create_case(
    conn: sqlite3.Connection, *, user_token: str | None, user_id: str | None, label: str | None
) -> StoredCase:
    """The live case of this user (matched by user_token, else user_id), created if new.

    A case known only by user_id is matched (and gains the token) when a token comes with it.

    A label given for an existing case relabels it; a label naming another case is refused.
    """
    if not user_token and not user_id:
        raise ValueError("a case needs a user_token or a user_id")
    with write_transaction(conn):
        row = None
        if user_token:
            row = conn.execute(
                f"SELECT {_CASE_COLUMNS} FROM cases WHERE user_token = ?"  # noqa: S608
                " AND purged_at IS NULL ORDER BY created_at LIMIT 1",
                (user_token,),
            ).fetchone()
        if row is None and user_id:
            # a case first fetched by user_id alone is the same user once a token is known
            row = conn.execute(
                f"SELECT {_CASE_COLUMNS} FROM cases WHERE user_id = ?"  # noqa: S608
                " AND purged_at IS NULL AND (user_token IS NULL OR ? IS NULL)"
                " ORDER BY created_at LIMIT 1",
                (user_id, user_token),
            ).fetchone()
        if label is not None:
            _check_label(conn, label, row[0] if row is not None else None)
        if row is not None:
            case = StoredCase(*row)
            updates: dict[str, str] = {}
            if label is not None and label != case.label:
                updates["label"] = label
            if user_id and not case.user_id:
                updates["user_id"] = user_id
            if user_token and not case.user_token:
                updates["user_token"] = user_token
            for column, value in updates.items():
                conn.execute(
                    f"UPDATE cases SET {column} = ? WHERE id = ?",  # noqa: S608
                    (value, case.id),
                )
            row = conn.execute(
                f"SELECT {_CASE_COLUMNS} FROM cases WHERE id = ?",  # noqa: S608
                (case.id,),
            ).fetchone()
            return StoredCase(*row)
        while True:
            case_id = _new_case_id()
            taken = conn.execute(
                "SELECT 1 FROM cases WHERE id = ? OR label = ?", (case_id, case_id)
            ).fetchone()
            if taken is None:  # an id equal to a label would make that label unreachable
                break
        created_at = utc_now()
        conn.execute(
            "INSERT INTO cases (id, label, user_token, user_id, created_at) VALUES (?, ?, ?, ?, ?)",
            (case_id, label, user_token, user_id, created_at),
        )
        return StoredCase(case_id, label, user_token, user_id, created_at)


def _check_label(conn: sqlite3.Connection, label: str, case_id: str | None) -> None:
    """Refuse a label that is empty, names another live case, or is another case's id."""
    if not label.strip():
        raise InvalidLabel("A label cannot be empty.")
    owner = conn.execute(
        "SELECT id FROM cases WHERE label = ? AND purged_at IS NULL", (label,)
    ).fetchone()
    if owner is not None and owner[0] != case_id:
        raise LabelInUse(f"The label {label!r} already names case {owner[0]}.")
    if label != case_id and conn.execute("SELECT 1 FROM cases WHERE id = ?", (label,)).fetchone():
        raise InvalidLabel(f"The label {label!r} is another case's id; choose another label.")


def forget_if_unused(conn: sqlite3.Connection, case_id: str) -> bool:
    """A case whose first fetch failed (a bad token, ...) must not keep its label: it is
    deleted when nothing refers to it, else (its audit trail records the failed fetch, and
    the trail outlives nothing) it keeps its id and trail but lets go of the label. True when
    the case was deleted or its label released; never-fetched cases only."""
    with write_transaction(conn):
        fetched = conn.execute(
            "SELECT 1 FROM snapshots WHERE case_id = ? LIMIT 1", (case_id,)
        ).fetchone()
        if fetched is not None:
            return False
        audited = conn.execute("SELECT 1 FROM audit WHERE case_id = ? LIMIT 1", (case_id,))
        if audited.fetchone() is None:
            return conn.execute("DELETE FROM cases WHERE id = ?", (case_id,)).rowcount > 0
        released = conn.execute(
            "UPDATE cases SET label = NULL WHERE id = ? AND label IS NOT NULL", (case_id,)
        )
        return released.rowcount > 0


def find_case(conn: sqlite3.Connection, key: str) -> StoredCase | None:
    """The live case whose id, else label, is `key`."""
    by_id = conn.execute(
        f"SELECT {_CASE_COLUMNS} FROM cases WHERE id = ? AND purged_at IS NULL",  # noqa: S608
        (key,),
    ).fetchone()
    if by_id is not None:
        return _case(by_id)
    return _case(
        conn.execute(
            f"SELECT {_CASE_COLUMNS} FROM cases WHERE label = ? AND purged_at IS NULL",  # noqa: S608
            (key,),
        ).fetchone()
    )


def case_by_id(conn: sqlite3.Connection, case_id: str) -> StoredCase | None:
    """The case with this id, purged or not (purged cases still have an audit trail)."""
    return _case(
        conn.execute(
            f"SELECT {_CASE_COLUMNS} FROM cases WHERE id = ?",  # noqa: S608
            (case_id,),
        ).fetchone()
    )


def count_cases(conn: sqlite3.Connection) -> int:
    """How many live cases there are."""
    return int(conn.execute("SELECT COUNT(*) FROM cases WHERE purged_at IS NULL").fetchone()[0])


_QUEUE_ROWS = """SELECT c.id, c.label, s.applicant_name, s.max_risk_score,
                  (SELECT COUNT(*) FROM documents d WHERE d.snapshot_id = s.id),
                  a.action, s.fetched_at, c.user_token, c.user_id, c.created_at, a.timestamp,
                  (SELECT SUM(f.failed) FROM findings f WHERE f.snapshot_id = s.id),
                  (SELECT f.worst FROM findings f WHERE f.snapshot_id = s.id AND f.failed > 0
                   ORDER BY CASE f.worst WHEN 'high' THEN 3 WHEN 'medium' THEN 2
                            WHEN 'low' THEN 1 ELSE 0 END DESC LIMIT 1)
           FROM cases c
           LEFT JOIN snapshots s
             ON s.id = (SELECT MAX(id) FROM snapshots WHERE case_id = c.id)
           LEFT JOIN audit a
             ON a.id = (SELECT MAX(id) FROM audit WHERE case_id = c.id
                        AND substr(action, 1, ?) = ?)
           WHERE c.id IN ({which})
           ORDER BY c.created_at, c.id"""


def list_cases(
    conn: sqlite3.Connection, *, limit: int | None = None, offset: int = 0
) -> list[CaseRow]:
    """The queue: every live case with its newest snapshot's figures and newest decision,
    oldest case first; `limit`/`offset` page through it (the figures are read only for the
    page's cases)."""
    if (limit is not None and limit < 0) or offset < 0:
        raise ValueError("limit and offset cannot be negative")
    which = "SELECT id FROM cases WHERE purged_at IS NULL ORDER BY created_at, id LIMIT ? OFFSET ?"
    rows = conn.execute(
        _QUEUE_ROWS.format(which=which),
        (len(DECISION_PREFIX), DECISION_PREFIX, -1 if limit is None else limit, offset),
    ).fetchall()
    return [CaseRow(*row) for row in rows]


def case_rows(conn: sqlite3.Connection, case_ids: Collection[str]) -> list[CaseRow]:
    """The queue rows of these live cases (unknown or purged ids are left out)."""
    which = (
        "SELECT id FROM cases WHERE purged_at IS NULL AND id IN (SELECT value FROM json_each(?))"
    )
    rows = conn.execute(
        _QUEUE_ROWS.format(which=which),
        (len(DECISION_PREFIX), DECISION_PREFIX, json.dumps(sorted(case_ids))),
    ).fetchall()
    return [CaseRow(*row) for row in rows]


def find_cases_for_webhook(
    conn: sqlite3.Connection, *, user_id: str | None = None, item_id: str | None = None
) -> list[StoredCase]:
    """Live cases a Plaid webhook concerns: by the user's user_id, or by an Item id.

    An Item id is matched against the stored documents and per-item responses of every
    snapshot, and against the raw bodies of each case's newest snapshot (Link sessions and
    income reports name their Items only inside the JSON).
    """
    found: dict[str, StoredCase] = {}
    if user_id:
        for row in conn.execute(
            f"SELECT {_CASE_COLUMNS} FROM cases WHERE user_id = ? AND purged_at IS NULL",  # noqa: S608
            (user_id,),
        ):
            found[row[0]] = StoredCase(*row)
    if item_id:
        needle = item_id.encode()
        rows = conn.execute(
            f"""SELECT {_CASE_COLUMNS} FROM cases c WHERE c.purged_at IS NULL AND (
                  EXISTS (SELECT 1 FROM documents d JOIN snapshots s ON s.id = d.snapshot_id
                          WHERE s.case_id = c.id AND d.item_id = ?)
                  OR EXISTS (SELECT 1 FROM responses r JOIN snapshots s ON s.id = r.snapshot_id
                             WHERE s.case_id = c.id AND r.item_id = ?)
                  OR EXISTS (SELECT 1 FROM responses r
                             WHERE r.snapshot_id = (SELECT MAX(id) FROM snapshots
                                                    WHERE case_id = c.id)
                               AND instr(r.body, ?) > 0))
                ORDER BY c.created_at""",  # noqa: S608
            (item_id, item_id, needle),
        )
        for row in rows:
            found.setdefault(row[0], StoredCase(*row))
    return list(found.values())
