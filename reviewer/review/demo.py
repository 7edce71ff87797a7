"""Demo mode: the embedded local sandbox and its demo users (no keys, no network)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from reviewer.review.facade import DemoApplicant

if TYPE_CHECKING:  # the client (httpx, the generated models) loads on the first fetch
    from reviewer.plaid.client import PlaidClient
    from reviewer.review.documents_access import DocumentWorker
    from reviewer.review.service import CaseService
    from reviewer.sandbox import Sandbox
    from reviewer.sandbox.process import SandboxProcess
    from reviewer.spawning import StartedProcess

log = logging.getLogger(__name__)


class DemoClients:
    """A factory of PlaidClients on one shared demo sandbox (created on first use).

    `own_process` (the app and the command line, whose documents the worker process opens):
    the sandbox runs in a process of its own (`SandboxProcess`), as Plaid's servers are not in
    the reviewer's process: its work on the first run's fetch then never holds the interpreter
    lock the window and the fetch need. Otherwise (a service built by hand, as in tests) it
    runs in this process.
    """

    def __init__(
        self, own_process: bool = False, started_ahead: StartedProcess | None = None
    ) -> None:
        """`started_ahead`: the sandbox's process, started ahead by a first demo run
        (`reviewer.review.demo_head_start`); implies `own_process`."""
        self.own_process = own_process or started_ahead is not None
        self._started_ahead = started_ahead
        self._local: Sandbox | None = None
        self._process: SandboxProcess | None = None
        self._lock = threading.Lock()
        self._prepared = threading.Event()  # `prepare` built every demo user in this process

    def __repr__(self) -> str:
        started = self._local is not None or self._process is not None
        return f"DemoClients(started={started}, own_process={self.own_process})"

    @property
    def prepared(self) -> threading.Event:
        """Set once every demo user's data is built (by `prepare`, or in the sandbox's process)."""
        self._shared()
        return self._process.prepared if self._process is not None else self._prepared

    def _shared(self) -> Sandbox | SandboxProcess:
        with self._lock:
            if self._process is not None:
                return self._process
            if self._local is not None:
                return self._local
            from reviewer.sandbox.app import Sandbox
            from reviewer.sandbox.credentials import DEMO_CLIENT_ID, DEMO_SECRET

            if self.own_process:
                from reviewer.sandbox.process import SandboxProcess

                self._process = SandboxProcess(
                    DEMO_CLIENT_ID, DEMO_SECRET, started_ahead=self._started_ahead
                )
                return self._process
            self._local = Sandbox(client_id=DEMO_CLIENT_ID, secret=DEMO_SECRET)
            return self._local

    def __call__(self) -> PlaidClient:
        from reviewer.sandbox.embedded import embedded_client

        return embedded_client(self._shared())

    def prepare(self) -> None:
        """Build every demo user's data and documents' checks now, before a fetch asks: the
        sandbox's own work (Plaid's servers do theirs before a real fetch), kept off the
        fetch's threads and the window's event loop when there is an idle moment. A sandbox
        in its own process is started, and builds them there."""
        self._shared()
        if self._process is not None:
            self._process.start()
            return
        from reviewer.sandbox.process import prepare_demo_users

        assert self._local is not None  # made by `_shared`
        prepare_demo_users(self._local)
        self._prepared.set()

    def close(self) -> None:
        """Stop the sandbox's process, if it has one (the service is closing)."""
        with self._lock:
            process = self._process
        if process is not None:
            process.close()


def demo_client_factory(
    own_process: bool = False, started_ahead: StartedProcess | None = None
) -> DemoClients:
    """A factory of PlaidClients on one shared demo sandbox (created on first use; in a
    process of its own with `own_process`, the one `started_ahead` if given)."""
    return DemoClients(own_process, started_ahead)


def warm_up_demo_fetch(worker: DocumentWorker, clients: DemoClients | None = None) -> None:
    """Get the demo's first fetch ready while the new store's key is derived (scrypt, most of
    a second, releases the GIL): start the documents worker process, and meanwhile import the
    fetch (the Plaid client and models, httpx, the sandbox), build the response models'
    validators (pydantic defers them to first use) and the demo users' data
    (`clients.prepare`), each on a thread of its own. Never blocks; a failure here is met
    again, and said in words, by the fetch itself."""

    def start_worker() -> None:
        try:
            if clients is not None:  # a sandbox in its own process starts first: it is asked first
                clients.prepare()
            worker.start()
        except Exception:
            log.warning(
                "starting the documents worker ahead of the demo's fetch failed", exc_info=True
            )

    def warm_up() -> None:
        # the worker's start mostly waits for the process to import PyMuPDF: on a thread of its
        # own, so the imports below (which the fetch needs first) are not queued behind it
        threading.Thread(target=start_worker, name="demo-worker-start", daemon=True).start()
        try:
            import reviewer.review.fetch
            import reviewer.sandbox.embedded  # noqa: F401
            from reviewer.plaid.client import build_response_validators

            build_response_validators()
        except Exception:
            log.warning("warming up the demo's first fetch failed", exc_info=True)

    threading.Thread(target=warm_up, name="demo-warm-up", daemon=True).start()


def demo_user_list() -> list[DemoApplicant]:
    """The sandbox's demo users as the app offers them (key, label, user_token or user_id)."""
    from reviewer.sandbox import demo_users

    return [DemoApplicant(u.key, u.label, u.user_token, u.user_id) for u in demo_users()]


def demo_hint(case_key: str | None = None, retry: str | None = None) -> str:
    """Where the demo cases are, for a command run without --demo that found no case.

    `reviewer --demo` keeps its cases in a separate data directory, so without the flag a
    newcomer sees none of them; this says how many there are and the command that reaches them
    (`retry`, when `case_key` is a demo case's label; `reviewer --demo show KEY` by default).
    """
    users = demo_user_list()
    labels = {user.label for user in users}
    if case_key is not None and case_key in labels:
        return f"{case_key} is a demo case: {retry or f'reviewer --demo show {case_key}'}"
    example = sorted(labels)[1] if len(labels) > 1 else next(iter(labels), "APP-1001")
    return (
        f"the {len(users)} demo cases are in the demo data directory: "
        f"reviewer --demo cases, reviewer --demo show {example}"
    )


def ensure_demo_cases(service: CaseService, say: Callable[[str], None]) -> None:
    """Fetch the demo cases a command in demo mode needs and does not have yet (first use).

    The app does the same on its first `--demo` start; the command line does it here so
    `reviewer --demo cases` works before the app was ever opened.
    """
    if not service.demo_cases_missing():
        return
    say(
        "fetching the demo cases from the embedded sandbox into the demo data directory "
        "(first use only; under a minute)"
    )
    service.fetch_demo_cases()
