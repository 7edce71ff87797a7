"""One document in the viewer: toolbar, thumbnails, continuous pages and the risk panel.

All worker calls run on the task runner; results come back on the GUI thread. Each page render
is keyed by page, so a newer request for the same page makes the older one stale.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reviewer.review.case_model import DocumentRecord, SignalRecord
from reviewer.ui.tasks import TaskHandle, TaskRunner
from reviewer.ui.viewer.pages import PagesView, ViewHighlight
from reviewer.ui.viewer.renderer import DocumentRenderer, PageImageCache
from reviewer.ui.viewer.risk_panel import RiskPanel, signal_colour, signal_tooltip
from reviewer.ui.viewer.thumbs import ThumbnailStrip

NO_TEXT = "No text layer: values cannot be located without OCR"


class DocumentPane(QWidget):
    """Shows one document with its signals; `page_painted(page)` once a target page is drawn."""

    target_painted = Signal(int)
    failed = Signal(str)

    def __init__(
        self, runner: TaskRunner, renderer: DocumentRenderer, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner, self._renderer = runner, renderer
        self.cache = PageImageCache()
        self._doc: DocumentRecord | None = None
        self._path: Path | None = None
        self._signals: list[SignalRecord] = []
        self._pending: set[int] = set()
        self._target: int | None = None
        self._generation = 0

        self.title = QLabel("Select a document to view it.")
        self.title.setWordWrap(True)
        self.page_box = QSpinBox()
        self.page_box.setMinimum(1)
        self.page_box.setPrefix("Page ")
        self.page_box.setToolTip("Go to page")
        self.page_box.editingFinished.connect(self._go_to_page_box)
        self.of_pages = QLabel("of 0")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find in document (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.run_search)
        self.search_status = QLabel("")
        buttons = []
        for text, tip in (
            ("−", "Zoom out (Ctrl+wheel)"),
            ("+", "Zoom in (Ctrl+wheel)"),
            ("Fit width", "Fit page width"),
            ("Fit page", "Fit whole page"),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            buttons.append(button)
        bar = QHBoxLayout()
        bar.addWidget(self.page_box)
        bar.addWidget(self.of_pages)
        for button in buttons:
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.search)
        bar.addWidget(self.search_status)

        self.pages = PagesView()
        self.pages.image_for = self._image_for
        self.pages.render_wanted = self._render
        self.pages.current_page_changed.connect(self._page_changed)
        self.pages.page_painted.connect(self._painted)
        self.pages.highlight_clicked.connect(self.select_signal)
        self.pages.zoom_changed.connect(lambda _z: self._pending.clear())
        buttons[0].clicked.connect(self.pages.zoom_out)
        buttons[1].clicked.connect(self.pages.zoom_in)
        buttons[2].clicked.connect(self.pages.fit_width)
        buttons[3].clicked.connect(self.pages.fit_page)
        self.thumbs = ThumbnailStrip()
        self.thumbs.page_chosen.connect(self.pages.scroll_to_page)
        self.risk = RiskPanel()
        self.risk.signal_activated.connect(self.go_to_signal)

        centre = QWidget()
        cl = QVBoxLayout(centre)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.title)
        cl.addLayout(bar)
        cl.addWidget(self.pages, 1)
        split = QSplitter()
        split.addWidget(self.thumbs)
        split.addWidget(centre)
        split.addWidget(self.risk)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        for keys, slot in (
            ("Ctrl+F", self._focus_search),
            ("N", lambda: self.step(1)),
            ("P", lambda: self.step(-1)),
            ("Ctrl++", self.pages.zoom_in),
            ("Ctrl+-", self.pages.zoom_out),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- opening -----------------------------------------------------------------------------

    def show_document(
        self, doc: DocumentRecord, path: Path | None, signals: list[SignalRecord], page: int
    ) -> None:
        """Open a document at a 1-based page; a file that cannot be shown gets a message."""
        self._generation += 1
        self._doc, self._path, self._signals = doc, path, list(signals)
        self._pending.clear()
        self._target = page
        self.risk.show_document(doc, self._signals)
        self.thumbs.clear()
        self.title.setText(self._title(doc))
        if path is None:
            self.fail(doc.problem or "The file was not downloaded.")
            return
        self.pages.set_message("Opening…")
        generation, renderer = self._generation, self._renderer

        def work(_h: TaskHandle) -> tuple[object, object]:
            info = renderer.open(path)
            if getattr(info, "problem", None) and not getattr(info, "page_count", None):
                return info, None  # nothing to lay out; the problem says why
            return info, renderer.facts(path)

        def done(result: tuple[object, object]) -> None:
            if generation == self._generation:
                self._opened(*result)

        self._runner.run(
            work,
            on_done=done,
            on_error=lambda e: self.fail(f"This document cannot be shown: {_why(e)}"),
            key="viewer-open",
            label="Opening document",
        )

    def _opened(self, info: object, facts: object) -> None:
        assert self._doc is not None
        assert self._path is not None
        problem = getattr(info, "problem", None)
        sizes = list(getattr(facts, "page_sizes", []))
        if problem and not sizes:
            self.fail(f"This document cannot be shown: {problem}.")
            return
        notes = []
        if getattr(info, "repaired", False) or self._doc.repaired:
            notes.append("⚠ Repaired file (damaged or truncated): pages may be missing.")
        if problem:
            notes.append(f"⚠ {problem}")
        if notes:
            self.title.setText(self.title.text() + "\n" + "\n".join(notes))
        with_text = list(getattr(info, "pages_with_text", []))
        self.pages.page_notes = {i: NO_TEXT for i, has in enumerate(with_text) if not has}
        self.pages.set_document(sizes)
        self.page_box.setMaximum(max(1, len(sizes)))
        self.of_pages.setText(f"of {len(sizes)}")
        self.pages.highlights = [
            ViewHighlight(loc.page - 1, loc.rect, signal_tooltip(sig), signal_colour(sig), i)
            for i, sig in enumerate(self._signals)
            for loc in sig.locations
            if loc.document_id == self._doc.document_id and 0 < loc.page <= len(sizes)
        ]
        self.risk.facts.setText(_facts_text(facts))
        badges = {h.page_index + 1: h.colour for h in self.pages.highlights}
        for sig in self._signals:
            if sig.page_number and sig.page_number not in badges and sig.has_fraud_risk:
                badges[sig.page_number] = signal_colour(sig)
        self.thumbs.set_pages(len(sizes), badges)
        self.pages.scroll_to_page(self._target or 1)
        # render the target now: the tab may be hidden, so no paint would ask for it
        self._render(max(0, min((self._target or 1), len(sizes)) - 1))
        self._load_thumbnails(len(sizes))

    def _load_thumbnails(self, count: int) -> None:
        path, renderer, generation = self._path, self._renderer, self._generation
        assert path is not None

        def done(images: dict[int, QImage]) -> None:
            if generation == self._generation:
                self.thumbs.set_images(images)

        self._runner.run(
            lambda _h: renderer.thumbnails(path, count),
            on_done=done,
            key="viewer-thumbs",
            label="Thumbnails",
        )

    def fail(self, reason: str) -> None:
        """Show why the document cannot be displayed, in place of its pages."""
        self.pages.set_message(reason)
        self.failed.emit(reason)

    # -- rendering ---------------------------------------------------------------------------

    def _render_zoom(self) -> float:
        return round(self.pages.zoom * (self.devicePixelRatioF() or 1.0), 3)

    def _image_for(self, index: int) -> QImage | None:
        doc = self._doc
        return (
            None if doc is None else self.cache.get((doc.document_id, index, self._render_zoom()))
        )

    def _render(self, index: int) -> None:
        if self._doc is None or self._path is None or index in self._pending:
            return
        self._pending.add(index)
        path, renderer, zoom = self._path, self._renderer, self._render_zoom()
        key = (self._doc.document_id, index, zoom)
        ratio = self.devicePixelRatioF() or 1.0

        def done(result: tuple[QImage, tuple[float, float]]) -> None:
            self._pending.discard(index)
            image = result[0]
            image.setDevicePixelRatio(ratio)
            self.cache.put(key, image)
            if key[0] == (self._doc.document_id if self._doc else None):
                self.pages.viewport().update()
                self.pages.mark_page_ready()
                if self._target is not None and index == self._target - 1:
                    self._target = None
                    self.target_painted.emit(index + 1)

        def error(exc: BaseException) -> None:
            self._pending.discard(index)
            self.pages.page_notes[index] = f"Page {index + 1} cannot be shown: {_why(exc)}"

        self._runner.run(
            lambda _h: renderer.render(path, index, zoom),
            on_done=done,
            on_error=error,
            key=f"viewer-render-{index}",
            label="Rendering page",
        )

    def _painted(self, page: int) -> None:
        if self._target is not None and page == self._target:
            self._target = None
            self.target_painted.emit(page)

    def _go_to_page_box(self) -> None:
        self.pages.scroll_to_page(self.page_box.value())

    def _page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page)
        self.page_box.blockSignals(False)
        self.thumbs.set_current_page(page)

    # -- signals and search ------------------------------------------------------------------

    def go_to_signal(self, index: int) -> None:
        """Scroll to a signal's rectangle (or page) and flash it."""
        sig = self._signals[index]
        doc_id = self._doc.document_id if self._doc else ""
        locs = [loc for loc in sig.locations if loc.document_id == doc_id]
        if locs:
            self.pages.scroll_to_page(locs[0].page, locs[0].rect)
        elif sig.page_number:
            self.pages.scroll_to_page(sig.page_number)
        self.pages.flash(index)
        self.risk.select_signal(index)

    def select_signal(self, index: int) -> None:
        """A rectangle was clicked: select its signal in the panel."""
        self.risk.select_signal(index)
        self.pages.flash(index)

    def step(self, delta: int) -> None:
        """Next/previous signal in the panel's order (keys N and P)."""
        order = self.risk.order
        if not order:
            return
        current = self.risk.current_signal()
        pos = order.index(current) + delta if current in order else (0 if delta > 0 else -1)
        self.go_to_signal(order[pos % len(order)])

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def run_search(self) -> None:
        """Find the search box's text on every page; hits are drawn in blue."""
        text, path, renderer = self.search.text().strip(), self._path, self._renderer
        if not text or path is None:
            self.pages.search_hits = []
            self.search_status.setText("")
            self.pages.viewport().update()
            return

        def done(hits: dict[int, list[tuple[float, float, float, float]]]) -> None:
            self.pages.search_hits = [
                ViewHighlight(i, r, text, self.palette().highlight().color())
                for i, rects in hits.items()
                for r in rects
            ]
            count = sum(len(r) for r in hits.values())
            self.search_status.setText(f"{count} hit(s) on {len(hits)} page(s)")
            if hits:
                first = min(hits)
                self.pages.scroll_to_page(first + 1, hits[first][0])
            self.pages.viewport().update()

        self._runner.run(
            lambda _h: renderer.search(path, text),
            on_done=done,
            on_error=lambda e: self.search_status.setText(_why(e)),
            key="viewer-search",
            label="Searching",
        )

    def _title(self, doc: DocumentRecord) -> str:
        return f"{doc.document_type.replace('_', ' ').title()}: {doc.name or doc.document_id}"


def _why(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _facts_text(facts: object) -> str:
    def get(name: str) -> Any:
        return getattr(facts, name, None)

    lines = [f"File: {get('file_kind')}, {get('page_count')} page(s)"]
    lines.append(f"Producer: {get('producer') or '—'}")
    lines.append(f"Creator: {get('creator') or '—'}")
    lines.append(f"Created: {get('created') or '—'}")
    lines.append(f"Modified: {get('modified') or '—'}")
    fonts = get("fonts_by_page") or {}
    for page, names in list(fonts.items())[:8]:
        lines.append(f"Fonts p. {page}: {', '.join(names)}")
    return "\n".join(lines)
