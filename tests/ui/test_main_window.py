"""Drive the real window against the in-process demo sandbox (reviewer.review.service)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reviewer.review.preferences import Settings
from tests.ui.driving import fetch_case, menu_action, open_window


@pytest.fixture
def window(qtbot, tmp_path: Path):
    from reviewer.review.app_service import AppService

    win = open_window(qtbot, lambda: AppService.open(tmp_path / "d", demo=True))
    yield win
    win.shutdown()


# the offscreen platform plugin warns about window size hints; harmless
@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_fetch_select_tabs_document_search_offline_settings(
    qtbot, qtmodeltester, window, monkeypatch
) -> None:
    win = window
    assert "SANDBOX" in win.status.environment.text()
    case_id = fetch_case(qtbot, win, monkeypatch, win.service.demo_applicants()[0])
    qtmodeltester.check(win.queue.model)
    qtmodeltester.check(win.queue.proxy)

    snap = win.case_view.snapshot
    assert snap is not None and snap.case.id == case_id
    assert snap.case.label in win.case_view.overview.toPlainText()

    for i in range(win.case_view.count()):
        qtbot.keyClick(win, Qt.Key.Key_1 + i, Qt.KeyboardModifier.AltModifier)  # Alt+1…
        assert win.case_view.currentIndex() == i

    tab = win.case_view.documents
    win.case_view.setCurrentWidget(tab)  # the viewer paints (and reports) only when visible
    qtmodeltester.check(tab.model)
    doc = next(d for d in snap.documents if d.sha256)
    with qtbot.waitSignal(tab.page_shown, timeout=30000):
        tab.open_document(doc.document_id)
    assert tab.page_view.has_page()

    menu_action(win, "Case", "Find").trigger()
    assert win.queue.search.hasFocus() or not win.isActiveWindow()
    qtbot.keyClicks(win.queue.search, "no such case zzz")
    assert win.queue.proxy.rowCount() == 0
    win.queue.search.clear()
    qtbot.keyClicks(win.queue.search, snap.case.label or "")
    assert win.queue.proxy.rowCount() == 1

    menu_action(win, "Case", "Work offline").trigger()
    new_case = menu_action(win, "Case", "New case")
    assert not new_case.isEnabled()
    assert "offline" in new_case.toolTip()
    assert "offline" in win.status.online.text()
    # cached cases still open offline: click the row
    win.queue.view.clearSelection()
    win.case_view.set_snapshot(None)
    row = win.queue.view.visualRect(win.queue.proxy.index(0, 0)).center()
    win.queue.view.setCurrentIndex(win.queue.proxy.index(-1, -1))
    with qtbot.waitSignal(win.case_shown, timeout=10000) as shown:
        qtbot.mouseClick(win.queue.view.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert shown.args == [case_id]
    assert win.case_view.snapshot is not None

    menu_action(win, "Case", "Settings").trigger()
    from reviewer.ui.dialogs import SettingsDialog

    dialog = win.findChild(SettingsDialog)
    dialog.high.setValue(10)
    dialog.accept()
    assert dialog.isVisible() and "below" in dialog.problem.text()
    dialog.low.setValue(5)
    dialog.accept()
    assert win.queue.model.high_threshold == 10
    assert Settings.load().high_risk_threshold == 10
