"""Computing, placing and storing findings for a snapshot (every producer the same way).

A producer (the evidence checks, the document forensics) has a name and a version and turns a
snapshot into findings. After a fetch, and when a case is opened whose stored findings were made
by another version (or none: fetched before the checks existed), the stale producers run again,
off the GUI thread, and their findings replace the stored set. Producers that know their
rectangles (forensics) fill `locations` themselves; the others name the printed text in `where`
and the highlight locator places it, through the same documents backend as Plaid's signals.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from reviewer.documents.results import SignalQuery
from reviewer.review.case_model import CaseSnapshot, DocumentRecord
from reviewer.review.case_reading import stored_findings
from reviewer.review.document_backend import DocumentBackend
from reviewer.review.findings import (
    Finding,
    FindingLocation,
    highest,
)
from reviewer.review.signals import LOCATABLE_MEDIA
from reviewer.store import CaseStore

log = logging.getLogger(__name__)

# a value whose page is unknown is searched on at most this many pages (statements run long)
MAX_PAGES_SEARCHED = 60


class FindingsProducer(Protocol):
    """Something that turns a case snapshot into findings; versioned so stale sets recompute."""

    name: str  # stored key: "checks", "forensics"
    version: str  # bump when its results would change

    def compute(self, snapshot: CaseSnapshot, backend: DocumentBackend) -> list[Finding]:
        """Every finding for the snapshot (passes and not-applicables included). May block."""
        ...


def default_producers() -> list[FindingsProducer]:
    """The producers every snapshot gets (the checks load when they first compute)."""
    from reviewer.review.checks_producer import EvidenceChecks

    return [EvidenceChecks()]


def stale(
    store: CaseStore, snapshot_id: int, producers: Sequence[FindingsProducer]
) -> list[FindingsProducer]:
    """The producers whose stored findings for the snapshot are missing or of another version."""
    versions = store.finding_versions(snapshot_id)
    return [p for p in producers if versions.get(p.name) != p.version]


def refresh(
    store: CaseStore,
    snapshot: CaseSnapshot,
    backend: DocumentBackend,
    producers: Sequence[FindingsProducer],
) -> list[Finding]:
    """Run the stale producers on the snapshot, store their findings; all findings, worst first.

    A producer that raises is logged and leaves its stored set as it was: a bug in one check
    must not cost the reviewer the case or the other producers' findings.
    """
    if snapshot.snapshot_id is None:
        return list(snapshot.findings)
    for producer in stale(store, snapshot.snapshot_id, producers):
        try:
            computed = place(producer.compute(snapshot, backend), snapshot.documents, backend)
        except Exception:  # one broken check must not take the case down
            log.exception("findings producer %s failed", producer.name)
            continue
        worst = highest(computed)
        store.save_findings(
            snapshot.snapshot_id,
            producer.name,
            producer.version,
            [f.to_record() for f in computed],
            failed=sum(1 for f in computed if f.failed),
            worst=worst.severity if worst is not None else None,
        )
    return stored_findings(store, snapshot.snapshot_id)


def place(
    findings: Iterable[Finding], documents: Sequence[DocumentRecord], backend: DocumentBackend
) -> list[Finding]:
    """Findings with rectangles for the printed text each names in `where`.

    One backend call per document with every query on it. A value on an unknown page (0) is
    searched page by page and placed on the first page that prints it.
    """
    findings = list(findings)
    by_id = {d.document_id: d for d in documents}
    queries: dict[str, list[SignalQuery]] = defaultdict(list)
    keys: dict[int, tuple[int, str]] = {}  # query key -> (finding index, document id)
    for index, finding in enumerate(findings):
        if finding.locations or not finding.where:
            continue
        for document_id, page, text in finding.where:
            doc = by_id.get(document_id)
            if doc is None or not doc.path or doc.media_type not in LOCATABLE_MEDIA:
                continue
            pages = [page] if page else range(1, min(doc.page_count or 1, MAX_PAGES_SEARCHED) + 1)
            for number in pages:
                key = len(keys)
                keys[key] = (index, document_id)
                queries[document_id].append(SignalQuery(key, number, None, text, None))
    placed: dict[int, list[FindingLocation]] = defaultdict(list)
    for document_id, doc_queries in queries.items():
        path = by_id[document_id].path
        assert path is not None
        done: set[tuple[int, str]] = set()  # (finding, text) placed on an earlier page
        texts = {q.key: q.expected_value or "" for q in doc_queries}
        for result in backend.locate(Path(path), doc_queries):
            if result.key not in keys:
                continue
            index, _ = keys[result.key]
            text_key = (index, texts[result.key])
            if not result.rects or result.page is None or text_key in done:
                continue
            done.add(text_key)
            placed[index].extend(
                FindingLocation(document_id, result.page, _rect(r)) for r in result.rects
            )
    return [
        replace(f, locations=tuple(placed[i])) if placed.get(i) else f
        for i, f in enumerate(findings)
    ]


def _rect(rect: Iterable[float]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (round(float(v), 2) for v in rect)
    return (x0, y0, x1, y1)
