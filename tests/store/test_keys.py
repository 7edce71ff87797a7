"""Keys: the OS keyring (a real Secret Service), the passphrase path, key loss and rekey."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.store import (
    CaseStore,
    KeyUnavailable,
    PassphraseRequired,
    rekey,
    set_aside_data_dir,
)
from reviewer.store.keys import forget_unlocked

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _fresh_session() -> None:
    forget_unlocked()  # every test starts as a new process would: nothing unlocked


def _fill(data_dir: Path) -> str:
    with CaseStore(data_dir) as store:
        case = store.get_or_create_case(user_token="tok", user_id=None, label="K-1")
        store.put_document(b"%PDF-1.7 a pay stub")
        return case.id


def test_without_keyring_a_new_cache_needs_a_passphrase(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REVIEWER_PASSPHRASE")
    with pytest.raises(PassphraseRequired) as info:
        CaseStore(data_dir)
    assert info.value.new and "choose a passphrase" in str(info.value)
    assert not (data_dir / "reviewer.key").exists()
    with CaseStore(data_dir, passphrase="first passphrase") as store:
        store.get_or_create_case(user_token="tok", user_id=None, label="K-1")
    record = json.loads((data_dir / "reviewer.key").read_text())
    assert record["wrapping"] == "passphrase" and record["kdf"]["name"] == "scrypt"
    assert "first passphrase" not in (data_dir / "reviewer.key").read_text()


def test_passphrase_from_environment_wrong_and_right(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(data_dir)
    forget_unlocked()
    monkeypatch.setenv("REVIEWER_PASSPHRASE", "not it")
    with pytest.raises(PassphraseRequired) as info:
        CaseStore(data_dir)
    assert info.value.wrong and "does not unlock" in str(info.value)
    monkeypatch.delenv("REVIEWER_PASSPHRASE")
    with pytest.raises(PassphraseRequired, match="locked by a passphrase"):
        CaseStore(data_dir)
    from tests.conftest import TEST_PASSPHRASE

    with CaseStore(data_dir, passphrase=TEST_PASSPHRASE) as store:
        assert store.find_case("K-1") is not None
    # unlocked once, the session does not ask again
    with CaseStore(data_dir) as store:
        assert store.find_case("K-1") is not None


def test_lost_key_file_is_said_in_words_and_a_fresh_directory_keeps_the_old(
    data_dir: Path,
) -> None:
    _fill(data_dir)
    (data_dir / "reviewer.key").unlink()
    forget_unlocked()
    with pytest.raises(KeyUnavailable) as info:
        CaseStore(data_dir)
    message = str(info.value)
    assert "cannot be unlocked" in message and "fresh data directory" in message
    before = sorted(p.name for p in data_dir.rglob("*"))
    (data_dir / ".reviewer.lock").write_text("12345")  # the running app's lock stays put
    aside = set_aside_data_dir(data_dir, keep=(".reviewer.lock",))
    assert sorted(p.name for p in aside.rglob("*")) == before, "nothing deleted"
    assert [p.name for p in data_dir.iterdir()] == [".reviewer.lock"]
    with CaseStore(data_dir) as store:
        assert store.list_cases() == []


def test_rekey_with_a_new_passphrase(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import TEST_PASSPHRASE

    _fill(data_dir)
    before = (data_dir / "reviewer.key").read_text()
    forget_unlocked()
    rekey(data_dir, passphrase=TEST_PASSPHRASE, new_passphrase="a brand new passphrase")
    assert (data_dir / "reviewer.key").read_text() != before
    forget_unlocked()
    with pytest.raises(PassphraseRequired):
        CaseStore(data_dir, passphrase=TEST_PASSPHRASE)
    forget_unlocked()
    with CaseStore(data_dir, passphrase="a brand new passphrase") as store:
        assert store.find_case("K-1") is not None


def test_cli_rekey_and_purge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reviewer.cli import main
    from tests.conftest import TEST_PASSPHRASE

    data_dir = tmp_path / "cli"
    case_id = _fill(data_dir)
    forget_unlocked()
    os.environ["REVIEWER_NEW_PASSPHRASE"] = "rotated passphrase!"
    try:
        assert main(["rekey", "--data-dir", str(data_dir)]) == 0
    finally:
        del os.environ["REVIEWER_NEW_PASSPHRASE"]
    assert "new passphrase" in capsys.readouterr().out
    forget_unlocked()
    os.environ["REVIEWER_PASSPHRASE"] = "rotated passphrase!"
    try:
        assert main(["purge", "K-1", "--data-dir", str(data_dir)]) == 2  # no --yes
        assert "--yes" in capsys.readouterr().err
        assert main(["purge", "K-1", "--yes", "--data-dir", str(data_dir)]) == 0
        assert "tombstone" in capsys.readouterr().out
        assert main(["cases", "--data-dir", str(data_dir)]) == 0
        assert "K-1" not in capsys.readouterr().out
    finally:
        os.environ["REVIEWER_PASSPHRASE"] = TEST_PASSPHRASE
    forget_unlocked()
    with CaseStore(data_dir, passphrase="rotated passphrase!") as store:
        trail = store.audit_trail(case_id)
    assert trail[-1].action == "case.purged" and trail[-1].details["label"] == "K-1"


def test_help_documents_the_passphrase_variable() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reviewer", "--help"], capture_output=True, text=True, check=True
    )
    assert "REVIEWER_PASSPHRASE" in result.stdout


def test_keyring_round_trip_under_a_real_secret_service(tmp_path: Path) -> None:
    missing = [b for b in ("dbus-run-session", "gnome-keyring-daemon") if not shutil.which(b)]
    if missing:
        pytest.skip(
            f"{' and '.join(missing)} not installed (.ci/run installs gnome-keyring and dbus "
            "with apt-get; this machine has no apt)"
        )
    env = {k: v for k, v in os.environ.items() if k != "REVIEWER_PASSPHRASE"}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.SecretService.Keyring"
    env["HOME"] = str(tmp_path / "home")  # gnome-keyring keeps its files under HOME
    env["XDG_DATA_HOME"] = str(tmp_path / "home" / "data")
    env["PYTHONPATH"] = str(REPO)
    runtime = tmp_path / "run"  # gnome-keyring's control socket lives here
    runtime.mkdir(mode=0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    script = (
        "printf 'ci-keyring' | gnome-keyring-daemon --unlock --components=secrets >&2"
        f" && exec {sys.executable} -m tests.store.keyring_round_trip {tmp_path / 'kr'}"
    )
    result = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", script],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "keyring round trip ok" in result.stdout


def test_terminal_prompt_chooses_then_asks_until_right(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from reviewer.review.unlocking import unlock_from_terminal

    monkeypatch.delenv("REVIEWER_PASSPHRASE")
    data_dir = tmp_path / "tty"
    answers = iter(["first choice", "typo", "first choice", "first choice"])
    prompts: list[str] = []

    def prompt(text: str) -> str:
        prompts.append(text)
        return next(answers)

    # a new cache: choose, confirm wrongly, choose again, confirm
    unlock_from_terminal(data_dir, prompt=prompt, interactive=True)
    assert [p.split(" for")[0] for p in prompts] == [
        "Choose a passphrase",
        "Type it again: ",
        "Choose a passphrase",
        "Type it again: ",
    ]
    assert "differ" in capsys.readouterr().err
    forget_unlocked()
    answers = iter(["wrong", "first choice"])
    prompts.clear()
    unlock_from_terminal(data_dir, prompt=prompt, interactive=True)
    assert len(prompts) == 2 and "does not unlock" in capsys.readouterr().err
    forget_unlocked()
    with pytest.raises(PassphraseRequired, match="REVIEWER_PASSPHRASE"):
        unlock_from_terminal(data_dir, prompt=prompt, interactive=False)  # a script: no tty
