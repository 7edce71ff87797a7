"""Background work that waits for the first page: Reviewer's checks of a case just opened.

Opening a case shows its riskiest document at once; rechecking the case's stale findings runs
forensics in the documents layer and the checks in this process, which on a two-core laptop
would slow the flagged page's render. The checks start once that page is painted (or failed,
or after a few seconds), at once when no document is opening.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from reviewer.ui.documents_tab import DocumentsTab

LONGEST_WAIT_MS = 5000  # a page that takes longer than this no longer holds anything up


class AfterFirstPage(QObject):
    """Runs callables once the document opening in the Documents tab shows its page."""

    def __init__(self, documents: Callable[[], DocumentsTab | None], parent: QObject) -> None:
        super().__init__(parent)
        self._documents = documents
        self._waiting: list[Callable[[], None]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._release)
        self._connected: DocumentsTab | None = None

    def run(self, work: Callable[[], None]) -> None:
        """`work()` now, or when the page being opened is painted."""
        tab = self._documents()
        if tab is None or not tab.isVisible() or not tab.pane.opening:
            work()
            return
        if self._connected is not tab:
            tab.page_shown.connect(self._release)
            tab.page_failed.connect(self._release)
            self._connected = tab
        self._waiting.append(work)
        self._timer.start(LONGEST_WAIT_MS)

    def _release(self, *_args: object) -> None:
        self._timer.stop()
        waiting, self._waiting = self._waiting, []
        for work in waiting:
            work()
