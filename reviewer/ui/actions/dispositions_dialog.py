"""Per-signal dispositions: confirmed fraud, false positive or not relevant, with a note.

One row per risk signal of the open case, named in plain words from the signal glossary, with the
disposition already recorded (who, when) and a choice to record a new one. Saving appends one audit
entry per changed row; the newest entry per signal counts, so nothing is ever overwritten.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer.review.case_model import SignalRecord
from reviewer.review.decisions import DISPOSITIONS, signal_key
from reviewer.review.facade import DispositionChoice
from reviewer.review.signal_glossary import effective_severity, guide_for

NO_CHANGE = ""
COLUMNS = ("Signal", "Where", "Severity", "Recorded", "Disposition", "Note")


def signal_words(signal: SignalRecord) -> str:
    """The signal's type in plain words, with Plaid's own description when it has one."""
    title = guide_for(signal.type).title
    if signal.has_fraud_risk is False:
        title += " (check passed)"
    return title


def signal_place(signal: SignalRecord) -> str:
    """Which field and page the signal is about."""
    field = (signal.field or "").replace("_", " ") or "whole document"
    page = f"page {signal.page_number}" if signal.page_number else "all pages"
    return f"{field}, {page}"


class DispositionsDialog(QDialog):
    """Shows every signal with its recorded disposition; records the ones the reviewer sets."""

    saved = Signal(int)  # how many dispositions were written

    def __init__(
        self,
        case_label: str,
        signals: Sequence[SignalRecord],
        recorded: dict[str, dict[str, Any]],
        save: Callable[[list[DispositionChoice]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Signal dispositions: {case_label}")
        self.resize(980, 420)
        self.signals = list(signals)
        self._save = save
        layout = QVBoxLayout(self)
        intro = QLabel(
            "For each risk signal, record whether it is confirmed fraud, a false positive or not "
            "relevant. Earlier dispositions stay in the audit trail."
            if self.signals
            else "This case has no risk signals."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(self.signals), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.choices: list[QComboBox] = []
        self.notes: list[QLineEdit] = []
        for row, signal in enumerate(self.signals):
            self._fill_row(row, signal, recorded.get(signal_key(signal)))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        self.status = QLabel()
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def _fill_row(self, row: int, signal: SignalRecord, recorded: dict[str, Any] | None) -> None:
        what = QTableWidgetItem(signal_words(signal))
        guide = guide_for(signal.type)
        tip = [guide.meaning, f"Next step: {guide.next_step}"]
        if signal.signal_description:
            tip.insert(0, f"Plaid: {signal.signal_description}")
        what.setToolTip("\n".join(tip))
        self.table.setItem(row, 0, what)
        self.table.setItem(row, 1, QTableWidgetItem(signal_place(signal)))
        severity = effective_severity(signal.type, signal.has_fraud_risk)
        self.table.setItem(row, 2, QTableWidgetItem(severity.label))
        if recorded:
            words = DISPOSITIONS.get(str(recorded.get("disposition")), "?")
            text = f"{words} — {recorded.get('actor')}, {str(recorded.get('at'))[:16]}"
            if recorded.get("note"):
                text += f": {recorded['note']}"
        else:
            text = "none yet"
        self.table.setItem(row, 3, QTableWidgetItem(text))
        choice = QComboBox()
        choice.addItem("— keep —", NO_CHANGE)
        for key, words in DISPOSITIONS.items():
            choice.addItem(words, key)
        choice.currentIndexChanged.connect(lambda _i: self._update())
        note = QLineEdit()
        note.setPlaceholderText("optional note")
        self.table.setCellWidget(row, 4, choice)
        self.table.setCellWidget(row, 5, note)
        self.choices.append(choice)
        self.notes.append(note)

    def changes(self) -> list[DispositionChoice]:
        """The signal, disposition and note of every row given a new disposition."""
        return [
            DispositionChoice(signal, str(choice.currentData()), note.text().strip())
            for signal, choice, note in zip(self.signals, self.choices, self.notes, strict=True)
            if choice.currentData() != NO_CHANGE
        ]

    def _update(self) -> None:
        count = len(self.changes())
        self.save_button.setEnabled(count > 0)
        self.save_button.setText(f"Save {count}" if count else "Save")

    def save(self) -> None:
        """Hand the new dispositions to the caller (which writes them off the GUI thread)."""
        changes = self.changes()
        if not changes:
            return
        self.save_button.setEnabled(False)
        self.status.setText("Saving…")
        self._save(changes)

    def saved_ok(self, count: int) -> None:
        """The caller wrote them durably: say so and close."""
        self.status.setText(f"Saved {count} disposition(s).")
        self.saved.emit(count)
        self.accept()

    def save_failed(self, message: str) -> None:
        """Nothing is lost from the form: say why and let the reviewer try again."""
        self.status.setText(f"NOT saved: {message}")
        self.status.setStyleSheet("color: #b00020")
        self._update()
