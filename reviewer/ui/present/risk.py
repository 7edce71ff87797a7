"""Risk score bands and per-document risk, from the case read model."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the queue's risk bands are drawn before the case model is imported
    from reviewer.review.case_model import CaseSnapshot, SignalRecord


class RiskBand(Enum):
    """Plaid's guidance: scores at or below the low threshold are low risk, at or above high are high."""

    UNKNOWN = "unknown"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


def risk_band(score: float | None, low: int = 20, high: int = 80) -> RiskBand:
    """The band of a 0-100 risk score given the reviewer's thresholds."""
    if score is None:
        return RiskBand.UNKNOWN
    if score >= high:
        return RiskBand.HIGH
    if score <= low:
        return RiskBand.LOW
    return RiskBand.MEDIUM


@dataclass(frozen=True)
class DocumentRisk:
    """The highest risk score of one document and how many signals point at it."""

    document_id: str
    score: float | None
    signal_count: int
    fraud_flags: int


def document_risks(snapshot: CaseSnapshot) -> dict[str, DocumentRisk]:
    """Per document: Plaid's document score (else the max over its signals), signal counts."""
    acc: dict[str, list[SignalRecord]] = {}
    for sig in snapshot.risk_signals:
        for doc_id in sig.document_ids:
            acc.setdefault(doc_id, []).append(sig)
    out: dict[str, DocumentRisk] = {}
    for doc in snapshot.documents:
        sigs = acc.get(doc.document_id, [])
        scores = [s.risk_score for s in sigs if s.risk_score is not None]
        if doc.risk_score is not None:
            scores.append(doc.risk_score)
        out[doc.document_id] = DocumentRisk(
            doc.document_id,
            max(scores) if scores else None,
            len(sigs),
            sum(1 for s in sigs if s.has_fraud_risk),
        )
    return out


def most_flagged_document(snapshot: CaseSnapshot) -> str | None:
    """The document with the most fraud-flagged signals (then highest score) that has a file."""
    risks = document_risks(snapshot)
    candidates = [d for d in snapshot.documents if d.path or d.sha256]
    if not candidates:
        return None
    best = max(
        candidates,
        key=lambda d: (
            risks[d.document_id].fraud_flags,
            risks[d.document_id].signal_count,
            risks[d.document_id].score or -1.0,
        ),
    )
    return best.document_id


def signals_for(snapshot: CaseSnapshot, document_id: str) -> list[SignalRecord]:
    """The risk signals that reference `document_id`."""
    return [s for s in snapshot.risk_signals if document_id in s.document_ids]


def flagged_page(signals: list[SignalRecord], document_id: str) -> int:
    """The 1-based page with the most located highlights (else a signal's page, else 1)."""
    counts: dict[int, int] = {}
    for sig in signals:
        for loc in sig.locations:
            if loc.document_id == document_id:
                counts[loc.page] = counts.get(loc.page, 0) + 1
    if counts:
        return max(counts, key=lambda p: (counts[p], -p))
    pages = [s.page_number for s in signals if s.page_number]
    return pages[0] if pages else 1
