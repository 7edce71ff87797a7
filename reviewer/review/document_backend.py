"""How the fetch inspects documents and locates signals: in process (CLI) or in the worker (app).

PyMuPDF is not thread-safe. The command line runs it in process behind one lock; the app hands
the same work to the isolated documents worker process, so a hostile file cannot take it down.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from reviewer.documents.mupdf_lock import MUPDF_LOCK
from reviewer.documents.printed_rows import PrintedRow
from reviewer.documents.results import DocumentInfo, LocatedSignal, SignalQuery

if TYPE_CHECKING:  # the forensics package brings PyMuPDF: only the worker imports it
    from reviewer.documents.forensics.types import ForensicsReport
    from reviewer.documents.worker import DocumentWorker

Rect4 = tuple[float, float, float, float]


class DocumentBackend(Protocol):
    """What the fetch needs from the documents layer."""

    def inspect(self, path: Path, media_type: str) -> DocumentInfo:
        """Page count, repaired/encrypted flags and problems of a stored document."""
        ...

    def locate(self, path: Path, queries: list[SignalQuery]) -> list[LocatedSignal]:
        """Rectangles for the risk signals on this document."""
        ...

    def crop(self, path: Path, page: int, rects: list[Rect4]) -> tuple[bytes, list[Rect4]]:
        """A report's PNG of the flagged band of a page, and the rects as fractions of it."""
        ...

    def forensics(self, path: Path) -> ForensicsReport:
        """What the file admits about its history; always in a documents worker process."""
        ...


class InProcessDocuments:
    """PyMuPDF in this process, one call at a time (for the CLI and tests)."""

    def __init__(self) -> None:
        self._lock = MUPDF_LOCK  # shared with anything else running MuPDF in this process
        self._forensics_worker: DocumentWorker | None = None

    def inspect(self, path: Path, media_type: str) -> DocumentInfo:
        """Inspect under the lock (PyMuPDF is not thread-safe)."""
        # imported on first use: listing or showing cached cases never pays for PyMuPDF
        from reviewer.documents.inspect import inspect_document

        with self._lock:
            return inspect_document(path, media_type)

    def locate(self, path: Path, queries: list[SignalQuery]) -> list[LocatedSignal]:
        """Locate under the lock."""
        from reviewer.documents.locate import locate_signals

        with self._lock:
            return locate_signals(path, queries)

    def statement_rows(self, path: Path) -> list[PrintedRow]:
        """A statement's printed rows, under the lock."""
        from reviewer.documents.statement_rows import statement_rows

        with self._lock:
            return statement_rows(path)

    def crop(self, path: Path, page: int, rects: list[Rect4]) -> tuple[bytes, list[Rect4]]:
        """Render the crop under the lock (tests; the app and CLI use the worker)."""
        from reviewer.documents.report_pdf import render_crop_png

        with self._lock:
            return render_crop_png(str(path), page, rects)

    def forensics(self, path: Path) -> ForensicsReport:
        """Forensics dig deep into hostile bytes: even here they run in a worker process,
        started on first use, under its memory and time limits."""
        if self._forensics_worker is None:
            from reviewer.documents.worker import DocumentWorker

            self._forensics_worker = DocumentWorker()
        return worker_forensics(self._forensics_worker, path)

    def close(self) -> None:
        """Stop the forensics worker, if one was started."""
        if self._forensics_worker is not None:
            self._forensics_worker.close()
            self._forensics_worker = None


class WorkerDocuments:
    """The app's backend: every PyMuPDF call goes to the isolated documents worker process."""

    def __init__(self, worker: object | None = None) -> None:
        """`worker`: a documents worker; None starts one on first use (listing cases opens
        no document, and the worker's modules cost the command line 60 ms to import)."""
        self._given = worker

    @property
    def _worker(self) -> object:
        if self._given is None:
            from reviewer.review.documents_access import DocumentWorker

            self._given = DocumentWorker()
        return self._given

    def inspect(self, path: Path, media_type: str) -> DocumentInfo:
        """Open the document in the worker; a crash or timeout becomes a problem, not a raise."""
        try:
            info: DocumentInfo = self._worker.open(path)  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001 - a hostile file must cost a message only
            return DocumentInfo(
                page_count=None,
                repaired=False,
                encrypted=False,
                needs_password=False,
                pages_with_text=[],
                problem=f"could not open: {exc}",
            )
        return info

    def locate(self, path: Path, queries: list[SignalQuery]) -> list[LocatedSignal]:
        """Locate in the worker; on failure every signal stays unlocated with the reason."""
        try:
            located: list[LocatedSignal] = self._worker.locate(path, queries)  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001
            return [
                LocatedSignal(key=q.key, rects=[], page=None, found_by=None, note=str(exc))
                for q in queries
            ]
        return located

    def statement_rows(self, path: Path) -> list[PrintedRow]:
        """A statement's printed rows, read in the worker; [] if it cannot be read."""
        try:
            rows: list[PrintedRow] = self._worker.statement_rows(path)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - a hostile file costs the printed-row checks only
            return []
        return rows

    def crop(self, path: Path, page: int, rects: list[Rect4]) -> tuple[bytes, list[Rect4]]:
        """Render the crop in the worker (its memory and time limits); raises on failure."""
        result: tuple[bytes, list[Rect4]] = self._worker.crop(path, page, rects)  # type: ignore[attr-defined]
        return result

    def forensics(self, path: Path) -> ForensicsReport:
        """Forensics in the worker; a crash or timeout becomes "could not analyse"."""
        return worker_forensics(self._worker, path)

    @property
    def worker_pid(self) -> int | None:
        """The worker process's id; None before it started (it starts on the first request,
        or earlier for the demo's first run) and after it stopped."""
        if self._given is None:
            return None
        pid: int | None = self._given.pid  # type: ignore[attr-defined]
        return pid

    def close(self) -> None:
        """Stop the worker process (if one was started)."""
        if self._given is not None:
            self._given.close()  # type: ignore[attr-defined]


def worker_forensics(worker: object, path: Path) -> ForensicsReport:
    """Ask a documents worker for a file's forensics; its failure is a report in words."""
    try:
        report: ForensicsReport = worker.forensics(path)  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001 - a hostile file must cost a message only
        from reviewer.documents.forensics.types import ForensicsReport

        return ForensicsReport(could_not=(f"could not analyse: {exc}",))
    return report
