"""Issue 7's UI: decisions with undo, the queue's decision filter, and Plaid actions.

`install(window)` adds a Decision menu (Ctrl+1..4, Ctrl+Z undo, signal dispositions, audit trail),
an Actions menu (refresh payroll, parsing configuration, webhook JSON, export report in a child
process, purge) and a queue filter to a MainWindow. Everything
that blocks runs on the window's TaskRunner; decisions are written only after the undo window and
the status bar says "saved" only once the entry is durable.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QDialog, QMainWindow

from reviewer.review.decisions import (
    APPROVE,
    DECISION_LABELS,
    ESCALATE,
    REJECT,
    REQUEST_DOCUMENTS,
    Decisions,
    matches_filter,
    reviewer_identity,
)
from reviewer.ui.actions.case_tools import CaseTools
from reviewer.ui.actions.decision_dialog import DecisionDialog
from reviewer.ui.actions.pending import PendingDecision, PendingDecisions
from reviewer.ui.actions.plaid_menu import PlaidActions
from reviewer.ui.reviewer_name import ensure_reviewer_name

HOTKEYS = {APPROVE: "Ctrl+1", REJECT: "Ctrl+2", ESCALATE: "Ctrl+3", REQUEST_DOCUMENTS: "Ctrl+4"}
# menu entries are verbs (what pressing does); the queue shows DECISION_LABELS (the state)
VERBS = {
    APPROVE: "&Approve",
    REJECT: "&Reject",
    ESCALATE: "&Escalate",
    REQUEST_DOCUMENTS: "Request more &documents",
}
FILTERS = (("All cases", "all"), ("Undecided", "undecided"), ("Escalated", "escalated"))


class DecisionActions:
    """The decision menu, the pending-decision undo window and the queue filter of one window."""

    def __init__(self, window: Any, undo_seconds: float | None = None) -> None:
        self.window = window
        self.pending = (
            PendingDecisions(self._commit, parent=window)
            if undo_seconds is None
            else PendingDecisions(self._commit, undo_seconds, parent=window)
        )
        self.last_saved: Any = None
        # decisions handed to the task runner and not yet written (written at quit if need be)
        self._in_flight: dict[int, PendingDecision] = {}
        self._in_flight_lock = threading.Lock()
        self.menu = menu = window.menuBar().addMenu("&Decision")
        self.actions: dict[str, QAction] = {}
        for kind, keys in HOTKEYS.items():
            action = QAction(f"{VERBS[kind]}…", window)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _checked=False, k=kind: self.decide(k))
            menu.addAction(action)
            self.actions[kind] = action
        self.undo_action = QAction("&Undo decision", window)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo_action.triggered.connect(self.undo)
        menu.addAction(self.undo_action)
        self.filter = QComboBox(window)
        for text, key in FILTERS:
            self.filter.addItem(text, key)
        self.filter.setToolTip("Show cases by decision state")
        self.filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        toolbar = getattr(window, "toolbar", None)
        if toolbar is not None:
            toolbar.addWidget(self.filter)
        proxy = window.queue_proxy
        for signal in (proxy.modelReset, proxy.layoutChanged, proxy.rowsInserted):
            signal.connect(lambda *_a: self.apply_filter())

    def _actor(self) -> str:
        return reviewer_identity(getattr(self.window.settings, "reviewer_name", None))

    def decide(self, kind: str, dialog: DecisionDialog | None = None) -> bool:
        """Ask for the decision on the current case; hold it for undo and move to the next."""
        case_id = self.window.current_case_id()
        if case_id is None or self.window.service is None:
            return False
        if not ensure_reviewer_name(self.window):  # the first decision asks who decides
            return False
        row = self.window.queue_model.row_of(case_id)
        summary = self.window.queue_model.case_at(row)
        label = (summary.label if summary else None) or case_id
        dialog = dialog or DecisionDialog(kind, label, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.pending.hold(PendingDecision(case_id, label, dialog.decision()))
        self.window.statusBar().showMessage(
            f"{DECISION_LABELS[kind]}: {label} — saving in a few seconds; Ctrl+Z to undo"
        )
        self.advance(case_id)
        return True

    def undo(self) -> None:
        """Drop the pending decision and go back to its case."""
        pending = self.pending.undo()
        if pending is not None:
            self.window.statusBar().showMessage(f"Undone: {pending.label} is undecided")
            self.window.select_case(pending.case_id)

    def advance(self, after: str) -> None:
        """Select the next undecided case in queue order (other than `after`)."""
        proxy, model = self.window.queue_proxy, self.window.queue_model
        waiting = self.pending.pending.case_id if self.pending.pending else None
        for r in range(proxy.rowCount()):
            source = proxy.mapToSource(proxy.index(r, 0))
            case = model.case_at(source.row())
            if case and case.id not in (after, waiting) and case.decision is None:
                self.window.select_case(case.id)
                return

    def _commit(self, pending: PendingDecision) -> None:
        svc, actor = self.window.service, self._actor()
        if svc is None:  # the store is reopening (settings changed): try again shortly
            self.pending.hold(pending)
            return
        with self._in_flight_lock:
            self._in_flight[id(pending)] = pending

        def work(_h: Any) -> Any:
            entry = Decisions(svc.store, actor).record_decision(pending.case_id, pending.decision)
            with self._in_flight_lock:
                self._in_flight.pop(id(pending), None)
            return entry

        def done(entry: Any) -> None:
            self.last_saved = entry
            self.window.statusBar().showMessage(
                f"Saved: {DECISION_LABELS[pending.decision.kind]} — {pending.label}"
            )
            self.window.refresh_queue()

        def failed(exc: BaseException) -> None:
            self.window.show_error(f"The decision on {pending.label} was NOT saved", str(exc))

        self.window.runner.run(work, on_done=done, on_error=failed, label="Saving decision")

    def write_in_flight_now(self) -> None:
        """After the task runner stopped: write decisions whose save task never ran."""
        with self._in_flight_lock:
            left, self._in_flight = list(self._in_flight.values()), {}
        svc = self.window.service
        if svc is None:
            return
        for pending in left:
            Decisions(svc.store, self._actor()).record_decision(pending.case_id, pending.decision)

    def commit_pending_now(self) -> None:
        """At quit: write a decision still in its undo window synchronously, so it is not lost.

        The task runner is being shut down, so this one write happens on the GUI thread.
        """
        pending = self.pending.take()
        svc = self.window.service
        if pending is None or svc is None:
            return
        Decisions(svc.store, self._actor()).record_decision(pending.case_id, pending.decision)

    def apply_filter(self) -> None:
        """Hide queue rows that the decision filter excludes."""
        key = self.filter.currentData() or "all"
        proxy, model, view = self.window.queue_proxy, self.window.queue_model, self.window.queue
        for r in range(proxy.rowCount()):
            case = model.case_at(proxy.mapToSource(proxy.index(r, 0)).row())
            view.setRowHidden(r, not (case and matches_filter(case.decision, key)))


def install(window: QMainWindow) -> None:
    """Add decisions, the queue filter and Plaid actions to a MainWindow."""
    decisions = DecisionActions(window)
    plaid = PlaidActions(window)
    tools = CaseTools(window, decisions.menu, plaid.menu)
    window.decision_actions = decisions  # type: ignore[attr-defined]
    window.plaid_actions = plaid  # type: ignore[attr-defined]
    window.case_tools = tools  # type: ignore[attr-defined]
