"""Dialogs: new case, settings, and the error dialog with copyable details."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from reviewer.review.preferences import SecretStore, Settings


class NewCaseDialog(QDialog):
    """Ask for a user token or a user id, and the reviewer's label (application number).

    `ask_name`: the reviewer has not given a name yet, so the dialog asks for it too: the fetch
    is recorded in the audit trail under that name (left empty, under the computer account,
    marked as such).
    """

    def __init__(self, parent: QWidget | None = None, *, ask_name: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("New case")
        self.setMinimumWidth(440)  # the fields' hints whole (a window manager sizes it tightly)
        self.kind = QComboBox()
        self.kind.addItems(["User token", "User id"])
        self.kind.setToolTip("user_token (Income) or user_id (the new User APIs)")
        self.identifier = QLineEdit()
        self.identifier.setPlaceholderText("user-sandbox-… or usr_…")
        self.label = QLineEdit()
        self.label.setPlaceholderText("application number")
        form = QFormLayout(self)
        form.addRow("Identify by", self.kind)
        form.addRow("Value", self.identifier)
        form.addRow("Label", self.label)
        self.your_name: QLineEdit | None = None
        if ask_name:
            self.your_name = QLineEdit()
            self.your_name.setPlaceholderText("recorded with this fetch in the audit trail")
            form.addRow("Your name", self.your_name)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Fetch")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.identifier.textChanged.connect(self._validate)
        self._validate()

    def _validate(self) -> None:
        ok = bool(self.identifier.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def values(self) -> dict[str, str | None]:
        """Keyword arguments for `ReviewService.fetch_case`."""
        value = self.identifier.text().strip()
        by_token = self.kind.currentIndex() == 0
        return {
            "user_token": value if by_token else None,
            "user_id": None if by_token else value,
            "label": self.label.text().strip() or None,
        }

    def reviewer_name(self) -> str | None:
        """The name the reviewer typed, when the dialog asked for it."""
        name = self.your_name.text().strip() if self.your_name is not None else ""
        return name or None


class SettingsDialog(QDialog):
    """Environment, credentials, reviewer name, risk thresholds; shows the data directory."""

    def __init__(
        self,
        settings: Settings,
        secrets: SecretStore,
        data_dir: Path | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self._settings, self._secrets = settings, secrets
        self.environment = QComboBox()
        self.environment.addItems(["sandbox", "production", "custom"])
        self.environment.setCurrentText(settings.environment)
        self.base_url = QLineEdit(settings.base_url or "")
        self.base_url.setPlaceholderText("https://… (custom environment only)")
        self.client_id = QLineEdit(settings.client_id or "")
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText("unchanged" if settings.client_id else "Plaid secret")
        self.keyring_note = QLabel(
            "Secret stored in the OS keyring."
            if secrets.persistent
            else "No keyring backend on this machine: the secret is kept for this session only."
        )
        self.keyring_note.setWordWrap(True)
        self.reviewer_name = QLineEdit(settings.reviewer_name or "")
        self.low = QSpinBox()
        self.low.setRange(0, 100)
        self.low.setValue(settings.low_risk_threshold)
        self.low.setToolTip("Scores at or below this are low risk (Plaid suggests 20)")
        self.high = QSpinBox()
        self.high.setRange(0, 100)
        self.high.setValue(settings.high_risk_threshold)
        self.high.setToolTip("Scores at or above this are high risk (Plaid suggests 80)")
        self.retention = QSpinBox()
        self.retention.setRange(0, 3650)
        self.retention.setValue(max(0, settings.retention_days))
        self.retention.setSpecialValueText("never")
        self.retention.setSuffix(" days after the decision")
        self.retention.setToolTip(
            "Decided cases are purged from this workstation after this many days (a tombstone "
            "stays in the audit trail). Default 90: the decision's review window, far below the "
            "FTC Safeguards Rule's two-year limit. 'never' turns the rule off."
        )
        self.data_dir = QLabel(str(data_dir) if data_dir else "—")
        self.data_dir.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem = QLabel("")
        self.problem.setStyleSheet("color: #c0392b")
        form = QFormLayout(self)
        form.addRow("Environment", self.environment)
        form.addRow("Custom base URL", self.base_url)
        form.addRow("Client id", self.client_id)
        form.addRow("Secret", self.secret)
        form.addRow("", self.keyring_note)
        form.addRow("Reviewer name", self.reviewer_name)
        form.addRow("Low risk at or below", self.low)
        form.addRow("High risk at or above", self.high)
        form.addRow("Purge cases", self.retention)
        form.addRow("Data directory", self.data_dir)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.environment.currentTextChanged.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        self.base_url.setEnabled(self.environment.currentText() == "custom")

    def accept(self) -> None:
        """Validate, write the settings (and the secret to the keyring), close."""
        if self.low.value() >= self.high.value():
            self.problem.setText("The low threshold must be below the high threshold.")
            return
        url = self.base_url.text().strip()
        if self.environment.currentText() == "custom" and not url.startswith(
            ("https://", "http://127.", "http://localhost")
        ):
            self.problem.setText("A custom base URL must use https (or be on this machine).")
            return
        s = self._settings
        s.environment = self.environment.currentText()
        s.base_url = url or None
        s.client_id = self.client_id.text().strip() or None
        s.reviewer_name = self.reviewer_name.text().strip() or None
        s.low_risk_threshold, s.high_risk_threshold = self.low.value(), self.high.value()
        s.retention_days = self.retention.value()
        secret = self.secret.text()
        if secret and s.client_id:
            from reviewer.ui.logs import REDACTOR

            REDACTOR.add_secret(secret)
            self._secrets.set(s.client_id, secret)
        s.save()
        super().accept()

    @property
    def settings(self) -> Settings:
        """The (edited) settings."""
        return self._settings


class ErrorDialog(QMessageBox):
    """An unexpected error: what happened, and details the reviewer can copy into a ticket."""

    def __init__(self, summary: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("Something went wrong")
        self.setText("The last action failed. The app keeps running; details are in the log.")
        self.setInformativeText(summary)
        self.setDetailedText(details)
        # QMessageBox closes on any button: the copy button is swapped for a plain one whose
        # click only copies (kept on self, or PySide6 lets the wrapper go)
        self.copy_button = self.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
        self.copy_button.clicked.disconnect()
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(f"{summary}\n\n{details}")
        )
        self.addButton(QMessageBox.StandardButton.Close)


def details_view(text: str) -> QPlainTextEdit:
    """A read-only, selectable text box (used for long messages)."""
    box = QPlainTextEdit(text)
    box.setReadOnly(True)
    return box
