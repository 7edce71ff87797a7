"""Continuous vertical scroll of a document's pages with highlight rectangles over them.

The view lays out every page from its size in points, paints the pages it has images for and
asks (`render_wanted`) for the visible ones it lacks; the owner renders them on the worker and
hands them back with `set_image`. Rectangles are PDF points, origin top-left, scaled by zoom.
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QHelpEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from reviewer.ui.viewer.geometry import (
    GAP,
    MAX_ZOOM,
    MIN_ZOOM,
    ZOOM_STEPS,
    ViewHighlight,
    fit_zoom,
    rotate_rect,
    rotated_size,
)
from reviewer.ui.viewer.page_paint import paint_pages
from reviewer.ui.viewer.tags import TAG_GUTTER

__all__ = ["GAP", "ZOOM_STEPS", "PagesView", "ViewHighlight"]


class PagesView(QAbstractScrollArea):
    """The pages of one document, stacked; zoom in logical pixels per point."""

    current_page_changed = Signal(int)  # 1-based
    highlight_clicked = Signal(int)  # signal index
    page_painted = Signal(int)  # 1-based page whose rendered image was painted
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.viewport().setMouseTracking(True)
        # paint_pages fills the whole viewport: Qt need not paint what lies behind it first
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.sizes: list[tuple[float, float]] = []  # as displayed (rotated), points
        self.base_sizes: list[tuple[float, float]] = []  # as in the file
        self.rotation = 0  # clockwise degrees, a multiple of 90
        self.zoom = 1.5
        self.fit: str | None = "width"  # "width", "page" or None (fixed zoom)
        self.message: str | None = "Select a document to view it."
        self.page_notes: dict[int, str] = {}  # 0-based page -> "no text layer ..."
        self.highlights: list[ViewHighlight] = []
        self.marks_visible = True  # boxes and tags (one key hides them all to read the page)
        self.reserve_tag_margin = False  # the document has labelled fields: keep a tag column
        self.search_hits: list[ViewHighlight] = []
        # painted last, over the pages and highlights (the forensics strip's marks)
        self.overlays: list[Callable[[PagesView, QPainter], None]] = []
        self.image_for: Callable[[int], QImage | None] = lambda _i: None
        self.render_wanted: Callable[[int], None] = lambda _i: None
        self._tops: list[float] = []
        self._reading_line = 0.0  # a third of the viewport's height at the last layout
        self._current = 0
        self._painted_any = False
        self._flash: tuple[int, float] | None = None
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(120)
        self._flash_timer.timeout.connect(self._flash_tick)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.viewport().update())

    # -- content -----------------------------------------------------------------------------

    def set_document(self, sizes: list[tuple[float, float]]) -> None:
        """Lay out a document's pages (points); clears any message."""
        self.base_sizes = list(sizes)
        self.sizes = [rotated_size(size, self.rotation) for size in sizes]
        self.message = None
        self._current = 0
        self._painted_any = False
        self._relayout()
        self.verticalScrollBar().setValue(0)

    def set_sizes(self, sizes: list[tuple[float, float]]) -> None:
        """Correct the pages' sizes (a long document is laid out on a guess first) without
        moving what is in the middle of the view: the flagged field stays where it was."""
        if len(sizes) != len(self.base_sizes) or sizes == self.base_sizes:
            return
        page, offset = self._anchor(self.viewport().height() / 2)
        zoom = self.zoom
        self.base_sizes = list(sizes)
        self.sizes = [rotated_size(size, self.rotation) for size in sizes]
        self._relayout()
        line = self.viewport().height() / 2
        self.verticalScrollBar().setValue(int(self._tops[page] + offset * self.zoom - line))
        self._scrolled(self.verticalScrollBar().value())
        if self.zoom != zoom:  # fit width: a wider page than the guess
            self.zoom_changed.emit(self.zoom)

    def set_message(self, text: str) -> None:
        """Show a message in place of pages (corrupt, encrypted, not downloaded)."""
        self.sizes, self.highlights, self.search_hits, self.page_notes = [], [], [], {}
        self.base_sizes = []
        self.message = text
        self._relayout()

    def has_page(self) -> bool:
        """True once a rendered page is ready (painted, or rendered while the view is hidden)."""
        return self._painted_any

    def mark_page_ready(self) -> None:
        """A page image arrived for this document (the view may be hidden)."""
        self._painted_any = True

    def page_count(self) -> int:
        """Pages laid out."""
        return len(self.sizes)

    @property
    def current_page(self) -> int:
        """1-based page at the top of the viewport (the page number box shows it)."""
        return self._current + 1

    def set_rotation(self, rotation: int) -> None:
        """Turn every page clockwise to `rotation` degrees, keeping the current page in view."""
        page = self._current + 1
        self.rotation = rotation % 360
        self.sizes = [rotated_size(size, self.rotation) for size in self.base_sizes]
        self._relayout()
        self.scroll_to_page(page)

    # -- zoom --------------------------------------------------------------------------------

    def set_zoom(self, zoom: float) -> None:
        """Fixed zoom in logical px per point, keeping the current page in view."""
        self.fit = None
        self._apply_zoom(max(MIN_ZOOM, min(zoom, MAX_ZOOM)))

    def fit_width(self) -> None:
        """Zoom so the widest page fills the viewport's width."""
        self.fit = "width"
        self._apply_zoom(self._fit_zoom())

    def fit_page(self) -> None:
        """Zoom so a whole page fits in the viewport."""
        self.fit = "page"
        self._apply_zoom(self._fit_zoom())

    def zoom_in(self) -> None:
        """Next zoom step up."""
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self.zoom + 1e-3), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        """Next zoom step down."""
        lower = [z for z in ZOOM_STEPS if z < self.zoom - 1e-3]
        self.set_zoom(lower[-1] if lower else ZOOM_STEPS[0])

    def tag_margin(self) -> int:
        """Logical px kept right of the page for the labels of flagged fields (0: none)."""
        return TAG_GUTTER if self.marks_visible and self.reserve_tag_margin else 0

    def fit_viewport(self) -> tuple[int, int]:
        """The room a fitted page gets: the viewport less the tag column."""
        return (self.viewport().width() - self.tag_margin(), self.viewport().height())

    def set_marks_visible(self, visible: bool) -> None:
        """Show or hide every box and tag; the page keeps its place (fit width regains room)."""
        if visible == self.marks_visible:
            return
        self.marks_visible = visible
        self._relayout_keeping_place()

    def _fit_zoom(self) -> float:
        return fit_zoom(self.sizes, self.fit_viewport(), self.fit, self._current, self.zoom)

    def _apply_zoom(self, zoom: float) -> None:
        page, top = self._current, self._tops[self._current] if self._tops else 0.0
        offset = (self.verticalScrollBar().value() - top) / self.zoom if self.zoom else 0.0
        self.zoom = zoom
        self._relayout()
        if self._tops:
            self.verticalScrollBar().setValue(int(self._tops[page] + offset * zoom))
        self.zoom_changed.emit(zoom)

    # -- navigation --------------------------------------------------------------------------

    def scroll_to_page(
        self, page: int, rect: tuple[float, float, float, float] | None = None
    ) -> None:
        """Scroll a 1-based page into view; with a rectangle, centre it."""
        if not self._tops:
            return
        index = max(0, min(page - 1, len(self._tops) - 1))
        y = self._tops[index] - GAP / 2
        if rect is not None:
            rect = rotate_rect(rect, self.base_sizes[index], self.rotation)
            y = self._tops[index] + (rect[1] + rect[3]) / 2 * self.zoom
            y -= self.viewport().height() / 2
            # zoomed wider than the window: bring the field into view sideways too
            w = self.sizes[index][0] * self.zoom
            left = max(GAP, (self.viewport().width() - self.tag_margin() - w) / 2)
            x = left + (rect[0] + rect[2]) / 2 * self.zoom - self.viewport().width() / 2
            self.horizontalScrollBar().setValue(int(x))
        self.verticalScrollBar().setValue(int(y))
        self._scrolled(self.verticalScrollBar().value())

    def flash(self, signal_index: int) -> None:
        """Blink a signal's rectangles for about a second so the eye finds them."""
        self._flash = (signal_index, time.monotonic() + 1.2)
        self._flash_timer.start()
        self.viewport().update()

    def widget_rects(self, signal_index: int) -> list[QRectF]:
        """Where a signal's rectangles are drawn, in viewport coordinates (tests, a11y)."""
        return [self._rect(h) for h in self.highlights if h.signal_index == signal_index]

    def highlights_on_page(self, page: int) -> list[ViewHighlight]:
        """The signal rectangles of a 1-based page."""
        return [h for h in self.highlights if h.page_index == page - 1]

    # -- geometry ----------------------------------------------------------------------------

    def _anchor(self, line: float | None = None) -> tuple[int, float]:
        """The page under the reading line (a third down the viewport, or `line` px down)
        and how far into it, in points."""
        if not self._tops:
            return 0, 0.0
        line = self.verticalScrollBar().value() + (self._reading_line if line is None else line)
        page = max((i for i, t in enumerate(self._tops) if t <= line), default=0)
        return page, (line - self._tops[page]) / (self.zoom or 1.0)

    def _relayout_keeping_place(self) -> None:
        """Relayout (a new size or margin changes a fitted zoom) without leaving the page read."""
        page, offset = self._anchor()
        self._relayout()
        if self._tops and page < len(self._tops):
            line = self.viewport().height() / 3
            self.verticalScrollBar().setValue(int(self._tops[page] + offset * self.zoom - line))
            self._scrolled(self.verticalScrollBar().value())

    def _relayout(self) -> None:
        self._reading_line = self.viewport().height() / 3
        if self.fit is not None and self.sizes:
            self.zoom = self._fit_zoom()
        tops, y = [], float(GAP)
        for _w, h in self.sizes:
            tops.append(y)
            y += h * self.zoom + GAP
        self._tops = tops
        width = max((w for w, _h in self.sizes), default=0.0) * self.zoom + 2 * GAP
        width += self.tag_margin()
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, int(y - self.viewport().height())))
        bar.setPageStep(self.viewport().height())
        bar.setSingleStep(40)
        hbar = self.horizontalScrollBar()
        hbar.setRange(0, max(0, int(width - self.viewport().width())))
        hbar.setPageStep(self.viewport().width())
        self.viewport().update()

    def _page_rect(self, index: int) -> QRectF:
        w, h = self.sizes[index]
        x = max(GAP, (self.viewport().width() - self.tag_margin() - w * self.zoom) / 2)
        x -= self.horizontalScrollBar().value()
        y = self._tops[index] - self.verticalScrollBar().value()
        return QRectF(x, y, w * self.zoom, h * self.zoom)

    def _rect(self, h: ViewHighlight) -> QRectF:
        page = self._page_rect(h.page_index)
        x0, y0, x1, y1 = rotate_rect(h.rect, self.base_sizes[h.page_index], self.rotation)
        z = self.zoom
        return QRectF(page.x() + x0 * z, page.y() + y0 * z, (x1 - x0) * z, (y1 - y0) * z).adjusted(
            -2, -2, 2, 2
        )

    def visible_pages(self) -> list[int]:
        """0-based pages intersecting the viewport."""
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        return [
            i
            for i, t in enumerate(self._tops)
            if t < bottom and t + self.sizes[i][1] * self.zoom > top
        ]

    def _scrolled(self, value: int) -> None:
        if self._tops:
            page = max(0, bisect_right(self._tops, value + self.viewport().height() / 3) - 1)
            # a page starting at the top of the view is the one read, even when it is shorter
            # than the third above the reading line (a receipt among letter pages)
            starting = bisect_left(self._tops, value)
            if starting < page and self._tops[starting] <= value + GAP:
                page = starting
            if page != self._current:
                self._current = page
                self.current_page_changed.emit(page + 1)
        self.viewport().update()

    # -- painting and events -----------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        """Pages (or placeholders), notes, search hits, then signal rectangles."""
        painter = QPainter(self.viewport())
        painted = paint_pages(self, painter)
        painter.end()
        self._painted_any = self._painted_any or bool(painted)
        for page in painted:
            self.page_painted.emit(page)

    def flashing_signal(self) -> int | None:
        """The signal whose rectangles are lit right now (they blink after a click)."""
        return self._flash[0] if self._flash and self._flash_on() else None

    def page_rect(self, index: int) -> QRectF:
        """Where a 0-based page is drawn, in viewport coordinates."""
        return self._page_rect(index)

    def highlight_rect(self, h: ViewHighlight) -> QRectF:
        """Where a highlight is drawn, in viewport coordinates (rotation and zoom applied)."""
        return self._rect(h)

    def _flash_on(self) -> bool:
        return self._flash is not None and int(time.monotonic() * 6) % 2 == 0

    def _flash_tick(self) -> None:
        if self._flash is None or time.monotonic() > self._flash[1]:
            self._flash = None
            self._flash_timer.stop()
        self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit modes follow the window's size; the page being read stays in view."""
        super().resizeEvent(event)
        self._relayout_keeping_place()

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl+wheel zooms; the plain wheel scrolls."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.angleDelta().y() > 0:
                self.zoom_in()
            elif event.angleDelta().y() < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def _highlight_at(self, pos: QPointF) -> list[ViewHighlight]:
        if not self.marks_visible:
            return []
        return [h for h in self.highlights if self._rect(h).contains(pos)]

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Clicking a rectangle selects its signal."""
        hits = self._highlight_at(event.position())
        if hits:
            self.highlight_clicked.emit(hits[0].signal_index)
        super().mousePressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        """Tooltips: the signals under the mouse, in words."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tips = [h.tooltip for h in self._highlight_at(QPointF(event.pos()))]
            if tips:
                QToolTip.showText(event.globalPos(), "\n\n".join(tips), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, x: float, y: float) -> str | None:
        """The tooltip text at a viewport position."""
        tips = [h.tooltip for h in self._highlight_at(QPointF(x, y))]
        return "\n\n".join(tips) if tips else None
