# mypy: disable-error-code="no-untyped-call"
"""Masking and hidden text: text on the page that a reader of the page cannot see.

MuPDF lists every drawing operation in paint order; a traced page knows each text run's place
in it. Text is hidden when an opaque shape or an image painted *after* it covers it (a white
box), when it is drawn invisibly (render mode 3) away from any image (over an image it is a
scan's text layer: see `text_layer`), when it lies outside the page, is fully transparent, or
is white on white paper. Each run of hidden characters is one clue carrying the hidden text.
"""

from __future__ import annotations

from bisect import bisect_right

import pymupdf

from reviewer.documents.forensics.regions import covered_share, has_digits, plain_figure, union
from reviewer.documents.forensics.traced import COVERS, Span, TracedPage
from reviewer.documents.forensics.types import Clue, Rect, Severity

# a cover must hide most of a character to hide it (anti-aliased edges overlap a little)
_COVERED = 0.6

Fills = dict[int, tuple[tuple[float, ...] | None, float]]


def masking_clues(page: pymupdf.Page, traced: TracedPage) -> list[Clue]:
    """Hidden text on one page, a clue per run of hidden characters."""
    clues: list[Clue] = []
    fills_under = [r for kind, r in traced.log if kind == "fill-path"]
    for span in traced.spans:
        if not span.text.strip():
            continue
        light = span.mode == 0 and _light(span.color) and span.opacity > 0
        if light and not any(covered_share(span.bbox, r) > 0.9 for r in fills_under):
            clues.append(_hidden(traced, span, "white on white paper", "medium"))
    if not traced.traced:
        return clues  # nothing painted over text, nothing invisible, nothing off the page
    covers = [(seq, kind, r) for seq, (kind, r) in enumerate(traced.log) if kind in COVERS]
    cover_seqs = [c[0] for c in covers]
    images = [(seq, r) for seq, kind, r in covers if kind.startswith("fill-image")]
    fills: Fills | None = None
    for span in traced.spans:
        if not span.text.strip():
            continue
        if span.mode == 3:
            if not any(s < span.seq and covered_share(span.bbox, r) > 0.5 for s, r in images):
                clues.append(_hidden(traced, span, "drawn invisibly (render mode 3)", "medium"))
            continue
        if span.opacity == 0:
            clues.append(_hidden(traced, span, "drawn fully transparent", "medium"))
            continue
        if covered_share(span.bbox, traced.rect) < 0.05:
            clues.append(_hidden(traced, span, "placed outside the visible page", "low"))
            continue
        later = [
            c
            for c in covers[bisect_right(cover_seqs, span.seq) :]
            if covered_share(span.bbox, c[2]) > 0.2
        ]
        if later:
            fills = _fills(page) if fills is None else fills
            clue = _covered(traced, span, later, fills)
            if clue is not None:
                clues.append(clue)
    return clues


def _fills(page: pymupdf.Page) -> Fills:
    """Fill colour and opacity of each filled path, by paint-order number."""
    out: Fills = {}
    for drawing in page.get_drawings():
        if drawing.get("fill") is not None:
            opacity = drawing.get("fill_opacity")
            out[drawing["seqno"]] = (
                tuple(drawing["fill"]),
                1.0 if opacity is None else float(opacity),
            )
    return out


def _light(color: tuple[float, ...]) -> bool:
    return bool(color) and min(color) > 0.92


def _covered(
    traced: TracedPage, span: Span, later: list[tuple[int, str, Rect]], fills: Fills
) -> Clue | None:
    opaque = [
        (s, k, r)
        for s, k, r in later
        if k != "fill-path" or (fills.get(s, (None, 0.0))[0] is not None and fills[s][1] >= 0.9)
    ]
    hidden = [
        c for c in span.chars if any(covered_share(c[2], r) >= _COVERED for _, _, r in opaque)
    ]
    text = "".join(c[0] for c in hidden).strip()
    if not text:
        return None
    rect = union(c[2] for c in hidden)
    first = min(s for s, _, _ in opaque)
    on_top = [
        other.text.strip()
        for other in traced.spans
        if other.seq > first and other.mode == 0 and covered_share(other.bbox, rect) > 0.3
    ]
    shown = " ".join(t for t in on_top if t)
    cover = _cover_words(fills, opaque)
    if shown:
        summary = f"{plain_figure(shown)} is printed over {cover} hiding {plain_figure(text)}"
    else:
        summary = f"{cover[0].upper()}{cover[1:]} hides {plain_figure(text)}"
    return Clue(
        check="masking.covered_text",
        category="masking",
        severity="high" if has_digits(text) else "medium",
        summary=summary,
        page=traced.number,
        rects=(rect,),
        values={"hidden": text, "shown": shown or None, "covered_by": cover},
        hidden_text=text,
    )


def _cover_words(fills: Fills, opaque: list[tuple[int, str, Rect]]) -> str:
    for s, kind, _ in opaque:
        if kind == "fill-path":
            colour = fills.get(s, (None, 1.0))[0]
            return "a white box" if colour and min(colour) > 0.9 else "a filled box"
    return "an image"


def _hidden(traced: TracedPage, span: Span, how: str, severity: Severity) -> Clue:
    text = span.text.strip()
    return Clue(
        check="masking.hidden_text",
        category="masking",
        severity=severity,
        summary=f"Text {plain_figure(text)!r} is {how}",
        page=traced.number,
        rects=(span.bbox,),
        values={"hidden": text, "how": how},
        hidden_text=text,
    )
