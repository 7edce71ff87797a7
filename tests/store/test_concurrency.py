"""Several threads, and two processes, writing to one data directory at once."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from reviewer.store import CaseStore
from tests.store.helpers import save_fetch

REPO = Path(__file__).resolve().parents[2]


def test_threads_share_one_store(store: CaseStore) -> None:
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            case = store.get_or_create_case(user_token=f"tok-{n}", user_id=None, label=f"T{n}")
            for i in range(8):
                save_fetch(store, case.id, f"t{n}-{i}", n_docs=1)
                store.append_audit(
                    case.id, actor=f"t{n}", action="action.fetch", details={"i": i}, app_version="1"
                )
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert errors == []
    rows = store.list_cases()
    assert sorted(row.label or "" for row in rows) == ["T0", "T1", "T2", "T3"]
    for row in rows:
        assert len(store.snapshots(row.id)) == 8
        assert [e.details["i"] for e in store.audit_trail(row.id)] == list(range(8))


def test_two_processes_writing_at_once_do_not_corrupt(data_dir: Path) -> None:
    CaseStore(data_dir).close()
    count = 12
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.store._writer",
                str(data_dir),
                "steady",
                token,
                str(count),
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for token in ("proc-a", "proc-b")
    ]
    with CaseStore(data_dir) as reader:
        # the app keeps reading while the CLI-like writers fetch
        for _ in range(20):
            reader.list_cases()
        outputs = [w.communicate(timeout=120) for w in writers]
        assert [w.returncode for w in writers] == [0, 0], [err for _, err in outputs]
        assert all(out.count("saved") == count for out, _ in outputs)

        conn = reader._conn()
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = {row.label: row for row in reader.list_cases()}
        assert set(rows) == {"proc-a", "proc-b"}
        for row in rows.values():
            history = reader.snapshots(row.id)
            assert len(history) == count
            assert [e.details["n"] for e in reader.audit_trail(row.id)] == list(range(count))
            for info in history:
                snap = reader.snapshot(info.id)
                assert snap is not None
                assert all(Path(d["path"]).is_file() for d in snap.documents)


def test_connections_of_finished_threads_are_closed(store: CaseStore) -> None:
    case = store.get_or_create_case(user_token="tok", user_id=None, label=None)

    def read() -> None:
        store.latest_snapshot(case.id)

    for _ in range(10):
        worker = threading.Thread(target=read)
        worker.start()
        worker.join(timeout=10)

    # the main thread's connection, plus at most the last (already finished) worker's
    assert store._connections.open_count() <= 2


def test_gc_racing_a_fetch_in_another_process_never_leaves_dangling_references(
    data_dir: Path,
) -> None:
    count = 15
    with CaseStore(data_dir) as store:
        writer = subprocess.Popen(
            [sys.executable, "-m", "tests.store._writer", str(data_dir), "gcrace", str(count)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        collected = 0
        try:
            # grace 0 is the worst case: every file not yet referenced is fair game
            while writer.poll() is None:
                collected += store.gc_documents(grace_seconds=0)
                time.sleep(0.005)  # let the writer get the lock between collections
            out, err = writer.communicate(timeout=60)
        finally:
            if writer.poll() is None:
                writer.kill()
                writer.wait()
        assert writer.returncode == 0, err
        assert out.count("saved") + out.count("missing") == count
        print(f"gc removed {collected} files; {out.count('missing')} fetches lost the race")

        case = store.find_case("GC")
        assert case is not None
        history = store.snapshots(case.id)
        assert len(history) == out.count("saved")
        for info in history:
            snap = store.snapshot(info.id)
            assert snap is not None
            for doc in snap.documents:
                assert Path(doc["path"]).is_file(), f"snapshot {info.id} lost {doc['sha256']}"


def test_processes_creating_a_fresh_store_at_once(data_dir: Path) -> None:
    tokens = [f"fresh-{n}" for n in range(3)]
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.store._writer", str(data_dir), "steady", token, "2"],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for token in tokens
    ]
    outputs = [w.communicate(timeout=120) for w in writers]

    assert [w.returncode for w in writers] == [0, 0, 0], [err for _, err in outputs]
    with CaseStore(data_dir) as store:
        assert sorted(row.label or "" for row in store.list_cases()) == tokens
        assert all(len(store.snapshots(row.id)) == 2 for row in store.list_cases())
