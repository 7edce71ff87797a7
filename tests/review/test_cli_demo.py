"""Demo mode and the command line agree: a newcomer finds and opens a demo case from the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.sandbox import demo_users

DATA_COMMANDS = ["fetch", "cases", "show", "export", "rebuild-cache", "purge", "rekey", "lock"]


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reviewer", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def newcomer_env(tmp_path: Path) -> dict[str, str]:
    """A machine that has never run Reviewer: an empty data directory, no Plaid keys."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLAID_")}
    env["REVIEWER_DATA_DIR"] = str(tmp_path / "data")
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    return env


def test_the_demo_cases_are_reachable_by_following_what_the_cli_says(
    newcomer_env: dict[str, str], tmp_path: Path
) -> None:
    count = len(demo_users())
    label = "APP-1002"
    assert label in {u.label for u in demo_users()}

    listed = _run(["cases"], newcomer_env)
    assert listed.returncode == 0, listed.stderr
    assert "no cases yet" in listed.stdout
    assert f"the {count} demo cases are in the demo data directory" in listed.stderr
    assert "reviewer --demo cases" in listed.stderr

    missing = _run(["show", label], newcomer_env)
    assert missing.returncode == 1
    [line] = missing.stderr.splitlines()
    assert line.startswith(f"reviewer: no case {label!r}")
    assert line.endswith(f"; {label} is a demo case: reviewer --demo show {label}")

    # the command the message names, as typed: the demo cases are fetched on first use
    shown = _run(["--demo", "show", label, "--json"], newcomer_env)
    assert shown.returncode == 0, shown.stderr
    body = json.loads(shown.stdout)
    assert body["case"]["label"] == label
    assert body["documents"] and body["risk_signals"]
    assert "first use" in shown.stderr

    demo_listed = _run(["cases", "--demo", "--json"], newcomer_env)
    assert demo_listed.returncode == 0, demo_listed.stderr
    assert len(json.loads(demo_listed.stdout)) == count
    assert "first use" not in demo_listed.stderr  # fetched once only

    out = tmp_path / "report.json"
    hint = _run(["export", label, "--out", str(out)], newcomer_env)
    assert hint.returncode == 1
    assert f"reviewer --demo export {label} --out {out}" in hint.stderr
    exported = _run(["--demo", "export", label, "--out", str(out)], newcomer_env)
    assert exported.returncode == 0, exported.stderr
    assert out.is_file()


@pytest.mark.parametrize("command", DATA_COMMANDS)
def test_every_data_command_documents_demo_in_its_help(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])

    assert exit_info.value.code == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--demo the demo: the embedded local Plaid sandbox and its demo cases" in help_text


def test_the_top_level_help_shows_how_to_reach_a_demo_case(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])

    out = capsys.readouterr().out
    assert "reviewer --demo show APP-1002" in out
    assert "every command that reads or writes cases takes --demo" in out
