"""Data at rest, end to end: every demo case fetched (documents inspected in the worker), then
no file under the data directory or the log directory holds applicant data in the clear.

The needles come from the applicants' own data as the store decrypts it: names, addresses,
account numbers, the SSN's last digits, amounts in their printed form, and the magic bytes
of PDFs and images.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reviewer.review.service import CaseService
from reviewer.sealing import read_file
from reviewer.store.keys import forget_unlocked

APPLICANT_KEYS = {
    "name",
    "street",
    "city",
    "account_number",
    "account",
    "routing",
    "first_name",
    "last_name",
    "full_name",
    "employee_id",
}
AMOUNT_KEYS = ("amount", "pay", "earnings", "wages", "income", "balance", "total")
MAGIC = {
    "PDF": b"%PDF-1.",
    "JPEG (JFIF)": b"JFIF\x00",
    "JPEG (Exif)": b"Exif\x00\x00",
    "PNG": b"\x89PNG\r\n\x1a\n",
}


def _walk(value: Any, key: str, out: set[bytes]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _walk(v, str(k).lower(), out)
    elif isinstance(value, list):
        for v in value:
            _walk(v, key, out)
    elif isinstance(value, str):
        if key in APPLICANT_KEYS and len(value) >= 6:
            out.add(value.encode())
        if key == "id_mask" and value:  # an SSN's last digits, as printed on a W-2
            out.add(f"-{value}".encode())
    elif (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and any(k in key for k in AMOUNT_KEYS)
        and abs(value) >= 100
    ):
        out.add(f"{abs(value):,.2f}".encode())  # as printed: 2,441.17


def applicant_needles(service: CaseService) -> set[bytes]:
    """Strings of the applicants' data, read back (decrypted) from the store."""
    needles: set[bytes] = set()
    for row in service.store.list_cases():
        if row.applicant_name:
            needles.add(row.applicant_name.encode())
        snapshot = service.store.latest_snapshot(row.id)
        assert snapshot is not None
        for response in snapshot.responses:
            try:
                _walk(json.loads(response.body), "", needles)
            except ValueError:
                continue
    return needles


@pytest.fixture
def log_to(tmp_path: Path) -> Iterator[Path]:
    """The app's real log handler, at DEBUG, writing into a directory the scan covers."""
    from reviewer.ui.logs import setup_logging

    root = logging.getLogger()
    before = list(root.handlers)
    level = root.level
    log_dir = tmp_path / "logs"
    log_dir.mkdir()
    setup_logging(log_dir, level=logging.DEBUG)
    yield log_dir
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_no_applicant_data_in_the_clear_after_fetching_every_demo_case(
    tmp_path: Path, log_to: Path
) -> None:
    data_dir = tmp_path / "data"
    service = CaseService.open(data_dir, demo=True, isolated_documents=True)
    try:
        results = service.fetch_demo_cases()
        assert results and all(r.stored for r in results), [r.message for r in results]
        needles = applicant_needles(service)
        # the worker decrypts in memory: a stored document renders through it
        documents = [
            d
            for row in service.list_cases()
            for d in (service.load_case(row.id) or _none()).documents
            if d.path
        ]
        assert documents
        pdf = next(d for d in documents if d.media_type == "application/pdf")
        info = service.backend.inspect(Path(pdf.path), "application/pdf")
        assert info.page_count and not info.problem
        assert read_file(pdf.path).startswith(MAGIC["PDF"])  # what the scan must not find
    finally:
        service.close()
    # names, addresses, account numbers, SSN digits and amounts were found to look for
    assert len(needles) > 50, sorted(needles)[:20]
    assert any(b"," in n and n[:1].isdigit() for n in needles), "no printed amounts"

    files = [p for base in (data_dir, log_to) for p in base.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert "reviewer.sqlite3" in names and any(n.endswith(".sealed") for n in names)
    assert any(n.endswith(".log") for n in names), names
    leaks = []
    for path in files:
        raw = path.read_bytes()
        leaks += [f"{path.name}: {n[:40]!r}" for n in needles if n in raw]
        leaks += [f"{path.name}: {what} bytes" for what, magic in MAGIC.items() if magic in raw]
    assert leaks == []

    # and it all reads back once unlocked, as a new process would
    forget_unlocked()
    reopened = CaseService.open(data_dir, demo=True)
    try:
        assert applicant_needles(reopened) == needles
    finally:
        reopened.close()


def _none() -> Any:
    raise AssertionError("a fetched case has no snapshot")
