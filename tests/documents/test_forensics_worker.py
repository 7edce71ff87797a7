"""Forensics through the documents worker process: hostile files cost words, revisions render."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewer.documents.forensics import revision_path
from reviewer.documents.worker import DocumentError, DocumentWorker
from tests.documents import forensics_corpus as corpus


@pytest.fixture(scope="module")
def worker() -> Iterator[DocumentWorker]:
    with DocumentWorker(memory_limit_mb=1024, timeout_s=20) as w:
        w.start()
        yield w


@pytest.fixture(scope="module")
def edited_stub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    (data,) = [d for spec, d in corpus.demo_documents("APP-1002") if spec.incremental_edits]
    return corpus.write(tmp_path_factory.mktemp("stub"), "stub.pdf", data)


def test_the_worker_reports_forensics_and_stays_up_after_hostile_files(
    worker: DocumentWorker, tmp_path: Path
) -> None:
    pid = worker.pid
    for name, data in {
        "chain.pdf": corpus.deep_chain(10_000),
        "loop.pdf": corpus.prev_loop(),
        "outside.pdf": corpus.xref_outside(),
        "xmp.pdf": corpus.huge_xmp(),
        "bomb.pdf": corpus.xmp_bomb(),
    }.items():
        report = worker.forensics(corpus.write(tmp_path, name, data))
        assert report.could_not, name
        assert all(line.startswith("could not analyse: ") for line in report.could_not)
    assert worker.pid == pid  # answered, not killed and restarted


def test_an_earlier_revision_renders_and_differs_where_the_edit_is(
    worker: DocumentWorker, edited_stub: Path
) -> None:
    report = worker.forensics(edited_stub)
    assert len(report.revisions) == 2
    now = worker.render_page(edited_stub, 0, 1.0)
    before = worker.render_page(revision_path(edited_stub, 1), 0, 1.0)
    assert (now.width, now.height) == (before.width, before.height)
    assert now.data != before.data

    # the NET PAY box (top right) changed; the employer's name (top left) did not
    def box(page, x0: int, y0: int, x1: int, y1: int) -> bytes:  # type: ignore[no-untyped-def]
        return b"".join(
            bytes(page.data[y * page.stride + x0 * 4 : y * page.stride + x1 * 4])
            for y in range(y0, y1)
        )

    assert box(now, 470, 165, 545, 190) != box(before, 470, 165, 545, 190)
    assert box(now, 40, 50, 250, 70) == box(before, 40, 50, 250, 70)


def test_a_revision_that_is_not_there_is_a_document_error(
    worker: DocumentWorker, edited_stub: Path
) -> None:
    with pytest.raises(DocumentError, match="no revision 7"):
        worker.render_page(revision_path(edited_stub, 7), 0, 1.0)
