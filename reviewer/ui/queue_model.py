"""The case queue: a table model over CaseSummary rows and its sort/filter proxy."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from reviewer.review.case_model import CaseSummary
from reviewer.ui.present.findings import FINDING_COLOURS
from reviewer.ui.present.risk import RiskBand, risk_band
from reviewer.ui.present.when import is_stale, short_time

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _decision_words(action: str | None) -> str:
    """The queue's words for a decision action (imported late: decisions pulls in the store)."""
    from reviewer.review.decisions import decision_label

    return decision_label(action)


SORT_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("Label", "Applicant", "Risk", "Docs", "Decision", "Fetched", "Checks")
CHECKS_COLUMN = 6  # Reviewer's own checks (never Plaid's score): failed count

BAND_COLOURS = {
    RiskBand.HIGH: QColor(220, 53, 69),
    RiskBand.MEDIUM: QColor(200, 120, 0),  # dark amber: white scores stay readable on it
    RiskBand.LOW: QColor(40, 167, 69),
}

_Index = QModelIndex | QPersistentModelIndex


class CaseQueueModel(QAbstractTableModel):
    """One row per cached case; risk coloured by band, stale fetches marked."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseSummary] = []
        self.low_threshold = 20
        self.high_threshold = 80
        self.stale_after_hours = 24

    def set_cases(self, cases: list[CaseSummary]) -> None:
        """Replace every row (the queue is small; a reset keeps it simple and correct)."""
        self.beginResetModel()
        self._rows = list(cases)
        self.endResetModel()

    def update_cases(self, cases: list[CaseSummary]) -> None:
        """Replace the rows of these cases in place; cases not shown yet are appended."""
        for case in cases:
            row = self.row_of(case.id)
            if row < 0:
                self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
                self._rows.append(case)
                self.endInsertRows()
            else:
                self._rows[row] = case
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def remove_case(self, case_id: str) -> None:
        """Drop a case's row (it was purged)."""
        row = self.row_of(case_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def set_thresholds(self, low: int, high: int, stale_after_hours: int) -> None:
        """New risk bands or staleness limit: repaint the affected columns."""
        self.low_threshold, self.high_threshold = low, high
        self.stale_after_hours = stale_after_hours
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            )

    def case_at(self, row: int) -> CaseSummary | None:
        """The summary of a source row."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, case_id: str) -> int:
        """Source row of a case id, or -1."""
        return next((i for i, c in enumerate(self._rows) if c.id == case_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Number of cases (0 under any valid parent: this is a flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Number of columns."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Display text, sort keys, tooltips and band colours of one cell."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        case = self._rows[index.row()]
        col = index.column()
        if role == CASE_ID_ROLE:
            return case.id
        stale = is_stale(case.fetched_at, self.stale_after_hours)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(case, col, stale)
        if role == SORT_ROLE:
            return self._sort_key(case, col)
        if col == CHECKS_COLUMN and role != Qt.ItemDataRole.DisplayRole:
            return _checks_cell(case, role)
        if col == 0 and role == Qt.ItemDataRole.DecorationRole and case.failed_checks:
            # a violet badge beside the label: visible however narrow the queue is
            return FINDING_COLOURS.get(case.worst_check, FINDING_COLOURS["high"])
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 2:
                band = risk_band(case.max_risk_score, self.low_threshold, self.high_threshold)
                return f"Highest risk score: {band.value} risk"
            if col == 5 and stale:
                return f"Fetched more than {self.stale_after_hours} h ago: refresh before deciding"
            return case.user_id or "user token case"
        if role == Qt.ItemDataRole.BackgroundRole and col == 2:
            band = risk_band(case.max_risk_score, self.low_threshold, self.high_threshold)
            colour = BAND_COLOURS.get(band)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and col == 2:
            band = risk_band(case.max_risk_score, self.low_threshold, self.high_threshold)
            return QBrush(QColor("white")) if band in BAND_COLOURS else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, case: CaseSummary, col: int, stale: bool) -> str:
        if col == 0:
            return case.label or case.id
        if col == 1:
            return case.applicant_name or "—"
        if col == 2:
            return "—" if case.max_risk_score is None else f"{case.max_risk_score:g}"
        if col == 3:
            return str(case.document_count)
        if col == 4:
            return _decision_words(case.decision)
        if col == CHECKS_COLUMN:
            return checks_words(case)
        return short_time(case.fetched_at) + (" ⚠ stale" if stale else "")

    @staticmethod
    def _sort_key(case: CaseSummary, col: int) -> Any:
        if col == 2:
            return -1.0 if case.max_risk_score is None else float(case.max_risk_score)
        if col == 3:
            return case.document_count
        if col == CHECKS_COLUMN:
            return -1 if case.failed_checks is None else case.failed_checks
        keys = (
            case.label or case.id,
            case.applicant_name or "",
            None,
            None,
            _decision_words(case.decision),
        )
        if col < len(keys):
            return (keys[col] or "").lower()
        return case.fetched_at or ""


def checks_words(case: CaseSummary) -> str:
    """ "✕ 3 failed", "✓ passed", or "—" before Reviewer's checks have run."""
    if case.failed_checks is None:
        return "—"
    return f"✕ {case.failed_checks} failed" if case.failed_checks else "✓ passed"


def _checks_cell(case: CaseSummary, role: int) -> Any:
    if role == SORT_ROLE:
        return -1 if case.failed_checks is None else case.failed_checks
    if role == Qt.ItemDataRole.ToolTipRole:
        if case.failed_checks is None:
            return "Reviewer's checks have not run on this case yet"
        if not case.failed_checks:
            return "Reviewer checks: every check that could run passed"
        return f"Reviewer checks: {case.failed_checks} failed (worst: {case.worst_check})"
    if role == Qt.ItemDataRole.ForegroundRole and case.failed_checks:
        return QBrush(FINDING_COLOURS.get(case.worst_check, FINDING_COLOURS["high"]))
    return None


class CaseQueueProxy(QSortFilterProxyModel):
    """Sorts by the raw values and filters on any column's text, case-insensitively."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
