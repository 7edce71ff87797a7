"""What stands against approving a case: high-severity concerns nobody has dispositioned.

A reviewer may approve a case that Plaid or Reviewer's checks flag, but must be able to defend
it: approving over an open concern asks for a reason and a note, and the concerns open at that
moment are recorded with the decision in the audit trail.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reviewer.review.case_model import CaseSnapshot
from reviewer.review.decisions import signal_key
from reviewer.review.signal_glossary import Severity, effective_severity, guide_for


def open_concerns(snapshot: CaseSnapshot | None, dispositions: Mapping[str, Any]) -> list[str]:
    """High-severity Plaid signals without a disposition and failed high-severity checks."""
    if snapshot is None:
        return []
    concerns: list[str] = []
    for sig in snapshot.risk_signals:
        if not sig.has_fraud_risk or signal_key(sig) in dispositions:
            continue
        if effective_severity(sig.type, sig.has_fraud_risk) != Severity.HIGH:
            continue
        where = f"page {sig.page_number}" if sig.page_number else "the whole document"
        field = (sig.field or "the document").replace("_", " ")
        concerns.append(
            f"Plaid signal with no disposition: {guide_for(sig.type).title} on {field} ({where})"
        )
    for finding in getattr(snapshot, "findings", []) or []:
        if finding.severity == "high":
            concerns.append(f"Reviewer check failed: {finding.summary}")
    return concerns
