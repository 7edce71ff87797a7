"""What the window's controllers are given: an explicit, typed context instead of the window.

Controllers (fetch, decisions, Plaid actions, case tools) reach the service, the task runner, the
queue and the status bar only through this. They never reach into the window, and the window
never receives attributes from them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QMainWindow

from reviewer.review.preferences import Settings
from reviewer.ui.case_loader import CaseLoader
from reviewer.ui.case_queue import CaseQueue
from reviewer.ui.session import ServiceSession
from reviewer.ui.status import StatusWidgets
from reviewer.ui.tasks import TaskRunner


@dataclass(frozen=True)
class CurrentCase:
    """The case selected in the queue, as an operation names it."""

    case_id: str
    label: str


@dataclass(frozen=True)
class WindowContext:
    """The services a controller of the main window may use."""

    window: QMainWindow  # parent of the controllers' actions and dialogs; owns the menu bar
    runner: TaskRunner
    settings: Settings
    session: ServiceSession
    queue: CaseQueue
    loader: CaseLoader
    status: StatusWidgets
    show_error: Callable[[str, str], None]  # summary, details: an error the reviewer must see
    settings_changed: Callable[[], None]  # apply the settings again (a name was given)

    def say(self, text: str, timeout_ms: int = 0) -> None:
        """A line in the status bar."""
        self.window.statusBar().showMessage(text[:200], timeout_ms)

    def actor(self) -> str:
        """Who acts: the reviewer's name from the settings, or the OS user."""
        from reviewer.review.decisions import reviewer_identity  # pulls in the store: late

        return reviewer_identity(self.settings.reviewer_name)

    def current_case(self) -> CurrentCase | None:
        """The selected case, or None when nothing is selected or the service is not open."""
        case_id = self.queue.current_case_id()
        if case_id is None or self.session.service is None:
            return None
        return CurrentCase(case_id, self.queue.label_of(case_id))
