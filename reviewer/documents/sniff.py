"""Media type from the bytes themselves: applicants choose file names, not file contents."""

from __future__ import annotations

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
TIFF = "image/tiff"
OCTET_STREAM = "application/octet-stream"

#: Types the viewer can open (PyMuPDF opens images as one-page documents).
SUPPORTED_MEDIA_TYPES = frozenset({PDF, JPEG, PNG, TIFF})

# Readers (Acrobat, MuPDF) accept a PDF header anywhere in the first KiB, so junk before
# "%PDF-" still opens; sniffing must agree with what the viewer will do.
_PDF_HEADER_WINDOW = 1024

# PyMuPDF's `filetype` argument for each supported media type.
FILETYPE_FOR_MEDIA_TYPE = {PDF: "pdf", JPEG: "jpg", PNG: "png", TIFF: "tiff"}


def sniff_media_type(data: bytes) -> str:
    """Return the media type of `data` from its magic bytes, or application/octet-stream."""
    head = bytes(data[:_PDF_HEADER_WINDOW])
    if b"%PDF-" in head:
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    return OCTET_STREAM


def is_supported(media_type: str) -> bool:
    """True when the viewer can open documents of this media type."""
    return media_type in SUPPORTED_MEDIA_TYPES
