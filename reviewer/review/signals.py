"""Risk signals joined to documents by `document_id`, and their highlight locations.

Locations are computed once per snapshot (reviewer/ARCHITECTURE.md "Highlights"): the documents
layer searches each page's text for the expected value in its printed forms, then the actual
value, then the field's label. A signal that cannot be placed keeps an empty `locations` list and a note; it is
shown as a page- or document-level flag, never dropped.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from reviewer.documents.results import SignalQuery
from reviewer.review.case_model import DocumentRecord, Location, SignalRecord
from reviewer.review.document_backend import DocumentBackend
from reviewer.review.json_shapes import obj, objs, text

LOCATABLE_MEDIA = ("application/pdf", "image/jpeg", "image/png", "image/tiff")


def parse_risk_signals(
    body: dict[str, Any],
) -> tuple[list[SignalRecord], dict[str, dict[str, Any]]]:
    """Signals from a risk_signals/get body, and per-document {risk_score, status, ...}."""
    signals: list[SignalRecord] = []
    per_document: dict[str, dict[str, Any]] = {}
    # every level is guarded: junk of the wrong JSON type is skipped, never raised on
    for item in objs(obj(body).get("items")):
        for group in objs(item.get("verification_risk_signals")):
            for single in objs(group.get("single_document_risk_signals")):
                ref = obj(single.get("document_reference"))
                doc_id = text(ref.get("document_id"))
                score = obj(single.get("risk_summary")).get("risk_score")
                if doc_id:
                    per_document[doc_id] = {
                        "risk_score": score,
                        "status": text(ref.get("status")),
                        "document_name": text(ref.get("document_name")),
                        "document_type": text(ref.get("document_type")),
                        "file_type": text(ref.get("file_type")),
                        "item_id": text(item.get("item_id")),
                    }
                for sig in objs(single.get("risk_signals")):
                    signals.append(_signal([doc_id] if doc_id else [], score, sig))
            for multi in objs(group.get("multi_document_risk_signals")):
                ids = [
                    doc_id
                    for r in objs(multi.get("document_references"))
                    if (doc_id := text(r.get("document_id")))
                ]
                for sig in objs(multi.get("risk_signals")):
                    signals.append(_signal(ids, None, sig))
    return signals, per_document


def _signal(doc_ids: list[str], score: Any, sig: dict[str, Any]) -> SignalRecord:
    page = sig.get("page_number")
    fraud = sig.get("has_fraud_risk")
    return SignalRecord(
        document_ids=doc_ids,
        risk_score=_number(score),
        type=text(sig.get("type")),
        field=text(sig.get("field")),
        has_fraud_risk=fraud if isinstance(fraud, bool) else None,
        expected_value=_scalar_text(sig.get("expected_value")),
        actual_value=_scalar_text(sig.get("actual_value")),
        signal_description=text(sig.get("signal_description")),
        page_number=page if isinstance(page, int) and not isinstance(page, bool) else None,
    )


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:  # an integer too large for a float
        return None
    return number if math.isfinite(number) else None


def _scalar_text(value: Any) -> str | None:
    """A printed value as text; objects and arrays are not values printed on a document."""
    if value is None or isinstance(value, dict | list):
        return None
    return str(value)[:1000]


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
    documents: list[DocumentRecord], per_document: dict[str, dict[str, Any]]
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
                doc,
                risk_score=_number(info.get("risk_score")),
                risk_status=info.get("status"),
                file_type=info.get("file_type"),
            )
        )
    return out
