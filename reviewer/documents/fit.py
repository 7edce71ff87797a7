"""How big the viewer draws a page: zoom fitting, shared by the viewer and the worker.

The viewer opens a document at its flagged page in one worker request; for that render to be
the one painted, the worker must pick the zoom the view will pick once it knows the page
sizes. Both use `fit_zoom`, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

GAP = 12  # logical px between pages, and around them
MIN_ZOOM, MAX_ZOOM = 0.25, 6.0


def fit_zoom(
    sizes: list[tuple[float, float]],
    viewport: tuple[int, int],
    mode: str | None,
    current: int = 0,
    fallback: float = 1.0,
) -> float:
    """Zoom (logical px per point) for "width" or "page" fitting in a viewport (w, h)."""
    if not sizes or mode is None:
        return fallback
    width = max(w for w, _h in sizes)
    zoom = max(50, viewport[0] - 2 * GAP) / width
    if mode == "page":
        height = sizes[min(current, len(sizes) - 1)][1]
        zoom = min(zoom, max(50, viewport[1] - 2 * GAP) / height)
    return max(MIN_ZOOM, min(zoom, MAX_ZOOM))


@dataclass(frozen=True)
class PageFit:
    """The view a document opens into: fit mode, viewport (logical px), fixed zoom, and the
    screen's device pixel ratio (pages are rendered at it, to stay crisp on high-DPI)."""

    mode: str | None  # "width", "page", or None for `zoom`
    viewport: tuple[int, int]
    zoom: float = 1.0
    device_ratio: float = 1.0

    def render_zoom(self, sizes: list[tuple[float, float]], index: int) -> float:
        """Device pixels per point for page `index` (0-based), rounded as the view keys it."""
        logical = fit_zoom(sizes, self.viewport, self.mode, index, self.zoom)
        return round(logical * self.device_ratio, 3)
