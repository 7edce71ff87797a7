"""`reviewer --demo --self-test`: the headless smoke test used by CI and the installer.

Starts the real window offscreen, fetches one demo case, opens its most flagged document,
renders the flagged page with its highlights, prints each step with its timing, exits 0 (or
non-zero with the reason).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewer.review.facade import ReviewService

STEP_TIMEOUT_S = 120.0
FLAGGED_USER = "tampered_paystub"


class SelfTestFailed(Exception):
    """A step of the self-test failed; the message says which and why."""


def _wait(app: Any, done: Callable[[], bool], what: str, timeout: float = STEP_TIMEOUT_S) -> None:
    """Run the event loop until `done()`; QEventLoop.exec, because PySide6 6.12's
    `processEvents(flags, maxtime)` corrupts reference counts while Python threads run."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: loop.quit() if done() or time.monotonic() > deadline else None)
    timer.start()
    if not done():
        loop.exec()
    timer.stop()
    if not done():
        raise SelfTestFailed(f"timed out after {timeout:.0f} s waiting for {what}")


def run_self_test(args: argparse.Namespace) -> int:
    """Run the smoke test; print what happened; return 0 on success."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    t0 = time.perf_counter()

    def say(msg: str) -> None:
        print(f"[{(time.perf_counter() - t0) * 1000:7.0f} ms] {msg}", flush=True)

    # a fresh demo directory unless one was given: the test must fetch, not read a cache
    data_dir = getattr(args, "data_dir", None) or tempfile.mkdtemp(prefix="reviewer-selftest-")
    window = None
    try:
        from reviewer.ui.app import _make_app, open_service

        app = _make_app(sys.argv[:1])
        from reviewer.review.preferences import Settings
        from reviewer.ui.main_window import MainWindow
        from reviewer.ui.present.risk import flagged_page, most_flagged_document, signals_for
        from reviewer.ui.tasks import TaskRunner

        window = MainWindow(runner=TaskRunner(), settings=Settings(), demo=False)
        window.show_error_dialogs = False
        errors: list[str] = []
        window.error_shown.connect(errors.append)
        window.show()
        say("window shown")
        from pathlib import Path

        # a throwaway directory gets a throwaway passphrase (used only without a keyring); a
        # given one is unlocked as usual (keyring or REVIEWER_PASSPHRASE), never by a dialog
        throwaway = None if getattr(args, "data_dir", None) else secrets.token_urlsafe(24)

        def opener() -> ReviewService:
            try:
                return open_service(Path(data_dir), True, throwaway)
            except Exception as exc:  # noqa: BLE001 - any failure to open is reported
                raise RuntimeError(str(exc)) from None  # words for the report, not a dialog

        window.open_service(opener)
        _wait(app, lambda: window.service is not None or bool(errors), "the case store")
        service = window.service
        if errors or service is None:
            raise SelfTestFailed(f"opening the service failed: {errors[0] if errors else '?'}")
        say(f"service open ({service.environment_label})")
        users = service.demo_applicants()
        if not users:
            raise SelfTestFailed("the demo sandbox has no users")
        # the user whose pay stub carries the most located signals: highlights must be drawn
        user = next((u for u in users if u.key == FLAGGED_USER), users[0])
        results: list[Any] = []
        window.fetch_finished.connect(results.append)
        window.fetch.fetch_new(user_token=user.user_token, user_id=user.user_id, label=user.label)
        _wait(app, lambda: bool(results) or bool(errors), "the fetch")
        if errors:
            raise SelfTestFailed(f"fetch failed: {errors[0]}")
        result = results[0]
        if not result.stored or not result.case_id:
            raise SelfTestFailed(f"fetch stored nothing: {result.message}")
        say(f"fetched {user.label}: {result.message}")
        shown: list[str] = []
        window.case_shown.connect(shown.append)
        _wait(app, lambda: window.queue.model.row_of(result.case_id) >= 0, "the queue")
        window.queue.select_case(result.case_id)
        _wait(app, lambda: window.case_view.snapshot is not None, "the case to load")
        snapshot = window.case_view.snapshot
        if snapshot is None:
            raise SelfTestFailed("the case did not load")
        say(f"case open: {len(snapshot.documents)} documents, {len(snapshot.risk_signals)} signals")
        doc_id = most_flagged_document(snapshot)
        if doc_id is None:
            raise SelfTestFailed("the case has no stored document to render")
        tab = window.case_view.documents
        pages: list[tuple[str, int]] = []
        failures: list[str] = []
        tab.page_shown.connect(lambda d, p: pages.append((d, p)))
        tab.page_failed.connect(lambda d, reason: failures.append(reason))
        window.case_view.setCurrentWidget(tab)
        tab.open_document(doc_id)
        _wait(app, lambda: bool(pages) or bool(failures) or bool(errors), "the page render")
        if failures or errors:
            raise SelfTestFailed(f"render failed: {(failures or errors)[0]}")
        sigs = signals_for(snapshot, doc_id)
        page = flagged_page(sigs, doc_id)
        drawn = len(tab.page_view.highlights)
        say(
            f"rendered {doc_id} page {pages[-1][1]} (most flagged: {page}) with "
            f"{drawn} highlights drawn from {len(sigs)} signals"
        )
        if drawn == 0:
            raise SelfTestFailed(f"no highlight drawn on the flagged page of {doc_id}")
        say("self-test passed")
        return 0
    except SelfTestFailed as exc:
        say(f"self-test FAILED: {exc}")
        return 1
    except Exception as exc:  # noqa: BLE001 - the reason is the output of a smoke test
        say(f"self-test FAILED: {type(exc).__name__}: {exc}")
        return 2
    finally:
        if window is not None:
            window.shutdown()
