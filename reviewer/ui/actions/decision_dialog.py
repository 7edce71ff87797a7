"""The decision dialog: preset reasons, a note (required for Reject and Escalate), and for
"Request more documents" which document and why."""

from __future__ import annotations

from collections.abc import Sequence

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
    APPROVE,
    PRESET_REASONS,
    REQUEST_DOCUMENTS,
    Decision,
    DecisionInvalid,
)

DECISION_VERBS = {
    "approve": "Approve",
    "reject": "Reject",
    "escalate": "Escalate",
    "request_documents": "Request more documents for",
}


class DecisionDialog(QDialog):
    """Collects one Decision; OK stays disabled until the decision is complete."""

    def __init__(
        self,
        kind: str,
        case_label: str,
        parent: QWidget | None = None,
        concerns: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.concerns = tuple(concerns)
        # a question until the reviewer confirms: "Approve APP-1002?", never "Approved: …"
        self.setWindowTitle(f"{DECISION_VERBS[kind]} {case_label}?")
        layout = QVBoxLayout(self)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            "background:#fff3cd;color:#664d03;border:1px solid #ffda6a;padding:6px;"
        )
        if kind == APPROVE and self.concerns:
            count = len(self.concerns)
            lines = "\n".join(f"• {c}" for c in self.concerns[:8])
            more = f"\n… and {count - 8} more" if count > 8 else ""
            self.warning.setText(
                f"{count} high-severity concern{'s' if count != 1 else ''} still open:\n"
                f"{lines}{more}\nTo approve anyway, choose a reason and write a note."
            )
            layout.addWidget(self.warning)
        else:
            self.warning.hide()
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
        needed = kind in ("reject", "escalate") or (kind == APPROVE and bool(self.concerns))
        self.note.setPlaceholderText("Note (required)" if needed else "Note")
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
            open_concerns=self.concerns,
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
