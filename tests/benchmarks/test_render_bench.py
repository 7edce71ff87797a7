"""Worker render vs bare in-process PyMuPDF render of the same pages (issue 6 `render_ratio`).

Run explicitly: `uv run pytest tests/benchmarks/test_render_bench.py -m benchmark -s`.
"""

from __future__ import annotations

import time
from pathlib import Path

import pymupdf
import pytest

from reviewer.documents.worker import DocumentWorker

ZOOM = 2.0  # 144 dpi
PAGES = 30


def statement(path: Path) -> Path:
    doc = pymupdf.open()
    for number in range(PAGES):
        page = doc.new_page(width=612, height=792)
        for row in range(40):
            page.insert_text(
                (50, 60 + row * 17),
                f"{number:03d}-{row:02d}  01/{row % 28 + 1:02d}  Payment  $1,{row:03d}.17",
            )
    doc.save(path)
    return path


@pytest.mark.benchmark
def test_worker_render_ratio(tmp_path: Path) -> None:
    path = statement(tmp_path / "statement")
    doc = pymupdf.open(path, filetype="pdf")
    matrix = pymupdf.Matrix(ZOOM, ZOOM)
    for page in doc:  # warm fonts and caches on both sides
        page.get_pixmap(matrix=matrix, alpha=False)
    start = time.perf_counter()
    for page in doc:
        page.get_pixmap(matrix=matrix, alpha=False)
    bare = time.perf_counter() - start

    with DocumentWorker() as worker:
        for index in range(PAGES):
            worker.render_page(path, index, ZOOM)
        start = time.perf_counter()
        for index in range(PAGES):
            worker.render_page(path, index, ZOOM)
        isolated = time.perf_counter() - start

    ratio = isolated / bare
    print(
        f"\nrender {PAGES} pages at 144 dpi: bare {bare * 1000 / PAGES:.2f} ms/page, "
        f"worker {isolated * 1000 / PAGES:.2f} ms/page, render_ratio {ratio:.2f}"
    )
    assert ratio > 0
