"""An unencrypted data directory (an older Reviewer's) is encrypted in place, losing nothing,
and a SIGKILL at any moment of that leaves the old or the new data readable."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reviewer.sealing import read_file, register_key
from reviewer.store import CaseStore
from reviewer.store.keys import unlock
from reviewer.store.unlock import database_state
from tests.store.helpers import raw_connection
from tests.store.old_data_dir import NAME, make_old_data_dir

REPO = Path(__file__).resolve().parents[2]


def _plaintext_left(data_dir: Path) -> list[str]:
    needles = (NAME.encode(), b"%PDF-1.", b"SQLite format 3", b"tok-old")
    return [
        f"{p.relative_to(data_dir)}: {n!r}"
        for p in data_dir.rglob("*")
        if p.is_file()
        for n in needles
        if n in p.read_bytes()
    ]


def _check_complete(store: CaseStore, docs: dict[str, bytes]) -> None:
    case = store.find_case("OLD-1")
    assert case is not None and case.user_token == "tok-old"
    snap = store.latest_snapshot(case.id)
    assert snap is not None and snap.applicant_name == NAME
    assert NAME.encode() in snap.responses[0].body
    assert {d["sha256"] for d in snap.documents} == set(docs)
    for sha, data in docs.items():
        assert store.read_document(sha) == data
    assert store.audit_trail(case.id)[0].details == {"note": f"{NAME} checks out"}


def test_old_directory_is_encrypted_in_place_without_loss(tmp_path: Path) -> None:
    data_dir = tmp_path / "old"
    docs = make_old_data_dir(data_dir)
    assert _plaintext_left(data_dir)  # the premise: it is readable before
    with CaseStore(data_dir) as store:
        _check_complete(store, docs)
    assert _plaintext_left(data_dir) == []
    assert database_state(data_dir / "reviewer.sqlite3") == "encrypted"
    leftovers = [
        p.name for p in data_dir.iterdir() if "plaintext" in p.name or "encrypting" in p.name
    ]
    assert leftovers == []


def _readable_old_or_new(data_dir: Path, docs: dict[str, bytes]) -> str:
    """After a kill: the database opens as the old plaintext or the new encrypted file with all
    its rows, and every document is there as the old plain file or the new sealed one."""
    db = data_dir / "reviewer.sqlite3"
    state = database_state(db)
    if state == "plaintext":
        conn = sqlite3.connect(db)
    else:
        assert state == "encrypted", f"database is {state}"
        conn = raw_connection(data_dir)
    try:
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT applicant_name FROM snapshots").fetchall() == [(NAME,)]
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == len(docs)
    finally:
        conn.close()
    keys = unlock(data_dir) if (data_dir / "reviewer.key").exists() else None
    if keys is not None:
        register_key(keys.key_id, keys.file_key)
    for sha, data in docs.items():
        plain = data_dir / "documents" / sha[:2] / sha
        if plain.exists() and plain.read_bytes() == data:
            continue
        assert keys is not None, f"document {sha[:8]} neither plain nor sealed"
        name = keys.file_name(sha)
        sealed = data_dir / "documents" / name[:2] / f"{name}.sealed"
        assert read_file(sealed) == data, f"document {sha[:8]} lost"
    return state


def _start(data_dir: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.old_data_dir", "upgrade", str(data_dir)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_during_the_upgrade_leaves_old_or_new_readable(tmp_path: Path) -> None:
    seed = int(os.environ.get("CRASH_SEED", time.time_ns() % 100_000))
    print(f"rerun with CRASH_SEED={seed}")
    rng = random.Random(seed)
    # how long a whole upgrade takes here, on a copy, so the kills spread over all of it
    timing_dir = tmp_path / "timing"
    make_old_data_dir(timing_dir)
    timing = _start(timing_dir)
    assert timing.stdout is not None
    timing.stdout.readline()  # "opening"
    started = time.perf_counter()
    timing.stdout.readline()  # "upgraded"
    whole = time.perf_counter() - started
    timing.communicate(timeout=120)
    assert timing.returncode == 0

    data_dir = tmp_path / "old"
    docs = make_old_data_dir(data_dir)
    states: list[str] = []
    for _ in range(15):
        child = _start(data_dir)
        assert child.stdout is not None
        child.stdout.readline()  # "opening": the upgrade starts now
        time.sleep(rng.uniform(0.0, whole))
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=60)
        state = _readable_old_or_new(data_dir, docs)
        if child.returncode == 0:  # it finished before the kill
            break
        states.append(state)
    # finally let it finish: everything is there, encrypted, and no plaintext is left
    subprocess.run(
        [sys.executable, "-m", "tests.store.old_data_dir", "upgrade", str(data_dir)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    with CaseStore(data_dir) as store:
        _check_complete(store, docs)
    assert _plaintext_left(data_dir) == []
    print(f"states after kills: {states}; one upgrade took {whole:.2f} s")
    assert states, "no kill landed before the upgrade finished"
