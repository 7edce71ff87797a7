"""Status bar widgets: environment badge, online state, last sync, task progress with cancel."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget


class StatusWidgets:
    """Owns the permanent widgets of the main window's status bar."""

    def __init__(self, bar: QStatusBar, parent: QWidget) -> None:
        self.environment = QLabel("…")
        self.environment.setToolTip("Which Plaid environment this window talks to")
        self.online = QLabel("")
        self.last_sync = QLabel("")
        self.task = QLabel("")
        # room for the usual steps ("Fetched APP-1003", "Checked APP-1002"): the bar beside it
        # stays put instead of shifting with each step's width (and the bar is not laid out again)
        self.task.setMinimumWidth(
            self.task.fontMetrics().horizontalAdvance("Fetching demo cases") + 8
        )
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(True)
        self.cancel = QPushButton("Cancel")
        self.cancel.setToolTip("Cancel the running fetch (Esc)")
        for w in (self.task, self.progress, self.cancel):
            w.hide()
        self._busy = False
        self._measured: str | None = None  # the running task whose progress the bar shows
        bar.addWidget(self.task)
        bar.addWidget(self.progress)
        bar.addWidget(self.cancel)
        bar.addPermanentWidget(self.last_sync)
        bar.addPermanentWidget(self.online)
        bar.addPermanentWidget(self.environment)

    def set_environment(self, label: str) -> None:
        """The environment badge; production is red so nobody mistakes it for a sandbox."""
        self.environment.setText(f" {label} ")
        production = "PRODUCTION" in label.upper()
        colour = "#c0392b" if production else "#2c7be5" if "SANDBOX" in label.upper() else "#6c757d"
        self.environment.setStyleSheet(
            f"QLabel {{ background: {colour}; color: white; font-weight: bold; border-radius: 3px; padding: 1px 6px; }}"
        )

    def set_online(self, online: bool, reason: str = "") -> None:
        """Online / offline (with why)."""
        self.online.setText("● online" if online else "○ offline")
        self.online.setToolTip(reason or ("Plaid is reachable" if online else "offline"))

    def set_last_sync(self, when: str) -> None:
        """Time of the newest fetch."""
        self.last_sync.setText(f"last sync {when}")

    def set_busy(self, count: int, label: str) -> None:
        """Show or hide the task indicator; `label` names the newest running task."""
        busy = count > 0
        if busy != self._busy:
            self._busy = busy
            self.task.setVisible(busy)
            self.progress.setVisible(busy)
            if not busy:
                self._measured = None
                self.cancel.hide()
        # the task whose own progress is on show keeps it: the demo's first fetch starts and
        # ends a queue update per case, and flipping the bar to "busy" and back for each
        # one cost the window a few milliseconds a case, for a flicker
        if not busy or label == self._measured:
            return
        self._measured = None
        text = label or "Working…"
        if self.task.text() != text:
            self.task.setText(text)
        if self.progress.maximum() != 0:
            self.progress.setRange(0, 0)

    def show_progress(self, progress: Any, label: str | None = None) -> None:
        """A Progress(step, done, total, bytes) from a fetch (the task named `label`)."""
        step = getattr(progress, "step", "")
        done, total = getattr(progress, "done", 0), getattr(progress, "total", 0)
        if total:
            self._measured = label
            if self.progress.maximum() != max(total, 1):
                self.progress.setRange(0, max(total, 1))
            self.progress.setValue(min(done, total))
            self.progress.setFormat(f"{done}/{total}")
        if step:
            self.task.setText(str(step)[:60])
