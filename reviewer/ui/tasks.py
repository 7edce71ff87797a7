"""The one task runner: every piece of network, disk and render work goes through it.

Modelled on Anki's `aqt.taskman`: `runner.run(fn, on_done=..., on_error=..., on_progress=...)`
runs `fn(handle)` on a small pool of Python threads and delivers results on the GUI thread: the
worker puts the outcome on a queue and writes one byte to a socket pair; a QSocketNotifier on the
GUI thread wakes at once and drains the queue (a slow timer stays as a safety net). (Not QThreadPool nor cross-thread signals: with PySide6 6.12, running Python on
Qt pool threads or emitting any signal from a worker thread corrupts reference counts -
"deallocating None/True" fatal errors, reproduced in isolation. Worker threads never touch Qt.) A task started with a `key` makes older tasks with the same key stale; their results are
dropped (a newer page render replaces an older one). `shutdown()` cancels and waits for every task
so no thread outlives the window. Tests use `synchronous=True`, which runs tasks inline.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import queue
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")
# what a task puts on the inbox: kind ("progress" or "done"), task id, value, error
_Message = tuple[str, int, object, BaseException | None]


class TaskCancelled(Exception):
    """Raised inside a task (by `handle.check_cancelled()`) when the user cancelled it."""


@dataclass
class TaskHandle:
    """What a task function receives: report progress, ask whether it was cancelled."""

    task_id: int
    key: str | None
    _inbox: _Inbox = field(repr=False)
    _cancel: threading.Event = field(default_factory=threading.Event, repr=False)

    def report(self, progress: object) -> None:
        """Send a progress object to the task's `on_progress` on the GUI thread."""
        self._inbox.put(("progress", self.task_id, progress, None))

    def is_cancelled(self) -> bool:
        """True once `cancel()` was called (or the runner is shutting down)."""
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        """Raise TaskCancelled if the task was cancelled."""
        if self._cancel.is_set():
            raise TaskCancelled

    def cancel(self) -> None:
        """Ask the task to stop; its result will be dropped."""
        self._cancel.set()


class _Inbox:
    """The only thing worker threads touch: a plain queue and a socket (never a Qt object).

    Each message also writes a byte to `wake_send`; the GUI thread watches `wake_recv` with a
    QSocketNotifier, so results arrive with no polling delay. A socket pair (not a pipe) because
    Qt's notifier watches sockets on every platform.
    """

    def __init__(self) -> None:
        import socket  # created with the first background task, not at start-up

        self.queue: queue.SimpleQueue[_Message] = queue.SimpleQueue()
        self.wake_recv, self.wake_send = socket.socketpair()
        self.wake_recv.setblocking(False)
        self.wake_send.setblocking(False)

    def put(self, message: _Message) -> None:
        self.queue.put(message)
        # a full buffer means a wake-up is already pending; closed means the runner shut down
        with contextlib.suppress(OSError):
            self.wake_send.send(b"\0")

    def clear_wakeups(self) -> None:
        """Read every pending wake-up byte (called on the GUI thread)."""
        with contextlib.suppress(OSError):  # raised once nothing is left to read
            while self.wake_recv.recv(4096):
                pass

    def close(self) -> None:
        """Close both ends of the socket pair."""
        self.wake_recv.close()
        self.wake_send.close()


def _call(fn: Callable[[TaskHandle], object], handle: TaskHandle) -> None:
    try:
        result = fn(handle)
    except BaseException as exc:  # noqa: BLE001 - every failure is delivered to the GUI
        exc.__dict__.setdefault("_reviewer_tb", traceback.format_exc())
        handle._inbox.put(("done", handle.task_id, None, exc))
    else:
        handle._inbox.put(("done", handle.task_id, result, None))


@dataclass
class _Pending(Generic[T]):
    """A task not finished yet, with the GUI-thread callbacks typed by its result `T`."""

    handle: TaskHandle
    label: str
    on_done: Callable[[T], None] | None
    on_error: Callable[[BaseException], None] | None
    on_progress: Callable[[object], None] | None

    def deliver(self, result: object) -> None:
        """Hand the result to `on_done`: it is the value `fn` returned, so it is a `T`."""
        if self.on_done is not None:
            self.on_done(cast(T, result))


class TaskRunner(QObject):
    """Runs callables off the GUI thread; see the module docstring."""

    busy_changed = Signal(int, str)  # running task count, label of the newest running task
    progress = Signal(str, object)  # label, progress object (for the status bar)
    unexpected_error = Signal(str, str)  # summary, details (traceback) for the error dialog

    def __init__(
        self, parent: QObject | None = None, *, synchronous: bool = False, max_threads: int = 2
    ) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._max_threads = max_threads
        self._pool: ThreadPoolExecutor | None = None
        self._made_inbox: _Inbox | None = (
            None  # with the first task: its socket module costs start-up
        )
        self._notifier: QSocketNotifier | None = None
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending[Any]] = {}
        self._latest_by_key: dict[str, int] = {}
        self._closed = False
        # safety net only: results normally arrive through the notifier at once
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._drain)

    @property
    def _inbox(self) -> _Inbox:
        """The worker threads' inbox, watched by a socket notifier (made with the first task)."""
        if self._made_inbox is None:
            self._made_inbox = _Inbox()
            self._notifier = QSocketNotifier(
                self._made_inbox.wake_recv.fileno(), QSocketNotifier.Type.Read, self
            )
            self._notifier.activated.connect(self._on_wake)
        return self._made_inbox

    def run(
        self,
        fn: Callable[[TaskHandle], T],
        *,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[object], None] | None = None,
        key: str | None = None,
        label: str = "",
    ) -> TaskHandle:
        """Start `fn(handle)`; callbacks run on the GUI thread unless the task went stale.

        Generic in the result (Anki's `QueryOp[T]`): `on_done` receives exactly what `fn`
        returns, so a mismatch between the work and its callback is a type error.
        """
        task_id = next(self._ids)
        handle = TaskHandle(task_id, key, self._inbox)
        if self._closed:
            handle.cancel()
            return handle
        if key is not None:
            older = self._latest_by_key.get(key)
            if older in self._pending:
                self._pending[older].handle.cancel()
            self._latest_by_key[key] = task_id
        self._pending[task_id] = _Pending[T](handle, label, on_done, on_error, on_progress)
        self._emit_busy()
        if self.synchronous:
            _call(fn, handle)
            self._drain()
        else:
            if self._pool is None:
                from concurrent.futures import ThreadPoolExecutor  # first task, after the paint

                self._pool = ThreadPoolExecutor(
                    self._max_threads, thread_name_prefix="reviewer-task"
                )
            self._pool.submit(_call, fn, handle)
            self._timer.start()
        return handle

    def running(self) -> list[TaskHandle]:
        """Handles of the tasks not yet finished."""
        return [p.handle for p in self._pending.values()]

    def cancel_all(self) -> None:
        """Cancel every running task (their results are dropped)."""
        for p in self._pending.values():
            p.handle.cancel()

    def shutdown(self) -> None:
        """Cancel everything and wait for the worker threads (tasks check `is_cancelled`)."""
        self._closed = True
        self.cancel_all()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._pending.clear()
        self._timer.stop()
        inbox = self._made_inbox
        if inbox is None or self._notifier is None:
            return
        self._notifier.setEnabled(False)
        while not inbox.queue.empty():
            inbox.queue.get_nowait()
        inbox.close()

    def _on_wake(self, *_args: object) -> None:
        self._inbox.clear_wakeups()
        self._drain()

    def _drain(self) -> None:
        while True:
            try:
                kind, task_id, value, error = self._inbox.queue.get_nowait()
            except queue.Empty:
                if not self._pending:
                    self._timer.stop()
                return
            if kind == "progress":
                self._on_progress(task_id, value)
            else:
                self._on_finished(task_id, value, error)

    def _emit_busy(self) -> None:
        labels = [p.label for p in self._pending.values() if p.label]
        self.busy_changed.emit(len(self._pending), labels[-1] if labels else "")

    def _on_progress(self, task_id: int, progress: object) -> None:
        pending = self._pending.get(task_id)
        if pending is None or pending.handle.is_cancelled():
            return
        self.progress.emit(pending.label, progress)
        if pending.on_progress is not None:
            pending.on_progress(progress)

    def _on_finished(self, task_id: int, result: object, error: BaseException | None) -> None:
        pending = self._pending.pop(task_id, None)
        if pending is None:
            return
        key = pending.handle.key
        if key is not None and self._latest_by_key.get(key) == task_id:
            del self._latest_by_key[key]
        self._emit_busy()
        if pending.handle.is_cancelled() or isinstance(error, TaskCancelled):
            return  # stale or cancelled: the user asked for something newer
        if error is None:
            pending.deliver(result)
            return
        if pending.on_error is not None:
            pending.on_error(error)
            return
        details = getattr(error, "_reviewer_tb", None) or "".join(traceback.format_exception(error))
        log.error("task %s failed: %s", pending.label or task_id, details)
        self.unexpected_error.emit(f"{type(error).__name__}: {error}", details)
