"""The Documents tab: the document list, a plain page view with highlights, unplaced signals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.review.case_model import CaseSnapshot, DocumentRecord, SignalRecord
from reviewer.ui.page_view import DocumentRenderer, Highlight, PageView
from reviewer.ui.present.fmt import humanize
from reviewer.ui.present.risk import document_risks, flagged_page, risk_band, signals_for
from reviewer.ui.queue_model import BAND_COLOURS
from reviewer.ui.rows_model import KEY_ROLE, SORT_ROLE, RowsModel
from reviewer.ui.tasks import TaskHandle, TaskRunner

HEADERS = ("Type", "Name", "Status", "Pages", "Score", "Signals", "Problem")


def signal_tooltip(sig: SignalRecord) -> str:
    """What a reviewer needs to judge a signal, in words."""
    lines = [f"{humanize(sig.type)} on {sig.field or 'the document'}"]
    if sig.expected_value or sig.actual_value:
        lines.append(
            f"Document shows: {sig.expected_value or '—'}; expected: {sig.actual_value or '—'}"
        )
    if sig.signal_description:
        lines.append(sig.signal_description)
    if sig.risk_score is not None:
        lines.append(
            f"Risk score {sig.risk_score:g}" + (" (fraud risk)" if sig.has_fraud_risk else "")
        )
    return "\n".join(lines)


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
        self._page_count = 1
        self.thresholds = (20, 80)

        self.model = RowsModel(HEADERS, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda idx: self.open_document(self.proxy.data(idx, KEY_ROLE)))
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.open_document(self.proxy.data(cur, KEY_ROLE))
        )

        self.title = QLabel("Select a document to view it.")
        self.title.setWordWrap(True)
        self.prev_button = QPushButton("◀ Page")
        self.prev_button.setToolTip("Previous page (Page Up)")
        self.prev_button.setShortcut("PgUp")
        self.next_button = QPushButton("Page ▶")
        self.next_button.setToolTip("Next page (Page Down)")
        self.next_button.setShortcut("PgDown")
        self.prev_button.clicked.connect(lambda: self.show_page(self._page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self._page + 1))
        nav = QHBoxLayout()
        nav.addWidget(self.title, 1)
        nav.addWidget(self.prev_button)
        nav.addWidget(self.next_button)

        self.page_view = PageView()
        scroll = QScrollArea()
        scroll.setWidget(self.page_view)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.signal_list = QListWidget()
        self.signal_list.setToolTip("Signals on this document; unplaced ones say why")
        self.signal_list.setMaximumHeight(140)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(nav)
        rl.addWidget(scroll, 1)
        rl.addWidget(QLabel("Signals (location unknown ones are listed too):"))
        rl.addWidget(self.signal_list)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self._update_nav()

    def set_snapshot(self, snapshot: CaseSnapshot | None) -> None:
        """Fill the list; clear the page view."""
        self._snapshot = snapshot
        self._doc = None
        self.page_view.set_page(None, (612.0, 792.0), [])
        self.signal_list.clear()
        self.title.setText("Select a document to view it.")
        if snapshot is None:
            self.model.set_rows([])
            return
        risks = document_risks(snapshot)
        rows, keys, tips, colours = [], [], [], []
        low, high = self.thresholds
        for d in snapshot.documents:
            r = risks.get(d.document_id)
            score = r.score if r else None
            rows.append(
                [
                    humanize(d.document_type),
                    d.name or d.document_id,
                    humanize(d.status) if d.status else "—",
                    (str(d.page_count) if d.page_count is not None else "—", d.page_count or 0),
                    ("—" if score is None else f"{score:g}", -1.0 if score is None else score),
                    (str(r.signal_count if r else 0), r.signal_count if r else 0),
                    d.problem or "",
                ]
            )
            keys.append(d.document_id)
            tips.append(d.problem or d.document_id)
            colour = BAND_COLOURS.get(risk_band(score, low, high))
            colours.append({4: colour} if colour is not None else {})
        self.model.set_rows(rows, keys, tips, colours)
        self.table.resizeColumnsToContents()

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
        self.signal_list.clear()
        for sig in sigs:
            where = (
                f"page {', '.join(sorted({str(loc.page) for loc in sig.locations}))}"
                if sig.locations
                else f"location unknown ({sig.location_note or 'no matching text'})"
            )
            self.signal_list.addItem(f"{signal_tooltip(sig).splitlines()[0]} — {where}")
            self.signal_list.item(self.signal_list.count() - 1).setToolTip(signal_tooltip(sig))
        self._page_count = max(1, doc.page_count or 1)
        self.title.setText(f"{humanize(doc.document_type)}: {doc.name or doc.document_id}")
        if doc.problem and not doc.sha256:
            self._fail(doc.document_id, doc.problem)
            return
        self.show_page(flagged_page(sigs, document_id))

    def show_page(self, page: int) -> None:
        """Render and show a 1-based page of the open document."""
        doc = self._doc
        if doc is None or self._snapshot is None:
            return
        page = max(1, min(page, self._page_count))
        self._page = page
        self._update_nav()
        path = self._path_of(doc)
        if path is None:
            self._fail(doc.document_id, doc.problem or "the file was not downloaded")
            return
        highlights = [
            Highlight(loc.rect, signal_tooltip(sig), bool(sig.has_fraud_risk))
            for sig in signals_for(self._snapshot, doc.document_id)
            for loc in sig.locations
            if loc.document_id == doc.document_id and loc.page == page
        ]
        ratio = self.devicePixelRatioF() or 1.0
        renderer = self._renderer
        doc_id = doc.document_id

        def work(_handle: TaskHandle) -> tuple[QImage, tuple[float, float]]:
            return renderer.render(path, page - 1, 1.5 * ratio)

        def done(result: tuple[QImage, tuple[float, float]]) -> None:
            image, size_pt = result
            # 1.5x zoom rendered at device pixels: show at 1.5 logical px per point
            image.setDevicePixelRatio(ratio)
            self.page_view.set_page(image, size_pt, highlights)
            self.page_shown.emit(doc_id, page)

        self._runner.run(
            work,
            on_done=done,
            on_error=lambda exc: self._fail(doc_id, f"could not render page {page}: {exc}"),
            key="render-page",
            label="Rendering page",
        )

    def _fail(self, document_id: str, reason: str) -> None:
        self.page_view.set_page(None, (612.0, 792.0), [])
        self.title.setText(f"{self.title.text()}\n⚠ {reason}")
        self.page_failed.emit(document_id, reason)

    def _update_nav(self) -> None:
        self.prev_button.setEnabled(self._doc is not None and self._page > 1)
        self.next_button.setEnabled(self._doc is not None and self._page < self._page_count)
