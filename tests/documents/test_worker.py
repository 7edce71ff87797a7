"""The documents worker process against a hostile corpus: a bad file costs a message, never the app."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest

from reviewer.documents._child import MAX_RENDER_PIXELS
from reviewer.documents.locate import NOTE_NO_TEXT_LAYER, SignalQuery
from reviewer.documents.worker import (
    DocumentError,
    DocumentWorker,
    RenderedPage,
    WorkerCrashed,
    WorkerError,
    WorkerTimeout,
)
from tests.documents import corpus


@pytest.fixture(scope="module")
def worker() -> Iterator[DocumentWorker]:
    with DocumentWorker(memory_limit_mb=1024, timeout_s=20) as w:
        w.start()
        yield w
    assert w.pid is None
    assert not [p for p in multiprocessing.active_children() if p.name.startswith("reviewer-")]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name  # no extension: the store names files by SHA-256
    path.write_bytes(data)
    return path


def test_render_matches_in_process_render(worker: DocumentWorker, tmp_path: Path) -> None:
    path = write(tmp_path, "stub", corpus.pay_stub())
    page = worker.render_page(path, 0, zoom=2.0)
    expected = pymupdf.open(path, filetype="pdf")[0].get_pixmap(
        matrix=pymupdf.Matrix(2, 2), alpha=False
    )
    assert (page.width, page.height) == (expected.width, expected.height)
    # drawn straight into shared memory as Qt's RGB32: B, G, R, 255 per pixel
    assert page.format == "RGB32"
    assert page.stride == page.width * 4
    assert page.page_size_pt == (612.0, 792.0)
    assert rgb_of(page) == expected.samples
    # a later render does not overwrite pixels already handed out
    worker.render_page(path, 1, zoom=2.0)
    assert rgb_of(page) == expected.samples


def rgb_of(page: RenderedPage) -> bytes:
    """The page's pixels as PyMuPDF's RGB samples, to compare with a bare render."""
    data = bytes(page.data)
    if page.format == "RGB888":
        return data
    assert page.format == "RGB32"
    assert set(data[3::4]) == {255}  # opaque, as Qt's RGB32 requires
    rgb = bytearray(len(data) // 4 * 3)
    rgb[0::3], rgb[1::3], rgb[2::3] = data[2::4], data[1::4], data[0::4]
    return bytes(rgb)


def test_rotation_and_large_zoom_grow_shared_memory(worker: DocumentWorker, tmp_path: Path) -> None:
    path = write(tmp_path, "stub", corpus.pay_stub())
    page = worker.render_page(path, 0, zoom=4.0, rotation=90)
    assert (page.width, page.height) == (792 * 4, 612 * 4)  # more than the first 16 MiB block
    assert len(page.data) == page.stride * page.height


def test_text_search_and_locate(worker: DocumentWorker, tmp_path: Path) -> None:
    path = write(tmp_path, "stub", corpus.pay_stub())
    assert "Net Pay" in worker.page_text(path, 0)
    assert len(worker.search(path, 0, "Net Pay")) == 1
    (located,) = worker.locate(path, [SignalQuery(5, 1, "net_pay", "2441.17", None)])
    assert located.key == 5
    assert located.found_by == "expected_value"
    assert len(located.rects) == 1
    assert worker.page_count(path) == 2


def test_image_opens_in_the_same_worker(worker: DocumentWorker, tmp_path: Path) -> None:
    path = write(tmp_path, "photo", corpus.png_photo())
    info = worker.open(path)
    assert info.page_count == 1
    assert info.pages_with_text == [False]
    assert info.problem is None
    page = worker.render_page(path, 0, zoom=1.0)
    assert page.width > 0
    assert page.height > 0
    (located,) = worker.locate(path, [SignalQuery(1, 1, None, "2441.17", None)])
    assert located.note == NOTE_NO_TEXT_LAYER


def test_truncated_pdf_opens_repaired(worker: DocumentWorker, tmp_path: Path) -> None:
    path = write(tmp_path, "truncated", corpus.truncated_pdf())
    info = worker.open(path)
    assert info.repaired
    assert info.page_count
    assert worker.render_page(path, 0, zoom=1.0).width == 612


def test_garbled_xref_opens_repaired(worker: DocumentWorker, tmp_path: Path) -> None:
    path = write(tmp_path, "garbled", corpus.garbled_xref_pdf())
    assert worker.open(path).repaired
    assert "Net Pay" in worker.page_text(path, 0)


def test_huge_mediabox_is_rendered_scaled_down(worker: DocumentWorker, tmp_path: Path) -> None:
    path = write(tmp_path, "huge", corpus.huge_mediabox_pdf())
    page = worker.render_page(path, 0, zoom=2.0)
    assert page.page_size_pt == (1_000_000.0, 1_000_000.0)
    assert page.zoom < 2.0
    assert page.width * page.height <= MAX_RENDER_PIXELS


def test_thousands_of_pages(worker: DocumentWorker, tmp_path: Path) -> None:
    path = write(tmp_path, "many", corpus.many_pages_pdf(3000))
    info = worker.open(path)
    assert info.page_count == 3000
    assert info.pages_with_text[-1]
    assert not info.pages_with_text[0]
    assert "last" in worker.page_text(path, 2999)
    assert worker.render_page(path, 2999, zoom=1.0).width == 72


def test_encrypted_document_gives_a_message(worker: DocumentWorker, tmp_path: Path) -> None:
    path = write(tmp_path, "locked", corpus.encrypted_pdf())
    assert worker.open(path).problem == "password protected"
    with pytest.raises(DocumentError, match="password protected"):
        worker.render_page(path, 0, zoom=1.0)


def test_javascript_and_attachments_are_inert(worker: DocumentWorker, tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    path = write(tmp_path, "active", corpus.javascript_and_attachment_pdf(str(marker)))
    before = sorted(tmp_path.iterdir())
    assert worker.open(path).problem is None
    worker.render_page(path, 0, zoom=1.0)
    worker.locate(path, [SignalQuery(1, 1, None, "2441.17", None)])
    assert not marker.exists()
    assert sorted(tmp_path.iterdir()) == before  # the attachment was never written out


def test_bad_requests_are_document_errors(worker: DocumentWorker, tmp_path: Path) -> None:
    path = write(tmp_path, "stub", corpus.pay_stub())
    with pytest.raises(DocumentError, match="page 9 out of range"):
        worker.render_page(path, 8, zoom=1.0)
    with pytest.raises(DocumentError, match="file not found"):
        worker.page_count(tmp_path / "missing")
    with pytest.raises(DocumentError, match="unsupported type"):
        worker.page_count(write(tmp_path, "text", b"just text"))
    assert worker.page_count(path) == 2  # the worker went on


def test_overrun_is_killed_then_the_next_request_works(tmp_path: Path) -> None:
    path = write(tmp_path, "stub", corpus.pay_stub())
    with DocumentWorker(timeout_s=0.5) as worker:
        worker.start()
        first_pid = worker.pid
        with pytest.raises(WorkerTimeout, match=r"longer than 0\.5 s"):
            worker._request("sleep", 30)
        assert worker.pid is None
        assert worker.page_count(path) == 2
        assert worker.pid not in (None, first_pid)


def test_killed_worker_reports_a_crash_then_recovers(tmp_path: Path) -> None:
    path = write(tmp_path, "stub", corpus.pay_stub())
    with DocumentWorker(timeout_s=20) as worker:
        worker.start()
        pid = worker.pid
        assert pid is not None
        errors: list[BaseException] = []

        def slow_request() -> None:
            try:
                worker._request("sleep", 30)
            except WorkerError as exc:
                errors.append(exc)

        thread = threading.Thread(target=slow_request)
        thread.start()
        # the request is in flight once the lock is held by the requesting thread
        while not worker._lock.locked():
            pass
        os.kill(pid, signal.SIGKILL)
        thread.join(timeout=10)
        assert not thread.is_alive()
        assert len(errors) == 1
        assert isinstance(errors[0], WorkerCrashed)
        assert "killed by SIGKILL" in str(errors[0])
        assert worker.render_page(path, 0, zoom=1.0).width == 612


def _working_address_space_mb(path: Path) -> int:
    """The address space a worker maps once PyMuPDF is loaded and a document opened."""
    with DocumentWorker() as worker:
        assert worker.page_count(path) == 2
        status = Path(f"/proc/{worker.pid}/status").read_text()
    size = next(line for line in status.splitlines() if line.startswith("VmSize:"))
    return int(size.split()[1]) // 1024


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_memory_limit_costs_a_message_not_the_app(tmp_path: Path) -> None:
    path = write(tmp_path, "stub", corpus.pay_stub())
    # the largest render allowed (MAX_RENDER_PIXELS, ~74 MB in RGB) cannot fit in 30 MB above
    # what a working worker maps (measured, not assumed: the worker's imports change)
    limit = _working_address_space_mb(path) + 30
    assert MAX_RENDER_PIXELS * 3 > 2 * 30 * 1024 * 1024
    with DocumentWorker(memory_limit_mb=limit, timeout_s=20) as worker:
        with pytest.raises((DocumentError, WorkerCrashed)):
            worker.render_page(path, 0, zoom=12.0)
        assert worker.page_count(path) == 2
        assert worker.render_page(path, 0, zoom=1.0).width == 612


def test_closed_worker_refuses_requests(tmp_path: Path) -> None:
    worker = DocumentWorker()
    worker.close()
    worker.close()
    with pytest.raises(WorkerError, match="closed"):
        worker.page_count(tmp_path / "x")


def test_waking_the_worker_never_blocks_or_gets_replies_mixed_up(tmp_path: Path) -> None:
    path = write(tmp_path, "stub", corpus.pay_stub())
    with DocumentWorker() as worker:
        worker.wake()  # not started: nothing to wake, and nothing is started
        assert worker.pid is None
        worker.start()
        for _ in range(3):
            worker.wake()  # no reply comes for a wake-up ...
        assert worker.page_count(path) == 2  # ... so each request still gets its own answer
        assert "Net Pay" in worker.page_text(path, 0)
        with worker._lock:  # busy with a request: the wake-up is skipped, not queued
            worker.wake()
        assert worker.page_count(path) == 2


def test_starting_the_worker_leaves_pymupdf_out_of_the_app_process() -> None:
    """The worker's entry point is named by module, so the parent never imports PyMuPDF and
    the document modules (tenths of a second holding the GIL beside the window)."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from reviewer.documents.worker import DocumentWorker\n"
        "with DocumentWorker(timeout_s=20) as w:\n"
        "    w.start()\n"
        "    assert w.pid is not None\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pymupdf', 'fitz',"
        " 'reviewer.documents._child'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"
