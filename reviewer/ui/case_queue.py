"""The left panel: the search box over the queue of cached cases, and the current selection."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTableView, QVBoxLayout, QWidget

from reviewer.review.case_model import CaseSummary
from reviewer.ui.queue_model import CASE_ID_ROLE, CaseQueueModel, CaseQueueProxy


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
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setMinimumWidth(290)  # label, applicant and risk always readable
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)  # the Fetched column wrapped onto a clipped second line
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(self._on_row)
        self._row_filter: Callable[[CaseSummary], bool] | None = None
        for signal in (self.proxy.modelReset, self.proxy.layoutChanged, self.proxy.rowsInserted):
            signal.connect(lambda *_a: self.apply_row_filter())
        self.proxy.dataChanged.connect(lambda *_a: self.apply_row_filter())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.view)

    def focus_search(self) -> None:
        """Ctrl+F: type to filter the queue."""
        self.search.setFocus()
        self.search.selectAll()

    def set_cases(self, cases: list[CaseSummary]) -> None:
        """Show these cases (all of them: the queue was read again)."""
        self.model.set_cases(cases)
        self.view.resizeColumnsToContents()

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
        cases = []
        for r in range(self.proxy.rowCount()):
            case = self.model.case_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
            if case is not None:
                cases.append(case)
        return cases

    def set_row_filter(self, keep: Callable[[CaseSummary], bool] | None) -> None:
        """Hide the rows whose case `keep` rejects (None: show every row)."""
        self._row_filter = keep
        self.apply_row_filter()

    def apply_row_filter(self) -> None:
        """Hide rows again after the rows changed."""
        keep = self._row_filter
        for r, case in enumerate(self.cases_in_order()):
            self.view.setRowHidden(r, keep is not None and not keep(case))

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        case_id = current.data(CASE_ID_ROLE) if current.isValid() else None
        if isinstance(case_id, str):
            self.case_selected.emit(case_id)
