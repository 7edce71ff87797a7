"""Forensics figures of issue 19 for `run.py`: analysis time in the worker, earlier revisions.

- forensics_ms: every forensic check of the 32-page demo statement, one request to the
  documents worker (target <= 1000); forensics_ms_paystub: the same for the edited stub
- revision_render_ratio: page 1 of the edited stub's revision 1 (rebuilt from the file's
  bytes) through the worker vs page 1 as submitted (target <= 2)
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from reviewer.documents.forensics import revision_path
from reviewer.documents.worker import DocumentWorker

RUNS = 7


def _median_ms(action: Any, runs: int = RUNS) -> float:
    action()  # warm: the worker's imports, fonts
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 1)


def bench_forensics(statement: Path, stub: Path, renderer: Any, zoom: float) -> dict[str, Any]:
    """Forensics time of both files and the earlier-revision render ratio."""
    with DocumentWorker() as worker:
        worker.start()
        statement_ms = _median_ms(lambda: worker.forensics(statement), runs=5)
        stub_ms = _median_ms(lambda: worker.forensics(stub))
        revisions = len(worker.forensics(stub).revisions)
    earlier = Path(revision_path(stub, 1))
    renderer.render(stub, 0, zoom), renderer.render(earlier, 0, zoom)  # open both once
    now_times, then_times = [], []
    for _ in range(11):
        start = time.perf_counter()
        renderer.render(stub, 0, zoom)
        now_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        renderer.render(earlier, 0, zoom)
        then_times.append(time.perf_counter() - start)
    now, then = statistics.median(now_times), statistics.median(then_times)
    return {
        "forensics_ms": statement_ms,
        "forensics_ms_paystub": stub_ms,
        "paystub_revisions": revisions,
        "revision_render_ms": round(then * 1000, 2),
        "current_render_ms": round(now * 1000, 2),
        "revision_render_ratio": round(then / now, 2),
    }
