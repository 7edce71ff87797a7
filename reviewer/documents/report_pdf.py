# mypy: disable-error-code="no-untyped-call"
# (PyMuPDF ships py.typed but leaves many functions unannotated.)
"""Draw a case report PDF from plain data (the review layer assembles it; this only draws).

Crops of flagged pages come from applicants' documents, which are untrusted: they are rendered
to PNG by `render_crop_png` in the documents worker process (its memory and time limits), never
here; a document that will not open or render costs a line in the report, never the report.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

import pymupdf

from reviewer.documents._open import open_document

PAGE_W, PAGE_H = 612.0, 792.0  # US Letter, points
MARGIN = 50.0
BODY = 9.5
LINE = 13.0
CHARS_PER_LINE = 100
HIGHLIGHT = (0.85, 0.1, 0.1)
CROP_MAX_H = 230.0


@dataclass(frozen=True)
class ReportCrop:
    """A region of a document page to show, with the flagged rectangles drawn on it."""

    document_path: str | None
    page: int  # 1-based
    rects: list[tuple[float, float, float, float]]  # PDF points, origin top-left
    caption: str
    # filled in by the documents worker (`render_crop_png`): the PNG and the highlights as
    # fractions of it, or why it could not be rendered
    image: bytes | None = None
    marks: list[tuple[float, float, float, float]] = field(default_factory=list)
    problem: str | None = None


@dataclass
class ReportSection:
    """A heading, lines of text (a line starting with "! " is drawn in red) and crops."""

    heading: str
    lines: list[str] = field(default_factory=list)
    crops: list[ReportCrop] = field(default_factory=list)


@dataclass
class ReportDocument:
    """The whole report: a title block and sections in order."""

    title: str
    subtitle: str
    sections: list[ReportSection] = field(default_factory=list)


class _Writer:
    """Flows text and images down pages, starting a new page when one is full."""

    def __init__(self, doc: pymupdf.Document, footer: str) -> None:
        self.doc = doc
        self.footer = footer
        self.page: pymupdf.Page = self._new_page()
        self.y = MARGIN

    def _new_page(self) -> pymupdf.Page:
        page = self.doc.new_page(width=PAGE_W, height=PAGE_H)
        number = self.doc.page_count
        page.insert_text(
            (MARGIN, PAGE_H - 25), f"{self.footer} · page {number}", fontsize=7.5, color=(0.4,) * 3
        )
        return page

    def need(self, height: float) -> None:
        if self.y + height > PAGE_H - MARGIN:
            self.page = self._new_page()
            self.y = MARGIN

    def text(self, line: str, *, size: float = BODY, bold: bool = False) -> None:
        colour = (0.0, 0.0, 0.0)
        if line.startswith("! "):
            line, colour = line[2:], HIGHLIGHT
        font = "hebo" if bold else "helv"
        width = int(CHARS_PER_LINE * BODY / size)
        for part in textwrap.wrap(line, width) or [""]:
            self.need(size + 4)
            self.y += size + 3
            self.page.insert_text(
                (MARGIN, self.y), part, fontsize=size, fontname=font, color=colour
            )

    def gap(self, height: float = 6.0) -> None:
        self.y += height

    def heading(self, text: str) -> None:
        self.need(40)
        self.gap(8)
        self.text(text, size=13, bold=True)
        self.page.draw_line(
            (MARGIN, self.y + 4), (PAGE_W - MARGIN, self.y + 4), color=(0.6,) * 3, width=0.6
        )
        self.gap(8)

    def crop(self, crop: ReportCrop) -> None:
        if crop.image is None:
            why = crop.problem or "not rendered"
            self.text(f"! {crop.caption}: could not render the page ({why})")
            return
        try:
            pixmap = pymupdf.Pixmap(crop.image)  # our own PNG, made by the worker
        except Exception as exc:  # noqa: BLE001 - never the report
            self.text(f"! {crop.caption}: could not render the page ({exc.__class__.__name__})")
            return
        scale = min((PAGE_W - 2 * MARGIN) / pixmap.width, CROP_MAX_H / pixmap.height)
        w, h = pixmap.width * scale, pixmap.height * scale
        self.need(h + 2 * LINE)
        self.text(crop.caption, size=8.5, bold=True)
        self.gap(3)
        target = pymupdf.Rect(MARGIN, self.y, MARGIN + w, self.y + h)
        self.page.insert_image(target, pixmap=pixmap)
        self.page.draw_rect(target, color=(0.5,) * 3, width=0.5)
        for x0, y0, x1, y1 in crop.marks:
            box = pymupdf.Rect(
                target.x0 + x0 * w, target.y0 + y0 * h, target.x0 + x1 * w, target.y0 + y1 * h
            )
            self.page.draw_rect(box, color=HIGHLIGHT, width=1.8)
        self.y += h + 8


def render_crop_png(
    document_path: str, page_number: int, rects: list[tuple[float, float, float, float]]
) -> tuple[bytes, list[tuple[float, float, float, float]]]:
    """The band of a page around `rects` as PNG, and the rects as fractions of it (0..1).

    Opens an applicant's document: run it in the documents worker process only.
    """
    # opened by its sniffed type, never by its name: the file is the applicant's
    with open_document(document_path) as src:
        page = src[max(page_number, 1) - 1]
        bounds = page.rect
        if rects:
            # the band of the page around the highlights, full width, so the context is readable
            top = min(r[1] for r in rects) - 70
            bottom = max(r[3] for r in rects) + 70
            clip = pymupdf.Rect(bounds.x0, max(bounds.y0, top), bounds.x1, min(bounds.y1, bottom))
        else:
            clip = pymupdf.Rect(bounds)
        zoom = min(2.0, 1600 / max(clip.width, 1.0), 1600 / max(clip.height, 1.0))
        pixmap = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), clip=clip, alpha=False)
        png = bytes(pixmap.tobytes("png"))
    marks = [
        (
            (r[0] - clip.x0 - 2) / clip.width,
            (r[1] - clip.y0 - 2) / clip.height,
            (r[2] - clip.x0 + 2) / clip.width,
            (r[3] - clip.y0 + 2) / clip.height,
        )
        for r in rects
    ]
    return png, marks


def render_report_pdf(report: ReportDocument) -> bytes:
    """The report as PDF bytes."""
    doc = pymupdf.open()
    try:
        writer = _Writer(doc, report.title)
        writer.text(report.title, size=18, bold=True)
        writer.gap(2)
        writer.text(report.subtitle, size=9, bold=False)
        for section in report.sections:
            writer.heading(section.heading)
            for line in section.lines:
                writer.text(line)
            for crop in section.crops:
                writer.gap(4)
                writer.crop(crop)
        doc.set_metadata({"title": report.title, "creator": "Reviewer"})
        return bytes(doc.tobytes(garbage=3, deflate=True))
    finally:
        doc.close()
