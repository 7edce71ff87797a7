"""`reviewer cases` and `show` on a store whose key the OS keyring wraps (issue 16).

The keyring here is the benchmarks' file backend (tests/benchmarks/bench_keyring.py), chosen as
a workstation chooses one: `PYTHON_KEYRING_BACKEND`, or keyring's own config file. Each command
runs in a fresh interpreter and reports what it imported: neither keyring's unused imports
(urllib.request and the mail and TLS modules behind it, importlib_metadata) nor the case
service, settings, the documents backend or cryptography's HKDF.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.sandbox import demo_users

REPO = Path(__file__).resolve().parents[2]
BACKEND = "tests.benchmarks.bench_keyring.FileKeyring"
NOT_LOADED = (
    "urllib.request",
    "http.client",
    "email.parser",
    "ssl",
    "importlib_metadata",
    "more_itertools",
    "reviewer.review.service",
    "reviewer.review.facade",
    "reviewer.review.document_backend",
    "reviewer.documents.results",
    "reviewer.documents.forensics.types",
    "reviewer.settings",
    "reviewer.store.recovery",
    "reviewer.review.seen_before",  # staleness from producer_versions, not the producers
    "reviewer.review.forensics",
    "reviewer.review.decisions",
    "reviewer.review.endpoints",
    "platformdirs",  # the data directory is given
    "cryptography.hazmat.primitives.kdf.hkdf",
    "pymupdf",
    "httpx",
)
WRAPPER = f"""
import json, sys
from reviewer.cli import main
code = main(sys.argv[1:])
print("LOADED " + json.dumps(sorted(m for m in {NOT_LOADED!r} if m in sys.modules)))
sys.exit(code)
"""
MAKE = """
import sys
from pathlib import Path
from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, Sandbox, demo_users
from tests.review.conftest import make_service
user = next(u for u in demo_users() if u.key == "tampered_paystub")
service = make_service(Sandbox(client_id=DEMO_CLIENT_ID, secret=DEMO_SECRET), Path(sys.argv[1]))
try:
    result = service.fetch_case(user_token=user.user_token, label=user.label)
    assert result.stored, result.message
finally:
    service.close()
"""


def _env(ring: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REVIEWER_PASSPHRASE",)}
    env.update(PYTHON_KEYRING_BACKEND=BACKEND, BENCH_KEYRING_FILE=str(ring), PYTHONPATH=str(REPO))
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def keyring_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A data directory whose key is wrapped by the (file) keyring, holding one checked case."""
    root = tmp_path_factory.mktemp("cli-keyring")
    data_dir, ring = root / "data", root / "ring.json"
    made = subprocess.run(
        [sys.executable, "-c", MAKE, str(data_dir)],
        env=_env(ring),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    assert json.loads((data_dir / "reviewer.key").read_text())["wrapping"] == "keyring"
    return data_dir, ring


def _reviewer(args: list[str], env: dict[str, str]) -> tuple[list[str], str, str]:
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    marker = [line for line in done.stdout.splitlines() if line.startswith("LOADED ")]
    assert marker, done.stdout
    return json.loads(marker[-1].removeprefix("LOADED ")), done.stdout, done.stderr


LABEL = next(u.label for u in demo_users() if u.key == "tampered_paystub")


@pytest.mark.parametrize(
    "args", [["cases"], ["show", LABEL, "--json"], ["show", LABEL]], ids=["cases", "json", "text"]
)
def test_keyring_store_is_read_without_the_unneeded_modules(
    keyring_store: tuple[Path, Path], args: list[str]
) -> None:
    data_dir, ring = keyring_store
    loaded, out, _ = _reviewer(args, _env(ring, REVIEWER_DATA_DIR=str(data_dir)))
    assert LABEL in out
    assert loaded == []


def test_keyring_chosen_in_keyringrc_opens_the_store(
    keyring_store: tuple[Path, Path], tmp_path: Path
) -> None:
    data_dir, ring = keyring_store
    config = tmp_path / "config"
    (config / "python_keyring").mkdir(parents=True)
    (config / "python_keyring" / "keyringrc.cfg").write_text(
        f"[backend]\ndefault-keyring={BACKEND}\n"
    )
    env = _env(ring, REVIEWER_DATA_DIR=str(data_dir), XDG_CONFIG_HOME=str(config))
    del env["PYTHON_KEYRING_BACKEND"]
    loaded, out, _ = _reviewer(["show", LABEL, "--json"], env)
    assert json.loads(out[: out.index("LOADED ")])["case"]["label"] == LABEL
    assert loaded == []


def test_without_the_keyring_the_key_is_said_to_be_unavailable(
    keyring_store: tuple[Path, Path], tmp_path: Path
) -> None:
    data_dir, ring = keyring_store
    env = _env(ring, REVIEWER_DATA_DIR=str(data_dir), XDG_CONFIG_HOME=str(tmp_path / "c"))
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    done = subprocess.run(
        [sys.executable, "-m", "reviewer", "cases"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "OS keyring, which is not available here" in done.stderr
    assert "Traceback" not in done.stderr
