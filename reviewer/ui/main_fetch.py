"""Fetching from the main window: new case, refresh, the demo's first fetch, progress and cancel.

A mixin of `MainWindow` (kept apart so each file stays readable). The fetch runs on the task
runner; the status bar shows its progress and a Cancel button. A cancelled fetch stores nothing
(the core checks `cancel()` before it writes a snapshot) and the window says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QStatusBar

from reviewer.ui.main_menus import online_state
from reviewer.ui.status import StatusWidgets
from reviewer.ui.tasks import TaskHandle, TaskRunner


class FetchMixin:
    """New case / refresh / demo fetch / cancel for `MainWindow`."""

    # provided by MainWindow
    runner: TaskRunner
    service: Any
    status: StatusWidgets
    fetch_finished: Any
    fetch_cancelled: Any
    _fetch_handle: TaskHandle | None

    if TYPE_CHECKING:  # stubs for mypy only: at run time they would shadow QMainWindow's

        def statusBar(self) -> QStatusBar: ...
        def current_case_id(self) -> str | None: ...
        def load_case(self, case_id: str) -> None: ...
        def show_error(self, summary: str, details: str) -> None: ...
        def select_top_case(self) -> None: ...
        def refresh_queue(
            self, then: Callable[[], Any] | None = None, select: str | None = None
        ) -> None: ...

    def fetch_demo(self) -> None:
        """First start of --demo: fetch every demo case, with progress."""
        svc = self.service

        def work(h: TaskHandle) -> Any:
            return svc.fetch_demo_cases(progress=h.report, cancel=h.is_cancelled)

        self._start_fetch(work, "Fetching demo cases")

    def new_case(self) -> None:
        """Ask for a user and fetch it as a new case."""
        from reviewer.ui.dialogs import NewCaseDialog

        dialog = NewCaseDialog(self)  # type: ignore[arg-type]
        if dialog.exec() != NewCaseDialog.DialogCode.Accepted:
            return
        self.fetch_new(**dialog.values())

    def fetch_new(
        self, *, user_token: str | None = None, user_id: str | None = None, label: str | None = None
    ) -> None:
        """Fetch a case (progress in the status bar, cancellable)."""
        svc = self.service

        def work(h: TaskHandle) -> Any:
            return svc.fetch_case(
                user_token=user_token,
                user_id=user_id,
                label=label,
                progress=h.report,
                cancel=h.is_cancelled,
            )

        self._start_fetch(work, f"Fetching {label or 'case'}")

    def refresh_case(self) -> None:
        """Fetch the selected case again; the cached data stays if it fails."""
        case_id = self.current_case_id()
        if case_id is None or self.service is None:
            return
        svc = self.service

        def work(h: TaskHandle) -> Any:
            return svc.refetch_case(case_id, progress=h.report, cancel=h.is_cancelled)

        self._start_fetch(work, "Refreshing case")

    def _start_fetch(self, work: Callable[[TaskHandle], Any], label: str) -> None:
        online, reason = online_state(self.service)
        if not online:
            self.statusBar().showMessage(f"Cannot fetch: {reason}", 5000)
            return
        if self._fetch_handle is not None:  # never cancel a running fetch behind the user's back
            self.statusBar().showMessage(
                "A fetch is already running: wait for it, or cancel it first", 8000
            )
            return
        self.status.cancel.show()
        self._fetch_handle = self.runner.run(
            work, on_done=self._fetch_done, on_error=self._fetch_failed, label=label, key="fetch"
        )

    def _fetch_failed(self, error: BaseException) -> None:
        self._fetch_handle = None
        self.status.cancel.hide()
        self.show_error("The fetch failed; the cached data is unchanged", str(error))

    def _fetch_done(self, result: Any) -> None:
        self._fetch_handle = None
        self.status.cancel.hide()
        results = result if isinstance(result, list) else [result]
        if isinstance(result, list):  # the demo's first fetch: one line, not fifteen
            stored = sum(1 for r in results if getattr(r, "stored", False))
            message = f"Fetched {stored} of {len(results)} demo cases"
        else:
            message = getattr(result, "message", "") or "Fetch finished"
        self.statusBar().showMessage(message[:200], 10000)
        last = next((r.case_id for r in reversed(results) if getattr(r, "case_id", None)), None)
        if isinstance(result, list):  # the demo's first fetch: the top of the queue, not the last
            self.refresh_queue(
                then=self.select_top_case if self.current_case_id() is None else None
            )
            self.fetch_finished.emit(result)
            return
        if last and last == self.current_case_id():
            self.load_case(last)
        self.refresh_queue(select=last)
        self.fetch_finished.emit(result)

    def cancel_fetch(self) -> None:
        """Cancel the running fetch (its partial result is dropped; cached data is untouched)."""
        if self._fetch_handle is None:
            return
        self._fetch_handle.cancel()
        self._fetch_handle = None
        self.status.cancel.hide()
        self.status.show_progress(None)
        self.statusBar().showMessage("Fetch cancelled: nothing was stored", 10000)
        self.fetch_cancelled.emit()
