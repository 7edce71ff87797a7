"""Errors and results of the documents worker, apart from its process plumbing."""

from __future__ import annotations

from dataclasses import dataclass


class WorkerError(Exception):
    """The documents worker could not answer; the next request restarts it."""


class WorkerCrashed(WorkerError):
    """The worker process died while handling a request (a crash or the memory limit)."""


class WorkerTimeout(WorkerError):
    """A request took longer than the worker's time limit; the process was killed."""


class DocumentError(Exception):
    """The worker is fine, but the document cannot do this (corrupt, password, no such page)."""


@dataclass(frozen=True)
class RenderedPage:
    """Pixels of one rendered page: bytes (safe to keep) or a shared-memory view (`rendered`).

    `zoom` is the scale actually used: a page too large to render at the requested zoom is
    scaled down. `page_size_pt` is the page's size in PDF points before rotation by the caller.
    """

    width: int
    height: int
    stride: int
    # QImage format names: "RGB32" (B, G, R, 255 bytes: drawn straight into shared memory),
    # or "RGB888" / "RGBA8888" for a page that needed PyMuPDF's get_pixmap
    format: str
    data: bytes | memoryview
    page_size_pt: tuple[float, float]
    zoom: float

    def __repr__(self) -> str:
        return f"RenderedPage({self.width}x{self.height} {self.format}, zoom={self.zoom:.3g})"


@dataclass(frozen=True)
class Thumbnail:
    """A small RGB888 render of one page (0-based `page_index`)."""

    page_index: int
    width: int
    height: int
    stride: int
    data: bytes

    def __repr__(self) -> str:
        return f"Thumbnail(page {self.page_index + 1}, {self.width}x{self.height})"


@dataclass(frozen=True)
class DocumentLayout:
    """What the viewer needs to lay a document out before anything else: page sizes in points.

    Cheap (no text extraction), so a document's first page can be painted before its facts
    and text layers are read.
    """

    page_sizes: list[tuple[float, float]]
    repaired: bool = False
    # True when only the page opened at was sized and the others are given its size (a long
    # document's first answer); `DocumentWorker.layout` has them all
    guessed: bool = False
