"""How long Reviewer's evidence checks take on the demo cases (issue 18: <= 200 ms each).

`checks_ms`: every check on the slowest demo case's typed case model (best of several runs;
the read model builds that case model once per snapshot, timed apart as `case_model_ms`), with
the case it was; `checks_all_ms`: every check of that case as the producer runs them, the
statement PDF's printed rows (running balance, summary) read from its text layer included;
`checks_first_ms`: the first run in a fresh process (imports included);
`checks_placed_ms`: placing that case's failed values on the page through the in-process
locator (after the checks, in the same background task).
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any


def bench_checks(data_dir: Path, runs: int = 5) -> dict[str, Any]:
    """Fetch every demo case (checks off), then time the checks on each."""
    from reviewer.review.checks import EvidenceChecks, case_model_of, run_checks
    from reviewer.review.findings_run import place
    from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, Sandbox, demo_users
    from tests.review.conftest import make_service

    sandbox = Sandbox(client_id=DEMO_CLIENT_ID, secret=DEMO_SECRET)
    service = make_service(sandbox, data_dir)
    service._producers = []  # fetch without checks: they are what is timed below
    try:
        snapshots = []
        for user in demo_users():
            result = service.fetch_case(
                user_token=user.user_token, user_id=user.user_id, label=user.label
            )
            snapshot = service.load_case(result.case_id) if result.case_id else None
            if snapshot is not None:
                snapshots.append((user.label, snapshot))
        today = date.today()
        started = time.perf_counter()
        run_checks(case_model_of(snapshots[0][1]), today)
        first = time.perf_counter() - started
        slowest, label, count, building = 0.0, "", 0, 0.0
        for name, snapshot in snapshots:
            started = time.perf_counter()
            model = case_model_of(snapshot)
            built = time.perf_counter() - started
            best = float("inf")
            for _ in range(runs):
                started = time.perf_counter()
                found = run_checks(model, today)
                best = min(best, time.perf_counter() - started)
            if best > slowest:
                slowest, label, count, building = best, name, len(found), built
        snapshot = dict(snapshots)[label]
        # every check of the case, the statement PDF's printed rows read through the backend
        producer = EvidenceChecks()
        whole = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            producer.compute(snapshot, service.backend)
            whole = min(whole, time.perf_counter() - started)
        found = run_checks(case_model_of(snapshot), today)
        started = time.perf_counter()
        place(found, snapshot.documents, service.backend)
        placed = time.perf_counter() - started
        return {
            "checks_ms": round(slowest * 1000, 1),
            "checks_all_ms": round(whole * 1000, 1),
            "checks_case": label,
            "checks_findings": count,
            "case_model_ms": round(building * 1000, 1),
            "checks_first_ms": round(first * 1000, 1),
            "checks_placed_ms": round(placed * 1000, 1),
        }
    finally:
        service.close()


if __name__ == "__main__":
    import json
    import sys
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    print(
        json.dumps(bench_checks(Path(tempfile.mkdtemp(prefix="checks-bench-")) / "data"), indent=2)
    )
