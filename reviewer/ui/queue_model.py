"""The case queue's table model: one row per case, as read (`queue_proxy` sorts and searches)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex
from PySide6.QtGui import QBrush, QColor

from reviewer.ui.present.queue_order import (
    CHECKS_COLUMN,
    COLUMN_COUNT,
    QueueEntry,
    checks_words,
    decision_words,
    queue_entries,
    queue_entry,
)
from reviewer.ui.present.risk import RiskBand, risk_band
from reviewer.ui.present.when import is_stale, short_time

if TYPE_CHECKING:  # the empty queue paints before the case model and the findings' colours
    from reviewer.review.case_model import CaseSummary

# Qt's values as plain ints (tests/ui/test_queue_scale.py checks them against Qt's enums): the
# window paints before Python's Qt namespace is made (its 93 enums cost ~25 ms of cold start),
# and data() is asked ~1,000 times a repaint, where enum comparisons add up
_DISPLAY, _DECORATION, _TOOLTIP = 0, 1, 3  # Qt.ItemDataRole.DisplayRole ...
_ALIGNMENT, _BACKGROUND, _FOREGROUND = 7, 8, 9  # TextAlignmentRole, BackgroundRole, ForegroundRole
_USER = 0x0100  # Qt.ItemDataRole.UserRole
_RIGHT = 0x0002 | 0x0080  # Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CASE_ID_ROLE = _USER + 1
SORT_ROLE = _USER + 2

COLUMNS = ("Label", "Applicant", "Risk", "Docs", "Decision", "Fetched", "Checks")
if len(COLUMNS) != COLUMN_COUNT:  # pragma: no cover - the sort keys follow these columns
    raise ImportError("queue columns and queue_order's sort keys disagree")

BAND_COLOURS = {
    RiskBand.HIGH: QColor(220, 53, 69),
    RiskBand.MEDIUM: QColor(200, 120, 0),  # dark amber: white scores stay readable on it
    RiskBand.LOW: QColor(40, 167, 69),
}


@cache
def _brushes() -> tuple[dict[RiskBand, QBrush], QBrush]:
    """The risk bands' backgrounds and their white text, made with the first row shown
    (QBrush's constructor makes Python's Qt namespace, which the first paint goes without)."""
    return {band: QBrush(colour) for band, colour in BAND_COLOURS.items()}, QBrush(QColor("white"))


_CASE_ID, _SORT = CASE_ID_ROLE, SORT_ROLE

_Index = QModelIndex | QPersistentModelIndex
Rows = Sequence["CaseSummary"] | Sequence[QueueEntry]


class CaseQueueModel(QAbstractTableModel):
    """One row per cached case, in the order they were read; risk coloured by band, stale
    fetches marked. Each row keeps its sort keys and search text (`QueueEntry`), which the
    queue's proxy (`queue_proxy.CaseQueueProxy`) sorts and searches.

    It has no headerData: Qt would hand it a Qt.Orientation while the header is set up, making
    Python's Qt namespace before the first paint; the queue's header shows `COLUMNS` from a
    plain Qt model (`CaseQueue`)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[QueueEntry] = []
        self._row_by_id: dict[str, int] = {}
        self.low_threshold = 20
        self.high_threshold = 80
        self.stale_after_hours = 24

    def set_cases(self, cases: Rows) -> None:
        """Replace every row (the queue was read again). Entries made off the GUI thread
        (`queue_entries`) are taken as they are; plain summaries get theirs here."""
        entries = [c if isinstance(c, QueueEntry) else self._entry(c) for c in cases]
        self.beginResetModel()
        self._entries = entries
        self._row_by_id = {e.case.id: row for row, e in enumerate(entries)}
        self.endResetModel()

    def _entry(self, case: CaseSummary) -> QueueEntry:
        return queue_entry(case, self.stale_after_hours)

    @property
    def entries(self) -> Sequence[QueueEntry]:
        """Every row's entry, in source row order (read only)."""
        return self._entries

    def update_cases(self, cases: list[CaseSummary]) -> None:
        """Replace the rows of these cases in place; cases not shown yet are appended."""
        for case in cases:
            row = self.row_of(case.id)
            if row < 0:
                row = len(self._entries)
                self.beginInsertRows(QModelIndex(), row, row)
                self._entries.append(self._entry(case))
                self._row_by_id[case.id] = row
                self.endInsertRows()
            else:
                self._entries[row] = self._entry(case)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def remove_case(self, case_id: str) -> None:
        """Drop a case's row (it was purged)."""
        row = self.row_of(case_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._entries[row]
            self._row_by_id = {e.case.id: r for r, e in enumerate(self._entries)}
            self.endRemoveRows()

    def set_thresholds(self, low: int, high: int, stale_after_hours: int) -> None:
        """New risk bands or staleness limit: repaint the affected columns."""
        self.low_threshold, self.high_threshold = low, high
        if stale_after_hours != self.stale_after_hours:
            self.stale_after_hours = stale_after_hours
            # the Fetched column's words (and what a search finds in it) change
            self._entries = queue_entries([e.case for e in self._entries], stale_after_hours)
        if self._entries:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._entries) - 1, len(COLUMNS) - 1)
            )

    def case_at(self, row: int) -> CaseSummary | None:
        """The summary of a source row."""
        return self._entries[row].case if 0 <= row < len(self._entries) else None

    def row_of(self, case_id: str) -> int:
        """Source row of a case id, or -1."""
        return self._row_by_id.get(case_id, -1)

    def newest_fetch(self) -> str | None:
        """The newest fetched_at among the cases (ISO 8601), or None."""
        return max((e.case.fetched_at for e in self._entries if e.case.fetched_at), default=None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Number of cases (0 under any valid parent: this is a flat table)."""
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Number of columns."""
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        """Display text, sort keys, tooltips and band colours of one cell."""
        if not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, col: int, role: int) -> Any:
        """What `data` answers for a source row and column (the proxy asks here directly:
        a repaint asks ~1,000 times, and index objects cost more than the answer)."""
        if not 0 <= row < len(self._entries):
            return None
        entry = self._entries[row]
        case = entry.case
        role = int(role)
        if role == _DISPLAY:
            return self._display(case, col)
        if role == _CASE_ID:
            return case.id
        if role == _SORT:
            return entry.keys[col] if 0 <= col < len(entry.keys) else None
        if col == CHECKS_COLUMN:
            return _checks_cell(case, role)
        if col == 0 and role == _DECORATION and case.failed_checks:
            # a violet badge beside the label: visible however narrow the queue is
            return _finding_colour(case.worst_check)
        if role == _TOOLTIP:
            if col == 2:
                band = risk_band(case.max_risk_score, self.low_threshold, self.high_threshold)
                return f"Highest risk score: {band.value} risk"
            if col == 5 and is_stale(case.fetched_at, self.stale_after_hours):
                return f"Fetched more than {self.stale_after_hours} h ago: refresh before deciding"
            return case.user_id or "user token case"
        if col == 2 and role in (_BACKGROUND, _FOREGROUND):
            band = risk_band(case.max_risk_score, self.low_threshold, self.high_threshold)
            if role == _BACKGROUND:
                return _brushes()[0].get(band)
            return _brushes()[1] if band in BAND_COLOURS else None
        if role == _ALIGNMENT and col in (2, 3):
            return _RIGHT
        return None

    def _display(self, case: CaseSummary, col: int) -> str:
        if col == 0:
            return case.label or case.id
        if col == 1:
            return case.applicant_name or "—"
        if col == 2:
            return "—" if case.max_risk_score is None else f"{case.max_risk_score:g}"
        if col == 3:
            return str(case.document_count)
        if col == 4:
            return decision_words(case.decision)
        if col == CHECKS_COLUMN:
            return checks_words(case)
        stale = is_stale(case.fetched_at, self.stale_after_hours)
        return short_time(case.fetched_at) + (" ⚠ stale" if stale else "")


def _checks_cell(case: CaseSummary, role: int) -> Any:
    if role == _TOOLTIP:
        if case.failed_checks is None:
            return "Reviewer's checks have not run on this case yet"
        if not case.failed_checks:
            return "Reviewer checks: every check that could run passed"
        return f"Reviewer checks: {case.failed_checks} failed (worst: {case.worst_check})"
    if role == _FOREGROUND and case.failed_checks:
        return QBrush(_finding_colour(case.worst_check))
    return None


def _finding_colour(worst_check: str | None) -> QColor:
    """The colour of a case's worst failed check (the findings' module loads with the first)."""
    from reviewer.ui.present.findings import FINDING_COLOURS

    return FINDING_COLOURS.get(worst_check, FINDING_COLOURS["high"])
