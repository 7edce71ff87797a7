"""Application start: `run(args) -> int` is what `reviewer` calls to open the window.

Cold start is kept short: only QtWidgets and the window's own modules load before the first
paint; the case store, the Plaid client and the sandbox are opened on the task runner right
after it.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from reviewer.review.demo_head_start import DemoHeadStart
    from reviewer.review.facade import ReviewService

log = logging.getLogger(__name__)


def _make_app(argv: list[str]) -> object:
    from PySide6.QtWidgets import QApplication

    from reviewer.ui.interpreter import skip_pyside_source_scan

    skip_pyside_source_scan()  # before the window's modules import (see interpreter.py)
    existing = QApplication.instance()
    if existing is not None:
        return existing
    # fractional screen scales pass through unrounded: Qt 6's default, not set again here
    # (naming the policy made Python's Qt namespace, 93 enums, ~25 ms before the first paint)
    # Fusion follows the system light/dark colour scheme; named on the command line, Qt sets it
    # without Python's QStyle type (its 11 enums cost ~10 ms before the first paint)
    app = QApplication([*argv, "-style", "Fusion"])
    app.setApplicationName("Reviewer")
    app.setOrganizationName("reviewer")
    return app


def run(args: argparse.Namespace) -> int:
    """Open the app (or run the self-test); returns the process exit code."""
    if getattr(args, "self_test", False):
        from reviewer.ui.self_test import run_self_test

        return run_self_test(args)
    from reviewer.ui.platform_check import problem

    if (why := problem()) is not None:  # instead of Qt's abort and core dump
        print(why, file=sys.stderr)
        return 1
    from reviewer.ui.interpreter import collect_young_less_often

    collect_young_less_often()  # before the imports: start-up's objects all live
    from reviewer.review.preferences import Settings
    from reviewer.review.preferences import data_dir as resolve_data_dir
    from reviewer.ui.logs import setup_logging, start_crash_log

    demo = bool(getattr(args, "demo", False))
    data_dir = resolve_data_dir(getattr(args, "data_dir", None), demo=demo)
    start_crash_log()  # the log file opens right after the first paint
    app = _make_app(sys.argv[:1])
    from reviewer.ui.single_instance import SingleInstance

    instance = SingleInstance(data_dir)
    if not instance.acquire(listen=False):
        if instance.notify_running():
            print("reviewer: already running for this data directory; raised it", file=sys.stderr)
            return 0
        print(f"reviewer: {data_dir} is locked by another Reviewer", file=sys.stderr)
        return 1
    head_start = None
    if demo:
        from reviewer.review.demo_head_start import DemoHeadStart

        head_start = DemoHeadStart(data_dir)
    from reviewer.ui.main_window import MainWindow
    from reviewer.ui.tasks import TaskRunner

    runner = TaskRunner()
    window = MainWindow(
        runner=runner,
        settings=Settings.load(),
        data_dir=data_dir,
        demo=demo,
    )
    instance.raise_requested.connect(window.bring_to_front)
    if head_start is not None:  # a first run's sandbox and documents worker, on the core the
        # window's building leaves idle: ready before the fetch asks (review.demo_head_start)
        window.first_frame_shown.connect(head_start.start)
    window.first_painted.connect(lambda: setup_logging())  # first: the service logs as it opens
    # opening the store imports the Plaid models and PyMuPDF (seconds of CPU): a thread doing
    # that before the first paint would hold the GIL the GUI thread needs to paint
    window.first_painted.connect(
        lambda: window.open_service(
            lambda passphrase=None: open_service(data_dir, demo, passphrase, head_start)
        )
    )
    window.first_painted.connect(instance.listen)  # QtNetwork loads after the first paint
    window.first_painted.connect(lambda: _quit_on_terminate(app))  # nothing to lose before
    window.show()
    try:
        return int(app.exec())  # type: ignore[attr-defined]
    finally:
        window.shutdown()
        if head_start is not None:  # what the store's opening never took
            head_start.discard()
        instance.release()
        setup_logging()  # the records held before a paint that never came


def leave(code: int) -> NoReturn:
    """End the app's process at once, after the window's shutdown (quit <= 0.5 s, issue 16).

    By now everything a reviewer could lose is on disk: the window's shutdown committed a
    decision in its undo window, waited for the task threads, stopped the documents worker and
    closed the store, and the data directory's lock is released. What is left is the
    interpreter's teardown of Qt, PyMuPDF (the demo's sandbox) and every module: a second and
    more of CPU that saves nothing. Logs and output are flushed first. Should a thread that is
    not a daemon still run (none should), the normal exit waits for it instead.
    """
    import os
    import threading

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    others = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
    if others:
        sys.exit(code)
    os._exit(code)


def _quit_on_terminate(app: object) -> None:
    """SIGTERM (logout, shutdown) quits through the normal path, so a decision still in its
    undo window is written and the documents worker stops, instead of dying mid-way."""
    import signal

    from PySide6.QtCore import QTimer

    signal.signal(signal.SIGTERM, lambda *_: app.quit())  # type: ignore[attr-defined]
    # Python runs signal handlers only between bytecodes: a light timer gives it the chance
    ticker = QTimer(app)  # type: ignore[arg-type]
    ticker.start(250)
    ticker.timeout.connect(lambda: None)


def open_service(
    data_dir: Path,
    demo: bool,
    passphrase: str | None = None,
    head_start: DemoHeadStart | None = None,
) -> ReviewService:
    """Open the app's ReviewService (imports the core lazily; runs on the task runner).

    Raises PassphraseRequired / KeyUnavailable for the window to ask or explain.
    """
    started = time.perf_counter()
    from reviewer.review.app_service import AppService

    service = AppService.open(data_dir, demo=demo, passphrase=passphrase, head_start=head_start)
    # files no snapshot references (a cancelled fetch's downloads, a purged case's files)
    removed = service.gc_documents()
    if removed:
        log.info("removed %d unreferenced document files", removed)
    log.info("service open in %.0f ms", (time.perf_counter() - started) * 1000)
    return service
