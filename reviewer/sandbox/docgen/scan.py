"""A scanned document with an OCR text layer: a picture of each page plus invisible text.

`scanned_pdf` takes the page the picture shows and the page the text layer reads: when they
differ (a figure edited in the text layer only), parsers that read the layer see one amount and
people looking at the page see another, which Reviewer's text-layer check finds by comparing
glyph shapes. The layer is drawn in render mode 3 in the Base-14 font of each run.
"""

from __future__ import annotations

from typing import Any

import pymupdf as _pymupdf

from reviewer.sandbox.docgen._types import GeneratedDocument

pymupdf: Any = _pymupdf
_FONTS = {"Helvetica": "helv", "Helvetica-Bold": "hebo", "Courier": "cour", "Times-Roman": "tiro"}


def scanned_pdf(picture: bytes, text_layer: bytes, *, dpi: int = 150) -> GeneratedDocument:
    """A PDF whose pages are greyscale JPEG pictures of `picture` with `text_layer`'s text invisible."""
    shown = pymupdf.open(stream=picture, filetype="pdf")
    read = pymupdf.open(stream=text_layer, filetype="pdf")
    out = pymupdf.open()
    try:
        for index in range(shown.page_count):
            source = shown[index]
            pix = source.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
            page = out.new_page(width=source.rect.width, height=source.rect.height)
            page.insert_image(page.rect, stream=pix.tobytes("jpeg", jpg_quality=80))
            writer = pymupdf.TextWriter(page.rect)
            fonts: dict[str, Any] = {}
            for span in read[index].get_texttrace():
                code = _FONTS.get(span["font"], "helv")
                font = fonts.setdefault(code, pymupdf.Font(code))
                for char in span["chars"]:
                    writer.append(char[2], chr(char[0]), font=font, fontsize=span["size"])
            writer.write_text(page, render_mode=3)
        out.set_metadata(
            {
                "producer": "Canon iR-ADV C5535 PDF",
                "creator": "Canon iR-ADV C5535",
                "creationDate": read.metadata.get("modDate", ""),
                "modDate": read.metadata.get("modDate", ""),
            }
        )
        data = out.tobytes(garbage=3, deflate=True, no_new_id=True)
        return GeneratedDocument(data=data, media_type="application/pdf", page_count=out.page_count)
    finally:
        out.close()
        read.close()
        shown.close()
