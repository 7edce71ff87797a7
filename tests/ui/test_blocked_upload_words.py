"""Issue 17 items 4 and 11 on the real MainWindow: APP-1006's password-protected upload says
"Password protected" (Plaid's words, and what to do) wherever it appears, and no tab shows
Plaid's ids, ISO timestamps or "1 pay stubs" as the only words for a thing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from reviewer.review.document_status import LOCKED_FILE_WORDS
from reviewer.sandbox import demo_users
from reviewer.ui.main_window import MainWindow
from tests.ui.driving import fetch_case, open_demo_window

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")
PLAID_ID = re.compile(r"\b(ins_\d+|[A-Za-z0-9]{24})\b")


@pytest.fixture
def blocked(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """The demo window at 1366×768 with APP-1006 (uploads blocked by Plaid) fetched."""
    win = open_demo_window(qtbot, tmp_path / "d", (1366, 768))
    user = next(u for u in demo_users() if u.key == "upload_problems")
    fetch_case(qtbot, win, monkeypatch, user)
    yield win
    win.shutdown()


def _tab_text(qtbot: Any, win: MainWindow, alt: Qt.Key, browser: Any) -> str:
    qtbot.keyClick(win, alt, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(browser.isVisible, timeout=5000)
    return str(browser.toPlainText())


def test_a_password_protected_upload_says_so_everywhere(qtbot, blocked, tmp_path, monkeypatch):
    win = blocked
    view = win.case_view
    # Overview: the table and the "Data incomplete" line say it; no item id, no ISO time
    overview = _tab_text(qtbot, win, Qt.Key.Key_1, view.overview)
    assert overview.count(LOCKED_FILE_WORDS) >= 2, overview
    assert "Data incomplete" in overview
    assert not ISO_TIME.search(overview) and not PLAID_ID.search(overview), overview
    # Payroll: the form says it instead of a table of empty boxes
    payroll = _tab_text(qtbot, win, Qt.Key.Key_3, view.payroll)
    assert LOCKED_FILE_WORDS in payroll and not PLAID_ID.search(payroll)
    # Sessions: the institution and the uploads by name, local times, plurals
    sessions = _tab_text(qtbot, win, Qt.Key.Key_7, view.sessions)
    assert "paystub_locked.pdf" in sessions and "1 pay stub" in sessions
    assert "1 pay stubs" not in sessions and "0 W-2s" not in sessions
    assert not ISO_TIME.search(sessions) and not PLAID_ID.search(sessions), sessions
    # Documents: the list says "locked", its status column and tooltip say "Password protected"
    qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    tab = view.documents
    qtbot.waitUntil(tab.table.isVisible, timeout=5000)
    proxy = tab.proxy
    row = next(
        r
        for r in range(proxy.rowCount())
        if "paystub_locked.pdf" in proxy.index(r, 1).data(Qt.ItemDataRole.DisplayRole)
    )
    assert proxy.index(row, 0).data(Qt.ItemDataRole.DisplayRole) == "locked"
    assert proxy.index(row, 2).data(Qt.ItemDataRole.DisplayRole) == "Password protected"
    assert LOCKED_FILE_WORDS in proxy.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
    # a click opens it: the viewer and the risk panel say it
    rect = tab.table.visualRect(proxy.index(row, 1))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pane = tab.pane
    qtbot.waitUntil(lambda: "paystub_locked.pdf" in pane.title.text(), timeout=10000)
    assert LOCKED_FILE_WORDS in pane.banner.text() and pane.banner.isVisible()
    assert LOCKED_FILE_WORDS in pane.risk.score.text()
    # the exported report (Ctrl+E, the file dialog) says it too
    out = tmp_path / "APP-1006.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(out), "PDF"))
    )
    qtbot.keyClick(win, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Report written" in win.statusBar().currentMessage(), timeout=60000)
    import pymupdf

    with pymupdf.open(out) as pdf:
        text = " ".join(" ".join(page.get_text().split()) for page in pdf)
    assert "Password protected: the applicant must upload an unlocked copy" in text
    assert "DOCUMENT_ERROR" not in text and "PAYSTUB" not in text  # Plaid's codes, in words
    assert not ISO_TIME.search(text), ISO_TIME.search(text)


@pytest.mark.parametrize(
    "key", ["clean", "w2_1099", "employment_history", "shared_statement", "plaid_failures"]
)
def test_no_tab_shows_plaid_ids_or_iso_times(qtbot, tmp_path, monkeypatch, key) -> None:
    """Item 11 through every text tab of several demo cases (payroll, W-2/1099, employment,
    bank income, failures): names and local times, never an id or an ISO timestamp alone."""
    win = open_demo_window(qtbot, tmp_path / "d", (1366, 768))
    fetch_case(qtbot, win, monkeypatch, next(u for u in demo_users() if u.key == key))
    view = win.case_view
    tabs = {
        Qt.Key.Key_1: view.overview,
        Qt.Key.Key_3: view.payroll,
        Qt.Key.Key_5: view.income_info,
        Qt.Key.Key_6: view.employment,
        Qt.Key.Key_7: view.sessions,
    }
    for alt, browser in tabs.items():
        if not view.isTabEnabled(view.indexOf(browser.parentWidget() or browser)):
            continue
        text = _tab_text(qtbot, win, alt, browser)
        assert not ISO_TIME.search(text), (key, alt, ISO_TIME.search(text))
        # Reviewer's findings quote file names and hashes: only Plaid's ids are looked for
        assert not PLAID_ID.search(text), (key, alt, PLAID_ID.search(text))
        assert not re.search(r"\b1 (pay stubs|W-2s|pages|documents)\b", text), (key, alt)
    win.shutdown()
