"""An unencrypted data directory as Reviewer wrote it before encryption at rest.

python -m tests.store.old_data_dir upgrade DATA_DIR    open it (which encrypts it), exit 0
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3  # the old, unencrypted format on purpose
import sys
from pathlib import Path

from reviewer.store.schema import MIGRATIONS

NAME = "Rosalind Upgradewell"
DOC_COUNT = 24


def document_bytes(i: int) -> bytes:
    """A document with a recognisable plaintext (and some bulk, so the upgrade takes time)."""
    return b"%PDF-1.7\n" + f"pay stub {i} of {NAME}\n".encode() + os.urandom(200_000)


def make_old_data_dir(data_dir: Path) -> dict[str, bytes]:
    """Write the old layout: plaintext SQLite (WAL) and documents/ab/<sha256>. Returns the
    documents by SHA-256."""
    data_dir.mkdir(mode=0o700, parents=True)
    docs: dict[str, bytes] = {}
    for i in range(DOC_COUNT):
        data = document_bytes(i)
        sha = hashlib.sha256(data).hexdigest()
        path = data_dir / "documents" / sha[:2] / sha
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        docs[sha] = data
    conn = sqlite3.connect(data_dir / "reviewer.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN")
    for statement in (s for step in MIGRATIONS for s in step):
        conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
    conn.execute(
        "INSERT INTO cases (id, label, user_token, created_at) VALUES"
        " ('oldcase1', 'OLD-1', 'tok-old', '2026-01-01T00:00:00+00:00')"
    )
    conn.execute(
        "INSERT INTO snapshots (id, case_id, fetched_at, saved_at, applicant_name, skipped_json)"
        " VALUES (1, 'oldcase1', '2026-01-02T00:00:00+00:00', '2026-01-02T00:00:00+00:00', ?,"
        " '{}')",
        (NAME,),
    )
    conn.execute(
        "INSERT INTO responses VALUES (1, 0, '/credit/payroll_income/get', NULL, 200,"
        " 'application/json', ?)",
        (json.dumps({"name": NAME, "body": "x" * 300_000}).encode(),),
    )
    for seq in range(1, 40):  # bulk, so encrypting the database takes a while too
        conn.execute(
            "INSERT INTO responses VALUES (1, ?, '/credit/bank_income/get', NULL, 200,"
            " 'application/json', ?)",
            (seq, os.urandom(100_000)),
        )
    for seq, sha in enumerate(docs):
        record = {"document_id": f"doc-{seq}", "sha256": sha, "name": f"{NAME} {seq}.pdf"}
        conn.execute(
            "INSERT INTO documents VALUES (1, ?, ?, NULL, 'PAYSTUB', ?, ?)",
            (seq, f"doc-{seq}", sha, json.dumps(record)),
        )
    conn.execute(
        "INSERT INTO audit (case_id, timestamp, actor, action, details_json, app_version)"
        " VALUES ('oldcase1', '2026-01-03T00:00:00+00:00', 'ann', 'decision.approve', ?, '0.1')",
        (json.dumps({"note": f"{NAME} checks out"}),),
    )
    conn.execute("COMMIT")
    conn.close()
    return docs


if __name__ == "__main__":
    from reviewer.store import CaseStore

    print("opening", flush=True)  # imports done: the parent times the kill from here
    CaseStore(Path(sys.argv[2])).close()
    print("upgraded", flush=True)
