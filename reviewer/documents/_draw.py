# mypy: disable-error-code="no-untyped-call"
# (PyMuPDF's low-level `mupdf` bindings are generated and unannotated.)
"""Drawing a page straight into a caller's buffer, in the pixel layout Qt paints as is.

`Page.get_pixmap` allocates a fresh RGB pixmap per page (page faults on megabytes of new
memory), which the worker then copied into shared memory and the app converted to 32-bit.
Here MuPDF's draw device writes B, G, R, A bytes into the shared block itself: on a
little-endian machine that is QImage's `Format_RGB32` (0xffRRGGBB), so the app wraps the
block and copies it once. The pixels are identical to `get_pixmap(alpha=False)`'s: the
pixmap is cleared to opaque white first, so every pixel keeps alpha 255.

Pages that need what `get_pixmap` does beyond plain drawing (separations, overprint
simulation, an output intent) are not drawn here: `can_draw_direct` says so and the caller
falls back to `get_pixmap`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pymupdf
from pymupdf import mupdf

# QImage's RGB32 is a native-endian 32-bit word; B, G, R, A in memory on little-endian only.
DIRECT_FORMAT = "RGB32"
_LITTLE_ENDIAN = sys.byteorder == "little"


@dataclass(frozen=True)
class PixelBox:
    """The pixel rectangle a page covers under a matrix (MuPDF's rounding, as get_pixmap)."""

    bbox: mupdf.FzIrect
    width: int
    height: int

    @property
    def nbytes(self) -> int:
        """Bytes of a 4-byte-per-pixel image of this box (no row padding in MuPDF)."""
        return self.width * self.height * 4


def _fz_matrix(matrix: pymupdf.Matrix) -> mupdf.FzMatrix:
    return mupdf.FzMatrix(matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def pixel_box(page: pymupdf.Page, matrix: pymupdf.Matrix) -> PixelBox:
    """Where and how big the page lands in pixels under `matrix`."""
    rect = mupdf.fz_transform_rect(mupdf.fz_bound_page(page.this), _fz_matrix(matrix))
    bbox = mupdf.fz_round_rect(rect)
    return PixelBox(bbox, bbox.x1 - bbox.x0, bbox.y1 - bbox.y0)


def can_draw_direct(page: pymupdf.Page) -> bool:
    """True when `draw_into` renders this page exactly as `get_pixmap(alpha=False)` would."""
    if not _LITTLE_ENDIAN:
        return False
    fz_page = page.this
    document = mupdf.fz_document_output_intent(page.parent.this)
    if document.m_internal:
        return False
    if mupdf.fz_page_separations(fz_page).m_internal:
        return False
    return not mupdf.fz_page_uses_overprint(fz_page)


def draw_into(page: pymupdf.Page, matrix: pymupdf.Matrix, box: PixelBox, buffer: memoryview) -> int:
    """Draw the page (annotations included, as get_pixmap) into `buffer` as opaque BGRA.

    `buffer` must be writable and at least `box.nbytes` long; returns the row stride.
    """
    if len(buffer) < box.nbytes:
        raise ValueError(f"buffer of {len(buffer)} bytes is too small for {box.nbytes}")
    samples = mupdf.python_mutable_buffer_data(buffer)
    pixmap = mupdf.fz_new_pixmap_with_bbox_and_data(
        mupdf.fz_device_bgr(), box.bbox, mupdf.FzSeparations(), 1, samples
    )
    mupdf.fz_clear_pixmap_with_value(pixmap, 0xFF)
    device = mupdf.fz_new_draw_device(_fz_matrix(matrix), pixmap)
    try:
        mupdf.fz_run_page(page.this, device, mupdf.FzMatrix(), mupdf.FzCookie())
    finally:
        mupdf.fz_close_device(device)
    stride: int = pixmap.stride()
    return stride
