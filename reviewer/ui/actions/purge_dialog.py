"""Purging a case: the reviewer types the case's label to confirm and says why.

A purge deletes the case's data and cannot be undone; its audit trail stays, ending with a
tombstone that records who purged it and why.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class PurgeDialog(QDialog):
    """Enables "Purge" only when the typed label matches and a reason is given."""

    def __init__(self, expected: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.expected = expected
        self.setWindowTitle(f"Purge case {expected}")
        layout = QVBoxLayout(self)
        warning = QLabel(
            f"Purging deletes every snapshot, response and document of <b>{expected}</b> from "
            "this computer. It cannot be undone. The audit trail is kept and records the purge."
        )
        warning.setWordWrap(True)
        layout.addWidget(warning)
        form = QFormLayout()
        self.confirmation = QLineEdit()
        self.confirmation.setPlaceholderText(expected)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("e.g. applicant asked for deletion; retention period over")
        form.addRow(f"Type {expected} to confirm:", self.confirmation)
        form.addRow("Why:", self.reason)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.purge_button = self.buttons.addButton(
            "Purge case", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.purge_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for edit in (self.confirmation, self.reason):
            edit.textChanged.connect(lambda _t: self._update())
        self._update()

    def confirmed(self) -> bool:
        """The label typed exactly and a reason given."""
        return self.confirmation.text().strip() == self.expected and bool(
            self.reason.text().strip()
        )

    def _update(self) -> None:
        self.purge_button.setEnabled(self.confirmed())
