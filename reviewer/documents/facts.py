# mypy: disable-error-code="no-untyped-call"
# (PyMuPDF ships py.typed but leaves many functions unannotated.)
"""The things a reviewer checks by hand about a file: producer, dates, fonts per page.

Runs inside the documents worker (it opens applicants' files); the result is plain data.
"""

from __future__ import annotations

import pymupdf
from pymupdf import mupdf

from reviewer.documents.results import DocumentFacts

# A hostile file may declare thousands of fonts on thousands of pages; the panel shows a few.
_MAX_FONT_PAGES = 200
_MAX_FONTS_PER_PAGE = 40


def document_facts(doc: pymupdf.Document) -> DocumentFacts:
    """Collect the facts of an open document; damaged pages are skipped, never fatal."""
    meta = doc.metadata or {}
    fonts: dict[int, list[str]] = {}
    no_text: list[int] = []
    sizes = page_sizes(doc)
    for index in range(min(doc.page_count, _MAX_FONT_PAGES)):
        try:
            names, has_text = _fonts_drawn(doc[index])
        except Exception:  # noqa: BLE001, S112 - a damaged page just has no facts
            continue
        if names:
            fonts[index + 1] = names[:_MAX_FONTS_PER_PAGE]
        if not has_text:
            no_text.append(index + 1)
    kind = "PDF" if doc.is_pdf else f"{(doc.metadata or {}).get('format') or 'image'}"
    return DocumentFacts(
        file_kind=kind,
        page_count=doc.page_count,
        producer=meta.get("producer") or None,
        creator=meta.get("creator") or None,
        created=pdf_date(meta.get("creationDate")),
        modified=pdf_date(meta.get("modDate")),
        fonts_by_page=fonts,
        pages_without_text=no_text,
        page_sizes=sizes,
    )


def page_sizes(doc: pymupdf.Document) -> list[tuple[float, float]]:
    """Every page's (width, height) in points, rotation applied."""
    # the viewer lays out every page before rendering any; a damaged page takes its
    # predecessor's size so the layout still has one slot per page
    pdf = mupdf.pdf_specifics(doc.this) if doc.is_pdf else None
    sizes: list[tuple[float, float]] = []
    for index in range(doc.page_count):
        try:
            if pdf is not None and pdf.m_internal:
                width, height = _pdf_page_size(pdf, index)
            else:
                rect = doc[index].rect
                width, height = float(rect.width), float(rect.height)
            sizes.append((width, height))
        except Exception:  # noqa: BLE001
            sizes.append(sizes[-1] if sizes else (612.0, 792.0))
    return sizes


def _pdf_page_size(pdf: mupdf.PdfDocument, index: int) -> tuple[float, float]:
    """A PDF page's size as `Page.rect` gives it, read from the page tree without loading
    the page (its contents and resources): a quarter of the time on a statement."""
    box, ctm = mupdf.FzRect(), mupdf.FzMatrix()
    mupdf.pdf_page_obj_transform(mupdf.pdf_lookup_page_obj(pdf, index), box, ctm)
    rect = mupdf.fz_transform_rect(box, ctm)
    return float(rect.x1 - rect.x0), float(rect.y1 - rect.y0)


def _fonts_drawn(page: pymupdf.Page) -> tuple[list[str], bool]:
    """Fonts that really draw text on the page (not merely declared), and whether it has text.

    Declared resources are often shared by every page; the fonts of the text spans show the
    one figure typed in another font, which is what a reviewer looks for.
    """
    names: set[str] = set()
    has_text = False
    for block in page.get_text("dict", flags=0).get("blocks", []):
        for line in block.get("lines", []):
            for span in line.get("spans", []):
                if str(span.get("text", "")).strip():
                    has_text = True
                    names.add(_font_name((0, "", "", span.get("font") or "unnamed")))
    return sorted(names), has_text


def _font_name(font: tuple[object, ...]) -> str:
    # get_fonts rows: (xref, ext, type, basefont, name, encoding, ...); subset fonts carry a
    # "ABCDEF+" prefix that hides the family a reviewer compares
    base = str(font[3] or font[4] or "unnamed")
    return base.split("+", 1)[1] if len(base) > 7 and base[6] == "+" else base


def pdf_date(value: str | None) -> str | None:
    """A PDF date ("D:20240131120000+01'00'") as "2024-01-31 12:00:00 +01:00"; others as given."""
    if not value:
        return None
    raw = value[2:] if value.startswith("D:") else value
    digits = raw[:14]
    if len(digits) < 8 or not digits.isdigit():
        return value
    out = f"{digits[0:4]}-{digits[4:6]}-{digits[6:8]}"
    if len(digits) >= 12:
        out += f" {digits[8:10]}:{digits[10:12]}"
        if len(digits) == 14:
            out += f":{digits[12:14]}"
    zone = raw[14:].replace("'", "")
    if zone.startswith(("+", "-")) and len(zone) >= 5:
        out += f" {zone[:3]}:{zone[3:5]}"
    elif zone.startswith("Z"):
        out += " UTC"
    return out
