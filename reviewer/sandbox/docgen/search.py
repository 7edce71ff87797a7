"""Finding which pages of a generated PDF carry a piece of text."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Any

import pymupdf as _pymupdf

# PyMuPDF ships without complete annotations; treat it as dynamic rather than silence each call.
pymupdf: Any = _pymupdf

# The sandbox asks about the same document many times in a row (each candidate balance of a
# statement edit, each printed form of each signal): its page texts are read once.
_KEPT_DOCUMENTS = 8
_texts: OrderedDict[bytes, list[str]] = OrderedDict()
_texts_lock = threading.Lock()


def find_text_pages(pdf: bytes, text: str) -> list[int]:
    """1-based numbers of the pages whose text layer contains `text` (hidden text included)."""
    needle = " ".join(text.split())
    if not needle:
        return []
    return [number for number, haystack in enumerate(page_texts(pdf), 1) if needle in haystack]


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text with whitespace collapsed (MuPDF breaks lines between spans), cached."""
    key = hashlib.sha256(pdf).digest()
    with _texts_lock:
        if key in _texts:
            _texts.move_to_end(key)
            return _texts[key]
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        texts = [" ".join(page.get_text().split()) for page in doc]
    with _texts_lock:
        _texts[key] = texts
        while len(_texts) > _KEPT_DOCUMENTS:
            _texts.popitem(last=False)
    return texts
