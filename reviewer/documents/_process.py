"""The documents worker's process: start, one request at a time, time limit, restart.

`WorkerProcess` starts `reviewer.documents._child.serve` in a spawned process under an
address-space limit and sends it one request at a time. A request that overruns `timeout_s`
gets the process killed (`WorkerTimeout`); a process that dies raises `WorkerCrashed`;
either way the next request starts a fresh process. Pixels come back through shared memory:
the worker's own block, grown on demand, or a block of the caller's (`into`).
"""

from __future__ import annotations

import signal
import threading
import types
from collections.abc import Callable
from contextlib import suppress
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from multiprocessing.shared_memory import SharedMemory
from typing import Any

from reviewer.documents.worker_types import (
    DocumentError,
    WorkerCrashed,
    WorkerError,
    WorkerTimeout,
)
from reviewer.sealing import registered_keys
from reviewer.spawning import StartedProcess, alive_or_discarded, spawn

_MIB = 1024 * 1024
DEFAULT_MEMORY_LIMIT_MB = 1024
INITIAL_SHARED_BYTES = 16 * _MIB
PENDING = object()  # `_finish`: no answer yet


class WorkerProcess:
    """The process and pipe behind `DocumentWorker`; requests are serialised by a lock."""

    def __init__(
        self,
        memory_limit_mb: int = DEFAULT_MEMORY_LIMIT_MB,
        timeout_s: float = 20.0,
        startup_timeout_s: float = 60.0,
        started_ahead: StartedProcess | None = None,
    ) -> None:
        """`started_ahead`: a worker process `start_worker_process` started earlier (with the
        same memory limit), taken as this worker's first process."""
        self.memory_limit_mb = memory_limit_mb
        self._started_ahead = started_ahead
        self.timeout_s = timeout_s
        self.startup_timeout_s = startup_timeout_s
        self._lock = threading.Lock()
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._shm: SharedMemory | None = None
        self._closed = False
        self._keys_sent = -1  # generation of the file keys the running worker holds

    @property
    def pid(self) -> int | None:
        """Process id of the running worker, or None when none is running."""
        process = self._process
        return process.pid if process is not None and process.is_alive() else None

    def start(self) -> None:
        """Start the process now rather than on the first request (it takes a moment)."""
        with self._lock:
            self._ensure_started()

    def wake(self) -> None:
        """Tell an idle worker a request is coming, without waiting for anything.

        A process asleep on its pipe takes about a millisecond to get going on a VM (the
        CPU's idle exit); sent before the caller prepares its request, the wake-up overlaps
        that work. Does nothing when the worker is busy (it is awake) or not running.
        """
        if not self._lock.acquire(blocking=False):
            return
        try:
            conn, process = self._conn, self._process
            if conn is not None and process is not None and not self._closed:
                with suppress(OSError):  # a dead worker: the next request says so
                    conn.send(("wake", ()))
        finally:
            self._lock.release()

    def close(self) -> None:
        """Stop the worker process and free the shared memory. Safe to call twice."""
        with self._lock:
            self._closed = True
            self._stop(graceful=True)
            if self._shm is not None:
                _release(self._shm)
                self._shm = None

    def __enter__(self) -> WorkerProcess:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: types.TracebackType | None,
    ) -> None:
        self.close()

    # -- plumbing --------------------------------------------------------------------------

    def _request(self, op: str, *args: Any) -> Any:
        with self._lock:
            return self._request_locked(op, *args)

    def _request_locked(
        self,
        op: str,
        *args: Any,
        into: str | None = None,
        bigger: Callable[[int], str] | None = None,
    ) -> Any:
        """One request; pixels go into block `into` (the worker's own one by default), and
        `bigger(nbytes)` names a block big enough when the worker asks for one."""
        if self._closed:
            raise WorkerError("documents worker is closed")
        conn = self._ensure_started()
        assert self._shm is not None
        self._send_keys(conn)
        message: tuple[Any, ...] = (op, args)
        if op in ("render", "open_at", "thumbnails"):
            message = (op, (*args, into or self._shm.name))
        grown = False
        try:
            conn.send(message)
            reply = self._receive(conn, op)
            while reply[0] == "need":
                grown = bigger is None
                conn.send(("fill", (bigger or self._grow_shared_memory)(reply[1])))
                reply = self._receive(conn, op)
        except (BrokenPipeError, ConnectionResetError, EOFError, OSError):
            raise self._crashed(op) from None
        if reply[0] == "ok":
            return reply[1]
        if grown:  # a render too big for the worker's memory: do not keep its block either
            self._grow_shared_memory(INITIAL_SHARED_BYTES)
        raise DocumentError(reply[2])

    # -- without waiting (the GUI thread's first page: no thread hop, no wake-up of one) ---

    def _begin(self, op: str, *args: Any, into: str) -> Connection | None:
        """Send a request if the worker is running and free, without waiting for anything.

        On success the caller holds the worker (its lock) until `_finish` gives the answer
        or `_abandon` gives up; None when the worker is busy, closed or not started.
        """
        if not self._lock.acquire(blocking=False):
            return None
        conn, process = self._conn, self._process
        if self._closed or conn is None or process is None or not process.is_alive():
            self._lock.release()
            return None
        try:
            self._send_keys(conn)
            conn.send((op, (*args, into)))
        except OSError:
            self._lock.release()
            return None  # the worker died: the next ordinary request says so and restarts it
        return conn

    def _finish(self, conn: Connection, op: str, bigger: Callable[[int], str]) -> Any:
        """Read the worker's answer to `_begin`'s request once `conn` is readable.

        Returns `PENDING` while it still works (it asked for a bigger block, which `bigger`
        gave); otherwise the result, or DocumentError / WorkerCrashed, with the worker free.
        """
        try:
            reply = conn.recv()
            if reply[0] == "need":
                conn.send(("fill", bigger(reply[1])))
                return PENDING
        except (EOFError, OSError):
            crashed = self._crashed(op)
            self._lock.release()
            raise crashed from None
        self._lock.release()
        if reply[0] == "ok":
            return reply[1]
        raise DocumentError(reply[2])

    def _abandon(self, op: str) -> WorkerTimeout:
        """Give up on `_begin`'s request (too slow): the process is stopped, the worker free."""
        self._stop(graceful=False)
        self._lock.release()
        return self._overrun(op)

    def _overrun(self, op: str) -> WorkerTimeout:
        return WorkerTimeout(
            f"documents worker took longer than {self.timeout_s:g} s on {op!r}; "
            "it was stopped and will restart on the next request"
        )

    def _send_keys(self, conn: Connection) -> None:
        """Hand the worker the document file keys unlocked since it last got them.

        The keys travel over the worker's private pipe and live in its memory only: it
        decrypts stored documents itself, so no plaintext copy is ever written for it.
        """
        generation, keys = registered_keys()
        if generation != self._keys_sent:
            conn.send(("keys", (keys,)))
            self._keys_sent = generation

    def _receive(self, conn: Connection, op: str) -> tuple[Any, ...]:
        if not conn.poll(self.timeout_s):
            self._stop(graceful=False)
            raise self._overrun(op)
        reply: tuple[Any, ...] = conn.recv()
        return reply

    def _ensure_started(self) -> Connection:
        if self._process is not None and self._conn is not None and self._process.is_alive():
            return self._conn
        self._stop(graceful=False)
        if self._shm is None:
            self._shm = SharedMemory(create=True, size=INITIAL_SHARED_BYTES)
        started, self._started_ahead = alive_or_discarded(self._started_ahead), None
        if started is None:
            started = start_worker_process(self.memory_limit_mb)
        process, parent_end = started.process, started.conn
        self._process, self._conn = process, parent_end
        self._keys_sent = -1
        try:
            if not parent_end.poll(self.startup_timeout_s):
                raise WorkerTimeout("documents worker did not start in time")
            parent_end.recv()
        except (EOFError, OSError):
            raise self._crashed("start") from None
        except WorkerTimeout:
            self._stop(graceful=False)
            raise
        return parent_end

    def _grow_shared_memory(self, size: int) -> str:
        assert self._shm is not None
        _release(self._shm)
        self._shm = SharedMemory(create=True, size=-(-size // _MIB) * _MIB)
        return self._shm.name

    def _crashed(self, op: str) -> WorkerCrashed:
        process = self._process
        how = "stopped"
        if process is not None:
            process.join(timeout=2.0)
            code = process.exitcode
            if code is not None and code < 0:
                how = f"was killed by {signal.Signals(-code).name}"
            elif code is not None:
                how = f"exited with status {code}"
        self._stop(graceful=False)
        return WorkerCrashed(
            f"documents worker {how} while handling {op!r} (a damaged document or the memory "
            f"limit of {self.memory_limit_mb} MB); it will restart on the next request"
        )

    def _stop(self, graceful: bool) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if process is not None:
            if graceful and conn is not None and process.is_alive():
                try:
                    conn.send(("quit", ()))
                    process.join(timeout=2.0)
                except OSError:
                    pass
            if process.is_alive():
                process.kill()
            process.join(timeout=5.0)
            process.close()
        if conn is not None:
            conn.close()


def _release(shm: SharedMemory) -> None:
    shm.close()
    with suppress(FileNotFoundError):  # already gone: nothing left to free
        shm.unlink()


def start_worker_process(memory_limit_mb: int = DEFAULT_MEMORY_LIMIT_MB) -> StartedProcess:
    """Start a documents worker's process now; a `WorkerProcess` takes it (`started_ahead`)."""
    return spawn(_serve_in_child, (memory_limit_mb,), "reviewer-documents-worker")


def _serve_in_child(conn: Connection, memory_limit_mb: int) -> None:
    """The worker process's entry point. Spawn names the target by module and name, so the
    parent never imports `_child` (PyMuPDF and every document module: a few tenths of a
    second holding the GIL in the app's process, beside its first fetch or first paint)."""
    from reviewer.documents._child import serve

    serve(conn, memory_limit_mb)
