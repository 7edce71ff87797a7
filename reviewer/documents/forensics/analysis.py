# mypy: disable-error-code="no-untyped-call"
"""Running every forensic check on one file (in the documents worker only).

Runs in the documents worker process only (it opens applicants' files with PyMuPDF), under the
worker's memory and time limits and its own time budget; returns a plain `ForensicsReport`
that `reviewer.review` turns into findings. Each check has its module: `revisions` (revision
X-ray), `masking` (covered and hidden text), `text_layer` (a scan's invisible text vs its
picture), `fonts` (fonts per value), `metadata`/`exif` (the timeline), `fingerprint` (what
"seen before" matches). Nothing a file does may escape as an exception: a check that cannot
run says "could not analyse: ..." and the others still run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pymupdf

from reviewer.documents._open import load_bytes, open_document
from reviewer.documents.forensics.budget import Budget, OutOfTime
from reviewer.documents.forensics.fingerprint import fingerprint
from reviewer.documents.forensics.fonts import font_clues, subset_prefixes
from reviewer.documents.forensics.masking import masking_clues
from reviewer.documents.forensics.metadata import read_timeline
from reviewer.documents.forensics.revisions import compare_revisions
from reviewer.documents.forensics.structure import read_structure
from reviewer.documents.forensics.text_layer import text_layer_clues
from reviewer.documents.forensics.traced import TracedPage
from reviewer.documents.forensics.types import (
    Clue,
    Fingerprint,
    ForensicsReport,
    RevisionInfo,
    Timeline,
)

__all__ = ["Clue", "ForensicsReport", "RevisionInfo", "analyse", "open_revision"]

BUDGET_SECONDS = 8.0  # below the worker's request time limit, so the worker answers in words
MAX_PAGES = 64
MAX_BYTES = 256 * 1024 * 1024


def analyse(path: str | Path, budget_seconds: float = BUDGET_SECONDS) -> ForensicsReport:
    """Every forensic check of one file; never raises for anything the file contains."""
    budget = Budget(budget_seconds)
    could_not: list[str] = []
    try:
        if os.path.getsize(path) > MAX_BYTES:
            return ForensicsReport(
                could_not=(f"could not analyse: file larger than {MAX_BYTES >> 20} MB",)
            )
        raw = load_bytes(path)  # a stored file is decrypted in memory, never to disk
        doc = open_document(raw)
    except Exception as exc:  # noqa: BLE001 - hostile input: words, not a crash
        return ForensicsReport(could_not=(f"could not analyse: the file does not open ({exc})",))
    clues: list[Clue] = []
    revisions: list[RevisionInfo] = []
    timeline, found_fingerprint = Timeline(), Fingerprint()
    try:
        timeline, problems = read_timeline(doc, raw)
        could_not += problems
        if doc.is_pdf:
            revisions = _revisions(raw, budget, clues, could_not)
            traced = _pages(doc, budget, clues, could_not)
            clues += font_clues(traced, subset_prefixes(doc, len(traced)))
            found_fingerprint = fingerprint(traced)
    except OutOfTime as exc:
        could_not.append(f"could not analyse: {exc}")
    except MemoryError:
        could_not.append("could not analyse: the file needs more memory than allowed")
    except Exception as exc:  # noqa: BLE001
        could_not.append(f"could not analyse: {type(exc).__name__}: {exc}")
    finally:
        doc.close()
    return ForensicsReport(
        clues=tuple(clues),
        revisions=tuple(revisions),
        fingerprint=found_fingerprint,
        timeline=timeline,
        could_not=tuple(could_not),
        elapsed_ms=budget.elapsed_ms,
    )


def _revisions(
    raw: bytes, budget: Budget, clues: list[Clue], could_not: list[str]
) -> list[RevisionInfo]:
    structure = read_structure(raw)
    if structure.problem:
        could_not.append(structure.problem)
        clues.append(
            Clue(
                check="revision.unreadable",
                category="revision",
                severity="medium",
                summary=structure.problem[0].upper() + structure.problem[1:],
                values={"saves": structure.total_eofs},
            )
        )
        return []
    if len(structure.ends) < 2:
        return []
    try:
        infos, found = compare_revisions(raw, structure, budget)
    except OutOfTime:
        raise
    except Exception as exc:  # noqa: BLE001 - an earlier revision may be damaged
        could_not.append(f"could not analyse: an earlier revision does not open ({exc})")
        return []
    clues += found
    return infos


def _pages(
    doc: pymupdf.Document, budget: Budget, clues: list[Clue], could_not: list[str]
) -> list[TracedPage]:
    traced: list[TracedPage] = []
    if doc.page_count > MAX_PAGES:
        could_not.append(
            f"could not analyse: pages after {MAX_PAGES} (of {doc.page_count}) were not checked"
        )
    for index in range(min(doc.page_count, MAX_PAGES)):
        budget.check(f"checking page {index + 1}")
        try:
            page = doc[index]
            page_trace = TracedPage.read(page, index + 1)
            clues += masking_clues(page, page_trace)
            clues += text_layer_clues(page, page_trace, budget)
        except OutOfTime:
            raise
        except Exception as exc:  # noqa: BLE001 - one damaged page, the others still count
            could_not.append(f"could not analyse page {index + 1}: {exc}")
            continue
        traced.append(page_trace)
    return traced


def open_revision(path: str, number: int) -> pymupdf.Document:
    """Revision `number` (1-based) of the PDF at `path`, rebuilt from its bytes, open."""
    raw = load_bytes(path)
    structure = read_structure(raw)
    if structure.problem:
        raise ValueError(structure.problem)
    if not 1 <= number <= len(structure.ends):
        raise ValueError(f"the file has no revision {number} (it has {len(structure.ends)})")
    return pymupdf.open(stream=raw[: structure.ends[number - 1]], filetype="pdf")
