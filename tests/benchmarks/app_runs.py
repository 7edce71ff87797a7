"""What a reviewer feels of the whole app (issue 16); part of `tests/benchmarks/run.py --json`.

Each run is a fresh `reviewer --demo` process on a fresh data directory (offscreen Qt), timed
by events inside it, against the same moment of a bare QMainWindow where there is one:

- demo_first_run_s: start of the process to every demo case in the queue (first run: the
  cases are fetched from the embedded sandbox); demo_first_case_s: to the first case in the
  queue. Target: <= 3 s, each case appearing as it lands. Measured as on a reviewer's
  workstation, where the new store's key is wrapped by the OS keyring: the benchmark-only
  backend of bench_keyring.py (PYTHON_KEYRING_BACKEND; its Secret Service round trip is not
  included). demo_first_run_passphrase_s / demo_first_case_passphrase_s beside them: the same
  first run on a machine without a keyring, where the key is wrapped with the passphrase
  through the full-strength scrypt (2**17, most of a second); reported, no target.
- quit_ms: the window closed (as a reviewer does, with the documents worker running and a case
  open) to the end of the process. Target <= 500 ms with nothing lost.
- fetch_stall_ms: the longest GUI event-loop stall (5 ms heartbeat) while the biggest demo
  case (the 32-page statement) is fetched and shown in the running window. Target <= 50 ms.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

# fresh first runs of each kind: this machine's speed drifts by 10-20 % over minutes, and the
# median of three moved with it; every run is reported beside the median
RUNS = 5

# The child prints time.perf_counter() (CLOCK_MONOTONIC, shared by processes on one machine)
# at each moment; the parent times the end of the process itself.
FIRST_RUN = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import reviewer.ui.app as start
from reviewer.ui.main_window import MainWindow

DEMO_CASES = int(sys.argv[2])
state = {"window": None, "first": False, "closing": False}

def mark(name):
    print(name, time.perf_counter(), flush=True)

def counted(count):
    if count and not state["first"]:
        state["first"] = True
        mark("FIRST_CASE")
    if count >= DEMO_CASES and not state["closing"]:
        state["closing"] = True
        mark("ALL_CASES")
        QTimer.singleShot(0, settle)

def settle():
    window = state["window"]
    if window.runner.running():  # the top case opening, its checks: quit with work done
        QTimer.singleShot(20, settle)
        return
    mark("CLOSE")
    window.close()

def watch():
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and state["window"] is None:
            state["window"] = widget
            widget.cases_loaded.connect(counted)
            return
    QTimer.singleShot(5, watch)

make_app = start._make_app

def instrumented(argv):
    app = make_app(argv)
    QTimer.singleShot(0, watch)
    return app

start._make_app = instrumented
from reviewer.cli import main  # as `reviewer --demo` starts and ends the app
sys.exit(main(["--demo", "--data-dir", sys.argv[1]]))
"""


def _env(keyring_file: Path | None = None) -> dict[str, str]:
    """The child's environment: with `keyring_file`, the benchmark keyring wraps the new key
    (no passphrase in the environment); without, the passphrase does (as run.py sets it)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a workstation loads compiled bytecode
    env.pop("REVIEWER_TEST_SCRYPT_LOG2_N", None)  # the app's own KDF cost, never a test's
    if keyring_file is not None:
        from tests.benchmarks.bench_keyring import keyring_env

        env.pop("REVIEWER_PASSPHRASE", None)
        env.update(keyring_env(keyring_file, Path(__file__).resolve().parents[2]))
    return env


def first_run(
    data_dir: Path, demo_cases: int, keyring_file: Path | None = None
) -> dict[str, float]:
    """One first run of --demo: seconds to the first and the last case, quit milliseconds
    (the key wrapped by the benchmark keyring in `keyring_file`, else by the passphrase)."""
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(FIRST_RUN), str(data_dir), str(demo_cases)],
        capture_output=True,
        text=True,
        timeout=300,
        env=_env(keyring_file),
        check=False,
    )
    ended = time.perf_counter()
    marks = {
        line.split()[0]: float(line.split()[1])
        for line in proc.stdout.splitlines()
        if line.split() and line.split()[0].isupper() and len(line.split()) == 2
    }
    if proc.returncode != 0 or "CLOSE" not in marks:
        raise RuntimeError(f"first run failed ({proc.returncode}): {proc.stderr[-2000:]}")
    wrapping = json.loads((data_dir / "reviewer.key").read_text())["wrapping"]
    if wrapping != ("keyring" if keyring_file is not None else "passphrase"):
        raise RuntimeError(f"the first run's key was wrapped by the {wrapping}, not as measured")
    return {
        "first_case_s": marks["FIRST_CASE"] - started,
        "all_cases_s": marks["ALL_CASES"] - started,
        "quit_ms": (ended - marks["CLOSE"]) * 1000,
    }


def bench_first_run(work: Path) -> dict[str, Any]:
    """demo_first_run_s, demo_first_case_s and quit_ms (key in the benchmark keyring) and
    demo_first_run_passphrase_s, demo_first_case_passphrase_s (key wrapped with the passphrase):
    medians of RUNS fresh first runs each, the two kinds alternated."""
    from reviewer.sandbox import demo_users

    demo_cases = len(list(demo_users()))
    keyring_runs, passphrase_runs = [], []
    for i in range(RUNS):
        keyring_file = work / f"first-run-keyring-{i}.json"
        keyring_runs.append(first_run(work / f"first-run-keyring-{i}", demo_cases, keyring_file))
        passphrase_runs.append(first_run(work / f"first-run-passphrase-{i}", demo_cases))

    def median(runs: list[dict[str, float]], key: str, digits: int = 2) -> float:
        return round(statistics.median(r[key] for r in runs), digits)

    return {
        "demo_cases": demo_cases,
        "demo_first_run_s": median(keyring_runs, "all_cases_s"),
        "demo_first_run_runs_s": [round(r["all_cases_s"], 2) for r in keyring_runs],
        "demo_first_case_s": median(keyring_runs, "first_case_s"),
        "demo_first_run_passphrase_s": median(passphrase_runs, "all_cases_s"),
        "demo_first_case_passphrase_s": median(passphrase_runs, "first_case_s"),
        "quit_ms": median(keyring_runs, "quit_ms", 1),
    }


def bench_fetch_stall(work: Path) -> dict[str, Any]:
    """The longest GUI stall while the statement case is fetched and shown (in this process)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reviewer.review.app_service import AppService
    from reviewer.review.preferences import Settings
    from reviewer.ui.main_window import MainWindow
    from reviewer.ui.tasks import TaskRunner
    from tests.benchmarks.run import _wait

    app = QApplication.instance() or QApplication([])
    data_dir = work / "stall"
    win = MainWindow(runner=TaskRunner(), settings=Settings(), data_dir=data_dir)
    win.show_error_dialogs = False
    win.show()
    try:
        ready: list[bool] = []
        win.service_ready.connect(lambda: ready.append(True))
        win.open_service(lambda: AppService.open(data_dir, demo=True))
        _wait(app, lambda: bool(ready), 120)
        _wait(app, lambda: not win.runner.running(), 120)
        user = next(u for u in win.service.demo_applicants() if u.key == "edited_statement")
        finished: list[Any] = []
        win.fetch_finished.connect(finished.append)
        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append((now - last[0]) * 1000)
            last[0] = now

        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(tick)
        timer.start()
        started = time.perf_counter()
        win.fetch.fetch_new(user_token=user.user_token, user_id=user.user_id, label=user.label)
        _wait(app, lambda: bool(finished), 180)
        fetched = time.perf_counter()
        _wait(app, lambda: win.case_view.snapshot is not None, 60)
        _wait(app, lambda: not win.runner.running(), 60)
        timer.stop()
        return {
            "fetch_stall_ms": round(max(gaps), 1),
            "fetch_stall_p99_ms": round(statistics.quantiles(gaps, n=100)[-1], 1),
            "fetch_statement_ms": round((fetched - started) * 1000, 1),
        }
    finally:
        win.shutdown()
        win.close()
