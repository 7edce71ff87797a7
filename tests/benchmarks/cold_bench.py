"""The first document after a fresh start (issue 16); part of `tests/benchmarks/run.py --json`.

Each app run is a fresh `reviewer --data-dir DIR` process (offscreen Qt, a fresh settings
directory) on a fresh copy of a store holding the fetched statement case. As a reviewer does,
it waits for the queue, clicks the case's row, and once the case is shown presses Alt+2 for
the Documents tab, where the riskiest document (the 32-page statement) opens at its flagged
page in a documents worker that has never opened it (started after the first paint):

- cold_first_document_ms: Alt+2 to the flagged page painted. Target <= 300.
- cold_thumbnails_facts_ms: Alt+2 to the thumbnails and the document facts shown. Target
  <= 1000.
- cold_start_to_page_ms: the process start to the flagged page painted (context).

Each app run alternates with a bare run: a fresh `python` process that imports PyMuPDF, opens
the plaintext statement and renders the flagged page at the same zoom (cold_first_page_bare_ms),
then all thumbnails and the metadata (cold_thumbnails_facts_bare_ms), timed inside it.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

RUNS = 3

# Marks are time.perf_counter() values (CLOCK_MONOTONIC, shared by processes on one machine).
COLD_APP = """
import sys, time
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
import reviewer.ui.app as start
from reviewer.ui.main_window import MainWindow
from reviewer.ui.viewer.thumbs import ThumbnailStrip

LABEL = sys.argv[2]
state = {"window": None, "clicked": False, "pressed": False, "page": False, "details": False}

def mark(name):
    print(name, time.perf_counter(), flush=True)

set_images = ThumbnailStrip.set_images

def images_set(strip, images):
    set_images(strip, images)
    if images and state["pressed"] and not state["details"]:
        state["details"] = True
        mark("DETAILS")
        QTimer.singleShot(0, settle)

ThumbnailStrip.set_images = images_set

def listed(count):
    window = state["window"]
    if state["clicked"] or not count:
        return
    model, queue = window.queue.model, window.queue
    for row in range(model.rowCount()):
        case = model.case_at(row)
        if case is not None and case.label == LABEL:
            state["clicked"] = True
            mark("QUEUE")
            source = model.index(row, 1)
            index = queue.proxy.mapFromSource(source)
            rect = queue.view.visualRect(index)
            QTest.mouseClick(queue.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return

def shown(_case_id):
    if state["pressed"]:
        return
    state["pressed"] = True
    window = state["window"]
    window.case_view.documents.page_shown.connect(painted)
    mark("CLICK")
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)

def painted(_doc, _page):
    if not state["page"]:
        state["page"] = True
        mark("PAGE")

def settle():
    window = state["window"]
    if window.runner.running():
        QTimer.singleShot(20, settle)
        return
    mark("CLOSE")
    window.close()

def watch():
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and state["window"] is None:
            state["window"] = widget
            widget.first_painted.connect(lambda: mark("PAINTED"))
            widget.cases_loaded.connect(listed)
            widget.case_shown.connect(shown)
            return
    QTimer.singleShot(5, watch)

make_app = start._make_app

def instrumented(argv):
    app = make_app(argv)
    QTimer.singleShot(0, watch)
    return app

start._make_app = instrumented
from reviewer.cli import main  # as `reviewer` starts and ends the app
sys.exit(main(["--data-dir", sys.argv[1]]))
"""

COLD_BARE = """
import sys, time
started = time.perf_counter()
import pymupdf
path, page, zoom, side = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
doc = pymupdf.open(path, filetype="pdf")
doc[page - 1].get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
first = time.perf_counter()
for p in doc:
    scale = side / max(p.rect.width, p.rect.height)
    p.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
dict(doc.metadata or {}), [p.get_fonts() for p in doc]
print(first - started, time.perf_counter() - started)
"""


def _env(config: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(config))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a workstation loads compiled bytecode
    return env


def cold_run(data_dir: Path, label: str, work: Path, tag: str) -> dict[str, float]:
    """One fresh app process on a fresh copy of the store; milliseconds from its marks."""
    copy = work / f"cold-document-{tag}"
    shutil.copytree(data_dir, copy)
    config = Path(tempfile.mkdtemp(prefix="cold-config-", dir=work))
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(COLD_APP), str(copy), label],
        capture_output=True,
        text=True,
        timeout=300,
        env=_env(config),
        check=False,
    )
    marks = {
        parts[0]: float(parts[1])
        for parts in (line.split() for line in proc.stdout.splitlines())
        if len(parts) == 2 and parts[0].isupper()
    }
    if proc.returncode != 0 or not {"PAGE", "DETAILS", "CLOSE"} <= marks.keys():
        raise RuntimeError(f"cold run failed ({proc.returncode}): {proc.stderr[-2000:]}")
    shutil.rmtree(copy, ignore_errors=True)
    return {
        "first_document_ms": (marks["PAGE"] - marks["CLICK"]) * 1000,
        "thumbnails_facts_ms": (marks["DETAILS"] - marks["CLICK"]) * 1000,
        "start_to_page_ms": (marks["PAGE"] - started) * 1000,
        "start_to_queue_ms": (marks["QUEUE"] - started) * 1000,
    }


def bare_run(plain: Path, page: int, zoom: float, side: int) -> tuple[float, float]:
    """A fresh python: import PyMuPDF, open, render the page; then thumbnails and facts."""
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            textwrap.dedent(COLD_BARE),
            str(plain),
            str(page),
            str(zoom),
            str(side),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(plain.parent),
        check=True,
    )
    first, details = (float(v) for v in proc.stdout.split())
    return first * 1000, details * 1000


def bench_cold(
    case: dict[str, Any], label: str, data_dir: Path, work: Path, zoom: float
) -> dict[str, Any]:
    """Medians of RUNS cold app runs alternated with bare runs (`case`: run.py's statement
    case, `label` its label in the store at `data_dir`)."""
    from tests.benchmarks.run import THUMB_SIDE, plain_copy

    page = next(s.page_number for s in case["signals"] if s.has_fraud_risk and s.page_number)
    plain = plain_copy(case["path"], work, "cold-bare")
    bare_run(plain, page, zoom, THUMB_SIDE)  # warm the disk cache on both sides alike
    apps, bares = [], []
    for run in range(RUNS):
        bares.append(bare_run(plain, page, zoom, THUMB_SIDE))
        apps.append(cold_run(data_dir, label, work, str(run)))

    def median(key: str) -> float:
        return round(statistics.median(a[key] for a in apps), 1)

    return {
        "cold_first_document_ms": median("first_document_ms"),
        "cold_thumbnails_facts_ms": median("thumbnails_facts_ms"),
        "cold_start_to_page_ms": median("start_to_page_ms"),
        "cold_start_to_queue_ms": median("start_to_queue_ms"),
        "cold_first_page_bare_ms": round(statistics.median(b[0] for b in bares), 1),
        "cold_thumbnails_facts_bare_ms": round(statistics.median(b[1] for b in bares), 1),
    }
