# mypy: disable-error-code="no-untyped-call"
"""Text layer vs what is seen: does a scan's invisible text say what its picture shows?

A scanned or flattened page is a picture with an invisible text layer (render mode 3) laid over
it; parsers read the layer, people read the picture. Without OCR, the layer's figures are
checked by drawing each character in the layer's own font at its place and comparing the shape
with the picture under it (a coarse darkness grid, so scanning blur does not matter). Where a
character does not match, the ten digits are tried in its place to say what the picture shows.
A layer in a font without real glyphs (OCR engines use "GlyphLessFont") cannot be checked this
way, and the clue says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pymupdf

from reviewer.documents.forensics.budget import Budget
from reviewer.documents.forensics.regions import covered_share, grown, is_figure, plain_figure
from reviewer.documents.forensics.traced import Span, TracedPage
from reviewer.documents.forensics.types import Clue, Rect

_ZOOM = 3.0
_GRID = (5, 7)
# mean darkness difference per grid cell: above this the shapes disagree
_MISMATCH = 0.2
_CHECKED = set("0123456789")
_BASE14 = {
    "helvetica": "helv",
    "arial": "helv",
    "nimbussans": "helv",
    "courier": "cour",
    "nimbusmono": "cour",
    "times": "tiro",
    "nimbusroman": "tiro",
}
_MAX_FONTS = 16
_BOLD = {"helv": "hebo", "cour": "cobo", "tiro": "tibo"}
_MAX_SPANS_PER_PAGE = 200


def _font_for(page: pymupdf.Page, name: str, cache: dict[str, Any]) -> pymupdf.Font | None:
    """A font with the shapes the layer is set in, or None when it has none to compare.

    The layer's own embedded font when the file has it, else the Base-14 font its name
    promises; OCR engines' "GlyphLessFont" has no shapes at all.
    """
    if name in cache:
        cached: pymupdf.Font | None = cache[name]
        return cached
    font = None
    lowered = name.lower()
    if "glyphless" not in lowered:
        for xref, _ext, _kind, basefont, *_rest in page.get_fonts()[:_MAX_FONTS]:
            buffer = page.parent.extract_font(xref)[3]
            if buffer:
                embedded = pymupdf.Font(fontbuffer=buffer)
                if name in (embedded.name, str(basefont).split("+")[-1]):
                    font = embedded
                    break
        if font is None:
            for family, code in _BASE14.items():
                if family in lowered.replace(" ", ""):
                    bold = "bold" in lowered
                    font = pymupdf.Font(_BOLD[code] if bold else code)
                    break
    cache[name] = font
    return font


def text_layer_clues(page: pymupdf.Page, traced: TracedPage, budget: Budget) -> list[Clue]:
    """Figures of a scan's text layer that the picture under them does not show."""
    images = [r for kind, r in traced.log if kind.startswith("fill-image")]
    layer = [
        s
        for s in traced.spans
        if s.mode == 3 and is_figure(s.text) and any(covered_share(s.bbox, r) > 0.5 for r in images)
    ][:_MAX_SPANS_PER_PAGE]
    if not layer:
        return []
    clues: list[Clue] = []
    unshaped: set[str] = set()
    fonts: dict[str, Any] = {}
    shaped: list[tuple[Span, Any]] = []
    for span in layer:
        font = _font_for(page, span.font, fonts)
        if font is None:
            unshaped.add(span.font)
        else:
            shaped.append((span, font))
    if shaped:
        # the picture and the layer's own drawing, each rendered once for the whole page
        clip = traced.rect
        seen = _Grey.of(
            page.get_pixmap(
                matrix=pymupdf.Matrix(_ZOOM, _ZOOM), clip=clip, colorspace=pymupdf.csGRAY
            )
        )
        said = _render_text(
            (clip[2], clip[3]),
            [(c, o, font, span.size) for span, font in shaped for c, o, _ in span.chars],
            clip,
        )
        for span, font in shaped:
            budget.check(f"comparing the text layer with the picture on page {traced.number}")
            clue = _compare_span(traced, span, font, seen, said)
            if clue is not None:
                clues.append(clue)
    if unshaped:
        clues.append(
            Clue(
                check="text_layer.undecidable",
                category="text_layer",
                severity="low",
                summary=(
                    f"Page {traced.number}'s text layer is set in {', '.join(sorted(unshaped))},"
                    " a font without letter shapes: whether it agrees with the picture cannot be"
                    " decided without OCR"
                ),
                page=traced.number,
                values={"fonts": ", ".join(sorted(unshaped))},
            )
        )
    return clues


@dataclass(frozen=True)
class _Grey:
    """A greyscale render's bytes and size, read out of the pixmap once."""

    samples: bytes
    width: int
    height: int
    stride: int

    @classmethod
    def of(cls, pix: pymupdf.Pixmap) -> _Grey:
        return cls(bytes(pix.samples_mv), pix.width, pix.height, pix.stride)


def _grid(pix: _Grey, box: Rect, clip: Rect) -> list[float]:
    """Mean darkness of a grid over `box` (page points) in a grey render of `clip`."""
    cols, rows = _GRID
    x0 = (box[0] - clip[0]) * _ZOOM
    y0 = (box[1] - clip[1]) * _ZOOM
    w = max((box[2] - box[0]) * _ZOOM, 1.0)
    h = max((box[3] - box[1]) * _ZOOM, 1.0)
    samples, stride, width, height = pix.samples, pix.stride, pix.width, pix.height
    out = []
    for row in range(rows):
        ys = range(max(int(y0 + row * h / rows), 0), min(int(y0 + (row + 1) * h / rows), height))
        for col in range(cols):
            xa = max(int(x0 + col * w / cols), 0)
            xb = min(int(x0 + (col + 1) * w / cols), width)
            total = count = 0
            for y in ys:
                cells = samples[y * stride + xa : y * stride + xb]
                total += 255 * len(cells) - sum(cells)
                count += len(cells)
            out.append(total / (count * 255) if count else 0.0)
    return out


def _distance(a: list[float], b: list[float]) -> float:
    """Mean difference of two grids, each scaled to its darkest cell (grey ink or a faded
    scan has the shape of black ink, only lighter)."""
    top_a, top_b = max(max(a), 0.05), max(max(b), 0.05)
    return sum(abs(x / top_a - y / top_b) for x, y in zip(a, b, strict=True)) / len(a)


def _render_text(
    size: tuple[float, float], chars: list[tuple[str, tuple[float, float], Any, float]], clip: Rect
) -> _Grey:
    """Draw `chars` (char, origin, font, size) in black on a blank page and render `clip`."""
    scratch = pymupdf.open()
    try:
        page = scratch.new_page(width=size[0], height=size[1])
        writer = pymupdf.TextWriter(page.rect)
        for char, origin, font, fontsize in chars:
            writer.append(origin, char, font=font, fontsize=fontsize)
        writer.write_text(page)
        return _Grey.of(
            page.get_pixmap(
                matrix=pymupdf.Matrix(_ZOOM, _ZOOM), clip=clip, colorspace=pymupdf.csGRAY
            )
        )
    finally:
        scratch.close()


def _compare_span(
    traced: TracedPage, span: Span, font: Any, seen: _Grey, said: _Grey
) -> Clue | None:
    clip = traced.rect
    size = (clip[2], clip[3])
    shown = []
    mismatched = False
    for char, origin, box in span.chars:
        if char not in _CHECKED:
            shown.append(char)
            continue
        picture = _grid(seen, box, clip)
        if _distance(picture, _grid(said, box, clip)) <= _MISMATCH:
            shown.append(char)
            continue
        mismatched = True
        trial_clip = grown(box, 1.0)
        best, best_distance = "?", 1.0
        for digit in sorted(_CHECKED - {char}):
            trial = _render_text(size, [(digit, origin, font, span.size)], trial_clip)
            distance = _distance(picture, _grid(trial, box, trial_clip))
            if distance < best_distance:
                best, best_distance = digit, distance
        shown.append(best if best_distance <= _MISMATCH else "?")
    if not mismatched:
        return None
    layer_text, picture_text = span.text.strip(), "".join(shown).strip()
    return Clue(
        check="text_layer.disagrees",
        category="text_layer",
        severity="high",
        summary=(
            f"The invisible text layer says {plain_figure(layer_text)} but the picture under it"
            f" shows {plain_figure(picture_text)} (glyph shapes compared, no OCR)"
        ),
        page=traced.number,
        rects=(span.bbox,),
        values={"text_layer": layer_text, "picture": picture_text, "font": span.font},
        hidden_text=layer_text,
    )
