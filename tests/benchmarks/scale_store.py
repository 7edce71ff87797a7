"""Stores of 100, 1,000 and 10,000 cases for the growth figures of issue 16.

The demo cases are fetched once from the embedded sandbox (a *seed* store); every bigger store
is made of clones of their newest snapshots, saved through the store's own API under new case
ids, labels, Plaid user tokens and applicant names, so the data is as realistic and as
encrypted as a reviewer's: responses byte for byte (the applicant's name replaced), documents,
signals, fetch errors, Reviewer's findings. Each clone's document files get a distinct trailer
(`%clone <n>` after the PDF's end, ignored by readers) so they are stored once per case, as
real applicants' files are; the data directory's size per case is therefore honest.

Generation is the slow part (10,000 cases write ~30,000 sealed files), so every store is kept
under `SCALE_CACHE` (/tmp by default) and reused by later runs; a store is complete only
once its `complete` marker exists. For speed the generator's own connection runs with
`synchronous = OFF` and without per-file fsync: the files and rows it writes are the same,
only not flushed to the disk one by one (a benchmark store, never a reviewer's).

    uv run python -m tests.benchmarks.scale_store 100 1000 10000
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCALE_CACHE = Path(os.environ.get("REVIEWER_SCALE_CACHE", "/tmp/reviewer-scale-cache"))
PASSPHRASE = "benchmark passphrase"
SIZES = (100, 1000, 10_000)
# the store's key is wrapped at the suite's cheap scrypt cost: the figures here are about
# growth, not unlocking (tests/benchmarks/cli.py measures that)
SCRYPT_LOG2_N = "10"

_FIRST = [
    "Avery",
    "Blake",
    "Casey",
    "Devon",
    "Elliot",
    "Farah",
    "Gianna",
    "Hector",
    "Imani",
    "Jonah",
    "Keiko",
    "Luis",
    "Mina",
    "Nolan",
    "Oksana",
    "Pavel",
    "Quinn",
    "Rosa",
    "Sanjay",
    "Tamsin",
    "Umar",
    "Vera",
    "Wesley",
    "Ximena",
    "Yusuf",
    "Zara",
]
_LAST = [
    "Abbott",
    "Brennan",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fontaine",
    "Gallagher",
    "Hoshino",
    "Iyer",
    "Jablonski",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quintero",
    "Rinaldi",
    "Sorensen",
    "Takahashi",
    "Underwood",
    "Valdez",
    "Whitaker",
    "Xu",
    "Yilmaz",
    "Zimmerman",
]


@dataclass(frozen=True)
class Template:
    """One stored demo case to clone: its newest snapshot and findings."""

    applicant_name: str | None
    snapshot: Any  # reviewer.store.StoredSnapshot
    findings: list[Any]  # reviewer.store.findings.StoredFindings
    files: dict[str, bytes]  # sha256 -> plaintext


def applicant_names() -> Iterator[str]:
    """Distinct applicant names, as many as needed (a middle initial after 676)."""
    for round_ in itertools.count():
        for last in _LAST:
            for first in _FIRST:
                yield f"{first} {chr(65 + round_ % 26) + '. ' if round_ else ''}{last}"


@contextlib.contextmanager
def _bench_env() -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in ("REVIEWER_PASSPHRASE", "REVIEWER_TEST_SCRYPT_LOG2_N")}
    os.environ["REVIEWER_PASSPHRASE"] = PASSPHRASE
    os.environ["REVIEWER_TEST_SCRYPT_LOG2_N"] = SCRYPT_LOG2_N
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def seed_store() -> Path:
    """The data directory holding every demo case, fetched once (cached)."""
    seed = SCALE_CACHE / "seed"
    if (seed / "complete").exists():
        return seed
    import shutil

    from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, Sandbox, demo_users
    from tests.review.conftest import make_service

    shutil.rmtree(seed, ignore_errors=True)
    with _bench_env():
        sandbox = Sandbox(client_id=DEMO_CLIENT_ID, secret=DEMO_SECRET, risk_processing_delay=0)
        service = make_service(sandbox, seed)
        try:
            for user in demo_users():
                service.fetch_case(user_token=user.user_token, user_id=user.user_id, label=None)
        finally:
            service.close()
    (seed / "complete").write_text("ok\n")
    return seed


def templates(seed: Path) -> list[Template]:
    """The seed's cases with a snapshot, ready to clone."""
    from reviewer.store import CaseStore

    found = []
    with _bench_env(), CaseStore(seed) as store:
        for row in store.list_cases():
            snap = store.latest_snapshot(row.id)
            if snap is None:
                continue
            files = {
                doc["sha256"]: store.read_document(doc["sha256"])
                for doc in snap.documents
                if doc.get("sha256")
            }
            found.append(Template(row.applicant_name, snap, store.findings(snap.id), files))
    return found


def _renamed(data: bytes, old: str | None, new: str) -> bytes:
    return data.replace(old.encode(), new.encode()) if old else data


def clone_into(store: Any, template: Template, number: int, name: str) -> str:
    """Save one clone of `template` as a new case; returns its case id."""
    from reviewer.store import NewSnapshot, ResponseRecord

    snap = template.snapshot
    shas: dict[str, str] = {}
    for sha, data in template.files.items():
        # a distinct file per case, as each applicant's own upload is (PDF readers and
        # image decoders ignore bytes after the end of the file)
        shas[sha], _path = store.put_document(data + b"\n%clone " + str(number).encode() + b"\n")
    documents = []
    for doc in snap.documents:
        doc = {k: v for k, v in doc.items() if k != "path"}
        if doc.get("sha256"):
            doc["sha256"] = shas[doc["sha256"]]
        documents.append(doc)
    old = template.applicant_name
    responses = [
        ResponseRecord(
            r.endpoint, r.item_id, r.http_status, r.content_type, _renamed(r.body, old, name)
        )
        for r in snap.responses
    ]
    case = store.get_or_create_case(
        user_token=f"user-bench-{number:08d}",
        user_id=f"bench{number:08d}",
        label=f"APP-{200000 + number}",
    )
    snapshot_id = store.save_snapshot(
        case.id,
        NewSnapshot(
            fetched_at=snap.fetched_at,
            responses=responses,
            documents=documents,
            signals=snap.signals,
            errors=snap.errors,
            skipped=snap.skipped,
            applicant_name=name if old else None,
            max_risk_score=snap.max_risk_score,
        ),
    )
    for f in template.findings:
        store.save_findings(
            snapshot_id, f.producer, f.version, f.records, failed=f.failed, worst=f.worst
        )
    return case.id


@contextlib.contextmanager
def _unflushed(store: Any) -> Iterator[None]:
    """No fsync while generating (see the module docstring)."""
    real_fsync = os.fsync
    os.fsync = lambda _fd: None
    store._conn().execute("PRAGMA synchronous = OFF")
    try:
        yield
    finally:
        os.fsync = real_fsync


def scale_store(cases: int) -> Path:
    """A data directory with `cases` cloned cases (cached under SCALE_CACHE)."""
    import shutil

    from reviewer.store import CaseStore

    target = SCALE_CACHE / f"cases-{cases}"
    if (target / "complete").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    found = templates(seed_store())
    names = applicant_names()
    with _bench_env(), CaseStore(target) as store, _unflushed(store):
        for number in range(cases):
            clone_into(store, found[number % len(found)], number, next(names))
    os.sync()
    (target / "complete").write_text("ok\n")
    return target


def data_dir_bytes(data_dir: Path) -> int:
    """Bytes of every file in a data directory (the database with its WAL, keys, documents)."""
    return sum(
        p.stat().st_size for p in data_dir.rglob("*") if p.is_file() and p.name != "complete"
    )


def main(argv: list[str]) -> int:
    """Make (or find) the stores of the given sizes and say how big they are."""
    for size in [int(a) for a in argv] or SIZES:
        start = time.perf_counter()
        path = scale_store(size)
        total = data_dir_bytes(path)
        print(
            f"{size:>6} cases: {path} {total / 2**20:.1f} MiB, {total / size / 1024:.0f} KiB per case, {time.perf_counter() - start:.1f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
