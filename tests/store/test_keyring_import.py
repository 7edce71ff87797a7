"""keyring imported without the modules it loads for features Reviewer never calls.

Each check runs in a fresh interpreter: what is imported is the point. keyring's own
selection (environment variable, config file, discovery) must work as without the deferral.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.store.keyring_import import DEFERRED

REPO = Path(__file__).resolve().parents[2]
BENCH_BACKEND = "tests.benchmarks.bench_keyring.FileKeyring"


def _run(code: str, env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**env, "PYTHONPATH": str(REPO)},
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_the_deferred_modules_load_only_when_used(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND=BENCH_BACKEND)
    env["BENCH_KEYRING_FILE"] = str(tmp_path / "ring.json")
    code = f"""
import json, sys
from reviewer.store.keyring_import import import_keyring, _Deferred
keyring = import_keyring()
keyring.set_password("svc", "user", "secret")
got = keyring.get_password("svc", "user")
before = sorted(m for m in {DEFERRED!r} + ("http.client", "ssl", "email.parser") if m in sys.modules)
stand_ins = [n for n, m in list(sys.modules.items()) if isinstance(m, _Deferred)]
import jaraco.context, jaraco.functools, urllib
# a helper that uses a deferred module still works: the stand-in imports it for real
opener = jaraco.context.urllib.request.urlopen
consume = jaraco.functools.more_itertools.consume
import urllib.request, more_itertools
print(json.dumps({{
    "backend": type(keyring.get_keyring()).__name__, "got": got, "before": before,
    "stand_ins": stand_ins, "same_opener": opener is urllib.request.urlopen,
    "same_consume": consume is more_itertools.consume,
    "package_attribute_real": urllib.request is sys.modules["urllib.request"]
        and not isinstance(urllib.request, _Deferred),
}}))
"""
    result = _run(code, env)
    assert result["backend"] == "FileKeyring"  # PYTHON_KEYRING_BACKEND honoured
    assert result["got"] == "secret"
    assert result["before"] == []
    assert result["stand_ins"] == []  # none left in sys.modules once keyring is imported
    assert result["same_opener"] and result["same_consume"]
    assert result["package_attribute_real"]


def test_keyringrc_is_honoured(tmp_path: Path) -> None:
    config = tmp_path / "config"
    (config / "python_keyring").mkdir(parents=True)
    (config / "python_keyring" / "keyringrc.cfg").write_text(
        f"[backend]\ndefault-keyring={BENCH_BACKEND}\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env.update(XDG_CONFIG_HOME=str(config), BENCH_KEYRING_FILE=str(tmp_path / "ring.json"))
    code = """
import json, sys
from reviewer.store.keyring_import import import_keyring
from reviewer.store.keys import keyring_usable
keyring = import_keyring()
print(json.dumps({"backend": type(keyring.get_keyring()).__name__, "usable": keyring_usable(),
                  "urllib": "urllib.request" in sys.modules}))
"""
    result = _run(code, env)
    assert result == {"backend": "FileKeyring", "usable": True, "urllib": False}


def test_discovery_finds_what_plain_keyring_finds(tmp_path: Path) -> None:
    """No variable, no config file: keyring scans its entry points (importlib_metadata, then
    imported for real) and picks among the same backends as a plain `import keyring`."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "empty-config")
    listing = """
import keyring.backend
rings = sorted(type(k).__module__ + "." + type(k).__name__ for k in keyring.backend.get_all_keyring())
chosen = type(keyring.get_keyring()).__name__
"""
    deferred = _run(
        "import json, sys\n"
        "from reviewer.store.keyring_import import import_keyring, _Deferred\n"
        "keyring = import_keyring()\n" + listing + "meta = sys.modules.get('importlib_metadata') "
        "or sys.modules.get('importlib.metadata')\n"
        "print(json.dumps({'rings': rings, 'chosen': chosen,"
        " 'metadata_real': meta is not None and not isinstance(meta, _Deferred)}))",
        env,
    )
    plain = _run(
        "import json\nimport keyring\n" + listing + "print(json.dumps({'rings': rings, "
        "'chosen': chosen, 'metadata_real': True}))",
        env,
    )
    assert deferred == plain
    assert deferred["metadata_real"]


@pytest.mark.parametrize("name", DEFERRED)
def test_each_deferred_module_exists(name: str) -> None:
    """A name that no longer exists would be deferred forever without anyone noticing."""
    if name == "importlib_metadata" and sys.version_info >= (3, 12):
        pytest.skip("keyring uses importlib.metadata from Python 3.12 on")
    import importlib.util

    assert importlib.util.find_spec(name) is not None
