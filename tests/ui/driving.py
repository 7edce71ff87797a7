"""Driving the real MainWindow as a reviewer does: menu actions, dialogs, clicks.

Steps under test go through `QAction.trigger()` (what a menu click or shortcut does) and the
dialogs' own widgets, never through the controllers' methods.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from reviewer.review.preferences import Settings
from reviewer.ui.dialogs import NewCaseDialog
from reviewer.ui.main_window import MainWindow
from reviewer.ui.tasks import TaskRunner

D = TypeVar("D", bound=QWidget)


def _words(text: str) -> str:
    return text.replace("&", "").rstrip("…").strip()


def menu_action(win: MainWindow, menu: str, entry: str) -> QAction:
    """The action `entry` of the menu bar's `menu` (titles without '&' and '…')."""
    for top in win.menuBar().actions():
        if _words(top.text()) == menu and top.menu() is not None:
            for action in top.menu().actions():
                if _words(action.text()) == entry:
                    return action
    raise LookupError(f"no {menu} → {entry}")


def open_window(
    qtbot: Any, opener: Callable[[], Any], settings: Settings | None = None
) -> MainWindow:
    """Show a MainWindow and wait until its service is open and its menus are built."""
    win = MainWindow(runner=TaskRunner(), settings=settings or Settings(), demo=False)
    win.show_error_dialogs = False
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.service_ready, timeout=60000):
        win.open_service(opener)
    qtbot.waitUntil(lambda: win.case_menus is not None, timeout=10000)
    return win


def open_demo_window(qtbot: Any, data_dir: Any, size: tuple[int, int] = (1366, 768)) -> MainWindow:
    """The demo MainWindow shown at `size` (a laptop's screen by default), its service open on
    `data_dir`, the reviewer named "Dana"."""
    from reviewer.review.app_service import AppService

    win = MainWindow(
        runner=TaskRunner(), settings=Settings(reviewer_name="Dana"), data_dir=data_dir
    )
    win.show_error_dialogs = False
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.service_ready, timeout=60000):
        win.open_service(lambda: AppService.open(data_dir, demo=True))
    return win


@contextmanager
def answering_new_case(
    monkeypatch: pytest.MonkeyPatch, user: Any, by: str = "token"
) -> Iterator[None]:
    """The New case dialog, when it opens, is filled in for `user` and accepted."""

    def exec_(dialog: NewCaseDialog) -> int:
        use_token = by == "token" and user.user_token
        dialog.kind.setCurrentIndex(0 if use_token else 1)
        dialog.identifier.setText(user.user_token if use_token else user.user_id)
        dialog.label.setText(user.label)
        return QDialog.DialogCode.Accepted

    with monkeypatch.context() as m:
        m.setattr(NewCaseDialog, "exec", exec_)
        yield


def fetch_case(qtbot: Any, win: MainWindow, monkeypatch: pytest.MonkeyPatch, user: Any) -> str:
    """Case → New case… for `user`; wait until the fetched case is the one shown."""
    with (
        answering_new_case(monkeypatch, user),
        qtbot.waitSignal(win.fetch_finished, timeout=60000) as blocker,
    ):
        win.fetch.new_case_action.trigger()
    result = blocker.args[0]
    assert result.stored, result.message
    qtbot.waitUntil(lambda: win.queue.current_case_id() == result.case_id, timeout=10000)
    qtbot.waitUntil(lambda: win.has_case(), timeout=10000)
    return str(result.case_id)


def wait_dialog(qtbot: Any, win: MainWindow, kind: type[D], timeout: int = 10000) -> D:
    """The visible dialog of this class the window opened (waits for it)."""
    found: list[D] = []

    def visible() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind)]
        found[:] = [w for w in found if w.isVisible()] or [
            w for w in win.findChildren(kind) if w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(visible, timeout=timeout)
    return found[-1]
