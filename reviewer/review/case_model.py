"""The read model of a case: what `reviewer show --json` prints and what the UI displays.

These plain dataclasses are the contract between the fetch/store core (which produces them) and
the command line and the UI (which consume them). Field names follow `show --json` in
reviewer/ARCHITECTURE.md.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass, replace
from dataclasses import field as dc_field
from typing import TYPE_CHECKING, Any

from reviewer.plaid.endpoint_paths import CASE_ENDPOINTS
from reviewer.review.findings import Finding

if TYPE_CHECKING:
    from reviewer.review.model import CaseModel

# Endpoint names used in `FetchError.endpoint` and `CaseSnapshot.skipped`.
ENDPOINTS = CASE_ENDPOINTS


@dataclass(frozen=True)
class CaseRef:
    """One Plaid user under review, identified by user_token or user_id, plus a label."""

    id: str
    label: str | None
    # the token lets anyone fetch the applicant's data: kept out of reprs (and so of logs)
    user_token: str | None = dc_field(default=None, repr=False)
    user_id: str | None = None
    created_at: str | None = None


@dataclass(frozen=True)
class Location:
    """Where a risk signal was placed: PDF points, origin top-left (PyMuPDF convention)."""

    document_id: str
    page: int  # 1-based, like Plaid's page_number
    rect: tuple[float, float, float, float]
    found_by: str  # "expected_value", "actual_value", "field_label"


@dataclass(frozen=True)
class DocumentRecord:
    """One document of the case as stored: a file named by SHA-256, or a recorded problem."""

    document_id: str
    item_id: str | None
    document_type: str
    name: str | None
    source_endpoint: str
    path: str | None
    sha256: str | None
    page_count: int | None
    problem: str | None  # e.g. "no document available", "unsupported type", "corrupt zip"
    media_type: str | None = None  # "application/pdf", "image/jpeg", ...
    status: str | None = None  # Plaid's document status (PROCESSING_COMPLETE, ...)
    archive_member: str | None = None  # which member of the download zip this file came from
    repaired: bool = False  # PyMuPDF had to repair it (e.g. truncated): pages may be missing
    risk_score: float | None = None  # Plaid's per-document fraud score (0-100), if any
    risk_status: str | None = None  # the document's status in the risk-signals response
    file_type: str | None = None  # Plaid's TRUE_PDF / SCAN_OCR / IMAGE / FLATTENED_PDF


@dataclass(frozen=True)
class SignalRecord:
    """A risk signal joined to its document(s), with the located highlight rectangles."""

    document_ids: list[str]
    risk_score: float | None
    type: str | None
    field: str | None
    has_fraud_risk: bool | None
    expected_value: str | None
    actual_value: str | None
    signal_description: str | None
    page_number: int | None
    locations: list[Location] = dc_field(default_factory=list)
    location_note: str | None = None  # why no rectangle: "whole document", "no text layer", ...


@dataclass(frozen=True)
class FetchError:
    """A Plaid (or transport) error recorded for one endpoint of a fetch."""

    endpoint: str
    http_status: int | None
    error_type: str | None
    error_code: str | None
    error_message: str | None
    request_id: str | None
    display_message: str | None = None
    error_code_reason: str | None = None
    documentation_url: str | None = None
    suggested_action: str | None = None
    # Plaid's `causes` as received (error-like objects); the case model reads them
    causes: list[Any] = dc_field(default_factory=list)


@dataclass(frozen=True)
class CaseSummary:
    """One row of the case queue."""

    id: str
    label: str | None
    applicant_name: str | None
    max_risk_score: float | None
    document_count: int
    decision: str | None
    fetched_at: str | None
    user_token: str | None = dc_field(default=None, repr=False)
    user_id: str | None = None
    failed_checks: int | None = None  # Reviewer's findings that did not hold; None: not checked
    worst_check: str | None = None  # "high" | "medium" | "low" among them


@dataclass(frozen=True)
class CaseSnapshot:
    """Everything known about a case from its newest complete data per endpoint."""

    case: CaseRef
    fetched_at: str
    documents: list[DocumentRecord]
    risk_signals: list[SignalRecord]
    errors: list[FetchError]
    skipped: dict[str, str] = dc_field(default_factory=dict)  # endpoint -> reason
    snapshot_id: int | None = None  # the stored snapshot this was read from
    # Reviewer's own findings stored with the snapshot, worst first (may be stale or missing
    # until `CaseService.update_findings` has run for this snapshot)
    findings: list[Finding] = dc_field(default_factory=list)
    # endpoint -> raw body of its newest good whole response, as stored (read through `model`)
    bodies: dict[str, bytes | None] = dc_field(default_factory=dict, repr=False, compare=False)
    # `show_facts` as stored beside the snapshot (current version), None when not stored yet
    facts: dict[str, Any] | None = dc_field(default=None, repr=False, compare=False)

    @functools.cached_property
    def model(self) -> CaseModel:
        """The typed reading of `bodies`, built once, when first asked for (listing cases and
        the text summary never pay for the generated Plaid models)."""
        # imported here: the typed model's modules cost ~200 ms, which the window's first
        # paint and `reviewer cases` must not pay
        from reviewer.review.model import build_case

        return build_case(self.bodies, self.documents, self.errors)

    def with_findings(
        self, findings: list[Finding], facts: dict[str, Any] | None = None
    ) -> CaseSnapshot:
        """The same snapshot with these findings (and show facts, when given); its case
        model, if built, comes along."""
        updated = replace(self, findings=findings, facts=facts or self.facts)
        if "model" in self.__dict__:  # cached_property keeps it there (frozen or not)
            updated.__dict__["model"] = self.__dict__["model"]
        return updated

    def show_facts(self) -> dict[str, Any]:
        """Identity claims and each document's status, error and origin
        (`reviewer.review.show_facts`): as stored beside the snapshot, or read from the model."""
        if self.facts is not None:
            return self.facts
        from reviewer.review.show_facts import facts_from_model

        return facts_from_model(self.model)

    def to_show_json(self) -> dict[str, Any]:
        """The `reviewer show CASE --json` object (reviewer/ARCHITECTURE.md, "`show --json`")."""
        facts = self.show_facts()
        docs = [self._document_json(d, facts["documents"]) for d in self.documents]
        signals = []
        for s in self.risk_signals:
            item = asdict(s)
            item.pop("location_note", None)
            item["locations"] = [{**asdict(loc), "rect": list(loc.rect)} for loc in s.locations]
            signals.append(item)
        errors = []
        for e in self.errors:
            item = asdict(e)
            item.pop("display_message", None)
            errors.append(item)
        return {
            "case": {"id": self.case.id, "label": self.case.label, "fetched_at": self.fetched_at},
            "documents": docs,
            "risk_signals": signals,
            "errors": errors,
            "findings": [f.to_json() for f in self.findings],
            "identity": [dict(claim) for claim in facts["identity"]],
        }

    @staticmethod
    def _document_json(doc: DocumentRecord, infos: dict[str, Any]) -> dict[str, Any]:
        """One `documents[]` entry: the stored record plus Plaid's status, error and origin."""
        item = {k: v for k, v in asdict(doc).items() if k in _SHOWN_DOCUMENT_KEYS}
        # archive members beyond the first are "<id>#<n>": they share the document's metadata
        info = infos.get(doc.document_id.split("#", 1)[0])
        item["status"] = doc.status or (info.get("status") if info else None)
        item["error_message"] = info.get("error_message") if info else None
        item["origin"] = info.get("origin") if info else None
        return item


_SHOWN_DOCUMENT_KEYS = (
    "document_id",
    "item_id",
    "document_type",
    "name",
    "source_endpoint",
    "path",
    "sha256",
    "page_count",
    "problem",
)
