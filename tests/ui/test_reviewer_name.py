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


# the offscreen platform's note when the window (not the test) resizes a top-level widget
@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_first_new_case_asks_for_the_name_and_its_fetch_is_recorded_under_it(
    qtbot, monkeypatch, tmp_path
) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDialog

    from reviewer.review.app_service import AppService
    from reviewer.ui.dialogs import NewCaseDialog
    from tests.review.conftest import user
    from tests.ui.driving import open_window

    win = open_window(qtbot, lambda: AppService.open(tmp_path / "d", demo=True), Settings())
    asked: list[bool] = []

    def fill_in(dialog: NewCaseDialog, applicant, name: str) -> int:
        asked.append(dialog.your_name is not None)
        if dialog.your_name is not None:
            QTest.keyClicks(dialog.your_name, name)
        QTest.keyClicks(dialog.identifier, applicant.user_token)
        QTest.keyClicks(dialog.label, applicant.label)
        return QDialog.DialogCode.Accepted

    cases = []
    for key in ("tampered_paystub", "clean"):
        applicant = user(key)
        with monkeypatch.context() as m:
            m.setattr(NewCaseDialog, "exec", lambda d, a=applicant: fill_in(d, a, " Dana R. "))
            with qtbot.waitSignal(win.fetch_finished, timeout=60000) as blocker:
                win.fetch.new_case_action.trigger()
        assert blocker.args[0].stored, blocker.args[0].message
        cases.append(blocker.args[0].case_id)
    assert asked == [True, False]  # asked once, at the first New case
    assert win.settings.reviewer_name == "Dana R."
    assert Settings.load().reviewer_name == "Dana R."  # kept for the next run
    for case_id in cases:
        fetched = [e for e in win.service.audit_trail(case_id) if e.action == "case.fetched"]
        assert [e.actor for e in fetched] == ["Dana R."]
    win.shutdown()
