"""The demo's sandbox in a process of its own, as Plaid's servers are not in the reviewer's.

The app's first `--demo` start fetches every demo user at once. With the sandbox in the app's
process, its work (building the users' data, answering some 300 requests: about a third of a
second of CPU) held the interpreter lock the window and the fetch needed, on a first run that
is bound by that lock. Here a spawned process runs the `Sandbox`; requests and answers cross a
pipe, each tagged with a number, so concurrent requests are answered concurrently.

`SandboxProcess` answers like a `Sandbox` (`handle`, `transport`, `base_url`): a
`SandboxTransport` over it is what the demo's PlaidClients use. Should the process die, the
requests waiting on it fail with `SandboxStopped` (the client says "could not connect" in
words) and the next request starts a fresh one.
"""

from __future__ import annotations

import itertools
import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import suppress
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from reviewer.spawning import StartedProcess, alive_or_discarded, spawn

if TYPE_CHECKING:
    from reviewer.sandbox.app import Sandbox, SandboxRequest, SandboxResponse
    from reviewer.sandbox.transport import SandboxTransport

log = logging.getLogger(__name__)

_PREPARED = 0  # the message number of "every demo user is built" (requests count from 1)
_ANSWER_THREADS = 8  # requests answered at once: a demo fetch has about a dozen in flight


class SandboxStopped(ConnectionError):
    """The sandbox's process is gone or did not answer; the next request starts a new one."""


class SandboxProcess:
    """A `Sandbox` in a spawned process, answering through a pipe (see the module docstring)."""

    def __init__(
        self,
        client_id: str,
        secret: str,
        *,
        answer_timeout_s: float = 120.0,
        started_ahead: StartedProcess | None = None,
    ) -> None:
        """`started_ahead`: a process `start_sandbox_process` started earlier with the same
        credentials, taken as this one's first process."""
        from reviewer.sandbox.app import IN_PROCESS_BASE_URL

        self.client_id = client_id
        self.secret = secret
        self.base_url = IN_PROCESS_BASE_URL
        self.answer_timeout_s = answer_timeout_s
        self.prepared = threading.Event()  # set once the process has built every demo user
        self._lock = threading.Lock()  # the process, the pipe's sending end, the waiting list
        self._started: StartedProcess | None = None
        self._started_ahead = started_ahead
        # request number -> the process it was sent to and the answer's future
        self._waiting: dict[int, tuple[StartedProcess, Future[tuple[str, Any]]]] = {}
        self._numbers = itertools.count(1)
        self._closed = False

    def __repr__(self) -> str:
        return f"SandboxProcess(pid={self.pid})"

    @property
    def pid(self) -> int | None:
        """The process's id while it runs."""
        started = self._started
        alive = started is not None and started.process.is_alive()
        return started.process.pid if started is not None and alive else None

    def start(self) -> None:
        """Start the process now (it takes a few tenths of a second) rather than on the first
        request; does nothing if it runs."""
        with self._lock:
            self._ensure_started()

    def transport(self) -> SandboxTransport:
        """An httpx transport whose requests this process answers."""
        from reviewer.sandbox.transport import SandboxTransport

        return SandboxTransport(self)

    def handle(self, request: SandboxRequest) -> SandboxResponse:
        """Answer one request as `Sandbox.handle` does; SandboxStopped when the process is gone."""
        from reviewer.sandbox.app import DroppedConnection, SandboxResponse

        answer: Future[tuple[str, Any]] = Future()
        with self._lock:
            if self._closed:
                raise SandboxStopped("the demo sandbox was closed")
            started = self._ensure_started()
            number = next(self._numbers)
            self._waiting[number] = (started, answer)
            try:
                started.conn.send((number, request))
            except (OSError, ValueError):
                self._waiting.pop(number, None)
                raise SandboxStopped("the demo sandbox's process stopped") from None
        try:
            kind, value = answer.result(timeout=self.answer_timeout_s)
        except FutureTimeout:
            with self._lock:
                self._waiting.pop(number, None)
            raise SandboxStopped("the demo sandbox did not answer in time") from None
        if kind == "ok":
            status, headers, body = value
            return SandboxResponse(status, body, headers)
        if kind == "dropped":
            raise DroppedConnection(value)
        raise SandboxStopped(f"the demo sandbox failed to answer ({value})")

    def close(self) -> None:
        """Stop the process; requests still waiting fail with SandboxStopped."""
        with self._lock:
            self._closed = True
            started, self._started = self._started, None
            ahead, self._started_ahead = self._started_ahead, None
        if ahead is not None:
            ahead.discard()
        if started is not None:
            with suppress(OSError, ValueError):
                started.conn.send(None)  # "no more requests": it leaves at once
            started.process.join(timeout=0.5)
            started.discard()
        self._fail_waiting()

    def _ensure_started(self) -> StartedProcess:
        started = self._started
        if started is not None and started.process.is_alive():
            return started
        started, self._started_ahead = alive_or_discarded(self._started_ahead), None
        if started is None:
            started = start_sandbox_process(self.client_id, self.secret)
        self._started = started
        self.prepared.clear()
        threading.Thread(
            target=self._read_answers, args=(started,), name="demo-sandbox-answers", daemon=True
        ).start()
        return started

    def _read_answers(self, started: StartedProcess) -> None:
        """Hand each answer to the request waiting for it, until the pipe closes."""
        while True:
            try:
                number, kind, value = started.conn.recv()
            except (EOFError, OSError, ValueError, TypeError):
                break
            if number == _PREPARED:
                self.prepared.set()
                continue
            with self._lock:
                waiting = self._waiting.pop(number, None)
            if waiting is not None:
                waiting[1].set_result((kind, value))
        with self._lock:
            # the process died (or was closed): what waits on it fails, even if another
            # process took its place meanwhile; the next request starts another
            if self._started is started:
                self._started = None
            left = {n: w for n, w in self._waiting.items() if w[0] is started}
            for number in left:
                del self._waiting[number]
        _fail(left)

    def _fail_waiting(self) -> None:
        with self._lock:
            waiting, self._waiting = self._waiting, {}
        _fail(waiting)


def start_sandbox_process(client_id: str, secret: str) -> StartedProcess:
    """Start a demo sandbox's process now; a `SandboxProcess` takes it (`started_ahead`)."""
    return spawn(_serve_in_child, (client_id, secret), "reviewer-demo-sandbox")


def _fail(waiting: dict[int, tuple[StartedProcess, Future[tuple[str, Any]]]]) -> None:
    for _started, answer in waiting.values():
        answer.set_result(("stopped", "its process stopped"))


def _serve_in_child(conn: Connection, client_id: str, secret: str) -> None:
    """The process's entry point: one `Sandbox`, every demo user built on a thread meanwhile,
    each request answered on a thread of a small pool."""
    from reviewer.sandbox.app import DroppedConnection, Sandbox

    sandbox = Sandbox(client_id=client_id, secret=secret)
    sending = threading.Lock()

    def send(message: tuple[int, str, Any]) -> None:
        with sending, suppress(OSError, ValueError):
            conn.send(message)

    def prepare() -> None:
        try:
            prepare_demo_users(sandbox)
        except Exception:  # each request builds its own user's data when it needs it
            log.exception("building the demo users ahead of the requests failed")
        send((_PREPARED, "prepared", None))

    def answer(number: int, request: SandboxRequest) -> None:
        try:
            response = sandbox.handle(request)
            send((number, "ok", (response.status, response.headers, response.body)))
        except DroppedConnection as exc:
            send((number, "dropped", exc.phase))
        except Exception as exc:  # the request fails in words; the sandbox keeps answering
            log.exception("the demo sandbox failed to answer %s", request.path)
            send((number, "error", type(exc).__name__))

    threading.Thread(target=prepare, name="prepare", daemon=True).start()
    pool = ThreadPoolExecutor(_ANSWER_THREADS, thread_name_prefix="answer")
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            break
        if message is None:  # the app is done with the sandbox: leave without waiting
            break
        pool.submit(answer, *message)
    pool.shutdown(wait=False, cancel_futures=True)


def prepare_demo_users(sandbox: Sandbox) -> None:
    """Build every demo user's data and documents' checks (the sandbox's own work, which
    Plaid's servers do before a real fetch), so no request waits for it."""
    from reviewer.sandbox.users import demo_users

    for user in demo_users():
        sandbox.user_state(user.key).prepare_documents(sandbox.renderer)
