"""One document in the viewer: toolbar, thumbnails, continuous pages and the risk panel.

All worker calls run on the task runner; results come back on the GUI thread. Opening takes
two steps so the flagged page shows first: page sizes and that page's render in one task,
then text layers, facts and thumbnails. Each page render is keyed by page, so a newer
request for the same page makes the older one stale.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QImage,
    QKeySequence,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from reviewer.review.case_model import DocumentRecord, SignalRecord
from reviewer.review.findings import Finding
from reviewer.review.forensics_view import revision_path
from reviewer.ui.present.words import document_type_words
from reviewer.ui.tasks import TaskRunner
from reviewer.ui.viewer.findings_group import FINDING_BASE, document_findings, finding_marks
from reviewer.ui.viewer.forensics_bar import ForensicsBar
from reviewer.ui.viewer.geometry import ViewHighlight
from reviewer.ui.viewer.opening import NO_TEXT, DocumentOpening, why
from reviewer.ui.viewer.pages import PagesView
from reviewer.ui.viewer.renderer import DocumentRenderer, PageImageCache
from reviewer.ui.viewer.risk_panel import RiskPanel
from reviewer.ui.viewer.search import SearchController
from reviewer.ui.viewer.thumbs import ThumbnailStrip
from reviewer.ui.viewer.toolbar import ViewerToolbar

__all__ = ["NO_TEXT", "DocumentPane"]

NARROW_PANE = 1250  # px: below this (a 1366 px laptop) the thumbnail strip starts folded
_BANNER_STYLE = "background:#f8d7da;color:#58151c;padding:6px;border:1px solid #f1aeb5;"


class DocumentPane(DocumentOpening, QWidget):
    """Shows one document with its signals; `target_painted(page)` once the target is drawn."""

    target_painted = Signal(int)
    failed = Signal(str)
    other_document_requested = Signal(str)  # document id of a multi-document signal's other
    search_finished = Signal(int)  # hits found by the find-in-document box

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
        self._marks: list[ViewHighlight] = []  # the document's signal rectangles, page unchecked
        self._target: int | None = None
        self._generation = 0
        # generation, repaired, pages, sizes guessed
        self._details_pending: tuple[int, bool, int, bool] | None = None
        self._zooms: dict[str, tuple[str | None, float]] = {}

        self.title = QLabel("Select a document to view it.")
        self.title.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(_BANNER_STYLE)
        self.banner.hide()
        self.toolbar = tb = ViewerToolbar()
        self.page_box, self.search, self.search_status = tb.page_box, tb.search, tb.search_status
        self.pages = PagesView()
        self.pages.image_for = self._image_for
        self.pages.render_wanted = self._render
        self.pages.current_page_changed.connect(self._page_changed)
        self.pages.page_painted.connect(self._painted)
        self.pages.highlight_clicked.connect(self.select_signal)
        self.pages.zoom_changed.connect(lambda _z: self._pending.clear())
        self._typed_page = False  # the reviewer typed in the page box since it last moved us
        tb.page_box.editingFinished.connect(self._page_typed)
        if (page_edit := tb.page_box.lineEdit()) is not None:
            page_edit.textEdited.connect(lambda _t: setattr(self, "_typed_page", True))
        tb.zoom_out.clicked.connect(self.pages.zoom_out)
        tb.zoom_in.clicked.connect(self.pages.zoom_in)
        tb.fit_width.clicked.connect(self.pages.fit_width)
        tb.fit_page.clicked.connect(self.pages.fit_page)
        tb.rotate.clicked.connect(self.rotate)
        tb.copy_text.clicked.connect(self.copy_page_text)
        self.finder = SearchController(self, runner, renderer)
        tb.search.returnPressed.connect(self.run_search)
        self.thumbs = ThumbnailStrip()
        self.thumbs.page_chosen.connect(self.pages.scroll_to_page)
        self.pages.setAccessibleName("Document pages")
        self.thumbs.setAccessibleName("Page thumbnails")
        self.forensics = ForensicsBar()  # revision switcher and "reveal" (issue 19)
        self.forensics.revision_changed.connect(self._show_revision)
        self.forensics.overlay_changed.connect(self.pages.viewport().update)
        self.pages.overlays.append(self.forensics.paint_over)
        self._revision: int | None = None
        self.risk = RiskPanel()
        self.risk.tree.setAccessibleName("Risk signals of this document")
        self.risk.signal_activated.connect(self.go_to_signal)
        self.risk.finding_activated.connect(self.go_to_finding)
        self._findings: list[Finding] = []  # Reviewer's findings on this document, worst first
        self.risk.document_requested.connect(self.other_document_requested)

        centre = QWidget()
        cl = QVBoxLayout(centre)
        cl.setContentsMargins(0, 0, 0, 0)
        header: tuple[QWidget, ...] = (self.title, self.banner, tb, self.forensics)
        for widget in header:
            cl.addWidget(widget)
        cl.addWidget(self.pages, 1)
        self.splitter = split = QSplitter()
        split.setObjectName("viewer-splitter")
        for widget in (self.thumbs, centre, self.risk):
            split.addWidget(widget)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 1)
        split.setCollapsible(2, False)
        self._thumbs_fitted = False  # the strip is folded once on a narrow pane
        # the risk panel is what the reviewer reads beside the page: never squeeze it to a strip
        self.risk.setMinimumWidth(250)
        split.setSizes([160, 900, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.marks_action = QAction("Show &tags and boxes", self)
        self.marks_action.setCheckable(True)
        self.marks_action.setChecked(True)
        self.marks_action.setShortcut(QKeySequence("H"))
        self.marks_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.marks_action.setToolTip("Show or hide every box and tag on the pages (H)")
        self.marks_action.toggled.connect(self.pages.set_marks_visible)
        self.addAction(self.marks_action)
        tb.marks.setDefaultAction(self.marks_action)
        tb.marks.setText("Tags")
        # Ctrl+F is the window's: it goes to the search box of the pane that has the focus
        for keys, slot in (
            ("N", lambda: self.step(1)),
            ("P", lambda: self.step(-1)),
            ("R", self.rotate),
            ("Ctrl+Shift+C", self.copy_page_text),
            ("V", self.forensics.reveal.toggle),
            ("[", lambda: self.forensics.step(-1)),
            ("]", lambda: self.forensics.step(1)),
            ("Ctrl++", self.pages.zoom_in),
            ("Ctrl+-", self.pages.zoom_out),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """On a narrow pane (a 1366 px laptop) the thumbnails fold away: the page needs the
        room to stay legible at fit width; dragging the splitter's edge brings them back."""
        super().resizeEvent(event)
        if not self._thumbs_fitted and self.width() > 0 and self.isVisible():
            self._thumbs_fitted = True
            if self.width() < NARROW_PANE:
                sizes = self.splitter.sizes()
                self.splitter.setSizes([0, sizes[0] + sizes[1], sizes[2]])

    # -- rendering ---------------------------------------------------------------------------

    def _key(self, index: int) -> tuple[str, int, float, int]:
        doc_id = self._doc.document_id if self._doc else ""
        if self._revision is not None:
            doc_id += f"#revision={self._revision}"
        zoom = round(self.pages.zoom * (self.devicePixelRatioF() or 1.0), 3)
        return (doc_id, index, zoom, self.pages.rotation)

    def _image_for(self, index: int) -> QImage | None:
        return None if self._doc is None else self.cache.get(self._key(index))

    def _render(self, index: int) -> None:
        if self._doc is None or self._path is None or index in self._pending:
            return
        key = self._key(index)
        if self.cache.get(key) is not None:
            self._image_arrived(key, None)
            return
        self._pending.add(index)
        path, renderer = self._path, self._renderer
        if self._revision is not None:
            path = revision_path(path, self._revision)
        ratio = self.devicePixelRatioF() or 1.0

        def done(image: QImage) -> None:
            self._pending.discard(index)
            image.setDevicePixelRatio(ratio)
            self.cache.put(key, image)
            self._image_arrived(key, image)

        def error(exc: BaseException) -> None:
            self._pending.discard(index)
            self.pages.page_notes[index] = f"Page {index + 1} cannot be shown: {why(exc)}"

        self._runner.run(
            lambda _h: renderer.render(path, index, key[2], key[3])[0],
            on_done=done,
            on_error=error,
            key=f"viewer-render-{index}",
            label="Rendering page",
        )

    def _image_arrived(self, key: tuple[str, int, float, int], image: QImage | None) -> None:
        if self._doc is None or key[0] != self._key(key[1])[0]:
            return
        self.pages.viewport().update()
        self.pages.mark_page_ready()
        if self._target is not None and key[1] == self._target - 1:
            self._target_reached(key[1] + 1)

    @property
    def opening(self) -> bool:
        """A document is being opened: its target page is not painted yet."""
        return self._target is not None and self._path is not None

    def _painted(self, page: int) -> None:
        if self._target is not None and page == self._target:
            self._target_reached(page)

    def _target_reached(self, page: int) -> None:
        """The flagged page is up: say so, and start the text layers, facts and thumbnails
        now rather than when the fallback timer of `_laid_out` fires."""
        self._target = None
        self.target_painted.emit(page)
        QTimer.singleShot(0, self._start_details)

    def _show_revision(self, revision: int | None) -> None:
        """Show an earlier revision's pages (None: the file as submitted)."""
        self._revision = revision
        self._pending.clear()
        self.pages.viewport().update()

    def _page_typed(self) -> None:
        """Go to the page the reviewer typed; the box merely losing the focus (editingFinished
        fires then too) must not send the view back to whatever number it shows."""
        if self._typed_page:
            self._typed_page = False
            self.pages.scroll_to_page(self.toolbar.page_box.value())

    def _page_changed(self, page: int) -> None:
        self.toolbar.show_page(page)
        self.thumbs.set_current_page(page)

    def rotate(self) -> None:
        """Turn the pages 90° clockwise; highlights turn with them."""
        self._pending.clear()
        self.pages.set_rotation(self.pages.rotation + 90)

    def copy_page_text(self) -> None:
        """Put the current page's text on the clipboard (empty for a scan or photo)."""
        path, renderer, index = self._path, self._renderer, self.pages.current_page - 1
        if path is None:
            return
        status = self.toolbar.search_status

        def done(text: str) -> None:
            QGuiApplication.clipboard().setText(text)
            what = f"{len(text)} characters" if text else "nothing (no text layer)"
            status.setText(f"Copied {what} from page {index + 1}")

        self._runner.run(
            lambda _h: renderer.page_text(path, index),
            on_done=done,
            on_error=lambda e: status.setText(why(e)),
            key="viewer-copy",
            label="Copying text",
        )

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

    def show_findings(self, findings: list[Finding]) -> None:
        """Reviewer's findings on the open document: a panel group and marks on the page."""
        doc_id = self._doc.document_id if self._doc else ""
        self._findings = document_findings(doc_id, findings)
        self.risk.show_findings(self._findings)
        marks = finding_marks(doc_id, self._findings)
        self._marks = [m for m in self._marks if m.source != "reviewer"] + marks
        if marks:
            self.pages.reserve_tag_margin = True
        if self.pages.sizes:  # already laid out: the marks appear now, not on the next open
            count = len(self.pages.sizes)
            self.pages.highlights = [h for h in self._marks if h.page_index < count]
            self.pages.viewport().update()

    def go_to_finding(self, index: int) -> None:
        """Scroll to a finding's place on the page and flash it."""
        if not 0 <= index < len(self._findings):
            return
        doc_id = self._doc.document_id if self._doc else ""
        locs = [loc for loc in self._findings[index].locations if loc.document_id == doc_id]
        if locs:
            self.pages.scroll_to_page(locs[0].page, locs[0].rect)
        self.pages.flash(FINDING_BASE + index)
        self.risk.select_finding(index)

    def select_signal(self, index: int) -> None:
        """A rectangle was clicked: select its signal (or Reviewer finding) in the panel."""
        if index >= FINDING_BASE:
            self.risk.select_finding(index - FINDING_BASE)
        else:
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

    def focus_search(self) -> None:
        """Ctrl+F while the viewer has the focus: type in the find-in-document box."""
        self.search.setFocus()
        self.search.selectAll()

    def run_search(self) -> None:
        """Find the search box's text on every page; hits are drawn in blue."""
        self.finder.run(self.search.text().strip(), self._path)

    def _title(self, doc: DocumentRecord) -> str:
        return f"{document_type_words(doc.document_type)}: {doc.name or 'no file name'}"
