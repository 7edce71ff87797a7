"""The first frame is the real window: its menus open and act, its Ctrl shortcuts work, before
anything built after the paint (the case view, the case menus, the store) exists.

The window paints early by leaving out what the reviewer cannot see yet (issue 16); these tests
use it at that moment, as a reviewer who clicks the moment the window appears.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from reviewer.review.preferences import Settings
from reviewer.ui.main_window import MainWindow
from reviewer.ui.tasks import TaskRunner


@pytest.fixture
def painted(qtbot: Any, tmp_path: Path) -> Any:
    """The demo window as its first frame appears: no service, no case view, no case menus
    (they are being built, a step per event-loop turn)."""
    win = MainWindow(runner=TaskRunner(), settings=Settings(), data_dir=tmp_path / "d", demo=True)
    win.show_error_dialogs = False
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.first_frame_shown, timeout=10000):
        win.show()
    assert win.case_menus is None and not win.case_view_built()
    yield win
    win.shutdown()


def test_the_menu_bar_is_whole_in_the_first_frame(qtbot, tmp_path: Path) -> None:
    """The Decision and Actions menus' entries come right after the paint; their titles are
    there in the first frame (nothing appears in the menu bar later)."""
    win = MainWindow(runner=TaskRunner(), settings=Settings(), data_dir=tmp_path / "d", demo=True)
    qtbot.addWidget(win)
    titles = [a.text().replace("&", "") for a in win.menuBar().actions()]
    assert titles == ["Case", "View", "Decision", "Actions"]
    assert win.case_menus is None  # not built before the paint
    win.shutdown()


# the offscreen platform the tests run on cannot raise a popup nor grab the keyboard for it
@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise", "grabbing the keyboard")
def test_a_menu_opens_and_its_action_runs_right_after_the_first_paint(qtbot, painted) -> None:
    win = painted
    assert win.service is None  # the store opens after the paint: nothing waited for it
    bar, case_menu = win.menuBar(), win.window_actions.case_menu
    qtbot.mouseClick(
        bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(case_menu.menuAction()).center()
    )
    qtbot.waitUntil(case_menu.isVisible, timeout=5000)
    offline = win.window_actions.offline
    assert offline.isEnabled()
    qtbot.mouseClick(
        case_menu, Qt.MouseButton.LeftButton, pos=case_menu.actionGeometry(offline).center()
    )
    qtbot.waitUntil(lambda: not case_menu.isVisible(), timeout=5000)
    assert offline.isChecked(), "Case → Work offline did nothing"
    # the rest is built after: the case view and its menus come, and the store opens
    qtbot.waitUntil(lambda: win.case_menus is not None and win.case_view_built(), timeout=30000)


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_ctrl_shortcuts_work_from_the_first_paint(qtbot, painted) -> None:
    win = painted
    win.activateWindow()
    win.menuBar().setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClick(win.menuBar(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(win.queue.search.hasFocus, timeout=5000)  # Ctrl+F: the queue's search
    offline = win.window_actions.offline
    with qtbot.waitSignal(offline.toggled, timeout=5000):
        qtbot.keyClick(
            win.queue.search,
            Qt.Key.Key_O,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert offline.isChecked()


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_queue_header_titles_and_order_are_there_from_the_first_frame(qtbot, painted) -> None:
    """The titles come from a plain Qt model; the Risk header shows the order once sorting is
    on (right after the paint), and a click on a title sorts."""
    header = painted.queue.view.horizontalHeader()
    titles = [
        header.model().headerData(i, Qt.Orientation.Horizontal) for i in range(header.count())
    ]
    assert titles == ["Label", "Applicant", "Risk", "Docs", "Decision", "Fetched", "Checks"]
    qtbot.waitUntil(painted.queue.view.isSortingEnabled, timeout=5000)
    assert header.sortIndicatorSection() == 2
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert header.isSortIndicatorShown()


def test_the_queue_roles_and_styles_are_qts() -> None:
    """The first frame names Qt's values as ints (Python's Qt namespace is made after it)."""
    from reviewer.ui import main_menus, queue_model

    role = Qt.ItemDataRole
    assert (
        role.DisplayRole,
        role.DecorationRole,
        role.ToolTipRole,
        role.TextAlignmentRole,
        role.BackgroundRole,
        role.ForegroundRole,
    ) == (
        queue_model._DISPLAY,
        queue_model._DECORATION,
        queue_model._TOOLTIP,
        queue_model._ALIGNMENT,
        queue_model._BACKGROUND,
        queue_model._FOREGROUND,
    )
    assert role.UserRole + 1 == queue_model.CASE_ID_ROLE
    assert role.UserRole + 2 == queue_model.SORT_ROLE
    align = Qt.AlignmentFlag
    assert (align.AlignRight | align.AlignVCenter).value == queue_model._RIGHT
    assert Qt.ToolButtonStyle.ToolButtonTextBesideIcon.value == main_menus.TEXT_BESIDE_ICON


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_queue_keeps_its_saved_width_when_the_case_view_arrives(qtbot, tmp_path: Path) -> None:
    """The layout saved at the last quit is the first frame's: the queue does not widen or
    narrow as the case view replaces the empty space beside it."""
    settings = Settings()
    first = MainWindow(runner=TaskRunner(), settings=settings, data_dir=tmp_path / "d", demo=True)
    qtbot.addWidget(first)
    first.resize(1366, 768)
    with qtbot.waitSignal(first.first_painted, timeout=30000):
        first.show()
    handle = first.centralWidget().handle(1)  # the reviewer drags the queue wider
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton)
    first.centralWidget().moveSplitter(400, 1)
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton)
    saved_width = first.centralWidget().sizes()[0]
    first.shutdown()  # quits: the layout is saved in the settings

    win = MainWindow(runner=TaskRunner(), settings=settings, data_dir=tmp_path / "d", demo=True)
    qtbot.addWidget(win)
    win.resize(1366, 768)  # a laptop's window (the tests' screen is smaller)
    widths: list[int] = []
    win.first_frame_shown.connect(lambda: widths.append(win.centralWidget().sizes()[0]))
    with qtbot.waitSignal(win.first_painted, timeout=30000):
        win.show()
    widths.append(win.centralWidget().sizes()[0])
    win.shutdown()
    assert widths == [saved_width, saved_width], widths
