"""The monthly income bar chart, painted with QPainter (no chart library needed)."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

from reviewer.ui.present.fmt import plain_amount


class MonthlyChart(QWidget):
    """Bars of (YYYY-MM, amount) over a money axis in the report's currency; months the
    report covers only in part are hatched and labelled, so they do not read as drops."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._months: list[tuple[str, float]] = []
        self.partial: dict[str, str] = {}  # month -> "covers 12 of 31 days"
        self.currency = "USD"
        self.setMinimumHeight(180)
        self.setAccessibleName("Monthly income chart")

    def set_months(
        self,
        months: list[tuple[str, float]],
        partial: dict[str, str] | None = None,
        currency: str = "USD",
    ) -> None:
        """New data; repaint."""
        self._months = list(months)
        self.partial = dict(partial or {})
        self.currency = currency
        lines = [
            f"{m}: {plain_amount(v, currency)}"
            + (f" (partial month: {self.partial[m]})" if m in self.partial else "")
            for m, v in self._months
        ]
        self.setToolTip("\n".join(lines))
        self.setAccessibleDescription("; ".join(lines))
        self.update()

    def months(self) -> list[tuple[str, float]]:
        """The data shown."""
        return list(self._months)

    def sizeHint(self) -> QSize:
        """Wide and short."""
        return QSize(600, 220)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Bars over a money axis; negative months are drawn as zero; partial months hatched."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        text_colour = pal.color(QPalette.ColorRole.Text)
        if not self._months:
            painter.setPen(text_colour)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No monthly history")
            painter.end()
            return
        fm = painter.fontMetrics()
        peak = max((v for _, v in self._months), default=0.0) or 1.0
        step = nice_step(peak)
        ticks = [step * k for k in range(int(peak // step) + 2)]
        axis_top = ticks[-1]
        top, bottom = 22.0, 24.0 + fm.height()
        left = 12.0 + max(fm.horizontalAdvance(axis_label(t)) for t in ticks)
        width = self.width() - left - 8
        height = self.height() - top - bottom
        grid = QColor(text_colour)
        grid.setAlpha(50)
        for tick in ticks:  # the money axis: gridlines with their amounts
            y = top + height - tick / axis_top * height
            painter.setPen(grid)
            painter.drawLine(QPointF(left, y), QPointF(left + width, y))
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(0, y - fm.height() / 2, left - 6, fm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                axis_label(tick),
            )
        slot = width / len(self._months)
        bar_w = max(4.0, slot * 0.7)
        for i, (month, value) in enumerate(self._months):
            h = max(0.0, value) / axis_top * height
            x = left + i * slot + (slot - bar_w) / 2
            bar = QRectF(x, top + height - h, bar_w, h)
            partial = month in self.partial
            colour = QColor(52, 120, 200)
            if partial:
                colour.setAlpha(90)
            painter.fillRect(bar, colour)
            if partial:
                painter.fillRect(bar, QBrush(QColor(52, 120, 200), Qt.BrushStyle.BDiagPattern))
            painter.setPen(text_colour)
            label = QRectF(left + i * slot, top + height + 4, slot, fm.height())
            painter.drawText(
                label, Qt.AlignmentFlag.AlignHCenter, month[2:] if slot < 60 else month
            )
            if partial:
                painter.drawText(
                    label.translated(0, fm.height()), Qt.AlignmentFlag.AlignHCenter, "partial"
                )
            amount = f"{value / 1000:.1f}k" if abs(value) >= 1000 else f"{value:.0f}"
            painter.drawText(
                QRectF(left + i * slot, bar.top() - fm.height() - 2, slot, fm.height()),
                Qt.AlignmentFlag.AlignHCenter,
                amount,
            )
        painter.setPen(text_colour)
        painter.drawText(
            QRectF(0, 2, left + width, fm.height()),
            Qt.AlignmentFlag.AlignLeft,
            f"{self.currency} per month",
        )
        painter.end()

    def axis_ticks(self) -> list[str]:
        """The money axis' labels, bottom to top (tests, accessibility)."""
        peak = max((v for _, v in self._months), default=0.0) or 1.0
        step = nice_step(peak)
        return [axis_label(step * k) for k in range(int(peak // step) + 2)]


def nice_step(peak: float) -> float:
    """A round gridline step giving three to six lines up to `peak` (1, 2 or 5 × 10ⁿ)."""
    raw = peak / 4
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return float(factor * power)
    return float(10 * power)


def axis_label(amount: float) -> str:
    """$0, $500, $2k, $12.5k."""
    if amount >= 1000:
        text = f"{amount / 1000:.1f}".rstrip("0").rstrip(".")
        return f"${text}k"
    return f"${amount:.0f}"
