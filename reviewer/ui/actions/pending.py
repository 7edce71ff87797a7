"""A decision waiting a few seconds for Undo before it is written to the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from reviewer.review.decisions import Decision

UNDO_SECONDS = 5.0


@dataclass(frozen=True)
class PendingDecision:
    """The case and the decision not yet committed."""

    case_id: str
    label: str
    decision: Decision


class PendingDecisions(QObject):
    """Holds at most one decision; commits it when the undo window ends (or a new one comes)."""

    committed = Signal(object)  # PendingDecision, just handed to `commit`
    undone = Signal(object)

    def __init__(
        self,
        commit: Callable[[PendingDecision], None],
        undo_seconds: float = UNDO_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._commit = commit
        self.pending: PendingDecision | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(int(undo_seconds * 1000))
        self.timer.timeout.connect(self.flush)

    def hold(self, pending: PendingDecision) -> None:
        """Start the undo window for a decision (an earlier one is committed now)."""
        self.flush()
        self.pending = pending
        self.timer.start()

    def undo(self) -> PendingDecision | None:
        """Drop the pending decision; it is never written."""
        self.timer.stop()
        pending, self.pending = self.pending, None
        if pending is not None:
            self.undone.emit(pending)
        return pending

    def take(self) -> PendingDecision | None:
        """Remove and return the pending decision without committing it (the caller will)."""
        self.timer.stop()
        pending, self.pending = self.pending, None
        return pending

    def flush(self) -> None:
        """Commit the pending decision now (window closing, next decision, timer)."""
        self.timer.stop()
        pending, self.pending = self.pending, None
        if pending is not None:
            self._commit(pending)
            self.committed.emit(pending)
