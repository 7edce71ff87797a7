"""A long document with pages of mixed sizes: the flagged page first, on a guessed layout.

The worker sizes only the page opened at when a document is long (sizing 300 pages cost more
than rendering the page); the real sizes follow once the page is painted. These tests take
a hostile mix (letter, landscape A3 twice as wide, short receipts) and check that the guess
is corrected without losing the page being read, and that scrolling, thumbnails, highlights
and page numbers are right for every size afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import Qt

from reviewer.documents._child import EXACT_LAYOUT_PAGES
from reviewer.review.case_model import DocumentRecord, Location, SignalRecord
from reviewer.ui.tasks import TaskRunner
from reviewer.ui.viewer.pane import DocumentPane
from reviewer.ui.viewer.renderer import DocumentRenderer

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

PAGES = 90
FLAGGED = 77  # 1-based; a letter page, after wider and shorter ones
WIDE = {10, 40, 88}  # landscape A3: the widest pages decide a fit-width zoom
SHORT = {5, 41, 76}  # receipts: half a letter page high


def _size(page: int) -> tuple[float, float]:
    if page in WIDE:
        return (1191.0, 842.0)
    if page in SHORT:
        return (612.0, 396.0)
    return (612.0, 792.0)


def _mixed_pdf(path: Path) -> tuple[float, float, float, float]:
    """The mixed document, each page saying its number; the flagged figure's rectangle."""
    doc = pymupdf.open()
    for page in range(1, PAGES + 1):
        width, height = _size(page)
        new = doc.new_page(width=width, height=height)
        new.insert_text((72, 72), f"Page {page} of {PAGES}", fontsize=14)
        new.insert_text((width - 200, height - 60), f"Balance {page},000.00", fontsize=11)
    path.write_bytes(doc.tobytes())
    box = pymupdf.open(path)[FLAGGED - 1].search_for(f"{FLAGGED},000.00")[0]
    return (box.x0, box.y0, box.x1, box.y1)


def _record() -> DocumentRecord:
    return DocumentRecord(
        "long-1", None, "BANK_STATEMENT", "long.pdf", "e", "x", "ab", None, None, risk_score=80.0
    )


def _signals(rect: tuple[float, float, float, float]) -> list[SignalRecord]:
    wide_rect = (400.0, 300.0, 700.0, 340.0)
    return [
        SignalRecord(
            ["long-1"], 80.0, "EDITED_TEXT", "balance", True, f"{FLAGGED},000.00", "1.00",
            "Balance edited", FLAGGED, [Location("long-1", FLAGGED, rect, "expected_value")],
        ),
        SignalRecord(
            ["long-1"], 80.0, "OVERLAID_TEXT", "deposit", True, None, None, "Overlaid", 40,
            [Location("long-1", 40, wide_rect, "expected_value")],
        ),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def renderer() -> Iterator[DocumentRenderer]:
    r = DocumentRenderer()
    yield r
    r.close()


@pytest.fixture
def pane(qtbot, renderer: DocumentRenderer) -> Iterator[DocumentPane]:
    runner = TaskRunner()
    p = DocumentPane(runner, renderer)
    p.resize(1200, 800)
    qtbot.addWidget(p)
    p.show()
    yield p
    runner.shutdown()


def _page_at_centre(pane: DocumentPane) -> int:
    """The 1-based page drawn across the middle of the view."""
    middle = pane.pages.viewport().height() / 2
    for index in pane.pages.visible_pages():
        rect = pane.pages.page_rect(index)
        if rect.top() <= middle <= rect.bottom():
            return index + 1
    return 0


def _opened(qtbot, pane: DocumentPane, tmp_path: Path) -> tuple[Path, list[SignalRecord]]:
    path = tmp_path / "long.pdf"
    signals = _signals(_mixed_pdf(path))
    seen: dict[str, object] = {}

    def painted(page: int) -> None:  # what the view knew when the flagged page went up
        seen["page"], seen["sizes"] = page, list(pane.pages.base_sizes)

    pane.target_painted.connect(painted)
    with qtbot.waitSignal(pane.target_painted, timeout=30000):
        pane.show_document(_record(), path, signals, FLAGGED)
    pane.target_painted.disconnect(painted)
    assert seen["page"] == FLAGGED
    # painted on the guess: every page the flagged page's size, the real ones not asked yet
    assert seen["sizes"] == [_size(FLAGGED)] * PAGES
    return path, signals


def test_the_flagged_page_is_painted_first_and_the_guess_corrected_in_place(
    qtbot, pane, tmp_path
) -> None:
    assert PAGES > EXACT_LAYOUT_PAGES  # the long document's path, not the short one's
    _opened(qtbot, pane, tmp_path)
    guessed_zoom = pane.pages.zoom
    (field,) = pane.pages.widget_rects(0)
    assert pane.pages.viewport().rect().contains(field.toRect())
    real = [_size(page) for page in range(1, PAGES + 1)]
    qtbot.waitUntil(lambda: pane.pages.base_sizes == real, timeout=20000)
    # fit width now fits the A3 pages: smaller, and the flagged page rendered again at it
    assert pane.pages.zoom < guessed_zoom
    qtbot.waitUntil(lambda: FLAGGED - 1 in _rendered(pane), timeout=20000)
    # the view stayed on the flagged field: same page in the middle, the box on screen
    assert _page_at_centre(pane) == FLAGGED
    assert pane.page_box.value() == FLAGGED
    (field,) = pane.pages.widget_rects(0)
    assert pane.pages.viewport().rect().contains(field.toRect())
    assert abs(field.center().y() - pane.pages.viewport().height() / 2) < 60


def _rendered(pane: DocumentPane) -> set[int]:
    """0-based pages with an image at the view's current zoom."""
    return {i for i in range(pane.pages.page_count()) if pane._image_for(i) is not None}


def test_mixed_sizes_scroll_thumbnails_highlights_and_page_numbers(qtbot, pane, tmp_path) -> None:
    _opened(qtbot, pane, tmp_path)
    real = [_size(page) for page in range(1, PAGES + 1)]
    qtbot.waitUntil(lambda: pane.pages.base_sizes == real, timeout=20000)
    # every thumbnail arrives (in batches), each with its page's shape
    strip = pane.thumbs
    assert strip.count() == PAGES
    qtbot.waitUntil(
        lambda: all(not strip.item(i).icon().isNull() for i in range(PAGES)), timeout=60000
    )
    for page in (5, 10, FLAGGED):
        icon = strip.item(page - 1).icon().availableSizes()[0]
        width, height = _size(page)
        assert icon.width() / icon.height() == pytest.approx(width / height, rel=0.05)

    # a click on a wide page's thumbnail goes there; the page is drawn at its own size
    strip.scrollToItem(strip.item(39))
    cell = strip.visualItemRect(strip.item(39))
    qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    qtbot.waitUntil(lambda: pane.page_box.value() == 40, timeout=5000)
    zoom = pane.pages.zoom
    drawn = pane.pages.page_rect(39)
    assert (drawn.width(), drawn.height()) == pytest.approx((1191.0 * zoom, 842.0 * zoom))
    # its highlight sits on it, where the rectangle says
    (box,) = pane.pages.widget_rects(1)
    assert box.left() == pytest.approx(drawn.x() + 400 * zoom - 2, abs=0.5)
    assert box.top() == pytest.approx(drawn.y() + 300 * zoom - 2, abs=0.5)
    qtbot.waitUntil(lambda: 39 in _rendered(pane), timeout=20000)
    image = pane._image_for(39)
    assert image is not None
    assert image.width() / image.height() == pytest.approx(1191 / 842, rel=0.01)

    # pages follow one another without overlap or gaps of the wrong size
    tops = [pane.pages.page_rect(i).top() for i in range(PAGES)]
    heights = [pane.pages.page_rect(i).height() for i in range(PAGES)]
    for i in range(PAGES - 1):
        assert tops[i + 1] - tops[i] == pytest.approx(heights[i] + 12, abs=0.01)

    # typing a page number goes to a short page; Page Down scrolls on through the mix
    box_edit = pane.page_box
    box_edit.setFocus()
    box_edit.selectAll()
    qtbot.keyClicks(box_edit, "41")
    qtbot.keyClick(box_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pane.pages.current_page == 41, timeout=5000)
    assert pane.page_box.value() == 41
    pane.pages.setFocus()
    pages_seen = []
    for _ in range(12):
        qtbot.keyClick(pane.pages, Qt.Key.Key_PageDown)
        pages_seen.append(pane.pages.current_page)
        assert pane.page_box.value() == pane.pages.current_page
        assert strip.currentRow() == pane.pages.current_page - 1
    assert pages_seen == sorted(pages_seen) and pages_seen[-1] > 41


def test_a_short_document_is_sized_whole_at_once(qtbot, pane, tmp_path) -> None:
    doc = pymupdf.open()
    for page in range(1, 7):
        doc.new_page(width=_size(page * 5)[0], height=_size(page * 5)[1])
    path = tmp_path / "short.pdf"
    path.write_bytes(doc.tobytes())
    with qtbot.waitSignal(pane.target_painted, timeout=30000):
        pane.show_document(_record(), path, [], 2)
    assert pane.pages.base_sizes == [_size(page * 5) for page in range(1, 7)]
