"""Page fitting as the viewer may see it: the documents worker and the viewer share `fit_zoom`,
so the page the worker renders ahead is the one the view paints (see reviewer.documents.fit)."""

from __future__ import annotations

from reviewer.documents.fit import GAP, MAX_ZOOM, MIN_ZOOM, PageFit, fit_zoom

__all__ = ["GAP", "MAX_ZOOM", "MIN_ZOOM", "PageFit", "fit_zoom"]
