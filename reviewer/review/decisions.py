"""Decisions and per-signal dispositions, recorded in the case's append-only audit trail.

A decision is one audit entry whose action starts with "decision." (the store's queue query and
`latest_decision` pick the newest one), so changing one's mind appends a new entry and the old
one stays. Every entry is durable on disk before `record_decision` returns: the UI only says
"saved" after that. Who is the reviewer's name from the settings, or the OS user as a fallback.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from reviewer import __version__
from reviewer.review.case_model import SignalRecord
from reviewer.store import AuditEntry, CaseStore

APPROVE = "approve"
REJECT = "reject"
ESCALATE = "escalate"
REQUEST_DOCUMENTS = "request_documents"

# the audit action of each decision; all share the store's "decision" prefix
DECISION_ACTIONS = {
    APPROVE: "decision.approved",
    REJECT: "decision.rejected",
    ESCALATE: "decision.escalated",
    REQUEST_DOCUMENTS: "decision.documents_requested",
}
DECISION_LABELS = {
    APPROVE: "Approved",
    REJECT: "Rejected",
    ESCALATE: "Escalated",
    REQUEST_DOCUMENTS: "More documents requested",
}
NOTE_REQUIRED = frozenset({REJECT, ESCALATE})

PRESET_REASONS: dict[str, tuple[str, ...]] = {
    APPROVE: (
        "Income verified, documents consistent",
        "Risk signals reviewed: false positives",
        "Low risk score, nothing flagged",
    ),
    REJECT: (
        "Document tampered or edited",
        "Income overstated",
        "Employer could not be verified",
        "Documents belong to another person",
    ),
    ESCALATE: (
        "High risk score needs a second opinion",
        "Documents disagree with each other",
        "Possible identity fraud",
    ),
    REQUEST_DOCUMENTS: (
        "Document unreadable",
        "Document missing pages",
        "Document too old",
        "Need a more recent pay stub",
    ),
}

CONFIRMED_FRAUD = "confirmed_fraud"
FALSE_POSITIVE = "false_positive"
NOT_RELEVANT = "not_relevant"
DISPOSITIONS = {
    CONFIRMED_FRAUD: "Confirmed fraud",
    FALSE_POSITIVE: "False positive",
    NOT_RELEVANT: "Not relevant",
}
DISPOSITION_ACTION = "signal.disposition"


class DecisionInvalid(ValueError):
    """A decision or disposition that cannot be recorded as given (the message says why)."""


@dataclass(frozen=True)
class Decision:
    """What the reviewer decided about a case, before it is recorded."""

    kind: str  # APPROVE, REJECT, ESCALATE or REQUEST_DOCUMENTS
    reasons: tuple[str, ...] = ()
    note: str = ""
    requested_document: str = ""  # for REQUEST_DOCUMENTS: which document
    request_reason: str = ""  # for REQUEST_DOCUMENTS: why
    # high-severity concerns open when the reviewer decided (see review.approval): approving
    # over them needs a reason and a note, and they are recorded with the decision
    open_concerns: tuple[str, ...] = ()

    def validate(self) -> None:
        """Raise DecisionInvalid when something the reviewer must give is missing."""
        if self.kind not in DECISION_ACTIONS:
            raise DecisionInvalid(f"unknown decision {self.kind!r}")
        if self.kind in NOTE_REQUIRED and not self.note.strip():
            raise DecisionInvalid(f"a note is required to {self.kind} a case")
        if self.kind == APPROVE and self.open_concerns:
            count = len(self.open_concerns)
            what = "concern" if count == 1 else "concerns"
            if not self.reasons:
                raise DecisionInvalid(f"approving over {count} open {what}: choose a reason")
            if not self.note.strip():
                raise DecisionInvalid(
                    f"approving over {count} open {what}: a note is required (why they do not"
                    " stand in the way)"
                )
        if self.kind == REQUEST_DOCUMENTS and not self.requested_document.strip():
            raise DecisionInvalid("say which document is needed")
        if self.kind == REQUEST_DOCUMENTS and not (self.request_reason.strip() or self.reasons):
            raise DecisionInvalid("say why the document is needed")

    def lender_text(self) -> str:
        """For REQUEST_DOCUMENTS: the request in words the lender can send the applicant."""
        why = self.request_reason.strip() or "; ".join(self.reasons)
        text = f"Please provide: {self.requested_document.strip()}. Reason: {why}."
        if self.note.strip():
            text += f" {self.note.strip()}"
        return text

    def details(self) -> dict[str, Any]:
        """The audit entry's details."""
        details: dict[str, Any] = {
            "decision": self.kind,
            "reasons": list(self.reasons),
            "note": self.note.strip(),
        }
        if self.open_concerns:
            details["open_concerns"] = list(self.open_concerns)
        if self.kind == REQUEST_DOCUMENTS:
            details["requested_document"] = self.requested_document.strip()
            details["request_reason"] = self.request_reason.strip()
            details["lender_text"] = self.lender_text()
        return details


def reviewer_identity(reviewer_name: str | None) -> str:
    """Who acts: the reviewer's name from the settings, else the OS account, marked as such.

    An entry made before the reviewer gave a name (the demo's first fetch, a fetch from the
    command line) must not pass an account name such as "root" off as a person's.
    """
    if reviewer_name and reviewer_name.strip():
        return reviewer_name.strip()
    try:
        account = getpass.getuser()
    except (OSError, KeyError):  # no login name (containers, odd service accounts)
        return "unknown user (no reviewer name set)"
    return f"{account} (computer account; no reviewer name set)"


def decision_kind(action: str | None) -> str | None:
    """The decision kind of an audit action ("decision.rejected" -> "reject"), or None."""
    for kind, name in DECISION_ACTIONS.items():
        if action == name:
            return kind
    return None


def decision_label(action: str | None) -> str:
    """The queue's words for a case's newest decision action ("Undecided" when none)."""
    kind = decision_kind(action)
    return DECISION_LABELS[kind] if kind else "Undecided"


def matches_filter(action: str | None, queue_filter: str) -> bool:
    """Whether a case with this newest decision action passes the queue filter.

    Filters: "all", "undecided" (no decision yet), "escalated", "decided".
    """
    kind = decision_kind(action)
    if queue_filter == "undecided":
        return kind is None
    if queue_filter == "escalated":
        return kind == ESCALATE
    if queue_filter == "decided":
        return kind is not None
    return True


def signal_key(signal: SignalRecord) -> str:
    """A stable id of a risk signal across refetches (Plaid gives signals no id)."""
    ident = [
        sorted(signal.document_ids),
        signal.type,
        signal.field,
        signal.page_number,
        signal.expected_value,
        signal.actual_value,
    ]
    return hashlib.sha256(json.dumps(ident).encode()).hexdigest()[:16]


class Decisions:
    """Records decisions and dispositions for one reviewer in a store's audit trail."""

    def __init__(self, store: CaseStore, actor: str, app_version: str = __version__) -> None:
        self.store = store
        self.actor = actor
        self.app_version = app_version

    def record_decision(self, case_id: str, decision: Decision) -> AuditEntry:
        """Validate and append the decision; durable on disk when this returns."""
        decision.validate()
        return self.store.append_audit(
            case_id,
            actor=self.actor,
            action=DECISION_ACTIONS[decision.kind],
            details=decision.details(),
            app_version=self.app_version,
        )

    def record_disposition(
        self, case_id: str, signal: SignalRecord, disposition: str, note: str = ""
    ) -> AuditEntry:
        """Append a signal's disposition (the newest one per signal counts)."""
        if disposition not in DISPOSITIONS:
            raise DecisionInvalid(f"unknown disposition {disposition!r}")
        details = {
            "signal": signal_key(signal),
            "disposition": disposition,
            "note": note.strip(),
            "type": signal.type,
            "field": signal.field,
            "page_number": signal.page_number,
            "document_ids": list(signal.document_ids),
        }
        return self.store.append_audit(
            case_id,
            actor=self.actor,
            action=DISPOSITION_ACTION,
            details=details,
            app_version=self.app_version,
        )

    def dispositions(self, case_id: str) -> dict[str, dict[str, Any]]:
        """Per signal key, the newest disposition's details (with who and when)."""
        result: dict[str, dict[str, Any]] = {}
        for entry in self.store.audit_trail(case_id):
            if entry.action == DISPOSITION_ACTION:
                key = str(entry.details.get("signal"))
                result[key] = {**entry.details, "actor": entry.actor, "at": entry.timestamp}
        return result

    def current_decision(self, case_id: str) -> AuditEntry | None:
        """The case's newest decision entry."""
        return self.store.latest_decision(case_id)

    def purge(self, case_id: str, *, confirmation: str, reason: str) -> None:
        """Delete a case's data, leaving a tombstone in its trail.

        `confirmation` must be the case's label (or its id when it has none), typed by the
        reviewer: a purge cannot be undone.
        """
        case = self.store.get_case(case_id)
        if case is None:
            raise DecisionInvalid(f"no case {case_id!r}")
        expected = case.label or case.id
        if confirmation.strip() != expected:
            raise DecisionInvalid(f"type {expected!r} to confirm the purge")
        if not reason.strip():
            raise DecisionInvalid("say why the case is purged")
        self.store.purge_case(
            case_id, actor=self.actor, app_version=self.app_version, reason=reason.strip()
        )
