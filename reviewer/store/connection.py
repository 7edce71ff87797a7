"""SQLite connections: the pragmas that make the cache durable, one connection per thread.

WAL with `synchronous=FULL` makes every commit durable before it returns (the audit trail
relies on it) while readers keep reading; `BEGIN IMMEDIATE` takes the write lock up front so two
processes never deadlock upgrading a read lock; `busy_timeout` makes the second writer wait.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from reviewer.store import sqlcipher as sqlite3
from reviewer.store.errors import StoreCorrupt, StoreError

BUSY_TIMEOUT_SECONDS = 30.0
_NEVER_USED = re.compile(r"Page \d+: never used")
# SQLite result codes (primary) meaning "this file is damaged / not a database"
_CORRUPTION_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def utc_now() -> str:
    """Now in UTC, ISO 8601 with microseconds."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def is_corruption(exc: sqlite3.Error) -> bool:
    """Whether `exc` says the database file itself is damaged (not merely busy or misused)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _CORRUPTION_CODES
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def create_private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 if missing; tighten an existing one to 0600."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def open_connection(db_path: Path, key_pragma: str | None) -> sqlite3.Connection:
    """Open `db_path` with the store's pragmas; raises StoreCorrupt for a damaged file.

    `key_pragma` (SQLCipher's `PRAGMA key`) comes first, before anything reads the file;
    None opens an unencrypted database (only the upgrade of an old data directory does).
    """
    # check_same_thread=False only so close() can close every thread's connection at the end;
    # each connection is still used by the one thread that opened it
    conn = sqlite3.connect(
        db_path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
    )
    try:
        if key_pragma is not None:
            conn.execute(key_pragma)
        # SQLCipher logs each failed page check to stderr; StoreCorrupt says it in words
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"The case cache {db_path} cannot use write-ahead logging ({mode}).")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        # sorts and temporary tables stay in memory: never a temp file of decrypted rows
        conn.execute("PRAGMA temp_store = MEMORY")
    except sqlite3.DatabaseError as exc:
        conn.close()
        if is_corruption(exc):
            raise StoreCorrupt(db_path, str(exc)) from exc
        raise
    except BaseException:
        conn.close()
        raise
    return conn


def quick_check_problems(conn: sqlite3.Connection, tables: Sequence[str] = ()) -> list[str]:
    """What SQLite's quick_check reports ([] when the file is sound); a file too damaged to
    answer raises sqlite3.DatabaseError. `tables`: check only these tables and their indexes
    (none: the whole file)."""
    statements = [f"PRAGMA quick_check({t})" for t in tables] or ["PRAGMA quick_check"]
    rows = [row for statement in statements for row in conn.execute(statement).fetchall()]
    lines = [line for r in rows if r[0] != "ok" for line in str(r[0]).splitlines()]
    # a page no b-tree uses is space lost, not data damaged (left by an index rebuild)
    problems = [
        line
        for line in lines
        if not line.startswith("*** in database") and not _NEVER_USED.fullmatch(line)
    ]
    return problems if rows else ["quick_check returned nothing"]


def quick_check(conn: sqlite3.Connection, db_path: Path) -> None:
    """Run SQLite's quick_check; raise StoreCorrupt naming the first problem."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            raise StoreCorrupt(db_path, str(exc)) from exc
        raise
    if [r[0] for r in rows] != ["ok"]:
        raise StoreCorrupt(db_path, str(rows[0][0]) if rows else "quick_check returned nothing")


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One atomic write: all of it is committed (durably) or none of it."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


@contextmanager
def read_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Several reads that see one consistent state, even while another process writes."""
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


class ThreadConnections:
    """Hands each thread its own connection to one database file; closes them all at the end.

    A connection whose thread has ended is closed when the next new thread asks for one, so a
    thread pool that retires idle workers does not accumulate open files over a long session.
    """

    def __init__(self, db_path: Path, key_pragma: str | None) -> None:
        self.db_path = db_path
        self._key_pragma = key_pragma
        self._local = threading.local()
        self._lock = threading.Lock()
        self._owned: list[tuple[threading.Thread, sqlite3.Connection]] = []
        self._closed = False

    def get(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        if self._closed:
            raise StoreError("The case store is closed.")
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        conn = open_connection(self.db_path, self._key_pragma)
        with self._lock:
            if self._closed:
                conn.close()
                raise StoreError("The case store is closed.")
            finished = [c for t, c in self._owned if not t.is_alive()]
            self._owned = [(t, c) for t, c in self._owned if t.is_alive()]
            self._owned.append((threading.current_thread(), conn))
        for old in finished:
            old.close()
        self._local.conn = conn
        return conn

    def open_count(self) -> int:
        """How many connections are open (one per live thread that used the store)."""
        with self._lock:
            return len(self._owned)

    def close_all(self) -> None:
        """Close every connection handed out; later `get` calls fail."""
        with self._lock:
            self._closed = True
            owned, self._owned = self._owned, []
        for _, conn in owned:
            conn.close()
