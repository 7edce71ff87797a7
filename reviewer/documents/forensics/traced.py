# mypy: disable-error-code="no-untyped-call"
"""One page read once for every check: its paint-order log and its text runs.

MuPDF's paint-order log (`Page.get_bboxlog`) lists every operation with its rectangle; the
text runs come from the cheap `get_text("dict")`. Only a page whose log shows something to
explain (a shape or image painted over earlier text, invisible text, text off the page) is
traced again with `get_texttrace`, which adds each run's place in the paint order and each
character's box: on a clean 32-page statement that is none of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pymupdf

from reviewer.documents.forensics.regions import area, intersection
from reviewer.documents.forensics.types import Rect

COVERS = ("fill-path", "fill-image", "fill-shade", "fill-image-mask")
_BAND = 24.0
_TEXT = ("fill-text", "stroke-text", "clip-text", "clip-stroke-text", "ignore-text")


@dataclass(frozen=True)
class Span:
    """A run of text in one font: what, where, how, and (when traced) when it was painted.

    `mode` is 0 for visible text and 3 for invisible text; `seq` is the run's index in the
    paint-order log (-1 when the page was not traced); `chars` are (char, origin, box).
    """

    text: str
    font: str
    size: float
    color: tuple[float, ...]
    bbox: Rect
    baseline: float
    mode: int = 0
    seq: int = -1
    opacity: float = 1.0
    chars: tuple[tuple[str, tuple[float, float], Rect], ...] = ()


@dataclass(frozen=True)
class TracedPage:
    """One page's paint-order log and text runs (traced ones when the page needs them)."""

    number: int  # 1-based
    rect: Rect
    log: list[tuple[str, Rect]]
    spans: list[Span]
    traced: bool

    @classmethod
    def read(cls, page: pymupdf.Page, number: int) -> TracedPage:
        """Read `page`: its log, then its runs, traced only when the log asks for it."""
        log = [(kind, (r[0], r[1], r[2], r[3])) for kind, r in page.get_bboxlog()]
        r = page.rect
        rect = (r.x0, r.y0, r.x1, r.y1)
        if needs_trace(log, rect):
            return cls(number, rect, log, _traced_spans(page), True)
        return cls(number, rect, log, _dict_spans(page), False)


def needs_trace(log: list[tuple[str, Rect]], page: Rect) -> bool:
    """Whether the log shows text painted over, invisible, or off the page.

    Text runs are kept in bands of the page's height so each later shape is compared only
    with the text beside it (a statement page paints hundreds of rules and rows).
    """
    bands: dict[int, list[Rect]] = {}
    for kind, r in log:
        if kind in _TEXT:
            if kind == "ignore-text" or area(intersection(r, page)) <= 0:
                return True
            for band in range(int(r[1] // _BAND), int(r[3] // _BAND) + 1):
                bands.setdefault(band, []).append(r)
        elif kind in COVERS and bands and kind != "fill-shade" and _can_hide(r):
            for band in range(int(r[1] // _BAND), int(r[3] // _BAND) + 1):
                for t in bands.get(band, ()):
                    w = min(t[2], r[2]) - max(t[0], r[0])
                    h = min(t[3], r[3]) - max(t[1], r[1])
                    if w > 0 and h > 0 and w * h > 0.2 * (t[2] - t[0]) * (t[3] - t[1]):
                        return True
    return False


def _can_hide(r: Rect) -> bool:
    """Whether a shape is big enough to hide text (rules and underlines are not)."""
    return r[2] - r[0] >= 3.0 and r[3] - r[1] >= 3.0


def _dict_spans(page: pymupdf.Page) -> list[Span]:
    spans = []
    for block in page.get_text("dict", flags=0).get("blocks", []):
        for line in block.get("lines", []):
            for s in line.get("spans", []):
                c = int(s.get("color", 0))
                colour = ((c >> 16 & 255) / 255, (c >> 8 & 255) / 255, (c & 255) / 255)
                x0, y0, x1, y1 = s["bbox"]
                spans.append(
                    Span(
                        text=s.get("text", ""),
                        font=s.get("font", ""),
                        size=float(s.get("size", 0.0)),
                        color=colour,
                        bbox=(x0, y0, x1, y1),
                        baseline=float(s.get("origin", (0.0, y1))[1]),
                        opacity=float(s.get("alpha", 255)) / 255,
                    )
                )
    return spans


def _traced_spans(page: pymupdf.Page) -> list[Span]:
    spans = []
    for s in page.get_texttrace():
        chars = tuple(
            (chr(c[0]), (float(c[2][0]), float(c[2][1])), (c[3][0], c[3][1], c[3][2], c[3][3]))
            for c in s["chars"]
        )
        x0, y0, x1, y1 = s["bbox"]
        spans.append(
            Span(
                text="".join(c[0] for c in chars),
                font=s.get("font", ""),
                size=float(s.get("size", 0.0)),
                color=tuple(float(v) for v in (s.get("color") or ())),
                bbox=(x0, y0, x1, y1),
                baseline=chars[0][1][1] if chars else float(y1),
                mode=int(s.get("type", 0)),
                seq=int(s.get("seqno", -1)),
                opacity=float(s.get("opacity", 1.0)),
                chars=chars,
            )
        )
    return spans
