"""Ctrl+F in the viewer: whole-document search on the worker, hits drawn in blue."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reviewer.ui.present.words import plural
from reviewer.ui.tasks import TaskRunner
from reviewer.ui.viewer.geometry import ViewHighlight
from reviewer.ui.viewer.renderer import DocumentRenderer

if TYPE_CHECKING:
    from reviewer.ui.viewer.pane import DocumentPane

Hits = dict[int, list[tuple[float, float, float, float]]]


class SearchController:
    """Runs a pane's searches and shows their hits and count."""

    def __init__(self, pane: DocumentPane, runner: TaskRunner, renderer: DocumentRenderer):
        self._pane, self._runner, self._renderer = pane, runner, renderer

    def clear(self) -> None:
        """Forget the hits (a new document, or an empty search box)."""
        self._pane.pages.search_hits = []
        self._pane.toolbar.search_status.setText("")
        self._pane.pages.viewport().update()

    def run(self, text: str, path: Path | None) -> None:
        """Search every page for `text`; scroll to the first hit."""
        if not text or path is None:
            self.clear()
            return
        pane, renderer = self._pane, self._renderer

        def done(hits: Hits) -> None:
            colour = pane.palette().highlight().color()
            pane.pages.search_hits = [
                ViewHighlight(i, r, text, colour) for i, rects in hits.items() for r in rects
            ]
            count = sum(len(r) for r in hits.values())
            pane.toolbar.search_status.setText(
                f"{plural(count, 'hit')} on {plural(len(hits), 'page')}" if count else "Not found"
            )
            if hits:
                first = min(hits)
                pane.pages.scroll_to_page(first + 1, hits[first][0])
            pane.pages.viewport().update()
            pane.search_finished.emit(count)

        self._runner.run(
            lambda _h: renderer.search(path, text),
            on_done=done,
            on_error=lambda e: pane.toolbar.search_status.setText(str(e) or type(e).__name__),
            key="viewer-search",
            label="Searching",
        )
