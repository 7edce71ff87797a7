"""Placing Plaid's risk signals on the page (reviewer/ARCHITECTURE.md "Highlights").

Plaid gives a page number (1-based; 0 means the whole document), a field name and two values,
never coordinates. For each signal the page's words are searched for the expected value in its
printed forms, then the actual value, then the field's printed label; the first that matches
gives the rectangles and `found_by` records which it was. A signal that cannot be placed comes
back with no rectangle and a `note` saying why, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pymupdf

from reviewer.documents._open import DocumentSource, open_document
from reviewer.documents.forms import field_labels, form_tiers, printed_forms
from reviewer.documents.pagetext import PageText
from reviewer.documents.results import LocatedSignal, Rect, SignalQuery

__all__ = [
    "NOTE_NOT_FOUND",
    "NOTE_NO_TEXT_LAYER",
    "NOTE_NO_VALUE",
    "NOTE_OUT_OF_RANGE",
    "NOTE_UNREADABLE",
    "NOTE_WHOLE_DOCUMENT",
    "LocatedSignal",
    "SignalQuery",
    "locate_in_document",
    "locate_signals",
    "printed_forms",
]

NOTE_WHOLE_DOCUMENT = "whole document"
NOTE_OUT_OF_RANGE = "page out of range"
NOTE_NO_TEXT_LAYER = "no text layer: values cannot be located without OCR"
NOTE_NOT_FOUND = "not found on page"
NOTE_NO_VALUE = "no value or field to search for"
NOTE_UNREADABLE = "document cannot be read"


def locate_signals(source: DocumentSource, queries: list[SignalQuery]) -> list[LocatedSignal]:
    """Locate every query in the document at `source` (a path or bytes), in query order.

    Never raises on a bad document: each query then carries a note.
    """
    try:
        doc = open_document(source)
    except Exception:  # noqa: BLE001 - unsupported type or any MuPDF error on hostile input
        return [LocatedSignal(q.key, note=NOTE_UNREADABLE) for q in queries]
    with doc:
        if doc.needs_pass:
            return [LocatedSignal(q.key, note="password protected") for q in queries]
        pages: dict[int, PageText | None] = {}

        def page_text(index: int) -> PageText | None:
            if index not in pages:
                try:
                    pages[index] = PageText(doc[index])
                except Exception:  # noqa: BLE001 - a damaged page
                    pages[index] = None
            return pages[index]

        return locate_in_document(doc, queries, page_text)


def locate_in_document(
    doc: pymupdf.Document,
    queries: list[SignalQuery],
    page_text: Callable[[int], PageText | None],
) -> list[LocatedSignal]:
    """Locate queries in an open document, taking page texts from `page_text(index)`.

    The worker passes its own cache of PageText objects here, so a page already searched for
    Ctrl+F is not extracted again.
    """
    page_count = doc.page_count
    results: list[LocatedSignal] = []
    for query in queries:
        number = query.page_number
        if not number:
            results.append(LocatedSignal(query.key, note=NOTE_WHOLE_DOCUMENT))
            continue
        if number < 0 or number > page_count:
            results.append(LocatedSignal(query.key, page=number, note=NOTE_OUT_OF_RANGE))
            continue
        text = page_text(number - 1)
        if text is None:
            results.append(LocatedSignal(query.key, page=number, note=NOTE_UNREADABLE))
        elif not text.has_text:
            results.append(LocatedSignal(query.key, page=number, note=NOTE_NO_TEXT_LAYER))
        else:
            results.append(_locate_on_page(query, number, text))
    return results


def _locate_on_page(query: SignalQuery, number: int, text: PageText) -> LocatedSignal:
    candidates: list[tuple[str, list[list[str]]]] = []
    for found_by, value in (
        ("expected_value", query.expected_value),
        ("actual_value", query.actual_value),
    ):
        if value and value.strip():
            candidates.append((found_by, form_tiers(value)))
    if query.field and query.field.strip():
        # a label is tried one candidate at a time: "Net Pay" before the vaguer "Net Amount"
        candidates.append(("field_label", [[label] for label in field_labels(query.field)]))
    if not candidates:
        return LocatedSignal(query.key, page=number, note=NOTE_NO_VALUE)
    for found_by, tiers in candidates:
        for forms in tiers:
            rects = _dedupe_rects(r for form in forms for r in text.find_phrase(form))
            if rects:
                return LocatedSignal(query.key, rects=rects, page=number, found_by=found_by)
    return LocatedSignal(query.key, page=number, note=NOTE_NOT_FOUND)


def _dedupe_rects(rects: Iterable[Rect]) -> list[Rect]:
    seen: dict[tuple[float, ...], Rect] = {}
    for rect in rects:
        seen.setdefault(tuple(round(v, 2) for v in rect), rect)
    return list(seen.values())
