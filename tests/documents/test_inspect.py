"""Document facts and problems in plain words, for ordinary and hostile files (in process)."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from reviewer.documents.inspect import inspect_document
from tests.documents import corpus


def test_ordinary_pdf(tmp_path: Path) -> None:
    path = tmp_path / "stub"  # content-addressed files have no extension
    path.write_bytes(corpus.pay_stub(pages=3))
    info = inspect_document(path)
    assert info.page_count == 3
    assert info.pages_with_text == [True, True, True]
    assert not info.repaired
    assert not info.encrypted
    assert info.problem is None


def test_image_is_a_one_page_document_without_text() -> None:
    info = inspect_document(corpus.png_photo())
    assert info.page_count == 1
    assert info.pages_with_text == [False]
    assert info.problem is None


def test_truncated_pdf_opens_repaired() -> None:
    info = inspect_document(corpus.truncated_pdf())
    assert info.repaired
    assert info.page_count


def test_garbled_xref_opens_repaired() -> None:
    info = inspect_document(corpus.garbled_xref_pdf())
    assert info.repaired
    assert info.page_count == 2


def test_password_protected() -> None:
    info = inspect_document(corpus.encrypted_pdf())
    assert info.needs_password
    assert info.encrypted
    assert info.problem == "password protected"
    assert info.page_count is None


def test_garbage_and_unsupported_types_never_raise(tmp_path: Path) -> None:
    assert inspect_document(b"%PDF-1.4 garbage").problem == "corrupt PDF: cannot be opened"
    assert inspect_document(b"\x89PNG\r\n\x1a\nbroken").problem == "corrupt image: cannot be opened"
    assert inspect_document(b"hello").problem == "unsupported type (application/octet-stream)"
    missing = inspect_document(tmp_path / "missing.pdf")
    assert missing.problem is not None
    assert "cannot read file" in missing.problem


def test_empty_pdf_has_a_problem() -> None:
    # a page tree with no pages: opens, but there is nothing to show
    data = corpus._raw_pdf(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    )
    info = inspect_document(data)
    assert info.page_count == 0
    assert info.problem == "empty document (no pages)"


def test_page_sizes_read_from_the_page_tree_match_the_loaded_pages(tmp_path: Path) -> None:
    # the viewer lays pages out from these sizes: rotation and crop boxes must count
    from reviewer.documents.facts import page_sizes

    doc = pymupdf.open()
    doc.new_page(width=612, height=792).set_rotation(90)
    doc.new_page(width=500, height=700).set_cropbox(pymupdf.Rect(10, 20, 300, 400))
    turned = doc.new_page(width=842, height=595)
    turned.set_rotation(270)
    turned.set_cropbox(pymupdf.Rect(50, 50, 600, 500))
    doc.new_page(width=612, height=792).set_rotation(180)
    doc.save(tmp_path / "mixed.pdf")
    reopened = pymupdf.open(tmp_path / "mixed.pdf")
    assert page_sizes(reopened) == [(p.rect.width, p.rect.height) for p in reopened]
    assert page_sizes(reopened)[:3] == [(792.0, 612.0), (290.0, 380.0), (450.0, 550.0)]
