"""The Actions menu: payroll refresh, risk-signal parsing, webhook JSON, report export.

Each action that talks to Plaid is disabled offline with the reason in its tooltip, asks for a
confirmation that names the environment and the items, and runs on the window's TaskRunner.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from reviewer.review.actions import (
    CaseActions,
    confirmation_text,
    document_income_items,
    payroll_items,
)
from reviewer.review.decisions import reviewer_identity
from reviewer.review.webhooks import WebhookInvalid, apply_webhook, parse_webhook_text, plan_webhook


class PlaidActions:
    """Menu entries for Plaid actions and the report export of one MainWindow."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.confirm = self._ask  # tests replace this
        menu = window.menuBar().addMenu("&Actions")
        self.refresh = QAction("Refresh &payroll…", window)
        self.refresh.triggered.connect(self.refresh_payroll)
        self.risk = QAction("Re-run &risk signals…", window)
        self.risk.triggered.connect(self.rerun_risk_signals)
        self.webhook = QAction("Process &webhook JSON…", window)
        self.webhook.triggered.connect(self.process_webhook)
        self.export = QAction("&Export report…", window)
        self.export.setShortcut("Ctrl+E")
        self.export.triggered.connect(self.export_report)
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

    def refresh_payroll(self) -> None:
        """Ask Plaid to refresh payroll for every item of the case, after a confirmation."""
        case_id, svc = self.window.current_case_id(), self.window.service
        if case_id is None or svc is None:
            return
        items = payroll_items(svc, case_id)
        text = confirmation_text("Refresh payroll (may be billed)", svc.environment_label, items)
        if not self.confirm(text):
            return
        actions = self._actions()
        self._run(
            lambda h: actions.refresh_payroll(case_id, None, None, h.report, h.is_cancelled),
            "Payroll refresh",
        )

    def rerun_risk_signals(self) -> None:
        """Enable risk_signals parsing for the first document income item, then wait for them."""
        case_id, svc = self.window.current_case_id(), self.window.service
        if case_id is None or svc is None:
            return
        items = document_income_items(svc, case_id)
        if not items:
            self.window.statusBar().showMessage("This case has no document income item")
            return
        text = confirmation_text("Re-run risk signals parsing", svc.environment_label, items[:1])
        if not self.confirm(text):
            return
        actions = self._actions()
        self._run(
            lambda h: actions.update_parsing_config(
                case_id, items[0], ["risk_signals"], h.report, h.is_cancelled
            ),
            "Risk signals",
        )

    def process_webhook(self, text: str | None = None) -> None:
        """Paste an Income webhook body; route it to its cases and refetch them."""
        if text is None:
            text, ok = QInputDialog.getMultiLineText(self.window, "Webhook", "Webhook JSON body:")
            if not ok:
                return
        try:
            payload = parse_webhook_text(text)
        except WebhookInvalid as exc:
            self.window.statusBar().showMessage(f"Not a webhook: {exc}")
            return
        actions = self._actions()
        svc = self.window.service

        def work(_h: Any) -> str:
            plan = plan_webhook(svc, payload)
            apply_webhook(actions, plan)
            return plan.describe()

        self._run(work, "Webhook")

    def export_report(self, out: str | None = None) -> None:
        """Write the current case's report (PDF or JSON by the file name)."""
        case_id, svc = self.window.current_case_id(), self.window.service
        if case_id is None or svc is None:
            return
        if out is None:
            out, _ = QFileDialog.getSaveFileName(
                self.window, "Export report", "case-report.pdf", "PDF (*.pdf);;JSON (*.json)"
            )
            if not out:
                return
        from reviewer.review.commands_export import export_report

        self._run(
            lambda _h: f"Report written: {export_report(svc, case_id, Path(out))}", "Export report"
        )
