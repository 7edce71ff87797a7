"""The monthly income bar chart, painted with QPainter (no chart library needed)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

from reviewer.ui.present.fmt import money


class MonthlyChart(QWidget):
    """Bars of (YYYY-MM, amount) with month labels and the value on top of each bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._months: list[tuple[str, float]] = []
        self.setMinimumHeight(180)

    def set_months(self, months: list[tuple[str, float]]) -> None:
        """New data; repaint."""
        self._months = list(months)
        self.setToolTip("\n".join(f"{m}: {money(v)}" for m, v in self._months))
        self.update()

    def months(self) -> list[tuple[str, float]]:
        """The data shown."""
        return list(self._months)

    def sizeHint(self) -> QSize:
        """Wide and short."""
        return QSize(600, 220)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Axis-free bars scaled to the largest month; negative months are drawn as zero."""
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
        top, bottom, left = 22.0, 24.0, 8.0
        width = self.width() - 2 * left
        height = self.height() - top - bottom
        peak = max((v for _, v in self._months), default=0.0) or 1.0
        slot = width / len(self._months)
        bar_w = max(4.0, slot * 0.7)
        fm = painter.fontMetrics()
        for i, (month, value) in enumerate(self._months):
            h = max(0.0, value) / peak * height
            x = left + i * slot + (slot - bar_w) / 2
            bar = QRectF(x, top + height - h, bar_w, h)
            painter.fillRect(bar, QColor(52, 120, 200))
            painter.setPen(text_colour)
            label = QRectF(left + i * slot, top + height + 4, slot, fm.height())
            painter.drawText(
                label, Qt.AlignmentFlag.AlignHCenter, month[2:] if slot < 60 else month
            )
            amount = f"{value / 1000:.1f}k" if abs(value) >= 1000 else f"{value:.0f}"
            painter.drawText(
                QRectF(left + i * slot, bar.top() - fm.height() - 2, slot, fm.height()),
                Qt.AlignmentFlag.AlignHCenter,
                amount,
            )
        painter.end()
