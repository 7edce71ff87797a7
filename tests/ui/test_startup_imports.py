"""The first window must paint without loading the heavy core (PyMuPDF, httpx, the Plaid models,
the typed case model: its ~45 dataclasses cost ~150 ms to define), nor what the first frame does
not show (the case view, the case menus, dialogs, the log file's handlers, QtNetwork), nor
Python's Qt namespace (PySide6 makes it, 93 enums, on its first use: naming any Qt.X value,
or Qt handing a Python method a Qt enum such as a model's headerData's orientation).

Every module imported before the first paint costs cold start (issue 16: the app's first paint
at most 150 ms after a bare window's). This runs the app's real start (`reviewer.ui.app.run`,
the demo on a fresh data directory) in a fresh interpreter, so nothing imported by other tests
hides a regression, and reads `sys.modules` when the main window's first paint event arrives.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import argparse, json, sys
import reviewer.ui.app as start

NOT_BEFORE_THE_PAINT = json.loads(sys.argv[2])
make_app = start._make_app


def watching(argv):
    app = make_app(argv)
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
                loaded = {name: name in sys.modules for name in NOT_BEFORE_THE_PAINT}
                # Python's Qt namespace: made on first use, its 93 enums cost ~25 ms
                loaded["PySide6.QtCore.Qt"] = "Qt" in vars(sys.modules["PySide6.QtCore"])
                print("LOADED", json.dumps(loaded), flush=True)
                obj.removeEventFilter(self)
                QApplication.exit(0)
            return False

    start.FIRST_PAINT = FirstPaint()
    import reviewer.ui.main_window as main_window

    show = main_window.MainWindow.show

    def show_watched(window):
        window.installEventFilter(start.FIRST_PAINT)
        show(window)

    main_window.MainWindow.show = show_watched
    return app


start._make_app = watching
sys.exit(start.run(argparse.Namespace(demo=True, data_dir=sys.argv[1], self_test=False)))
"""

NOT_BEFORE_THE_PAINT = [
    # the core: seconds of CPU, opened on the task runner after the paint
    "pymupdf",
    "httpx",
    "pydantic",
    "reviewer.plaid.client",
    "reviewer.plaid.models",
    "reviewer.documents",
    "reviewer.review.service",
    "reviewer.review.model",
    # the case model and findings: the queue is empty until the service opened
    "reviewer.review.case_model",
    "reviewer.review.findings",
    "reviewer.ui.present.findings",
    # what the first frame does not show: built right after it
    "reviewer.ui.case_view",
    "reviewer.ui.actions",
    "reviewer.ui.dialogs",
    "reviewer.ui.page_view",
    # the log file (logging.handlers pulls socket and pickle) opens after the paint, the
    # single-instance socket too; hashlib would load OpenSSL for one digest Qt can make
    "logging.handlers",
    "reviewer.ui.log_file",
    "PySide6.QtNetwork",
    "hashlib",
    # the task runner's wake-up socket is made with the first task, SIGTERM handled after the
    # paint (nothing to lose before it)
    "socket",
    "signal",
]


def test_main_window_paints_without_the_heavy_core(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "data"), json.dumps(NOT_BEFORE_THE_PAINT)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("LOADED ")]
    assert lines, f"no first paint: {result.stderr[-2000:]}"
    loaded = json.loads(lines[0].removeprefix("LOADED "))
    assert loaded == dict.fromkeys([*NOT_BEFORE_THE_PAINT, "PySide6.QtCore.Qt"], False), (
        f"imported before the first paint: {[name for name, yes in loaded.items() if yes]}"
    )
