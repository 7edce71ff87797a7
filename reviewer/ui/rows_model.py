"""A read-only table model over plain rows: display text plus a sortable value per cell."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

SORT_ROLE = Qt.ItemDataRole.UserRole + 2
KEY_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """Rows of cells; each cell is text or (text, sort value). Optional key, tooltip, colour."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[list[tuple[str, Any]]] = []
        self._keys: list[Any] = []
        self._tooltips: list[str | None] = []
        self._colours: list[dict[int, QColor]] = []

    def set_rows(
        self,
        rows: Sequence[Sequence[Any]],
        keys: Sequence[Any] | None = None,
        tooltips: Sequence[str | None] | None = None,
        colours: Sequence[dict[int, QColor]] | None = None,
    ) -> None:
        """Replace the content."""
        self.beginResetModel()
        self._rows = [
            [c if isinstance(c, tuple) else (str(c), str(c).lower()) for c in row] for row in rows
        ]
        self._keys = list(keys) if keys is not None else [None] * len(self._rows)
        self._tooltips = list(tooltips) if tooltips is not None else [None] * len(self._rows)
        self._colours = list(colours) if colours is not None else [{} for _ in self._rows]
        self.endResetModel()

    def key_at(self, row: int) -> Any:
        """The key of a row (e.g. a document id)."""
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Row count of this flat table."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Column count."""
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, sort value, key, tooltip and colour of a cell."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if not 0 <= index.column() < len(row):
            return None
        text, sort_value = row[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == SORT_ROLE:
            return sort_value
        if role == KEY_ROLE:
            return self._keys[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltips[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self._colours[index.row()].get(index.column())
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = self._colours[index.row()].get(index.column())
            return QBrush(QColor("white")) if colour is not None else None
        return None
