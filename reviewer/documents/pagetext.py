# mypy: disable-error-code="no-untyped-call"
# (PyMuPDF ships py.typed but leaves many functions unannotated.)
"""One page's text layer, extracted once and shared by every search on that page.

Building a TextPage is the expensive part of a search (issue 6: 907 ms for 10 values over 120
pages with one `search_for` each, 185 ms sharing one TextPage per page), so each page gets one.
The Page object is kept beside its TextPage: the TextPage must not outlive it.
"""

from __future__ import annotations

from collections import defaultdict

import pymupdf

from reviewer.documents.results import Rect

# Punctuation around a printed value that says nothing about the value ("$2,441.17," in a
# sentence, "(2,441.17)" in accounts); "$" and "-" stay because they are part of forms.
_STRIP = " \t,;:()[]{}\"'*"


def normalize_word(word: str) -> str:
    """Compare words without case and surrounding punctuation (a trailing period too)."""
    return word.strip(_STRIP).rstrip(".").strip(_STRIP).casefold()


class PageText:
    """The words of one page with their rectangles (PDF points, origin top-left)."""

    def __init__(self, page: pymupdf.Page) -> None:
        self.page = page
        self.textpage = page.get_textpage()
        # (x0, y0, x1, y1, word, block_no, line_no, word_no), in reading order
        self.words: list[tuple[float, float, float, float, str, int, int, int]] = page.get_text(
            "words", textpage=self.textpage
        )
        self._positions: dict[str, list[int]] = defaultdict(list)
        for index, word in enumerate(self.words):
            self._positions[normalize_word(word[4])].append(index)

    @property
    def has_text(self) -> bool:
        """False for a scan or a photo: nothing can be located without OCR."""
        return bool(self.words)

    def find_phrase(self, phrase: str) -> list[Rect]:
        """Rectangles of every whole-word occurrence of `phrase` (one per line it spans)."""
        tokens = [t for t in (normalize_word(w) for w in phrase.split()) if t]
        if not tokens:
            return []
        rects: list[Rect] = []
        for start in self._positions.get(tokens[0], []):
            end = start + len(tokens)
            if end > len(self.words):
                continue
            if all(
                normalize_word(self.words[start + k][4]) == tokens[k] for k in range(1, len(tokens))
            ):
                rects.extend(_union_by_line(self.words[start:end]))
        return rects

    def search(self, text: str) -> list[Rect]:
        """Substring search as a reader expects from Ctrl+F, reusing this page's TextPage."""
        hits = self.page.search_for(text, textpage=self.textpage)
        return [(r.x0, r.y0, r.x1, r.y1) for r in hits]

    def text(self) -> str:
        """The page's plain text, in reading order."""
        return str(self.page.get_text("text", textpage=self.textpage))


def _union_by_line(
    words: list[tuple[float, float, float, float, str, int, int, int]],
) -> list[Rect]:
    lines: dict[tuple[int, int], list[float]] = {}
    for x0, y0, x1, y1, _text, block, line, _n in words:
        box = lines.get((block, line))
        if box is None:
            lines[(block, line)] = [x0, y0, x1, y1]
        else:
            box[0], box[1] = min(box[0], x0), min(box[1], y0)
            box[2], box[3] = max(box[2], x1), max(box[3], y1)
    return [(b[0], b[1], b[2], b[3]) for b in lines.values()]
