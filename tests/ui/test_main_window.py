"""Drive the real window against the in-process demo sandbox (reviewer.review.service)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.settings import Settings
from reviewer.ui.main_window import MainWindow
from reviewer.ui.tasks import TaskRunner


@pytest.fixture
def window(qtbot, tmp_path: Path):
    from reviewer.review.service import ReviewService

    win = MainWindow(runner=TaskRunner(), settings=Settings(), data_dir=tmp_path / "d", demo=False)
    win.show_error_dialogs = False
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.service_ready, timeout=60000):
        win.open_service(lambda: ReviewService.open(tmp_path / "d", demo=True))
    yield win
    win.shutdown()


def _fetch_first_demo_case(qtbot, win: MainWindow) -> str:
    user = win.service._demo_users[0]
    with qtbot.waitSignal(win.fetch_finished, timeout=60000) as blocker:
        win.fetch_new(user_token=user.user_token, user_id=user.user_id, label=user.label)
    result = blocker.args[0]
    assert result.stored, result.message
    qtbot.waitUntil(lambda: win.queue_model.row_of(result.case_id) >= 0, timeout=10000)
    return result.case_id


# the offscreen platform plugin warns about window size hints; harmless
@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_fetch_select_tabs_document_search_offline_settings(qtbot, qtmodeltester, window) -> None:
    win = window
    assert "SANDBOX" in win.status.environment.text()
    case_id = _fetch_first_demo_case(qtbot, win)
    qtmodeltester.check(win.queue_model)
    qtmodeltester.check(win.queue_proxy)

    win.select_case(case_id)  # the fetch already selects the new case
    qtbot.waitUntil(lambda: win.case_view.snapshot is not None, timeout=10000)
    snap = win.case_view.snapshot
    assert snap is not None and snap.case.id == case_id
    assert snap.case.label in win.case_view.overview.toPlainText()

    for i in range(win.case_view.count()):
        win.case_view.setCurrentIndex(i)
        assert win.case_view.currentIndex() == i

    tab = win.case_view.documents
    win.case_view.setCurrentWidget(tab)  # the viewer paints (and reports) only when visible
    qtmodeltester.check(tab.model)
    doc = next(d for d in snap.documents if d.sha256)
    with qtbot.waitSignal(tab.page_shown, timeout=30000):
        tab.open_document(doc.document_id)
    assert tab.page_view.has_page()

    win.search.setText("no such case zzz")
    assert win.queue_proxy.rowCount() == 0
    win.search.setText(snap.case.label or "")
    assert win.queue_proxy.rowCount() == 1

    win.set_offline(True)
    assert not win.new_case_action.isEnabled()
    assert "offline" in win.new_case_action.toolTip()
    assert "offline" in win.status.online.text()
    with qtbot.waitSignal(win.case_shown, timeout=10000):
        win.load_case(case_id)  # cached cases still open offline
    assert win.case_view.snapshot is not None

    dialog = win.open_settings()
    dialog.high.setValue(10)
    dialog.accept()
    assert dialog.isVisible() and "below" in dialog.problem.text()
    dialog.low.setValue(5)
    dialog.accept()
    assert win.queue_model.high_threshold == 10
    assert Settings.load().high_risk_threshold == 10
