"""Where the labels of flagged fields go: in a margin beside the page, never over its text.

A box marks the flagged field on the page; its label ("Overlaid text +1") sits in a tag column
to the right of the page, joined to the box by a thin leader line, so no label covers evidence
(an amount, an SSN) printed next to the field. Labels of fields close together are stacked in
the column, in the order of the fields on the page.

Kept free of the view: `field_tags` groups what to label, `place_tags` lays the labels out in
the column. Plaid's signals and Reviewer's own findings are both marks; a mark's `source`
says which, and a finding's label says "Reviewer check" so the two are never confused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF

if TYPE_CHECKING:
    from reviewer.ui.viewer.pages import PagesView

__all__ = [
    "TAG_GUTTER",
    "FieldTag",
    "PlacedTag",
    "field_tags",
    "place_tags",
    "placed_tags",
    "tag_font",
]

TAG_GUTTER = 112  # logical px kept right of the page for labels (fit width leaves room for it)
TAG_PADDING = 5  # px of text padding inside a tag
MIN_GUTTER = 36


@dataclass(frozen=True)
class FieldTag:
    """One label to place: the flagged field's rectangle (viewport px), colour and text."""

    rect: QRectF
    colour: QColor
    text: str
    page_index: int = 0
    source: str = "plaid"  # "plaid" (a risk signal) or "reviewer" (a finding of our checks)


@dataclass(frozen=True)
class PlacedTag:
    """A label laid out in the margin: its box, the point on the field its leader starts at."""

    box: QRectF
    anchor: QPointF
    colour: QColor
    text: str
    full_text: str
    source: str = "plaid"


def field_tags(view: PagesView) -> list[tuple[QRectF, QColor, str]]:
    """One tag per flagged field: (its rectangle in the viewport, colour, text).

    Several signals on one field (overlaid text and a font mismatch) share a tag naming the
    first, "+1" for the others: the tooltip names them all, and a stack of tags would crowd
    the margin. A signal placed on several fields of a page is tagged once.
    """
    return [(t.rect, t.colour, t.text) for t in tags_of(view)]


def tags_of(view: PagesView, pages: set[int] | None = None) -> list[FieldTag]:
    """`field_tags` with each field's page and source (signal or finding); only those on
    the 0-based `pages` when given."""
    tagged: set[tuple[int, int]] = set()
    fields: dict[tuple[int, int, int, str], tuple[QRectF, QColor, list[str], int, str]] = {}
    for h in view.highlights:
        if pages is not None and h.page_index not in pages:
            continue
        if not h.label or (h.signal_index, h.page_index) in tagged:
            continue
        tagged.add((h.signal_index, h.page_index))
        rect = view.highlight_rect(h)
        source = getattr(h, "source", "plaid")
        # a signal and a finding on one field get a tag each: their sources never mix
        corner = (h.page_index, round(rect.left()), round(rect.top()), source)
        fields.setdefault(corner, (rect, h.colour, [], h.page_index, source))[2].append(h.label)
    return [
        FieldTag(
            rect, colour, labels[0] + (f" +{len(labels) - 1}" if len(labels) > 1 else ""), page, src
        )
        for rect, colour, labels, page, src in fields.values()
    ]


def place_tags(
    tags: Iterable[FieldTag],
    column_left: float,
    column_width: float,
    line_height: float,
    elide: Callable[[str, float], str],
) -> list[PlacedTag]:
    """Lay labels out top to bottom in the column right of the page, none over another.

    Each label is centred on its field's height when it can be, else pushed just below the
    label above it; its text is shortened with "…" to the column (the tooltip has it whole).
    """
    height = line_height + 4
    placed: list[PlacedTag] = []
    bottom = float("-inf")
    width = max(0.0, column_width - 2)
    for tag in sorted(tags, key=lambda t: (t.rect.center().y(), t.rect.left())):
        top = max(tag.rect.center().y() - height / 2, bottom + 2)
        # "+1" (more signals on the field) survives the shortening of the name before it
        name, plus, more = tag.text.rpartition(" +")
        suffix = f" +{more}" if plus and more.isdigit() else ""
        head = name if suffix else tag.text
        room = width - 2 * TAG_PADDING - len(suffix) * line_height * 0.55
        text = elide(head, room) + suffix
        box = QRectF(column_left, top, width, height)
        anchor = QPointF(tag.rect.right(), tag.rect.center().y())
        placed.append(PlacedTag(box, anchor, tag.colour, text, tag.text, tag.source))
        bottom = box.bottom()
    return placed


def tag_font(base: QFont) -> QFont:
    """The labels' font: a point smaller than the view's, never below 7.5 pt."""
    font = QFont(base)
    font.setPointSizeF(max(7.5, font.pointSizeF() - 1))
    return font


def placed_tags(view: PagesView, pages: set[int] | None = None) -> list[PlacedTag]:
    """Every label of the document (or of its 0-based `pages`) laid out in the margin right
    of its page."""
    margin = view.tag_margin()
    if not margin or not view.marks_visible:
        return []
    metrics = QFontMetricsF(tag_font(view.font()))
    by_page: dict[int, list[FieldTag]] = {}
    for tag in tags_of(view, pages):
        by_page.setdefault(tag.page_index, []).append(tag)
    placed: list[PlacedTag] = []
    for page, tags in by_page.items():
        placed += place_tags(
            tags,
            view.page_rect(page).right() + 8,
            margin - 12,
            metrics.height(),
            lambda text, width: metrics.elidedText(text, Qt.TextElideMode.ElideRight, width),
        )
    return placed
