"""Page geometry of the viewer, free of widgets: zoom fitting and clockwise rotation.

Rectangles are PDF points with the origin at the page's top-left, as the worker and Plaid's
located signals give them; rotation turns them the same way the worker turns the pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

# the worker fits the first page by the same rule (a light module: no PyMuPDF behind it)
from reviewer.review.page_fit import GAP, MAX_ZOOM, MIN_ZOOM, PageFit, fit_zoom

__all__ = [
    "GAP",
    "MAX_ZOOM",
    "MIN_ZOOM",
    "ZOOM_STEPS",
    "PageFit",
    "ViewHighlight",
    "fit_zoom",
    "rotate_rect",
    "rotated_size",
]

ZOOM_STEPS = (0.5, 0.67, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class ViewHighlight:
    """A signal's rectangle on a 0-based page, in points, with its colour and explanation."""

    page_index: int
    rect: Rect
    tooltip: str
    colour: QColor
    signal_index: int = -1  # index in the owner's signal list; -1 for search hits
    label: str = ""  # short name drawn beside the rectangle ("Edited text")
    source: str = "plaid"  # "plaid" (a risk signal) or "reviewer" (a finding of our checks)


def rotated_size(size: tuple[float, float], rotation: int) -> tuple[float, float]:
    """A page's size once turned clockwise by `rotation` degrees (a multiple of 90)."""
    width, height = size
    return (height, width) if rotation % 180 else (width, height)


def rotate_rect(rect: Rect, size: tuple[float, float], rotation: int) -> Rect:
    """A rectangle on an unrotated page of `size`, turned clockwise with the page."""
    width, height = size
    x0, y0, x1, y1 = rect
    turn = rotation % 360
    if turn == 90:
        return (height - y1, x0, height - y0, x1)
    if turn == 180:
        return (width - x1, height - y1, width - x0, height - y0)
    if turn == 270:
        return (y0, width - x1, y1, width - x0)
    return rect
