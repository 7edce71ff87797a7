"""A plain page view: one rendered page with translucent risk-signal rectangles and tooltips.

Rendering happens in the documents worker process (through `reviewer.review.documents_access`)
on the task runner; this widget only paints the finished image.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize
from PySide6.QtGui import QColor, QHelpEvent, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget


@dataclass(frozen=True)
class Highlight:
    """A rectangle in PDF points (origin top-left) with the tooltip that explains it."""

    rect: tuple[float, float, float, float]
    tooltip: str
    fraud: bool


class DocumentRenderer:
    """The app's access to the documents worker: created lazily, one call at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._worker: Any = None

    def _get(self) -> Any:
        if self._worker is None:
            from reviewer.review.documents_access import DocumentWorker

            self._worker = DocumentWorker()
        return self._worker

    def open(self, path: Path) -> Any:
        """DocumentInfo of a stored file (page count, problems)."""
        with self._lock:
            return self._get().open(path)

    def render(
        self, path: Path, page_index: int, zoom: float
    ) -> tuple[QImage, tuple[float, float]]:
        """Render one page to a QImage (safe off the GUI thread) and its size in points."""
        with self._lock:
            page = self._get().render_page(path, page_index, zoom)
        fmt = (
            QImage.Format.Format_RGBA8888
            if page.format == "RGBA8888"
            else QImage.Format.Format_RGB888
        )
        image = QImage(bytes(page.data), page.width, page.height, page.stride, fmt).copy()
        size = page.page_size_pt
        return image, (float(size[0]), float(size[1]))

    def close(self) -> None:
        """Stop the worker process."""
        with self._lock:
            if self._worker is not None:
                self._worker.close()
                self._worker = None


class PageView(QWidget):
    """Paints a page image scaled to its device pixels, then the highlight rectangles."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._page_pt: tuple[float, float] = (612.0, 792.0)
        self._highlights: list[Highlight] = []
        self.setMouseTracking(True)
        self.setSizePolicy(self.sizePolicy().horizontalPolicy(), self.sizePolicy().verticalPolicy())

    def set_page(
        self, image: QImage | None, page_pt: tuple[float, float], highlights: list[Highlight]
    ) -> None:
        """Show a rendered page (its device pixel ratio makes it crisp on high-DPI screens)."""
        self._image = image
        self._page_pt = page_pt
        self._highlights = highlights
        self.updateGeometry()
        self.adjustSize()
        self.update()

    @property
    def highlights(self) -> list[Highlight]:
        """The rectangles currently drawn."""
        return list(self._highlights)

    def has_page(self) -> bool:
        """True once a page image is shown."""
        return self._image is not None and not self._image.isNull()

    def sizeHint(self) -> QSize:
        """The image size in logical pixels."""
        if self._image is None:
            return QSize(400, 500)
        ratio = self._image.devicePixelRatio() or 1.0
        return QSize(int(self._image.width() / ratio), int(self._image.height() / ratio))

    def _scale(self) -> float:
        hint = self.sizeHint()
        return hint.width() / self._page_pt[0] if self._page_pt[0] else 1.0

    def _rect(self, h: Highlight) -> QRectF:
        s = self._scale()
        x0, y0, x1, y1 = h.rect
        return QRectF(x0 * s, y0 * s, (x1 - x0) * s, (y1 - y0) * s).adjusted(-2, -2, 2, 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Page, then translucent rectangles (red for fraud risk, amber otherwise)."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().dark())
        if self._image is not None:
            painter.drawImage(QPoint(0, 0), self._image)
        for h in self._highlights:
            colour = QColor(220, 53, 69) if h.fraud else QColor(255, 170, 0)
            fill = QColor(colour)
            fill.setAlpha(70)
            painter.setPen(QPen(colour, 2))
            painter.setBrush(fill)
            painter.drawRect(self._rect(h))
        painter.end()

    def event(self, event: QEvent) -> bool:
        """Tooltips: the signal(s) under the mouse."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tips = [h.tooltip for h in self._highlights if self._rect(h).contains(event.pos())]
            if tips:
                QToolTip.showText(event.globalPos(), "\n\n".join(tips), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tooltip_at(self, x: float, y: float) -> str | None:
        """The tooltip at a widget position (for tests and accessibility)."""
        tips = [h.tooltip for h in self._highlights if self._rect(h).contains(x, y)]
        return "\n\n".join(tips) if tips else None

    def highlight_centre(self, i: int) -> tuple[float, float]:
        """Widget coordinates of a highlight's centre."""
        c = self._rect(self._highlights[i]).center()
        return c.x(), c.y()
