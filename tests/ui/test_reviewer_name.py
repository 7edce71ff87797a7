"""The reviewer's name is asked once, at the first decision, and kept (issue 17 item 10)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog, QWidget

from reviewer.review.preferences import Settings
from reviewer.ui.reviewer_name import ensure_reviewer_name
from tests.ui.driving import fetch_case


def test_the_first_decision_asks_for_the_name_once(qtbot, monkeypatch) -> None:
    asked: list[str] = []

    def answer(_parent, title, *_a, **_k):
        asked.append(title)
        return "  Dana Reviewer ", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(answer))
    settings, parent, named = Settings(), QWidget(), []
    qtbot.addWidget(parent)
    assert ensure_reviewer_name(settings, parent, lambda: named.append(settings.reviewer_name))
    assert settings.reviewer_name == "Dana Reviewer"
    assert named == ["Dana Reviewer"]  # the window applies it (title, the service's fetches)
    assert Settings.load().reviewer_name == "Dana Reviewer"  # kept for the next run
    assert ensure_reviewer_name(settings, parent)
    assert asked == ["Your name for the audit trail"]  # asked once


def test_no_name_no_decision(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: ("", False)))
    settings, parent = Settings(), QWidget()
    qtbot.addWidget(parent)
    assert not ensure_reviewer_name(settings, parent)
    assert settings.reviewer_name is None


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_ctrl_1_without_a_name_asks_for_it_first(qtbot, tmp_path, monkeypatch) -> None:
    from PySide6.QtGui import QAction, QKeySequence

    from reviewer.review.app_service import AppService
    from reviewer.sandbox import demo_users
    from reviewer.ui.main_window import MainWindow
    from reviewer.ui.tasks import TaskRunner

    win = MainWindow(runner=TaskRunner(), settings=Settings(), data_dir=tmp_path / "d")
    win.show_error_dialogs = False
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.service_ready, timeout=60000):
        win.open_service(lambda: AppService.open(tmp_path / "d", demo=True))
    user = next(u for u in demo_users() if u.key == "clean")
    fetch_case(qtbot, win, monkeypatch, user)
    asked: list[str] = []
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *_a, **_k: (asked.append("x"), ("", False))[1])
    )
    approve = next(a for a in win.findChildren(QAction) if a.shortcut() == QKeySequence("Ctrl+1"))
    approve.trigger()
    assert asked == ["x"]  # no name, no decision dialog
    assert "saving" not in win.statusBar().currentMessage()
    win.shutdown()
