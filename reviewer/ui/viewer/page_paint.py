"""Painting of the continuous page view: pages, page notes, search hits, signal boxes and tags.

Kept apart from the widget's geometry and events; it reads the view's state and never changes
it, except asking (`render_wanted`) for pages it has no image for yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from reviewer.ui.viewer.tags import TAG_PADDING, field_tags, placed_tags, tag_font

if TYPE_CHECKING:
    from reviewer.ui.viewer.pages import PagesView

__all__ = ["field_tags", "paint_pages"]  # field_tags: where each flagged field's label goes

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
    visible = view.visible_pages()
    for index in visible:
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
    _paint_highlights(view, painter, set(visible))
    for overlay in view.overlays:
        overlay(view, painter)
    return painted


def _mostly_same(a: QRectF, b: QRectF) -> bool:
    """Two boxes around the same field (each search places its own, a few points apart)."""
    common = a.intersected(b)
    smaller = min(a.width() * a.height(), b.width() * b.height())
    return smaller > 0 and common.width() * common.height() >= 0.5 * smaller


def _paint_highlights(view: PagesView, painter: QPainter, pages: set[int]) -> None:
    """The marks of the visible `pages` (a long statement's others are not even placed)."""
    if not view.marks_visible:
        return  # the reviewer hid every mark to read the page as it is
    flashing = view.flashing_signal()
    tinted: list[QRectF] = []  # a field flagged five times is tinted once: stacked tints hid it
    for h in view.highlights:
        if h.page_index not in pages:
            continue
        lit = h.signal_index == flashing
        rect = view.highlight_rect(h)
        fill = QColor(h.colour)
        fill.setAlpha(110 if lit else 28)  # light enough to read the field's text through
        pen = QPen(h.colour, 3 if lit else 2)
        if h.source == "reviewer":  # Reviewer's findings: dashed, never mistaken for a signal
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        overlaps = any(_mostly_same(rect, other) for other in tinted)
        painter.setBrush(fill if lit or not overlaps else Qt.BrushStyle.NoBrush)
        if not overlaps:
            tinted.append(rect)
        painter.drawRect(rect)
    painter.setFont(tag_font(view.font()))
    for tag in placed_tags(view, pages):
        # the leader runs from the field's box to its label in the margin
        painter.setPen(QPen(tag.colour, 1.2, Qt.PenStyle.DotLine))
        painter.drawLine(tag.anchor, QPointF(tag.box.left(), tag.box.center().y()))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(tag.colour)
        painter.drawRoundedRect(tag.box, 3, 3)
        painter.setPen(QColor("white"))
        painter.drawText(
            tag.box.adjusted(TAG_PADDING, 0, -TAG_PADDING, 0),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            tag.text,
        )
