"""A first demo run's helper processes, started right after the window's first frame.

The first `reviewer --demo` start fetches every demo user, and the fetch needs the documents
worker (PyMuPDF) and the demo sandbox's process. Started when the store opens, their start-up
(a few tenths of a second of CPU each) fell on the moment the app's process imports the fetch,
so three processes shared two cores and the app's got half of one. While the window builds
itself after its first frame (the case view's imports) and opens the store, it uses one core
and leaves the other idle: started then, both are ready before the fetch asks. (Started before
the first frame they delayed it by about 0.1 s: that is the cold start reviewers see.) `CaseService.open` takes them (`take_sandbox`, `take_worker`); whatever it does not
take is stopped with `discard`.

Importing this module costs the window nothing before its first frame; `start` loads only what
spawning needs, never the sandbox or PyMuPDF.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer import paths

if TYPE_CHECKING:
    from reviewer.spawning import StartedProcess


class DemoHeadStart:
    """The processes a first demo run starts ahead (`start`), each taken at most once."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._lock = threading.Lock()
        self._sandbox: StartedProcess | None = None
        self._worker: StartedProcess | None = None

    def __repr__(self) -> str:
        return (
            f"DemoHeadStart(sandbox={self._sandbox is not None}, worker={self._worker is not None})"
        )

    def start(self) -> None:
        """On a first demo run (no case store in the data directory yet), start the demo
        sandbox's and the documents worker's processes now; on any later run, nothing. A
        process that cannot start is left to the store's opening, which says what fails."""
        if paths.has_database(self.data_dir):
            return
        from reviewer.documents._process import start_worker_process
        from reviewer.sandbox.credentials import DEMO_CLIENT_ID, DEMO_SECRET
        from reviewer.sandbox.process import start_sandbox_process

        with self._lock:
            if self._sandbox is None:
                try:
                    self._sandbox = start_sandbox_process(DEMO_CLIENT_ID, DEMO_SECRET)
                except OSError:
                    self._sandbox = None
            if self._worker is None:
                try:
                    self._worker = start_worker_process()
                except OSError:
                    self._worker = None

    def take_sandbox(self) -> StartedProcess | None:
        """The sandbox's process (None if not started, or taken)."""
        with self._lock:
            taken, self._sandbox = self._sandbox, None
        return taken

    def take_worker(self) -> StartedProcess | None:
        """The documents worker's process (None if not started, or taken)."""
        with self._lock:
            taken, self._worker = self._worker, None
        return taken

    def discard(self) -> None:
        """Stop what was not taken (the app closes without having opened its store)."""
        for started in (self.take_sandbox(), self.take_worker()):
            if started is not None:
                started.discard()
