"""The window's connection to the core: the current `ReviewService`, opened and reopened off the
GUI thread, and the one place operations announce what they changed.

Opening imports the Plaid models and PyMuPDF and opens the store (seconds on a cold start), so it
runs on the task runner. Settings that change the environment or the credentials close the
service and open a new one with the same opener.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reviewer.ui.tasks import TaskHandle, TaskRunner

if TYPE_CHECKING:
    from reviewer.review.facade import OpChanges, ReviewService

# opens the service; called with the passphrase when the store asked for one
ServiceOpener = Callable[..., "ReviewService"]


class ServiceSession(QObject):
    """Holds the current service (None while it opens) and broadcasts `OpChanges`."""

    ready = Signal()  # a service is attached
    closed = Signal()  # the service went (settings changed); a new one is opening
    changed = Signal(object)  # OpChanges, after an operation finished

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.service: ReviewService | None = None
        self._opener: ServiceOpener | None = None

    def remember(self, opener: ServiceOpener) -> None:
        """The opener `reopen()` calls (ServiceOpening runs it the first time)."""
        self._opener = opener

    def attach(self, service: ReviewService) -> None:
        """Use this service from now on."""
        self.service = service
        self.ready.emit()

    def reopen(self) -> None:
        """Close the current service (and its Plaid client) and open a new one."""
        opener = self._opener
        if opener is None:
            return
        old, self.service = self.service, None
        self.closed.emit()

        def work(_h: TaskHandle) -> ReviewService:
            if old is not None:
                old.close()
            return opener()

        self.runner.run(work, on_done=self.attach, label="Reopening with new settings")

    def online_state(self) -> tuple[bool, str]:
        """Whether Plaid actions can run now, and the reason when not."""
        if self.service is None:
            return False, "starting"
        return self.service.can_fetch

    def announce(self, changes: OpChanges) -> None:
        """An operation finished: tell every view what it changed."""
        self.changed.emit(changes)

    def close(self) -> None:
        """Close the service (at quit, after the task runner stopped)."""
        service, self.service = self.service, None
        if service is not None:
            service.close()
