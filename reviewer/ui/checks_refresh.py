"""Bringing a shown case's Reviewer findings up to date, off the GUI thread.

Opening a case never waits for the checks: the case is shown with the findings stored with its
snapshot, and when they are missing (a case fetched before the checks existed) or were made by
another version of the checks, they are recomputed on the task runner and the case is shown
again with them.
"""

from __future__ import annotations

from typing import Any, Protocol

from reviewer.review.case_model import CaseSnapshot
from reviewer.ui.tasks import TaskHandle, TaskRunner


class _Window(Protocol):
    @property
    def service(self) -> Any: ...

    @property
    def runner(self) -> TaskRunner: ...

    @property
    def case_view(self) -> Any: ...

    def current_case_id(self) -> str | None: ...

    def refresh_queue(self, then: Any = None, select: str | None = None) -> None: ...


def refresh_findings(window: _Window, case_id: str, snapshot: CaseSnapshot | None) -> None:
    """Recompute the case's stale findings in the background and show them when done."""
    svc = window.service
    if svc is None or snapshot is None:
        return

    def work(_h: TaskHandle) -> CaseSnapshot | None:
        return svc.update_findings(snapshot) if svc.findings_stale(snapshot) else None

    def done(updated: CaseSnapshot | None) -> None:
        if updated is None or window.current_case_id() != case_id:
            return
        window.case_view.set_snapshot(updated)
        window.refresh_queue()

    window.runner.run(work, on_done=done, key="reviewer-checks", label="Running Reviewer's checks")
