"""The Decision menu: approve / reject / escalate / request documents with undo, and the queue's
decision filter.

A decision waits a few seconds for Undo, then is written on the task runner; the status bar says
"saved" only once the entry is durable. A decision still waiting when the app quits is written
at quit, exactly once.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QDialog, QMenu, QToolBar

from reviewer.review.decisions import (
    APPROVE,
    DECISION_LABELS,
    ESCALATE,
    REJECT,
    REQUEST_DOCUMENTS,
    matches_filter,
)
from reviewer.ui.actions.decision_dialog import DecisionDialog
from reviewer.ui.actions.pending import PendingDecision, PendingDecisions
from reviewer.ui.reviewer_name import ensure_reviewer_name
from reviewer.ui.tasks import TaskHandle
from reviewer.ui.window_context import CurrentCase, WindowContext

if TYPE_CHECKING:
    from reviewer.review.facade import AuditEntry, DecisionSaved

HOTKEYS = {APPROVE: "Ctrl+1", REJECT: "Ctrl+2", ESCALATE: "Ctrl+3", REQUEST_DOCUMENTS: "Ctrl+4"}
# menu entries are verbs (what pressing does); the queue shows DECISION_LABELS (the state)
VERBS = {
    APPROVE: "&Approve",
    REJECT: "&Reject",
    ESCALATE: "&Escalate",
    REQUEST_DOCUMENTS: "Request more &documents",
}
FILTERS = (("All cases", "all"), ("Undecided", "undecided"), ("Escalated", "escalated"))


class DecisionController:
    """The decision menu, the pending-decision undo window and the queue filter of one window."""

    def __init__(
        self,
        ctx: WindowContext,
        toolbar: QToolBar,
        menu: QMenu,
        undo_seconds: float | None = None,
    ) -> None:
        self.ctx = ctx
        window = ctx.window
        self.pending = (
            PendingDecisions(self._commit, parent=window)
            if undo_seconds is None
            else PendingDecisions(self._commit, undo_seconds, parent=window)
        )
        self.last_saved: AuditEntry | None = None
        # decisions handed to the task runner and not yet written (written at quit if need be)
        self._in_flight: dict[int, PendingDecision] = {}
        self._in_flight_lock = threading.Lock()
        self.menu = menu  # the window's Decision menu, empty until now
        self.actions: dict[str, QAction] = {}
        for kind, keys in HOTKEYS.items():
            action = QAction(f"{VERBS[kind]}…", window)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _checked=False, k=kind: self.decide(k))
            menu.addAction(action)
            self.actions[kind] = action
        self.undo_action = QAction("&Undo decision", window)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo_action.triggered.connect(lambda _checked=False: self.undo())
        menu.addAction(self.undo_action)
        self.filter = QComboBox(window)
        for text, key in FILTERS:
            self.filter.addItem(text, key)
        self.filter.setToolTip("Show cases by decision state")
        self.filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        toolbar.addWidget(self.filter)

    def decide(self, kind: str) -> None:
        """Ask for the decision on the current case; hold it for undo and move to the next.

        Approving first reads the case's open concerns (off the GUI thread): the dialog names
        them and asks for a reason and a note.
        """
        case, svc = self.ctx.current_case(), self.ctx.session.service
        if case is None or svc is None:
            return
        # the first decision asks who decides
        if not ensure_reviewer_name(self.ctx.settings, self.ctx.window, self.ctx.settings_changed):
            return
        if kind != APPROVE:
            self._ask(kind, case, ())
            return
        self.ctx.runner.run(
            lambda _h: svc.open_concerns(case.case_id),
            on_done=lambda concerns: self._ask(kind, case, concerns),
            label="Reading open concerns",
        )

    def _ask(self, kind: str, case: CurrentCase, concerns: Sequence[str]) -> None:
        dialog = DecisionDialog(kind, case.label, self.ctx.window, concerns)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.pending.hold(PendingDecision(case.case_id, case.label, dialog.decision()))
        self.ctx.say(
            f"{DECISION_LABELS[kind]}: {case.label} — saving in a few seconds; Ctrl+Z to undo"
        )
        self.advance(case.case_id)

    def undo(self) -> None:
        """Drop the pending decision and go back to its case."""
        pending = self.pending.undo()
        if pending is not None:
            self.ctx.say(f"Undone: {pending.label} is undecided")
            self.ctx.queue.select_case(pending.case_id)

    def advance(self, after: str) -> None:
        """Select the next undecided case in queue order (other than `after`)."""
        waiting = self.pending.pending.case_id if self.pending.pending else None
        for case in self.ctx.queue.cases_in_order():
            if case.id not in (after, waiting) and case.decision is None:
                self.ctx.queue.select_case(case.id)
                return

    def _commit(self, pending: PendingDecision) -> None:
        svc, actor = self.ctx.session.service, self.ctx.actor()
        if svc is None:  # the store is reopening (settings changed): try again shortly
            self.pending.hold(pending)
            return
        with self._in_flight_lock:
            self._in_flight[id(pending)] = pending

        def work(_h: TaskHandle) -> DecisionSaved:
            saved = svc.record_decision(pending.case_id, pending.decision, actor=actor)
            with self._in_flight_lock:
                self._in_flight.pop(id(pending), None)
            return saved

        def done(saved: DecisionSaved) -> None:
            self.last_saved = saved.entry
            self.ctx.say(f"Saved: {DECISION_LABELS[pending.decision.kind]} — {pending.label}")
            self.ctx.session.announce(saved.changes)

        def failed(exc: BaseException) -> None:
            self.ctx.show_error(f"The decision on {pending.label} was NOT saved", str(exc))

        self.ctx.runner.run(work, on_done=done, on_error=failed, label="Saving decision")

    def write_in_flight_now(self) -> None:
        """After the task runner stopped: write decisions whose save task never ran."""
        with self._in_flight_lock:
            left, self._in_flight = list(self._in_flight.values()), {}
        svc = self.ctx.session.service
        if svc is None:
            return
        for pending in left:
            svc.record_decision(pending.case_id, pending.decision, actor=self.ctx.actor())

    def commit_pending_now(self) -> None:
        """At quit: write a decision still in its undo window synchronously, so it is not lost.

        The task runner is being shut down, so this one write happens on the GUI thread.
        """
        pending = self.pending.take()
        svc = self.ctx.session.service
        if pending is None or svc is None:
            return
        svc.record_decision(pending.case_id, pending.decision, actor=self.ctx.actor())

    def apply_filter(self) -> None:
        """Hide queue rows that the decision filter excludes."""
        key = self.filter.currentData() or "all"
        self.ctx.queue.set_row_filter(
            None if key == "all" else lambda case: matches_filter(case.decision, key)
        )
