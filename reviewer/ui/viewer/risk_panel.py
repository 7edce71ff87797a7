"""The risk panel beside the viewer: score with its direction, signals by severity, facts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer.review.case_model import DocumentRecord, SignalRecord
from reviewer.review.findings import Finding
from reviewer.review.signal_glossary import Severity, effective_severity, guide_for
from reviewer.ui.present.risk import RiskBand, risk_band
from reviewer.ui.present.words import field_words, plural
from reviewer.ui.viewer import findings_group
from reviewer.ui.viewer.facts_text import file_type_text

SEVERITY_COLOURS = {
    Severity.HIGH: QColor(220, 53, 69),
    Severity.MEDIUM: QColor(255, 140, 0),
    Severity.LOW: QColor(230, 190, 0),
    Severity.INFO: QColor(40, 140, 200),
}
_BAND_WORDS = {
    RiskBand.LOW: "accept band",
    RiskBand.MEDIUM: "review band",
    RiskBand.HIGH: "reject band",
}
SIGNAL_ROLE = Qt.ItemDataRole.UserRole + 1


def signal_colour(sig: SignalRecord) -> QColor:
    """Rectangle colour: the severity of a signal that carries fraud risk, blue for a pass."""
    return SEVERITY_COLOURS[effective_severity(sig.type, sig.has_fraud_risk)]


def short_title(sig: SignalRecord) -> str:
    """The signal's name in a few words, drawn beside its rectangle."""
    return guide_for(sig.type).title


def signal_tooltip(sig: SignalRecord) -> str:
    """Type in words, field, printed vs derived value, Plaid's description, page."""
    guide = guide_for(sig.type)
    lines = [
        f"{guide.title} ({guide.severity.label.lower()} severity) on "
        f"{field_words(sig.field) if sig.field else 'the document'}"
    ]
    if sig.expected_value or sig.actual_value:
        said = []  # only what Plaid gave: no "Plaid derived: —"
        if sig.expected_value:
            said.append(f"Printed on the document: {sig.expected_value}")
        if sig.actual_value:
            said.append(f"Plaid's own reading: {sig.actual_value}")
        diff = _difference(sig.expected_value, sig.actual_value)
        lines.append("   ".join(said) + (f"   difference {diff}" if diff else ""))
    if sig.signal_description:
        lines.append(f"Plaid: {sig.signal_description}")
    lines.append(guide.meaning)
    lines.append(f"Next: {guide.next_step}")
    return "\n".join(lines)


def _difference(printed: str | None, derived: str | None) -> str | None:
    def number(text: str | None) -> float | None:
        if not text:
            return None
        cleaned = text.replace(",", "").replace("$", "").strip()
        try:
            return float(cleaned)
        except ValueError:
            return None

    a, b = number(printed), number(derived)
    return None if a is None or b is None else f"{a - b:+,.2f}"


def placement(sig: SignalRecord, document_id: str) -> str:
    """How the highlight was placed, or why it could not be."""
    found = sorted({loc.found_by for loc in sig.locations if loc.document_id == document_id})
    if found:
        words = {"expected_value": "printed value", "actual_value": "derived value"}
        return "found by the " + " / ".join(words.get(f, f.replace("_", " ")) for f in found)
    if sig.page_number == 0:
        return "whole document (page 0): no rectangle"
    return f"location unknown: {sig.location_note or 'no matching text'}"


class RiskPanel(QWidget):
    """Score, band and file type up front; signals grouped by severity; document facts."""

    signal_activated = Signal(int)  # index into the signals given to `show_document`
    finding_activated = Signal(int)  # index into the findings given to `show_findings`
    document_requested = Signal(str)  # open another document a multi-document signal names

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.thresholds = (20, 80)
        self.score = QLabel()
        self.score.setWordWrap(True)
        self.score.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda _cur, _prev: self._update_others())
        self.open_other = QPushButton()
        self.open_other.hide()
        self.open_other.clicked.connect(self._open_other)
        self._others: list[str] = []
        # document id -> "Pay stub: paystub_2026-10-23.pdf": the button names the document
        self.document_names: dict[str, str] = {}
        self._signals: list[SignalRecord] = []
        self._doc_id = ""
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.score)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.open_other)
        layout.addWidget(QLabel("<b>Document facts</b>"))
        layout.addWidget(self.facts)
        self.order: list[int] = []  # signal indexes in the order shown (n/p step through these)

    def show_document(
        self,
        doc: DocumentRecord | None,
        signals: list[SignalRecord],
        status_line: str | None = None,
    ) -> None:
        """Fill the panel for one document and the signals that reference it; `status_line` is
        what Plaid said about it ("Password protected: …"), shown first when there is one."""
        self.tree.clear()
        self.order = []
        self.facts.setText("")
        self._signals, self._doc_id = list(signals), doc.document_id if doc else ""
        self._update_others()
        if doc is None:
            self.score.setText("")
            return
        self.score.setText(self.score_text(doc, signals, status_line))
        groups: dict[str, QTreeWidgetItem] = {}
        ranked = sorted(
            range(len(signals)),
            key=lambda i: (
                signals[i].has_fraud_risk is False,
                -effective_severity(signals[i].type, signals[i].has_fraud_risk),
                signals[i].page_number or 0,
            ),
        )
        for i in ranked:
            sig = signals[i]
            guide = guide_for(sig.type)
            if sig.has_fraud_risk is False:
                group = "Checks that passed"
            else:
                group = f"{guide.severity.label} severity"
            parent = groups.get(group)
            if parent is None:
                parent = QTreeWidgetItem(self.tree, [group])
                parent.setExpanded(group != "Checks that passed")
                groups[group] = parent
            page = f"page {sig.page_number}" if sig.page_number else "the whole document"
            where = placement(sig, doc.document_id)
            others = len(sig.document_ids) - 1
            field = f"on {field_words(sig.field)}, " if sig.field else ""
            text = f"{guide.title} {field}{page}\n  {where}"
            if others > 0:
                text += f"\n  also concerns {plural(others, 'other document')}"
            item = QTreeWidgetItem(parent, [text])
            item.setToolTip(0, signal_tooltip(sig))
            item.setData(0, SIGNAL_ROLE, i)
            item.setForeground(0, signal_colour(sig))
            self.order.append(i)
        self.tree.expandToDepth(0)

    def score_text(
        self, doc: DocumentRecord, signals: list[SignalRecord], status_line: str | None = None
    ) -> str:
        """ "Risk 70/100, higher is riskier (review band)", or why there is no score."""
        status = doc.risk_status or doc.status
        scores = [s.risk_score for s in signals if s.risk_score is not None]
        score = doc.risk_score if doc.risk_score is not None else (max(scores) if scores else None)
        if status == "PROCESSING":
            head = "Risk: not scored yet (Plaid is still processing this document)"
        elif score is None and status_line:
            head = f"Risk: no score from Plaid. {status_line}"
        elif score is None:
            head = "Risk: no score from Plaid"
        else:
            band = risk_band(score, *self.thresholds)
            head = f"Risk {score:g}/100, higher is riskier ({_BAND_WORDS.get(band, '')})"
        file_type = (
            file_type_text(doc.file_type, doc.media_type)
            if doc.sha256 or doc.path
            else "none: Plaid did not release a file for this document"
        )
        flagged = sum(1 for s in signals if s.has_fraud_risk)
        counted = plural(flagged, "fraud signal")
        return f"{head}\nFile: {file_type}\n{counted}, {len(signals)} in all"

    def select_signal(self, index: int) -> None:
        """Highlight a signal's row (a rectangle was clicked)."""
        for top in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(top)
            if group is None:
                continue
            for k in range(group.childCount()):
                item = group.child(k)
                if item is not None and item.data(0, SIGNAL_ROLE) == index:
                    group.setExpanded(True)
                    self.tree.setCurrentItem(item)
                    return

    def current_signal(self) -> int | None:
        """Index of the selected signal."""
        item = self.tree.currentItem()
        value = item.data(0, SIGNAL_ROLE) if item is not None else None
        return value if isinstance(value, int) else None

    def show_findings(self, findings: list[Finding]) -> None:
        """Add the "Reviewer checks" group (Reviewer's findings, never mixed with signals)."""
        findings_group.fill_group(self.tree, findings)

    def select_finding(self, index: int) -> None:
        """Highlight a finding's row (its mark on the page was clicked)."""
        findings_group.select_in(self.tree, index)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        value = item.data(0, SIGNAL_ROLE)
        if isinstance(value, int):
            self.signal_activated.emit(value)
        finding = item.data(0, findings_group.FINDING_ROLE)
        if isinstance(finding, int):
            self.finding_activated.emit(finding)

    def _update_others(self) -> None:
        """Offer to open the other documents the selected signal references."""
        index = self.current_signal()
        sig = self._signals[index] if index is not None and index < len(self._signals) else None
        self._others = [d for d in (sig.document_ids if sig else []) if d != self._doc_id]
        self.open_other.setVisible(bool(self._others))
        if self._others:
            more = f" (+{len(self._others) - 1} more)" if len(self._others) > 1 else ""
            name = self.document_names.get(self._others[0], "the other document")
            self.open_other.setText(f"Open {name}{more}")
            self.open_other.setToolTip(f"Document id: {self._others[0]}")

    def _open_other(self) -> None:
        if self._others:
            self.document_requested.emit(self._others[0])
