"""The demo's first run: the queue fills case by case while the other cases are still fetched."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reviewer.review.app_service import AppService
from reviewer.review.demo import demo_user_list
from reviewer.review.preferences import Settings
from reviewer.review.service import CaseService
from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, Sandbox
from reviewer.sandbox.embedded import embedded_client
from reviewer.sandbox.faults import Fault
from reviewer.store import CaseStore
from reviewer.ui.main_window import MainWindow
from reviewer.ui.tasks import TaskRunner

QUICK = ("APP-1004", "APP-1011")  # a W-2 and 1099 case, a bank income case
HELD = "APP-1012"  # its answers wait until the test lets them go


def _labels(win: MainWindow) -> set[str]:
    model = win.queue.model
    return {model.case_at(row).label for row in range(model.rowCount())}


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_queue_shows_each_demo_case_as_it_lands(qtbot, tmp_path: Path) -> None:
    release = threading.Event()
    sandbox = Sandbox(
        client_id=DEMO_CLIENT_ID, secret=DEMO_SECRET, sleep=lambda _s: release.wait(60)
    )
    users = [u for u in demo_user_list() if u.label in (*QUICK, HELD)]
    held = next(u for u in users if u.label == HELD)
    sandbox.faults.add(Fault(kind="latency", user=held.key, delay=1.0))

    def opener() -> AppService:
        service = CaseService(
            CaseStore(tmp_path / "d"),
            lambda: embedded_client(sandbox, max_retries=0),
            environment_label="LOCAL SANDBOX (demo)",
            demo_users=users,
        )
        return AppService(service)

    win = MainWindow(runner=TaskRunner(), settings=Settings(), data_dir=tmp_path / "d", demo=True)
    win.show_error_dialogs = False
    qtbot.addWidget(win)
    win.show()
    try:
        win.open_service(opener)
        # the quick cases are listed while the held one is still being fetched
        qtbot.waitUntil(lambda: _labels(win) == set(QUICK), timeout=120000)
        assert win.fetch.running and not release.is_set()
        # the status bar keeps the fetch's own count and step while the queue refreshes for
        # each case landed (it used to flip to "busy" and back for every refresh)
        assert win.status.progress.maximum() == 2 * len(users)
        assert win.status.task.text().startswith("Fetched APP-")
        with qtbot.waitSignal(win.fetch_finished, timeout=120000) as finished:
            release.set()
        assert [r.stored for r in finished.args[0]] == [True, True, True]
        qtbot.waitUntil(lambda: _labels(win) == {*QUICK, HELD}, timeout=20000)
        # Reviewer's checks ran once every case was stored: each row counts its findings
        model = win.queue.model
        qtbot.waitUntil(
            lambda: all(
                model.case_at(row).failed_checks is not None for row in range(model.rowCount())
            ),
            timeout=20000,
        )
    finally:
        release.set()
        win.shutdown()
