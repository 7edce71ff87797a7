"""A first demo run's helper processes, started one after the other from the window's first frame.

The first `reviewer --demo` start fetches every demo user, and the fetch needs the documents
worker (PyMuPDF) and the demo sandbox's process. Started when the store opens, their start-up
(a few tenths of a second of CPU each) fell on the moment the app's process imports the fetch,
so three processes shared two cores and the app's got half of one. While the window builds
itself after its first frame (the case view's imports) and opens the store, it uses one core
and leaves the other idle: there the sandbox starts, then the worker, and both are ready
before the fetch asks. (Started before the first frame they delayed it by about 0.1 s, the
cold start reviewers see; started together they took the window's core from it.)
`CaseService.open` takes them (`take_sandbox`, `take_worker`); whatever it does not take is
stopped with `discard`.

Importing this module costs the window nothing before its first frame; `start` loads only what
spawning needs, never the sandbox or PyMuPDF.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer import paths

if TYPE_CHECKING:
    from reviewer.spawning import StartedProcess

_SANDBOX_READY_S = 10.0  # the worker starts anyway after this long


class DemoHeadStart:
    """The processes a first demo run starts ahead (`start`), each taken at most once."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._lock = threading.Lock()
        self._sandbox: StartedProcess | None = None
        self._worker: StartedProcess | None = None
        self._starting: threading.Thread | None = None  # starts the worker after the sandbox
        self._worker_taken = False  # asked for: a worker started from now on would be unused

    def __repr__(self) -> str:
        return (
            f"DemoHeadStart(sandbox={self._sandbox is not None}, worker={self._worker is not None})"
        )

    def start(self) -> None:
        """On a first demo run (no case store in the data directory yet), start the demo
        sandbox's process now and the documents worker's once the sandbox is ready; on any
        later run, nothing. A process that cannot start is left to the store's opening, which
        says what fails."""
        if paths.has_database(self.data_dir) or self._starting is not None:
            return
        from reviewer.sandbox.credentials import DEMO_CLIENT_ID, DEMO_SECRET
        from reviewer.sandbox.process import start_sandbox_process

        try:
            sandbox = start_sandbox_process(DEMO_CLIENT_ID, DEMO_SECRET)
        except OSError:
            return
        with self._lock:
            self._sandbox = sandbox
        # one after the other: both at once took the window's own core from it
        self._starting = threading.Thread(
            target=self._start_worker_after, args=(sandbox,), name="demo-head-start", daemon=True
        )
        self._starting.start()

    def _start_worker_after(self, sandbox: StartedProcess) -> None:
        with contextlib.suppress(OSError, ValueError):
            # its first message says every demo user is built: it is then idle (peeked at,
            # not read: the SandboxProcess that takes it reads it)
            sandbox.conn.poll(_SANDBOX_READY_S)
        from reviewer.documents._process import start_worker_process

        with self._lock:
            if self._worker_taken:  # the store opened first and starts its own worker
                return
            try:
                self._worker = start_worker_process()
            except OSError:
                return

    def pids(self) -> tuple[int | None, int | None]:
        """The sandbox's and the worker's process ids, while started and not taken (waits
        for the worker while it is being started)."""
        self._wait_for_worker()
        with self._lock:
            sandbox, worker = self._sandbox, self._worker
        return (sandbox.process.pid if sandbox else None, worker.process.pid if worker else None)

    def _wait_for_worker(self) -> None:
        starting = self._starting
        if starting is not None:
            starting.join(_SANDBOX_READY_S + 5)

    def take_sandbox(self) -> StartedProcess | None:
        """The sandbox's process (None if not started, or taken)."""
        with self._lock:
            taken, self._sandbox = self._sandbox, None
        return taken

    def take_worker(self) -> StartedProcess | None:
        """The documents worker's process (None if not started yet, or taken). Never waits:
        a worker not started yet is not started at all (the store's opening starts its own)."""
        with self._lock:
            self._worker_taken = True
            taken, self._worker = self._worker, None
        return taken

    def discard(self) -> None:
        """Stop what was not taken (the app closes without having opened its store)."""
        for started in (self.take_sandbox(), self.take_worker()):
            if started is not None:
                started.discard()
