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
    for h in view.highlights:
        lit = h.signal_index == flashing
        fill = QColor(h.colour)
        fill.setAlpha(170 if lit else 55)
        painter.setPen(QPen(h.colour, 4 if lit else 2.5))
        painter.setBrush(fill)
        painter.drawRect(view.highlight_rect(h))
    metrics = QFontMetricsF(painter.font())
    for rect, colour, text in field_tags(view):
        # the signal's name beside its field, so the page reads without hovering
        width = metrics.horizontalAdvance(text) + 10
        tag = QRectF(rect.right() + 4, rect.top(), width, metrics.height() + 4)
        if tag.right() > view.viewport().width() and rect.left() - 4 - width >= 0:
            tag.moveRight(rect.left() - 4)  # a field at the page's right edge: tag on its left
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(tag, 3, 3)
        painter.setPen(QColor("white"))
        painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)


def field_tags(view: PagesView) -> list[tuple[QRectF, QColor, str]]:
    """One tag per flagged field: (its rectangle in the viewport, colour, text).

    Several signals on one field (overlaid text and a font mismatch) share a tag naming the
    first, "+1" for the others: the tooltip names them all, and a stack of tags would cover
    the page around the field. A signal placed on several fields of a page is tagged once.
    """
    tagged: set[tuple[int, int]] = set()
    fields: dict[tuple[int, int, int], tuple[QRectF, QColor, list[str]]] = {}
    for h in view.highlights:
        if not h.label or (h.signal_index, h.page_index) in tagged:
            continue
        tagged.add((h.signal_index, h.page_index))
        rect = view.highlight_rect(h)
        corner = (h.page_index, round(rect.left()), round(rect.top()))
        fields.setdefault(corner, (rect, h.colour, []))[2].append(h.label)
    return [
        (rect, colour, labels[0] + (f" +{len(labels) - 1}" if len(labels) > 1 else ""))
        for rect, colour, labels in fields.values()
    ]
