"""Whether the database file is as it was when a store last closed cleanly after checking it.

SQLite's whole-file quick_check reads every page: 3.3 s at 10,000 cases, on every open of the
app. A store that opened with the whole file checked (or found unchanged) records, when it
closes cleanly, the file's size, modification time and inode (and its WAL's, if one is left):
the marker `reviewer.sqlite3.checked`. The next open skips the whole-file check (it still checks
the queue's tables) only when the files are exactly so; any other writer, a crash (the marker
is consumed on open and only a clean close writes it again), a restored or replaced file, or
damage written to it changes them, and the check runs. Pages are still authenticated by
SQLCipher whenever they are read.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

SUFFIX = ".checked"
# file times tick coarsely (a jiffy, up to 10 ms): the record is written only once the files'
# times are this far in the past, so any later write gives them a time the record lacks
TICK_NS = 20_000_000


def _marker(db_path: Path) -> Path:
    return Path(f"{db_path}{SUFFIX}")


def _state(db_path: Path) -> dict[str, list[int] | None]:
    state: dict[str, list[int] | None] = {}
    for name, path in (("db", db_path), ("wal", Path(f"{db_path}-wal"))):
        try:
            st = path.stat()
        except FileNotFoundError:
            state[name] = None
            continue
        state[name] = [st.st_size, st.st_mtime_ns, st.st_ino]
    return state


def unchanged_since_checked(db_path: Path) -> bool:
    """True when a clean close recorded the files exactly as they are now."""
    try:
        recorded = json.loads(_marker(db_path).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return False
    return bool(recorded == _state(db_path) and recorded.get("db"))


def consume(db_path: Path) -> None:
    """Forget the record (on open: until this store closes cleanly, the next open checks)."""
    with contextlib.suppress(FileNotFoundError):
        _marker(db_path).unlink()


def record(db_path: Path) -> None:
    """After a clean close: the files as they are now were checked (and written by SQLite).

    Waits (at most TICK_NS) until their modification times are a clock tick in the past.
    """
    state = _state(db_path)
    newest = max((entry[1] for entry in state.values() if entry), default=0)
    wait_ns = newest + TICK_NS - time.time_ns()
    if wait_ns > 0:
        time.sleep(min(wait_ns, TICK_NS) / 1e9)
    marker = _marker(db_path)
    temp = marker.with_name(f"{marker.name}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        json.dump(_state(db_path), handle)
    os.replace(temp, marker)
