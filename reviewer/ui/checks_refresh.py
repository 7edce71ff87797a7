"""Bringing a shown case's Reviewer findings up to date, off the GUI thread.

Opening a case never waits for the checks: the case is shown with the findings stored with its
snapshot, and when they are missing (a case fetched before the checks existed) or were made by
another version of the checks, they are recomputed on the task runner and the case is shown
again with them; its queue row (the Checks column) is read again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reviewer.ui.tasks import TaskHandle, TaskRunner

if TYPE_CHECKING:
    from reviewer.review.case_model import CaseSnapshot
    from reviewer.review.facade import ReviewService


def refresh_findings(
    runner: TaskRunner,
    svc: ReviewService,
    snapshot: CaseSnapshot,
    still_shown: Callable[[], bool],
    show: Callable[[CaseSnapshot], None],
) -> None:
    """Recompute the case's stale findings in the background; `show` them if still shown."""

    def work(_h: TaskHandle) -> CaseSnapshot | None:
        return svc.update_findings(snapshot) if svc.findings_stale(snapshot) else None

    def done(updated: CaseSnapshot | None) -> None:
        if updated is not None and still_shown():
            show(updated)

    runner.run(work, on_done=done, key="reviewer-checks", label="Running Reviewer's checks")
