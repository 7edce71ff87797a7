"""Risk signals joined to documents by `document_id`, and their highlight locations.

Locations are computed once per snapshot (reviewer/ARCHITECTURE.md "Highlights"): the documents
layer searches each page's text for the expected value in its printed forms, then the actual
value, then the field's label. A signal that cannot be placed keeps an empty `locations` list and a note; it is
shown as a page- or document-level flag, never dropped.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewer.documents.results import SignalQuery
from reviewer.review.case_model import DocumentRecord, Location, SignalRecord
from reviewer.review.document_backend import DocumentBackend

if TYPE_CHECKING:  # the generated models load only for a fetch
    from reviewer.plaid import models

LOCATABLE_MEDIA = ("application/pdf", "image/jpeg", "image/png", "image/tiff")


@dataclass(frozen=True)
class DocumentRiskInfo:
    """What the risk-signals response says about one document."""

    risk_score: float | None
    status: str | None
    file_type: str | None


def parse_risk_signals(
    response: models.CreditPayrollIncomeRiskSignalsGetResponse | None,
) -> tuple[list[SignalRecord], dict[str, DocumentRiskInfo]]:
    """Signals from a validated risk_signals/get response, and per-document score and status."""
    signals: list[SignalRecord] = []
    per_document: dict[str, DocumentRiskInfo] = {}
    if response is None:
        return signals, per_document
    for item in response.items:
        for group in item.verification_risk_signals if item else []:
            if group is None:
                continue
            for single in group.single_document_risk_signals:
                if single is None:
                    continue
                ref = single.document_reference
                doc_id = ref.document_id if ref and ref.document_id else None
                score = _score(single.risk_summary.risk_score if single.risk_summary else None)
                if doc_id:
                    per_document[doc_id] = DocumentRiskInfo(
                        score, ref.status if ref else None, ref.file_type if ref else None
                    )
                for sig in single.risk_signals:
                    if sig is not None:
                        signals.append(_signal([doc_id] if doc_id else [], score, sig))
            for multi in group.multi_document_risk_signals:
                if multi is None:
                    continue
                ids = [r.document_id for r in multi.document_references if r and r.document_id]
                for sig in multi.risk_signals:
                    if sig is not None:
                        signals.append(_signal(ids, None, sig))
    return signals, per_document


def _printed(sig: models.DocumentRiskSignal, name: str) -> str | None:
    """A value as printed: text as sent, or a number sent where the spec has text (kept as its
    text; objects and arrays are not printed values)."""
    value = getattr(sig, name)
    if isinstance(value, str):
        return value
    for problem in sig.model_problems:
        raw = problem.raw_value
        if problem.field == name and isinstance(raw, int | float) and not isinstance(raw, bool):
            return str(raw)
    return None


def _score(value: float | None) -> float | None:
    return float(value) if isinstance(value, int | float) and math.isfinite(value) else None


def _signal(
    doc_ids: list[str], score: float | None, sig: models.DocumentRiskSignal
) -> SignalRecord:
    page = sig.page_number
    return SignalRecord(
        document_ids=doc_ids,
        risk_score=score,
        type=sig.type,
        field=sig.field,
        has_fraud_risk=sig.has_fraud_risk,
        expected_value=_printed(sig, "expected_value"),
        actual_value=_printed(sig, "actual_value"),
        signal_description=sig.signal_description,
        page_number=page if isinstance(page, int) else None,
    )


def locate_all(
    signals: list[SignalRecord], documents: list[DocumentRecord], backend: DocumentBackend
) -> list[SignalRecord]:
    """Signals with their rectangles; one backend call per document with all its queries."""
    by_id = {d.document_id: d for d in documents}
    queries: dict[str, list[SignalQuery]] = defaultdict(list)
    notes: dict[int, str] = {}
    for index, sig in enumerate(signals):
        docs = [by_id.get(doc_id) for doc_id in sig.document_ids]
        usable = [d for d in docs if d is not None and d.path and d.media_type in LOCATABLE_MEDIA]
        if not usable:
            notes[index] = _unlocatable_reason(sig, docs)
            continue
        for doc in usable:
            queries[doc.document_id].append(
                SignalQuery(
                    key=index,
                    page_number=sig.page_number,
                    field=sig.field,
                    expected_value=sig.expected_value,
                    actual_value=sig.actual_value,
                )
            )
    found: dict[int, list[Location]] = defaultdict(list)
    for doc_id, doc_queries in queries.items():
        doc = by_id[doc_id]
        assert doc.path is not None
        for result in backend.locate(Path(doc.path), doc_queries):
            page = (
                result.page if result.page is not None else (signals[result.key].page_number or 0)
            )
            for rect in result.rects:
                found[result.key].append(
                    Location(doc_id, page, _rect(rect), result.found_by or "unknown")
                )
            if not result.rects and result.note:
                notes.setdefault(result.key, result.note)
    return [
        replace(
            sig, locations=found.get(i, []), location_note=None if found.get(i) else notes.get(i)
        )
        for i, sig in enumerate(signals)
    ]


def _rect(rect: Any) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in rect)
    return (round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2))


def _unlocatable_reason(sig: SignalRecord, docs: list[DocumentRecord | None]) -> str:
    if sig.page_number == 0:
        return "whole document"
    if not docs or all(d is None for d in docs):
        return "document not in this case"
    return "document not available for locating"


def apply_document_risk(
    documents: list[DocumentRecord], per_document: dict[str, DocumentRiskInfo]
) -> list[DocumentRecord]:
    """Documents with their risk score and risk-processing status filled in."""
    out = []
    for doc in documents:
        info = per_document.get(doc.document_id)
        if info is None:
            out.append(doc)
            continue
        out.append(
            replace(
                doc, risk_score=info.risk_score, risk_status=info.status, file_type=info.file_type
            )
        )
    return out
