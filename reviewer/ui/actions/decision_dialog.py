"""The decision dialog: preset reasons, a note (required for Reject and Escalate), and for
"Request more documents" which document and why."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reviewer.review.decisions import (
    DECISION_LABELS,
    PRESET_REASONS,
    REQUEST_DOCUMENTS,
    Decision,
    DecisionInvalid,
)


class DecisionDialog(QDialog):
    """Collects one Decision; OK stays disabled until the decision is complete."""

    def __init__(self, kind: str, case_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(f"{DECISION_LABELS[kind]}: {case_label}")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Reasons:"))
        self.reason_boxes = [QCheckBox(reason) for reason in PRESET_REASONS[kind]]
        for box in self.reason_boxes:
            layout.addWidget(box)
            box.toggled.connect(self._check)
        form = QFormLayout()
        self.document = QLineEdit()
        self.request_reason = QLineEdit()
        if kind == REQUEST_DOCUMENTS:
            form.addRow("Document needed:", self.document)
            form.addRow("Why:", self.request_reason)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(
            "Note (required)" if kind in ("reject", "escalate") else "Note"
        )
        form.addRow("Note:", self.note)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for edit in (self.document, self.request_reason):
            edit.textChanged.connect(self._check)
        self.note.textChanged.connect(self._check)
        self._check()

    def decision(self) -> Decision:
        """The decision as entered (may be invalid; see `validate`)."""
        return Decision(
            self.kind,
            reasons=tuple(b.text() for b in self.reason_boxes if b.isChecked()),
            note=self.note.toPlainText(),
            requested_document=self.document.text(),
            request_reason=self.request_reason.text(),
        )

    def _check(self) -> None:
        try:
            self.decision().validate()
        except DecisionInvalid as exc:
            self.problem.setText(str(exc))
            ok = False
        else:
            self.problem.setText("")
            ok = True
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        button.setEnabled(ok)
