"""The left panel: the search box over the queue of cached cases, and the current selection."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.ui.present.queue_order import QueueEntry
from reviewer.ui.queue_model import CASE_ID_ROLE, COLUMNS, CaseQueueModel
from reviewer.ui.queue_proxy import CaseQueueProxy

if TYPE_CHECKING:  # the empty queue paints before the case model is imported
    from reviewer.review.case_model import CaseSummary

# rows sampled beyond the visible ones when fitting the columns to their contents (Qt's
# default reads 1,000 rows of every column through Python: 0.3 s at 10,000 cases)
FIT_SAMPLE_ROWS = 0
RISK_COLUMN = 2  # the queue opens sorted by it, riskiest first


class CaseQueue(QWidget):
    """Search box and case table; says which case the reviewer selected."""

    case_selected = Signal(str)  # the current row moved to this case

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CaseQueueModel(self)
        self.proxy = CaseQueueProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search cases (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        # The window paints before Python's Qt namespace is made (93 enums, ~25 ms of cold
        # start), so nothing of the first frame may hand Python a Qt enum: the column titles
        # come from a plain Qt model (a Python headerData would be given a Qt.Orientation),
        # and header clicks sort once `enable_sorting` ran, right after the first paint (Qt
        # gives the proxy's sort a Qt.SortOrder). Until then the rows are already riskiest first.
        self._titles = QStandardItemModel(0, len(COLUMNS), self)
        self._titles.setHorizontalHeaderLabels(list(COLUMNS))
        self.view.horizontalHeader().setModel(self._titles)
        self.proxy.sort_by(RISK_COLUMN, descending=True)
        self.view.setMinimumWidth(290)  # label, applicant and risk always readable
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)  # the Fetched column wrapped onto a clipped second line
        self.view.horizontalHeader().setStretchLastSection(True)
        for header in (self.view.horizontalHeader(), self.view.verticalHeader()):
            header.setResizeContentsPrecision(FIT_SAMPLE_ROWS)
        # one fixed row height: no row is measured (the view holds 10,000 of them)
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.selectionModel().currentRowChanged.connect(self._on_row)
        # cases arriving one by one (the demo fetch) widen the label column: "AP…" named nothing;
        # so does the "Reviewer checks failed" badge, which comes when the checks have run (a
        # data change after the row): without room for it the label was cut to "APP…"
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)  # many changes in a row: one fit on the next turn
        self._fit_timer.timeout.connect(self._fit_label_column)
        # the proxy reports new and changed rows as a layout change (rows move under it); the
        # fit measures only the rows on screen (FIT_SAMPLE_ROWS), so this is cheap
        for change in (self.proxy.layoutChanged, self.proxy.modelReset, self.proxy.rowsInserted):
            change.connect(lambda *_a: self._fit_timer.start(0))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.view)

    def enable_sorting(self) -> None:
        """Header clicks sort; the Risk header shows the queue's order (riskiest first)."""
        from PySide6.QtCore import Qt

        if not self.view.isSortingEnabled():
            self.view.horizontalHeader().setSortIndicator(RISK_COLUMN, Qt.SortOrder.DescendingOrder)
            self.view.setSortingEnabled(True)

    def focus_search(self) -> None:
        """Ctrl+F: type to filter the queue."""
        self.search.setFocus()
        self.search.selectAll()

    def set_cases(self, cases: Sequence[CaseSummary] | Sequence[QueueEntry]) -> None:
        """Show these cases (all of them: the queue was read again); entries made off the
        GUI thread (`queue_entries`) cost the GUI nothing to sort and search."""
        self.model.set_cases(cases)
        self.view.resizeColumnsToContents()

    def _fit_label_column(self) -> None:
        """The label column as wide as its labels (never narrower than the reviewer made it)."""
        before = self.view.columnWidth(0)
        self.view.resizeColumnToContents(0)
        self.view.setColumnWidth(0, max(before, self.view.columnWidth(0)))

    def current_case_id(self) -> str | None:
        """The case of the current row."""
        idx = self.view.selectionModel().currentIndex()
        value = idx.data(CASE_ID_ROLE) if idx.isValid() else None
        return value if isinstance(value, str) else None

    def label_of(self, case_id: str) -> str:
        """The reviewer's label of a case (its id when it has none)."""
        summary = self.model.case_at(self.model.row_of(case_id))
        return (summary.label if summary else None) or case_id

    def select_case(self, case_id: str) -> bool:
        """Make a case the current row (which loads it); False if it is not in the queue."""
        row = self.model.row_of(case_id)
        if row < 0:
            return False
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not proxy_index.isValid():
            return False
        if self.current_case_id() != case_id:
            self.view.setCurrentIndex(proxy_index)
        return True

    def select_top(self) -> None:
        """Select the first case in queue order (the riskiest, as the queue is sorted)."""
        index = self.proxy.index(0, 0)
        if index.isValid():
            self.view.setCurrentIndex(index)

    def cases_in_order(self) -> list[CaseSummary]:
        """The cases as the reviewer sees them (sorted, searched), hidden rows included."""
        return self.proxy.cases_in_order()

    def set_row_filter(self, keep: Callable[[CaseSummary], bool] | None) -> None:
        """Hide the rows whose case `keep` rejects (None: show every row)."""
        self.proxy.set_row_filter(keep)

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        case_id = current.data(CASE_ID_ROLE) if current.isValid() else None
        if isinstance(case_id, str):
            self.case_selected.emit(case_id)
