"""The app's client of the documents worker process, returning Qt images.

Every call may run on a task-runner thread: it talks to the worker over a pipe and builds
QImages (plain data, no widgets), never touching widgets or emitting signals.
"""

from __future__ import annotations

import ctypes
import logging
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtGui import QImage

log = logging.getLogger(__name__)

_FORMATS = {
    "RGB32": QImage.Format.Format_RGB32,
    "RGB888": QImage.Format.Format_RGB888,
    "RGBA8888": QImage.Format.Format_RGBA8888,
}


class DocumentRenderer:
    """Opens, renders, searches and describes documents through one lazily started worker."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._worker: Any = None
        self._pool: Any = None
        self._closed = False
        self._opening: set[_OpenRequest] = set()  # GUI thread only

    def _get(self) -> Any:
        return self._worker_and_pool()[0]

    @property
    def worker_pid(self) -> int | None:
        """The running worker process's id; None before it started (or after it stopped)."""
        worker = self._worker
        return worker.pid if worker is not None else None

    def start_soon(self) -> None:
        """Start the worker process (it imports PyMuPDF: most of a second) on a thread of
        its own, now, so the first document a reviewer opens finds it ready. Never blocks;
        the window calls it right after its first paint, while the reviewer reads the queue."""
        if self._worker is None and not self._closed:
            threading.Thread(target=self._start, name="documents-worker-start", daemon=True).start()

    def _start(self) -> None:
        try:
            self._get().start()
        except Exception:  # the first request starts it again and says why in words
            log.warning("the documents worker did not start ahead of use", exc_info=True)

    def _worker_and_pool(self) -> tuple[Any, Any]:
        with self._lock:
            if self._closed:
                raise RuntimeError("the documents worker is closed")
            if self._worker is None:
                from reviewer.review.documents_access import DocumentWorker, SharedBlockPool

                self._worker = DocumentWorker()
                self._pool = SharedBlockPool()
                self._pool.reserve(self._pool.typical_bytes)  # this is a task's thread
            return self._worker, self._pool

    def wake(self) -> None:
        """Get an idle worker going before a request it is about to receive (never blocks)."""
        worker = self._worker
        if worker is not None:
            worker.wake()

    def open(self, path: Path) -> Any:
        """DocumentInfo of a stored file (page count, repaired, encrypted, problem)."""
        return self._get().open(path)

    def layout(self, path: Path) -> Any:
        """DocumentLayout: every page's size in points (a long document opens on a guess)."""
        return self._get().layout(path)

    def facts(self, path: Path) -> Any:
        """DocumentFacts: file kind, page sizes, producer, dates, fonts per page."""
        return self._get().facts(path)

    def render(
        self, path: Path, page_index: int, zoom: float, rotation: int = 0
    ) -> tuple[QImage, tuple[float, float]]:
        """One page (turned clockwise by `rotation`) as a QImage owning its pixels, and the
        page's size in points."""
        worker, pool = self._worker_and_pool()
        page, block = worker.render_into(pool, path, page_index, zoom, rotation)
        size = page.page_size_pt
        return _image(pool, page, block), (float(size[0]), float(size[1]))

    def open_at(self, path: Path, page: int, fit: Any) -> tuple[Any, int, float, QImage]:
        """A document's layout and its 1-based `page` rendered as `fit` (a PageFit) sizes it,
        in one worker request: (layout, 0-based index shown, render zoom, image)."""
        worker, pool = self._worker_and_pool()
        return _opened(pool, fit, worker.open_into(pool, path, page, fit))

    def open_soon(
        self,
        path: Path,
        page: int,
        fit: Any,
        on_done: Callable[[tuple[Any, int, float, QImage]], None],
        on_error: Callable[[BaseException], None],
    ) -> bool:
        """`open_at` answered on this (the GUI) thread, without a task thread in between:
        the request goes out now and `on_done` / `on_error` run when the worker answers.

        The flagged page then waits on no thread hop and no sleeping thread's wake-up.
        False when the worker is not running or busy: use `open_at` on a task instead.
        """
        worker, pool = self._worker, self._pool
        if worker is None or pool is None:
            return False  # starting the process takes a while: not on this thread
        pending = worker.begin_open_into(pool, path, page, fit)
        if pending is None:
            return False
        self._opening.add(_OpenRequest(self, pending, pool, fit, on_done, on_error))
        return True

    def thumbnails(
        self, path: Path, pages: int | list[int], max_side: int = 120
    ) -> dict[int, QImage]:
        """0-based page index -> small image, in one worker request: the first `pages` pages,
        or the 0-based pages listed."""
        indices = list(range(pages)) if isinstance(pages, int) else list(pages)
        thumbs = self._get().thumbnails(path, indices, max_side)
        return {
            t.page_index: QImage(
                t.data, t.width, t.height, t.stride, QImage.Format.Format_RGB888
            ).copy()
            for t in thumbs
        }

    def search(self, path: Path, text: str) -> dict[int, list[tuple[float, float, float, float]]]:
        """Ctrl+F over the whole document: 0-based page index -> rectangles in points."""
        hits: dict[int, list[tuple[float, float, float, float]]] = self._get().search_document(
            path, text
        )
        return hits

    def page_text(self, path: Path, page_index: int) -> str:
        """The text of one page, for copying."""
        text: str = self._get().page_text(path, page_index)
        return text

    def close(self) -> None:
        """Stop the worker process."""
        for request in list(self._opening):
            request.cancel()
        with self._lock:
            self._closed = True
            worker, self._worker = self._worker, None
            pool, self._pool = self._pool, None
        if worker is not None:
            worker.close()
        if pool is not None:
            pool.close()


def _image(pool: Any, page: Any, block: Any) -> QImage:
    """The page's pixels as a QImage, over the worker's shared block where it can be.

    RGB32 (drawn by the worker straight into the block) is wrapped without a copy, and
    the block goes back to the pool when the last image sharing those pixels is gone.
    A page the worker had to render another way comes as RGB888: converted (the one
    pass is also the copy) and the block returned at once.
    """
    if page.format != "RGB32":
        try:
            wrapped = QImage(page.data, page.width, page.height, page.stride, _FORMATS[page.format])
            return wrapped.convertToFormat(
                QImage.Format.Format_RGB32
                if page.format == "RGB888"
                else QImage.Format.Format_ARGB32_Premultiplied
            )
        finally:
            pool.release(block)
    pixels = (ctypes.c_ubyte * (page.stride * page.height)).from_buffer(block.buf)
    # PySide keeps `pixels` alive as long as the image data; then the block is free
    weakref.finalize(pixels, pool.release, block)
    return QImage(pixels, page.width, page.height, page.stride, QImage.Format.Format_RGB32)


def _opened(pool: Any, fit: Any, answer: Any) -> tuple[Any, int, float, QImage]:
    """The worker's answer to an open as `open_at` gives it: (layout, index, zoom, image)."""
    layout, index, page, block = answer
    return layout, index, fit.render_zoom(layout.page_sizes, index), _image(pool, page, block)


class _OpenRequest(QObject):
    """One `open_soon` on its way: a socket notifier on the worker's pipe and a time limit."""

    def __init__(
        self,
        renderer: DocumentRenderer,
        pending: Any,
        pool: Any,
        fit: Any,
        on_done: Callable[[tuple[Any, int, float, QImage]], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        self._renderer, self._pending, self._pool, self._fit = renderer, pending, pool, fit
        self._on_done, self._on_error = on_done, on_error
        self._notifier = QSocketNotifier(pending.fd, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._readable)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timed_out)
        self._timer.start(int(renderer._worker.timeout_s * 1000))

    def _readable(self) -> None:
        # off first: once the answer is read the pipe belongs to other requests again
        self._notifier.setEnabled(False)
        try:
            answer = self._pending.poll()
        except Exception as exc:  # noqa: BLE001 - the caller says why in words
            self._end()
            self._on_error(exc)
            return
        if answer is None:  # not yet (the worker asked for a bigger block)
            self._notifier.setEnabled(True)
            return
        self._end()
        self._on_done(_opened(self._pool, self._fit, answer))

    def _timed_out(self) -> None:
        self._notifier.setEnabled(False)
        error = self._pending.abandon()
        self._end()
        self._on_error(error)

    def cancel(self) -> None:
        """The renderer is closing: give the worker back without an answer."""
        self._notifier.setEnabled(False)
        if not self._pending.done:
            self._pending.abandon()
        self._end()

    def _end(self) -> None:
        self._timer.stop()
        self._renderer._opening.discard(self)


class PageImageCache:
    """Rendered pages kept by recency, bounded by bytes, not by count.

    A 120-page statement at 144 dpi is ~0.9 GiB of pixels; re-rendering a page (4-10 ms) is
    cheaper than a PNG round trip, so pages past the budget are dropped and rendered again.
    """

    def __init__(self, max_bytes: int = 128 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self._images: OrderedDict[tuple[str, int, float, int], QImage] = OrderedDict()
        self.bytes = 0

    def get(self, key: tuple[str, int, float, int]) -> QImage | None:
        """The image for (document id, 0-based page, render zoom, rotation), marking it used."""
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def put(self, key: tuple[str, int, float, int], image: QImage) -> None:
        """Keep an image, dropping the least recently used ones beyond the byte budget."""
        old = self._images.pop(key, None)
        if old is not None:
            self.bytes -= old.sizeInBytes()
        self._images[key] = image
        self.bytes += image.sizeInBytes()
        while self.bytes > self.max_bytes and len(self._images) > 1:
            _, dropped = self._images.popitem(last=False)
            self.bytes -= dropped.sizeInBytes()

    def clear(self) -> None:
        """Forget every image."""
        self._images.clear()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._images)
