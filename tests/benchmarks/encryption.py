"""What encryption at rest costs (issue 15); part of `tests/benchmarks/run.py --json`.

- encryption_fetch_ratio: the statement case fetched whole (every endpoint, every document
  downloaded, inspected, located and stored) into an encrypted store, vs the same fetch into a
  store whose encryption is switched off (plain SQLite pages, unsealed files). Turn about, each
  into a fresh data directory; target <= 1.10.
- encryption_first_page_extra_ms: the viewer opening a cached document at its flagged page,
  painted: the stored, encrypted file vs the same document as a plain file; target <= 2 ms.
- store_open_ms: unlocking (key already in this session) and opening the encrypted store.
- cold_start_ms / cold_start_bare_ms / cold_start_extra_ms: first paint of the app vs a bare
  window (the store opens after the first paint; budget 150 ms).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

RUNS = 5


@contextmanager
def encryption_off() -> Iterator[None]:
    """The store without encryption: no SQLCipher key (plain pages), files written unsealed."""
    from reviewer.store import files, keys

    real_seal, real_pragma = files.seal, keys.DataKeys.sqlcipher_key_pragma
    files.seal = lambda _key_id, _key, data, _identity: data  # type: ignore[assignment]
    keys.DataKeys.sqlcipher_key_pragma = lambda _self: "PRAGMA cipher_log_level = NONE"  # type: ignore[method-assign]
    try:
        yield
    finally:
        files.seal = real_seal  # type: ignore[assignment]
        keys.DataKeys.sqlcipher_key_pragma = real_pragma  # type: ignore[method-assign]


def bench_fetch(work: Path) -> dict[str, float]:
    """A whole case fetch, encrypted vs not (same sandbox, documents already generated)."""
    from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, Sandbox, demo_users
    from tests.review.conftest import make_service

    sandbox = Sandbox(client_id=DEMO_CLIENT_ID, secret=DEMO_SECRET)
    user = next(u for u in demo_users() if u.key == "edited_statement")

    def fetch(data_dir: Path) -> float:
        service = make_service(sandbox, data_dir)  # the store opens (and unlocks) untimed
        try:
            start = time.perf_counter()
            result = service.fetch_case(
                user_token=user.user_token, user_id=user.user_id, label=user.label
            )
            took = time.perf_counter() - start
            assert result.stored, result.message
            return took
        finally:
            service.close()

    fetch(work / "fetch-warm")  # generates the sandbox's documents once
    encrypted, plain = [], []
    for run in range(RUNS):
        encrypted.append(fetch(work / f"fetch-enc-{run}"))
        with encryption_off():
            plain.append(fetch(work / f"fetch-plain-{run}"))
    enc, bare = statistics.median(encrypted), statistics.median(plain)
    return {
        "encryption_fetch_ms": round(enc * 1000, 1),
        "encryption_fetch_plain_ms": round(bare * 1000, 1),
        "encryption_fetch_ratio": round(enc / bare, 3),
    }


def bench_first_page(case: dict[str, Any], renderer: Any, work: Path) -> dict[str, float]:
    """The flagged page painted from the encrypted file vs from the same document in plain."""
    from PySide6.QtWidgets import QApplication

    from reviewer.ui.tasks import TaskRunner
    from reviewer.ui.viewer.pane import DocumentPane
    from tests.benchmarks.run import _until_painted, _wait, plain_copy, sealed_copy

    app = QApplication.instance() or QApplication([])
    runner = TaskRunner()
    pane = DocumentPane(runner, renderer)
    pane.resize(1400, 950)
    pane.show()
    page = next(s.page_number for s in case["signals"] if s.has_fraud_risk and s.page_number)

    def painted(path: Path) -> float:
        start = time.perf_counter()
        pane.show_document(case["doc"], path, case["signals"], page)
        took = _until_painted(pane, page) - start
        _wait(app, lambda: not runner.running(), 30)
        return took

    sealed, plain = [], []
    for run in range(2 * RUNS + 1):  # fresh files each time: nothing cached by the worker
        sealed.append(painted(sealed_copy(case["path"], work, f"enc-first-{run}")))
        plain.append(painted(plain_copy(case["path"], work, f"plain-first-{run}")))
    pane.close()
    runner.shutdown()
    enc, bare = statistics.median(sealed[1:]), statistics.median(plain[1:])
    size = case["path"].stat().st_size
    return {
        "encryption_first_page_ms": round(enc * 1000, 2),
        "encryption_first_page_plain_ms": round(bare * 1000, 2),
        "encryption_first_page_extra_ms": round((enc - bare) * 1000, 2),
        "encryption_document_kb": round(size / 1024, 1),
    }


def bench_decrypt(path: Path) -> dict[str, float]:
    """The decryption itself (read + AES-GCM) of that document, in this process."""
    from reviewer.sealing import read_file

    times = []
    for _ in range(50):
        start = time.perf_counter()
        read_file(path)
        times.append(time.perf_counter() - start)
    return {"encryption_decrypt_document_ms": round(statistics.median(times) * 1000, 3)}


def bench_store_open(data_dir: Path) -> dict[str, float]:
    """Opening the (already unlocked) encrypted store: key file, SQLCipher key, quick_check."""
    from reviewer.store import CaseStore

    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        CaseStore(data_dir).close()
        times.append(time.perf_counter() - start)
    return {"store_open_ms": round(statistics.median(times) * 1000, 1)}


def bench_cold_start(work: Path) -> dict[str, float]:
    """First paint of the app vs a bare QMainWindow (as tests/benchmarks/test_ui_bench.py)."""
    from tests.benchmarks.test_ui_bench import APP, BARE, first_paint_ms

    first_paint_ms(APP, str(work / "cold-warm-up"))
    bare, app = [], []
    for run in range(RUNS):
        bare.append(first_paint_ms(BARE))
        app.append(first_paint_ms(APP, str(work / f"cold-{run}")))
    b, a = statistics.median(bare), statistics.median(app)
    return {
        "cold_start_ms": round(a, 1),
        "cold_start_bare_ms": round(b, 1),
        "cold_start_extra_ms": round(a - b, 1),
    }


def run_encryption(statement: dict[str, Any], renderer: Any, work: Path) -> dict[str, Any]:
    """Every encryption figure."""
    results: dict[str, Any] = {}
    results.update(bench_fetch(work))
    results.update(bench_first_page(statement, renderer, work))
    results.update(bench_decrypt(statement["path"]))
    results.update(bench_store_open(statement["path"].parents[2]))
    results.update(bench_cold_start(work))
    return results
