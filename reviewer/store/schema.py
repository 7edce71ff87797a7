"""The database schema and its `PRAGMA user_version` migrations.

Each migration is a list of single statements (not a script) so it runs inside the caller's
`BEGIN IMMEDIATE` transaction: `executescript` would commit first, and two processes opening an
empty directory at once would then both try to create the tables.
"""

from __future__ import annotations

from reviewer.store import sqlcipher as sqlite3
from reviewer.store.errors import StoreTooNew

_APPEND_ONLY = "SELECT RAISE(ABORT, 'audit trail is append-only')"
# what a purged case's audit entries keep as details (see migration 3)
REDACTED_DETAILS = '{"redacted": "case purged"}'

MIGRATIONS: list[list[str]] = [
    # version 1
    [
        """CREATE TABLE cases (
            id TEXT PRIMARY KEY,
            label TEXT,
            user_token TEXT,
            user_id TEXT,
            created_at TEXT NOT NULL,
            purged_at TEXT
        )""",
        # a purged case keeps its row (the audit trail points at it) but frees its label
        "CREATE UNIQUE INDEX cases_label ON cases(label) WHERE purged_at IS NULL",
        "CREATE INDEX cases_user_token ON cases(user_token)",
        "CREATE INDEX cases_user_id ON cases(user_id)",
        """CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY,
            case_id TEXT NOT NULL REFERENCES cases(id),
            fetched_at TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            applicant_name TEXT,
            max_risk_score REAL,
            skipped_json TEXT NOT NULL
        )""",
        "CREATE INDEX snapshots_case ON snapshots(case_id, id)",
        """CREATE TABLE responses (
            snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            endpoint TEXT NOT NULL,
            item_id TEXT,
            http_status INTEGER,
            content_type TEXT,
            body BLOB NOT NULL,
            PRIMARY KEY (snapshot_id, seq)
        )""",
        """CREATE TABLE documents (
            snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            document_id TEXT NOT NULL,
            item_id TEXT,
            document_type TEXT,
            sha256 TEXT,
            record_json TEXT NOT NULL,
            PRIMARY KEY (snapshot_id, seq)
        )""",
        # garbage collection asks "is this file referenced anywhere?"
        "CREATE INDEX documents_sha256 ON documents(sha256)",
        """CREATE TABLE signals (
            snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            risk_score REAL,
            record_json TEXT NOT NULL,
            PRIMARY KEY (snapshot_id, seq)
        )""",
        """CREATE TABLE fetch_errors (
            snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            endpoint TEXT NOT NULL,
            record_json TEXT NOT NULL,
            PRIMARY KEY (snapshot_id, seq)
        )""",
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id TEXT NOT NULL REFERENCES cases(id),
            timestamp TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            details_json TEXT NOT NULL,
            app_version TEXT NOT NULL,
            request_id TEXT
        )""",
        "CREATE INDEX audit_case ON audit(case_id, id)",
        f"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN {_APPEND_ONLY}; END",
        f"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN {_APPEND_ONLY}; END",
        # the trail must outlive its case: a case with audit rows can be purged, never deleted
        """CREATE TRIGGER cases_keep_audited BEFORE DELETE ON cases
            WHEN EXISTS (SELECT 1 FROM audit WHERE audit.case_id = OLD.id)
            BEGIN SELECT RAISE(ABORT, 'a case with an audit trail cannot be deleted'); END""",
    ],
    # version 2: findings of Reviewer's own checks, one set per snapshot and producer
    # ("checks", "forensics"), tagged with the producer's version so a newer Reviewer knows to
    # recompute; `failed`/`worst` let the queue show failed checks without parsing the records
    [
        """CREATE TABLE findings (
            snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
            producer TEXT NOT NULL,
            version TEXT NOT NULL,
            computed_at TEXT NOT NULL,
            failed INTEGER NOT NULL,
            worst TEXT,
            records_json TEXT NOT NULL,
            PRIMARY KEY (snapshot_id, producer)
        )""",
    ],
    # version 3: a purge erases applicant data from its case's trail. The trail stays
    # append-only except for one change: once the case is purged, an entry's details may be
    # replaced by the redaction marker (who, when and what stay; the tombstone says the rest)
    [
        "DROP TRIGGER audit_no_update",
        f"""CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            WHEN NOT (NEW.id = OLD.id AND NEW.case_id = OLD.case_id
                      AND NEW.timestamp = OLD.timestamp AND NEW.actor = OLD.actor
                      AND NEW.action = OLD.action AND NEW.app_version = OLD.app_version
                      AND NEW.request_id IS OLD.request_id
                      AND NEW.details_json = '{REDACTED_DETAILS}'
                      AND EXISTS (SELECT 1 FROM cases
                                  WHERE id = OLD.case_id AND purged_at IS NOT NULL))
            BEGIN {_APPEND_ONLY}; END""",  # noqa: S608 - constants, no input
    ],
    # version 4: the queue counts failed findings per snapshot from this index alone; read
    # from the table each count paged in the records' JSON (0.4 s at 10,000 cases)
    ["CREATE INDEX findings_queue ON findings(snapshot_id, failed, worst)"],
    # version 5: facts read from a snapshot's responses (identity, each document's status,
    # error and origin) kept beside it, so `reviewer show --json` does not re-read Plaid's JSON
    # through the generated models every time; derived data, rebuilt when missing or outdated
    [
        """CREATE TABLE snapshot_facts (
            snapshot_id INTEGER PRIMARY KEY REFERENCES snapshots(id) ON DELETE CASCADE,
            version TEXT NOT NULL,
            facts_json TEXT NOT NULL
        )""",
    ],
]

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the database up to `SCHEMA_VERSION`, in one write transaction."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        # another process may have migrated while we waited for the write lock
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreTooNew(
                f"The case cache was written by a newer Reviewer (schema {version}, this one "
                f"knows {SCHEMA_VERSION}); update Reviewer or use another data directory."
            )
        for step in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[step]:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
