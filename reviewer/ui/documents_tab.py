"""The Documents tab: the document list beside the viewer (pages, thumbnails, risk panel)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.review.case_model import CaseSnapshot, DocumentRecord
from reviewer.review.document_status import document_status_line, short_status
from reviewer.ui.present.doc_list import (
    document_info,
    document_tooltip,
    flag_text,
    riskiest_document,
)
from reviewer.ui.present.risk import document_risks, flagged_page, risk_band, signals_for
from reviewer.ui.present.words import document_status_words, document_type_words
from reviewer.ui.queue_model import BAND_COLOURS
from reviewer.ui.rows_model import KEY_ROLE, SORT_ROLE, RowsModel
from reviewer.ui.tasks import TaskRunner
from reviewer.ui.viewer.pane import DocumentPane
from reviewer.ui.viewer.renderer import DocumentRenderer


# compact: the flag column and the document's name come first, the rest scrolls sideways
class DocumentList(QTableView):
    """The compact list: choosing a row scrolls up or down to it, never sideways (the flag
    column stays on screen when a long name is chosen in a narrow list); a name too long for
    the list loses its middle, not its end ("Pay st…2026-11-06.pdf": two stubs stay apart)."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setWordWrap(False)  # a wrapped name was cut on a second line instead

    def fit_name_column(self) -> None:
        """The name column ends at the list's right edge (its text elided to fit there)."""
        room = self.viewport().width() - self.columnWidth(0)
        if room >= 60:
            self.setColumnWidth(1, room)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The splitter moved: the name column follows the list's width."""
        super().resizeEvent(event)
        self.fit_name_column()

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        """Vertical scrolling only; the horizontal position stays where the reviewer left it."""
        across = self.horizontalScrollBar().value()
        super().scrollTo(index, hint)
        self.horizontalScrollBar().setValue(across)


HEADERS = ("⚑ Risk", "Document", "Status", "Pages", "Signals", "Problem")


class DocumentsTab(QWidget):
    """List on the left, page on the right; opening a document renders its most flagged page."""

    page_shown = Signal(str, int)  # document id, 1-based page
    page_failed = Signal(str, str)  # document id, reason

    def __init__(
        self,
        runner: TaskRunner,
        renderer: DocumentRenderer,
        path_of: Callable[[DocumentRecord], Path | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner, self._renderer, self._path_of = runner, renderer, path_of
        self._snapshot: CaseSnapshot | None = None
        self._doc: DocumentRecord | None = None
        self._page = 1
        self._open_first: str | None = None  # opened when the tab is next on screen
        self.thresholds = (20, 80)
        self._listed_thresholds = self.thresholds  # the risk bands the list was coloured with

        self.model = RowsModel(HEADERS, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = DocumentList()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName("Documents of the case")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda idx: self.open_document(self.proxy.data(idx, KEY_ROLE)))
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.open_document(self.proxy.data(cur, KEY_ROLE))
        )

        self.pane = DocumentPane(runner, renderer)
        self.page_view = self.pane.pages  # the continuous page view (has_page, highlights)
        self.pane.target_painted.connect(
            lambda page: self.page_shown.emit(self._doc.document_id if self._doc else "", page)
        )
        self.pane.failed.connect(
            lambda reason: self.page_failed.emit(self._doc.document_id if self._doc else "", reason)
        )
        self.pane.other_document_requested.connect(self.select_document)
        self.splitter = splitter = QSplitter()
        splitter.setObjectName("documents-splitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.pane)
        splitter.setStretchFactor(1, 4)
        self.table.setMinimumWidth(120)
        splitter.setSizes([170, 1200])  # compact: flag and name; the page takes the rest
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

    def set_snapshot(self, snapshot: CaseSnapshot | None) -> None:
        """Fill the list and open the riskiest document; nothing of the last case stays.

        The same snapshot again with its findings brought up to date (the checks finished in
        the background) keeps the open document where the reviewer is reading it.
        """
        shown_doc = self._doc
        if snapshot is not None and shown_doc is not None and self._only_findings_changed(snapshot):
            self._snapshot = snapshot
            doc_id = shown_doc.document_id
            self._doc = next((d for d in snapshot.documents if d.document_id == doc_id), shown_doc)
            self.pane.show_findings(snapshot.findings)
            self.pane.forensics.show_findings(doc_id, snapshot.findings)
            return
        self._listed_thresholds = self.thresholds
        self._snapshot = snapshot
        self._doc = None
        self.pane.risk.thresholds = self.thresholds
        self.pane.clear("Select a document to view it." if snapshot else "No case is open.")
        if snapshot is None:
            self.model.set_rows([])
            return
        risks = document_risks(snapshot)
        rows, keys, tips, colours = [], [], [], []
        low, high = self.thresholds
        for d in snapshot.documents:
            r = risks.get(d.document_id)
            score = r.score if r else None
            flags = r.fraud_flags if r else 0
            kind = document_type_words(d.document_type)
            info = snapshot.model.document(d.document_id.split("#", 1)[0])
            plaid_error = info.error_message if info is not None else None
            problem = "; ".join(p for p in (plaid_error, d.problem) if p)
            said = document_status_line(d, info)  # "Password protected: …"
            rows.append(
                [
                    # the flag column: fraud flags and the score, coloured by risk band
                    (flag_text(score, flags, d.problem, said), -1.0 if score is None else score),
                    # the file's name (the type is in the tooltip and the viewer's title): in a
                    # narrow list "Pay st…er.pdf" had hidden that it is the offer letter
                    (d.name or kind, f"{kind} {d.name}".lower()),
                    short_status(said) if said else document_status_words(d.status),
                    (str(d.page_count) if d.page_count is not None else "—", d.page_count or 0),
                    (str(r.signal_count if r else 0), r.signal_count if r else 0),
                    problem,
                ]
            )
            keys.append(d.document_id)
            tips.append(document_tooltip(d, score, flags, info))
            colour = BAND_COLOURS.get(risk_band(score, low, high))
            colours.append({0: colour} if colour is not None else {})
        self.model.set_rows(rows, keys, tips, colours)
        self.pane.risk.document_names = {
            d.document_id: document_type_words(d.document_type) + (f": {d.name}" if d.name else "")
            for d in snapshot.documents
        }
        self.table.resizeColumnsToContents()
        self.table.fit_name_column()
        # the riskiest document opens when the tab is on screen: reading a case's Overview
        # must not keep the documents worker busy with a document nobody looks at
        self._open_first = riskiest_document(snapshot)
        if self.isVisible():
            self._open_riskiest()

    def _only_findings_changed(self, snapshot: CaseSnapshot) -> bool:
        shown = self._snapshot
        return (
            shown is not None
            and snapshot.case.id == shown.case.id
            and snapshot.snapshot_id is not None
            and snapshot.snapshot_id == shown.snapshot_id
            and self.thresholds == self._listed_thresholds
        )

    def _open_riskiest(self) -> None:
        first, self._open_first = self._open_first, None
        if first is not None and self._doc is None:
            self.select_document(first)

    def showEvent(self, event: QShowEvent) -> None:
        """The tab comes on screen: open the case's riskiest document if none is open."""
        super().showEvent(event)
        # on the next turn of the event loop: the page's zoom is worked out from the viewer's
        # size, and a tab just shown is not laid out yet (a 280 px wide viewport): the first
        # render would come at the wrong zoom, to be thrown away and rendered again
        QTimer.singleShot(0, self._open_riskiest)

    def document_ids(self) -> list[str]:
        """Document ids in list order (source order)."""
        return [self.model.key_at(i) for i in range(self.model.rowCount())]

    def current_document(self) -> DocumentRecord | None:
        """The open document."""
        return self._doc

    @property
    def current_page(self) -> int:
        """1-based page shown."""
        return self._page

    def open_document(self, document_id: Any) -> None:
        """Show a document's most flagged page (rendering runs on the task runner)."""
        if self._snapshot is None or not isinstance(document_id, str):
            return
        doc = next((d for d in self._snapshot.documents if d.document_id == document_id), None)
        if doc is None or doc is self._doc:
            return
        self._doc = doc
        sigs = signals_for(self._snapshot, document_id)
        self._page = flagged_page(sigs, document_id)
        self.pane.risk.thresholds = self.thresholds
        path = self._path_of(doc) if doc.sha256 or doc.path else None
        if doc.problem and not doc.sha256:
            path = None
        info = document_info(self._snapshot, document_id)
        self.pane.show_document(doc, path, sigs, self._page, document_status_line(doc, info))
        self.pane.show_findings(self._snapshot.findings)
        self.pane.forensics.show_findings(doc.document_id, self._snapshot.findings)

    def select_document(self, document_id: str) -> None:
        """Select a document in the list, which opens it (a multi-document signal's other)."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.data(index, KEY_ROLE) == document_id:
                self.table.setCurrentIndex(index)
                return

    def show_page(self, page: int) -> None:
        """Scroll the open document to a 1-based page."""
        self._page = page
        self.pane.pages.scroll_to_page(page)
