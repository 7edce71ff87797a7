"""The window's behaviour around the edges: second launch, task crashes, cancel, new settings."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from reviewer.review.preferences import Settings
from reviewer.ui.main_window import MainWindow
from reviewer.ui.single_instance import SingleInstance
from reviewer.ui.tasks import TaskRunner
from tests.ui.driving import answering_new_case, menu_action

# the offscreen platform cannot resize hints nor raise windows; harmless here
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


@pytest.fixture
def window(qtbot, tmp_path: Path):
    from reviewer.review.app_service import AppService

    opened: list[object] = []

    def opener() -> AppService:
        service = AppService.open(tmp_path / "d", demo=True)
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


def test_the_socket_name_is_the_one_earlier_versions_listen_on(tmp_path: Path) -> None:
    """A launch finds a running window of an earlier version: same SHA-256 name as hashlib's."""
    import hashlib

    from reviewer.ui.single_instance import server_name

    for data_dir in (tmp_path / "d", tmp_path / "dossier é"):
        digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
        assert server_name(data_dir) == f"reviewer-{digest}"


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
        window.loader.refresh_queue()


def test_cancelled_fetch_of_the_big_case_stores_nothing(qtbot, window, monkeypatch) -> None:
    svc = window.service
    user = next(u for u in svc.demo_applicants() if u.key == "edited_statement")
    finished: list[object] = []
    window.fetch_finished.connect(finished.append)
    with (
        answering_new_case(monkeypatch, user),
        qtbot.waitSignal(window.runner.progress, timeout=30000),
    ):
        menu_action(window, "Case", "New case").trigger()
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
    from reviewer.ui.dialogs import SettingsDialog

    settings = menu_action(window, "Case", "Settings")
    settings.trigger()
    dialog = window.findChildren(SettingsDialog)[-1]
    dialog.reviewer_name.setText("Ada")
    with qtbot.assertNotEmitted(window.service_closed):
        dialog.accept()  # only the reviewer name changed: the service stays
    assert window.service is first and "Ada" in window.windowTitle()

    settings.trigger()
    dialog = window.findChildren(SettingsDialog)[-1]
    dialog.environment.setCurrentText("production")
    dialog.client_id.setText("client-123")
    dialog.secret.setText("a-new-secret")
    with qtbot.waitSignal(window.service_closed, timeout=5000):
        dialog.accept()
    # nothing to fetch with while reopening
    assert not menu_action(window, "Case", "New case").isEnabled()
    qtbot.waitUntil(lambda: window.service is not None, timeout=30000)
    assert window.service is not first and len(window.opened) == 2
    assert Settings.load().environment == "production"
    with pytest.raises(Exception):  # the old store is closed; any error will do
        first.list_cases()


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_second_fetch_does_not_cancel_the_running_one(qtbot, tmp_path, monkeypatch) -> None:
    """Refreshing case B while case A is fetching must not silently throw A's fetch away."""
    import threading

    from reviewer.review.app_service import AppService
    from reviewer.review.facade import DemoApplicant
    from reviewer.review.service import FetchResult

    release = threading.Event()
    calls: list[str] = []

    class SlowService(AppService):
        """The demo service whose fetch waits until the test releases it."""

        def fetch_case(self, **kwargs: object) -> FetchResult:  # type: ignore[override]
            calls.append(str(kwargs.get("label")))
            release.wait(10)
            return FetchResult(None, True, True, [], "done")

    win = MainWindow(runner=TaskRunner(), settings=Settings(), data_dir=tmp_path / "d", demo=False)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.service_ready, timeout=60000):
        win.open_service(lambda: SlowService(AppService.open(tmp_path / "d", demo=True).core))
    new_case = menu_action(win, "Case", "New case")
    a = DemoApplicant("a", "A", "user-sandbox-a", None)
    b = DemoApplicant("b", "B", "user-sandbox-b", None)
    with answering_new_case(monkeypatch, a):
        new_case.trigger()
    qtbot.waitUntil(lambda: calls == ["A"], timeout=5000)
    with answering_new_case(monkeypatch, b):
        new_case.trigger()
    assert "already running" in win.statusBar().currentMessage()
    release.set()
    with qtbot.waitSignal(win.fetch_finished, timeout=10000) as blocker:
        pass
    assert blocker.args[0].message == "done" and calls == ["A"]
    win.shutdown()
