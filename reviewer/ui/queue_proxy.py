"""The queue as the reviewer sees it: sorted, searched and filtered by decision.

A thin Qt adapter over `present.queue_order`: the order is a list of source rows computed in
plain Python from keys made once per case, so a header click or a key typed in the search box
costs milliseconds at 10,000 cases (a QSortFilterProxyModel asks the model for every cell of
every row through Python each time). Changes keep the selection: rows move under
`layoutChanged` with their persistent indexes carried to the case's new row.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractProxyModel, QModelIndex, QObject, QPersistentModelIndex

from reviewer.ui.present.queue_order import COLUMN_COUNT, matching, ranked
from reviewer.ui.queue_model import CaseQueueModel

if TYPE_CHECKING:  # the empty queue paints before the case model is imported
    from PySide6.QtCore import Qt

    from reviewer.review.case_model import CaseSummary

_Index = QModelIndex | QPersistentModelIndex
RowFilter = Callable[["CaseSummary"], bool]
_DISPLAY = 0  # Qt.ItemDataRole.DisplayRole (Python's Qt namespace is made after the first paint)


@cache
def _flags() -> tuple[Qt.ItemFlag, Qt.ItemFlag]:
    """A row's flags, and an invalid index's (asked once rows are shown, after the paint)."""
    from PySide6.QtCore import Qt

    return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled, Qt.ItemFlag.NoItemFlags


class CaseQueueProxy(QAbstractProxyModel):
    """Sorts by the raw values and keeps the rows whose text holds the search (any column,
    case-insensitively) and that the row filter (the decision filter) accepts."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: CaseQueueModel | None = None
        self._column, self._descending = -1, False
        self._text = ""
        self._keep: RowFilter | None = None
        self._ranked: list[int] = []  # every source row, in sort order
        self._visible: list[int] = []  # the source rows shown, in order
        self._proxy_row: dict[int, int] = {}  # source row -> proxy row
        self._moving: list[tuple[QModelIndex, str | None, int]] | None = None

    # -- wiring --------------------------------------------------------------------------

    def setSourceModel(self, source: Any) -> None:
        """Attach the queue's table model (a `CaseQueueModel`)."""
        if not isinstance(source, CaseQueueModel):
            raise TypeError("CaseQueueProxy shows a CaseQueueModel")
        self.beginResetModel()
        super().setSourceModel(source)
        self._source = source
        source.modelAboutToBeReset.connect(self.beginResetModel)
        source.modelReset.connect(self._source_reset)
        source.rowsAboutToBeInserted.connect(self._begin_move)
        source.rowsInserted.connect(self._end_move)
        source.rowsAboutToBeRemoved.connect(self._begin_move)
        source.rowsRemoved.connect(self._end_move)
        source.dataChanged.connect(self._data_changed)
        self._recompute(rerank=True)
        self.endResetModel()

    def _source_reset(self) -> None:
        self._recompute(rerank=True)
        self.endResetModel()

    def _data_changed(self, *_args: object) -> None:
        # a changed row may sort or match differently: the rows stay, their order may not
        self._begin_move()
        self._end_move()

    # -- what the reviewer asks for ------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder | None = None) -> None:
        """Sort by a column (a header click; ascending unless told)."""
        from PySide6.QtCore import Qt

        self.sort_by(column, descending=order == Qt.SortOrder.DescendingOrder)

    def sort_by(self, column: int, *, descending: bool) -> None:
        """Sort by a column, in Python's terms (the queue's order before the first paint)."""
        self._column, self._descending = column, descending
        self._begin_move()
        self._end_move()

    def set_search(self, text: str) -> None:
        """Show the cases whose text holds `text` (any column, any case); "" shows all."""
        if text != self._text:
            self._text = text
            self._begin_move(rerank=False)
            self._end_move(rerank=False)

    def search_text(self) -> str:
        """What the queue is searched for."""
        return self._text

    def set_row_filter(self, keep: RowFilter | None) -> None:
        """Show only the cases `keep` accepts (None: every case)."""
        self._keep = keep
        self._begin_move(rerank=False)
        self._end_move(rerank=False)

    def cases_in_order(self) -> list[CaseSummary]:
        """The cases in queue order that match the search, the ones the row filter hides
        included (the next undecided case may be one of them)."""
        if self._source is None:
            return []
        entries = self._source.entries
        return [entries[i].case for i in matching(entries, self._ranked, self._text)]

    # -- keeping the order ---------------------------------------------------------------

    def _recompute(self, *, rerank: bool) -> None:
        entries = self._source.entries if self._source is not None else []
        if rerank or len(self._ranked) != len(entries):
            self._ranked = ranked(entries, self._column, self._descending)
        self._visible = matching(entries, self._ranked, self._text, self._keep)
        self._proxy_row = {source: row for row, source in enumerate(self._visible)}

    def _begin_move(self, *_args: object, rerank: bool = True) -> None:
        """Before the rows change: remember which case each persistent index points at."""
        self.layoutAboutToBeChanged.emit()
        moving = []
        for index in self.persistentIndexList():
            case_id = None
            if index.isValid() and 0 <= index.row() < len(self._visible):
                case = self._case_at_source(self._visible[index.row()])
                case_id = case.id if case is not None else None
            moving.append((index, case_id, index.column()))
        self._moving = moving

    def _end_move(self, *_args: object, rerank: bool = True) -> None:
        """After: recompute the order and move each persistent index to its case's row."""
        self._recompute(rerank=rerank)
        moving, self._moving = self._moving or [], None
        old, new = [], []
        for index, case_id, column in moving:
            source_row = self._source.row_of(case_id) if self._source and case_id else -1
            row = self._proxy_row.get(source_row, -1)
            old.append(index)
            new.append(self.index(row, column) if row >= 0 else QModelIndex())
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _case_at_source(self, row: int) -> CaseSummary | None:
        return self._source.case_at(row) if self._source is not None else None

    # -- QAbstractProxyModel -------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """The proxy index of a shown row."""
        if parent.isValid() or not (0 <= row < len(self._visible) and 0 <= column < COLUMN_COUNT):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, _child: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """A flat table: no index has a parent."""
        return QModelIndex()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Number of cases shown."""
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """The queue's columns."""
        return 0 if parent.isValid() or self._source is None else COLUMN_COUNT

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        """Only the root has rows."""
        return not parent.isValid() and bool(self._visible)

    def mapToSource(self, proxy_index: _Index) -> QModelIndex:
        """The table model's index of a shown cell."""
        if self._source is None or not proxy_index.isValid():
            return QModelIndex()
        row = proxy_index.row()
        if not 0 <= row < len(self._visible):
            return QModelIndex()
        return self._source.index(self._visible[row], proxy_index.column())

    def mapFromSource(self, source_index: _Index) -> QModelIndex:
        """Where a table model cell is shown (invalid when searched or filtered away)."""
        if not source_index.isValid():
            return QModelIndex()
        row = self._proxy_row.get(source_index.row(), -1)
        return self.index(row, source_index.column()) if row >= 0 else QModelIndex()

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        """The table model's value of the cell shown here."""
        row = index.row()
        if self._source is None or not index.isValid() or not 0 <= row < len(self._visible):
            return None
        return self._source.cell(self._visible[row], index.column(), role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Selectable and enabled, never editable."""
        row, invalid = _flags()
        return row if index.isValid() else invalid

    def sibling(self, row: int, column: int, _index: _Index) -> QModelIndex:
        """Another cell of the table."""
        return self.index(row, column)
