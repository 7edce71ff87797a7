"""httpx loads without its command-line client (reviewer/__init__.py): click, rich and pygments
are installed here (import-linter needs them), and httpx imported them for its `httpx` command,
100 ms of every first fetch. A fresh interpreter, so no other test's imports hide a regression."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

PROBE = """
import json, sys
import reviewer.plaid.client  # the Plaid client, as the first fetch imports it
import httpx
try:
    httpx.main()
    said = ""
except SystemExit as exc:
    said = str(exc)
print(json.dumps({"loaded": sorted(m for m in ("click", "rich", "pygments") if m in sys.modules),
                  "client": "httpx._client" in sys.modules, "main_says": said}))
"""


@pytest.mark.skipif(
    importlib.util.find_spec("rich") is None, reason="rich is not installed: nothing to leave out"
)
def test_the_plaid_client_loads_httpx_without_its_command_line() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=True
    )
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["client"]  # httpx itself is whole
    assert seen["loaded"] == []
    assert "not part of Reviewer" in seen["main_says"]
