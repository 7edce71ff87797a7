"""A separate process writing to a store, for the concurrency and crash-safety tests.

    python -m tests.store._writer DATA_DIR steady TOKEN COUNT   save COUNT fetches, then exit
    python -m tests.store._writer DATA_DIR forever SEED          write until killed
    python -m tests.store._writer DATA_DIR gcrace COUNT          COUNT fetches, racing a gc

After each commit it prints "saved SNAPSHOT_ID AUDIT_ID" and flushes, so the parent knows what
must survive a SIGKILL.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

from reviewer.store import CaseStore, MissingDocument, NewSnapshot
from tests.store.helpers import PAYROLL, document_record, signal_record


def _one_fetch(store: CaseStore, case_id: str, rng: random.Random, tag: str) -> int:
    docs = []
    for i in range(rng.randint(1, 4)):
        # sizes up to ~1.5 MB so a kill often lands in the middle of a file write
        size = rng.choice([200, 5_000, 300_000, 1_500_000])
        data = os.urandom(size)
        sha, _ = store.put_document(data)
        docs.append(document_record(f"{tag}-{i}", sha))
    return store.save_snapshot(
        case_id,
        NewSnapshot(
            fetched_at=f"fetch-{tag}",
            responses=[
                (PAYROLL, None, 200, "application/json", os.urandom(rng.randint(10, 50_000)))
            ],
            documents=docs,
            signals=[signal_record(docs[0]["document_id"], rng.random() * 100)],
            applicant_name=tag,
            max_risk_score=None,
        ),
    )


def main(argv: list[str]) -> None:
    """Entry point; see the module docstring."""
    data_dir, mode = Path(argv[0]), argv[1]
    with CaseStore(data_dir) as store:
        if mode == "steady":
            token, count = argv[2], int(argv[3])
            rng = random.Random(token)
            case = store.get_or_create_case(user_token=token, user_id=None, label=token)
            for n in range(count):
                snapshot_id = _one_fetch(store, case.id, rng, f"{token}-{n}")
                entry = store.append_audit(
                    case.id, actor=token, action="action.fetch", details={"n": n}, app_version="t"
                )
                print("saved", snapshot_id, entry.id, flush=True)
        elif mode == "gcrace":
            rng = random.Random(7)
            case = store.get_or_create_case(user_token="gc-race", user_id=None, label="GC")
            print("ready", flush=True)
            for n in range(int(argv[2])):
                try:
                    snapshot_id = _one_fetch(store, case.id, rng, f"gc-{n}")
                except MissingDocument:
                    # the other process collected a file before it was referenced: a clean failure
                    print("missing", flush=True)
                else:
                    print("saved", snapshot_id, 0, flush=True)
        else:
            rng = random.Random(int(argv[2]))
            case = store.get_or_create_case(user_token="crash-user", user_id=None, label="CRASH")
            print("ready", flush=True)
            n = 0
            while True:
                n += 1
                snapshot_id = _one_fetch(store, case.id, rng, f"{argv[2]}-{n}")
                entry = store.append_audit(
                    case.id,
                    actor="crash",
                    action="decision.approve",
                    details={"n": n},
                    app_version="t",
                )
                print("saved", snapshot_id, entry.id, flush=True)
                if rng.random() < 0.2:
                    store.gc_documents(grace_seconds=0)


if __name__ == "__main__":
    main(sys.argv[1:])
