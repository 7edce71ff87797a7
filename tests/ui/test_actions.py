"""Decision dialog, undo window, queue filter and offline state of the Actions menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from reviewer.review.decisions import REJECT
from reviewer.review.preferences import Settings
from reviewer.store import CaseStore
from reviewer.ui.actions.decision_dialog import DecisionDialog
from tests.ui.driving import fetch_case, menu_action, open_window

FETCH_ENTRIES = ("case.fetched", "case.refetched", "case.fetch_failed")


def _work(trail):
    """The trail without the fetch entries every fetch now adds."""
    return [
        e for e in trail if (e["action"] if isinstance(e, dict) else e.action) not in FETCH_ENTRIES
    ]


@pytest.fixture
def window(qtbot, tmp_path: Path):
    from reviewer.review.app_service import AppService

    win = open_window(
        qtbot, lambda: AppService.open(tmp_path / "d", demo=True), Settings(reviewer_name="Dana")
    )
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
    user = win.service.demo_applicants()[1]
    case_id = fetch_case(qtbot, win, monkeypatch, user)
    pending = win.case_menus.decisions.pending
    pending.timer.setInterval(200)

    def accept(self: DecisionDialog) -> int:
        self.note.setPlainText("edited net pay")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DecisionDialog, "exec", accept)
    reject = menu_action(win, "Decision", "Reject")
    reject.trigger()
    assert pending.pending is not None and "Ctrl+Z" in win.statusBar().currentMessage()
    menu_action(win, "Decision", "Undo decision").trigger()
    assert pending.pending is None
    qtbot.wait(400)
    assert _work(win.service.audit_trail(case_id)) == []
    qtbot.waitUntil(lambda: win.queue.current_case_id() == case_id, timeout=10000)
    with qtbot.waitSignal(pending.committed, timeout=10000):
        reject.trigger()
    qtbot.waitUntil(lambda: "Saved" in win.statusBar().currentMessage(), timeout=10000)
    (entry,) = _work(win.service.audit_trail(case_id))
    assert entry.actor == "Dana" and entry.action == "decision.rejected"
    # only the decided case's row is read again, and it shows the decision
    row = win.queue.model.row_of(case_id)
    qtbot.waitUntil(lambda: win.queue.model.case_at(row).decision == "decision.rejected")

    refresh = menu_action(win, "Actions", "Refresh payroll")
    menu_action(win, "Case", "Work offline").trigger()
    win.case_menus.plaid.menu.aboutToShow.emit()
    assert not refresh.isEnabled()
    assert "offline" in refresh.toolTip()


def _decide_then_quit(qtbot, win, monkeypatch, decide: str) -> str:
    case_id = fetch_case(qtbot, win, monkeypatch, win.service.demo_applicants()[0])

    def accept(self: DecisionDialog) -> int:
        self.note.setPlainText("employer does not exist")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DecisionDialog, "exec", accept)
    menu_action(win, "Decision", decide).trigger()
    return case_id


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_decision_in_its_undo_window_is_saved_at_quit(
    qtbot, window, monkeypatch, tmp_path: Path
) -> None:
    """Quitting during the undo window writes the decision; it is never silently lost."""
    win = window
    case_id = _decide_then_quit(qtbot, win, monkeypatch, "Approve")
    pending = win.case_menus.decisions.pending
    qtbot.waitUntil(lambda: pending.pending is not None, timeout=10000)  # still undoable
    win.close()
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

    win = window
    started = threading.Barrier(3)

    def busy(handle):
        started.wait(timeout=10)
        while not handle.is_cancelled():
            handle._cancel.wait(0.05)

    case_id = fetch_case(qtbot, win, monkeypatch, win.service.demo_applicants()[0])
    qtbot.waitUntil(lambda: not win.runner.running(), timeout=30000)
    for _ in range(2):
        win.runner.run(busy, label="busy")
    started.wait(timeout=10)

    def accept(self: DecisionDialog) -> int:
        self.note.setPlainText("employer does not exist")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DecisionDialog, "exec", accept)
    pending = win.case_menus.decisions.pending
    pending.timer.setInterval(50)  # the undo window ends: handed to the (busy) runner
    with qtbot.waitSignal(pending.committed, timeout=10000):
        menu_action(win, "Decision", "Escalate").trigger()
    win.close()
    with CaseStore(tmp_path / "d") as store:
        entries = [e for e in store.audit_trail(case_id) if e.action.startswith("decision")]
    assert [e.action for e in entries] == ["decision.escalated"]


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_approve_names_the_open_concerns(qtbot, window, monkeypatch) -> None:
    """Decision → Approve on a flagged case: the dialog lists its undispositioned signals."""
    win = window
    user = next(u for u in win.service.demo_applicants() if u.key == "tampered_paystub")
    fetch_case(qtbot, win, monkeypatch, user)
    shown: list[DecisionDialog] = []

    def look(self: DecisionDialog) -> int:
        shown.append(self)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(DecisionDialog, "exec", look)
    menu_action(win, "Decision", "Approve").trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert shown[0].concerns and "still open" in shown[0].warning.text()
    assert win.case_menus.decisions.pending.pending is None  # cancelled: nothing held
