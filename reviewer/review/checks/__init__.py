"""Reviewer's evidence checks: arithmetic, reconciliation, identity and dates on the case model.

`EvidenceChecks` is the findings producer (see `reviewer.review.findings_run`): it reads the
typed case model once and runs every check on it. Bump `CHECKS_VERSION` whenever a check is
added or its results would change: stored findings of another version are recomputed.
"""

from __future__ import annotations

from reviewer.review.case_model import CaseSnapshot
from reviewer.review.document_backend import DocumentBackend
from reviewer.review.findings import Finding

CHECKS_VERSION = "1"


class EvidenceChecks:
    """The findings producer for the evidence checks."""

    name = "checks"
    version = CHECKS_VERSION

    def compute(self, snapshot: CaseSnapshot, backend: DocumentBackend) -> list[Finding]:
        """Every check on the snapshot (the backend is not needed: values are placed later)."""
        return []
