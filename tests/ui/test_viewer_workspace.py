"""Issue 17 in the viewer: labels never cover evidence, one key hides every mark, the page
being read survives a resize, each document keeps its own zoom and opens on its flagged field."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import QRectF, Qt

from reviewer.review.case_model import DocumentRecord, Location, SignalRecord
from reviewer.ui.viewer.tags import placed_tags
from tests.documents import corpus
from tests.ui.test_viewer import pane, renderer

__all__ = ["pane", "renderer"]

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _doc(path: Path, doc_id: str = "doc-1") -> DocumentRecord:
    return DocumentRecord(
        doc_id, None, "PAYSTUB", f"{doc_id}.pdf", "e", str(path), "ab", None, None, risk_score=70.0
    )


def _employee_block(tmp_path: Path) -> Path:
    """A pay stub line where the flagged labels have evidence printed right after them."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((72, 100), "SSN: 123-45-6789  Marital Status: Single  Net Pay $2,441.17")
    page.insert_text((72, 116), "Withdrawal 04/02 Transfer to savings 9,870.00 Balance 112.40")
    path = tmp_path / "employee.pdf"
    path.write_bytes(doc.tobytes())
    return path


def _signal(kind: str, field: str, rect: tuple[float, float, float, float], doc_id: str = "doc-1"):
    return SignalRecord(
        [doc_id],
        70.0,
        kind,
        field,
        True,
        None,
        None,
        None,
        1,
        [Location(doc_id, 1, rect, "field_label")],
    )


def _open(qtbot, pane, path: Path, sigs, doc_id: str = "doc-1", page: int = 1) -> None:
    with qtbot.waitSignal(pane.target_painted, timeout=30000):
        pane.show_document(_doc(path, doc_id), path, sigs, page)


def _word_rects(pane, path: Path) -> list[QRectF]:
    """Every printed word of page 1, where it is drawn in the viewport."""
    page, z = pane.pages.page_rect(0), pane.pages.zoom
    words = pymupdf.open(path)[0].get_text("words")
    return [
        QRectF(page.x() + w[0] * z, page.y() + w[1] * z, (w[2] - w[0]) * z, (w[3] - w[1]) * z)
        for w in words
    ]


def test_tags_sit_in_the_margin_and_never_cover_printed_text(qtbot, pane, tmp_path) -> None:
    path = _employee_block(tmp_path)
    page = pymupdf.open(path)[0]
    ssn, marital = page.search_for("SSN:")[0], page.search_for("Marital")[0]
    withdrawal = page.search_for("Transfer")[0]
    sigs = [
        _signal("MASKING", "ssn", tuple(ssn)),
        _signal("EDITED_TEXT", "ssn", tuple(ssn)),
        _signal("MASKING", "marital_status", tuple(marital)),
        _signal("OVERLAID_TEXT", "withdrawal", tuple(withdrawal)),
    ]
    _open(qtbot, pane, path, sigs)
    tags = placed_tags(pane.pages)
    assert len(tags) == 3  # the SSN's two signals share one label
    words = _word_rects(pane, path)
    page_box = pane.pages.page_rect(0)
    for tag in tags:
        assert not tag.box.intersects(page_box), f"{tag.text} is drawn over the page"
        covered = [w for w in words if w.intersects(tag.box)]
        assert not covered, f"{tag.text} covers printed text"
        assert tag.box.left() >= page_box.right()  # in the margin, joined by a leader line
        assert tag.box.right() <= pane.pages.viewport().width()  # and on screen
    for upper, lower in pairwise(tags):
        assert not upper.box.intersects(lower.box)


def test_one_key_hides_every_box_and_tag_and_the_page_regains_the_room(
    qtbot, pane, tmp_path
) -> None:
    path = _employee_block(tmp_path)
    ssn = pymupdf.open(path)[0].search_for("SSN:")[0]
    _open(qtbot, pane, path, [_signal("MASKING", "ssn", tuple(ssn))])
    zoom_with_tags = pane.pages.zoom
    assert placed_tags(pane.pages)
    pane.pages.setFocus()
    qtbot.keyClick(pane.pages, Qt.Key.Key_H)
    assert not pane.pages.marks_visible and placed_tags(pane.pages) == []
    assert pane.pages.zoom > zoom_with_tags  # fit width: the tag column is given to the page
    centre = pane.pages.page_rect(0).center()
    assert pane.pages.tooltip_at(centre.x(), centre.y()) is None
    qtbot.keyClick(pane.pages, Qt.Key.Key_H)
    assert pane.pages.marks_visible and placed_tags(pane.pages)
    assert pane.marks_action.isChecked()


def test_resizing_keeps_the_page_being_read(qtbot, pane, tmp_path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(corpus.pay_stub(pages=20))
    _open(qtbot, pane, path, [], page=17)
    assert pane.pages.current_page == 17
    for width, height in ((700, 800), (1400, 700), (900, 500), (1200, 800)):
        pane.resize(width, height)
        qtbot.waitUntil(lambda w=width: pane.width() == w, timeout=5000)
        assert pane.pages.current_page == 17, f"moved to page {pane.pages.current_page}"
        assert pane.page_box.value() == 17


def test_each_document_keeps_its_zoom_and_opens_on_its_flagged_field(qtbot, pane, tmp_path) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    first.write_bytes(corpus.pay_stub(pages=3))
    doc = pymupdf.open()
    for _ in range(3):
        doc.new_page(width=612, height=792)
    doc[2].insert_text((400, 700), "Withdrawal 9,870.00")
    second.write_bytes(doc.tobytes())
    _open(qtbot, pane, first, [], "doc-a")
    fitted = pane.pages.zoom
    for _ in range(3):
        qtbot.keyClick(pane.pages, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert pane.pages.zoom > fitted and pane.pages.fit is None
    rect = tuple(pymupdf.open(second)[2].search_for("9,870.00")[0])
    sig = _signal("OVERLAID_TEXT", "withdrawal", rect, "doc-b")
    sig = SignalRecord(
        sig.document_ids,
        70.0,
        sig.type,
        sig.field,
        True,
        None,
        None,
        None,
        3,
        [Location("doc-b", 3, rect, "expected_value")],
    )
    _open(qtbot, pane, second, [sig], "doc-b", page=3)
    assert pane.pages.fit == "width"  # not the zoom chosen for the other document
    (box,) = pane.pages.widget_rects(0)
    assert pane.pages.viewport().rect().contains(box.toRect())  # the flagged field is on screen
    zoomed = pane.pages.zoom
    _open(qtbot, pane, first, [], "doc-a")
    assert pane.pages.fit is None and pane.pages.zoom > zoomed


def test_the_page_box_moves_the_view_only_when_a_page_is_typed(qtbot, pane, tmp_path) -> None:
    """The statement opened on its flagged page 17 was sent back to page 1 when the page box
    merely lost the focus (editingFinished) while it still showed an older number."""
    path = tmp_path / "long.pdf"
    path.write_bytes(corpus.pay_stub(pages=20))
    _open(qtbot, pane, path, [], page=17)
    box = pane.page_box
    box.setFocus()
    box.blockSignals(True)
    box.setValue(1)  # what a stale box shows (set while the page count was still unknown)
    box.blockSignals(False)
    pane.search.setFocus()  # the box loses the focus: nothing was typed
    qtbot.waitUntil(lambda: not box.hasFocus(), timeout=2000)
    assert pane.pages.current_page == 17
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "5")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert pane.pages.current_page == 5
