"""The Actions menu: payroll refresh, risk-signal parsing, webhook JSON, report export.

Each action that talks to Plaid is disabled offline with the reason in its tooltip, asks for a
confirmation that names the environment and the items, and runs on the window's TaskRunner.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu

from reviewer.ui.actions.action_dialog import ActionDialog
from reviewer.ui.actions.plaid_dialogs import NamedItem, ParsingConfigDialog, RefreshPayrollDialog
from reviewer.ui.tasks import TaskHandle
from reviewer.ui.window_context import WindowContext

if TYPE_CHECKING:
    from reviewer.review.actions import ActionOutcome, PollPolicy
    from reviewer.review.facade import ExportResult, ReviewService, WebhookReport
    from reviewer.review.preferences import Settings
    from reviewer.review.progress import ProgressCallback


class PlaidActions:
    """Menu entries for Plaid actions and the report export of one MainWindow."""

    def __init__(self, ctx: WindowContext, menu: QMenu) -> None:
        self.ctx = ctx
        window = ctx.window
        self.poll: PollPolicy | None = None  # None: the default policy (tests shorten the waits)
        self.dialog: ActionDialog | None = None  # the action dialog open now
        self.last_message = ""
        self.menu = menu  # the window's Actions menu, empty until now
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

    def update_enabled(self) -> None:
        """Online actions need Plaid; say why they are disabled."""
        online, why = self.ctx.session.online_state()
        has_case = self.ctx.current_case() is not None
        for action in (self.refresh, self.risk, self.webhook):
            action.setEnabled(online and (has_case or action is self.webhook))
            action.setToolTip("" if online else f"Unavailable: {why}")
        self.export.setEnabled(has_case)

    def _after(self, outcome: ActionOutcome | BaseException) -> None:
        if isinstance(outcome, BaseException):
            self.ctx.say(f"Action failed: {outcome}")
            return
        self.last_message = outcome.message
        self.ctx.say(outcome.message)
        self.ctx.session.announce(outcome.changes)  # a new snapshot: its signals and highlights

    def refresh_payroll(self) -> RefreshPayrollDialog | None:
        """Choose items and a webhook; the dialog confirms (environment, items) and runs it."""
        case, svc = self.ctx.current_case(), self.ctx.session.service
        if case is None or svc is None:
            return None
        actor = self.ctx.actor()

        def refresh(
            items: list[str] | None,
            hook: str | None,
            progress: ProgressCallback,
            cancel: Callable[[], bool],
        ) -> ActionOutcome:
            return svc.refresh_payroll(
                case.case_id, items, hook, actor=actor, progress=progress, cancel=cancel
            )

        dialog = RefreshPayrollDialog(
            self.ctx.runner, svc.environment_label, case.label, [], refresh, self.ctx.window
        )
        self._open(dialog, lambda: _named(svc.payroll_items(case.case_id), svc, case.case_id))
        return dialog

    def rerun_risk_signals(self) -> ParsingConfigDialog | None:
        """Choose an item and ocr/risk_signals; the dialog confirms, then polls with Cancel."""
        case, svc = self.ctx.current_case(), self.ctx.session.service
        if case is None or svc is None:
            return None
        actor, poll = self.ctx.actor(), self.poll

        def update(
            item_id: str,
            config: list[str],
            progress: ProgressCallback,
            cancel: Callable[[], bool],
            sleep: Callable[[float], None],
        ) -> ActionOutcome:
            return svc.update_parsing_config(
                case.case_id,
                item_id,
                config,
                actor=actor,
                progress=progress,
                cancel=cancel,
                poll=poll,
                sleep=sleep,
            )

        dialog = ParsingConfigDialog(
            self.ctx.runner, svc.environment_label, case.label, [], update, self.ctx.window
        )
        self._open(
            dialog, lambda: _named(svc.document_income_items(case.case_id), svc, case.case_id)
        )
        return dialog

    def _open(
        self,
        dialog: RefreshPayrollDialog | ParsingConfigDialog,
        items: Callable[[], list[NamedItem]],
    ) -> None:
        """Show the dialog once its items are read (off the GUI thread)."""
        dialog.outcome_shown.connect(self._after)
        self.dialog = dialog

        def show(found: list[NamedItem]) -> None:
            dialog.set_items(found)
            dialog.open()

        self.ctx.runner.run(lambda _h: items(), on_done=show, label="Reading the case's items")

    def process_webhook(self, text: str | None = None) -> None:
        """Paste an Income webhook body; route it to its cases and refetch them."""
        if text is None:
            text, ok = QInputDialog.getMultiLineText(
                self.ctx.window, "Webhook", "Webhook JSON body:"
            )
            if not ok:
                return
        svc = self.ctx.session.service
        if svc is None:
            return
        body, actor = text, self.ctx.actor()

        def work(h: TaskHandle) -> WebhookReport:
            return svc.process_webhook(body, actor=actor, cancel=h.is_cancelled)

        def done(report: WebhookReport) -> None:
            self.ctx.say(report.message)
            self.last_message = report.message
            self.ctx.session.announce(report.changes)

        self.ctx.runner.run(
            work,
            on_done=done,
            on_error=lambda exc: self.ctx.show_error("Webhook failed", str(exc)),
            label="Webhook",
        )

    def export_report(self, out: str | None = None) -> None:
        """Write the current case's report (PDF or JSON by the file name) in a child process."""
        case, svc = self.ctx.current_case(), self.ctx.session.service
        if case is None or svc is None:
            return
        if out is None:
            out, _ = QFileDialog.getSaveFileName(
                self.ctx.window,
                "Export report",
                str(_report_folder(self.ctx.settings) / f"{case.label}-report.pdf"),
                "PDF (*.pdf);;JSON (*.json)",
            )
            if not out:
                return
            # the next export opens in the same folder (kept with the settings at quit)
            self.ctx.settings.extra["report_folder"] = str(Path(out).parent)
        target = Path(out)

        def done(result: ExportResult) -> None:
            self.last_message = result.message
            if result.ok:
                self.ctx.say(result.message)
            else:
                self.ctx.show_error(f"The report of {case.label} was NOT written", result.message)

        self.ctx.runner.run(
            lambda _h: svc.export_report(case.case_id, target),
            on_done=done,
            on_error=lambda exc: self.ctx.show_error("Export failed", str(exc)),
            label="Exporting report",
        )


def _named(item_ids: list[str], svc: ReviewService, case_id: str) -> list[NamedItem]:
    """Each item id with the name a reviewer reads ("Gusto (2 pay stubs, 1 W-2)"); off the GUI
    thread, like the ids."""
    from reviewer.review.item_names import item_name

    names = svc.item_names(case_id)
    return [(i, item_name(names, i)) for i in item_ids]


def _report_folder(settings: Settings) -> Path:
    """Where the file dialog opens: the folder of the last export, else Documents, else home
    (a bare file name opened it in whatever directory Reviewer was started from)."""
    from PySide6.QtCore import QStandardPaths

    last = settings.extra.get("report_folder")
    if isinstance(last, str) and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()
