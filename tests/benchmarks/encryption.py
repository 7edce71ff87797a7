"""What encryption at rest costs (issue 15); part of `tests/benchmarks/run.py --json`.

- encryption_fetch_ratio: the statement case fetched whole (every endpoint, every document
  downloaded, inspected, located and stored) into an encrypted store, vs the same fetch into a
  store whose encryption is switched off (plain SQLite pages, unsealed files). Turn about, each
  into a fresh data directory; target <= 1.10.
- encryption_first_page_extra_ms: the viewer opening a cached document at its flagged page,
  painted: the stored, encrypted file vs the same document as a plain file; target <= 2 ms.
- encryption_decrypt_document_ms / encryption_open_extra_ms: the same document read and
  decrypted, and opened with PyMuPDF encrypted vs plain, in one process (no GUI, no worker).
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
    for run in range(2 * RUNS):  # ABBA order, so neither side always goes first

        def encrypted_run(run: int = run) -> None:
            encrypted.append(fetch(work / f"fetch-enc-{run}"))

        def plain_run(run: int = run) -> None:
            with encryption_off():
                plain.append(fetch(work / f"fetch-plain-{run}"))

        for side in (encrypted_run, plain_run) if run % 2 == 0 else (plain_run, encrypted_run):
            side()
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
    painted(sealed_copy(case["path"], work, "enc-first-warm"))
    for run in range(4 * RUNS):  # fresh files each time: nothing cached by the worker
        # ABBA order: whichever goes second in a pair finds the machine warmer
        sides = [(sealed, True), (plain, False)]
        for times, is_sealed in sides if run % 2 == 0 else sides[::-1]:
            copy = sealed_copy if is_sealed else plain_copy
            times.append(painted(copy(case["path"], work, f"first-{is_sealed}-{run}")))
    pane.close()
    runner.shutdown()
    enc, bare = statistics.median(sealed), statistics.median(plain)
    size = case["path"].stat().st_size
    return {
        "encryption_first_page_ms": round(enc * 1000, 2),
        "encryption_first_page_plain_ms": round(bare * 1000, 2),
        "encryption_first_page_extra_ms": round((enc - bare) * 1000, 2),
        "encryption_document_kb": round(size / 1024, 1),
    }


def bench_decrypt(path: Path, work: Path) -> dict[str, float]:
    """What the worker does differently for an encrypted file, timed without the GUI's noise:
    reading it (read + AES-GCM) and opening it with PyMuPDF, vs the same for the plain file."""
    from reviewer.documents._open import open_document
    from reviewer.sealing import read_file
    from tests.benchmarks.run import plain_copy

    plain = plain_copy(path, work, "decrypt-plain")

    def opened(source: Path) -> float:
        start = time.perf_counter()
        with open_document(source) as doc:
            doc[0]
        return time.perf_counter() - start

    reads, sealed_opens, plain_opens = [], [], []
    for _ in range(50):
        start = time.perf_counter()
        read_file(path)
        reads.append(time.perf_counter() - start)
        sealed_opens.append(opened(path))
        plain_opens.append(opened(plain))
    return {
        "encryption_decrypt_document_ms": round(statistics.median(reads) * 1000, 3),
        "encryption_open_extra_ms": round(
            (statistics.median(sealed_opens) - statistics.median(plain_opens)) * 1000, 3
        ),
    }


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
    results.update(bench_decrypt(statement["path"], work))
    results.update(bench_store_open(statement["path"].parents[2]))
    results.update(bench_cold_start(work))
    return results
