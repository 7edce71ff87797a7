"""Builders for realistic snapshots, shaped like reviewer.review.case_model records."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from reviewer.store import CaseStore, NewSnapshot
from reviewer.store import sqlcipher as sqlite3
from reviewer.store.keys import unlock

PAYROLL = "/credit/payroll_income/get"
RISK = "/credit/payroll_income/risk_signals/get"


def document_record(document_id: str, sha256: str | None, **extra: Any) -> dict[str, Any]:
    """A DocumentRecord-shaped dict."""
    record: dict[str, Any] = {
        "document_id": document_id,
        "item_id": "item-1",
        "document_type": "PAYSTUB",
        "name": f"{document_id}.pdf",
        "source_endpoint": PAYROLL,
        "path": None,
        "sha256": sha256,
        "page_count": 1 if sha256 else None,
        "problem": None if sha256 else "no document available",
        "media_type": "application/pdf" if sha256 else None,
        "status": "PROCESSING_COMPLETE",
        "archive_member": None,
        "repaired": False,
    }
    record.update(extra)
    return record


def signal_record(document_id: str, score: float) -> dict[str, Any]:
    """A SignalRecord-shaped dict with one located rectangle."""
    return {
        "document_ids": [document_id],
        "risk_score": score,
        "type": "FIELD_MISMATCH",
        "field": "net_pay",
        "has_fraud_risk": True,
        "expected_value": "2441.17",
        "actual_value": "2541.17",
        "signal_description": "net pay does not add up",
        "page_number": 1,
        "locations": [
            {
                "document_id": document_id,
                "page": 1,
                "rect": [10.0, 20.5, 110.0, 34.0],
                "found_by": "expected_value",
            }
        ],
        "location_note": None,
    }


def error_record(endpoint: str, status: int = 500) -> dict[str, Any]:
    """A FetchError-shaped dict."""
    return {
        "endpoint": endpoint,
        "http_status": status,
        "error_type": "API_ERROR",
        "error_code": "INTERNAL_SERVER_ERROR",
        "error_message": "an unexpected error occurred",
        "request_id": "req-123",
        "display_message": None,
    }


def pdf_bytes(tag: str) -> bytes:
    """Distinct document contents (bytes need not be a real PDF for the store)."""
    return b"%PDF-1.7\n" + tag.encode() * 50 + b"\n%%EOF\n"


def save_fetch(
    store: CaseStore,
    case_id: str,
    tag: str,
    *,
    n_docs: int = 2,
    applicant_name: str | None = None,
) -> int:
    """Put `n_docs` documents and save a snapshot referencing them; returns its id."""
    docs = []
    for i in range(n_docs):
        sha, _ = store.put_document(pdf_bytes(f"{tag}-{i}"))
        docs.append(document_record(f"{tag}-doc-{i}", sha))
    return store.save_snapshot(
        case_id,
        NewSnapshot(
            fetched_at=f"2026-01-01T00:00:{len(tag):02d}+00:00",
            responses=[(PAYROLL, None, 200, "application/json", f'{{"tag": "{tag}"}}'.encode())],
            documents=docs,
            signals=[signal_record(docs[0]["document_id"], 72.5)] if docs else [],
            applicant_name=applicant_name or f"Applicant {tag}",
            max_risk_score=72.5 if docs else None,
        ),
    )


def sha256_of(data: bytes) -> str:
    """Hex SHA-256."""
    return hashlib.sha256(data).hexdigest()


def raw_connection(data_dir: Path) -> sqlite3.Connection:
    """A connection of our own to the (encrypted) database, as another process would open it."""
    keys = unlock(data_dir)
    conn = sqlite3.connect(data_dir / "reviewer.sqlite3", isolation_level=None)
    conn.execute(keys.sqlcipher_key_pragma())
    conn.execute("PRAGMA foreign_keys = ON")
    return conn
