"""The case's audit trail, read-only: when (local time), who, what, details in words, Plaid's
request id."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer.review.audit_words import action_words, details_words, when_words

if TYPE_CHECKING:
    from reviewer.review.facade import AuditEntry

COLUMNS = ("When (your time)", "Who", "What", "Details", "Plaid request id", "App")


class AuditTrailDialog(QDialog):
    """Read-only table of a case's audit entries, oldest first."""

    def __init__(
        self, case_label: str, entries: Sequence[AuditEntry], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Audit trail: {case_label}")
        self.resize(1100, 440)
        layout = QVBoxLayout(self)
        note = QLabel(
            f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}, oldest first. "
            "The trail is append-only: nothing here can be edited or deleted."
        )
        layout.addWidget(note)
        self.table = QTableWidget(len(entries), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        for row, entry in enumerate(entries):
            cells = (
                when_words(entry.timestamp),
                entry.actor,
                action_words(entry.action),
                details_words(entry.action, entry.details),
                entry.request_id or "",
                entry.app_version,
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def rows(self) -> list[list[str]]:
        """The table's text, row by row (what the reviewer reads)."""

        def text(row: int, col: int) -> str:
            item = self.table.item(row, col)
            return item.text() if item is not None else ""

        return [
            [text(r, c) for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]
