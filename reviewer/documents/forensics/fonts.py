# mypy: disable-error-code="no-untyped-call"
"""Fonts per value: a figure set in a font nothing else uses, or off its row's baseline.

A forger who retypes a figure rarely has the original font: the new figure comes in another
font, or in a second subset of "the same" font (subset fonts are named `ABCDEF+Name`, one prefix
per embedding run of a tool), and is placed by eye, a fraction of a point off its row. Each
anomaly is a clue located on the value, with its font, subset, size, colour and baseline.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence

import pymupdf

from reviewer.documents.forensics.regions import has_digits, is_figure, plain_figure
from reviewer.documents.forensics.traced import Span, TracedPage
from reviewer.documents.forensics.types import Clue, Value

_SUBSET = re.compile(r"^([A-Z]{6})\+(.+)$")
# a font is "used nowhere else" when it sets only figures, in at most this many runs
_FOREIGN_MAX_RUNS = 3
_FOREIGN_MAX_SHARE = 0.02
# a figure off its row by more than this (points) was not placed by the program that made the row
_BASELINE_MIN, _BASELINE_MAX = 0.2, 2.5


def subset_prefixes(doc: pymupdf.Document, pages: int) -> dict[str, set[str]]:
    """Font name (without prefix) -> the subset prefixes it is embedded under."""
    prefixes: dict[str, set[str]] = defaultdict(set)
    for index in range(pages):
        for font in doc.get_page_fonts(index):
            match = _SUBSET.match(str(font[3] or ""))
            if match:
                prefixes[match.group(2)].add(match.group(1))
    return prefixes


def font_clues(traced_pages: Sequence[TracedPage], prefixes: dict[str, set[str]]) -> list[Clue]:
    """Figures in a foreign font or off their row, and fonts embedded twice, as clues."""
    spans = [
        (page, s) for page in traced_pages for s in page.spans if s.mode == 0 and s.text.strip()
    ]
    if not spans:
        return []
    runs = Counter(s.font for _, s in spans)
    figures_only = {f for f in runs} - {s.font for _, s in spans if not has_digits(s.text)}
    limit = max(_FOREIGN_MAX_RUNS, int(len(spans) * _FOREIGN_MAX_SHARE))
    common = [font for font, _ in runs.most_common(3)]
    rows = {page.number: _Rows(page.spans) for page in traced_pages}
    clues: list[Clue] = []
    for page, span in spans:
        text = span.text.strip()
        if not has_digits(text):
            continue
        if span.font in figures_only and runs[span.font] <= limit and len(runs) > 1:
            others = [f for f in common if f != span.font]
            clues.append(_foreign(page, span, text, prefixes, others))
            continue
        if is_figure(text):
            offset = rows[page.number].offset(span)
            if offset is not None:
                clues.append(_off_baseline(page, span, text, offset, prefixes))
    for name, seen in sorted(prefixes.items()):
        if len(seen) > 1:
            clues.append(
                Clue(
                    check="fonts.second_subset",
                    category="fonts",
                    severity="medium",
                    summary=(
                        f"The font {name} is embedded {len(seen)} times"
                        f" ({', '.join(sorted(p + '+' for p in seen))}): text was added by a"
                        " second tool"
                    ),
                    values={"font": name, "subsets": ", ".join(sorted(seen))},
                )
            )
    return clues


class _Rows:
    """A page's visible runs sorted by baseline, to find a run's row neighbours quickly."""

    def __init__(self, spans: Sequence[Span]) -> None:
        visible = sorted(
            (s for s in spans if s.mode == 0 and s.text.strip()), key=lambda s: s.baseline
        )
        self.spans = visible
        self.baselines = [s.baseline for s in visible]

    def offset(self, span: Span) -> float | None:
        """How far `span` sits off the common baseline of its row, when that is remarkable."""
        lo = bisect_left(self.baselines, span.baseline - 3.0)
        hi = bisect_right(self.baselines, span.baseline + 3.0)
        x0, _, x1, _ = span.bbox
        row = [
            other.baseline
            for other in self.spans[lo:hi]
            if other is not span
            and abs(other.size - span.size) < 0.6
            and (other.bbox[2] <= x0 or other.bbox[0] >= x1)
        ]
        if len(row) < 2 or all(abs(b - span.baseline) <= _BASELINE_MIN for b in row):
            return None  # the usual case: the row is one baseline
        common, count = Counter(round(b, 2) for b in row).most_common(1)[0]
        if count < 2:
            return None
        offset = span.baseline - common
        return offset if _BASELINE_MIN < abs(offset) < _BASELINE_MAX else None


def _describe(span: Span, prefixes: dict[str, set[str]]) -> dict[str, Value]:
    subsets = prefixes.get(span.font)
    colour = "#" + "".join(f"{round(c * 255):02x}" for c in span.color[:3]) if span.color else None
    return {
        "font": span.font,
        "subset": ", ".join(sorted(subsets)) if subsets else None,
        "size": round(span.size, 2),
        "colour": colour,
        "baseline": round(span.baseline, 2),
    }


def _foreign(
    page: TracedPage, span: Span, text: str, prefixes: dict[str, set[str]], others: list[str]
) -> Clue:
    rest = ", ".join(others) or "other fonts"
    values = _describe(span, prefixes)
    subset = f" (subset {values['subset']}+)" if values["subset"] else ""
    return Clue(
        check="fonts.foreign_font",
        category="fonts",
        severity="high",
        summary=(
            f"{plain_figure(text)} is set in {span.font}{subset}, a font used for nothing"
            f" else on the document (the rest is in {rest})"
        ),
        page=page.number,
        rects=(span.bbox,),
        values=values | {"value": text, "document_fonts": rest},
    )


def _off_baseline(
    page: TracedPage, span: Span, text: str, offset: float, prefixes: dict[str, set[str]]
) -> Clue:
    direction = "below" if offset > 0 else "above"
    return Clue(
        check="fonts.off_baseline",
        category="fonts",
        severity="medium",
        summary=(
            f"{plain_figure(text)} sits {abs(offset):.1f} pt {direction} the baseline of its row"
            f" ({span.font} {span.size:.1f} pt)"
        ),
        page=page.number,
        rects=(span.bbox,),
        values=_describe(span, prefixes) | {"value": text, "offset_pt": round(offset, 2)},
    )
