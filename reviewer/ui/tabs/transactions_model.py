"""The Bank statements tab's transactions: thousands of rows sorted and filtered in Python.

A 32-page statement holds ~1,500 transactions. A QSortFilterProxyModel sorts by asking `data()`
for both sides of every comparison: ~30,000 calls into Python for one sort, half a second of
GUI thread when the case opens. This model sorts with Python's own sort on keys made once when
the rows are set and filters on lower-cased text made then too, so `data()` is only asked for
what is painted. The rows Reviewer's failed findings name are shaded, the finding on hover.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from reviewer.review.findings import Finding
from reviewer.ui.findings_marks import MARK_BACKGROUND, FindingRows
from reviewer.ui.present.findings import finding_tooltip
from reviewer.ui.rows_model import SORT_ROLE

HEADERS = ("Date", "Description", "Amount", "Direction", "Account")
DATE, AMOUNT = 0, 2  # the columns a finding names a row by
_Index = QModelIndex | QPersistentModelIndex
Cell = tuple[str, Any]  # the text shown, the value sorted by


def _sort_key(value: Any) -> tuple[int, Any]:
    """Numbers before text before nothing, each among its own kind (never compared across)."""
    kind = type(value)
    if kind is float or kind is int:
        return (0, value)
    if value is None:
        return (2, "")
    return (1, value if kind is str else str(value))


class _Row:
    __slots__ = ("cells", "finding", "text")

    def __init__(self, cells: list[Cell], finding: Finding | None) -> None:
        self.cells = cells
        self.finding = finding
        self.text: str | None = None  # lower-cased for the filter, made on the first filter

    def matches(self, needle: str) -> bool:
        if self.text is None:  # joined so that a filter never spans two columns
            self.text = "\x1f".join(text.lower() for text, _value in self.cells)
        return needle in self.text


class TransactionsModel(QAbstractTableModel):
    """Date, description, amount, direction, account of each transaction; see module docstring."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._shown: list[_Row] = []
        self._filter = ""
        self._sort_column = -1
        self._order = Qt.SortOrder.AscendingOrder
        self._mark = QBrush(QColor(MARK_BACKGROUND))

    def set_rows(self, rows: Sequence[Sequence[Any]], findings: list[Finding]) -> None:
        """Replace the transactions; each cell is text or (text, sort value)."""
        marks = FindingRows(findings)
        self.beginResetModel()
        self._rows = []
        for row in rows:
            cells = [c if isinstance(c, tuple) else (str(c), str(c).lower()) for c in row]
            finding = marks.finding(cells[DATE][1], cells[AMOUNT][1]) if marks else None
            self._rows.append(_Row(cells, finding))
        self._shown = self._arranged()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Show only the rows with `text` in some column (case-insensitive)."""
        self.beginResetModel()
        self._filter = text.lower()
        self._shown = self._arranged()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (the view calls this when its header is clicked)."""
        self._sort_column, self._order = column, order
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        rows = [self._shown[i.row()] if 0 <= i.row() < len(self._shown) else None for i in before]
        self._shown = self._arranged()
        where = {id(row): number for number, row in enumerate(self._shown)}
        after = [
            self.index(where[id(row)], i.column()) if row is not None else QModelIndex()
            for i, row in zip(before, rows, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _arranged(self) -> list[_Row]:
        needle = self._filter
        shown = [r for r in self._rows if r.matches(needle)] if needle else list(self._rows)
        column = self._sort_column
        if 0 <= column < len(HEADERS):
            descending = self._order == Qt.SortOrder.DescendingOrder
            shown.sort(key=lambda r: _sort_key(r.cells[column][1]), reverse=descending)
        return shown

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Rows shown (after the filter)."""
        return 0 if parent.isValid() else len(self._shown)

    def total(self) -> int:
        """Every transaction, filtered out or not."""
        return len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """The five columns."""
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, sort value, and for a row a finding names: its shading and its words."""
        row = index.row()
        if not 0 <= row < len(self._shown):
            return None
        shown = self._shown[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown.cells[index.column()][0]
        if role == SORT_ROLE:
            return shown.cells[index.column()][1]
        if shown.finding is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._mark
        if role == Qt.ItemDataRole.ToolTipRole:
            return finding_tooltip(shown.finding)
        return None
