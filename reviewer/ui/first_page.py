"""Background work that waits for the first page: Reviewer's checks of a case just opened.

Opening a case shows its riskiest document; rechecking the case's stale findings runs forensics
in the documents layer and the checks in this process, which on a two-core laptop would slow the
flagged page's render. So the checks wait: for the page being opened in the Documents tab to be
painted (or to fail, or at most a few seconds), and when no page is opening, a moment in case the
reviewer opens one now (Alt+2 right after picking the case).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from reviewer.ui.documents_tab import DocumentsTab

GRACE_MS = 1000  # no page opening: how long a page that starts opening now still goes first
LONGEST_WAIT_MS = 5000  # a page that takes longer than this no longer holds anything up


class AfterFirstPage(QObject):
    """Runs callables once the document opening in the Documents tab shows its page."""

    def __init__(self, documents: Callable[[], DocumentsTab | None], parent: QObject) -> None:
        super().__init__(parent)
        self._documents = documents
        self._waiting: list[Callable[[], None]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timed_out)
        self._connected: DocumentsTab | None = None
        self._for_page = False  # the timer runs for a page being opened (else the grace)

    @property
    def waiting(self) -> bool:
        """Some work waits for a page."""
        return bool(self._waiting)

    def run(self, work: Callable[[], None]) -> None:
        """`work()` once the page being opened is painted, or after the grace period."""
        tab = self._documents()
        if tab is not None and self._connected is not tab:
            tab.page_shown.connect(self._release)
            tab.page_failed.connect(self._release)
            self._connected = tab
        self._waiting.append(work)
        self._for_page = self._page_opening()
        self._timer.start(LONGEST_WAIT_MS if self._for_page else GRACE_MS)

    def _page_opening(self) -> bool:
        tab = self._documents()
        return tab is not None and tab.isVisible() and tab.pane.opening

    def _timed_out(self) -> None:
        if not self._for_page and self._page_opening():  # opened during the grace period
            self._for_page = True
            self._timer.start(LONGEST_WAIT_MS)
            return
        self._release()

    def _release(self, *_args: object) -> None:
        self._timer.stop()
        waiting, self._waiting = self._waiting, []
        for work in waiting:
            work()
