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
from PySide6.QtWidgets import QFileDialog

from reviewer.review.actions import PollPolicy
from reviewer.review.app_service import AppService
from reviewer.review.decisions import REJECT, Decision
from reviewer.review.export_process import export_command
from reviewer.review.preferences import Settings
from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, Sandbox, demo_users
from reviewer.ui.actions.audit_dialog import AuditTrailDialog
from reviewer.ui.actions.dispositions_dialog import DispositionsDialog
from reviewer.ui.actions.plaid_dialogs import ParsingConfigDialog, RefreshPayrollDialog
from reviewer.ui.actions.purge_dialog import PurgeDialog
from reviewer.ui.main_window import MainWindow
from tests.review.conftest import make_service
from tests.ui.driving import fetch_case, menu_action, open_window, wait_dialog

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


def open_case(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, sandbox: Sandbox, data_dir: Path, key: str
) -> Iterator[MainWindow]:
    win = open_window(
        qtbot,
        lambda: AppService(make_service(sandbox, data_dir)),
        Settings(reviewer_name="Dana"),
    )
    fetch_case(qtbot, win, monkeypatch, _user(key))
    win.case_menus.plaid.poll = PollPolicy(first_wait=0.05, max_wait=0.1, budget=10)
    yield win
    win.shutdown()


@pytest.fixture
def tampered(qtbot: Any, monkeypatch, sandbox: Sandbox, tmp_path: Path) -> Iterator[MainWindow]:
    yield from open_case(qtbot, monkeypatch, sandbox, tmp_path / "d", "tampered_paystub")


@pytest.fixture
def clean(qtbot: Any, monkeypatch, sandbox: Sandbox, tmp_path: Path) -> Iterator[MainWindow]:
    yield from open_case(qtbot, monkeypatch, sandbox, tmp_path / "d", "clean")


def _actions(win: MainWindow, case_id: str) -> list[str]:
    return [e.action for e in win.service.audit_trail(case_id)]


def _open(qtbot: Any, win: MainWindow, menu: str, entry: str, kind: type[Any]) -> Any:
    """Choose a menu entry and wait for the dialog it opens (filled in, on screen)."""
    menu_action(win, menu, entry).trigger()
    return wait_dialog(qtbot, win, kind)


def test_dispositions_are_recorded_and_shown_again(qtbot, tampered) -> None:
    win, case_id = tampered, tampered.queue.current_case_id()
    dialog = _open(qtbot, win, "Decision", "Signal dispositions", DispositionsDialog)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert len(names) >= 3 and "Masked content" in names  # plain words, not MASKING
    assert not dialog.save_button.isEnabled()
    row = names.index("Masked content")
    dialog.choices[row].setCurrentIndex(dialog.choices[row].findData("confirmed_fraud"))
    dialog.notes[row].setText("box over net pay")
    assert dialog.save_button.text() == "Save 1"
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    (entry,) = _work(win.service.audit_trail(case_id))
    assert entry.action == "signal.disposition" and entry.actor == "Dana"
    assert entry.details["disposition"] == "confirmed_fraud"
    assert entry.details["note"] == "box over net pay"

    again = _open(qtbot, win, "Decision", "Signal dispositions", DispositionsDialog)
    assert again is not dialog
    shown = again.table.item(row, 3).text()
    assert shown.startswith("Confirmed fraud — Dana") and "box over net pay" in shown


def test_audit_trail_view_is_read_only_and_names_everything(qtbot, tampered) -> None:
    win, case_id = tampered, tampered.queue.current_case_id()
    win.service.record_decision(
        case_id,
        Decision(REJECT, reasons=("Document tampered or edited",), note="net pay edited"),
        actor="Dana",
    )
    dialog = _open(qtbot, win, "Decision", "Audit trail", AuditTrailDialog)
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
    win, case_id = tampered, tampered.queue.current_case_id()
    label = _user("tampered_paystub").label
    dialog = _open(qtbot, win, "Actions", "Purge case", PurgeDialog)
    dialog.reason.setText("applicant asked for deletion")
    dialog.confirmation.setText(label + "x")
    assert not dialog.purge_button.isEnabled()
    dialog.confirmation.setText(label)
    assert dialog.purge_button.isEnabled()
    with qtbot.waitSignal(win.cases_loaded, timeout=10000):
        dialog.purge_button.click()
    assert win.queue.model.row_of(case_id) < 0
    assert not win.has_case()  # the purged case's view is cleared
    trail = win.service.audit_trail(case_id)
    assert trail[-1].action == "case.purged"
    assert "Purged" in win.statusBar().currentMessage()


def test_refresh_payroll_confirms_then_shows_what_changed(qtbot, clean) -> None:
    win, case_id = clean, clean.queue.current_case_id()
    dialog = _open(qtbot, win, "Actions", "Refresh payroll", RefreshPayrollDialog)
    assert dialog.items.count() >= 1
    items, names = dialog.chosen_items(), dialog.chosen_names()
    question = dialog.confirmation.text()
    assert "test sandbox" in question and all(n in question for n in names)
    # issue 17 item 11: the payroll provider and what it holds, Plaid's item id only on hover
    assert not any(i in question or i in n for i in items for n in names)
    assert all(" pay stub" in n for n in names), names
    assert items[0] in dialog.items.item(0).toolTip()
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
    assert outcome.status == "SUCCESSFUL" and outcome.pay_stub_changes
    assert outcome.changes.snapshot and outcome.changes.case_ids == (case_id,)
    assert "What changed" in dialog.result_text.text()
    assert "new pay stub" in dialog.result_text.text()
    assert dialog.close_button.text() == "Close"
    actions = _actions(win, case_id)
    assert "action.payroll_refresh" in actions and "action.refetch" in actions
    refresh = next(e for e in win.service.audit_trail(case_id) if "refresh" in e.action)
    assert refresh.request_id and refresh.details["status"] == "SUCCESSFUL"


def test_refresh_that_needs_the_applicant_says_so(qtbot, tampered) -> None:
    dialog = _open(qtbot, tampered, "Actions", "Refresh payroll", RefreshPayrollDialog)
    with qtbot.waitSignal(dialog.outcome_shown, timeout=30000):
        dialog.start_button.click()
    assert "must reconnect" in dialog.result_text.text()


def test_parsing_config_polls_until_risk_signals_are_ready(qtbot, tampered) -> None:
    win, case_id = tampered, tampered.queue.current_case_id()
    dialog = _open(
        qtbot, win, "Actions", "Parsing configuration / risk signals", ParsingConfigDialog
    )
    assert dialog.item.count() >= 1 and dialog.risk.isChecked()
    assert dialog.item.currentText() in dialog.confirmation.text()
    # issue 17 item 11: the documents by name ("Uploaded documents (paystub_….pdf)"), the id
    # only in the tooltip
    item_id = dialog.item.currentData()
    assert item_id not in dialog.item.currentText() and item_id not in dialog.confirmation.text()
    assert ".pdf" in dialog.item.currentText() or "pay stub" in dialog.item.currentText()
    assert item_id in dialog.item.toolTip()
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
    win, case_id = tampered, tampered.queue.current_case_id()
    win.case_menus.plaid.poll = PollPolicy(first_wait=30, max_wait=30, budget=120)
    sandbox.risk_processing_delay = 60
    try:
        dialog = _open(
            qtbot, win, "Actions", "Parsing configuration / risk signals", ParsingConfigDialog
        )
        dialog.start_button.click()
        qtbot.waitUntil(lambda: "still processing" in dialog.progress_text.text(), timeout=10000)
        assert dialog.close_button.text() == "Cancel action"
        with qtbot.waitSignal(dialog.outcome_shown, timeout=5000) as blocker:
            dialog.close_button.click()  # wakes the 30 s back-off at once
    finally:
        sandbox.risk_processing_delay = 0.3
    assert blocker.args[0].status == "CANCELLED"
    assert "cancelled" in dialog.result_text.text()
    poll = [e for e in win.service.audit_trail(case_id) if e.action.endswith("poll")]
    assert poll[-1].details["status"] == "CANCELLED"
    assert "action.refetch" not in _actions(win, case_id)


def test_export_runs_in_a_child_process(qtbot, tampered, tmp_path, monkeypatch) -> None:
    win = tampered
    out = tmp_path / "report.json"
    chosen = [str(out)]
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (chosen[0], "JSON (*.json)")
    )
    export = menu_action(win, "Actions", "Export report")
    export.trigger()  # triggered(checked=False) must not become the file name
    qtbot.waitUntil(lambda: "Report written" in win.statusBar().currentMessage(), timeout=60000)
    report = json.loads(out.read_text())
    assert _user("tampered_paystub").label in json.dumps(report)

    chosen[0] = str(tmp_path / "report.txt")
    with qtbot.waitSignal(win.error_shown, timeout=60000) as blocker:
        export.trigger()
    assert "NOT written" in blocker.args[0]
    assert ".pdf or .json" in win.case_menus.plaid.last_message

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    command = export_command("c1", Path("o.pdf"), Path("/d"))
    assert command[0] == sys.executable and command[1] == "export"


def test_offline_disables_plaid_actions_with_the_reason(tampered) -> None:
    win = tampered
    menu_action(win, "Case", "Work offline").trigger()
    win.case_menus.plaid.menu.aboutToShow.emit()  # what opening the menu does
    for entry in (
        "Refresh payroll",
        "Parsing configuration / risk signals",
        "Process webhook JSON",
    ):
        action = menu_action(win, "Actions", entry)
        assert not action.isEnabled() and "offline" in action.toolTip().lower()
    # local work goes on
    assert menu_action(win, "Decision", "Audit trail").isEnabled()
    assert menu_action(win, "Actions", "Export report").isEnabled()


def test_export_action_asks_for_a_file_and_writes_the_report(
    qtbot, tampered, tmp_path, monkeypatch
):
    """Ctrl+E: Qt's triggered(False) must not be taken as the file."""
    from PySide6.QtWidgets import QFileDialog

    win, out = tampered, tmp_path / "from-menu.json"
    asked: list[str] = []

    suggested: list[str] = []

    def choose(_parent, caption, where="", *_a, **_k):
        asked.append(caption)
        suggested.append(where)
        return str(out), "JSON (*.json)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    win.activateWindow()
    win.case_menus.plaid.menu.aboutToShow.emit()
    qtbot.keyClick(win, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Report written" in win.statusBar().currentMessage(), timeout=60000)
    assert asked == ["Export report"]
    assert _user("tampered_paystub").label in out.read_text()
    # the dialog opens in a real folder (not wherever Reviewer was started from); the next
    # export opens where the last one went
    assert Path(suggested[0]).is_absolute() and Path(suggested[0]).parent.is_dir()
    qtbot.keyClick(win, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(suggested) == 2, timeout=10000)
    assert Path(suggested[1]).parent == tmp_path
