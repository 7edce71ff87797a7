"""Viewer features a reviewer reaches for: rotate, copy text, whole-document banner, file type,
multi-document signals and document facts (issue 6), with a real documents worker."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from reviewer.review.case_model import SignalRecord
from tests.documents import corpus
from tests.ui.test_viewer import _doc, _net_pay_rect, _open, _signals, pane, renderer

__all__ = ["pane", "renderer"]  # fixtures shared with test_viewer

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _stub(tmp_path, pages: int = 2):
    path = tmp_path / "stub"
    path.write_bytes(corpus.pay_stub(pages=pages))
    return path


def test_rotate_turns_pages_and_highlights_follow(qtbot, pane, tmp_path) -> None:
    path = _stub(tmp_path)
    _open(qtbot, pane, path, _signals(path))
    width, height = pane.pages.sizes[0]
    pane.rotate()
    assert pane.pages.rotation == 90
    assert pane.pages.sizes[0] == (height, width)
    # the rectangle turns clockwise with the page: (x, y) -> (height - y, x)
    (rect,) = pane.pages.widget_rects(0)
    page = pane.pages.page_rect(0)
    x0, _y0, _x1, y1 = _net_pay_rect(path)
    z = pane.pages.zoom
    assert rect.left() == pytest.approx(page.x() + (height - y1) * z - 2, abs=0.5)
    assert rect.top() == pytest.approx(page.y() + x0 * z - 2, abs=0.5)
    # and the page is rendered turned: the cached image is as wide as the page is tall
    qtbot.waitUntil(lambda: pane._image_for(0) is not None, timeout=20000)
    image = pane._image_for(0)
    assert image is not None
    assert image.width() == pytest.approx(height * pane._key(0)[2], abs=2)
    for _ in range(3):
        pane.rotate()
    assert pane.pages.rotation == 0
    (back,) = pane.pages.widget_rects(0)
    z = pane.pages.zoom  # fit width: the zoom follows the turned width
    assert back.left() == pytest.approx(pane.pages.page_rect(0).x() + x0 * z - 2, abs=0.5)


def test_copy_text_puts_the_current_page_on_the_clipboard(qtbot, pane, tmp_path) -> None:
    path = _stub(tmp_path)
    _open(qtbot, pane, path, [])
    QGuiApplication.clipboard().setText("")
    pane.copy_page_text()
    qtbot.waitUntil(lambda: "Copied" in pane.search_status.text(), timeout=20000)
    assert "$2,441.17" in QGuiApplication.clipboard().text()


def test_whole_document_signals_show_a_banner(qtbot, pane, tmp_path) -> None:
    path = _stub(tmp_path)
    whole = SignalRecord(
        ["doc-1"], 80.0, "EDITED_METADATA", None, True, None, None, "Edited in Photoshop", 0
    )
    _open(qtbot, pane, path, [whole])
    assert not pane.banner.isHidden()
    assert "Whole document" in pane.banner.text()
    assert "Edited in Photoshop" in pane.banner.text()
    _open(qtbot, pane, path, _signals(path))
    assert pane.banner.isHidden()


def test_file_type_is_up_front_with_a_note_for_scans(qtbot, pane, tmp_path) -> None:
    path = _stub(tmp_path)
    with qtbot.waitSignal(pane.target_painted, timeout=30000):
        pane.show_document(replace(_doc(path), file_type="SCAN_OCR"), path, [], 1)
    lines = pane.risk.score.text().splitlines()
    assert "scan read by OCR" in lines[1] and "mean little" in lines[1]
    assert "SCAN_OCR" not in pane.risk.score.text()  # Plaid's code, said in words (issue 17)
    with qtbot.waitSignal(pane.target_painted, timeout=30000):
        pane.show_document(replace(_doc(path), file_type="TRUE_PDF"), path, [], 1)
    assert "meaningful" in pane.risk.score.text().splitlines()[1]


def test_multi_document_signal_opens_the_other_document(qtbot, pane, tmp_path) -> None:
    path = _stub(tmp_path)
    mismatch = SignalRecord(
        ["doc-1", "doc-2"], 60.0, "EMPLOYER_NAME_MISMATCH", "employer_name", True, "A", "B", None, 1
    )
    _open(qtbot, pane, path, [mismatch])
    assert pane.risk.open_other.isHidden()  # nothing selected yet
    pane.go_to_signal(0)
    assert not pane.risk.open_other.isHidden()
    # the button names the document; its id is only in the tooltip (issue 17 item 11)
    assert "doc-2" not in pane.risk.open_other.text()
    assert "doc-2" in pane.risk.open_other.toolTip()
    with qtbot.waitSignal(pane.other_document_requested, timeout=2000) as blocker:
        qtbot.mouseClick(pane.risk.open_other, Qt.MouseButton.LeftButton)
    assert blocker.args == ["doc-2"]


def test_document_facts_beside_the_panel(qtbot, pane, tmp_path) -> None:
    path = _stub(tmp_path)
    _open(qtbot, pane, path, [])
    qtbot.waitUntil(lambda: "Producer:" in pane.risk.facts.text(), timeout=20000)
    facts = pane.risk.facts.text()
    assert "File: PDF, 2 pages" in facts
    assert "Fonts:" in facts


def test_font_used_on_one_page_only_is_called_out() -> None:
    """A figure retyped in another font on one page of a statement stands out in the facts."""
    from reviewer.ui.viewer.facts_text import font_lines

    fonts = {p: ["Helvetica", "Helvetica-Bold"] for p in range(1, 33)}
    fonts[17] = ["Courier", "Helvetica", "Helvetica-Bold"]
    lines = font_lines(fonts)
    assert lines[0] == "Fonts: Helvetica, Helvetica-Bold (every page)"
    assert lines[1:] == ["Only on p. 17: Courier"]
    assert font_lines({}) == ["Fonts: none (no text layer)"]


def test_opening_at_a_flagged_page_shows_its_number_and_thumbnail(qtbot, pane, tmp_path) -> None:
    path = _stub(tmp_path, pages=12)
    _open(qtbot, pane, path, [], page=9)
    assert pane.pages.current_page == 9
    assert pane.page_box.value() == 9  # not clamped to the page count before it was known
    assert pane.thumbs.currentRow() == 8


def test_thumbnails_each_have_their_own_cell(qtbot, pane, tmp_path) -> None:
    path = _stub(tmp_path, pages=6)
    _open(qtbot, pane, path, [])
    qtbot.waitUntil(lambda: not pane.thumbs.item(5).icon().isNull(), timeout=20000)
    cells = [pane.thumbs.visualItemRect(pane.thumbs.item(i)) for i in range(6)]
    for upper, lower in pairwise(cells):
        assert upper.bottom() < lower.top()  # stacked, never drawn over each other
        assert upper.height() >= 120  # room for the whole page image


def test_several_signals_on_one_field_share_one_tag(qtbot, pane, tmp_path) -> None:
    from reviewer.ui.viewer.page_paint import field_tags

    path = _stub(tmp_path)
    edited = _signals(path)[0]
    font = replace(edited, type="FONT", signal_description="Font differs")
    _open(qtbot, pane, path, [edited, font])
    ((rect, _colour, text),) = field_tags(pane.pages)
    assert text == "Edited text +1"  # not two tags stacked over the page around the field
    assert rect == pane.pages.widget_rects(0)[0]
    tip = pane.pages.tooltip_at(rect.center().x(), rect.center().y())
    assert tip is not None
    assert "Edited" in tip
    assert "Font" in tip  # the tooltip names them all
