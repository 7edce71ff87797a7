"""The store lock: every process using a data directory holds it shared; rebuilding the
database takes it exclusively, so it never runs under a fetch in another process (which would
otherwise go on writing into the file being set aside).

POSIX `flock` on `<data dir>/.store.lock`; the kernel releases it when a process dies, so a
crash never leaves the directory locked. On Windows there is no lock (SQLite's own file
locking still serialises writes).
"""

from __future__ import annotations

import os
from pathlib import Path

from reviewer.store.errors import StoreBusy

LOCK_NAME = ".store.lock"

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class StoreLock:
    """A held lock on a data directory; `release` (or process exit) lets it go."""

    def __init__(self, data_dir: Path, *, exclusive: bool) -> None:
        self.path = data_dir / LOCK_NAME
        self.exclusive = exclusive
        self._fd: int | None = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if fcntl is None:
            return
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(self._fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            self.release()
            if exclusive:
                raise StoreBusy(
                    f"another Reviewer process is using {data_dir} (the app, or a fetch); "
                    "close it and try again"
                ) from None
            raise StoreBusy(
                f"the case database in {data_dir} is being rebuilt by another process; "
                "try again in a moment"
            ) from None

    def release(self) -> None:
        """Let the lock go (safe to call twice)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
