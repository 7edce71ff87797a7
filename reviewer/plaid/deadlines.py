"""Deadlines on whole requests, not only on each read.

httpx's timeouts bound each network operation: a server dripping one byte every few seconds
never trips them and can hold a request for hours. Here each exchange runs on a daemon helper
thread and the caller waits for it at most until the deadline, then reports a timeout and
walks away (the helper stops reading at its next chunk and its connection is dropped).

Two deadlines apply to a request, the nearer one wins: the client's per-request limit, and the
per-fetch deadline a caller sets for its thread with `fetch_deadline` (each thread of a fetch
sets it: a fetch's endpoints run on a pool).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

_local = threading.local()


@dataclass(frozen=True)
class Deadline:
    """A moment (time.monotonic) and the words that say which limit it is."""

    at: float
    what: str

    def remaining(self) -> float:
        """Seconds left (may be negative)."""
        return self.at - time.monotonic()


class DeadlineReached(Exception):
    """The exchange did not finish in time; ``deadline`` says which limit."""

    def __init__(self, deadline: Deadline) -> None:
        self.deadline = deadline
        super().__init__(deadline.what)


@contextmanager
def fetch_deadline(at: float, what: str) -> Iterator[None]:
    """Requests made by this thread inside the block end by `at` (time.monotonic)."""
    previous = getattr(_local, "deadline", None)
    _local.deadline = Deadline(at, what)
    try:
        yield
    finally:
        _local.deadline = previous


def current_deadline(request_seconds: float) -> Deadline:
    """The nearer of now + `request_seconds` and this thread's fetch deadline."""
    own = Deadline(
        time.monotonic() + request_seconds,
        f"no complete answer within the limit of {request_seconds:g} s per request",
    )
    outer: Deadline | None = getattr(_local, "deadline", None)
    return outer if outer is not None and outer.at < own.at else own


class Abandoned:
    """Told to the helper thread when its caller has stopped waiting."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def set(self) -> None:
        """The caller gave up."""
        self._event.set()

    def __bool__(self) -> bool:
        return self._event.is_set()


def run_until(deadline: Deadline, work: Callable[[Abandoned], T]) -> T:
    """Run `work` on a helper thread; its result, its exception, or DeadlineReached."""
    if deadline.remaining() <= 0:
        raise DeadlineReached(deadline)
    abandoned = Abandoned()
    outcome: list[tuple[bool, object]] = []
    done = threading.Event()

    def target() -> None:
        try:
            outcome.append((True, work(abandoned)))
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting caller
            outcome.append((False, exc))
        finally:
            done.set()

    helper = threading.Thread(target=target, name="plaid-request", daemon=True)
    helper.start()
    if not done.wait(max(deadline.remaining(), 0.0)):
        abandoned.set()
        raise DeadlineReached(deadline)
    ok, value = outcome[0]
    if ok:
        return value  # type: ignore[return-value]
    assert isinstance(value, BaseException)
    raise value
