"""The sandbox's own description of a demo user's data (spec-shaped dicts plus what to render)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

DocKind = Literal["paystub", "w2", "1099", "statement", "photo_paystub", "bank_income_report"]


@dataclass(frozen=True)
class TamperSpec:
    """A white-boxed printed text with another value overlaid (maps to docgen.Tamper)."""

    original: str
    replacement: str
    page: int | None = None


@dataclass(frozen=True)
class DocSpec:
    """How to render one document: which builder, from which spec dict, with which artifacts."""

    document_id: str
    kind: DocKind
    source: dict[str, Any]
    tampers: tuple[TamperSpec, ...] = ()
    dates_mismatch: bool = False  # metadata creation/modification dates months apart
    min_pages: int = 1
    downloadable: bool = True  # password-protected/virus files are never served
    # edits saved as an incremental update by a PDF editor (the original revision stays inside)
    incremental_edits: tuple[TamperSpec, ...] = ()
    # a scan: the picture shows this source, the invisible OCR text layer reads `source`
    picture_source: dict[str, Any] | None = None


@dataclass(frozen=True)
class SignalSpec:
    """One risk signal; `page_number` and `expected_value` must match the rendered document."""

    type: str
    field: str | None
    expected_value: str | None
    actual_value: str | None
    signal_description: str
    page_number: int | None
    has_fraud_risk: bool = True


@dataclass
class RiskSpec:
    """Risk evaluation of one uploaded document."""

    document_id: str
    document_name: str
    document_type: str  # RiskSignalDocumentType
    status: (
        str  # PROCESSING_COMPLETE, PROCESSING, PROCESSING_ERROR, PASSWORD_PROTECTED, VIRUS_DETECTED
    )
    file_type: str = "TRUE_PDF"
    risk_score: float | None = None
    signals: list[SignalSpec] = field(default_factory=list)


@dataclass
class MultiSignalSpec:
    """A signal raised by comparing several documents."""

    document_ids: list[str]
    signals: list[SignalSpec]


@dataclass
class PayrollItem:
    """A payroll (or document income) item: spec dicts plus risk evaluations."""

    item_id: str
    institution_id: str
    institution_name: str
    pay_stubs: list[dict[str, Any]] = field(default_factory=list)
    w2s: list[dict[str, Any]] = field(default_factory=list)
    form1099s: list[dict[str, Any]] = field(default_factory=list)
    processing_status: str = "PROCESSING_COMPLETE"
    account_id: str | None = None
    pay_rate: str | None = None
    pay_amount: float | None = None
    pay_frequency: str | None = None
    risk: list[RiskSpec] = field(default_factory=list)
    multi_risk: list[MultiSignalSpec] = field(default_factory=list)
    risk_enabled: bool = True  # parsing_config includes risk_signals
    # refresh SUCCESSFUL appends this pay stub (newer than the others)
    refresh_stub: dict[str, Any] | None = None
    # when Plaid last updated the item's data (ISO 8601); a refresh moves it to the new stub's
    # pay date, so the data's own timestamps stay consistent with what it holds
    updated_at: str | None = None


@dataclass
class StatementItem:
    """A document-income item holding uploaded bank statements."""

    item_id: str
    statements: list[dict[str, Any]] = field(default_factory=list)
    processing_status: str = "PROCESSING_COMPLETE"
    risk: list[RiskSpec] = field(default_factory=list)


@dataclass
class Profile:
    """Everything the sandbox serves about one user."""

    payroll_items: list[PayrollItem] = field(default_factory=list)
    statement_items: list[StatementItem] = field(default_factory=list)
    bank_income: list[dict[str, Any]] = field(default_factory=list)  # newest report first
    employment_items: list[dict[str, Any]] = field(default_factory=list)
    bank_employment_reports: list[dict[str, Any]] = field(default_factory=list)
    sessions: list[dict[str, Any]] = field(default_factory=list)
    refresh_outcome: str = "NOT_FOUND"  # SUCCESSFUL, USER_PRESENCE_REQUIRED, NOT_FOUND
    docs: dict[str, DocSpec] = field(default_factory=dict)

    def add_doc(self, spec: DocSpec) -> None:
        """Register how to render a document by id."""
        self.docs[spec.document_id] = spec
