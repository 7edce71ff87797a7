"""Unlocking the encrypted case cache in the app: the passphrase, and a lost key.

The passphrase is asked once per session (the unlocked key stays in memory until the app
quits). A lost key is said in words, with the one way on: a fresh data directory, the old
one set aside untouched.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)


class PassphraseDialog(QDialog):
    """Ask for the case cache's passphrase (twice when choosing a new one)."""

    def __init__(
        self, message: str, *, new: bool, wrong: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose a passphrase" if new else "Unlock the case cache")
        self.new = new
        intro = QLabel(
            (
                "There is no OS keyring on this machine. The applicants' data Reviewer keeps "
                "is encrypted under a passphrase: choose one. It is asked once per session; "
                "without it the cache cannot be read."
            )
            if new
            else ("That passphrase does not unlock the case cache. " if wrong else "")
            + "Type the passphrase that protects the cached cases."
        )
        intro.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = QLabel("")
        self.problem.setStyleSheet("color: #c0392b")
        self.problem.setWordWrap(True)
        self.detail = QLabel(message)
        self.detail.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow("Passphrase", self.passphrase)
        if new:
            form.addRow("Again", self.again)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(460)

    def accept(self) -> None:
        """Close only with a passphrase (typed the same twice when new)."""
        text = self.passphrase.text()
        if not text:
            self.problem.setText("Type the passphrase.")
            return
        if self.new and len(text) < 8:
            self.problem.setText("Use at least 8 characters.")
            return
        if self.new and self.again.text() != text:
            self.problem.setText("The two passphrases differ.")
            return
        super().accept()


class KeyLostDialog(QMessageBox):
    """The cache's key is gone: say so, and offer a fresh data directory (old one kept)."""

    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle("The case cache cannot be unlocked")
        self.setText("The key that decrypts this workstation's case cache is lost.")
        self.setInformativeText(message)
        self.fresh_button = self.addButton(
            "Start a fresh data directory", QMessageBox.ButtonRole.AcceptRole
        )
        self.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
