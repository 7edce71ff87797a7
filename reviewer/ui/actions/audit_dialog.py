"""The case's audit trail, read-only: when (UTC), who, what, details, Plaid's request id."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

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

from reviewer.review.decisions import DISPOSITIONS, decision_kind, decision_label
from reviewer.store import AuditEntry

COLUMNS = ("When (UTC)", "Who", "What", "Details", "Plaid request id", "App")

ACTION_WORDS = {
    "signal.disposition": "Signal disposition",
    "case.purged": "Case purged",
    "action.refetch": "Case fetched again",
    "action.parsing_config_update": "Parsing configuration",
    "action.risk_signals_poll": "Risk signals checked",
    "action.payroll_refresh": "Payroll refresh",
    "action.refresh_changes": "Refresh changes",
    "webhook.received": "Webhook received",
}


def action_words(action: str) -> str:
    """An audit action in plain words ("decision.rejected" -> "Decision: Rejected")."""
    if decision_kind(action) is not None:
        return f"Decision: {decision_label(action)}"
    return ACTION_WORDS.get(action, action.replace(".", ": ").replace("_", " "))


def _value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items())
    return str(value)


def details_words(entry: AuditEntry) -> str:
    """The entry's details on one line, empty values left out."""
    details = dict(entry.details)
    if entry.action == "signal.disposition":
        details["disposition"] = DISPOSITIONS.get(str(details.get("disposition")), "?")
        details.pop("signal", None)  # an internal key; type, field and page say which signal
    parts = [
        f"{key.replace('_', ' ')}: {_value(value)}"
        for key, value in details.items()
        if value not in (None, "", [], {})
    ]
    return "; ".join(parts)


def when_words(timestamp: str) -> str:
    """ISO 8601 UTC shortened to the second, with the T made readable."""
    return timestamp.replace("T", " ")[:19]


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
                details_words(entry),
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
