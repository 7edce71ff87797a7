"""Test hygiene for the whole suite.

- Qt runs offscreen, set here so nobody has to remember it.
- Every platformdirs location and REVIEWER_DATA_DIR point into the test's tmp directory.
- Plaid credentials from the developer's shell never leak into tests.
- A test that leaves a non-daemon thread running fails (napari does the same).
- The suite runs in a session keyring of its own (Linux's kernel keyring).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewer.store import kernel_keyring

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_QUICK_BACKEND", "software")
# keyring must never touch the developer's real keychain in tests
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
# ...so data directories are encrypted under a passphrase (subprocesses inherit it, as CI's
# scripts would); tests/store/test_keys.py covers the keyring, key loss and rekey
TEST_PASSPHRASE = "correct horse battery staple (tests)"
os.environ["REVIEWER_PASSPHRASE"] = TEST_PASSPHRASE
# scrypt at 2**10 instead of 2**17 for the data directories tests make (in this process and
# in the subprocesses it starts): a second of CPU each otherwise. Stored per key file.
os.environ["REVIEWER_TEST_SCRYPT_LOG2_N"] = "10"
# the suite and the processes it starts share a new session keyring of their own: the memos
# of passphrases (store/passphrase_key.py) never reach the keyring of the shell that ran pytest
kernel_keyring.join_new_session()


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("REVIEWER_DATA_DIR", str(tmp_path / "reviewer-data"))
    for var in ("PLAID_CLIENT_ID", "PLAID_SECRET", "PLAID_ENV"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("REVIEWER_PASSPHRASE", TEST_PASSPHRASE)


@pytest.fixture(autouse=True)
def _no_leaked_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    leaked = [t for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon]
    for t in leaked:
        t.join(timeout=2.0)
    still = [t.name for t in leaked if t.is_alive()]
    assert not still, f"test left threads running: {still}"


@pytest.fixture(scope="session")
def openapi_spec_path() -> Path:
    """Plaid's OpenAPI spec (the vendored subset), the authority for response shapes."""
    from tests.openapi import SPEC_PATH

    assert SPEC_PATH.exists(), f"missing {SPEC_PATH}"
    return SPEC_PATH
