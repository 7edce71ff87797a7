# mypy: disable-error-code="no-untyped-call"
# (PyMuPDF ships py.typed but leaves many functions unannotated.)
"""Opening an untrusted document with PyMuPDF, by its sniffed type, never by its name."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from reviewer.documents.sniff import FILETYPE_FOR_MEDIA_TYPE, OCTET_STREAM, sniff_media_type

DocumentSource = str | Path | bytes

# MuPDF prints every repair and syntax warning of a hostile file to stderr; the problems that
# matter are reported through DocumentInfo instead.
pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)


class UnsupportedDocument(Exception):
    """The bytes are not a type the viewer opens (PDF, JPEG, PNG, TIFF)."""


def media_type_of(source: DocumentSource) -> str:
    """Sniff the media type of a document given as bytes or as a file path."""
    if isinstance(source, bytes | bytearray | memoryview):
        return sniff_media_type(bytes(source[:1024]))
    with open(source, "rb") as handle:
        return sniff_media_type(handle.read(1024))


def open_document(source: DocumentSource, media_type: str | None = None) -> pymupdf.Document:
    """Open `source` with PyMuPDF as the type its bytes say it is.

    Raises UnsupportedDocument for other types, and PyMuPDF's own exceptions for files it
    cannot open at all.
    """
    kind = media_type or media_type_of(source)
    filetype = FILETYPE_FOR_MEDIA_TYPE.get(kind)
    if filetype is None:
        raise UnsupportedDocument(f"unsupported type ({kind or OCTET_STREAM})")
    if isinstance(source, bytes | bytearray | memoryview):
        return pymupdf.open(stream=bytes(source), filetype=filetype)
    return pymupdf.open(str(source), filetype=filetype)


def page_has_text(page: pymupdf.Page, textpage: pymupdf.TextPage | None = None) -> bool:
    """True when the page has a text layer (a scan or photo has none)."""
    text = page.get_text("text", textpage=textpage) if textpage else page.get_text("text")
    return bool(text.strip())
