"""A 300-page statement in the viewer (issue 16); part of `tests/benchmarks/run.py --json`.

The sandbox's long statement (`reviewer.sandbox.users.long_statement_user`: 303 pages, one
balance on page 271 raised, not a demo case) is fetched once into a store cached under
/tmp (`scale_store.SCALE_CACHE`), then measured exactly as the 32-page demo statement is,
so the two sizes compare:

- first_page_ratio_300p: the flagged document opened in the viewer at its flagged page, to
  that page painted (worker warm, a fresh copy of the stored encrypted file each run), vs a
  bare open + render of that page at the same resolution; alternated, medians (target <= 2);
  first_page_ms_300p / first_page_bare_ms_300p beside it.
- scroll_stall_ms_300p: the longest GUI event-loop stall while flicking through the whole
  statement at 144 dpi, 400 px a frame (target <= 50); scroll_stall_cpu_ms_300p: the GUI
  thread's own CPU time within that stall (on a loaded machine most of a long stall is the
  thread waiting for a core, not working).
  scroll_stall_queued_ms_300p: how long of that stall the GUI thread was runnable but
  waiting for a core (Linux's schedstat; on a shared machine, the other processes' part);
  scroll_stall_own_ms_300p: the longest stall less that wait, over every stall of the scroll
  (what a free core would have left).
- first_page_ratio_by_pages / scroll_stall_ms_by_pages: the same two figures for the 32-page
  demo statement and the 303-page one, side by side.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.scale_store import SCALE_CACHE, _bench_env

FIRST_RUNS = 7
SCROLL_STEP_PX = 400


def long_statement_case() -> dict[str, Any]:
    """The long statement's document, stored path and signals (fetched once, cached)."""
    from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, Sandbox
    from reviewer.sandbox.users import long_statement_user
    from tests.review.conftest import make_service

    data_dir = SCALE_CACHE / "long-statement"
    user = long_statement_user()
    with _bench_env():
        done = (data_dir / "complete").exists()
        if not done:
            import shutil

            shutil.rmtree(data_dir, ignore_errors=True)
        sandbox = Sandbox(client_id=DEMO_CLIENT_ID, secret=DEMO_SECRET, risk_processing_delay=0)
        sandbox.add_user(user)
        service = make_service(sandbox, data_dir)
        try:
            if not done:
                result = service.fetch_case(
                    user_token=user.user_token, user_id=user.user_id, label=user.label
                )
                if not result.stored:
                    raise RuntimeError(f"the long statement was not fetched: {result.message}")
                (data_dir / "complete").write_text("ok\n")
            case = service.find_case(user.label)
            assert case is not None
            snapshot = service.load_case(case.id)
            assert snapshot is not None
            doc = next(d for d in snapshot.documents if d.document_type == "BANK_STATEMENT")
            path = service.document_path(doc)
            signals = [s for s in snapshot.risk_signals if doc.document_id in s.document_ids]
        finally:
            service.close()
    return {"doc": doc, "path": path, "signals": signals}


def bench_statement(case: dict[str, Any], renderer: Any, work: Path, tag: str) -> dict[str, float]:
    """First flagged page (app vs bare, alternated) and the scroll stall of one statement."""
    import pymupdf
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reviewer.ui.tasks import TaskRunner
    from reviewer.ui.viewer.pane import DocumentPane
    from tests.benchmarks.run import (
        ZOOM,
        _details_done,
        _until_painted,
        _wait,
        plain_copy,
        sealed_copy,
    )

    app = QApplication.instance() or QApplication([])
    runner = TaskRunner()
    pane = DocumentPane(runner, renderer)
    pane.resize(1366, 700)
    pane.show()
    page = next(s.page_number for s in case["signals"] if s.has_fraud_risk and s.page_number)
    first, bare = [], []
    for run in range(FIRST_RUNS + 1):
        copy = sealed_copy(case["path"], work, f"{tag}-first-{run}")
        start = time.perf_counter()
        pane.show_document(case["doc"], copy, case["signals"], page)
        first.append(_until_painted(pane, page) - start)
        _wait(app, _details_done(pane, runner), 120)  # the document's facts and thumbnails
        zoom = pane._key(page - 1)[2]
        plain = plain_copy(case["path"], work, f"{tag}-bare-{run}")
        start = time.perf_counter()
        doc = pymupdf.open(plain, filetype="pdf")
        doc[page - 1].get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
        bare.append(time.perf_counter() - start)
        doc.close()

    pane.pages.set_zoom(ZOOM / (pane.devicePixelRatioF() or 1.0))
    pane.pages.scroll_to_page(1)
    app.processEvents()
    bar = pane.pages.verticalScrollBar()
    stall, stall_cpu, last, last_cpu = 0.0, 0.0, time.perf_counter(), time.thread_time()
    stall_queued, own, last_queued = 0.0, 0.0, _queued_s()

    def beat() -> None:
        # the GUI thread's own CPU time over the longest gap tells the app's work from the
        # machine's (a loaded machine leaves the thread waiting with nothing to do), and the
        # time it waited for a core, runnable, says how much of the gap was the machine's
        nonlocal last, last_cpu, stall, stall_cpu, stall_queued, own, last_queued
        now, cpu, queued = time.perf_counter(), time.thread_time(), _queued_s()
        if now - last > stall:
            stall, stall_cpu, stall_queued = now - last, cpu - last_cpu, queued - last_queued
        own = max(own, now - last - (queued - last_queued))
        last, last_cpu, last_queued = now, cpu, queued

    heartbeat, scroller = QTimer(), QTimer()
    heartbeat.setInterval(2)
    heartbeat.timeout.connect(beat)
    scroller.setInterval(16)
    scroller.timeout.connect(lambda: bar.setValue(bar.value() + SCROLL_STEP_PX))
    last, last_cpu = time.perf_counter(), time.thread_time()
    heartbeat.start()
    scroller.start()
    _wait(app, lambda: bar.value() >= bar.maximum(), 600)
    end = time.perf_counter() + 0.5
    _wait(app, lambda: time.perf_counter() > end)
    scroller.stop()
    heartbeat.stop()
    pane.close()
    runner.shutdown()
    first_s, bare_s = statistics.median(first[1:]), statistics.median(bare[1:])
    return {
        "pages": case["doc"].page_count,
        "first_page_ms": round(first_s * 1000, 1),
        "first_page_bare_ms": round(bare_s * 1000, 1),
        "first_page_ratio": round(first_s / bare_s, 2),
        "scroll_stall_ms": round(stall * 1000, 1),
        "scroll_stall_cpu_ms": round(stall_cpu * 1000, 1),
        "scroll_stall_queued_ms": round(stall_queued * 1000, 1),
        "scroll_stall_own_ms": round(own * 1000, 1),
    }


def _queued_s() -> float:
    """Seconds this thread has spent runnable but waiting for a core (Linux's schedstat;
    0 elsewhere): on a machine shared with other work, the part of a stall that is theirs."""
    try:
        with open("/proc/thread-self/schedstat", encoding="ascii") as stat:
            return int(stat.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


def run_statements(short_case: dict[str, Any], renderer: Any, work: Path) -> dict[str, Any]:
    """The 32-page demo statement and the 303-page one, measured alike."""
    short = bench_statement(short_case, renderer, work, "short")
    long = bench_statement(long_statement_case(), renderer, work, "long")
    return {
        "first_page_ratio_300p": long["first_page_ratio"],
        "first_page_ms_300p": long["first_page_ms"],
        "first_page_bare_ms_300p": long["first_page_bare_ms"],
        "scroll_stall_ms_300p": long["scroll_stall_ms"],
        "scroll_stall_cpu_ms_300p": long["scroll_stall_cpu_ms"],
        "scroll_stall_queued_ms_300p": long["scroll_stall_queued_ms"],
        "scroll_stall_own_ms_300p": long["scroll_stall_own_ms"],
        "statement_pages_by_size": {"short": short["pages"], "long": long["pages"]},
        "first_page_ratio_by_pages": {
            str(short["pages"]): short["first_page_ratio"],
            str(long["pages"]): long["first_page_ratio"],
        },
        "scroll_stall_ms_by_pages": {
            str(short["pages"]): short["scroll_stall_ms"],
            str(long["pages"]): long["scroll_stall_ms"],
        },
    }


if __name__ == "__main__":
    import json
    import shutil
    import sys
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from PySide6.QtWidgets import QApplication

    from reviewer.ui.viewer.renderer import DocumentRenderer
    from tests.benchmarks.run import fetch_demo

    QApplication.instance() or QApplication([])
    scratch = Path(tempfile.mkdtemp(prefix="statement-bench-"))
    pdf_renderer = DocumentRenderer()
    try:
        with _bench_env():
            demo = fetch_demo(scratch / "data")
        print(json.dumps(run_statements(demo["edited_statement"], pdf_renderer, scratch), indent=2))
    finally:
        pdf_renderer.close()
        shutil.rmtree(scratch, ignore_errors=True)
    sys.stdout.flush()
    os._exit(0)
