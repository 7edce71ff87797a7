"""Painting of the continuous page view: pages, page notes, search hits, signal rectangles.

Kept apart from the widget's geometry and events; it reads the view's state and never changes
it, except asking (`render_wanted`) for pages it has no image for yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

if TYPE_CHECKING:
    from reviewer.ui.viewer.pages import PagesView

BACKGROUND = QColor(90, 94, 100)
PLACEHOLDER = QColor(245, 245, 245)
SEARCH_HIT = QColor(0, 120, 255, 70)
NOTE_FILL, NOTE_TEXT = QColor(255, 243, 205, 235), QColor(102, 77, 3)


def paint_pages(view: PagesView, painter: QPainter) -> list[int]:
    """Paint the visible pages of `view`; returns the 1-based pages drawn from real images."""
    viewport = view.viewport().rect()
    painter.fillRect(viewport, BACKGROUND)
    if view.message is not None:
        painter.setPen(QColor("white"))
        painter.drawText(
            viewport.adjusted(24, 24, -24, -24),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            view.message,
        )
        return []
    painted: list[int] = []
    for index in view.visible_pages():
        target = view.page_rect(index)
        image = view.image_for(index)
        if image is None:
            painter.fillRect(target, PLACEHOLDER)
            view.render_wanted(index)
        else:
            # whole device pixels: a fractional origin would resample the page and blur it
            painter.drawImage(target.topLeft().toPoint(), image)
            painted.append(index + 1)
        note = view.page_notes.get(index)
        if note:
            band = QRectF(target.x(), target.y(), target.width(), 26)
            painter.fillRect(band, NOTE_FILL)
            painter.setPen(NOTE_TEXT)
            painter.drawText(band.adjusted(8, 0, -8, 0), Qt.AlignmentFlag.AlignVCenter, note)
    for hit in view.search_hits:
        painter.fillRect(view.highlight_rect(hit), SEARCH_HIT)
    _paint_highlights(view, painter)
    return painted


def _paint_highlights(view: PagesView, painter: QPainter) -> None:
    flashing = view.flashing_signal()
    metrics = QFontMetricsF(painter.font())
    tagged: set[tuple[int, int]] = set()  # one tag per signal and page: several rects share it
    stacked: dict[tuple[float, float], int] = {}  # tags already beside a rectangle's corner
    for h in view.highlights:
        rect = view.highlight_rect(h)
        lit = h.signal_index == flashing
        fill = QColor(h.colour)
        fill.setAlpha(170 if lit else 55)
        painter.setPen(QPen(h.colour, 4 if lit else 2.5))
        painter.setBrush(fill)
        painter.drawRect(rect)
        if not h.label or (h.signal_index, h.page_index) in tagged:
            continue
        tagged.add((h.signal_index, h.page_index))
        # the signal's name beside its field, so the page reads without hovering
        width = metrics.horizontalAdvance(h.label) + 10
        tag = QRectF(rect.right() + 4, rect.top(), width, metrics.height() + 4)
        if tag.right() > view.viewport().width() and rect.left() - 4 - width >= 0:
            tag.moveRight(rect.left() - 4)  # a field at the page's right edge: tag on its left
        # several signals on one field (overlaid text, font mismatch): their tags stack
        corner = (round(rect.left()), round(rect.top()))
        tag.translate(0, stacked.get(corner, 0) * (tag.height() + 2))
        stacked[corner] = stacked.get(corner, 0) + 1
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(h.colour)
        painter.drawRoundedRect(tag, 3, 3)
        painter.setPen(QColor("white"))
        painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, h.label)
