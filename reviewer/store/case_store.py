"""`CaseStore`: the durable local cache of cases, snapshots, document files and the audit trail.

Layout of a data directory (mode 0700, files 0600):
    reviewer.key                      the data key, wrapped (OS keyring or passphrase; keys.py)
    reviewer.sqlite3 (+ -wal, -shm)   cases, snapshots, raw responses, records, audit trail
                                      (SQLCipher: every page encrypted, WAL and free pages too)
    documents/ab/abcdef….sealed       document files, AES-256-GCM, named by a keyed hash
    documents/.tmp/                   files being written (cleaned on open when orphaned)
    documents/.all-sealed             no plaintext document file is left (upgrade.py)
    reviewer.sqlite3.checked          the file as a clean close after a check left it (checked.py)

Thread-safe (one SQLite connection per thread) and safe to share between processes (SQLite
locking; writes take the lock up front with BEGIN IMMEDIATE).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Collection
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

from reviewer import paths
from reviewer.store import audit, cases, checked, facts, findings, snapshots
from reviewer.store import sqlcipher as sqlite3
from reviewer.store.connection import (
    ThreadConnections,
    create_private_file,
    is_corruption,
    quick_check_problems,
    write_transaction,
)
from reviewer.store.errors import StoreCorrupt, StoreMissing
from reviewer.store.files import DocumentFiles, private_dir
from reviewer.store.findings import StoredFindings
from reviewer.store.lock import StoreLock
from reviewer.store.records import (
    AuditEntry,
    CaseRow,
    NewSnapshot,
    ResponseRecord,
    SnapshotInfo,
    StoredCase,
    StoredSnapshot,
)
from reviewer.store.schema import migrate
from reviewer.store.unlock import open_keys, unlock_data_dir

if TYPE_CHECKING:
    from reviewer.store.recovery import SalvageReport

# recovery (damaged files) and purge load when first needed: every command line that opens
# the store would otherwise pay for their import
log = logging.getLogger(__name__)

DB_NAME = paths.DATABASE_NAME
DOCUMENTS_DIR = "documents"
# what `check="listing"` checks: names, labels, dates, figures and decisions of the queue
LISTING_TABLES = ("cases", "snapshots", "audit")
# unreferenced files younger than this are kept: another process may be mid-fetch with them
GC_GRACE_SECONDS = 3600.0


class CaseStore:
    """Cases, their fetch snapshots, document files and audit trail in one data directory."""

    def __init__(
        self,
        data_dir: Path,
        passphrase: str | None = None,
        *,
        create: bool = True,
        check: Literal["full", "listing"] = "full",
    ) -> None:
        """Open (`create`: or start) the store in `data_dir`.

        Everything applicant-related is encrypted at rest under the directory's data key
        (`keys.unlock`: OS keyring, else `passphrase` or REVIEWER_PASSPHRASE). An older,
        unencrypted directory is encrypted in place on first open (`upgrade`).

        `create=False` is for commands that only read: a missing or empty database raises
        `StoreMissing` instead of being created (saying so when document files are there).
        On open SQLite's quick_check runs (over the tables the queue reads only, when the
        file is exactly as a clean close after a check left it: `checked`); damage to indexes
        only is repaired in place
        (the index rebuilt from its table), anything worse raises `StoreCorrupt` (see
        `rebuild`). `check="listing"` (a command that only lists cases, `reviewer cases`)
        checks just the tables the queue is read from (`LISTING_TABLES`): the whole file is
        ~90 KB per case, 3 s to check at 10,000 cases, and every page read is still
        authenticated by SQLCipher.
        """
        self.data_dir = private_dir(Path(data_dir))
        self.db_path = self.data_dir / DB_NAME
        self._whole_file_checked = False
        if not create and (missing := CaseStore.missing(self.data_dir)) is not None:
            raise missing
        self._lock = StoreLock(self.data_dir, exclusive=False)
        try:
            self.keys = open_keys(self.data_dir, self.db_path, passphrase)
        except BaseException:
            self._lock.release()
            raise
        # unchanged since a clean close that had it checked: the whole file need not be read
        # again (checked.py); judged before a connection touches it. An open that may write
        # consumes the record until it closes cleanly; a listing (it only reads) leaves it
        unchanged = checked.unchanged_since_checked(self.db_path)
        if check == "full":
            checked.consume(self.db_path)
        self._connections = ThreadConnections(self.db_path, self.keys.sqlcipher_key_pragma())
        try:
            create_private_file(self.db_path)
            self.files = DocumentFiles(self.data_dir / DOCUMENTS_DIR, self.keys)
            self.files.remove_orphaned_temps()
            conn = self._conn()
            tables = LISTING_TABLES if check == "listing" or unchanged else ()
            problems: list[str] = []
            try:
                if not (check == "listing" and unchanged):
                    problems = quick_check_problems(conn, tables)
            except sqlite3.DatabaseError as exc:
                if not is_corruption(exc):
                    raise
                problems = [str(exc)]
            if problems:
                log.warning(
                    "%s fails its check (%s): rebuilding indexes", self.db_path, problems[0]
                )
                # a connection of our own caches the damaged pages and the old schema
                self._connections.close_all()
                key_pragma = self.keys.sqlcipher_key_pragma()
                from reviewer.store import recovery

                problems = recovery.repair_if_only_indexes(self.db_path, key_pragma, problems)
                self._connections = ThreadConnections(self.db_path, key_pragma)
                conn = self._conn()
            if problems:
                raise StoreCorrupt(self.db_path, problems[0])
            migrate(conn)
            self._whole_file_checked = check == "full"
        except sqlite3.DatabaseError as exc:
            self.close()
            if is_corruption(exc):
                raise StoreCorrupt(self.db_path, str(exc)) from exc
            raise
        except BaseException:
            self.close()
            raise

    @staticmethod
    def missing(data_dir: Path) -> StoreMissing | None:
        """`StoreMissing` (not raised) when `data_dir` has no database or an empty one."""
        db_path = Path(data_dir) / DB_NAME
        if not _is_missing_or_empty(db_path):
            return None
        root = Path(data_dir) / DOCUMENTS_DIR
        count = 0
        if root.is_dir():
            count = sum(1 for s in root.iterdir() if len(s.name) == 2 for _ in s.iterdir())
        return StoreMissing(Path(data_dir), count)

    @classmethod
    def rebuild(cls, data_dir: Path, passphrase: str | None = None) -> SalvageReport:
        """Salvage a damaged database: every readable row (audit trail and decisions first)
        is copied into a fresh database that takes its place; the damaged file is set aside
        and named in the report. Takes the store lock exclusively (`StoreBusy` while another
        process uses the directory). A healthy database is left as it is (`set_aside` None).
        Document files stay: they are named by content.
        """
        from reviewer.store import recovery

        data_dir = Path(data_dir)
        lock = StoreLock(private_dir(data_dir), exclusive=True)
        try:
            key_pragma = unlock_data_dir(data_dir, passphrase).sqlcipher_key_pragma()
            db_path = data_dir / DB_NAME
            if not _is_missing_or_empty(db_path) and _healthy(db_path, key_pragma):
                return recovery.SalvageReport()
            return recovery.salvage(db_path, key_pragma)
        finally:
            lock.release()

    def __enter__(self) -> CaseStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"CaseStore({str(self.data_dir)!r})"

    def close(self) -> None:
        """Close every connection; the store cannot be used afterwards. A store that opened
        with the whole file checked records the file as it leaves it (`checked`)."""
        self._connections.close_all()
        if self._whole_file_checked:
            self._whole_file_checked = False
            with contextlib.suppress(OSError):  # no record: the next open checks, that is all
                checked.record(self.db_path)
        self._lock.release()

    def _conn(self) -> sqlite3.Connection:
        return self._connections.get()

    # cases

    def get_or_create_case(
        self, *, user_token: str | None, user_id: str | None, label: str | None
    ) -> StoredCase:
        """The live case of this Plaid user, created if new (see `cases.get_or_create_case`)."""
        return cases.get_or_create_case(
            self._conn(), user_token=user_token, user_id=user_id, label=label
        )

    def forget_if_unused(self, case_id: str) -> bool:
        """Delete a never-fetched case without audit trail (its first fetch failed)."""
        return cases.forget_if_unused(self._conn(), case_id)

    def find_case(self, key: str) -> StoredCase | None:
        """The live case with this id or label."""
        return cases.find_case(self._conn(), key)

    def get_case(self, case_id: str) -> StoredCase | None:
        """The case with this id, purged ones included (their audit trail stays readable)."""
        return cases.case_by_id(self._conn(), case_id)

    def find_cases_for_webhook(
        self, *, user_id: str | None = None, item_id: str | None = None
    ) -> list[StoredCase]:
        """Live cases a webhook concerns, by `user_id` and/or `item_id` (may be several)."""
        return cases.find_cases_for_webhook(self._conn(), user_id=user_id, item_id=item_id)

    def list_cases(self, *, limit: int | None = None, offset: int = 0) -> list[CaseRow]:
        """The case queue, oldest case first; `limit`/`offset` read one page of it."""
        return cases.list_cases(self._conn(), limit=limit, offset=offset)

    def case_rows(self, case_ids: Collection[str]) -> list[CaseRow]:
        """The queue rows of these live cases, oldest first (unknown ids left out)."""
        return cases.case_rows(self._conn(), case_ids)

    def count_cases(self) -> int:
        """How many live cases the queue holds."""
        return cases.count_cases(self._conn())

    # documents

    def put_document(self, data: bytes) -> tuple[str, Path]:
        """Store a document file durably under its SHA-256; idempotent. Returns (sha256, path)."""
        return self.files.put(bytes(data))

    def document_path(self, sha256: str) -> Path:
        """Path of the (encrypted) document file with this digest (ValueError if malformed).

        Open it through the documents layer, which decrypts it in memory.
        """
        return self.files.path(sha256)

    def read_document(self, sha256: str) -> bytes:
        """The document's plaintext, checked (DocumentUnreadable when altered or missing)."""
        return self.files.read(sha256)

    def document_problem(self, sha256: str) -> str | None:
        """None when the file with this digest is there with exactly those bytes; else what
        is wrong, in words (missing, or changed since it was stored)."""
        return self.files.verify(sha256)

    def gc_documents(self, grace_seconds: float = GC_GRACE_SECONDS) -> int:
        """Delete document files no snapshot references and older than the grace period.

        Never runs on an empty database (it may be a deleted one), and keeps every file a
        set-aside database names.

        Runs under the database write lock, the same lock under which `save_snapshot` checks
        that its files exist, so no saved snapshot can end up pointing at a deleted file.
        """
        removed = 0
        conn = self._conn()
        with write_transaction(conn):
            if conn.execute("SELECT 1 FROM snapshots LIMIT 1").fetchone() is None:
                # an empty database may be a deleted or replaced one: never judge files by it
                return 0
            referenced = {
                self.files.name(row[0])
                for row in conn.execute(
                    "SELECT DISTINCT sha256 FROM documents WHERE sha256 IS NOT NULL"
                )
            }
            # set-aside (damaged) databases still point at their documents; one that cannot
            # be read to the end stops the collection (nothing is judged unreferenced)
            from reviewer.store import recovery

            for aside in recovery.set_aside_databases(self.data_dir, DB_NAME):
                if "-wal" in aside.name or "-shm" in aside.name:
                    continue
                names = recovery.referenced_in(aside, self.keys.sqlcipher_key_pragma())
                if names is None:
                    log.warning("not collecting documents: %s cannot be read", aside.name)
                    return 0
                referenced |= {self.files.name(sha256) for sha256 in names}
            cutoff = time.time() - grace_seconds
            for name, path in self.files.stored_names():
                if name in referenced:
                    continue
                with contextlib.suppress(FileNotFoundError):
                    if path.stat().st_mtime <= cutoff:
                        path.unlink()
                        removed += 1
        return removed

    # snapshots

    def save_snapshot(self, case_id: str, snap: NewSnapshot) -> int:
        """Save one fetch in one transaction; every referenced document file must exist."""
        return snapshots.save_snapshot(self._conn(), self.files, case_id, snap)

    def snapshot(self, snapshot_id: int) -> StoredSnapshot | None:
        """A snapshot by id, whole."""
        return snapshots.load_snapshot(self._conn(), self.files, snapshot_id)

    def latest_snapshot(self, case_id: str) -> StoredSnapshot | None:
        """The newest saved snapshot of the case, whole."""
        conn = self._conn()
        snapshot_id = snapshots.latest_snapshot_id(conn, case_id)
        if snapshot_id is None:
            return None
        return snapshots.load_snapshot(conn, self.files, snapshot_id)

    def snapshots(self, case_id: str) -> list[SnapshotInfo]:
        """The case's fetch history, oldest first."""
        return snapshots.snapshot_history(self._conn(), case_id)

    def latest_good_responses(self, case_id: str) -> dict[str, tuple[int, list[ResponseRecord]]]:
        """Per endpoint, (snapshot_id, responses) of the newest snapshot where all were 2xx."""
        return snapshots.latest_good_responses(self._conn(), case_id)

    # findings of Reviewer's own checks

    def save_findings(
        self,
        snapshot_id: int,
        producer: str,
        version: str,
        records: list[dict[str, Any]],
        *,
        failed: int,
        worst: str | None,
    ) -> None:
        """Replace one producer's findings of a snapshot (see `findings.save_findings`)."""
        findings.save_findings(
            self._conn(), snapshot_id, producer, version, records, failed=failed, worst=worst
        )

    def save_facts(self, snapshot_id: int, version: str, data: dict[str, Any]) -> None:
        """Replace the facts stored beside a snapshot (see `facts.save_facts`)."""
        facts.save_facts(self._conn(), snapshot_id, version, data)

    def facts(self, snapshot_id: int) -> tuple[str, dict[str, Any]] | None:
        """The facts stored beside a snapshot and their version, if any."""
        return facts.load_facts(self._conn(), snapshot_id)

    def findings(self, snapshot_id: int) -> list[StoredFindings]:
        """Every producer's stored findings of a snapshot."""
        return findings.load_findings(self._conn(), snapshot_id)

    def finding_versions(self, snapshot_id: int) -> dict[str, str]:
        """producer -> version of the findings stored for a snapshot."""
        return findings.finding_versions(self._conn(), snapshot_id)

    # audit trail

    def append_audit(
        self,
        case_id: str,
        *,
        actor: str,
        action: str,
        details: dict[str, Any],
        app_version: str,
        request_id: str | None = None,
    ) -> AuditEntry:
        """Append to the case's trail; durable on disk when this returns."""
        return audit.append_audit(
            self._conn(),
            case_id,
            actor=actor,
            action=action,
            details=details,
            app_version=app_version,
            request_id=request_id,
        )

    def audit_trail(self, case_id: str) -> list[AuditEntry]:
        """The case's trail, oldest first; purged cases keep theirs."""
        return audit.audit_trail(self._conn(), case_id)

    def latest_decision(self, case_id: str) -> AuditEntry | None:
        """The case's newest "decision*" entry."""
        return audit.latest_decision(self._conn(), case_id)

    def purge_case(
        self, case_id: str, *, actor: str, app_version: str, reason: str
    ) -> dict[str, Any]:
        """Delete the case's data and keep a tombstone in its trail (see `purge.purge_case`).

        Returns the tombstone's details (label, dates, decision; no applicant data).
        """
        from reviewer.store import purge

        return purge.purge_case(
            self._conn(), self.files, case_id, actor=actor, app_version=app_version, reason=reason
        )

    def cases_decided_before(self, cutoff: str) -> list[str]:
        """Live cases whose newest decision is older than `cutoff` (the retention rule)."""
        from reviewer.store import purge

        return purge.cases_decided_before(self._conn(), cutoff)

    def _remove_unreferenced(self, shas: set[str]) -> None:
        conn = self._conn()
        with write_transaction(conn):
            for sha256 in shas:
                still_used = conn.execute(
                    "SELECT 1 FROM documents WHERE sha256 = ? LIMIT 1", (sha256,)
                ).fetchone()
                if still_used is None:
                    self.files.path(sha256).unlink(missing_ok=True)


def _is_missing_or_empty(db_path: Path) -> bool:
    try:
        return db_path.stat().st_size == 0
    except FileNotFoundError:
        return True


def _healthy(db_path: Path, key_pragma: str) -> bool:
    """Whether quick_check passes (read only; nothing is created or changed)."""
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        conn.execute(key_pragma)
        conn.execute("PRAGMA cipher_log_level = NONE")
    except sqlite3.DatabaseError:
        return False
    try:
        return not quick_check_problems(conn)
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()
