"""The queue of a big cache: sorted by header clicks, searched by typing, selection kept (issue 16).

The queue sorts and searches plain keys made once per case (`present.queue_order`) through a
thin proxy (`queue_proxy.CaseQueueProxy`); these tests drive the real window over a cache of
cases saved through the store's API and check what the reviewer sees, with Qt's model tester
watching every change of the proxy.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from reviewer.store import CaseStore, NewSnapshot
from tests.ui.driving import open_window

NAMES = ["Okafor", "Abbott", "Zimmerman", "Lindqvist", "Moreau", "Castillo"]
CASES = 60


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    """60 fetched cases: applicant `<First n> <NAME>`, risk n % 97, label RS-<n:03>."""
    data_dir = tmp_path / "cache"
    with CaseStore(data_dir) as store:
        for n in range(CASES):
            case = store.get_or_create_case(
                user_token=f"tok-{n}", user_id=None, label=f"RS-{n:03d}"
            )
            store.save_snapshot(
                case.id,
                NewSnapshot(
                    fetched_at="2026-11-01T10:00:00+00:00",
                    applicant_name=f"First{n} {NAMES[n % len(NAMES)]}",
                    max_risk_score=float(n * 37 % 97),
                ),
            )
    return data_dir


@pytest.fixture
def window(qtbot, cache: Path):
    from reviewer.review.app_service import AppService

    win = open_window(qtbot, lambda: AppService.open(cache))
    qtbot.waitUntil(lambda: win.queue.proxy.rowCount() == CASES, timeout=30000)
    yield win
    win.shutdown()


def _labels(win) -> list[str]:
    proxy = win.queue.proxy
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def _click_header(qtbot, win, column: int) -> None:
    header = win.queue.view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_header_clicks_sort_and_typing_searches(qtbot, qtmodeltester, window) -> None:
    win = window
    qtmodeltester.check(win.queue.proxy)  # and it keeps watching every change below
    risks = [float(win.queue.proxy.index(r, 2).data()) for r in range(CASES)]
    assert risks == sorted(risks, reverse=True)  # the queue opens riskiest first

    _click_header(qtbot, win, 1)  # Applicant
    applicants = [win.queue.proxy.index(r, 1).data() for r in range(CASES)]
    assert applicants == sorted(applicants, key=str.lower)
    _click_header(qtbot, win, 1)  # again: the other way round
    applicants = [win.queue.proxy.index(r, 1).data() for r in range(CASES)]
    assert applicants == sorted(applicants, key=str.lower, reverse=True)

    _click_header(qtbot, win, 0)  # Label
    assert _labels(win) == [f"RS-{n:03d}" for n in range(CASES)]

    win.queue.search.setFocus()
    qtbot.keyClicks(win.queue.search, "zimMERman")  # any case, any column
    expected = [f"RS-{n:03d}" for n in range(CASES) if NAMES[n % len(NAMES)] == "Zimmerman"]
    assert _labels(win) == expected
    qtbot.keyClicks(win.queue.search, " nobody")
    assert win.queue.proxy.rowCount() == 0
    win.queue.search.clear()
    assert win.queue.proxy.rowCount() == CASES
    qtbot.keyClicks(win.queue.search, "rs-05")
    assert _labels(win) == [f"RS-05{n}" for n in range(10)]


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_sorting_and_searching_keep_the_case_selected(qtbot, qtmodeltester, window) -> None:
    win = window
    qtmodeltester.check(win.queue.proxy)
    target = win.queue.proxy.index(7, 0)
    label = target.data()
    with qtbot.waitSignal(win.case_shown, timeout=10000):
        qtbot.mouseClick(
            win.queue.view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=win.queue.view.visualRect(target).center(),
        )
    case_id = win.queue.current_case_id()
    assert win.queue.label_of(case_id) == label
    reloads: list[str] = []
    win.case_shown.connect(reloads.append)

    _click_header(qtbot, win, 1)
    qtbot.keyClicks(win.queue.search, label)
    assert _labels(win) == [label]
    assert win.queue.current_case_id() == case_id  # the same case, on its new row
    current = win.queue.view.currentIndex()
    assert current.isValid() and current.row() == 0
    win.queue.search.clear()
    assert win.queue.current_case_id() == case_id
    assert win.queue.view.currentIndex().data() == label
    assert reloads == []  # nothing was reloaded: only rows moved
