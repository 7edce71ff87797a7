"""Placing risk signals on generated documents: rectangles over the right text, or a reason."""

from __future__ import annotations

import pymupdf
import pytest

from reviewer.documents.locate import (
    NOTE_NO_TEXT_LAYER,
    NOTE_NO_VALUE,
    NOTE_NOT_FOUND,
    NOTE_OUT_OF_RANGE,
    NOTE_UNREADABLE,
    NOTE_WHOLE_DOCUMENT,
    SignalQuery,
    locate_signals,
)
from tests.documents.corpus import pay_stub, png_photo


def text_under(data: bytes, page: int, rect: tuple[float, float, float, float]) -> str:
    doc = pymupdf.open("pdf", data)
    return doc[page - 1].get_textbox(pymupdf.Rect(rect)).strip()


def query(key: int = 1, page: int | None = 1, **kw: str | None) -> SignalQuery:
    values: dict[str, str | None] = {"field": None, "expected_value": None, "actual_value": None}
    values.update(kw)
    return SignalQuery(key=key, page_number=page, **values)  # type: ignore[arg-type]


def test_expected_value_found_in_its_printed_form() -> None:
    data = pay_stub()
    (located,) = locate_signals(data, [query(expected_value="2441.17", field="net_pay")])
    assert located.found_by == "expected_value"
    assert located.page == 1
    assert located.note is None
    assert len(located.rects) == 1
    assert text_under(data, 1, located.rects[0]) == "$2,441.17"
    x0, y0, x1, y1 = located.rects[0]
    # origin top-left: the value printed 140 pt from the top sits just above y=140
    assert 300 <= x0 < x1
    assert y0 < 140 < y1 + 5
    assert y1 < 160


def test_falls_back_to_actual_value_then_field_label() -> None:
    data = pay_stub()
    by_actual, by_label, nothing = locate_signals(
        data,
        [
            query(1, expected_value="9999.99", actual_value="3120"),
            query(2, expected_value="9999.99", actual_value="1.23", field="net_pay"),
            query(3, expected_value="9999.99", field="routing_number"),
        ],
    )
    assert by_actual.found_by == "actual_value"
    assert text_under(data, 1, by_actual.rects[0]) == "$3,120.00"
    assert by_label.found_by == "field_label"
    assert text_under(data, 1, by_label.rects[0]) == "Net Pay"
    assert nothing.rects == []
    assert nothing.note == NOTE_NOT_FOUND
    assert nothing.page == 1


def test_whole_words_only() -> None:
    # "441.17" is inside "$2,441.17" but is not what is printed
    (located,) = locate_signals(pay_stub(), [query(expected_value="441.17")])
    assert located.rects == []
    assert located.note == NOTE_NOT_FOUND


def test_dates_match_their_printed_form() -> None:
    data = pay_stub()
    (located,) = locate_signals(data, [query(expected_value="2024-01-15", field="pay_date")])
    assert located.found_by == "expected_value"
    assert text_under(data, 1, located.rects[0]) == "01/15/2024"


@pytest.mark.parametrize(
    ("page", "note"),
    [
        (0, NOTE_WHOLE_DOCUMENT),
        (None, NOTE_WHOLE_DOCUMENT),
        (3, NOTE_OUT_OF_RANGE),
        (-1, NOTE_OUT_OF_RANGE),
    ],
)
def test_signals_that_cannot_be_placed_are_kept_with_a_reason(page: int | None, note: str) -> None:
    (located,) = locate_signals(pay_stub(pages=2), [query(7, page, expected_value="2441.17")])
    assert located.key == 7
    assert located.rects == []
    assert located.note == note


def test_query_without_values() -> None:
    (located,) = locate_signals(pay_stub(), [query(page=1)])
    assert located.note == NOTE_NO_VALUE


def test_image_has_no_text_layer() -> None:
    (located,) = locate_signals(png_photo(), [query(expected_value="2441.17")])
    assert located.rects == []
    assert located.note == NOTE_NO_TEXT_LAYER


def test_unreadable_document_keeps_every_signal() -> None:
    results = locate_signals(b"not a document", [query(1), query(2, page=0)])
    assert [(r.key, r.note) for r in results] == [(1, NOTE_UNREADABLE), (2, NOTE_UNREADABLE)]


def test_many_queries_keep_their_order_and_keys() -> None:
    queries = [query(k, page=1 + k % 2, expected_value="2441.17") for k in range(10)]
    results = locate_signals(pay_stub(), queries)
    assert [r.key for r in results] == list(range(10))
    assert all((r.found_by is not None) == (r.page == 1) for r in results)
