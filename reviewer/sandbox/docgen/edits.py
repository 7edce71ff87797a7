"""A forger's edit saved the way PDF editors save: as an incremental update.

The edit (a white box over a figure, the new figure typed on top in the editor's own embedded,
subset font) is appended to the file with a new cross-reference section and trailer, and the
editor stamps its name and a modification date. The original revision stays in the file's
first bytes, which is what Reviewer's revision X-ray recovers.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pymupdf as _pymupdf

from reviewer.sandbox.docgen._types import pdf_date

pymupdf: Any = _pymupdf
# one element of the trailer's /ID: a hex string, or a literal string (MuPDF writes the random
# bytes as a literal when that is shorter: 2 saves in 150 here; it escapes "(", ")", "\\")
_ID_PART = rb"(?:<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\()])*\))"
_ID = re.compile(rb"/ID\s*\[\s*" + _ID_PART + rb"\s*" + _ID_PART + rb"\s*\]", re.DOTALL)


@dataclass(frozen=True)
class IncrementalEdit:
    """Replace every printing of `original` on `page` (1-based) with `replacement`."""

    original: str
    replacement: str
    page: int = 1


def edit_incrementally(
    pdf: bytes,
    edits: Sequence[IncrementalEdit],
    *,
    editor: str = "Adobe Acrobat Pro (64-bit) 24.2.20687",
    saved_at: datetime,
) -> bytes:
    """`pdf` with `edits` appended as one incremental update saved by `editor` at `saved_at`.

    Deterministic: the random file identifier an incremental save writes is replaced by one
    derived from the content.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "edit.pdf")
        with open(path, "wb") as handle:
            handle.write(pdf)
        doc = pymupdf.open(path)
        try:
            font = pymupdf.Font("cour")
            for edit in edits:
                _apply(doc[edit.page - 1], edit, font)
            doc.subset_fonts()
            meta = dict(doc.metadata or {})
            meta.update({"producer": editor, "modDate": pdf_date(saved_at)})
            meta.pop("format", None)
            meta.pop("encryption", None)
            doc.set_metadata(meta)
            doc.saveIncr()
        finally:
            doc.close()
        with open(path, "rb") as handle:
            edited = handle.read()
    return pdf + content_derived_id(edited[len(pdf) :])


def content_derived_id(tail: bytes) -> bytes:
    """`tail` (an incremental update) with its random /ID replaced by an MD5 of the rest."""
    digest = hashlib.md5(_ID.sub(b"", tail), usedforsecurity=False).hexdigest().upper()
    return _ID.sub(f"/ID[<{digest}><{digest}>]".encode(), tail)


def _apply(page: Any, edit: IncrementalEdit, font: Any) -> None:
    spans = [
        s for s in page.get_texttrace() if edit.original in "".join(chr(c[0]) for c in s["chars"])
    ]
    if not spans:
        raise ValueError(f"edit target not printed on page {edit.page}: {edit.original!r}")
    name = page.insert_font(fontname="FEd", fontbuffer=font.buffer)
    del name
    for span in spans:
        text = "".join(chr(c[0]) for c in span["chars"])
        start = text.index(edit.original)
        chars = span["chars"][start : start + len(edit.original)]
        x0 = chars[0][3][0]
        x1 = chars[-1][3][2]
        baseline = chars[0][2][1]
        size = span["size"]
        box = pymupdf.Rect(x0 - 1.2, baseline - size * 0.95, x1 + 1.2, baseline + size * 0.3)
        page.draw_rect(box, color=None, fill=(1, 1, 1), overlay=True)
        width = font.text_length(edit.replacement, fontsize=size)
        # lined up with the column's right edge by eye: a little off the row's baseline
        page.insert_text(
            (x1 - width, baseline + 0.4), edit.replacement, fontname="FEd", fontsize=size
        )
