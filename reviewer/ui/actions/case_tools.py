"""Decision menu → Signal dispositions… and Audit trail…; Actions menu → Purge case….

Reading and writing the store happens on the window's TaskRunner; the dialogs only show what came
back. Every entry is durable before a dialog says "saved".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from reviewer.review.decisions import Decisions, reviewer_identity
from reviewer.ui.actions.audit_dialog import AuditTrailDialog
from reviewer.ui.actions.dispositions_dialog import DispositionsDialog
from reviewer.ui.actions.purge_dialog import PurgeDialog


class CaseTools:
    """Dispositions, the audit trail view and purge for the window's current case."""

    def __init__(self, window: Any, decision_menu: QMenu, actions_menu: QMenu) -> None:
        self.window = window
        self.dialog: Any = None  # the dialog open now (tests drive it)
        decision_menu.addSeparator()
        self.dispositions = QAction("Signal d&ispositions…", window)
        self.dispositions.setShortcut(QKeySequence("Ctrl+D"))
        self.dispositions.triggered.connect(self.open_dispositions)
        self.audit = QAction("Audit &trail…", window)
        self.audit.setShortcut(QKeySequence("Ctrl+T"))
        self.audit.triggered.connect(self.open_audit_trail)
        decision_menu.addAction(self.dispositions)
        decision_menu.addAction(self.audit)
        actions_menu.addSeparator()
        self.purge = QAction("P&urge case…", window)
        self.purge.triggered.connect(self.open_purge)
        actions_menu.addAction(self.purge)
        for menu in (decision_menu, actions_menu):
            menu.aboutToShow.connect(self.update_enabled)
        window.service_ready.connect(self.update_enabled)
        window.case_shown.connect(lambda _id: self.update_enabled())
        self.update_enabled()

    def update_enabled(self) -> None:
        """These work offline (local data) but need a case."""
        ready = self.window.service is not None and self.window.current_case_id() is not None
        for action in (self.dispositions, self.audit, self.purge):
            action.setEnabled(ready)
            action.setToolTip("" if ready else "Select a case first")

    def _decisions(self) -> Decisions:
        name = getattr(self.window.settings, "reviewer_name", None)
        return Decisions(self.window.service.store, reviewer_identity(name))

    def _case(self) -> tuple[str, str] | None:
        case_id = self.window.current_case_id()
        if case_id is None or self.window.service is None:
            return None
        summary = self.window.queue_model.case_at(self.window.queue_model.row_of(case_id))
        return case_id, (summary.label if summary else None) or case_id

    def open_dispositions(self) -> None:
        """Load the case's signals and recorded dispositions, then show the dialog."""
        case = self._case()
        if case is None:
            return
        case_id, label = case
        svc, decisions = self.window.service, self._decisions()

        def load(_h: Any) -> tuple[Any, dict[str, dict[str, Any]]]:
            snapshot = svc.load_case(case_id)
            return (snapshot.risk_signals if snapshot else []), decisions.dispositions(case_id)

        def show(loaded: tuple[Any, dict[str, dict[str, Any]]]) -> None:
            signals, recorded = loaded
            dialog = DispositionsDialog(label, signals, recorded, lambda c: save(dialog, c))
            self._show(dialog)

        def save(dialog: DispositionsDialog, changes: list[Any]) -> None:
            def work(_h: Any) -> int:
                for signal, disposition, note in changes:
                    decisions.record_disposition(case_id, signal, disposition, note)
                return len(changes)

            def done(count: int) -> None:
                dialog.saved_ok(count)
                self.window.statusBar().showMessage(f"Saved {count} disposition(s) on {label}")

            self.window.runner.run(
                work,
                on_done=done,
                on_error=lambda exc: dialog.save_failed(str(exc)),
                label="Saving dispositions",
            )

        self.window.runner.run(load, on_done=show, label="Loading signals")

    def open_audit_trail(self) -> None:
        """Show the case's trail, read from the store off the GUI thread."""
        case = self._case()
        if case is None:
            return
        case_id, label = case
        store = self.window.service.store
        self.window.runner.run(
            lambda _h: store.audit_trail(case_id),
            on_done=lambda entries: self._show(AuditTrailDialog(label, entries, self.window)),
            label="Loading the audit trail",
        )

    def open_purge(self) -> None:
        """Ask for the typed label and a reason; purge, then refresh the queue."""
        case = self._case()
        if case is None:
            return
        case_id, label = case
        dialog = PurgeDialog(label, self.window)
        decisions = self._decisions()

        def purge() -> None:
            confirmation, reason = dialog.confirmation.text(), dialog.reason.text()

            def done(_none: Any) -> None:
                self.window.statusBar().showMessage(
                    f"Purged {label}; its audit trail keeps a tombstone"
                )
                if self.window.current_case_id() == case_id:
                    self.window.case_view.set_snapshot(None)
                self.window.refresh_queue()
                self.update_enabled()

            self.window.runner.run(
                lambda _h: decisions.purge(case_id, confirmation=confirmation, reason=reason),
                on_done=done,
                on_error=lambda exc: self.window.show_error(f"{label} was NOT purged", str(exc)),
                label="Purging case",
            )

        dialog.accepted.connect(purge)
        self._show(dialog)

    def _show(self, dialog: Any) -> None:
        if dialog.parent() is None:
            dialog.setParent(self.window, dialog.windowFlags())
        self.dialog = dialog
        dialog.open()
