"""The Actions menu: payroll refresh, risk-signal parsing, webhook JSON, report export.

Each action that talks to Plaid is disabled offline with the reason in its tooltip, asks for a
confirmation that names the environment and the items, and runs on the window's TaskRunner.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from reviewer.review.decisions import reviewer_identity
from reviewer.ui.actions.export_process import ExportResult, run_export
from reviewer.ui.actions.plaid_dialogs import ParsingConfigDialog, RefreshPayrollDialog

if TYPE_CHECKING:
    from reviewer.review.actions import CaseActions, PollPolicy

# reviewer.review.actions and .webhooks pull in the Plaid client, its models and PyMuPDF
# (about 1.5 s of imports): they are imported when an action is used, by which time the
# service has already loaded them, never while the window is being built for its first paint.


class PlaidActions:
    """Menu entries for Plaid actions and the report export of one MainWindow."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.confirm = self._ask  # tests replace this
        self.poll: PollPolicy | None = None  # None: the default policy; tests shorten the waits
        self.dialog: Any = None  # the action dialog open now
        self.last_message = ""
        self.menu = menu = window.menuBar().addMenu("&Actions")
        self.refresh = QAction("Refresh &payroll…", window)
        self.refresh.triggered.connect(lambda _checked=False: self.refresh_payroll())
        self.risk = QAction("Parsing &configuration / risk signals…", window)
        self.risk.triggered.connect(lambda _checked=False: self.rerun_risk_signals())
        self.webhook = QAction("Process &webhook JSON…", window)
        self.webhook.triggered.connect(lambda _checked=False: self.process_webhook())
        self.export = QAction("&Export report…", window)
        self.export.setShortcut("Ctrl+E")
        # triggered(checked) would pass False as `out`: the menu always asks for the file
        self.export.triggered.connect(lambda _checked=False: self.export_report())
        for action in (self.refresh, self.risk, self.webhook, self.export):
            menu.addAction(action)
        menu.aboutToShow.connect(self.update_enabled)
        window.service_ready.connect(self.update_enabled)
        window.case_shown.connect(lambda _id: self.update_enabled())

    def update_enabled(self) -> None:
        """Online actions need Plaid; say why they are disabled."""
        svc = self.window.service
        online, why = svc.can_fetch if svc is not None else (False, "starting")
        has_case = self.window.current_case_id() is not None
        for action in (self.refresh, self.risk, self.webhook):
            action.setEnabled(online and (has_case or action is self.webhook))
            action.setToolTip("" if online else f"Unavailable: {why}")
        self.export.setEnabled(has_case)

    def _ask(self, text: str) -> bool:
        answer = QMessageBox.question(self.window, "Confirm", text)
        return answer == QMessageBox.StandardButton.Yes

    def _actions(self) -> CaseActions:
        from reviewer.review.actions import CaseActions

        actor = reviewer_identity(getattr(self.window.settings, "reviewer_name", None))
        return CaseActions(self.window.service, actor)

    def _run(self, work: Any, label: str) -> None:
        def done(outcome: Any) -> None:
            message = getattr(outcome, "message", None) or str(outcome)
            self.window.statusBar().showMessage(message)
            self.last_message = message
            self.window.refresh_queue()

        def failed(exc: BaseException) -> None:
            self.window.show_error(f"{label} failed", str(exc))

        self.window.runner.run(lambda h: work(h), on_done=done, on_error=failed, label=label)

    def _case(self) -> tuple[str, str, Any] | None:
        case_id, svc = self.window.current_case_id(), self.window.service
        if case_id is None or svc is None:
            return None
        summary = self.window.queue_model.case_at(self.window.queue_model.row_of(case_id))
        return case_id, (summary.label if summary else None) or case_id, svc

    def _after(self, outcome: Any) -> None:
        if isinstance(outcome, BaseException):
            self.window.statusBar().showMessage(f"Action failed: {outcome}"[:200])
            return
        self.last_message = outcome.message
        self.window.statusBar().showMessage(outcome.message[:200])
        self.window.refresh_queue()
        case_id = self.window.current_case_id()
        if case_id is not None:
            self.window.load_case(case_id)  # a new snapshot: show its signals and highlights

    def refresh_payroll(self) -> RefreshPayrollDialog | None:
        """Choose items and a webhook; the dialog confirms (environment, items) and runs it."""
        case = self._case()
        if case is None:
            return None
        case_id, label, svc = case
        from reviewer.review.actions import payroll_items

        actions = self._actions()
        dialog = RefreshPayrollDialog(
            self.window.runner,
            svc.environment_label,
            label,
            payroll_items(svc, case_id),
            lambda items, hook, progress, cancel: actions.refresh_payroll(
                case_id, items, hook, progress, cancel
            ),
            self.window,
        )
        dialog.outcome_shown.connect(self._after)
        self.dialog = dialog
        dialog.open()
        return dialog

    def rerun_risk_signals(self) -> ParsingConfigDialog | None:
        """Choose an item and ocr/risk_signals; the dialog confirms, then polls with Cancel."""
        case = self._case()
        if case is None:
            return None
        case_id, label, svc = case
        from reviewer.review.actions import CaseActions, PollPolicy, document_income_items

        actor = reviewer_identity(getattr(self.window.settings, "reviewer_name", None))
        poll = self.poll or PollPolicy()

        def update(item_id: str, config: list[str], progress: Any, cancel: Any, sleep: Any) -> Any:
            actions = CaseActions(svc, actor, sleep=sleep)
            return actions.update_parsing_config(case_id, item_id, config, progress, cancel, poll)

        dialog = ParsingConfigDialog(
            self.window.runner,
            svc.environment_label,
            label,
            document_income_items(svc, case_id),
            update,
            self.window,
        )
        dialog.outcome_shown.connect(self._after)
        self.dialog = dialog
        dialog.open()
        return dialog

    def process_webhook(self, text: str | None = None) -> None:
        """Paste an Income webhook body; route it to its cases and refetch them."""
        if text is None:
            text, ok = QInputDialog.getMultiLineText(self.window, "Webhook", "Webhook JSON body:")
            if not ok:
                return
        from reviewer.review.webhooks import (
            WebhookInvalid,
            apply_webhook,
            parse_webhook_text,
            plan_webhook,
        )

        try:
            payload = parse_webhook_text(text)
        except WebhookInvalid as exc:
            self.window.statusBar().showMessage(f"Not a webhook: {exc}")
            return
        actions = self._actions()
        svc = self.window.service

        def work(h: Any) -> str:
            plan = plan_webhook(svc, payload)
            apply_webhook(actions, plan, cancel=h.is_cancelled)
            return plan.describe()

        self._run(work, "Webhook")

    def export_report(self, out: str | None = None) -> None:
        """Write the current case's report (PDF or JSON by the file name) in a child process."""
        case = self._case()
        if case is None:
            return
        case_id, label, svc = case
        if out is None:
            out, _ = QFileDialog.getSaveFileName(
                self.window,
                "Export report",
                f"{label}-report.pdf",
                "PDF (*.pdf);;JSON (*.json)",
            )
            if not out:
                return
        target, data_dir = Path(out), Path(svc.store.data_dir)

        def done(result: ExportResult) -> None:
            self.last_message = result.message
            if result.ok:
                self.window.statusBar().showMessage(result.message)
            else:
                self.window.show_error(f"The report of {label} was NOT written", result.message)

        self.window.runner.run(
            lambda _h: run_export(case_id, target, data_dir),
            on_done=done,
            on_error=lambda exc: self.window.show_error("Export failed", str(exc)),
            label="Exporting report",
        )
