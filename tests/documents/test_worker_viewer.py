"""What the viewer asks of the worker: zero-copy renders, thumbnails, whole-document search, facts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest

from reviewer.documents.facts import pdf_date
from reviewer.documents.worker import DocumentError, DocumentWorker
from tests.documents import corpus
from tests.documents.test_worker import rgb_of


@pytest.fixture(scope="module")
def worker() -> Iterator[DocumentWorker]:
    with DocumentWorker(memory_limit_mb=1024, timeout_s=20) as w:
        yield w


def _statement(path: Path, pages: int = 5) -> Path:
    doc = pymupdf.open()
    for number in range(pages):
        page = doc.new_page(width=612, height=792)
        page.insert_text((50, 60), f"Statement page {number + 1}", fontname="helv")
        if number % 2:
            page.insert_text((50, 100), "Payroll deposit 2,441.17", fontname="cour")
    doc.set_metadata(
        {
            "producer": "Acme Bank Statements 3.1",
            "creator": "PhotoFix Pro",
            "creationDate": "D:20240131120000+01'00'",
            "modDate": "D:20240305080000Z",
        }
    )
    doc.save(path)
    return path


def test_rendered_view_matches_bare_render_without_copy(
    worker: DocumentWorker, tmp_path: Path
) -> None:
    path = tmp_path / "stub"
    path.write_bytes(corpus.pay_stub())
    expected = pymupdf.open(path, filetype="pdf")[0].get_pixmap(matrix=pymupdf.Matrix(1.5, 1.5))
    with worker.rendered(path, 0, 1.5) as page:
        assert isinstance(page.data, memoryview)
        assert (page.width, page.height) == (expected.width, expected.height)
        assert rgb_of(page) == expected.samples
    with pytest.raises(ValueError, match="released"):
        bytes(page.data)  # the loan ended with the block: stale pixels cannot be misused


def test_thumbnails_of_every_page_fit_the_box(worker: DocumentWorker, tmp_path: Path) -> None:
    path = _statement(tmp_path / "statement", pages=5)
    thumbs = worker.thumbnails(path, list(range(5)), max_side=120)
    assert [t.page_index for t in thumbs] == [0, 1, 2, 3, 4]
    for t in thumbs:
        assert max(t.width, t.height) <= 121
        assert len(t.data) == t.stride * t.height
        assert min(t.data) < 200  # dark text drawn, not a blank box


def test_search_document_reports_hits_per_page(worker: DocumentWorker, tmp_path: Path) -> None:
    path = _statement(tmp_path / "statement", pages=5)
    hits = worker.search_document(path, "2,441.17")
    assert sorted(hits) == [1, 3]
    x0, y0, x1, y1 = hits[1][0]
    assert 50 <= x0 < x1 and y0 < 100 < y1 + 5
    assert worker.search_document(path, "no such words") == {}


def test_facts_show_producer_dates_and_fonts(worker: DocumentWorker, tmp_path: Path) -> None:
    path = _statement(tmp_path / "statement", pages=3)
    facts = worker.facts(path)
    assert facts.file_kind == "PDF" and facts.page_count == 3
    assert facts.producer == "Acme Bank Statements 3.1"
    assert facts.creator == "PhotoFix Pro"
    assert facts.created == "2024-01-31 12:00:00 +01:00"
    assert facts.modified == "2024-03-05 08:00:00 UTC"
    assert facts.fonts_by_page[1] == ["Helvetica"]
    assert facts.fonts_by_page[2] == ["Courier", "Helvetica"]
    assert facts.page_sizes == [(612.0, 792.0)] * 3


def test_facts_of_an_image_and_of_a_password_protected_file(
    worker: DocumentWorker, tmp_path: Path
) -> None:
    photo = tmp_path / "photo"
    photo.write_bytes(corpus.png_photo())
    facts = worker.facts(photo)
    assert facts.file_kind != "PDF" and facts.pages_without_text == [1]
    locked = tmp_path / "locked"
    locked.write_bytes(corpus.encrypted_pdf())
    with pytest.raises(DocumentError, match="password"):
        worker.facts(locked)


def test_pdf_date_leaves_unparseable_values_alone() -> None:
    assert pdf_date(None) is None
    assert pdf_date("yesterday") == "yesterday"
    assert pdf_date("D:20240131") == "2024-01-31"
