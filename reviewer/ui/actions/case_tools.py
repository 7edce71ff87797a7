"""Decision menu → Signal dispositions… and Audit trail…; Actions menu → Purge case….

Reading and writing the store happens on the window's TaskRunner; the dialogs only show what came
back. Every entry is durable before a dialog says "saved".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu

from reviewer.ui.actions.audit_dialog import AuditTrailDialog
from reviewer.ui.actions.dispositions_dialog import DispositionsDialog
from reviewer.ui.actions.purge_dialog import PurgeDialog
from reviewer.ui.tasks import TaskHandle
from reviewer.ui.window_context import WindowContext

if TYPE_CHECKING:
    from reviewer.review.case_model import SignalRecord
    from reviewer.review.facade import AuditEntry, DispositionChoice, OpChanges

# what the dispositions dialog needs: the case's signals and their recorded dispositions
Loaded = tuple["list[SignalRecord]", dict[str, dict[str, object]]]


class CaseTools:
    """Dispositions, the audit trail view and purge for the window's current case."""

    def __init__(self, ctx: WindowContext, decision_menu: QMenu, actions_menu: QMenu) -> None:
        self.ctx = ctx
        window = ctx.window
        self.dialog: QDialog | None = None  # the dialog open now
        decision_menu.addSeparator()
        self.dispositions = QAction("Signal d&ispositions…", window)
        self.dispositions.setShortcut(QKeySequence("Ctrl+D"))
        self.dispositions.triggered.connect(lambda _checked=False: self.open_dispositions())
        self.audit = QAction("Audit &trail…", window)
        self.audit.setShortcut(QKeySequence("Ctrl+T"))
        self.audit.triggered.connect(lambda _checked=False: self.open_audit_trail())
        decision_menu.addAction(self.dispositions)
        decision_menu.addAction(self.audit)
        actions_menu.addSeparator()
        self.purge = QAction("P&urge case…", window)
        self.purge.triggered.connect(lambda _checked=False: self.open_purge())
        actions_menu.addAction(self.purge)
        for menu in (decision_menu, actions_menu):
            menu.aboutToShow.connect(self.update_enabled)
        self.update_enabled()

    def update_enabled(self) -> None:
        """These work offline (local data) but need a case."""
        ready = self.ctx.current_case() is not None
        for action in (self.dispositions, self.audit, self.purge):
            action.setEnabled(ready)
            action.setToolTip("" if ready else "Select a case first")

    def open_dispositions(self) -> None:
        """Load the case's signals and recorded dispositions, then show the dialog."""
        case, svc = self.ctx.current_case(), self.ctx.session.service
        if case is None or svc is None:
            return
        case_id, label, actor = case.case_id, case.label, self.ctx.actor()

        def load(_h: TaskHandle) -> Loaded:
            snapshot = svc.load_case(case_id)
            signals = list(snapshot.risk_signals) if snapshot else []
            return signals, svc.dispositions(case_id)

        def show(loaded: Loaded) -> None:
            signals, recorded = loaded
            dialog = DispositionsDialog(label, signals, recorded, lambda c: save(dialog, c))
            self._show(dialog)

        def save(dialog: DispositionsDialog, choices: list[DispositionChoice]) -> None:
            def done(changes: OpChanges) -> None:
                dialog.saved_ok(len(choices))
                self.ctx.say(f"Saved {len(choices)} disposition(s) on {label}")
                self.ctx.session.announce(changes)

            self.ctx.runner.run(
                lambda _h: svc.record_dispositions(case_id, choices, actor=actor),
                on_done=done,
                on_error=lambda exc: dialog.save_failed(str(exc)),
                label="Saving dispositions",
            )

        self.ctx.runner.run(load, on_done=show, label="Loading signals")

    def open_audit_trail(self) -> None:
        """Show the case's trail, read from the store off the GUI thread."""
        case, svc = self.ctx.current_case(), self.ctx.session.service
        if case is None or svc is None:
            return

        def show(entries: list[AuditEntry]) -> None:
            self._show(AuditTrailDialog(case.label, entries, self.ctx.window))

        self.ctx.runner.run(
            lambda _h: svc.audit_trail(case.case_id), on_done=show, label="Loading the audit trail"
        )

    def open_purge(self) -> None:
        """Ask for the typed label and a reason; purge, then drop the case from the queue."""
        case, svc = self.ctx.current_case(), self.ctx.session.service
        if case is None or svc is None:
            return
        dialog = PurgeDialog(case.label, self.ctx.window)
        actor = self.ctx.actor()

        def purge() -> None:
            confirmation, reason = dialog.confirmation.text(), dialog.reason.text()

            def done(changes: OpChanges) -> None:
                self.ctx.say(f"Purged {case.label}; its audit trail keeps a tombstone")
                self.ctx.session.announce(changes)
                self.update_enabled()

            self.ctx.runner.run(
                lambda _h: svc.purge_case(
                    case.case_id, confirmation=confirmation, reason=reason, actor=actor
                ),
                on_done=done,
                on_error=lambda exc: self.ctx.show_error(f"{case.label} was NOT purged", str(exc)),
                label="Purging case",
            )

        dialog.accepted.connect(purge)
        self._show(dialog)

    def _show(self, dialog: QDialog) -> None:
        if dialog.parent() is None:
            dialog.setParent(self.ctx.window, dialog.windowFlags())
        self.dialog = dialog
        dialog.open()
