"""Documents generated for the tests: ordinary, tampered-looking and hostile."""

from __future__ import annotations

import pymupdf


def pay_stub(pages: int = 2) -> bytes:
    """A small text PDF with a pay stub's net pay printed as "$2,441.17" on page 1."""
    doc = pymupdf.open()
    for number in range(pages):
        page = doc.new_page(width=612, height=792)
        page.insert_text((72, 72), f"ACME Corp pay statement, page {number + 1}")
        if number == 0:
            page.insert_text((72, 120), "Gross Pay")
            page.insert_text((300, 120), "$3,120.00")
            page.insert_text((72, 140), "Net Pay")
            page.insert_text((300, 140), "$2,441.17")
            page.insert_text((72, 160), "Pay Date 01/15/2024")
    return doc.tobytes()


def png_photo() -> bytes:
    """A PNG 'photo' of a document: pixels only, no text layer."""
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 200, 100), False)
    pix.set_rect(pix.irect, (240, 240, 240))
    return pix.tobytes("png")


def truncated_pdf() -> bytes:
    """A download cut off before the cross-reference table: MuPDF must repair it."""
    data = pay_stub(pages=4)
    return data[: data.rfind(b"xref")]


def garbled_xref_pdf() -> bytes:
    data = bytearray(pay_stub())
    start = data.rfind(b"xref")
    data[start : start + 120] = b"\x07garbage" * 15
    return bytes(data)


def huge_mediabox_pdf() -> bytes:
    """A page claiming to be a million points square (about 350 metres)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1000000 1000000] /Contents 4 0 R >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    return _raw_pdf(objects)


def many_pages_pdf(count: int = 3000) -> bytes:
    doc = pymupdf.open()
    for _ in range(count):
        doc.new_page(width=72, height=72)
    doc[-1].insert_text((10, 40), "last")
    return doc.tobytes()


def encrypted_pdf() -> bytes:
    return pymupdf.open("pdf", pay_stub()).tobytes(
        encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="applicant", owner_pw="owner"
    )


def javascript_and_attachment_pdf(marker: str) -> bytes:
    """A PDF whose open action runs JavaScript and which carries an embedded executable."""
    doc = pymupdf.open("pdf", pay_stub(pages=1))
    doc.embfile_add("payload.sh", f"#!/bin/sh\ntouch {marker}\n".encode(), filename="payload.sh")
    js = doc.get_new_xref()
    doc.update_object(js, f"<< /S /JavaScript /JS (app.launchURL\\('file://{marker}'\\);) >>")
    doc.xref_set_key(doc.pdf_catalog(), "OpenAction", f"{js} 0 R")
    return doc.tobytes()


def _raw_pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)
