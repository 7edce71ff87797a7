"""Small geometry and wording helpers shared by the forensics modules."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from reviewer.documents.forensics.types import Rect

_MONEY = re.compile(r"^\(?-?\$?\d{1,3}(?:,\d{3})*(?:\.\d{2})?\)?-?$|^\$?\d+\.\d{2}$")
_DIGITS = re.compile(r"\d")

Word = tuple[float, float, float, float, str]


def is_figure(text: str) -> bool:
    """Whether `text` is a printed amount ("$1,709.78", "2441.17", "(12.00)")."""
    return bool(text.strip()) and all(_MONEY.match(word) for word in text.split())


def has_digits(text: str) -> bool:
    """Whether `text` holds a figure (digits are what forgers change)."""
    return bool(_DIGITS.search(text))


def plain_figure(text: str) -> str:
    """A printed amount without its currency sign ("$1,709.78" -> "1,709.78"); other text as is."""
    parts = []
    for word in text.split():
        parts.append(word.replace("$", "", 1) if _MONEY.match(word) else word)
    return " ".join(parts)


def area(r: Rect) -> float:
    """Area of a rectangle (0 when empty)."""
    return max(r[2] - r[0], 0.0) * max(r[3] - r[1], 0.0)


def intersection(a: Rect, b: Rect) -> Rect:
    """The overlap of two rectangles (possibly empty)."""
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def covered_share(inner: Rect, outer: Rect) -> float:
    """How much of `inner` lies inside `outer` (0..1)."""
    whole = area(inner)
    return area(intersection(inner, outer)) / whole if whole > 0 else 0.0


def union(rects: Iterable[Rect]) -> Rect:
    """The smallest rectangle holding all `rects` (which must not be empty)."""
    xs0, ys0, xs1, ys1 = zip(*rects, strict=True)
    return (min(xs0), min(ys0), max(xs1), max(ys1))


def grown(r: Rect, by: float) -> Rect:
    """`r` grown by `by` points on every side."""
    return (r[0] - by, r[1] - by, r[2] + by, r[3] + by)


def merge_near(rects: Sequence[Rect], gap: float = 2.0) -> list[Rect]:
    """Merge rectangles that overlap or lie within `gap` points of each other."""
    merged: list[Rect] = []
    for rect in sorted(rects, key=lambda r: (r[1], r[0])):
        for i, other in enumerate(merged):
            if area(intersection(grown(rect, gap), other)) > 0:
                merged[i] = union((rect, other))
                break
        else:
            merged.append(rect)
    # one merge can make two earlier regions touch: repeat until stable (few regions)
    if len(merged) < len(rects):
        return merge_near(merged, gap)
    return merged


def words_in(words: Sequence[Word], region: Rect) -> list[Word]:
    """Words whose centre lies in `region`, in reading order."""
    inside = [
        w
        for w in words
        if region[0] <= (w[0] + w[2]) / 2 <= region[2]
        and region[1] <= (w[1] + w[3]) / 2 <= region[3]
    ]
    return sorted(inside, key=lambda w: (round(w[3]), w[0]))


def label_for(words: Sequence[Word], region: Rect) -> str | None:
    """The words naming a value: left of it on its line, else just above it (no figures)."""
    middle = (region[1] + region[3]) / 2
    left = [
        w
        for w in words
        if w[2] <= region[0] + 0.5 and w[1] <= middle <= w[3] and not has_digits(w[4])
    ]
    left.sort(key=lambda w: w[0])
    if left and region[0] - left[-1][2] > 80:
        left = []  # far across the page: another column's words, not this value's label
    if left:
        # the nearest run of words: stop at a gap wider than a few spaces
        run = [left[-1]]
        for word in reversed(left[:-1]):
            if run[0][0] - word[2] > 12 or len(run) >= 4:
                break
            run.insert(0, word)
        return " ".join(w[4] for w in run).strip(":").strip() or None
    above = [
        w
        for w in words
        if region[1] - 28 <= w[3] <= region[1] + 0.5
        and w[0] < region[2]
        and w[2] > region[0] - 40
        and not has_digits(w[4])
    ]
    if above:
        bottom = max(w[3] for w in above)
        line = sorted((w for w in above if w[3] >= bottom - 2), key=lambda w: w[0])
        return " ".join(w[4] for w in line).strip(":").strip() or None
    return None
