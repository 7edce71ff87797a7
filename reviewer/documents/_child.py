# mypy: disable-error-code="no-untyped-call"
# (PyMuPDF ships py.typed but leaves many functions unannotated.)
"""The documents worker process: the only place the app runs PyMuPDF on applicants' files.

It runs `serve` in a spawned process under an address-space limit. Requests arrive over a
pipe as (op, args); replies are ("ok", result) or ("error", kind, message). Rendered pixels
go into a shared-memory block the parent owns, never through the pipe; when the block is too
small the child answers ("need", nbytes) and waits for a bigger one.
"""

from __future__ import annotations

import os
import signal
import time
from collections import OrderedDict
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import pymupdf

from reviewer.documents._child_io import Attached, limit_memory, wait_briefly_awake
from reviewer.documents._draw import DIRECT_FORMAT, can_draw_direct, draw_into, pixel_box
from reviewer.documents._open import open_document
from reviewer.documents.facts import document_facts, page_sizes
from reviewer.documents.fit import PageFit
from reviewer.documents.forensics import split_revision
from reviewer.documents.forensics.analysis import analyse, open_revision
from reviewer.documents.inspect import inspect_document
from reviewer.documents.locate import SignalQuery, locate_in_document
from reviewer.documents.pagetext import PageText
from reviewer.documents.report_pdf import render_crop_png
from reviewer.documents.statement_rows import rows_of_document as page_rows_of
from reviewer.documents.worker_types import DocumentLayout
from reviewer.sealing import register_keys

# A hostile MediaBox (say 1e6 points square) would ask for terabytes of pixels; renders are
# scaled down to this many pixels instead (the reply carries the zoom actually used).
MAX_RENDER_PIXELS = 25_000_000
_OPEN_DOCUMENTS = 4
# up to this many pages the first answer sizes every page (0.5 ms for 32); beyond, it guesses
EXACT_LAYOUT_PAGES = 64
_PAGE_TEXTS_PER_DOCUMENT = 64
# blocks of the parent kept mapped (of the 1 GiB address space the worker may use)
_ATTACHED_BYTES = 256 * 1024 * 1024


class RequestError(Exception):
    """A request the document cannot satisfy (bad page, password): reported, not fatal."""


@dataclass
class _OpenDocument:
    doc: pymupdf.Document
    pages: OrderedDict[int, PageText | None]

    def page(self, index: int) -> pymupdf.Page:
        if not 0 <= index < self.doc.page_count:
            raise RequestError(
                f"page {index + 1} out of range (document has {self.doc.page_count} pages)"
            )
        return self.doc[index]

    def page_text(self, index: int) -> PageText | None:
        if index in self.pages:
            self.pages.move_to_end(index)
            return self.pages[index]
        try:
            text: PageText | None = PageText(self.page(index))
        except RequestError:
            raise
        except Exception:  # noqa: BLE001 - a damaged page has no usable text
            text = None
        self.pages[index] = text
        if len(self.pages) > _PAGE_TEXTS_PER_DOCUMENT:
            self.pages.popitem(last=False)
        return text


class _Server:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.documents: OrderedDict[tuple[str, int, int], _OpenDocument] = OrderedDict()
        self.attached: OrderedDict[str, Attached] = OrderedDict()

    def document(self, path: str) -> _OpenDocument:
        # "file.pdf#revision=2": an earlier revision of a PDF, rebuilt from its bytes (issue 19)
        base, revision = split_revision(path)
        stat = os.stat(base)
        key = (path, stat.st_mtime_ns, stat.st_size)
        if key in self.documents:
            self.documents.move_to_end(key)
            return self.documents[key]
        try:
            doc = open_document(path) if revision is None else open_revision(base, revision)
        except Exception as exc:  # noqa: BLE001 - any MuPDF error on hostile input
            raise RequestError(f"cannot open document: {exc}") from None
        if doc.needs_pass and not doc.authenticate(""):
            doc.close()
            raise RequestError("password protected")
        self.documents[key] = _OpenDocument(doc, OrderedDict())
        if len(self.documents) > _OPEN_DOCUMENTS:
            _, old = self.documents.popitem(last=False)
            old.pages.clear()
            old.doc.close()
        return self.documents[key]

    def attach(self, name: str) -> Attached:
        """The parent's block `name`, mapped once and kept while it is among the recent ones
        (the app cycles through a pool of them: mapping afresh would fault every page in)."""
        shm = self.attached.pop(name, None)
        if shm is None:
            try:
                shm = Attached(name)
            except (MemoryError, OSError):
                # near the memory limit: let go of the other blocks and try once more
                for old in self.attached.values():
                    old.close()
                self.attached.clear()
                shm = Attached(name)
        self.attached[name] = shm
        held = sum(a.size for a in self.attached.values())
        while held > _ATTACHED_BYTES and len(self.attached) > 1:
            _, old = self.attached.popitem(last=False)
            held -= old.size
            old.close()
        return shm

    def render(self, path: str, index: int, zoom: float, rotation: int, shm_name: str) -> Any:
        return self.render_page(self.document(path).page(index), zoom, rotation, shm_name)

    def render_page(self, page: pymupdf.Page, zoom: float, rotation: int, shm_name: str) -> Any:
        """`page` drawn into the parent's block `shm_name` (see `render`)."""
        width_pt, height_pt = page.rect.width, page.rect.height
        pixels = max(width_pt * zoom, 1.0) * max(height_pt * zoom, 1.0)
        if pixels > MAX_RENDER_PIXELS:
            # 0.99: pixel sizes are rounded up, which must not tip the render over the cap
            zoom *= 0.99 * (MAX_RENDER_PIXELS / pixels) ** 0.5
        matrix = pymupdf.Matrix(zoom, zoom).prerotate(rotation)
        meta = {"page_size_pt": (width_pt, height_pt), "zoom": zoom}
        if can_draw_direct(page):
            box = pixel_box(page, matrix)
            shm = self.shared_block(shm_name, box.nbytes)
            stride = draw_into(page, matrix, box, shm.buf)
            return meta | {
                "width": box.width,
                "height": box.height,
                "stride": stride,
                "format": DIRECT_FORMAT,
                "nbytes": stride * box.height,
            }
        pix = page.get_pixmap(matrix=matrix, alpha=False)
        samples = pix.samples_mv
        size = len(samples)
        shm = self.shared_block(shm_name, size)
        shm.buf[:size] = samples
        return meta | {
            "width": pix.width,
            "height": pix.height,
            "stride": pix.stride,
            "format": "RGBA8888" if pix.alpha else "RGB888",
            "nbytes": size,
        }

    def shared_block(self, shm_name: str, size: int) -> Attached:
        """The parent's block, asking it for a bigger one first when `size` bytes do not fit."""
        shm = self.attach(shm_name)
        if size > shm.size:
            self.conn.send(("need", size))
            shm = self.attach(self.conn.recv()[1])
        return shm

    def layout(self, path: str) -> DocumentLayout:
        """Every page's size (read from the page tree: 5 ms for 300 pages)."""
        doc = self.document(path).doc
        return DocumentLayout(page_sizes(doc), bool(getattr(doc, "is_repaired", False)))

    def open_at(self, path: str, page: int, fit: PageFit, shm_name: str) -> Any:
        """Layout and the render of 1-based `page` (clamped) at the zoom `fit` gives it.

        A long document's layout is a guess: every page the size of the one shown (sizing
        all 300 pages of a statement first would cost more than rendering the page). The
        viewer asks for `layout` once the page is painted and corrects the guess.
        """
        opened = self.document(path)
        count = opened.doc.page_count
        index = max(0, min(page, count) - 1)
        shown = opened.page(index)
        if count <= EXACT_LAYOUT_PAGES:
            layout = self.layout(path)
        else:
            size = (float(shown.rect.width), float(shown.rect.height))
            repaired = bool(getattr(opened.doc, "is_repaired", False))
            layout = DocumentLayout([size] * count, repaired, guessed=True)
        zoom = fit.render_zoom(layout.page_sizes, index)
        rendered = self.render_page(shown, zoom, 0, shm_name)
        return rendered | {"layout": layout, "index": index}

    def thumbnails(self, path: str, indices: list[int], max_side: int, shm_name: str) -> Any:
        """Small renders of several pages packed one after another in the shared block."""
        opened = self.document(path)
        pixmaps: list[tuple[int, Any]] = []
        for index in indices:
            try:
                page = opened.page(index)
                zoom = max_side / max(page.rect.width, page.rect.height, 1.0)
                pixmaps.append((index, page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom))))
            except RequestError:
                raise
            except Exception:  # noqa: BLE001, S112 - a damaged page gets no thumbnail
                continue
        total = sum(len(pix.samples_mv) for _, pix in pixmaps)
        shm = self.shared_block(shm_name, total)
        metas, offset = [], 0
        for index, pix in pixmaps:
            samples = pix.samples_mv
            shm.buf[offset : offset + len(samples)] = samples
            metas.append((index, pix.width, pix.height, pix.stride, offset, len(samples)))
            offset += len(samples)
        return metas

    def search_all(self, path: str, text: str) -> dict[int, list[Any]]:
        """Ctrl+F over every page: 0-based page index -> hit rectangles (pages with hits only)."""
        opened = self.document(path)
        hits: dict[int, list[Any]] = {}
        for index in range(opened.doc.page_count):
            page_text = opened.page_text(index)
            found = page_text.search(text) if page_text else []
            if found:
                hits[index] = found
        return hits

    def handle(self, op: str, args: tuple[Any, ...]) -> Any:
        if op == "forensics":
            return analyse(args[0])
        if op == "facts":
            return document_facts(self.document(args[0]).doc)
        if op == "thumbnails":
            return self.thumbnails(*args)
        if op == "search_all":
            return self.search_all(*args)
        if op == "open":
            return inspect_document(args[0])
        if op == "open_at":
            return self.open_at(*args)
        if op == "layout":
            return self.layout(args[0])
        if op == "page_count":
            return self.document(args[0]).doc.page_count
        if op == "render":
            return self.render(*args)
        if op == "search":
            text = self.document(args[0]).page_text(args[1])
            return text.search(args[2]) if text else []
        if op == "page_text":
            text = self.document(args[0]).page_text(args[1])
            return text.text() if text else ""
        if op == "statement_rows":
            return page_rows_of(self.document(args[0]).doc)
        if op == "locate":
            opened = self.document(args[0])
            queries: list[SignalQuery] = args[1]
            return locate_in_document(opened.doc, queries, opened.page_text)
        if op == "crop":  # a report's picture of a flagged band of a page, as PNG
            return render_crop_png(*args)
        if op == "sleep":  # diagnostics: lets tests make a request overrun its timeout
            time.sleep(args[0])
            return None
        raise RequestError(f"unknown request {op!r}")

    def close(self) -> None:
        for opened in self.documents.values():
            opened.pages.clear()
            opened.doc.close()
        for shm in self.attached.values():
            shm.close()
        self.attached.clear()


def serve(conn: Connection, memory_limit_mb: int) -> None:
    """Entry point of the worker process: answer requests until told to quit or the pipe closes."""
    # Ctrl+C in the terminal is for the app, which decides whether the worker should go.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit_memory(memory_limit_mb)
    server = _Server(conn)
    conn.send(("ready", os.getpid()))
    try:
        while True:
            try:
                wait_briefly_awake(conn)
                request = conn.recv()
            except (EOFError, OSError):
                return
            op, args = request[0], request[1]
            if op == "quit":
                # nothing to save here: skip the interpreter's teardown (about a second of
                # freeing PyMuPDF and the imports), which the app's quit would wait out
                conn.close()
                os._exit(0)
            if op == "wake":  # a request is on its way: no reply, just be awake for it
                continue
            if op == "keys":  # file keys of unlocked data directories: no reply
                register_keys(args[0])
                continue
            try:
                conn.send(("ok", server.handle(op, args)))
            except RequestError as exc:
                conn.send(("error", "document", str(exc)))
            except MemoryError:
                conn.send(("error", "document", "document needs more memory than allowed"))
            except FileNotFoundError as exc:
                conn.send(("error", "document", f"file not found: {exc.filename}"))
            except Exception as exc:  # noqa: BLE001 - hostile input: report, keep serving
                conn.send(("error", "document", f"{type(exc).__name__}: {exc}"))
    finally:
        server.close()
