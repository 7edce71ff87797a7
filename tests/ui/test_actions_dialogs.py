"""Issue 7's dialogs driven through the real widgets: dispositions, audit trail, purge,
payroll refresh, parsing configuration (polling with cancel) and export in a child process."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from reviewer.review.actions import PollPolicy
from reviewer.review.decisions import REJECT, Decision, Decisions
from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, Sandbox, demo_users
from reviewer.settings import Settings
from reviewer.ui.actions.export_process import export_command
from reviewer.ui.main_window import MainWindow
from reviewer.ui.tasks import TaskRunner
from tests.review.conftest import make_service

FETCH_ENTRIES = ("case.fetched", "case.refetched", "case.fetch_failed")


def _work(trail):
    """The trail without the fetch entries every fetch now adds."""
    return [
        e for e in trail if (e["action"] if isinstance(e, dict) else e.action) not in FETCH_ENTRIES
    ]


pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture(scope="module")
def sandbox() -> Sandbox:
    return Sandbox(client_id=DEMO_CLIENT_ID, secret=DEMO_SECRET, risk_processing_delay=0.3)


def _user(key: str) -> Any:
    return next(u for u in demo_users() if u.key == key)


def open_case(qtbot: Any, sandbox: Sandbox, data_dir: Path, key: str) -> Iterator[MainWindow]:
    win = MainWindow(
        runner=TaskRunner(), settings=Settings(reviewer_name="Dana"), data_dir=data_dir, demo=False
    )
    win.show_error_dialogs = False
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.service_ready, timeout=60000):
        win.open_service(lambda: make_service(sandbox, data_dir))
    user = _user(key)
    with qtbot.waitSignal(win.fetch_finished, timeout=60000) as blocker:
        win.fetch_new(user_token=user.user_token, user_id=user.user_id, label=user.label)
    case_id = blocker.args[0].case_id
    qtbot.waitUntil(lambda: win.current_case_id() == case_id, timeout=10000)
    win.plaid_actions.poll = PollPolicy(first_wait=0.05, max_wait=0.1, budget=10)
    yield win
    win.shutdown()


@pytest.fixture
def tampered(qtbot: Any, sandbox: Sandbox, tmp_path: Path) -> Iterator[MainWindow]:
    yield from open_case(qtbot, sandbox, tmp_path / "d", "tampered_paystub")


@pytest.fixture
def clean(qtbot: Any, sandbox: Sandbox, tmp_path: Path) -> Iterator[MainWindow]:
    yield from open_case(qtbot, sandbox, tmp_path / "d", "clean")


def _actions(win: MainWindow, case_id: str) -> list[str]:
    return [e.action for e in win.service.store.audit_trail(case_id)]


def test_dispositions_are_recorded_and_shown_again(qtbot, tampered) -> None:
    win, case_id = tampered, tampered.current_case_id()
    tools = win.case_tools
    tools.open_dispositions()
    qtbot.waitUntil(lambda: tools.dialog is not None, timeout=10000)
    dialog = tools.dialog
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert len(names) >= 3 and "Masked content" in names  # plain words, not MASKING
    assert not dialog.save_button.isEnabled()
    row = names.index("Masked content")
    dialog.choices[row].setCurrentIndex(dialog.choices[row].findData("confirmed_fraud"))
    dialog.notes[row].setText("box over net pay")
    assert dialog.save_button.text() == "Save 1"
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    (entry,) = _work(win.service.store.audit_trail(case_id))
    assert entry.action == "signal.disposition" and entry.actor == "Dana"
    assert entry.details["disposition"] == "confirmed_fraud"
    assert entry.details["note"] == "box over net pay"

    tools.dialog = None
    tools.open_dispositions()
    qtbot.waitUntil(lambda: tools.dialog is not None, timeout=10000)
    shown = tools.dialog.table.item(row, 3).text()
    assert shown.startswith("Confirmed fraud — Dana") and "box over net pay" in shown


def test_audit_trail_view_is_read_only_and_names_everything(qtbot, tampered) -> None:
    win, case_id = tampered, tampered.current_case_id()
    Decisions(win.service.store, "Dana").record_decision(
        case_id, Decision(REJECT, reasons=("Document tampered or edited",), note="net pay edited")
    )
    win.case_tools.open_audit_trail()
    qtbot.waitUntil(lambda: win.case_tools.dialog is not None, timeout=10000)
    dialog = win.case_tools.dialog
    fetched, row = dialog.rows()
    # the fetch itself is in the trail: who (the reviewer's name), from where, request ids
    assert fetched[1] == "Dana" and fetched[2] == "Case fetched from Plaid"
    assert "from test sandbox" in fetched[3] and "payroll income " in fetched[3]
    assert re.fullmatch(r"[\d-]+ [\d:]+ \S+", fetched[0])  # local time to the second, zone
    when, who, what, details, _request_id, _version = row
    assert when[:2] == "20" and who == "Dana" and what == "Decision: Rejected"
    assert "net pay edited" in details and "Document tampered or edited" in details
    assert dialog.table.editTriggers() == dialog.table.EditTrigger.NoEditTriggers


def test_purge_needs_the_typed_label_and_leaves_a_tombstone(qtbot, tampered) -> None:
    win, case_id = tampered, tampered.current_case_id()
    label = _user("tampered_paystub").label
    win.case_tools.open_purge()
    dialog = win.case_tools.dialog
    dialog.reason.setText("applicant asked for deletion")
    dialog.confirmation.setText(label + "x")
    assert not dialog.purge_button.isEnabled()
    dialog.confirmation.setText(label)
    assert dialog.purge_button.isEnabled()
    with qtbot.waitSignal(win.cases_loaded, timeout=10000):
        dialog.purge_button.click()
    assert win.queue_model.row_of(case_id) < 0
    trail = win.service.store.audit_trail(case_id)
    assert trail[-1].action == "case.purged"
    assert "Purged" in win.statusBar().currentMessage()


def test_refresh_payroll_confirms_then_shows_what_changed(qtbot, clean) -> None:
    win, case_id = clean, clean.current_case_id()
    dialog = win.plaid_actions.refresh_payroll()
    assert dialog is not None and dialog.items.count() >= 1
    items = dialog.chosen_items()
    question = dialog.confirmation.text()
    assert "test sandbox" in question and all(i in question for i in items)
    assert "billed" in question
    for r in range(dialog.items.count()):
        dialog.items.item(r).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.start_button.isEnabled()
    dialog.items.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.webhook.setText("ftp://nope")
    assert not dialog.start_button.isEnabled() and "http" in dialog.confirmation.text()
    dialog.webhook.setText("")
    with qtbot.waitSignal(dialog.outcome_shown, timeout=30000) as blocker:
        dialog.start_button.click()
    outcome = blocker.args[0]
    assert outcome.status == "SUCCESSFUL" and outcome.changes
    assert "What changed" in dialog.result_text.text()
    assert "new pay stub" in dialog.result_text.text()
    assert dialog.close_button.text() == "Close"
    actions = _actions(win, case_id)
    assert "action.payroll_refresh" in actions and "action.refetch" in actions
    refresh = next(e for e in win.service.store.audit_trail(case_id) if "refresh" in e.action)
    assert refresh.request_id and refresh.details["status"] == "SUCCESSFUL"


def test_refresh_that_needs_the_applicant_says_so(qtbot, tampered) -> None:
    dialog = tampered.plaid_actions.refresh_payroll()
    with qtbot.waitSignal(dialog.outcome_shown, timeout=30000):
        dialog.start_button.click()
    assert "must reconnect" in dialog.result_text.text()


def test_parsing_config_polls_until_risk_signals_are_ready(qtbot, tampered) -> None:
    win, case_id = tampered, tampered.current_case_id()
    dialog = win.plaid_actions.rerun_risk_signals()
    assert dialog.item.count() >= 1 and dialog.risk.isChecked()
    assert dialog.item.currentText() in dialog.confirmation.text()
    assert "test sandbox" in dialog.confirmation.text()
    dialog.risk.setChecked(False)
    assert not dialog.start_button.isEnabled()
    dialog.risk.setChecked(True)
    with qtbot.waitSignal(dialog.outcome_shown, timeout=30000) as blocker:
        dialog.start_button.click()
    assert blocker.args[0].ok and blocker.args[0].status == "READY"
    assert "Risk signals processed" in dialog.result_text.text()
    actions = _actions(win, case_id)
    for step in ("action.parsing_config_update", "action.risk_signals_poll", "action.refetch"):
        assert step in actions


def test_parsing_config_cancel_stops_polling(qtbot, tampered, sandbox) -> None:
    win, case_id = tampered, tampered.current_case_id()
    win.plaid_actions.poll = PollPolicy(first_wait=30, max_wait=30, budget=120)
    sandbox.risk_processing_delay = 60
    try:
        dialog = win.plaid_actions.rerun_risk_signals()
        dialog.start_button.click()
        qtbot.waitUntil(lambda: "still processing" in dialog.progress_text.text(), timeout=10000)
        assert dialog.close_button.text() == "Cancel action"
        with qtbot.waitSignal(dialog.outcome_shown, timeout=5000) as blocker:
            dialog.close_button.click()  # wakes the 30 s back-off at once
    finally:
        sandbox.risk_processing_delay = 0.3
    assert blocker.args[0].status == "CANCELLED"
    assert "cancelled" in dialog.result_text.text()
    poll = [e for e in win.service.store.audit_trail(case_id) if e.action.endswith("poll")]
    assert poll[-1].details["status"] == "CANCELLED"
    assert "action.refetch" not in _actions(win, case_id)


def test_export_runs_in_a_child_process(qtbot, tampered, tmp_path, monkeypatch) -> None:
    win = tampered
    out = tmp_path / "report.json"
    win.plaid_actions.export_report(str(out))
    qtbot.waitUntil(lambda: win.plaid_actions.last_message.startswith("Report"), timeout=60000)
    report = json.loads(out.read_text())
    assert _user("tampered_paystub").label in json.dumps(report)

    with qtbot.waitSignal(win.error_shown, timeout=60000) as blocker:
        win.plaid_actions.export_report(str(tmp_path / "report.txt"))
    assert "NOT written" in blocker.args[0]
    assert ".pdf or .json" in win.plaid_actions.last_message

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    command = export_command("c1", Path("o.pdf"), Path("/d"))
    assert command[0] == sys.executable and command[1] == "export"


def test_offline_disables_plaid_actions_with_the_reason(tampered) -> None:
    win = tampered
    win.set_offline(True)
    plaid = win.plaid_actions
    plaid.update_enabled()
    for action in (plaid.refresh, plaid.risk, plaid.webhook):
        assert not action.isEnabled() and "offline" in action.toolTip().lower()
    win.case_tools.update_enabled()
    assert win.case_tools.audit.isEnabled() and plaid.export.isEnabled()  # local work goes on


def test_export_action_asks_for_a_file_and_writes_the_report(
    qtbot, tampered, tmp_path, monkeypatch
):
    """Ctrl+E / Actions › Export report…: Qt's triggered(False) must not be taken as the file."""
    from PySide6.QtWidgets import QFileDialog

    win, out = tampered, tmp_path / "from-menu.json"
    asked: list[str] = []

    def choose(_parent, caption, *_a, **_k):
        asked.append(caption)
        return str(out), "JSON (*.json)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    win.plaid_actions.update_enabled()
    win.plaid_actions.export.trigger()
    qtbot.waitUntil(lambda: win.plaid_actions.last_message.startswith("Report"), timeout=60000)
    assert asked == ["Export report"]
    assert _user("tampered_paystub").label in out.read_text()
