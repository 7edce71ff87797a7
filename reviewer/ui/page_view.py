"""Compatibility home of the renderer: the viewer now lives in `reviewer.ui.viewer`.

`DocumentRenderer` is imported from here by the main window; `PagesView` replaced the old
single-page view (see `reviewer.ui.viewer.pages`).
"""

from __future__ import annotations

from reviewer.ui.viewer.pages import PagesView, ViewHighlight
from reviewer.ui.viewer.renderer import DocumentRenderer, PageImageCache

__all__ = ["DocumentRenderer", "PageImageCache", "PagesView", "ViewHighlight"]
