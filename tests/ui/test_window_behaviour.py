"""The window's behaviour around the edges: second launch, task crashes, cancel, new settings."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from reviewer.settings import Settings
from reviewer.ui.main_window import MainWindow
from reviewer.ui.single_instance import SingleInstance
from reviewer.ui.tasks import TaskRunner

# the offscreen platform cannot resize hints nor raise windows; harmless here
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


@pytest.fixture
def window(qtbot, tmp_path: Path):
    from reviewer.review.service import ReviewService

    opened: list[object] = []

    def opener() -> object:
        service = ReviewService.open(tmp_path / "d", demo=True)
        opened.append(service)
        return service

    win = MainWindow(runner=TaskRunner(), settings=Settings(), data_dir=tmp_path / "d")
    win.opened = opened  # type: ignore[attr-defined]
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.service_ready, timeout=60000):
        win.open_service(opener)
    qtbot.waitUntil(lambda: not win.runner.running(), timeout=30000)
    yield win
    win.shutdown()


def test_second_launch_raises_the_running_window(qtbot, window, tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    first = SingleInstance(data_dir)
    assert first.acquire()
    first.raise_requested.connect(window.bring_to_front)
    try:
        window.showMinimized()
        qtbot.waitUntil(window.isMinimized, timeout=5000)
        second = SingleInstance(data_dir)
        assert not second.acquire(), "two instances opened the same store"
        with qtbot.waitSignal(first.raise_requested, timeout=5000):
            assert second.notify_running()
        qtbot.waitUntil(lambda: not window.isMinimized(), timeout=5000)
        assert window.isVisible()
    finally:
        first.release()
    third = SingleInstance(data_dir)
    assert third.acquire(), "the lock outlived the instance that held it"
    third.release()


def test_unexpected_task_error_shows_copyable_details_logs_and_goes_on(
    qtbot, window, caplog
) -> None:
    def broken(_h: object) -> None:
        raise ZeroDivisionError("the applicant divided by zero")

    caplog.set_level(logging.ERROR, logger="reviewer.ui.tasks")
    with qtbot.waitSignal(window.error_shown, timeout=10000) as blocker:
        window.runner.run(broken, label="Broken task")
    assert "ZeroDivisionError" in blocker.args[0]
    dialogs = [d for d in window.findChildren(QMessageBox) if d.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert "the applicant divided by zero" in dialog.informativeText()
    assert "Traceback" in dialog.detailedText() and "broken" in dialog.detailedText()
    copy = next(b for b in dialog.buttons() if b.text().replace("&", "") == "Copy details")
    copy.click()
    assert dialog.isVisible(), "copying closed the dialog"
    assert "ZeroDivisionError" in QGuiApplication.clipboard().text()
    assert any("Broken task" in r.getMessage() for r in caplog.records)
    assert "Error: ZeroDivisionError" in window.statusBar().currentMessage()
    dialog.close()
    # the app goes on: the next task runs and the queue still loads
    with qtbot.waitSignal(window.cases_loaded, timeout=10000):
        window.refresh_queue()


def test_cancelled_fetch_of_the_big_case_stores_nothing(qtbot, window) -> None:
    svc = window.service
    user = next(u for u in svc._demo_users if u.key == "edited_statement")
    finished: list[object] = []
    window.fetch_finished.connect(finished.append)
    with qtbot.waitSignal(window.runner.progress, timeout=30000):
        window.fetch_new(user_token=user.user_token, user_id=user.user_id, label=user.label)
    assert window.status.cancel.isVisible()
    with qtbot.waitSignal(window.fetch_cancelled, timeout=5000):
        window.status.cancel.click()
    assert "cancelled" in window.statusBar().currentMessage().lower()
    assert not window.status.cancel.isVisible()
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=60000)
    assert not window.status.progress.isVisible()
    assert finished == []
    assert [c for c in svc.list_cases() if c.label == user.label and c.fetched_at] == []


def test_new_environment_or_secret_in_settings_reopens_the_service(qtbot, window) -> None:
    first = window.service
    dialog = window.open_settings()
    dialog.reviewer_name.setText("Ada")
    with qtbot.assertNotEmitted(window.service_closed):
        dialog.accept()  # only the reviewer name changed: the service stays
    assert window.service is first and "Ada" in window.windowTitle()

    dialog = window.open_settings()
    dialog.environment.setCurrentText("production")
    dialog.client_id.setText("client-123")
    dialog.secret.setText("a-new-secret")
    with qtbot.waitSignal(window.service_closed, timeout=5000):
        dialog.accept()
    assert not window.new_case_action.isEnabled()  # nothing to fetch with while reopening
    qtbot.waitUntil(lambda: window.service is not None, timeout=30000)
    assert window.service is not first and len(window.opened) == 2
    assert Settings.load().environment == "production"
    with pytest.raises(Exception):  # the old store is closed; any error will do
        first.list_cases()


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_second_fetch_does_not_cancel_the_running_one(qtbot, tmp_path) -> None:
    """Refreshing case B while case A is fetching must not silently throw A's fetch away."""
    import threading

    from reviewer.settings import Settings
    from reviewer.ui.main_window import MainWindow
    from reviewer.ui.tasks import TaskRunner

    release = threading.Event()
    calls: list[str] = []

    class SlowService:
        environment_label = "test"
        can_fetch = (True, "")
        _demo_users: tuple[object, ...] = ()

        def is_online(self) -> bool:
            return True

        def fetch_case(self, **kwargs: object) -> object:
            calls.append(str(kwargs.get("label")))
            release.wait(10)
            return type("R", (), {"message": "done", "case_id": None, "stored": True})()

        def list_cases(self) -> list[object]:
            return []

        def demo_cases_missing(self) -> bool:
            return False

        def close(self) -> None:
            pass

    win = MainWindow(runner=TaskRunner(), settings=Settings(), data_dir=tmp_path / "d", demo=False)
    qtbot.addWidget(win)
    win.attach_service(SlowService())
    win.fetch_new(user_token="user-sandbox-a", label="A")
    qtbot.waitUntil(lambda: calls == ["A"], timeout=5000)
    win.fetch_new(user_token="user-sandbox-b", label="B")
    assert "already running" in win.statusBar().currentMessage()
    release.set()
    with qtbot.waitSignal(win.fetch_finished, timeout=10000) as blocker:
        pass
    assert blocker.args[0].message == "done" and calls == ["A"]
    win.shutdown()
