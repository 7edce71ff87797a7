"""Every window shortcut works from every pane unless the focused widget genuinely needs the key.

A line edit on X11 claims Ctrl+E (end of line), Ctrl+D (delete), Ctrl+K, Ctrl+U ... through
Qt's emacs-style key bindings, which swallowed Export report (Ctrl+E) in the queue's search box.
The keys a text box really needs (copy, cut, paste, select all, undo/redo typing) stay its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget

from reviewer.sandbox import demo_users
from reviewer.ui.main_window import MainWindow
from tests.ui.driving import fetch_case, open_demo_window

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


class X11TextKeys(QObject):
    """What Qt's X11 keyboard scheme makes a line edit claim, beyond the platform's own claims:
    the emacs keys. The offscreen test platform does not load that scheme, so it is put back."""

    KEYS = frozenset({Qt.Key.Key_E, Qt.Key.Key_D, Qt.Key.Key_K, Qt.Key.Key_U})

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            and event.key() in self.KEYS
        ):
            event.accept()  # what QLineEdit does on X11: the key is the text box's
            return True
        return False


def _focus(qtbot: Any, win: MainWindow, widget: QWidget, x11: X11TextKeys) -> None:
    """Focus `widget` as a click or Tab would, the X11 claims in place first."""
    win.activateWindow()
    win.menuBar().setFocus(Qt.FocusReason.OtherFocusReason)  # focus moves in from elsewhere
    if isinstance(widget, QLineEdit):
        widget.installEventFilter(x11)
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=5000)


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """The demo window with a statement case open on its Documents tab."""
    win = open_demo_window(qtbot, tmp_path / "d", (1366, 768))
    user = next(u for u in demo_users() if u.key == "edited_statement")
    fetch_case(qtbot, win, monkeypatch, user)
    yield win
    win.shutdown()


def _window_shortcuts(win: MainWindow) -> list[QAction]:
    """The enabled actions whose shortcut is meant to work anywhere in the window."""
    found = []
    for action in win.findChildren(QAction):
        if action.shortcut().isEmpty() or not action.isEnabled():
            continue
        if action.shortcutContext() not in (
            Qt.ShortcutContext.WindowShortcut,
            Qt.ShortcutContext.ApplicationShortcut,
        ):
            continue
        found.append(action)
    return found


def _panes(win: MainWindow) -> dict[str, tuple[int, QWidget]]:
    """Each pane's focusable widget and the case tab it is on (-1: the queue)."""
    view = win.case_view
    return {
        "queue search": (-1, win.queue.search),
        "queue": (-1, win.queue.view),
        "overview": (0, view.overview),
        "document search": (1, view.documents.pane.search),
        "page": (1, view.documents.pane.pages),
        "transactions filter": (3, view.statements.tx_filter),
    }


def _show(qtbot: Any, win: MainWindow, tab: int) -> None:
    if tab < 0:
        win.workspace.show_queue(True)
    else:
        win.case_view.setCurrentIndex(tab)
    qtbot.waitUntil(lambda: tab >= 0 or win.workspace.queue_shown(), timeout=5000)


def _press(qtbot: Any, widget: QWidget, seq: QKeySequence) -> None:
    combo = seq[0]
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())


def test_every_window_shortcut_reaches_its_action_from_every_pane(qtbot, window) -> None:
    """Ctrl+E (export), Ctrl+D, Ctrl+Z (undo decision: nothing typed to undo), Alt+n, F9 ...
    fire their action whichever pane has the focus, search boxes included."""
    win, x11 = window, X11TextKeys()
    win.case_view.setCurrentIndex(1)
    qtbot.waitUntil(lambda: win.case_view.documents.pane.pages.has_page(), timeout=30000)
    swallowed: list[str] = []
    actions = _window_shortcuts(win)
    assert {"Ctrl+E", "Ctrl+Z", "Ctrl+D", "Ctrl+1", "F9"} <= {
        a.shortcut().toString() for a in actions
    }
    for action in actions:  # record the key's arrival instead of opening dialogs
        action.triggered.disconnect()
    for name, (tab, widget) in _panes(win).items():
        _show(qtbot, win, tab)
        for action in actions:
            fired: list[bool] = []
            action.triggered.connect(lambda _c=False, f=fired: f.append(True))
            _focus(qtbot, win, widget, x11)
            _press(qtbot, widget, action.shortcut())
            action.triggered.disconnect()
            _show(qtbot, win, tab)  # Alt+1, F9 ... moved away: back to the pane
            if not fired:
                swallowed.append(f"{action.shortcut().toString()} ({action.text()}) in {name}")
    assert not swallowed, swallowed


def test_a_search_box_keeps_the_keys_it_needs(qtbot, window) -> None:
    """Typing, and Ctrl+Z once there is typing to undo, stay the search box's own."""
    win, x11 = window, X11TextKeys()
    undo = next(a for a in _window_shortcuts(win) if a.shortcut().toString() == "Ctrl+Z")
    undo.triggered.disconnect()
    fired: list[bool] = []
    undo.triggered.connect(lambda _c=False: fired.append(True))
    search = win.queue.search
    _focus(qtbot, win, search, x11)
    qtbot.keyClicks(search, "Marcus")
    qtbot.keyClick(search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert search.text() == "" and not fired  # the typing was undone, not the decision


def test_ctrl_e_in_the_queue_search_exports_the_report(qtbot, window, tmp_path, monkeypatch):
    """The issue's case: find the case in the queue's search box, press Ctrl+E, the file dialog
    asks where, the report is written."""
    win, x11 = window, X11TextKeys()
    search = win.queue.search
    _focus(qtbot, win, search, x11)
    qtbot.keyClicks(search, "APP")
    asked: list[bool] = []
    out = tmp_path / "report.json"

    def save_name(*_a: Any, **_k: Any) -> tuple[str, str]:
        asked.append(True)
        return str(out), "JSON"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    qtbot.keyClick(search, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert asked, "Ctrl+E in the search box opened no file dialog"
    qtbot.waitUntil(lambda: "Report written" in win.statusBar().currentMessage(), timeout=60000)
    assert out.exists()
