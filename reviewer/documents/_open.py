# mypy: disable-error-code="no-untyped-call"
# (PyMuPDF ships py.typed but leaves many functions unannotated.)
"""Opening an untrusted document with PyMuPDF, by its sniffed type, never by its name."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from reviewer.documents.sniff import FILETYPE_FOR_MEDIA_TYPE, OCTET_STREAM, sniff_media_type
from reviewer.sealing import SealedFileError, read_file

DocumentSource = str | Path | bytes

# MuPDF prints every repair and syntax warning of a hostile file to stderr; the problems that
# matter are reported through DocumentInfo instead.
pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)


class UnsupportedDocument(Exception):
    """The bytes are not a type the viewer opens (PDF, JPEG, PNG, TIFF)."""


class UnreadableDocument(Exception):
    """The stored file cannot be read back: missing, or its encryption check failed."""


def load_bytes(source: DocumentSource) -> bytes:
    """The document's bytes; a stored (encrypted) file is decrypted in memory, never to disk.

    Raises UnreadableDocument, in words, when the file is missing or fails its integrity check.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    try:
        return read_file(source)
    except SealedFileError as exc:
        raise UnreadableDocument(str(exc)) from None
    except OSError as exc:
        raise UnreadableDocument(f"cannot read file: {exc.strerror or exc}") from None


def media_type_of(source: DocumentSource) -> str:
    """Sniff the media type of a document given as bytes or as a file path."""
    return sniff_media_type(load_bytes(source)[:1024])


def open_document(source: DocumentSource, media_type: str | None = None) -> pymupdf.Document:
    """Open `source` with PyMuPDF as the type its bytes say it is.

    A path is read into memory (and decrypted when it is a stored, encrypted file), so a
    plaintext copy never touches the disk. Raises UnreadableDocument when the file cannot be
    read back, UnsupportedDocument for other types, and PyMuPDF's own exceptions for files it
    cannot open at all.
    """
    data = load_bytes(source)
    kind = media_type or sniff_media_type(data[:1024])
    filetype = FILETYPE_FOR_MEDIA_TYPE.get(kind)
    if filetype is None:
        raise UnsupportedDocument(f"unsupported type ({kind or OCTET_STREAM})")
    return pymupdf.open(stream=data, filetype=filetype)


def page_has_text(page: pymupdf.Page, textpage: pymupdf.TextPage | None = None) -> bool:
    """True when the page has a text layer (a scan or photo has none)."""
    text = page.get_text("text", textpage=textpage) if textpage else page.get_text("text")
    return bool(text.strip())
