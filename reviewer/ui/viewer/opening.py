"""Opening a document in the viewer: the flagged page first, then everything else.

Opening takes two steps so the flagged page shows first: page sizes and that page's render
in one worker request, then text layers, facts and thumbnails once it is painted.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage

from reviewer.review.case_model import DocumentRecord, SignalRecord
from reviewer.ui.tasks import TaskHandle
from reviewer.ui.viewer.facts_text import banner_text, facts_text
from reviewer.ui.viewer.geometry import PageFit, ViewHighlight
from reviewer.ui.viewer.risk_panel import short_title, signal_colour, signal_tooltip

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QLabel

    from reviewer.ui.tasks import TaskRunner
    from reviewer.ui.viewer.pages import PagesView
    from reviewer.ui.viewer.renderer import DocumentRenderer, PageImageCache
    from reviewer.ui.viewer.risk_panel import RiskPanel
    from reviewer.ui.viewer.search import SearchController
    from reviewer.ui.viewer.thumbs import ThumbnailStrip
    from reviewer.ui.viewer.toolbar import ViewerToolbar

__all__ = ["NO_TEXT", "DocumentOpening", "why"]

NO_TEXT = "No text layer: values cannot be located without OCR"
# thumbnails per worker request: a 32-page statement's all come at once, a 300-page one's in
# turns that page renders can come between (and each shown in a few ms of the GUI thread)
THUMBNAIL_BATCH = 40


class DocumentOpening:
    """The opening half of `DocumentPane` (a mixin: it works on the pane's widgets)."""

    # what the pane provides
    pages: PagesView
    risk: RiskPanel
    thumbs: ThumbnailStrip
    toolbar: ViewerToolbar
    title: QLabel
    banner: QLabel
    finder: SearchController
    cache: PageImageCache
    failed: SignalInstance
    _runner: TaskRunner
    _renderer: DocumentRenderer
    _doc: DocumentRecord | None
    _revision: int | None
    _path: Path | None
    _signals: list[SignalRecord]
    _pending: set[int]
    _marks: list[ViewHighlight]
    _target: int | None
    _generation: int
    _details_pending: tuple[int, bool, int, bool] | None
    _zooms: dict[str, tuple[str | None, float]]  # document id -> (fit mode, zoom) chosen

    if TYPE_CHECKING:  # declared only: at run time the pane's (and QWidget's) are found

        def devicePixelRatioF(self) -> float: ...

        def _render(self, index: int) -> None: ...

        def _page_changed(self, page: int) -> None: ...

        def _title(self, doc: DocumentRecord) -> str: ...

    def show_document(
        self,
        doc: DocumentRecord,
        path: Path | None,
        signals: list[SignalRecord],
        page: int,
        status_line: str | None = None,
    ) -> None:
        """Open a document at a 1-based page; a file that cannot be shown gets a message.

        `status_line` is what Plaid said about the document in words ("Password protected:
        the applicant must upload an unlocked copy."), shown above the page."""
        self._generation += 1
        self._remember_zoom()
        self._doc, self._path, self._signals = doc, path, list(signals)
        self._revision = None
        self._pending.clear()
        self._target = page
        self._details_pending = None
        self.pages.rotation = 0
        # each document opens at its own zoom (fit width unless the reviewer chose one for it)
        self.pages.fit, self.pages.zoom = self._zooms.get(doc.document_id, ("width", 1.5))
        placed = [
            (i, s, loc)
            for i, s in enumerate(self._signals)
            for loc in s.locations
            if loc.document_id == doc.document_id and loc.page > 0
        ]
        # labels go in a column beside the page: fit width leaves room for it from the start
        self.pages.reserve_tag_margin = any(short_title(s) for _i, s, _loc in placed)
        if path is not None:
            # the worker opens the page while the marks and panels below are made (it
            # answers through the event loop, after them)
            self._open(path, page)
        self._marks = [
            ViewHighlight(
                loc.page - 1, loc.rect, signal_tooltip(s), signal_colour(s), i, short_title(s)
            )
            for i, s, loc in placed
        ]
        self.risk.show_document(doc, self._signals, status_line)
        banner = "\n".join(t for t in (status_line, banner_text(self._signals)) if t) or None
        self.banner.setText(banner or "")
        self.banner.setVisible(banner is not None)
        self.thumbs.clear()
        self.title.setText(self._title(doc))
        self.finder.clear()
        if path is None:
            self.fail(status_line or doc.problem or "The file was not downloaded.")
            return
        self.pages.set_message("Opening…")

    def _open(self, path: Path, page: int) -> None:
        generation, renderer = self._generation, self._renderer
        # the zoom the view will pick, so the first render is the one painted
        fit = PageFit(
            self.pages.fit,
            self.pages.fit_viewport(),
            self.pages.zoom,
            self.devicePixelRatioF() or 1.0,
        )

        def work(_h: TaskHandle) -> tuple[Any, Any]:
            try:
                layout, index, zoom, image = renderer.open_at(path, page, fit)
            except Exception:  # noqa: BLE001 - the inspection below says why in words
                return renderer.open(path), None
            return layout, (index, zoom, image)

        def done(result: tuple[Any, Any]) -> None:
            if generation == self._generation:
                self._laid_out(*result)

        def on_a_thread() -> None:
            self._runner.run(
                work,
                on_done=done,
                on_error=lambda e: self.fail(f"This document cannot be shown: {why(e)}"),
                key="viewer-open",
                label="Opening document",
            )

        def opened(answer: tuple[Any, int, float, QImage]) -> None:
            layout, index, zoom, image = answer
            done((layout, (index, zoom, image)))

        def not_opened(error: BaseException) -> None:
            from reviewer.review.documents_access import WorkerTimeout

            if isinstance(error, WorkerTimeout):
                self.fail(f"This document cannot be shown: {why(error)}")
            elif generation == self._generation:
                on_a_thread()  # which asks the worker why, in words

        # answered on this thread when the worker is free: no thread hop before the page
        if not renderer.open_soon(path, page, fit, opened, not_opened):
            on_a_thread()

    def _remember_zoom(self) -> None:
        """Keep the zoom the reviewer chose for the document being left (this session)."""
        if self._doc is not None and self.pages.sizes:
            self._zooms[self._doc.document_id] = (self.pages.fit, self.pages.zoom)

    def clear(self, message: str = "Select a document to view it.") -> None:
        """Show no document: nothing of the previous one stays (title, thumbnails, banner,
        search, risk panel); late answers for it are dropped by the generation check."""
        self._generation += 1
        self._remember_zoom()
        self._doc, self._path, self._signals, self._marks = None, None, [], []
        self._pending.clear()
        self._target = None
        self._details_pending = None
        self.title.setText(message)
        self.banner.clear()
        self.banner.hide()
        self.thumbs.clear()
        self.finder.clear()
        self.toolbar.search.clear()
        self.toolbar.set_page_count(0)
        self.risk.show_document(None, [])
        self.pages.reserve_tag_margin = False
        self.pages.set_message(message)

    def _laid_out(self, layout: Any, first: tuple[int, float, QImage] | None) -> None:
        assert self._doc is not None
        if first is None:  # layout failed: `layout` is the inspection saying why
            self.fail(f"This document cannot be shown: {layout.problem or 'unreadable'}.")
            return
        sizes = list(layout.page_sizes)
        index, zoom, image = first
        image.setDevicePixelRatio(self.devicePixelRatioF() or 1.0)
        self.pages.page_notes = {}
        self.pages.set_document(sizes)
        self.cache.put((self._doc.document_id, index, zoom, 0), image)
        self.pages.highlights = [h for h in self._marks if h.page_index < len(sizes)]
        # the flagged field itself in the middle of the view, not just the top of its page
        target = self._target or 1
        field = next((h.rect for h in self.pages.highlights if h.page_index == target - 1), None)
        self.pages.scroll_to_page(target, field)
        # the flagged page goes on screen now, before anything is told it is up (the case's
        # checks wait for that); the strip and toolbar around it follow
        if self.pages.isVisible():
            self.pages.viewport().repaint()
        if self._target is not None:  # not painted: a hidden tab (the image is ready)
            self._render(max(0, min(target, len(sizes)) - 1))
        self.toolbar.set_page_count(len(sizes))
        badges = {h.page_index + 1: h.colour for h in self.pages.highlights}
        for sig in self._signals:
            if sig.page_number and sig.page_number not in badges and sig.has_fraud_risk:
                badges[sig.page_number] = signal_colour(sig)
        self.thumbs.set_pages(len(sizes), badges)
        self._page_changed(self.pages.current_page)  # the box and strip were just rebuilt
        # sizes, text layers, facts and thumbnails wait for the flagged page to be painted:
        # started now, their thread and worker requests would delay that first paint (a hidden
        # tab paints nothing, hence the timer)
        self._details_pending = (self._generation, layout.repaired, len(sizes), layout.guessed)
        QTimer.singleShot(300, self._start_details)

    def _start_details(self) -> None:
        pending, self._details_pending = self._details_pending, None
        if pending is not None and pending[0] == self._generation:
            self._load_details(*pending[1:])

    def _load_details(self, repaired: bool, count: int, guessed: bool) -> None:
        """Page sizes, facts and thumbnails, then text layers and problems: after the first
        page is up, each shown as it arrives.

        A long document was laid out on a guess (every page the size of the one opened at):
        its real sizes come first, in a few milliseconds. The thumbnails come in batches,
        the pages nearest the one read first, so pages rendered for a reviewer who scrolls
        are never queued behind hundreds of thumbnails, and no batch holds up the GUI
        thread for long. The inspection (a page without text, damaged pages) reads every
        page's text again and comes last.
        """
        path, renderer, generation = self._path, self._renderer, self._generation
        assert path is not None
        near = self.pages.current_page - 1
        order = sorted(range(count), key=lambda i: (abs(i - near), i))
        batches = [order[i : i + THUMBNAIL_BATCH] for i in range(0, count, THUMBNAIL_BATCH)]

        def current() -> bool:
            return generation == self._generation and self._doc is not None

        def run(work: Any, on_done: Any, on_error: Any = None) -> None:
            self._runner.run(
                work,
                on_done=on_done,
                on_error=on_error,
                key="viewer-details",
                label="Reading document",
            )

        def sized(layout: Any) -> None:
            if current():
                self.pages.set_sizes(list(layout.page_sizes))
                facts()

        def facts(_error: BaseException | None = None) -> None:
            # without the real sizes (a worker restarted meanwhile) the guess stays
            if current():
                run(lambda _h: (renderer.facts(path), thumbnails(0)), facts_shown)

        def thumbnails(batch: int) -> dict[int, QImage]:
            return renderer.thumbnails(path, batches[batch]) if batch < len(batches) else {}

        def facts_shown(result: tuple[Any, dict[int, QImage]]) -> None:
            if current():
                facts, thumbs = result
                self.risk.facts.setText(facts_text(facts))
                thumbs_shown(1, thumbs)

        def thumbs_shown(following: int, thumbs: dict[int, QImage]) -> None:
            if not current():
                return
            self.thumbs.set_images(thumbs)
            if following < len(batches):
                run(lambda _h: thumbnails(following), lambda t: thumbs_shown(following + 1, t))
            else:
                run(lambda _h: renderer.open(path), inspected)

        def inspected(info: Any) -> None:
            if not current():
                return
            assert self._doc is not None
            notes = []
            if repaired or getattr(info, "repaired", False) or self._doc.repaired:
                notes.append("⚠ Repaired file (damaged or truncated): pages may be missing.")
            if getattr(info, "problem", None):
                notes.append(f"⚠ {info.problem}")
            self.title.setText("\n".join([self._title(self._doc), *notes]))
            with_text = list(getattr(info, "pages_with_text", []))
            self.pages.page_notes = {i: NO_TEXT for i, has in enumerate(with_text) if not has}
            self.pages.viewport().update()

        if guessed:
            run(lambda _h: renderer.layout(path), sized, facts)
        else:
            facts()

    def fail(self, reason: str) -> None:
        """Show why the document cannot be displayed, in place of its pages."""
        self.pages.set_message(reason)
        self.failed.emit(reason)


def why(exc: BaseException) -> str:
    """An exception in words for the reviewer."""
    return str(exc) or type(exc).__name__
