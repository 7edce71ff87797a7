"""A small, fast PDF canvas over PyMuPDF: pages are written as raw content streams.

PyMuPDF's insert_text is far too slow for a 35-page statement (each call rewrites the page), so the
generators draw into in-memory operator lists using the non-embedded Base-14 fonts, and PyMuPDF only
assembles the objects. Coordinates are PDF points with the origin top-left, as PyMuPDF uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import pymupdf as _pymupdf

from reviewer.sandbox.docgen._types import DocMeta, GeneratedDocument, Tamper, pdf_date

# PyMuPDF ships without complete annotations; treat it as dynamic rather than silence each call.
pymupdf: Any = _pymupdf

Color = tuple[float, float, float]
BLACK: Color = (0.0, 0.0, 0.0)
WHITE: Color = (1.0, 1.0, 1.0)
GREY: Color = (0.35, 0.35, 0.35)
LIGHT: Color = (0.9, 0.9, 0.9)

# Base-14 PDF font name -> (resource name, PyMuPDF built-in font code used for metrics).
FONTS: dict[str, tuple[str, str]] = {
    "Helvetica": ("F1", "helv"),
    "Helvetica-Bold": ("F2", "hebo"),
    "Helvetica-Oblique": ("F3", "heit"),
    "Courier": ("F4", "cour"),
    "Courier-Bold": ("F5", "cobo"),
    "Times-Roman": ("F6", "tiro"),
    "Times-Bold": ("F7", "tibo"),
}
_OVERLAY = {
    "Helvetica": "Courier",
    "Helvetica-Bold": "Courier-Bold",
    "Helvetica-Oblique": "Courier",
    "Courier": "Times-Roman",
    "Courier-Bold": "Times-Bold",
    "Times-Roman": "Courier",
    "Times-Bold": "Courier-Bold",
}
LETTER = (612.0, 792.0)


def clean(value: str) -> str:
    """Restrict text to what WinAnsi-encoded Base-14 fonts can show (others become "?")."""
    return value.encode("cp1252", "replace").decode("cp1252")


@cache
def _advances(font: str) -> dict[str, float]:
    return {}


@cache
def _metrics(font: str) -> pymupdf.Font:
    return pymupdf.Font(FONTS[font][1])


def text_width(value: str, font: str = "Helvetica", size: float = 9.0) -> float:
    """Width in points of `value` set in `font` at `size`."""
    return _unscaled_width(value, font) * size


@lru_cache(maxsize=16384)  # a statement prints the same dates, labels and amounts again and again
def _unscaled_width(value: str, font: str) -> float:
    table = _advances(font)
    total = 0.0
    for char in value:
        advance = table.get(char)
        if advance is None:
            advance = _metrics(font).glyph_advance(ord(char))
            table[char] = advance
        total += advance
    return total


def fit(value: str, max_width: float, font: str = "Helvetica", size: float = 9.0) -> str:
    """`value` shortened with "..." so it fits in `max_width` points."""
    if text_width(value, font, size) <= max_width:
        return value
    while value and text_width(value + "...", font, size) > max_width:
        value = value[:-1]
    return value.rstrip() + "..."


def _pdf_string(value: str) -> str:
    if value.isascii() and value.isprintable():  # most text: only ( ) and \ need escaping
        return "(" + value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
    out = []
    for byte in value.encode("cp1252", "replace"):
        if byte in b"()\\":
            out.append("\\" + chr(byte))
        elif 32 <= byte < 127:
            out.append(chr(byte))
        else:
            out.append(f"\\{byte:03o}")
    return "(" + "".join(out) + ")"


@lru_cache(maxsize=65536)  # the same sizes, columns and rules over and over
def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Placement:
    """Where one run of text was printed: page index, left x, baseline y, font and size."""

    page: int
    text: str
    x: float
    y: float
    font: str
    size: float
    width: float
    align: str


class Page:
    """One page being drawn: text, rules and boxes appended as PDF operators."""

    def __init__(self, canvas: Canvas, index: int, width: float, height: float) -> None:
        self._canvas = canvas
        self.index = index
        self.width = width
        self.height = height
        self.ops: list[str] = []

    def text(
        self,
        x: float,
        y: float,
        value: object,
        *,
        font: str = "Helvetica",
        size: float = 9.0,
        color: Color = BLACK,
        align: str = "left",
    ) -> float:
        """Print `value` with its baseline at y; x is the left, right or centre edge per `align`."""
        printed = "" if value is None else str(value)
        if not printed.isascii():  # ASCII is WinAnsi already
            printed = clean(printed)
        if not printed:
            return 0.0
        width = text_width(printed, font, size)
        left = x - width if align == "right" else x - width / 2 if align == "center" else x
        resource = FONTS[font][0]
        self.ops.append(
            f"BT /{resource} {_num(size)} Tf {_rgb(color)} rg 1 0 0 1 {_num(left)} "
            f"{_num(self.height - y)} Tm {_pdf_string(printed)} Tj ET"
        )
        self._canvas.placements.append(
            Placement(self.index, printed, left, y, font, size, width, align)
        )
        return width

    def fill(self, x0: float, y0: float, x1: float, y1: float, color: Color) -> None:
        """A filled rectangle without outline."""
        self.ops.append(f"{_rgb(color)} rg {self._rect(x0, y0, x1, y1)} re f")

    def box(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        *,
        color: Color = BLACK,
        width: float = 0.6,
    ) -> None:
        """An outlined rectangle."""
        self.ops.append(f"{_num(width)} w {_rgb(color)} RG {self._rect(x0, y0, x1, y1)} re S")

    def line(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        *,
        color: Color = BLACK,
        width: float = 0.6,
    ) -> None:
        """A straight rule."""
        h = self.height
        self.ops.append(
            f"{_num(width)} w {_rgb(color)} RG {_num(x0)} {_num(h - y0)} m "
            f"{_num(x1)} {_num(h - y1)} l S"
        )

    def wrap(
        self, x: float, y: float, value: str, max_width: float, *, size: float = 7.0, **kw: object
    ) -> float:
        """Print `value` word-wrapped to `max_width`; returns the y below the last line."""
        line = ""
        for word in clean(value).split():
            candidate = f"{line} {word}".strip()
            if line and text_width(candidate, "Helvetica", size) > max_width:
                self.text(x, y, line, size=size, **kw)  # type: ignore[arg-type]
                y += size * 1.3
                line = word
            else:
                line = candidate
        if line:
            self.text(x, y, line, size=size, **kw)  # type: ignore[arg-type]
            y += size * 1.3
        return y

    def _rect(self, x0: float, y0: float, x1: float, y1: float) -> str:
        return f"{_num(x0)} {_num(self.height - y1)} {_num(x1 - x0)} {_num(y1 - y0)}"


@cache
def _rgb(color: Color) -> str:
    return " ".join(_num(part) for part in color)


class Canvas:
    """A document under construction: pages, a record of every printed text run, tamper edits."""

    def __init__(self) -> None:
        self.pages: list[Page] = []
        self.placements: list[Placement] = []

    def new_page(self, width: float = LETTER[0], height: float = LETTER[1]) -> Page:
        """Append a blank page (US Letter by default)."""
        page = Page(self, len(self.pages), width, height)
        self.pages.append(page)
        return page

    def apply_tampers(self, tampers: Sequence[Tamper]) -> None:
        """Cover each tamper's original text with a white box and print the replacement over it."""
        for tamper in tampers:
            hits = [
                p
                for p in list(self.placements)
                if tamper.original in p.text and (tamper.page is None or p.page == tamper.page - 1)
            ]
            if not hits:
                raise ValueError(f"tamper target not printed in document: {tamper.original!r}")
            for hit in hits[:1] if tamper.first_only else hits:
                self._overlay(hit, tamper)

    def _overlay(self, hit: Placement, tamper: Tamper) -> None:
        page = self.pages[hit.page]
        start = hit.text.index(tamper.original)
        left = hit.x + text_width(hit.text[:start], hit.font, hit.size)
        width = text_width(tamper.original, hit.font, hit.size)
        page.fill(
            left - 1.2, hit.y - hit.size * 0.95, left + width + 1.2, hit.y + hit.size * 0.3, WHITE
        )
        font = tamper.font or _OVERLAY[hit.font]
        ends_run = start + len(tamper.original) == len(hit.text)
        if hit.align == "right" and ends_run:
            # A forger lines the new figure up with the column edge; the baseline drifts slightly.
            page.text(
                left + width,
                hit.y + 0.4,
                tamper.replacement,
                font=font,
                size=hit.size,
                align="right",
            )
        else:
            page.text(left, hit.y + 0.4, tamper.replacement, font=font, size=hit.size)

    def render(self, meta: DocMeta, *, footer: str | None = None) -> GeneratedDocument:
        """Assemble the PDF (deterministically: fixed metadata, no random file ID)."""
        doc = pymupdf.open()
        try:
            font_refs = []
            for name, (resource, _code) in FONTS.items():
                xref = doc.get_new_xref()
                doc.update_object(
                    xref,
                    f"<</Type/Font/Subtype/Type1/BaseFont/{name}/Encoding/WinAnsiEncoding>>",
                )
                font_refs.append(f"/{resource} {xref} 0 R")
            resources = doc.get_new_xref()
            doc.update_object(resources, f"<</Font<<{''.join(font_refs)}>>/ProcSet[/PDF/Text]>>")
            total = len(self.pages)
            for page in self.pages:
                if footer is not None:
                    label = f"Page {page.index + 1} of {total}"
                    page.text(
                        page.width - 40, page.height - 24, label, size=7, color=GREY, align="right"
                    )
                    page.text(40, page.height - 24, footer, size=7, color=GREY)
                pdf_page = doc.new_page(width=page.width, height=page.height)
                contents = doc.get_new_xref()
                doc.update_object(contents, "<<>>")
                doc.update_stream(contents, "\n".join(page.ops).encode("ascii"), compress=True)
                doc.xref_set_key(pdf_page.xref, "Contents", f"{contents} 0 R")
                doc.xref_set_key(pdf_page.xref, "Resources", f"{resources} 0 R")
            doc.set_metadata(
                {
                    "creationDate": pdf_date(meta.creation_date),
                    "modDate": pdf_date(meta.mod_date),
                    "producer": meta.producer,
                    "creator": meta.creator,
                    "title": meta.title,
                    "author": meta.author,
                }
            )
            data = doc.tobytes(garbage=3, deflate=True, no_new_id=True)
        finally:
            doc.close()
        return GeneratedDocument(data=data, media_type="application/pdf", page_count=total)
