"""The passphrase's memo for the login session (store/passphrase_key.py, kernel_keyring.py).

What it must keep: a command still needs the right passphrase; only the cost of checking it
changes. The memo is readable by this login session only, expires, and `reviewer lock` and a
rekey drop it. The suite runs in a session keyring of its own (tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reviewer.store import CaseStore, PassphraseRequired, kernel_keyring, passphrase_key, rekey
from reviewer.store.keys import forget_passphrase_memo, forget_unlocked, key_file, unlock
from tests.conftest import TEST_PASSPHRASE

REPO = Path(__file__).resolve().parents[2]


def _kernel_keyring_works() -> bool:
    name = f"reviewer-test-probe:{secrets.token_hex(4)}"
    ok = kernel_keyring.store(name, b"probe", 60) and kernel_keyring.fetch(name) == b"probe"
    kernel_keyring.remove(name)
    return ok


pytestmark = pytest.mark.skipif(
    not _kernel_keyring_works(),
    reason="no kernel keyring here (not Linux, or a sandbox refuses it)",
)


@pytest.fixture
def scrypt_runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every scrypt derivation this process makes, by passphrase."""
    runs: list[str] = []
    real = passphrase_key.scrypt

    def counted(passphrase: str, kdf: dict[str, Any]) -> bytes:
        runs.append(passphrase)
        return real(passphrase, kdf)

    monkeypatch.setattr(passphrase_key, "scrypt", counted)
    forget_unlocked()
    yield runs
    forget_unlocked()


def _new_dir(tmp_path: Path) -> Path:
    data_dir = tmp_path / "cache"
    unlock(data_dir, TEST_PASSPHRASE)
    forget_unlocked()  # as the next command, a new process, would start
    return data_dir


def _memo_line(data_dir: Path) -> str | None:
    """The memo's line in /proc/keys, if it is there and usable."""
    record = json.loads(key_file(data_dir).read_text())
    name = passphrase_key._memo_name(data_dir, record)
    for line in Path("/proc/keys").read_text().splitlines():
        # an invalidated (i), revoked (R) or dead (D) key stays listed until the kernel's
        # garbage collector runs, which it does in its own time: it is gone for every reader
        if line.endswith(name + ": 64") and not set(line.split()[1]) & set("iRD"):
            return line
    return None


def test_after_one_unlock_the_same_passphrase_is_checked_without_scrypt(
    tmp_path: Path, scrypt_runs: list[str]
) -> None:
    data_dir = _new_dir(tmp_path)
    assert scrypt_runs == [TEST_PASSPHRASE]  # the new directory's wrapping
    unlock(data_dir, TEST_PASSPHRASE)
    assert scrypt_runs == [TEST_PASSPHRASE]
    forget_unlocked()
    with CaseStore(data_dir) as store:  # REVIEWER_PASSPHRASE, as a command reads it
        assert store.list_cases() == []
    assert scrypt_runs == [TEST_PASSPHRASE]


def test_a_wrong_passphrase_is_refused_after_full_scrypt_and_the_memo_stays(
    tmp_path: Path, scrypt_runs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = _new_dir(tmp_path)
    extended: list[int] = []
    real_extend = kernel_keyring.extend
    monkeypatch.setattr(
        kernel_keyring, "extend", lambda name, s: extended.append(s) or real_extend(name, s)
    )
    with pytest.raises(PassphraseRequired) as refused:
        unlock(data_dir, "not the passphrase")
    assert refused.value.wrong
    assert scrypt_runs == [TEST_PASSPHRASE, "not the passphrase"]
    assert extended == []  # a wrong guess does not keep the memo alive
    unlock(data_dir, TEST_PASSPHRASE)
    assert scrypt_runs == [TEST_PASSPHRASE, "not the passphrase"]
    assert extended == [passphrase_key.MEMO_MINUTES * 60]  # a right one does


def test_the_memo_is_for_this_session_only_expires_and_names_nothing(tmp_path: Path) -> None:
    data_dir = _new_dir(tmp_path)
    line = _memo_line(data_dir)
    assert line is not None
    fields = line.split()
    # possessor: view, read, write, search, link, setattr; user, group, others: nothing
    assert fields[4] == "3f000000", line
    expiry = fields[3]  # "perm" for a key that never expires
    assert re.fullmatch(r"\d+[smh]", expiry) and expiry != "perm", line
    assert str(tmp_path) not in line and "cache" not in line.split()[-2]


def _recall_in_child(data_dir: Path, *, new_session: bool) -> str:
    code = (
        "import json, sys; from pathlib import Path\n"
        "from reviewer.store import kernel_keyring, passphrase_key\n"
        f"if {new_session}: kernel_keyring.join_new_session()\n"
        "d = Path(sys.argv[1]); r = json.loads((d / 'reviewer.key').read_text())\n"
        "print(passphrase_key.recall(d, r, sys.argv[2]) is not None)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(data_dir), TEST_PASSPHRASE],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


def test_another_login_session_cannot_read_the_memo(tmp_path: Path) -> None:
    data_dir = _new_dir(tmp_path)
    assert _recall_in_child(data_dir, new_session=False) == "True"  # this session's process
    assert _recall_in_child(data_dir, new_session=True) == "False"  # another session's


def test_no_memo_when_turned_off(
    tmp_path: Path, scrypt_runs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(passphrase_key.MEMO_MINUTES_ENV, "0")
    data_dir = _new_dir(tmp_path)
    assert _memo_line(data_dir) is None
    unlock(data_dir, TEST_PASSPHRASE)
    assert scrypt_runs == [TEST_PASSPHRASE, TEST_PASSPHRASE]


def test_turning_the_memo_off_drops_one_made_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = _new_dir(tmp_path)
    assert _memo_line(data_dir) is not None
    forget_unlocked()
    monkeypatch.setenv(passphrase_key.MEMO_MINUTES_ENV, "0")
    unlock(data_dir, TEST_PASSPHRASE)
    assert _memo_line(data_dir) is None


def test_a_memo_that_does_not_open_the_key_file_is_dropped_not_trusted(
    tmp_path: Path, scrypt_runs: list[str]
) -> None:
    data_dir = _new_dir(tmp_path)
    record = json.loads(key_file(data_dir).read_text())
    forged = secrets.token_bytes(32)  # a same-session process planting its own key
    passphrase_key.remember(data_dir, record, TEST_PASSPHRASE, forged)
    keys = unlock(data_dir, TEST_PASSPHRASE)  # opens with scrypt, as without a memo
    assert keys.key_id.hex() == record["key_id"]
    assert scrypt_runs == [TEST_PASSPHRASE, TEST_PASSPHRASE]
    assert passphrase_key.recall(data_dir, record, TEST_PASSPHRASE) != forged


def test_rekey_drops_the_old_memo_and_the_old_passphrase_stops_working(
    tmp_path: Path, scrypt_runs: list[str]
) -> None:
    data_dir = _new_dir(tmp_path)
    old_record = json.loads(key_file(data_dir).read_text())
    rekey(data_dir, TEST_PASSPHRASE, "a new passphrase")
    forget_unlocked()
    assert passphrase_key.recall(data_dir, old_record, TEST_PASSPHRASE) is None
    runs_before = len(scrypt_runs)
    unlock(data_dir, "a new passphrase")  # the rekey left the new one's memo
    assert len(scrypt_runs) == runs_before
    forget_unlocked()
    with pytest.raises(PassphraseRequired):
        unlock(data_dir, TEST_PASSPHRASE)


def _reviewer(*args: str, data_dir: Path, **env_vars: str) -> subprocess.CompletedProcess[str]:
    """`reviewer ARGS` as a process of this login session (`env_vars` added to its environment);
    reports whether it ran scrypt."""
    code = (
        "import sys\nfrom reviewer.cli import main\n"
        "try:\n    code = main(sys.argv[1:])\n"
        "finally:\n"
        "    ran = 'cryptography.hazmat.primitives.kdf.scrypt' in sys.modules\n"
        "    print('scrypt ran' if ran else 'no scrypt', file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    env = dict(os.environ, REVIEWER_DATA_DIR=str(data_dir), **env_vars)
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
        check=False,
    )


def test_commands_after_the_first_skip_scrypt_until_reviewer_lock(tmp_path: Path) -> None:
    data_dir = _new_dir(tmp_path)
    with CaseStore(data_dir) as store:
        store.get_or_create_case(user_token="tok", user_id=None, label="M-1")
    forget_passphrase_memo(data_dir)  # as if this were a new login session
    cold = _reviewer("cases", data_dir=data_dir)
    assert cold.returncode == 0 and "scrypt ran" in cold.stderr, cold.stderr
    warm = _reviewer("cases", "--json", data_dir=data_dir)
    assert warm.returncode == 0 and "no scrypt" in warm.stderr, warm.stderr
    assert '"M-1"' in warm.stdout

    locked = _reviewer("lock", data_dir=data_dir)
    assert locked.returncode == 0 and "locked:" in locked.stdout, locked.stderr
    again = _reviewer("lock", data_dir=data_dir)
    assert again.returncode == 0 and "nothing to lock" in again.stdout
    after = _reviewer("cases", data_dir=data_dir)
    assert after.returncode == 0 and "scrypt ran" in after.stderr, after.stderr

    refused = _reviewer("cases", data_dir=data_dir, REVIEWER_PASSPHRASE="wrong")
    assert refused.returncode != 0 and "Traceback" not in refused.stderr, refused.stderr


def test_without_a_session_keyring_of_its_own_the_memo_goes_to_the_user_s(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A login without pam_keyinit gives its processes no session keyring: adding to "the
    session keyring" would make each command a private one, and the next command would never
    find the memo. The user's session keyring, which they share, is used instead."""
    if not kernel_keyring.available():
        pytest.skip("no kernel keyring here")
    add_key, keyctl = kernel_keyring._numbers() or (0, 0)
    real = kernel_keyring._syscall
    added_to: list[int] = []

    def as_without_session(number: int, *args: Any) -> int:
        if number == keyctl and args[0].value == kernel_keyring._KEYCTL_GET_KEYRING_ID:
            return 4242  # the same keyring answers for "session" and "user session"
        if number == add_key:
            added_to.append(args[4].value)
            args = (*args[:4], type(args[4])(kernel_keyring.KEY_SPEC_SESSION_KEYRING))
        return real(number, *args)

    monkeypatch.setattr(kernel_keyring, "_syscall", as_without_session)
    assert kernel_keyring.store("reviewer-test:no-session", b"x", 60)
    assert added_to == [kernel_keyring.KEY_SPEC_USER_SESSION_KEYRING]
    monkeypatch.setattr(kernel_keyring, "_syscall", real)
    assert kernel_keyring.store("reviewer-test:own-session", b"x", 60)  # the suite has its own
    kernel_keyring.remove("reviewer-test:no-session")
    kernel_keyring.remove("reviewer-test:own-session")
