"""The whole-file check is skipped only for a file exactly as a clean, checked close left it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.store import CaseStore, StoreCorrupt
from reviewer.store import case_store as case_store_module
from tests.store.helpers import save_fetch


@pytest.fixture
def whole_file_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the opens that read the whole file (quick_check without a table list)."""
    counted: list[int] = []
    real = case_store_module.quick_check_problems

    def spy(conn, tables=()):  # type: ignore[no-untyped-def]
        if not tables:
            counted.append(1)
        return real(conn, tables)

    monkeypatch.setattr(case_store_module, "quick_check_problems", spy)
    return counted


def _filled(data_dir: Path) -> Path:
    with CaseStore(data_dir) as store:
        case = store.get_or_create_case(user_token="tok", user_id=None, label="A")
        for i in range(8):
            save_fetch(store, case.id, f"fetch-{i}")
    return data_dir / "reviewer.sqlite3"


def test_an_unchanged_file_is_not_read_whole_again(
    data_dir: Path, whole_file_checks: list[int]
) -> None:
    _filled(data_dir)
    assert len(whole_file_checks) == 1
    with CaseStore(data_dir) as store:
        assert len(whole_file_checks) == 1  # unchanged since the checked close
        assert not (data_dir / "reviewer.sqlite3.checked").exists()  # consumed while open
        assert [row.label for row in store.list_cases()] == ["A"]
    with CaseStore(data_dir):
        assert len(whole_file_checks) == 1


def test_a_store_left_open_is_checked_whole_next_time(
    data_dir: Path, whole_file_checks: list[int]
) -> None:
    _filled(data_dir)
    crashed = CaseStore(data_dir)  # never closed: as a process killed mid-session
    crashed._connections.close_all()
    crashed._lock.release()
    CaseStore(data_dir).close()
    assert len(whole_file_checks) == 2


def test_damage_written_after_a_clean_close_is_found(data_dir: Path) -> None:
    db = _filled(data_dir)
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(page, len(data) - page, page):  # the header page stays intact
        data[offset : offset + 64] = b"\xa5" * 64
    db.write_bytes(bytes(data))  # same size, same inode: only its time tells

    with pytest.raises(StoreCorrupt, match="rebuild-cache"):
        CaseStore(data_dir)


def test_listing_keeps_the_record_and_skips_its_check(
    data_dir: Path, whole_file_checks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`reviewer cases` (a listing open) neither reads the file whole nor spends the record:
    the app's next open still finds the file unchanged."""
    _filled(data_dir)
    listing_checks: list[tuple[str, ...]] = []
    spy = case_store_module.quick_check_problems

    def counting(conn, tables=()):  # type: ignore[no-untyped-def]
        if tables:
            listing_checks.append(tuple(tables))
        return spy(conn, tables)

    monkeypatch.setattr(case_store_module, "quick_check_problems", counting)
    with CaseStore(data_dir, check="listing") as store:
        assert [row.label for row in store.list_cases()] == ["A"]
    assert listing_checks == []  # the record vouches for the whole file
    assert (data_dir / "reviewer.sqlite3.checked").exists()
    CaseStore(data_dir).close()
    assert len(whole_file_checks) == 1  # only the first close's own check
