"""The viewer with a real documents worker: highlights on their text, click-through, badges."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest

from reviewer.review.case_model import DocumentRecord, Location, SignalRecord
from reviewer.ui.tasks import TaskRunner
from reviewer.ui.viewer.pane import NO_TEXT, DocumentPane
from reviewer.ui.viewer.renderer import DocumentRenderer
from tests.documents import corpus

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


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


def _doc(path: Path | None, problem: str | None = None) -> DocumentRecord:
    return DocumentRecord(
        "doc-1",
        None,
        "PAYSLIP",
        "stub.pdf",
        "e",
        str(path) if path else None,
        "ab" if path else None,
        None,
        problem,
        risk_score=70.0,
    )


def _net_pay_rect(path: Path) -> tuple[float, float, float, float]:
    r = pymupdf.open(path, filetype="pdf")[0].search_for("$2,441.17")[0]
    return (r.x0, r.y0, r.x1, r.y1)


def _open(qtbot, pane: DocumentPane, path: Path, sigs: list[SignalRecord], page: int = 1) -> None:
    with qtbot.waitSignal(pane.target_painted, timeout=30000):
        pane.show_document(_doc(path), path, sigs, page)


def _signals(path: Path) -> list[SignalRecord]:
    rect = _net_pay_rect(path)
    edited = SignalRecord(
        ["doc-1"],
        70.0,
        "EDITED_TEXT",
        "net_pay",
        True,
        "2441.17",
        "1,998.00",
        "Net pay was edited",
        1,
        [Location("doc-1", 1, rect, "expected_value")],
    )
    passed = SignalRecord(["doc-1"], 70.0, "FONT", "employer_name", False, None, None, None, 2)
    unplaced = SignalRecord(
        ["doc-1"],
        70.0,
        "MALFORMED_DATE",
        "pay_date",
        True,
        "13/45/2024",
        None,
        None,
        2,
        location_note="no match",
    )
    return [edited, passed, unplaced]


def test_click_through_and_zoom_keep_the_rectangle_on_its_text(qtbot, pane, tmp_path) -> None:
    path = tmp_path / "stub"
    path.write_bytes(corpus.pay_stub(pages=3))
    sigs = _signals(path)
    _open(qtbot, pane, path, sigs)
    assert pane.pages.has_page()
    assert "Risk 70/100, higher is riskier" in pane.risk.score.text()
    (rect,) = pane.pages.widget_rects(0)
    tip = pane.pages.tooltip_at(rect.center().x(), rect.center().y())
    assert tip is not None and "Edited text" in tip and "difference +443.17" in tip
    # the rectangle sits over the printed value's box
    page_rect = pane.pages._page_rect(0)
    x0, y0, _x1, _y1 = _net_pay_rect(path)
    z = pane.pages.zoom
    assert rect.left() == pytest.approx(page_rect.x() + x0 * z - 2, abs=0.5)
    assert rect.top() == pytest.approx(page_rect.y() + y0 * z - 2, abs=0.5)
    width_before = rect.width()
    pane.pages.set_zoom(pane.pages.zoom * 2)
    (zoomed,) = pane.pages.widget_rects(0)
    page_rect = pane.pages._page_rect(0)
    assert zoomed.width() - 4 == pytest.approx((width_before - 4) * 2, rel=0.01)
    assert zoomed.left() == pytest.approx(page_rect.x() + x0 * pane.pages.zoom - 2, abs=0.5)

    # clicking the rectangle selects its signal; choosing a signal scrolls back to it
    qtbot.mouseClick(
        pane.pages.viewport(),
        pytest.importorskip("PySide6.QtCore").Qt.MouseButton.LeftButton,
        pos=zoomed.center().toPoint(),
    )
    assert pane.risk.current_signal() == 0
    pane.pages.scroll_to_page(3)
    assert pane.pages.current_page == 3
    pane.go_to_signal(0)
    assert pane.pages.current_page == 1
    assert pane.pages.viewport().rect().contains(pane.pages.widget_rects(0)[0].toRect())


def test_panel_groups_signals_and_badges_follow_signal_pages(qtbot, pane, tmp_path) -> None:
    path = tmp_path / "stub"
    path.write_bytes(corpus.pay_stub(pages=3))
    _open(qtbot, pane, path, _signals(path))
    groups = [
        pane.risk.tree.topLevelItem(i).text(0) for i in range(pane.risk.tree.topLevelItemCount())
    ]
    assert groups == ["High severity", "Low severity", "Checks that passed"]
    low = pane.risk.tree.topLevelItem(1).child(0).text(0)
    assert "location unknown: no match" in low
    assert set(pane.thumbs.badges) == {1, 2}  # placed signal page 1, unplaced fraud signal page 2
    qtbot.waitUntil(lambda: not pane.thumbs.item(0).icon().isNull(), timeout=20000)
    pane.step(1)
    assert pane.risk.current_signal() == 0
    pane.step(1)
    assert pane.risk.current_signal() == 2


def test_search_finds_hits_per_page(qtbot, pane, tmp_path) -> None:
    path = tmp_path / "stub"
    path.write_bytes(corpus.pay_stub(pages=3))
    _open(qtbot, pane, path, [])
    pane.search.setText("pay statement")
    pane.run_search()
    qtbot.waitUntil(lambda: "hit" in pane.search_status.text(), timeout=20000)
    assert pane.search_status.text() == "3 hits on 3 pages"


@pytest.mark.parametrize(
    ("data", "words"),
    [(corpus.encrypted_pdf(), "password"), (b"%PDF-1.4\n garbage", "cannot be shown")],
)
def test_corrupt_and_encrypted_documents_show_a_message(qtbot, pane, tmp_path, data, words) -> None:
    path = tmp_path / "bad"
    path.write_bytes(data)
    with qtbot.waitSignal(pane.failed, timeout=30000) as blocker:
        pane.show_document(_doc(path), path, [], 1)
    assert words in blocker.args[0]
    assert words in (pane.pages.message or "")


def test_image_upload_opens_and_says_it_has_no_text_layer(qtbot, pane, tmp_path) -> None:
    path = tmp_path / "photo"
    path.write_bytes(corpus.png_photo())
    _open(qtbot, pane, path, [])
    # the text layer is read after the first page is painted
    qtbot.waitUntil(lambda: pane.pages.page_notes == {0: NO_TEXT}, timeout=20000)


def _bare_rgb(path: Path, index: int, zoom: float) -> bytes:
    pix = pymupdf.open(path, filetype="pdf")[index].get_pixmap(
        matrix=pymupdf.Matrix(zoom, zoom), alpha=False
    )
    return bytes(pix.samples)


def _image_rgb(image) -> bytes:
    from PySide6.QtGui import QImage

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width = rgb.width() * 3
    row = rgb.bytesPerLine()
    data = bytes(rgb.constBits())
    return b"".join(data[y * row : y * row + width] for y in range(rgb.height()))


def test_pages_kept_on_screen_are_not_overwritten_by_later_renders(tmp_path: Path) -> None:
    # pages are drawn into shared memory and shown without a copy: a page still on screen
    # must keep its own pixels however many pages are rendered after it
    path = tmp_path / "statement"
    doc = pymupdf.open()
    for number in range(6):
        doc.new_page(width=300, height=400).insert_text((40, 60 + number * 40), f"Page {number}")
    doc.save(path)
    renderer = DocumentRenderer()
    try:
        kept, _size = renderer.render(path, 0, 1.5)
        for index in range(1, 6):
            renderer.render(path, index, 1.5)  # dropped at once: its block is reused
        assert _image_rgb(kept) == _bare_rgb(path, 0, 1.5)
        pool = renderer._pool
        # the dropped pages went back to the pool, one block serving them all: two, not six
        assert pool.blocks_held == 2
    finally:
        renderer.close()
    assert _image_rgb(kept) == _bare_rgb(path, 0, 1.5)  # still readable after the worker went


def test_a_document_opens_on_the_gui_thread_when_the_worker_is_free(
    qtbot, pane: DocumentPane, tmp_path: Path
) -> None:
    # the first page is answered through a socket notifier, with no task thread in between;
    # the worker is then free again for the thumbnails and facts that follow
    from reviewer.review.page_fit import PageFit

    renderer = pane._renderer
    renderer._get().start()
    stub = tmp_path / "stub"
    stub.write_bytes(corpus.pay_stub())
    answered: list[tuple] = []
    fit = PageFit("width", (800, 600), 1.0, 1.0)
    assert renderer.open_soon(stub, 2, fit, answered.append, pytest.fail)
    assert not renderer.open_soon(stub, 1, fit, answered.append, pytest.fail)  # busy now
    qtbot.waitUntil(lambda: bool(answered), timeout=20000)
    layout, index, zoom, image = answered[0]
    assert (index, len(layout.page_sizes)) == (1, 2)
    assert image.width() == pytest.approx(612 * zoom, abs=1)
    assert "Net Pay" in renderer.page_text(stub, 0)  # the worker was handed back


def test_an_unreadable_document_opened_on_the_gui_thread_says_why(
    qtbot, pane: DocumentPane, tmp_path: Path
) -> None:
    pane._renderer._get().start()
    path = tmp_path / "garbage"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    with qtbot.waitSignal(pane.failed, timeout=30000) as failed:
        pane.show_document(_doc(path), path, [], 1)
    assert "cannot be shown" in failed.args[0]
    stub = tmp_path / "stub"
    stub.write_bytes(corpus.pay_stub())
    assert "Net Pay" in pane._renderer.page_text(stub, 0)  # the worker was handed back


def test_a_worker_too_slow_for_the_gui_thread_open_is_stopped_with_a_message(
    qtbot, tmp_path: Path
) -> None:
    from reviewer.review.documents_access import WorkerTimeout
    from reviewer.review.page_fit import PageFit

    renderer = DocumentRenderer()
    try:
        worker = renderer._get()
        worker.start()
        first_pid = worker.pid
        worker.timeout_s = 0.0  # any answer is too late
        stub = tmp_path / "stub"
        stub.write_bytes(corpus.pay_stub())
        errors: list[BaseException] = []
        fit = PageFit("width", (800, 600), 1.0, 1.0)
        assert renderer.open_soon(stub, 1, fit, pytest.fail, errors.append)
        qtbot.waitUntil(lambda: bool(errors), timeout=10000)
        assert isinstance(errors[0], WorkerTimeout)
        assert worker.pid is None  # stopped, and handed back: the next request restarts it
        worker.timeout_s = 20.0
        assert "Net Pay" in renderer.page_text(stub, 0)
        assert worker.pid not in (None, first_pid)
    finally:
        renderer.close()
