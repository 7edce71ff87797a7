"""The evidence checks' findings producer, light to import.

Whether a snapshot's findings are current is decided from the producers' names and versions
alone, by every command that prints a case (`reviewer show`) and by every case opened in the
app. Importing `reviewer.review.checks` for that would load every check and the typed case
model (a tenth of a second per command); this module names the producer and its version and
loads the checks when it first computes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reviewer.review.case_model import CaseSnapshot
    from reviewer.review.document_backend import DocumentBackend
    from reviewer.review.findings import Finding

CHECKS_VERSION = "2"  # 2: dates judged from the evidence day, not the fetch day


class EvidenceChecks:
    """The findings producer for the evidence checks."""

    name = "checks"
    version = CHECKS_VERSION

    def compute(self, snapshot: CaseSnapshot, backend: DocumentBackend) -> list[Finding]:
        """Every check on the snapshot, the statements' printed rows read through `backend`
        (values named in `where` are placed on the page afterwards)."""
        from reviewer.review.checks import fetched_day, printed_statement_checks, run_checks

        found = run_checks(snapshot.model, fetched_day(snapshot))
        return found + printed_statement_checks(snapshot, backend)
