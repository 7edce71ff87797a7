"""The command line as a whole process (issue 16); part of `tests/benchmarks/run.py --json`.

- cli_cases_ratio: `reviewer cases` on a data directory holding cached cases, whole process
  (interpreter start, imports, unlocking the encrypted store, listing), vs a bare
  `python -c pass` of the same interpreter; turn about, medians. Target <= 10.
  The key is wrapped by a passphrase (REVIEWER_PASSPHRASE; this machine has no OS keyring)
  at the scrypt cost the app itself uses. Each command checks the passphrase; after the first
  command of a login session, against the memo in the kernel keyring (store/passphrase_key.py).
- cli_cases_first_of_session_ms / cli_cases_ratio_first_of_session: the same with no memo (it
  is dropped before each run): the first command of a login session, which pays the deliberate
  cost of the key derivation, measured apart as cli_unlock_kdf_ms.
- cli_cases_ratio_cheap_kdf: the same with the key wrapped at the test suite's scrypt cost
  (2**10), i.e. everything `reviewer cases` does apart from the passphrase's key derivation.
- cli_show_ms: `reviewer show LABEL --json`, whole process, with the cheap key derivation.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

RUNS = 11
PASSPHRASE = "benchmark passphrase"


def _command() -> list[str]:
    """The `reviewer` console script of this interpreter (as a reviewer types it)."""
    script = Path(sys.executable).with_name("reviewer")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reviewer"]


def _env(data_dir: Path | None) -> dict[str, str]:
    env = dict(os.environ, REVIEWER_PASSPHRASE=PASSPHRASE)
    # a workstation loads compiled bytecode; this sandbox may set PYTHONDONTWRITEBYTECODE
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("REVIEWER_TEST_SCRYPT_LOG2_N", None)  # the key file says its own cost
    for var in ("PLAID_CLIENT_ID", "PLAID_SECRET"):  # as configured: the client stays unused
        env.setdefault(var, "benchmark")
    if data_dir is not None:
        env["REVIEWER_DATA_DIR"] = str(data_dir)
    return env


def _timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, check=False)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{args} failed: {done.stderr[-500:]}")
    return took


def _rewrapped(source: Path, target: Path, scrypt_log2_n: int | None) -> Path:
    """A copy of a data directory whose key is wrapped again at the given scrypt cost."""
    from reviewer.store import rekey

    shutil.copytree(source, target)
    saved = os.environ.pop("REVIEWER_TEST_SCRYPT_LOG2_N", None)
    try:
        if scrypt_log2_n is not None:
            os.environ["REVIEWER_TEST_SCRYPT_LOG2_N"] = str(scrypt_log2_n)
        rekey(target, os.environ.get("REVIEWER_PASSPHRASE"), PASSPHRASE)
    finally:
        os.environ.pop("REVIEWER_TEST_SCRYPT_LOG2_N", None)
        if saved is not None:
            os.environ["REVIEWER_TEST_SCRYPT_LOG2_N"] = saved
    return target


def _ratio(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Median seconds of a bare interpreter and of `command`, run turn about."""
    bare_cmd = [sys.executable, "-c", "pass"]
    bare_env = _env(None)
    _timed(bare_cmd, bare_env), _timed(command, env)  # bytecode caches, page cache
    bare, app = [], []
    for _ in range(RUNS):
        bare.append(_timed(bare_cmd, bare_env))
        app.append(_timed(command, env))
    return statistics.median(bare), statistics.median(app)


def _kdf_ms() -> float:
    """The passphrase's key derivation at the app's cost, by itself (in this process)."""
    from reviewer.store import passphrase_key as pk

    kdf = {"n": pk.SCRYPT_N, "r": pk.SCRYPT_R, "p": pk.SCRYPT_P, "salt": "AA" * 8}
    times = []
    for _ in range(3):
        start = time.perf_counter()
        pk.scrypt(PASSPHRASE, kdf)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _first_of_session(command: list[str], env: dict[str, str], data_dir: Path) -> float:
    """Median seconds of `command` with no memo of the passphrase (`reviewer lock` before
    each run): the first command of a login session, which pays scrypt in full."""
    from reviewer.store import keys

    times = []
    for _ in range(5):
        keys.forget_passphrase_memo(data_dir)
        times.append(_timed(command, env))
    return statistics.median(times)


def run_cli(data_dir: Path, label: str, work: Path) -> dict[str, Any]:
    """Every command-line figure, on copies of a data directory with cached cases."""
    from reviewer.store import kernel_keyring

    # a session keyring of the benchmark's own: its memos never reach the caller's session
    kernel_keyring.join_new_session()
    full = _rewrapped(data_dir, work / "cli-full-kdf", None)
    cheap = _rewrapped(data_dir, work / "cli-cheap-kdf", 10)
    results: dict[str, Any] = {}
    bare, cases = _ratio([*_command(), "cases"], _env(full))
    results["cli_cases_ms"] = round(cases * 1000, 1)
    results["cli_bare_python_ms"] = round(bare * 1000, 1)
    results["cli_cases_ratio"] = round(cases / bare, 2)
    first = _first_of_session([*_command(), "cases"], _env(full), full)
    results["cli_cases_first_of_session_ms"] = round(first * 1000, 1)
    results["cli_cases_ratio_first_of_session"] = round(first / bare, 2)
    bare, cases = _ratio([*_command(), "cases"], _env(cheap))
    results["cli_cases_cheap_kdf_ms"] = round(cases * 1000, 1)
    results["cli_cases_ratio_cheap_kdf"] = round(cases / bare, 2)
    bare, show = _ratio([*_command(), "show", label, "--json"], _env(cheap))
    results["cli_show_ms"] = round(show * 1000, 1)
    results["cli_show_ratio_cheap_kdf"] = round(show / bare, 2)
    results["cli_unlock_kdf_ms"] = round(_kdf_ms(), 1)
    return results
