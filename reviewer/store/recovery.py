"""Recovering a damaged case database without losing what can still be read.

Two steps, the least destructive first:

- `repair_indexes`: when `PRAGMA quick_check` fails but every table still reads from end to
  end, the damage is in an index: the indexes are rebuilt from their tables in place; nothing
  moves, nothing is lost. (REINDEX cannot do it: it walks the damaged pages to clear them.)
- `salvage`: when a table itself is damaged, every row that can still be read is copied, table
  by table and (past a damaged page) row by row, into a fresh database with the same schema; the
  audit trail and decisions come first. The fresh file replaces the live one and the damaged
  file is set aside under a name that says so, with its log, and is never deleted.

Set-aside databases still count as referring to their documents (`referenced_in`), so garbage
collection never takes the files they point at (and does not run when one cannot be read).
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer.store import sqlcipher as sqlite3
from reviewer.store.connection import open_connection, quick_check_problems
from reviewer.store.schema import migrate

# copy order: parents before children; the audit trail (decisions) right after its cases
TABLES = ("cases", "audit", "snapshots", "responses", "documents", "signals", "fetch_errors")
SET_ASIDE_MARK = ".damaged-"


@dataclass
class SalvageReport:
    """What a salvage kept: rows copied and rows lost per table, and where the damaged file is."""

    kept: dict[str, int] = field(default_factory=dict)
    lost: dict[str, int] = field(default_factory=dict)
    set_aside: Path | None = None

    def summary(self) -> str:
        """One line: what was kept and lost."""
        kept = ", ".join(f"{n} {table}" for table, n in self.kept.items() if n)
        lost = sum(self.lost.values())
        tail = f"; {lost} unreadable rows lost" if lost else "; nothing lost"
        return f"kept {kept or 'nothing'}{tail}"


def repair_if_only_indexes(db_path: Path, key_pragma: str | None, problems: list[str]) -> list[str]:
    """Rebuild the indexes in place when the tables all read whole; what is still wrong
    afterwards ([] when repaired; `problems` unchanged when a table is damaged)."""
    try:
        probe = _connect(db_path, key_pragma)
    except sqlite3.DatabaseError:
        return problems
    try:
        indexes = rebuildable_indexes(probe)
    finally:
        probe.close()
    if not indexes:
        return problems
    try:
        return repair_indexes(db_path, indexes, key_pragma)
    except sqlite3.DatabaseError as exc:
        return [str(exc)]


def rebuildable_indexes(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """When every table still reads from end to end, the (name, CREATE sql) of the indexes
    to rebuild (the damage quick_check found must be in one of them); [] when a table itself
    is damaged (then only a salvage helps).

    SQLCipher refuses a page whose HMAC fails instead of describing it, so which b-tree is
    damaged cannot be read off quick_check's words: the tables are read instead.
    """
    try:
        schema = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
        for kind, name, _ in schema:
            if kind == "table" and not str(name).startswith("sqlite_"):
                for _ in conn.execute(f'SELECT * FROM "{name}" NOT INDEXED'):  # noqa: S608
                    pass
    except sqlite3.DatabaseError:
        return []
    return [(name, sql) for kind, name, sql in schema if kind == "index" and sql]


def repair_indexes(
    db_path: Path, indexes: list[tuple[str, str]], key_pragma: str | None
) -> list[str]:
    """Rebuild damaged indexes in place; what quick_check still reports ([] when repaired).

    REINDEX cannot help when an index's pages are unreadable (it has to walk them to clear
    them), so each index is unlinked from the schema and created afresh from its table. The
    old pages are left unused (quick_check's "never used", which `quick_check_problems` does
    not count as damage; SQLCipher's VACUUM fails on them). The tables are never touched.
    """
    # on connections of their own: the caller must reopen its own afterwards
    path = db_path
    editor = _connect(path, key_pragma)
    try:
        editor.execute("PRAGMA writable_schema = ON")
        editor.execute("BEGIN IMMEDIATE")
        for name, _ in indexes:
            editor.execute("DELETE FROM sqlite_master WHERE type = 'index' AND name = ?", (name,))
        version = editor.execute("PRAGMA schema_version").fetchone()[0]
        editor.execute(f"PRAGMA schema_version = {int(version) + 1}")
        editor.execute("COMMIT")
        editor.execute("PRAGMA writable_schema = OFF")
    finally:
        editor.close()
    editor = _connect(path, key_pragma)
    try:
        for _, sql in indexes:
            editor.execute(sql)
        return quick_check_problems(editor)
    finally:
        editor.close()


def salvage(db_path: Path, key_pragma: str | None) -> SalvageReport:
    """Copy every readable row of `db_path` into a fresh database that takes its place.

    The damaged file (with its -wal and -shm) is set aside as `<name>.damaged-<time>-<pid>`.
    The caller holds the store lock: nothing else has the database open.
    """
    report = SalvageReport()
    fresh_path = db_path.with_name(f"{db_path.name}.salvage-{os.getpid()}")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{fresh_path}{suffix}").unlink(missing_ok=True)
    fd = os.open(fresh_path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    fresh = open_connection(fresh_path, key_pragma)
    try:
        migrate(fresh)
        # rows whose parents were lost are kept too: the audit trail matters more than links
        fresh.execute("PRAGMA foreign_keys = OFF")
        damaged = _open_damaged(db_path, key_pragma)
        try:
            for table in TABLES:
                kept, lost = _copy_table(damaged, fresh, table)
                report.kept[table], report.lost[table] = kept, lost
            _copy_findings(damaged, fresh, report)
        finally:
            if damaged is not None:
                damaged.close()
        fresh.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        fresh.close()
    report.set_aside = set_aside(db_path)
    os.replace(fresh_path, db_path)
    for suffix in ("-wal", "-shm"):
        Path(f"{fresh_path}{suffix}").unlink(missing_ok=True)
    return report


def set_aside(db_path: Path) -> Path:
    """Move the database (and its -wal/-shm, keeping their suffixes) aside; the new name."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    aside = db_path.with_name(f"{db_path.name}{SET_ASIDE_MARK}{stamp}-{os.getpid()}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{db_path}{suffix}")
        if source.exists():
            os.replace(source, Path(f"{aside}{suffix}"))
    return aside


def set_aside_databases(data_dir: Path, db_name: str) -> list[Path]:
    """Every set-aside database file in the data directory (with their logs)."""
    return sorted(p for p in data_dir.glob(f"{db_name}{SET_ASIDE_MARK}*") if p.is_file())


def referenced_in(db_path: Path, key_pragma: str | None) -> set[str] | None:
    """The SHA-256 of every document a (set-aside) database refers to; None when it cannot
    be read to the end (then nothing may be judged unreferenced)."""
    conn = _open_damaged(db_path, key_pragma)
    if conn is None:
        return None
    try:
        return {
            row[0] for row in conn.execute("SELECT sha256 FROM documents WHERE sha256 IS NOT NULL")
        }
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()


def _connect(path: str | Path, key_pragma: str | None, *, read_only: bool = False) -> Any:
    target = f"file:{path}?mode=ro" if read_only else str(path)
    conn = sqlite3.connect(target, uri=read_only, isolation_level=None)
    if key_pragma is not None:
        conn.execute(key_pragma)
    conn.execute("PRAGMA cipher_log_level = NONE")
    return conn


def _open_damaged(db_path: Path, key_pragma: str | None) -> sqlite3.Connection | None:
    if not db_path.is_file():
        return None
    try:
        conn: sqlite3.Connection = _connect(db_path, key_pragma, read_only=True)
        conn.execute("PRAGMA query_only = ON")
        return conn
    except sqlite3.DatabaseError:
        return None


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def _copy_table(
    damaged: sqlite3.Connection | None, fresh: sqlite3.Connection, table: str
) -> tuple[int, int]:
    """Rows copied and rows known lost; a whole scan first, row by row past damage."""
    if damaged is None:
        return 0, 0
    try:
        source_columns = set(_columns(damaged, table))
    except sqlite3.DatabaseError:
        return 0, 0
    columns = [c for c in _columns(fresh, table) if c in source_columns]
    if not columns:
        return 0, 0
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    insert = f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
    kept = lost = 0
    fresh.execute("BEGIN IMMEDIATE")
    try:
        try:
            for row in damaged.execute(f"SELECT {names} FROM {table} ORDER BY rowid"):  # noqa: S608
                kept += fresh.execute(insert, row).rowcount
        except sqlite3.DatabaseError:
            kept, lost = _copy_row_by_row(damaged, fresh, table, names, insert)
        fresh.execute("COMMIT")
    except BaseException:
        fresh.execute("ROLLBACK")
        raise
    return kept, lost


def _copy_row_by_row(
    damaged: sqlite3.Connection, fresh: sqlite3.Connection, table: str, names: str, insert: str
) -> tuple[int, int]:
    """Past a damaged page: ask for each rowid on its own, so one bad page costs its rows."""
    highest = 0
    with contextlib.suppress(sqlite3.DatabaseError):
        highest = damaged.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0  # noqa: S608
    highest = max(highest, 100_000)  # max() itself may have read a damaged page
    kept = lost = 0
    query = f"SELECT {names} FROM {table} WHERE rowid = ?"  # noqa: S608
    misses = 0
    for rowid in range(1, highest + 1):
        try:
            row = damaged.execute(query, (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            lost += 1
            continue
        if row is None:
            misses += 1
            if misses > 10_000:  # well past the last row
                break
            continue
        misses = 0
        kept += fresh.execute(insert, row).rowcount
    return kept, lost


def _copy_findings(
    damaged: sqlite3.Connection | None, fresh: sqlite3.Connection, report: SalvageReport
) -> None:
    """Tables added by later schema versions (findings, ...) copied the same way."""
    if damaged is None:
        return
    try:
        tables = [
            r[0]
            for r in damaged.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
    except sqlite3.DatabaseError:
        return
    fresh_tables = {
        r[0] for r in fresh.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    for table in tables:
        if table in TABLES or table not in fresh_tables:
            continue
        report.kept[table], report.lost[table] = _copy_table(damaged, fresh, table)
