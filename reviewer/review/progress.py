"""Progress reporting and cancellation shared by the long-running use cases."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """One progress report: what is happening, how far along, and bytes downloaded so far."""

    step: str
    done: int
    total: int
    bytes: int = 0


ProgressCallback = Callable[[Progress], None]
CancelCheck = Callable[[], bool]


class FetchCancelled(Exception):
    """The reviewer cancelled; nothing was stored."""


class FetchFailed(Exception):
    """Nothing could be fetched; the previous snapshot is untouched. str() is one line."""


class ProgressTracker:
    """Thread-safe counter behind a progress callback (fetch steps run concurrently)."""

    def __init__(self, callback: ProgressCallback | None, cancel: CancelCheck | None) -> None:
        self._callback = callback
        self._cancel = cancel
        self._lock = threading.Lock()
        self.done = 0
        self.total = 0
        self.bytes = 0

    def add_work(self, steps: int) -> None:
        """Announce `steps` more units of work (documents found while fetching)."""
        with self._lock:
            self.total += steps

    def step(self, name: str, *, finished: int = 1, nbytes: int = 0, check: bool = True) -> None:
        """Report progress on `name`; raises FetchCancelled if the reviewer cancelled (unless
        `check` is False: the last step, after the snapshot is stored, is never undone)."""
        with self._lock:
            self.done += finished
            self.bytes += nbytes
            report = Progress(name, self.done, max(self.total, self.done), self.bytes)
        if self._callback is not None:
            self._callback(report)
        if check:
            self.check_cancel()

    def check_cancel(self) -> None:
        """Raise FetchCancelled when cancellation was requested (called between steps)."""
        if self._cancel is not None and self._cancel():
            raise FetchCancelled("fetch cancelled")
