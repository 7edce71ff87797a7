"""The app's handle on the documents worker process (DESIGN.md "Threads", issue 6).

Applicants' files are hostile and PyMuPDF is not thread-safe, so the app never runs PyMuPDF
itself: a `DocumentWorker` starts a separate process (multiprocessing, spawn) under an
address-space limit and sends it one request at a time. A request that overruns `timeout_s`
gets the process killed (`WorkerTimeout`); a process that dies raises `WorkerCrashed`; either
way the next request starts a fresh process. Rendered pixels come back through a shared-memory
block owned by this side, not through the pipe.

Callers may use one worker from several threads: requests are serialised by a lock.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from multiprocessing.shared_memory import SharedMemory
from pathlib import Path
from typing import Any

from reviewer.documents.facts import DocumentFacts
from reviewer.documents.fit import PageFit
from reviewer.documents.inspect import DocumentInfo
from reviewer.documents.locate import LocatedSignal, SignalQuery
from reviewer.documents.pagetext import Rect
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
    "RenderedPage",
    "Thumbnail",
    "WorkerCrashed",
    "WorkerError",
    "WorkerTimeout",
]

_MIB = 1024 * 1024
_INITIAL_SHARED_BYTES = 16 * _MIB


class DocumentWorker:
    """A separate process that opens, renders and searches documents for the app."""

    def __init__(
        self,
        memory_limit_mb: int = 1024,
        timeout_s: float = 20.0,
        startup_timeout_s: float = 60.0,
    ) -> None:
        self.memory_limit_mb = memory_limit_mb
        self.timeout_s = timeout_s
        self.startup_timeout_s = startup_timeout_s
        self._lock = threading.Lock()
        self._context = multiprocessing.get_context("spawn")
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._shm: SharedMemory | None = None
        self._closed = False

    # -- public requests -------------------------------------------------------------------

    def open(self, path: str | Path) -> DocumentInfo:
        """Inspect a document: page count, text layer, repair, encryption, problem in words."""
        info: DocumentInfo = self._request("open", str(path))
        return info

    def layout(self, path: str | Path) -> DocumentLayout:
        """Page sizes (points) and the repaired flag, without reading any text; DocumentError
        if the document cannot be opened (then `open` says why in words)."""
        layout: DocumentLayout = self._request("layout", str(path))
        return layout

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
        with self._lent("render", str(path), page_index, zoom, rotation) as (page, _meta):
            yield page

    @contextmanager
    def opened_at(
        self, path: str | Path, page: int, fit: PageFit
    ) -> Iterator[tuple[DocumentLayout, int, RenderedPage]]:
        """Open a document at 1-based `page` in one request: its layout, the 0-based index
        of the page shown (clamped to the document), and that page rendered at the zoom `fit`
        gives it, lent as in `rendered`. DocumentError if the document cannot be opened."""
        with self._lent("open_at", str(path), page, fit) as (rendered, meta):
            yield meta["layout"], meta["index"], rendered

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
        """`opened_at` with the pixels in a block of `pool`, as `render_into`."""
        meta, block = self._pooled(pool, "open_at", str(path), page, fit)
        page_view = _rendered_page(meta, block.buf[: meta["nbytes"]])
        return meta["layout"], meta["index"], page_view, block

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
        return meta, held[0]

    @contextmanager
    def _lent(self, op: str, *args: Any) -> Iterator[tuple[RenderedPage, dict[str, Any]]]:
        with self._lock:
            meta: dict[str, Any] = self._request_locked(op, *args)
            assert self._shm is not None
            assert self._shm.buf is not None
            view = self._shm.buf[: meta["nbytes"]]
            try:
                yield _rendered_page(meta, view), meta
            finally:
                view.release()

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

    def search(self, path: str | Path, page_index: int, text: str) -> list[Rect]:
        """Rectangles (PDF points, origin top-left) of `text` on a page, as Ctrl+F finds it."""
        rects: list[Rect] = self._request("search", str(path), page_index, text)
        return rects

    def page_text(self, path: str | Path, page_index: int) -> str:
        """The plain text of a page ("" for a scan or photo)."""
        text: str = self._request("page_text", str(path), page_index)
        return text

    def locate(self, path: str | Path, queries: list[SignalQuery]) -> list[LocatedSignal]:
        """Place risk signals on the document (see `reviewer.documents.locate`)."""
        located: list[LocatedSignal] = self._request("locate", str(path), list(queries))
        return located

    @property
    def pid(self) -> int | None:
        """Process id of the running worker, or None when none is running."""
        process = self._process
        return process.pid if process is not None and process.is_alive() else None

    def start(self) -> None:
        """Start the process now rather than on the first request (it takes a moment)."""
        with self._lock:
            self._ensure_started()

    def close(self) -> None:
        """Stop the worker process and free the shared memory. Safe to call twice."""
        with self._lock:
            self._closed = True
            self._stop(graceful=True)
            if self._shm is not None:
                _release(self._shm)
                self._shm = None

    def __enter__(self) -> DocumentWorker:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: types.TracebackType | None,
    ) -> None:
        self.close()

    # -- plumbing --------------------------------------------------------------------------

    def _request(self, op: str, *args: Any) -> Any:
        with self._lock:
            return self._request_locked(op, *args)

    def _request_locked(
        self,
        op: str,
        *args: Any,
        into: str | None = None,
        bigger: Callable[[int], str] | None = None,
    ) -> Any:
        """One request; pixels go into block `into` (the worker's own one by default), and
        `bigger(nbytes)` names a block big enough when the worker asks for one."""
        if self._closed:
            raise WorkerError("documents worker is closed")
        conn = self._ensure_started()
        assert self._shm is not None
        message: tuple[Any, ...] = (op, args)
        if op in ("render", "open_at", "thumbnails"):
            message = (op, (*args, into or self._shm.name))
        grown = False
        try:
            conn.send(message)
            reply = self._receive(conn, op)
            while reply[0] == "need":
                grown = bigger is None
                conn.send(("fill", (bigger or self._grow_shared_memory)(reply[1])))
                reply = self._receive(conn, op)
        except (BrokenPipeError, ConnectionResetError, EOFError, OSError):
            raise self._crashed(op) from None
        if reply[0] == "ok":
            return reply[1]
        if grown:  # a render too big for the worker's memory: do not keep its block either
            self._grow_shared_memory(_INITIAL_SHARED_BYTES)
        raise DocumentError(reply[2])

    def _receive(self, conn: Connection, op: str) -> tuple[Any, ...]:
        if not conn.poll(self.timeout_s):
            self._stop(graceful=False)
            raise WorkerTimeout(
                f"documents worker took longer than {self.timeout_s:g} s on {op!r}; "
                "it was stopped and will restart on the next request"
            )
        reply: tuple[Any, ...] = conn.recv()
        return reply

    def _ensure_started(self) -> Connection:
        if self._process is not None and self._conn is not None and self._process.is_alive():
            return self._conn
        self._stop(graceful=False)
        if self._shm is None:
            self._shm = SharedMemory(create=True, size=_INITIAL_SHARED_BYTES)
        from reviewer.documents._child import serve

        parent_end, child_end = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=serve,
            args=(child_end, self.memory_limit_mb),
            name="reviewer-documents-worker",
            daemon=True,
        )
        with _main_module_hidden():
            process.start()
        child_end.close()
        self._process, self._conn = process, parent_end
        try:
            if not parent_end.poll(self.startup_timeout_s):
                raise WorkerTimeout("documents worker did not start in time")
            parent_end.recv()
        except (EOFError, OSError):
            raise self._crashed("start") from None
        except WorkerTimeout:
            self._stop(graceful=False)
            raise
        return parent_end

    def _grow_shared_memory(self, size: int) -> str:
        assert self._shm is not None
        _release(self._shm)
        self._shm = SharedMemory(create=True, size=-(-size // _MIB) * _MIB)
        return self._shm.name

    def _crashed(self, op: str) -> WorkerCrashed:
        process = self._process
        how = "stopped"
        if process is not None:
            process.join(timeout=2.0)
            code = process.exitcode
            if code is not None and code < 0:
                how = f"was killed by {signal.Signals(-code).name}"
            elif code is not None:
                how = f"exited with status {code}"
        self._stop(graceful=False)
        return WorkerCrashed(
            f"documents worker {how} while handling {op!r} (a damaged document or the memory "
            f"limit of {self.memory_limit_mb} MB); it will restart on the next request"
        )

    def _stop(self, graceful: bool) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if process is not None:
            if graceful and conn is not None and process.is_alive():
                try:
                    conn.send(("quit", ()))
                    process.join(timeout=2.0)
                except OSError:
                    pass
            if process.is_alive():
                process.kill()
            process.join(timeout=5.0)
            process.close()
        if conn is not None:
            conn.close()


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


def _release(shm: SharedMemory) -> None:
    shm.close()
    with suppress(FileNotFoundError):  # already gone: nothing left to free
        shm.unlink()


@contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Keep spawn from re-running the caller's main script in the worker.

    The worker's entry point lives in an importable module, so it never needs `__main__`;
    without this, every script that uses the worker would need an `if __name__ == "__main__"`
    guard, and one without it would start the worker recursively.
    """
    real_main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = real_main
