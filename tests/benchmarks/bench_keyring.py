"""A keyring backend for benchmarks only: `reviewer cases` on a workstation, honestly measured.

On a reviewer's workstation the data key's wrapping key comes from the OS keyring (Secret
Service, macOS Keychain, Windows Credential Locker), not from a passphrase run through scrypt.
This machine has no keyring daemon, so `cli_cases_ratio_keyring` selects this backend through
`PYTHON_KEYRING_BACKEND=tests.benchmarks.bench_keyring.FileKeyring`: it keeps its entries in one
JSON file (`BENCH_KEYRING_FILE`). The process pays everything a workstation's does (importing
keyring, loading the backend, reading the entry, unwrapping the data key) except what the OS
backend itself costs: finding it (keyring's entry-point scan when no backend is configured) and
the round trip to the keyring daemon (Secret Service over D-Bus). Neither is in the figure.

Never use it for real data: the entries are in plaintext in that file.

    python -m tests.benchmarks.bench_keyring DATA_DIR SOURCE_DIR
makes DATA_DIR a keyring-wrapped store holding clones of SOURCE_DIR's cases.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from keyring.backend import KeyringBackend

FILE_ENV = "BENCH_KEYRING_FILE"
BACKEND = "tests.benchmarks.bench_keyring.FileKeyring"


class FileKeyring(KeyringBackend):
    """Entries in a JSON file named by BENCH_KEYRING_FILE (benchmarks only)."""

    priority = 1  # type: ignore[assignment]  # keyring's class property, set plainly

    @staticmethod
    def _path() -> Path:
        return Path(os.environ[FILE_ENV])

    def _entries(self) -> dict[str, str]:
        try:
            loaded: dict[str, str] = json.loads(self._path().read_text())
        except FileNotFoundError:
            return {}
        return loaded

    def get_password(self, service: str, username: str) -> str | None:
        """The stored secret, or None."""
        return self._entries().get(f"{service}\x1f{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        """Store a secret (the file is private to its owner)."""
        entries = self._entries()
        entries[f"{service}\x1f{username}"] = password
        path = self._path()
        path.touch(mode=0o600, exist_ok=True)
        path.write_text(json.dumps(entries))

    def delete_password(self, service: str, username: str) -> None:
        """Forget a secret."""
        entries = self._entries()
        entries.pop(f"{service}\x1f{username}", None)
        self._path().write_text(json.dumps(entries))


def keyring_env(keyring_file: Path, repo_root: Path) -> dict[str, str]:
    """Environment variables selecting this backend (the repository must be importable)."""
    path = os.pathsep.join(p for p in (str(repo_root), os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHON_KEYRING_BACKEND": BACKEND, FILE_ENV: str(keyring_file), "PYTHONPATH": path}


def make_store(data_dir: Path, source: Path) -> int:
    """A keyring-wrapped store with clones of `source`'s cases (run with this backend)."""
    from reviewer.store import CaseStore
    from reviewer.store.keys import keyring_usable
    from tests.benchmarks.scale_store import applicant_names, clone_into, templates

    if not keyring_usable():
        raise RuntimeError("the benchmark keyring backend is not selected")
    found = templates(source)
    passphrase = os.environ.pop("REVIEWER_PASSPHRASE", None)  # the keyring must wrap the key
    names = applicant_names()
    try:
        with CaseStore(data_dir) as store:
            for number, template in enumerate(found):
                clone_into(store, template, number, next(names))
    finally:
        if passphrase is not None:
            os.environ["REVIEWER_PASSPHRASE"] = passphrase
    record = json.loads((data_dir / "reviewer.key").read_text())
    if record.get("wrapping") != "keyring":
        raise RuntimeError("the store's key is not wrapped by the keyring")
    return len(found)


def run_cli_keyring(work: Path) -> dict[str, float]:
    """`reviewer cases` and `reviewer show CASE --json` on a keyring-wrapped store vs bare
    `python -c pass`, alternated, in the same environment (this backend selected for all),
    medians."""
    import statistics
    import subprocess

    from tests.benchmarks.cli import RUNS, _command, _timed
    from tests.benchmarks.scale_store import seed_store

    repo = Path(__file__).resolve().parents[2]
    data_dir = work / "keyring-data"
    env = dict(os.environ, **keyring_env(work / "bench-keyring.json", repo))
    for var in ("REVIEWER_PASSPHRASE", "PYTHONDONTWRITEBYTECODE", "REVIEWER_TEST_SCRYPT_LOG2_N"):
        env.pop(var, None)
    made = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.bench_keyring", str(data_dir), str(seed_store())],
        env=env,
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if made.returncode != 0:
        raise RuntimeError(f"the keyring store was not made: {made.stderr[-500:]}")
    env["REVIEWER_DATA_DIR"] = str(data_dir)
    bare_cmd, cases_cmd = [sys.executable, "-c", "pass"], [*_command(), "cases"]
    # a clone's show facts are not stored: the first `show` builds and stores them, as the
    # findings run after a fetch does on a workstation
    show_cmd = [*_command(), "show", "APP-200000", "--json"]
    _timed(bare_cmd, env), _timed(cases_cmd, env), _timed(show_cmd, env)  # caches, facts
    bare, cases, shows = [], [], []
    for _ in range(RUNS):
        bare.append(_timed(bare_cmd, env))
        cases.append(_timed(cases_cmd, env))
        shows.append(_timed(show_cmd, env))
    bare_s, cases_s = statistics.median(bare), statistics.median(cases)
    show_s = statistics.median(shows)
    return {
        "cli_cases_ratio_keyring": round(cases_s / bare_s, 2),
        "cli_show_json_ratio_keyring": round(show_s / bare_s, 2),
        "cli_show_json_keyring_ms": round(show_s * 1000, 1),
        "cli_cases_keyring_ms": round(cases_s * 1000, 1),
        "cli_bare_python_keyring_env_ms": round(bare_s * 1000, 1),
        "cli_cases_keyring_cases": int(made.stdout.strip() or 0),
    }


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    print(make_store(Path(sys.argv[1]), Path(sys.argv[2])))
