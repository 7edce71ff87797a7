"""Finding which pages of a generated PDF carry a piece of text."""

from __future__ import annotations

from typing import Any

import pymupdf as _pymupdf

# PyMuPDF ships without complete annotations; treat it as dynamic rather than silence each call.
pymupdf: Any = _pymupdf


def find_text_pages(pdf: bytes, text: str) -> list[int]:
    """1-based numbers of the pages whose text layer contains `text` (hidden text included)."""
    needle = " ".join(text.split())
    if not needle:
        return []
    pages: list[int] = []
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        for page in doc:
            # MuPDF breaks lines between spans; compare with whitespace collapsed.
            haystack = " ".join(page.get_text().split())
            if needle in haystack:
                pages.append(page.number + 1)
    return pages
