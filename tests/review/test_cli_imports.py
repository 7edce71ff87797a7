"""`reviewer cases` and `reviewer show` load only what listing and showing need (issue 16).

PyMuPDF, httpx and the generated Plaid models cost well over a second of import; a command that
lists cached cases must not pay for them. Each command runs in a fresh interpreter (nothing
imported by other tests can hide a regression), with Plaid credentials configured, so the
client's factory exists but must stay unused; the wrapper reports `sys.modules` at exit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, Sandbox, demo_users
from tests.review.conftest import make_service

HEAVY = (
    "pymupdf",
    "fitz",
    "httpx",
    "reviewer.plaid.models._generated",
    "reviewer.plaid.client",
    "reviewer.review.model",  # the typed case model: show reads its stored facts
    "rapidfuzz",  # the checks: only their producers' names and versions are needed
    # `show` of a current case reads the store itself (commands_show), without the service,
    # its settings and documents backend; neither command needs the store's salvage code
    "reviewer.review.service",
    "reviewer.settings",
    "reviewer.review.document_backend",
    "reviewer.documents.forensics.types",
    "reviewer.store.recovery",
    "reviewer.review.seen_before",
    "reviewer.review.forensics",
    "cryptography.hazmat.primitives.kdf.hkdf",  # the subkeys: the standard library's HMAC
)

WRAPPER = f"""
import json, sys
from reviewer.cli import main
code = main(sys.argv[1:])
print("LOADED " + json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))
sys.exit(code)
"""


@pytest.fixture(scope="module")
def cached_case(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A data directory holding the tampered pay stub's case, fetched and checked."""
    data_dir = tmp_path_factory.mktemp("cli-imports") / "data"
    user = next(u for u in demo_users() if u.key == "tampered_paystub")
    service = make_service(Sandbox(client_id=DEMO_CLIENT_ID, secret=DEMO_SECRET), data_dir)
    try:
        result = service.fetch_case(user_token=user.user_token, label=user.label)
        assert result.stored, result.message
    finally:
        service.close()
    return data_dir, user.label


def _loaded_by(args: list[str], data_dir: Path) -> tuple[list[str], str]:
    env = dict(os.environ, PLAID_CLIENT_ID=DEMO_CLIENT_ID, PLAID_SECRET=DEMO_SECRET)
    env["REVIEWER_DATA_DIR"] = str(data_dir)
    result = subprocess.run(
        [sys.executable, "-c", WRAPPER, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    marker = [line for line in result.stdout.splitlines() if line.startswith("LOADED ")]
    assert marker, result.stdout
    return json.loads(marker[-1].removeprefix("LOADED ")), result.stdout


@pytest.mark.parametrize(
    "command",
    [["cases"], ["cases", "--json"], ["show", "{label}"], ["show", "{label}", "--json"]],
    ids=["cases", "cases-json", "show", "show-json"],
)
def test_listing_and_showing_load_no_heavy_module(
    cached_case: tuple[Path, str], command: list[str]
) -> None:
    data_dir, label = cached_case
    args = [part.format(label=label) for part in command]
    loaded, out = _loaded_by(args, data_dir)
    assert label in out  # the command did its work: the case is listed / shown
    # `show --json` carries identity and each document's status, error and origin, read from
    # the case model once after the fetch and stored beside the snapshot (show_facts): printing
    # them again needs neither the generated models nor the client, httpx or MuPDF
    assert loaded == [], f"`reviewer {' '.join(args)}` imported {loaded}"
