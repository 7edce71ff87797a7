"""The command line end to end: serve the sandbox, fetch over HTTP, kill the server, show offline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, demo_users


def _run(
    args: list[str], env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reviewer", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["REVIEWER_DATA_DIR"] = str(tmp_path / "cli-data")
    env["PLAID_CLIENT_ID"] = DEMO_CLIENT_ID
    env["PLAID_SECRET"] = DEMO_SECRET
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    return env


@pytest.fixture
def served(cli_env: dict[str, str]):
    proc = subprocess.Popen(
        [sys.executable, "-m", "reviewer", "sandbox", "serve", "--port", "0"],
        env=cli_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    base_url = proc.stdout.readline().strip()
    assert base_url.startswith("http://127.0.0.1:"), base_url
    yield proc, base_url
    proc.kill()
    proc.wait(timeout=10)
    proc.stdout.close()
    assert proc.stderr is not None
    proc.stderr.close()


def _tampered_user():
    users = [u for u in demo_users() if u.user_token]
    return next((u for u in users if "tamper" in u.key), users[0])


def test_fetch_then_show_offline_after_server_is_gone(served, cli_env: dict[str, str]) -> None:
    proc, base_url = served
    target = _tampered_user()
    fetched = _run(
        [
            "fetch",
            "--user-token",
            target.user_token,
            "--label",
            "APP-1",
            "--base-url",
            base_url,
            "--json",
        ],
        cli_env,
    )
    assert fetched.returncode in (0, 3), fetched.stderr
    online = json.loads(fetched.stdout)
    assert online["documents"], "the case has documents"
    assert DEMO_SECRET not in fetched.stdout + fetched.stderr

    proc.kill()
    proc.wait(timeout=10)

    shown = _run(["show", "APP-1", "--json"], cli_env)
    assert shown.returncode == 0, shown.stderr
    offline = json.loads(shown.stdout)
    assert offline["documents"] == online["documents"]
    assert offline["risk_signals"] == online["risk_signals"]
    for doc in offline["documents"]:
        if doc["path"]:
            assert Path(doc["path"]).is_file()

    human = _run(["show", "APP-1"], cli_env)
    assert human.returncode == 0
    assert "Documents (" in human.stdout and "Risk signals:" in human.stdout

    listed = _run(["cases", "--json"], cli_env)
    assert [c["label"] for c in json.loads(listed.stdout)] == ["APP-1"]

    # with the server gone, a fetch fails cleanly with one line and keeps the case
    again = _run(["fetch", "--user-token", target.user_token, "--base-url", base_url], cli_env)
    assert again.returncode not in (0, 3)
    assert len(again.stderr.strip().splitlines()) == 1, again.stderr
    assert json.loads(_run(["show", "APP-1", "--json"], cli_env).stdout) == offline


def test_fetch_without_credentials_is_a_usage_error(cli_env: dict[str, str]) -> None:
    env = {k: v for k, v in cli_env.items() if k not in ("PLAID_CLIENT_ID", "PLAID_SECRET")}
    result = _run(
        ["fetch", "--user-token", "user-sandbox-x", "--base-url", "http://127.0.0.1:9"], env
    )
    assert result.returncode == 2
    assert "PLAID_CLIENT_ID" in result.stderr


def test_show_unknown_case(cli_env: dict[str, str]) -> None:
    result = _run(["show", "nope"], cli_env)
    assert result.returncode == 1
    assert "no case 'nope'" in result.stderr


def test_damaged_database_is_explained_and_rebuilt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reviewer.cli import main
    from reviewer.store import CaseStore

    data_dir = tmp_path / "damaged"
    CaseStore(data_dir).close()  # a data directory in use, with its key (`cases` creates none)
    (data_dir / "reviewer.sqlite3").write_bytes(b"this is not a database" * 200)
    assert main(["cases", "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "rebuild-cache" in err and len(err.strip().splitlines()) == 1
    # it asks first: without a terminal to answer, --yes is required and nothing changes
    assert main(["rebuild-cache", "--data-dir", str(data_dir)]) == 2
    assert not [p for p in data_dir.iterdir() if "damaged" in p.name]
    assert main(["rebuild-cache", "--yes", "--data-dir", str(data_dir)]) == 0
    assert "the damaged file is kept as" in capsys.readouterr().out
    assert main(["cases", "--data-dir", str(data_dir)]) == 0
    assert "no cases yet" in capsys.readouterr().out
    kept = [p.name for p in data_dir.iterdir() if "damaged" in p.name]
    assert kept, "the damaged file is kept aside"
