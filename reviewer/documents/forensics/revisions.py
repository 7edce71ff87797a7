# mypy: disable-error-code="no-untyped-call"
"""Revision X-ray: rebuild each saved state of a PDF from its own bytes and compare the pages.

For each revision after the first, every page is compared with the same page of the revision
before: its words (text and place) and its drawing operations (kind and place). A page whose
words and drawings are unchanged is skipped; on a changed page, the changed places are merged
into regions, and each region is reported with the text it held before and the text it shows
after, located on the page of the newest revision.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pymupdf

from reviewer.documents.facts import pdf_date
from reviewer.documents.forensics.budget import Budget
from reviewer.documents.forensics.regions import (
    Word,
    has_digits,
    label_for,
    merge_near,
    plain_figure,
    words_in,
)
from reviewer.documents.forensics.structure import Structure
from reviewer.documents.forensics.types import Clue, Rect, RevisionInfo

# a changed page holds at most this many regions before they are reported as one
_MAX_REGIONS_PER_PAGE = 12
_TEXT_KINDS = ("fill-text", "stroke-text", "clip-text", "clip-stroke-text", "ignore-text")

PageShape = tuple[list[Word], list[tuple[str, tuple[int, int, int, int]]]]


@contextmanager
def opened_revision(raw: bytes, end: int) -> Iterator[pymupdf.Document]:
    """The revision whose bytes are `raw[:end]`, opened as its own document."""
    doc = pymupdf.open(stream=raw[:end], filetype="pdf")
    try:
        yield doc
    finally:
        doc.close()


def _shape(page: pymupdf.Page) -> PageShape:
    words = [(w[0], w[1], w[2], w[3], w[4]) for w in page.get_text("words")]
    ops = [
        (kind, (round(r[0]), round(r[1]), round(r[2]), round(r[3])))
        for kind, r in page.get_bboxlog()
        if kind not in _TEXT_KINDS
    ]
    return words, ops


def _key(word: Word) -> tuple[str, int, int]:
    return word[4], round(word[0]), round(word[3])


def compare_revisions(
    raw: bytes, structure: Structure, budget: Budget
) -> tuple[list[RevisionInfo], list[Clue]]:
    """Revisions of the file (oldest first) and a clue per changed region of a page."""
    ends = structure.ends
    total = len(ends)
    infos: list[RevisionInfo] = []
    clues: list[Clue] = []
    previous: dict[int, PageShape] = {}
    previous_count = 0
    for number, end in enumerate(ends, start=1):
        budget.check(f"rebuilding revision {number} of {total}")
        with opened_revision(raw, end) as doc:
            meta = doc.metadata or {}
            producer = meta.get("producer") or meta.get("creator") or None
            modified = pdf_date(meta.get("modDate") or None)
            shapes: dict[int, PageShape] = {}
            changed: list[int] = []
            if total > 1:
                for index in range(doc.page_count):
                    budget.check(f"comparing page {index + 1} of revision {number}")
                    shape = _shape(doc[index])
                    shapes[index] = shape
                    if number > 1 and shape != previous.get(index):
                        changed.append(index + 1)
                        if index in previous:
                            clues += _page_clues(
                                previous[index], shape, index + 1, number, total, producer
                            )
            if number > 1 and doc.page_count != previous_count:
                clues.append(_page_count_clue(previous_count, doc.page_count, number, total))
            kind = _kind(number, end, structure, changed, doc.page_count != previous_count)
            infos.append(RevisionInfo(number, end, kind, producer, modified, tuple(changed)))
            previous, previous_count = shapes, doc.page_count
    return infos, clues


def _kind(number: int, end: int, structure: Structure, changed: list[int], pages: bool) -> str:
    if number == 1:
        return "original"
    if end in structure.signed_ends:
        return "signature"
    return "edit" if changed or pages else "no visible change"


def _page_count_clue(before: int, after: int, number: int, total: int) -> Clue:
    return Clue(
        check="revision.page_count",
        category="revision",
        severity="high",
        summary=(
            f"Revision {number - 1} of {total} had {before} page(s); revision {number} of"
            f" {total} has {after}"
        ),
        values={"pages_before": before, "pages_after": after, "revision": number},
    )


def _page_clues(
    before: PageShape, after: PageShape, page: int, number: int, total: int, producer: str | None
) -> list[Clue]:
    old_words, old_ops = before
    new_words, new_ops = after
    old_keys = {_key(w) for w in old_words}
    new_keys = {_key(w) for w in new_words}
    added = [w for w in new_words if _key(w) not in old_keys]
    removed = [w for w in old_words if _key(w) not in new_keys]
    old_op_set = set(old_ops)
    drawn = [op[1] for op in new_ops if op not in old_op_set]
    seeds: list[Rect] = [w[:4] for w in added + removed] + [
        (float(r[0]), float(r[1]), float(r[2]), float(r[3])) for r in drawn
    ]
    regions = merge_near(seeds)
    if len(regions) > _MAX_REGIONS_PER_PAGE:
        return [
            Clue(
                check="revision.page_rewritten",
                category="revision",
                severity="high",
                summary=(
                    f"Page {page} was largely rewritten in revision {number} of {total}"
                    f" ({len(regions)} changed places)"
                ),
                page=page,
                values={"revision": number, "regions": len(regions)},
            )
        ]
    clues = []
    for region in regions:
        old_text = " ".join(w[4] for w in words_in(old_words, region))
        shown = words_in(added, region) or words_in(new_words, region)
        new_text = " ".join(w[4] for w in shown)
        if old_text == new_text and not drawn:
            continue
        label = label_for(new_words, region) or label_for(old_words, region)
        clues.append(_region_clue(region, page, number, total, old_text, new_text, label, producer))
    return clues


def _region_clue(
    region: Rect,
    page: int,
    number: int,
    total: int,
    old_text: str,
    new_text: str,
    label: str | None,
    producer: str | None,
) -> Clue:
    old_plain, new_plain = plain_figure(old_text), plain_figure(new_text)
    where = f" ({label})" if label else ""
    by = f", saved by {producer}" if producer else ""
    if old_text and old_text != new_text:
        summary = (
            f"Revision {number - 1} of {total} said {old_plain} where revision {number} of"
            f" {total} shows {new_plain or 'nothing'}{where}{by}"
        )
    elif old_text:
        summary = f"Drawing changed over {old_plain} in revision {number} of {total}{where}{by}"
    else:
        summary = f"Revision {number} of {total} added {new_plain or 'a drawing'}{where}{by}"
    figures = has_digits(old_text) or has_digits(new_text)
    return Clue(
        check="revision.changed_text",
        category="revision",
        severity="high" if figures and old_text != new_text else "medium",
        summary=summary,
        page=page,
        rects=(region,),
        values={
            "before": old_text or None,
            "after": new_text or None,
            "field": label,
            "from_revision": number - 1,
            "to_revision": number,
            "revisions": total,
            "saved_by": producer,
        },
        hidden_text=old_text or None,
    )
