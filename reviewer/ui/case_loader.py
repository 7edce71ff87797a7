"""Reading cases into the window: the queue, the case shown, and refreshing what changed.

Everything is read on the task runner. After an operation the loader re-reads only what its
`OpChanges` name: the queue rows of those cases, and the case view when it shows one of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reviewer.ui.case_queue import CaseQueue
from reviewer.ui.checks_refresh import refresh_findings
from reviewer.ui.present.queue_order import QueueEntry, queue_entries
from reviewer.ui.present.when import short_time
from reviewer.ui.session import ServiceSession
from reviewer.ui.status import StatusWidgets
from reviewer.ui.tasks import TaskHandle, TaskRunner

if TYPE_CHECKING:
    from reviewer.review.case_model import CaseSnapshot, CaseSummary
    from reviewer.review.facade import OpChanges

ShowSnapshot = Callable[["CaseSnapshot | None"], None]


class CaseLoader(QObject):
    """Fills the queue and the case view from the service; applies `OpChanges`."""

    cases_loaded = Signal(int)  # the queue was read (number of rows)
    case_shown = Signal(str)  # a case is in the case view

    def __init__(
        self,
        runner: TaskRunner,
        session: ServiceSession,
        queue: CaseQueue,
        status: StatusWidgets,
        show_snapshot: ShowSnapshot,
        shown_case_id: Callable[[], str | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.session = session
        self.queue = queue
        self.status = status
        self._show = show_snapshot
        self._shown_case_id = shown_case_id
        self._select_when_listed: str | None = None
        self._select_pending = False
        # when a case's stale findings are recomputed: the window waits for the first page
        self.after_first_page: Callable[[Callable[[], None]], None] = lambda work: work()
        queue.case_selected.connect(self.load_case)
        session.changed.connect(self.apply)

    def refresh_queue(
        self, then: Callable[[], None] | None = None, select: str | None = None
    ) -> None:
        """Read every case again (at start and after the store reopened); keeps the selection."""
        svc = self.session.service
        if svc is None:
            return
        keep = select or self.queue.current_case_id()

        stale_after_hours = self.queue.model.stale_after_hours

        def done(entries: list[QueueEntry]) -> None:
            self.queue.set_cases(entries)
            self._show_last_sync()
            if keep:
                self.queue.select_case(keep)
            self.cases_loaded.emit(len(entries))
            if then is not None:
                then()

        def work(_h: TaskHandle) -> list[QueueEntry]:
            # the rows' sort keys and search text are made here, off the GUI thread
            return queue_entries(svc.list_cases(), stale_after_hours)

        self.runner.run(work, on_done=done, key="list-cases", label="Loading cases")

    def load_case(self, case_id: str) -> None:
        """Read a case from the cache (works offline) and show it."""
        svc = self.session.service
        if svc is None:
            return

        def done(snapshot: CaseSnapshot | None) -> None:
            self._show(snapshot)
            self.case_shown.emit(case_id)
            if snapshot is not None:  # outdated findings are recomputed in the background
                self.after_first_page(
                    lambda: refresh_findings(
                        self.runner,
                        svc,
                        snapshot,
                        lambda: self.queue.current_case_id() == case_id,
                        lambda updated: self._findings_updated(case_id, updated),
                    )
                )

        self.runner.run(
            lambda _h: svc.load_case(case_id), on_done=done, key="load-case", label="Opening case"
        )

    def _findings_updated(self, case_id: str, snapshot: CaseSnapshot) -> None:
        """Show the case again with its new findings; its queue row counts them."""
        from reviewer.review.facade import OpChanges

        self._show(snapshot)
        self.session.announce(OpChanges((case_id,), listed=True))

    def select_when_listed(self, case_id: str | None) -> None:
        """Select this case as soon as the queue shows it (a case being fetched right now);
        None: the top of the queue once it is updated (the demo's first fetch)."""
        if case_id is None or not self.queue.select_case(case_id):
            self._select_when_listed = case_id
            self._select_pending = True

    def apply(self, changes: OpChanges) -> None:
        """Re-read what an operation changed: its queue rows, and the case shown if it is one."""
        svc = self.session.service
        if svc is None:
            return
        shown = self._shown_case_id()
        if changes.removed:
            for case_id in changes.case_ids:
                self.queue.model.remove_case(case_id)
            if changes.touches(shown):
                self._show(None)
            self.cases_loaded.emit(self.queue.model.rowCount())
            return
        if changes.snapshot and changes.touches(shown) and shown is not None:
            self.load_case(shown)
        if not (changes.queue and changes.case_ids):
            return
        ids = changes.case_ids
        # the selection waiting for this announcement goes with it: an update started earlier
        # (a shown case's findings recomputed) can land first, without the fetched case's row
        select, wanted = self._select_pending, self._select_when_listed
        self._select_pending, self._select_when_listed = False, None

        def done(rows: list[CaseSummary]) -> None:
            self.queue.model.update_cases(rows)
            self._show_last_sync()
            if select:
                if wanted is None:
                    self.queue.select_top()
                else:
                    self.queue.select_case(wanted)
            self.cases_loaded.emit(self.queue.model.rowCount())

        # unlabelled: a few milliseconds' refresh, never what the status bar names while a
        # fetch (the demo's: one refresh a case) runs
        self.runner.run(lambda _h: svc.case_summaries(ids), on_done=done)

    def _show_last_sync(self) -> None:
        newest = self.queue.model.newest_fetch()
        self.status.set_last_sync(short_time(newest) if newest else "never")
