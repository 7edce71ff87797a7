"""How cost grows with the store (issue 16); part of `tests/benchmarks/run.py --json`.

On stores of 100, 1,000 and 10,000 cases cloned from the demo cases (`scale_store`, cached
under /tmp and reused), each figure is reported per size (`..._by_cases: {"100": ...}`):

- store_open_whole_check_ms_by_cases / store_open_ms_by_cases: opening the store with its
  whole-file check (as after a crash) and as after a clean close (the file unchanged since,
  `reviewer.store.checked`: only the queue's tables checked), unlock excluded.
- queue_open_ms_by_cases: the real MainWindow, from `open_service` (unlock, open and check the
  store, read the queue, make its sort keys, all on the task runner) to the queue holding
  every case, wall time; queue_open_gui_ms_by_cases: the GUI thread's part of it for the
  queue (taking the rows, fitting the columns, painting the view); queue_open_gui_stall_ms:
  the longest the GUI thread was busy in one go meanwhile (a 2 ms heartbeat; it includes
  the window's own first-use work such as building the case view, the same at any size).
  queue_10k_open_ms is the queue's GUI figure at 10,000 cases (target <= 100),
  queue_10k_open_wall_ms the wall time beside it (after a clean close of the store).
- queue_sort_ms_by_cases: a sort by each column (the header's sortByColumn, as a click does)
  with the repaint of the view, median over the columns; queue_search_ms_by_cases: one key
  typed in the queue's search box with the repaint, median over the keys of three searches;
  queue_filter_ms_by_cases: the decision filter ("Undecided", then "All") with the repaint.
  queue_10k_search_ms is the search figure at 10,000 cases (target <= 100), GUI time.
- cli_cases_ms_by_cases / cli_cases_page_ms_by_cases: `reviewer cases` whole process, the
  whole list / one page (`--limit 50 --offset` in the middle), with the ratio of the page to a
  bare `python -c pass` (cli_cases_page_ratio_by_cases; key wrapped at the suite's scrypt cost,
  so this is about growth, not unlocking; target <= 10), alternated, medians.
- data_dir_bytes_per_case (at 10,000 cases) and data_dir_bytes_per_case_by_cases: every file
  of the data directory (database with WAL, key file, sealed documents) over the cases.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.scale_store import PASSPHRASE, SIZES, data_dir_bytes, scale_store

CLI_RUNS = 5
SEARCHES = ("abbott", "app-2055", "zz-none")


def _gui_window(app: Any) -> Any:
    from reviewer.review.preferences import Settings
    from reviewer.ui.main_window import MainWindow
    from reviewer.ui.tasks import TaskRunner

    win = MainWindow(runner=TaskRunner(), settings=Settings(), demo=False)
    win.show_error_dialogs = False
    win.resize(1366, 768)
    win.show()
    app.processEvents()
    return win


class _Heartbeat:
    """The longest gap between 2 ms timer ticks: how long the GUI thread was busy at once."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(2)
        self._timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self.longest = 0.0
        self._timer.start()

    def stop(self) -> float:
        self._beat()
        self._timer.stop()
        return self.longest


def _run_until(app: Any, condition: Any, timeout: float = 120.0) -> None:
    """Run the event loop (sleeping until events come) until `condition` holds."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.perf_counter() + timeout
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(1)
    check.timeout.connect(lambda: loop.quit() if condition() else None)
    check.start()
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("benchmark step did not finish")
        loop.exec()
    check.stop()


def _gui_ms(view: Any, action: Any) -> float:
    """`action` plus the repaint it causes, on the GUI thread, in ms."""
    start = time.perf_counter()
    action()
    view.viewport().repaint()
    return (time.perf_counter() - start) * 1000


def bench_queue(app: Any, data_dir: Path, cases: int) -> dict[str, float]:
    """Open, sort, search and filter the queue of one store in the real window."""
    from PySide6.QtCore import Qt

    from reviewer.review.app_service import AppService

    win = _gui_window(app)
    queue = win.queue
    # the queue's own GUI time: taking the rows read on the task runner, fitting the columns
    filled: list[float] = []
    set_cases = queue.set_cases

    def timed_set_cases(cases: Any) -> None:
        start = time.perf_counter()
        set_cases(cases)
        queue.view.viewport().repaint()
        filled.append((time.perf_counter() - start) * 1000)

    queue.set_cases = timed_set_cases  # type: ignore[method-assign]
    heartbeat = _Heartbeat()
    heartbeat.start()
    start = time.perf_counter()
    win.open_service(lambda: AppService.open(data_dir))
    _run_until(app, lambda: queue.proxy.rowCount() == cases)
    queue.view.viewport().repaint()
    open_ms = (time.perf_counter() - start) * 1000
    open_gui_ms = heartbeat.stop() * 1000
    _run_until(app, lambda: not win.runner.running(), 60)  # the top case's load and checks
    app.processEvents()

    sorts = []
    for column in range(queue.model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            sorts.append(
                _gui_ms(queue.view, lambda c=column, o=order: queue.view.sortByColumn(c, o))
            )
    keys = []
    for text in SEARCHES:
        for n in range(1, len(text) + 1):
            keys.append(_gui_ms(queue.view, lambda t=text[:n]: queue.search.setText(t)))
        keys.append(_gui_ms(queue.view, queue.search.clear))
    filters = []
    combo = win.case_menus.decisions.filter if win.case_menus is not None else None
    if combo is not None:
        for key in ("undecided", "all", "undecided", "all"):
            index = combo.findData(key)
            filters.append(_gui_ms(queue.view, lambda i=index: combo.setCurrentIndex(i)))
    win.shutdown()
    win.close()
    win.deleteLater()
    app.processEvents()
    return {
        "open_ms": round(open_ms, 1),
        "open_gui_ms": round(sum(filled), 1),
        "open_gui_stall_ms": round(open_gui_ms, 1),
        "sort_ms": round(statistics.median(sorts), 2),
        "sort_max_ms": round(max(sorts), 2),
        "search_ms": round(statistics.median(keys), 2),
        "search_max_ms": round(max(keys), 2),
        "filter_ms": round(statistics.median(filters), 2) if filters else -1.0,
    }


def bench_store_open(data_dir: Path) -> dict[str, float]:
    """Opening the store (unlock cached) with its whole-file check, as after a crash, and
    as after a clean close (the file unchanged since: `reviewer.store.checked`)."""
    from reviewer.store import CaseStore
    from reviewer.store.checked import consume

    def opened() -> float:
        start = time.perf_counter()
        store = CaseStore(data_dir)
        took = time.perf_counter() - start
        store.close()
        return took * 1000

    opened()  # unlock (cached for the process) and page cache
    consume(data_dir / "reviewer.sqlite3")
    whole = opened()
    after_clean_close = statistics.median(opened() for _ in range(3))
    return {
        "store_open_whole_check_ms": round(whole, 1),
        "store_open_ms": round(after_clean_close, 1),
    }


def _timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300, check=False)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{args} failed: {done.stderr[-500:]}")
    return took * 1000


def bench_cli(data_dir: Path, cases: int) -> dict[str, float]:
    """`reviewer cases` (all, and one page) vs bare python, alternated, medians in ms."""
    from tests.benchmarks.cli import _command

    env = dict(os.environ, REVIEWER_PASSPHRASE=PASSPHRASE, REVIEWER_DATA_DIR=str(data_dir))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    bare_cmd = [sys.executable, "-c", "pass"]
    whole_cmd = [*_command(), "cases"]
    page_cmd = [*_command(), "cases", "--limit", "50", "--offset", str(cases // 2)]
    for cmd in (bare_cmd, whole_cmd, page_cmd):
        _timed(cmd, env)  # bytecode and page caches
    bare, whole, page = [], [], []
    for _ in range(CLI_RUNS):
        bare.append(_timed(bare_cmd, env))
        page.append(_timed(page_cmd, env))
        whole.append(_timed(whole_cmd, env))
    bare_ms = statistics.median(bare)
    return {
        "cli_ms": round(statistics.median(whole), 1),
        "cli_page_ms": round(statistics.median(page), 1),
        "cli_page_ratio": round(statistics.median(page) / bare_ms, 2),
        "cli_bare_ms": round(bare_ms, 1),
    }


def run_scale(sizes: tuple[int, ...] = SIZES) -> dict[str, Any]:
    """Every growth figure, per store size."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    saved = os.environ.get("REVIEWER_PASSPHRASE")
    os.environ["REVIEWER_PASSPHRASE"] = PASSPHRASE
    by: dict[str, dict[str, Any]] = {}
    try:
        for cases in sizes:
            data_dir = scale_store(cases)
            figures = {
                **bench_store_open(data_dir),
                **bench_queue(app, data_dir, cases),
                **bench_cli(data_dir, cases),
            }
            figures["bytes_per_case"] = round(data_dir_bytes(data_dir) / cases)
            for key, value in figures.items():
                by.setdefault(key, {})[str(cases)] = value
    finally:
        if saved is None:
            os.environ.pop("REVIEWER_PASSPHRASE", None)
        else:
            os.environ["REVIEWER_PASSPHRASE"] = saved
    results: dict[str, Any] = {
        f"queue_{name}_by_cases": by[name]
        for name in (
            "open_ms",
            "open_gui_ms",
            "open_gui_stall_ms",
            "sort_ms",
            "sort_max_ms",
            "search_ms",
        )
    }
    results["queue_search_max_ms_by_cases"] = by["search_max_ms"]
    results["store_open_ms_by_cases"] = by["store_open_ms"]
    results["store_open_whole_check_ms_by_cases"] = by["store_open_whole_check_ms"]
    results["queue_filter_ms_by_cases"] = by["filter_ms"]
    results["cli_cases_ms_by_cases"] = by["cli_ms"]
    results["cli_cases_page_ms_by_cases"] = by["cli_page_ms"]
    results["cli_cases_page_ratio_by_cases"] = by["cli_page_ratio"]
    results["data_dir_bytes_per_case_by_cases"] = by["bytes_per_case"]
    biggest = str(max(sizes))
    results["queue_10k_open_ms"] = by["open_gui_ms"][biggest]
    results["queue_10k_open_wall_ms"] = by["open_ms"][biggest]
    results["queue_10k_search_ms"] = by["search_ms"][biggest]
    results["data_dir_bytes_per_case"] = by["bytes_per_case"][biggest]
    return results


if __name__ == "__main__":
    import json

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    chosen = tuple(int(a) for a in sys.argv[1:]) or SIZES
    print(json.dumps(run_scale(chosen), indent=2))
    sys.stdout.flush()
    os._exit(0)  # PySide6 can crash tearing down Qt objects at exit; the figures are out
