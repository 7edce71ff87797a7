"""Files for the forensics tests: demo documents from the sandbox and hostile PDFs built here."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pymupdf

from reviewer.sandbox.documents import DocumentRenderer
from reviewer.sandbox.model import DocSpec
from reviewer.sandbox.users import demo_users

# demo users whose documents are meant to be clean (no forensic finding at high severity)
CLEAN_LABELS = ("APP-1001", "APP-1004", "APP-1006", "APP-1008", "APP-1011", "APP-1015")


def demo_documents(label: str) -> list[tuple[DocSpec, bytes]]:
    """Every downloadable document of a demo user, rendered as the sandbox serves it."""
    renderer = DocumentRenderer()
    (user,) = [u for u in demo_users() if u.label == label]
    profile = user.build(user.key, user.user_token or user.user_id or "")
    out = []
    for spec in profile.docs.values():
        if spec.tampers and not spec.tampers[0].original:
            spec = renderer.locate_statement_edit(spec)
        if spec.downloadable:
            out.append((spec, renderer.render(spec).data))
    return out


def small_pdf(text: str = "Net pay $1,709.78") -> bytes:
    """A one-page PDF with one line of text."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), text, fontname="helv", fontsize=12)
    data = doc.tobytes(no_new_id=True)
    doc.close()
    return data


def _update(prev: int, body_end: int, size: int, prev_value: int | None = None) -> bytes:
    """One empty incremental update: an xref section and a trailer pointing at `prev`."""
    link = prev if prev_value is None else prev_value
    return (
        f"xref\n0 1\n0000000000 65535 f \ntrailer\n<</Size {size}/Root 1 0 R/Prev {link}>>\n"
        f"startxref\n{body_end}\n%%EOF\n"
    ).encode()


def _last_startxref(raw: bytes) -> int:
    tail = raw[raw.rindex(b"startxref") + 9 :]
    return int(tail.split()[0])


def _size(raw: bytes) -> int:
    doc = pymupdf.open(stream=raw, filetype="pdf")
    size = doc.xref_length()
    doc.close()
    return size


def deep_chain(depth: int) -> bytes:
    """A PDF saved `depth` more times, each update empty but well formed."""
    raw = small_pdf()
    size, prev = _size(raw), _last_startxref(raw)
    parts = [raw]
    offset = len(raw)
    for _ in range(depth):
        update = _update(prev, offset, size)
        parts.append(update)
        prev = offset
        offset += len(update)
    return b"".join(parts)


def prev_loop() -> bytes:
    """An update whose /Prev points at itself."""
    raw = small_pdf()
    offset = len(raw)
    return raw + _update(offset, offset, _size(raw), prev_value=offset)


def xref_outside() -> bytes:
    """An update whose startxref points far past the end of the file."""
    raw = small_pdf()
    return (
        raw
        + (
            f"trailer\n<</Size {_size(raw)}/Root 1 0 R/Prev {_last_startxref(raw)}>>\n"
            f"startxref\n{len(raw) * 1000}\n%%EOF\n"
        ).encode()
    )


def huge_xmp(megabytes: int = 24) -> bytes:
    """A PDF whose XMP packet is `megabytes` MB (declared and real)."""
    doc = pymupdf.open(stream=small_pdf(), filetype="pdf")
    packet = "<x:xmpmeta>" + "<rdf:li>padding</rdf:li>" * (megabytes * 1024 * 1024 // 24)
    doc.set_xml_metadata(packet + "</x:xmpmeta>")
    data = doc.tobytes(no_new_id=True)
    doc.close()
    return data


def xmp_bomb() -> bytes:
    """A small deflated XMP stream that inflates to 200 MB."""
    doc = pymupdf.open(stream=small_pdf(), filetype="pdf")
    doc.set_xml_metadata("<x:xmpmeta/>")
    xref = int(doc.xref_get_key(doc.pdf_catalog(), "Metadata")[1].split()[0])
    bomb = zlib.compress(b" " * (200 * 1024 * 1024), 9)
    doc.update_stream(xref, bomb, compress=False)
    doc.xref_set_key(xref, "Filter", "/FlateDecode")
    doc.xref_set_key(xref, "Length", str(len(bomb)))
    data = doc.tobytes(no_new_id=True)
    doc.close()
    return data


def jpeg_with_exif(software: str = "Adobe Photoshop 25.1", make: str = "Apple") -> bytes:
    """A tiny JPEG with an EXIF block naming a camera, software and dates."""
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 8, 8), False)
    pix.clear_with(200)
    jpeg = pix.tobytes("jpeg")
    entries = [
        (0x010F, make),
        (0x0110, "iPhone 13"),
        (0x0131, software),
        (0x0132, "2026:11:09 08:00:00"),
    ]
    count = len(entries)
    data_offset = 8 + 2 + count * 12 + 4
    ifd, blob = b"", b""
    for tag, text in entries:
        value = text.encode() + b"\x00"
        ifd += struct.pack("<HHII", tag, 2, len(value), data_offset + len(blob))
        blob += value
    tiff = b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", count) + ifd + b"\x00" * 4 + blob
    segment = b"Exif\x00\x00" + tiff
    app1 = b"\xff\xe1" + struct.pack(">H", len(segment) + 2) + segment
    return jpeg[:2] + app1 + jpeg[2:]


def write(tmp: Path, name: str, data: bytes) -> Path:
    """Write `data` to `tmp/name` and return the path."""
    path = tmp / name
    path.write_bytes(data)
    return path
