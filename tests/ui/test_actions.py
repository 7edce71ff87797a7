"""Decision dialog, undo window, queue filter and offline state of the Actions menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from reviewer.review.decisions import REJECT
from reviewer.settings import Settings
from reviewer.ui.actions import DecisionActions
from reviewer.ui.actions.decision_dialog import DecisionDialog
from reviewer.ui.main_window import MainWindow
from reviewer.ui.tasks import TaskRunner

FETCH_ENTRIES = ("case.fetched", "case.refetched", "case.fetch_failed")


def _work(trail):
    """The trail without the fetch entries every fetch now adds."""
    return [
        e for e in trail if (e["action"] if isinstance(e, dict) else e.action) not in FETCH_ENTRIES
    ]


@pytest.fixture
def window(qtbot, tmp_path: Path):
    from reviewer.review.service import ReviewService

    win = MainWindow(
        runner=TaskRunner(),
        settings=Settings(reviewer_name="Dana"),
        data_dir=tmp_path / "d",
        demo=False,
    )
    win.show_error_dialogs = False
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.service_ready, timeout=60000):
        win.open_service(lambda: ReviewService.open(tmp_path / "d", demo=True))
    yield win
    win.shutdown()


def test_reject_needs_a_note(qtbot) -> None:
    dialog = DecisionDialog(REJECT, "APP-1")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.reason_boxes[0].setChecked(True)
    assert not ok.isEnabled() and "note" in dialog.problem.text()
    dialog.note.setPlainText("net pay overwritten")
    assert ok.isEnabled()


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_decide_undo_then_commit_and_offline(qtbot, window, monkeypatch) -> None:
    win = window
    user = win.service._demo_users[1]
    with qtbot.waitSignal(win.fetch_finished, timeout=60000) as blocker:
        win.fetch_new(user_token=user.user_token, user_id=user.user_id, label=user.label)
    case_id = blocker.args[0].case_id
    qtbot.waitUntil(lambda: win.current_case_id() == case_id, timeout=10000)
    controller = DecisionActions(win, undo_seconds=0.2)
    controller.pending.timer.stop()

    def accept(self: DecisionDialog) -> int:
        self.note.setPlainText("edited net pay")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DecisionDialog, "exec", accept)
    assert controller.decide(REJECT)
    controller.undo()
    qtbot.wait(400)
    assert _work(win.service.store.audit_trail(case_id)) == []
    win.select_case(case_id)
    qtbot.waitUntil(lambda: win.current_case_id() == case_id, timeout=10000)
    assert controller.decide(REJECT)
    qtbot.waitUntil(lambda: controller.last_saved is not None, timeout=10000)
    (entry,) = _work(win.service.store.audit_trail(case_id))
    assert entry.actor == "Dana" and entry.action == "decision.rejected"
    assert "Saved" in win.statusBar().currentMessage()

    plaid = win.plaid_actions
    win.set_offline(True)
    plaid.update_enabled()
    assert not plaid.refresh.isEnabled()
    assert "offline" in plaid.refresh.toolTip()


def _open_first_demo_case(qtbot, win) -> str:
    """Fetch the first demo user and wait until its case is the one shown."""
    user = win.service._demo_users[0]
    with qtbot.waitSignal(win.fetch_finished, timeout=60000) as blocker:
        win.fetch_new(user_token=user.user_token, user_id=user.user_id, label=user.label)
    case_id: str = blocker.args[0].case_id
    qtbot.waitUntil(lambda: win.current_case_id() == case_id, timeout=10000)
    return case_id


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_decision_in_its_undo_window_is_saved_at_quit(
    qtbot, window, monkeypatch, tmp_path: Path
) -> None:
    """Quitting during the undo window writes the decision; it is never silently lost."""
    from reviewer.review.decisions import APPROVE
    from reviewer.store import CaseStore

    win = window
    case_id = _open_first_demo_case(qtbot, win)
    monkeypatch.setattr(DecisionDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    assert win.decision_actions.decide(APPROVE)
    assert win.decision_actions.pending.pending is not None  # still undoable
    win.shutdown()
    with CaseStore(tmp_path / "d") as store:
        (entry,) = _work(store.audit_trail(case_id))
    assert entry.action == "decision.approved"
    assert entry.actor == "Dana"


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_decision_queued_behind_busy_tasks_is_written_once_at_quit(
    qtbot, window, monkeypatch, tmp_path: Path
) -> None:
    """Quit while the save task still waits for a free thread: it is written, exactly once."""
    import threading

    from reviewer.review.decisions import ESCALATE
    from reviewer.store import CaseStore

    win = window
    case_id = _open_first_demo_case(qtbot, win)
    started = threading.Barrier(3)

    def busy(handle):
        started.wait(timeout=10)
        while not handle.is_cancelled():
            handle._cancel.wait(0.05)

    for _ in range(2):
        win.runner.run(busy, label="busy")
    started.wait(timeout=10)

    def accept(self: DecisionDialog) -> int:
        self.note.setPlainText("employer does not exist")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DecisionDialog, "exec", accept)
    assert win.decision_actions.decide(ESCALATE)
    win.decision_actions.pending.flush()  # undo window over: handed to the (busy) runner
    win.shutdown()
    with CaseStore(tmp_path / "d") as store:
        entries = [e for e in store.audit_trail(case_id) if e.action.startswith("decision")]
    assert [e.action for e in entries] == ["decision.escalated"]
