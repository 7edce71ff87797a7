"""Fetching: new case, refresh, the demo's first fetch, progress and cancel.

The fetch runs on the task runner; the status bar shows its progress and a Cancel button. A
cancelled fetch stores nothing (the core checks `cancel()` before it writes a snapshot) and the
window says so. When a fetch ends, the queue and the case view re-read only the cases it stored;
the demo's first fetch reports each case as it is stored, and the queue lists it at once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reviewer.ui.actions_common import make_action
from reviewer.ui.tasks import TaskHandle
from reviewer.ui.window_context import WindowContext

if TYPE_CHECKING:
    from reviewer.review.facade import ReviewService
    from reviewer.review.service import FetchResult

FetchWork = Callable[[TaskHandle], "FetchResult | list[FetchResult]"]


class FetchController(QObject):
    """The New case, Refresh case and Cancel actions, and the fetch they start."""

    finished = Signal(object)  # FetchResult, or a list of them for the demo fetch
    cancelled = Signal()

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx.window)
        self.ctx = ctx
        self._handle: TaskHandle | None = None
        window = ctx.window
        self.new_case_action = make_action(window, "&New case…", "Ctrl+N", self.new_case, "new")
        self.refresh_action = make_action(
            window, "&Refresh case", "F5", self.refresh_case, "refresh"
        )
        self.cancel_action = make_action(window, "&Cancel task", "Esc", self.cancel)
        ctx.status.cancel.clicked.connect(self.cancel)
        ctx.session.closed.connect(self.cancel)

    @property
    def running(self) -> bool:
        """A fetch is running."""
        return self._handle is not None

    def update_enabled(self, has_case: bool) -> None:
        """Fetching needs Plaid; disabled actions say why in their tooltip and status tip."""
        online, reason = self.ctx.session.online_state()
        self.new_case_action.setEnabled(online)
        self.refresh_action.setEnabled(online and has_case)
        why = "" if online else f" — unavailable: {reason}"
        self.new_case_action.setStatusTip("Fetch a new case from Plaid" + why)
        self.refresh_action.setStatusTip("Fetch this case again" + why)
        self.new_case_action.setToolTip("New case (Ctrl+N)" + why)
        self.refresh_action.setToolTip("Refresh case (F5)" + why)

    def fetch_demo(self) -> None:
        """First start of --demo: fetch every demo case, with progress."""
        svc = self.ctx.session.service
        if svc is None:
            return

        def work(h: TaskHandle) -> list[FetchResult]:
            return svc.fetch_demo_cases(progress=h.report, cancel=h.is_cancelled)

        self._start(work, "Fetching demo cases", on_progress=self._landed)

    def _landed(self, progress: object) -> None:
        """A demo case was stored (or checked): the queue shows it now, not after the last."""
        from reviewer.review.facade import CaseLanded

        if isinstance(progress, CaseLanded):
            self.ctx.session.announce(progress.changes)

    def new_case(self) -> None:
        """Ask for a user and fetch it as a new case."""
        from reviewer.ui.dialogs import NewCaseDialog
        from reviewer.ui.reviewer_name import remember_reviewer_name

        unnamed = not (self.ctx.settings.reviewer_name or "").strip()
        dialog = NewCaseDialog(self.ctx.window, ask_name=unnamed)
        if dialog.exec() != NewCaseDialog.DialogCode.Accepted:
            return
        name = dialog.reviewer_name()
        if name is not None:  # before the fetch: its audit entry names the reviewer
            remember_reviewer_name(self.ctx.settings, name, self.ctx.settings_changed)
        values = dialog.values()
        self.fetch_new(
            user_token=values["user_token"], user_id=values["user_id"], label=values["label"]
        )

    def fetch_new(
        self, *, user_token: str | None = None, user_id: str | None = None, label: str | None = None
    ) -> None:
        """Fetch a case (progress in the status bar, cancellable)."""
        svc = self.ctx.session.service
        if svc is None:
            return

        def work(h: TaskHandle) -> FetchResult:
            return svc.fetch_case(
                user_token=user_token,
                user_id=user_id,
                label=label,
                progress=h.report,
                cancel=h.is_cancelled,
            )

        self._start(work, f"Fetching {label or 'case'}")

    def refresh_case(self) -> None:
        """Fetch the selected case again; the cached data stays if it fails."""
        case = self.ctx.current_case()
        svc = self.ctx.session.service
        if case is None or svc is None:
            return
        self._start(lambda h: _refetch(svc, case.case_id, h), "Refreshing case")

    def _start(
        self, work: FetchWork, label: str, on_progress: Callable[[object], None] | None = None
    ) -> None:
        online, reason = self.ctx.session.online_state()
        if not online:
            self.ctx.say(f"Cannot fetch: {reason}", 5000)
            return
        if self._handle is not None:  # never cancel a running fetch behind the user's back
            self.ctx.say("A fetch is already running: wait for it, or cancel it first", 8000)
            return
        self.ctx.status.cancel.show()
        self._handle = self.ctx.runner.run(
            work,
            on_done=self._done,
            on_error=self._failed,
            on_progress=on_progress,
            label=label,
            key="fetch",
        )

    def _failed(self, error: BaseException) -> None:
        self._handle = None
        self.ctx.status.cancel.hide()
        self.ctx.show_error("The fetch failed; the cached data is unchanged", str(error))

    def _done(self, result: FetchResult | list[FetchResult]) -> None:
        self._handle = None
        self.ctx.status.cancel.hide()
        results = result if isinstance(result, list) else [result]
        if isinstance(result, list):  # the demo's first fetch: one line, not fifteen
            stored = sum(1 for r in results if r.stored)
            message = f"Fetched {stored} of {len(results)} demo cases"
        else:
            message = result.message or "Fetch finished"
        self.ctx.say(message, 10000)
        last = next((r.case_id for r in reversed(results) if r.case_id), None)
        if isinstance(result, list):  # the demo's first fetch: the top of the queue, not the last
            if self.ctx.queue.current_case_id() is None:
                self.ctx.loader.select_when_listed(None)
        elif last is not None:
            self.ctx.loader.select_when_listed(last)
        changes = [r.changes for r in results]
        if changes:
            self.ctx.session.announce(reduce(lambda a, b: a.merge(b), changes))
        self.finished.emit(result)

    def cancel(self) -> None:
        """Cancel the running fetch (its partial result is dropped; cached data is untouched)."""
        if self._handle is None:
            return
        self._handle.cancel()
        self._handle = None
        self.ctx.status.cancel.hide()
        self.ctx.status.show_progress(None)
        self.ctx.say("Fetch cancelled: nothing was stored", 10000)
        self.cancelled.emit()


def _refetch(svc: ReviewService, case_id: str, h: TaskHandle) -> FetchResult:
    return svc.refetch_case(case_id, progress=h.report, cancel=h.is_cancelled)
