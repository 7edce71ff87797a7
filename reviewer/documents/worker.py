"""The app's handle on the documents worker process (reviewer/ARCHITECTURE.md "Threads", issue 6).

Applicants' files are hostile and PyMuPDF is not thread-safe, so the app never runs PyMuPDF
itself: a `DocumentWorker` starts a separate process (multiprocessing, spawn) under an
address-space limit and sends it one request at a time. A request that overruns `timeout_s`
gets the process killed (`WorkerTimeout`); a process that dies raises `WorkerCrashed`; either
way the next request starts a fresh process (see `_process`). Rendered pixels come back
through shared memory owned by this side, not through the pipe: the worker's own block, or a
block of a `SharedBlockPool` that the caller keeps for as long as it shows the page.

Callers may use one worker from several threads: requests are serialised by a lock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from reviewer.documents._process import PENDING, WorkerProcess
from reviewer.documents.fit import PageFit
from reviewer.documents.forensics.types import ForensicsReport
from reviewer.documents.printed_rows import PrintedRow
from reviewer.documents.results import DocumentFacts, DocumentInfo, LocatedSignal, Rect, SignalQuery
from reviewer.documents.shared_pages import SharedBlock, SharedBlockPool
from reviewer.documents.worker_types import (
    DocumentError,
    DocumentLayout,
    RenderedPage,
    Thumbnail,
    WorkerCrashed,
    WorkerError,
    WorkerTimeout,
)

__all__ = [
    "DocumentError",
    "DocumentLayout",
    "DocumentWorker",
    "PendingOpen",
    "RenderedPage",
    "Thumbnail",
    "WorkerCrashed",
    "WorkerError",
    "WorkerTimeout",
]


class DocumentWorker(WorkerProcess):
    """A separate process that opens, renders and searches documents for the app."""

    # -- public requests -------------------------------------------------------------------

    def open(self, path: str | Path) -> DocumentInfo:
        """Inspect a document: page count, text layer, repair, encryption, problem in words."""
        info: DocumentInfo = self._request("open", str(path))
        return info

    def page_count(self, path: str | Path) -> int:
        """Number of pages; DocumentError if the document cannot be opened."""
        count: int = self._request("page_count", str(path))
        return count

    def render_page(
        self, path: str | Path, page_index: int, zoom: float, rotation: int = 0
    ) -> RenderedPage:
        """Render page `page_index` (0-based) at `zoom` (1.0 = 72 dpi), rotated clockwise.

        The pixels are copied out of shared memory; `rendered` avoids that copy.
        """
        with self.rendered(path, page_index, zoom, rotation) as page:
            return replace(page, data=bytes(page.data))

    @contextmanager
    def rendered(
        self, path: str | Path, page_index: int, zoom: float, rotation: int = 0
    ) -> Iterator[RenderedPage]:
        """Render a page and lend its pixels as a view into shared memory, without a copy.

        `data` is valid only inside the `with` block (the worker is held for its duration), so
        copy what must outlive it, e.g. `QImage(view, ...).copy()`: one copy instead of two.
        """
        with self._lock:
            meta: dict[str, Any] = self._request_locked(
                "render", str(path), page_index, zoom, rotation
            )
            assert self._shm is not None
            assert self._shm.buf is not None
            view = self._shm.buf[: meta["nbytes"]]
            try:
                yield _rendered_page(meta, view)
            finally:
                view.release()

    def render_into(
        self, pool: SharedBlockPool, path: str | Path, page_index: int, zoom: float, rotation: int
    ) -> tuple[RenderedPage, SharedBlock]:
        """Render a page into a block of `pool`, which the caller now owns: the pixels
        (`data`, a view into it) stay valid until the caller gives the block back."""
        meta, block = self._pooled(pool, "render", str(path), page_index, zoom, rotation)
        return _rendered_page(meta, block.buf[: meta["nbytes"]]), block

    def open_into(
        self, pool: SharedBlockPool, path: str | Path, page: int, fit: PageFit
    ) -> tuple[DocumentLayout, int, RenderedPage, SharedBlock]:
        """Open a document at 1-based `page` in one request: its layout, the 0-based index
        of the page shown (clamped to the document), and that page rendered at the zoom `fit`
        gives it, into a block of `pool` as `render_into`. DocumentError if the document
        cannot be opened."""
        meta, block = self._pooled(pool, "open_at", str(path), page, fit)
        page_view = _rendered_page(meta, block.buf[: meta["nbytes"]])
        return meta["layout"], meta["index"], page_view, block

    def layout(self, path: str | Path) -> DocumentLayout:
        """Every page's size in points, as the viewer lays the pages out (no text read)."""
        layout: DocumentLayout = self._request("layout", str(path))
        return layout

    def begin_open_into(
        self, pool: SharedBlockPool, path: str | Path, page: int, fit: PageFit
    ) -> PendingOpen | None:
        """`open_into` without waiting, for an event loop: the request is sent now and
        `PendingOpen.fd` becomes readable when the answer is there. None when the worker is
        busy or not running (then call `open_into` on a thread as usual)."""
        block = pool.acquire(pool.typical_bytes)
        conn = self._begin("open_at", str(path), page, fit, into=block.name)
        if conn is None:
            pool.release(block)
            return None
        return PendingOpen(self, pool, conn, block)

    def _pooled(
        self, pool: SharedBlockPool, op: str, *args: Any
    ) -> tuple[dict[str, Any], SharedBlock]:
        held = [pool.acquire(pool.typical_bytes)]

        def bigger(nbytes: int) -> str:
            pool.release(held[0])
            held[0] = pool.acquire(nbytes)
            return held[0].name

        try:
            with self._lock:
                meta: dict[str, Any] = self._request_locked(
                    op, *args, into=held[0].name, bigger=bigger
                )
        except BaseException:
            pool.release(held[0])
            raise
        pool.note_size(meta["nbytes"])
        held[0].map_in(meta["nbytes"])  # on this (a worker) thread, not at the first paint
        return meta, held[0]

    def thumbnails(
        self, path: str | Path, page_indices: list[int], max_side: int = 160
    ) -> list[Thumbnail]:
        """Small RGB renders of pages (longest side `max_side` px) in one request."""
        with self._lock:
            metas: list[tuple[int, int, int, int, int, int]] = self._request_locked(
                "thumbnails", str(path), list(page_indices), max_side
            )
            assert self._shm is not None
            assert self._shm.buf is not None
            buf = self._shm.buf
            return [
                Thumbnail(index, w, h, stride, bytes(buf[offset : offset + n]))
                for index, w, h, stride, offset, n in metas
            ]

    def search_document(self, path: str | Path, text: str) -> dict[int, list[Rect]]:
        """Ctrl+F over the whole document: 0-based page index -> hit rectangles."""
        hits: dict[int, list[Rect]] = self._request("search_all", str(path), text)
        return hits

    def facts(self, path: str | Path) -> DocumentFacts:
        """Producer, creator, dates and fonts per page (see `reviewer.documents.facts`)."""
        facts: DocumentFacts = self._request("facts", str(path))
        return facts

    def forensics(self, path: str | Path) -> ForensicsReport:
        """What the file admits about its history (see `reviewer.documents.forensics`).

        Render an earlier revision with the page requests and `revision_path(path, k)`.
        """
        report: ForensicsReport = self._request("forensics", str(path))
        return report

    def search(self, path: str | Path, page_index: int, text: str) -> list[Rect]:
        """Rectangles (PDF points, origin top-left) of `text` on a page, as Ctrl+F finds it."""
        rects: list[Rect] = self._request("search", str(path), page_index, text)
        return rects

    def page_text(self, path: str | Path, page_index: int) -> str:
        """The plain text of a page ("" for a scan or photo)."""
        text: str = self._request("page_text", str(path), page_index)
        return text

    def statement_rows(self, path: str | Path) -> list[PrintedRow]:
        """The dated and money lines a statement prints (see `statement_rows`)."""
        rows: list[PrintedRow] = self._request("statement_rows", str(path))
        return rows

    def crop(
        self, path: str | Path, page: int, rects: list[tuple[float, float, float, float]]
    ) -> tuple[bytes, list[tuple[float, float, float, float]]]:
        """A report's PNG of the band of 1-based `page` around `rects`, with the rects as
        fractions of it (see `reviewer.documents.report_pdf.render_crop_png`)."""
        png, marks = self._request("crop", str(path), page, list(rects))
        return png, marks

    def locate(self, path: str | Path, queries: list[SignalQuery]) -> list[LocatedSignal]:
        """Place risk signals on the document (see `reviewer.documents.locate`)."""
        located: list[LocatedSignal] = self._request("locate", str(path), list(queries))
        return located


def _rendered_page(meta: dict[str, Any], view: memoryview) -> RenderedPage:
    return RenderedPage(
        width=meta["width"],
        height=meta["height"],
        stride=meta["stride"],
        format=meta["format"],
        data=view,
        page_size_pt=meta["page_size_pt"],
        zoom=meta["zoom"],
    )


class PendingOpen:
    """An `open_into` request on its way (see `DocumentWorker.begin_open_into`).

    Call `poll` each time `fd` is readable until it returns the answer; `abandon` when it
    takes too long. Either way the worker is held until then: finish what you begin.
    """

    def __init__(
        self, worker: DocumentWorker, pool: SharedBlockPool, conn: Any, block: SharedBlock
    ) -> None:
        self._worker, self._pool, self._conn, self._block = worker, pool, conn, block
        self.fd: int = conn.fileno()
        self.done = False

    def poll(self) -> tuple[DocumentLayout, int, RenderedPage, SharedBlock] | None:
        """The answer once it is there, as `open_into` gives it; None while it is not.

        Raises as `open_into` does (the block then goes back to the pool).
        """
        if self.done or not self._conn.poll(0):
            return None
        try:
            meta = self._worker._finish(self._conn, "open_at", self._bigger)
        except BaseException:
            self.done = True
            self._pool.release(self._block)
            raise
        if meta is PENDING:
            return None
        self.done = True
        self._pool.note_size(meta["nbytes"])
        page = _rendered_page(meta, self._block.buf[: meta["nbytes"]])
        return meta["layout"], meta["index"], page, self._block

    def abandon(self) -> WorkerTimeout:
        """Stop waiting: the worker is stopped (it restarts on the next request)."""
        if self.done:
            return WorkerTimeout("already answered")
        self.done = True
        self._pool.release(self._block)
        return self._worker._abandon("open_at")

    def _bigger(self, nbytes: int) -> str:
        self._pool.release(self._block)
        self._block = self._pool.acquire(nbytes)
        return self._block.name
