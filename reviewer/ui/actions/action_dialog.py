"""The base of the Plaid action dialogs: confirmation, progress with Cancel, outcome.

Each dialog is its own confirmation: it names the environment and the items the action will touch
before the reviewer presses the button (refreshes can be limited and billed). Once started, the
dialog shows the task's progress with a Cancel button, then the outcome in plain words. The work
runs on the window's TaskRunner; cancelling sets an event the action polls (and that cuts its
back-off sleeps short), so the outcome of a cancelled action still arrives and is shown.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer.ui.tasks import TaskHandle, TaskRunner

if TYPE_CHECKING:
    from reviewer.review.actions import ActionOutcome
    from reviewer.review.progress import CancelCheck, ProgressCallback

# work(progress, cancel, sleep) -> ActionOutcome, run on a worker thread
ActionWork = Callable[["ProgressCallback", "CancelCheck", Callable[[float], None]], "ActionOutcome"]


class ActionDialog(QDialog):
    """A form, a confirmation line, then progress with Cancel, then the outcome."""

    outcome_shown = Signal(object)  # the ActionOutcome (or the exception) once it is on screen

    def __init__(self, title: str, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.runner = runner
        self.running = False
        self.outcome: ActionOutcome | BaseException | None = None
        self._cancel = threading.Event()
        layout = QVBoxLayout(self)
        # progress and outcome lines appear later: grow the dialog instead of squeezing the form
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.form = QFormLayout()
        self.inputs: list[QWidget] = []  # the form's fields, frozen while the action runs
        layout.addLayout(self.form)
        self.confirmation = QLabel()
        self.confirmation.setWordWrap(True)
        self.confirmation.setStyleSheet("font-weight: bold")
        layout.addWidget(self.confirmation)
        self.progress_text = QLabel()
        self.progress_text.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)  # Plaid gives no percentage: a busy indicator
        keep = self.progress_bar.sizePolicy()
        keep.setRetainSizeWhenHidden(True)  # the form keeps its place when progress appears
        self.progress_bar.setSizePolicy(keep)
        self.progress_bar.hide()
        layout.addWidget(self.progress_text)
        layout.addWidget(self.progress_bar)
        self.result_text = QLabel()
        self.result_text.setWordWrap(True)
        self.result_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result_text)
        self.buttons = QDialogButtonBox()
        self.start_button = QPushButton("Start")
        self.start_button.setDefault(True)
        self.close_button = QPushButton("Cancel")
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self._close_or_cancel)
        layout.addWidget(self.buttons)

    # subclasses: what the action does, and whether the form is complete
    def work(self) -> ActionWork:
        """The blocking action, bound to the form's current choices."""
        raise NotImplementedError

    def problem(self) -> str:
        """Why the action cannot start yet ("" when it can)."""
        return ""

    def update_state(self) -> None:
        """Refresh the confirmation line and the Start button from the form."""
        problem = self.problem()
        self.start_button.setEnabled(not problem and not self.running and self.outcome is None)
        if problem:
            self.confirmation.setText(problem)
            self.confirmation.setStyleSheet("color: #b00020")
        else:
            self.confirmation.setText(self.confirmation_question())
            self.confirmation.setStyleSheet("font-weight: bold")

    def confirmation_question(self) -> str:
        """The question the Start button answers (names the environment and the items)."""
        return ""

    def start(self) -> None:
        """Run the action on the TaskRunner; the dialog shows its progress."""
        if self.running or self.problem() or self.outcome is not None:
            return
        work = self.work()
        self.running = True
        self._cancel.clear()
        for widget in self.inputs:
            widget.setEnabled(False)  # the running action keeps the choices it started with
        self.start_button.setEnabled(False)
        self.close_button.setText("Cancel action")
        self.progress_bar.show()
        self.progress_text.setText("Starting…")
        self.adjustSize()
        cancel = self._cancel

        def task(h: TaskHandle) -> ActionOutcome:
            def sleep(seconds: float) -> None:
                # Cancel in the dialog wakes a back-off wait at once; the app quitting (the
                # runner cancels the task) within a tenth of a second, never a 30 s wait
                end = time.monotonic() + seconds
                while not h.is_cancelled() and not cancel.wait(min(0.1, end - time.monotonic())):
                    if time.monotonic() >= end:
                        return

            return work(h.report, lambda: cancel.is_set() or h.is_cancelled(), sleep)

        self.runner.run(
            task,
            on_done=self._finished,
            on_error=self._failed,
            on_progress=self._progress,
            label=self.windowTitle(),
        )

    def cancel_action(self) -> None:
        """Ask the running action to stop at its next check (polling stops at once)."""
        if self.running:
            self._cancel.set()
            self.progress_text.setText("Cancelling…")
            self.close_button.setEnabled(False)

    def _close_or_cancel(self) -> None:
        if self.running:
            self.cancel_action()
        else:
            self.reject()

    def reject(self) -> None:
        """Closing the window while the action runs cancels it first."""
        if self.running:
            self.cancel_action()
            return
        super().reject()

    def _progress(self, progress: object) -> None:
        self.progress_text.setText(getattr(progress, "step", None) or str(progress))

    def _done_state(self) -> None:
        self.running = False
        self.progress_bar.hide()
        self.progress_text.setText("")
        self.close_button.setEnabled(True)
        self.close_button.setText("Close")

    def _finished(self, outcome: ActionOutcome) -> None:
        self._done_state()
        self.outcome = outcome
        self.result_text.setText(self.describe(outcome))
        self.result_text.setStyleSheet("" if outcome.ok else "color: #b00020")
        self.adjustSize()
        self.outcome_shown.emit(outcome)

    def _failed(self, exc: BaseException) -> None:
        self._done_state()
        self.outcome = exc
        self.result_text.setText(f"Failed: {exc}")
        self.result_text.setStyleSheet("color: #b00020")
        self.outcome_shown.emit(exc)

    def describe(self, outcome: ActionOutcome) -> str:
        """The outcome in plain words (with Plaid's request id for support)."""
        text = outcome.message or str(outcome)
        request_id = outcome.request_id
        return f"{text}\n\nPlaid request id: {request_id}" if request_id else text
