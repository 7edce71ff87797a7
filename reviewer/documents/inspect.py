# mypy: disable-error-code="no-untyped-call"
# (PyMuPDF ships py.typed but leaves many functions unannotated.)
"""What a document is before anyone renders it: pages, text layer, repair and encryption."""

from __future__ import annotations

import pymupdf

from reviewer.documents._open import (
    DocumentSource,
    UnreadableDocument,
    UnsupportedDocument,
    load_bytes,
    media_type_of,
    open_document,
    page_has_text,
)
from reviewer.documents.results import DocumentInfo
from reviewer.documents.sniff import PDF

__all__ = ["DocumentInfo", "inspect_document"]


def inspect_document(source: DocumentSource, media_type: str | None = None) -> DocumentInfo:
    """Describe a document given as a path or bytes. Never raises on bad input.

    `media_type` may be given when already known; otherwise it is sniffed from the bytes.
    """
    try:
        source = load_bytes(source)  # read (and decrypted) once, sniffed and opened from memory
    except UnreadableDocument as exc:
        return DocumentInfo(page_count=None, problem=str(exc))
    kind = media_type or media_type_of(source)
    try:
        doc = open_document(source, kind)
    except UnsupportedDocument as exc:
        return DocumentInfo(page_count=None, problem=str(exc), media_type=kind)
    except Exception:  # noqa: BLE001 - MuPDF raises many types for hostile input
        what = "corrupt PDF" if kind == PDF else "corrupt image"
        return DocumentInfo(page_count=None, problem=f"{what}: cannot be opened", media_type=kind)
    with doc:
        return _describe(doc, kind)


def _describe(doc: pymupdf.Document, kind: str) -> DocumentInfo:
    encrypted = bool(doc.is_encrypted) or bool(doc.metadata and doc.metadata.get("encryption"))
    needs_password = bool(doc.needs_pass)
    repaired = bool(getattr(doc, "is_repaired", False))
    if needs_password and not doc.authenticate(""):
        return DocumentInfo(
            page_count=None,
            repaired=repaired,
            encrypted=True,
            needs_password=True,
            problem="password protected",
            media_type=kind,
        )
    try:
        page_count = doc.page_count
    except Exception:  # noqa: BLE001
        return DocumentInfo(page_count=None, repaired=repaired, problem="corrupt PDF: no pages")
    if page_count == 0:
        return DocumentInfo(
            page_count=0,
            repaired=repaired,
            encrypted=encrypted,
            problem="empty document (no pages)",
        )
    pages_with_text: list[bool] = []
    unreadable: list[int] = []
    for index in range(page_count):
        try:
            # loading an image's page is what decodes it: a broken image fails here
            page = doc[index]
            pages_with_text.append(kind == PDF and page_has_text(page))
        except Exception:  # noqa: BLE001
            pages_with_text.append(False)
            unreadable.append(index + 1)
    problem = None
    if unreadable and kind != PDF:
        problem = "corrupt image: cannot be opened"
    elif unreadable:
        shown = ", ".join(str(n) for n in unreadable[:10])
        problem = f"damaged pages cannot be read: {shown}" + (" …" if len(unreadable) > 10 else "")
    # A repaired file is not a problem by itself: it opens, and `repaired` lets the viewer warn
    # that pages may be missing.
    return DocumentInfo(
        page_count=page_count,
        repaired=repaired,
        encrypted=encrypted,
        needs_password=needs_password,
        pages_with_text=pages_with_text,
        problem=problem,
        media_type=kind,
    )
