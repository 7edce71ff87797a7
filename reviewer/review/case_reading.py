"""Reading a cached case into the read model, and whether its findings are current.

`CaseService` reads cases through these functions, and so does `reviewer show`
(`commands_show`) when it prints a case without the service: one way of reading, whoever
reads. Light to import on purpose (no Plaid client, settings, documents backend or findings
producers' computations): the command line pays for every module a command imports.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from reviewer.review.case_model import CaseSnapshot, DocumentRecord
from reviewer.review.findings import Finding, finding_from_record, worst_first
from reviewer.review.show_facts import FACTS_VERSION, readable
from reviewer.review.snapshots import case_snapshot
from reviewer.store import CaseStore

if TYPE_CHECKING:
    from reviewer.review.findings_run import FindingsProducer


def every_producer(store: CaseStore, now: Callable[[], datetime]) -> list[FindingsProducer]:
    """Every findings producer a snapshot gets: the evidence checks, the document forensics
    and seen-before. Each names itself and its version; their computations load when they
    first compute."""
    from reviewer.review.checks_producer import EvidenceChecks
    from reviewer.review.forensics import DocumentForensics
    from reviewer.review.seen_before import SeenBefore

    return [EvidenceChecks(), DocumentForensics(now=now), SeenBefore(store)]


def stored_findings(store: CaseStore, snapshot_id: int) -> list[Finding]:
    """Every finding stored for the snapshot, worst first, whatever version made them."""
    found: list[Finding] = []
    for stored in store.findings(snapshot_id):
        found.extend(f for f in map(finding_from_record, stored.records) if f is not None)
    return worst_first(found)


def stored_facts(store: CaseStore, snapshot_id: int) -> dict[str, Any] | None:
    """The show facts stored beside the snapshot, if current and readable."""
    stored = store.facts(snapshot_id)
    if stored is None or stored[0] != FACTS_VERSION:
        return None
    return readable(stored[1])


def verified(store: CaseStore, doc: DocumentRecord) -> DocumentRecord:
    """The document as stored, or without its path and with the problem in words when its
    file is missing or its bytes no longer match their SHA-256: such a file is never shown
    as the applicant's evidence."""
    if not doc.sha256:
        return doc
    problem = store.document_problem(doc.sha256)
    if problem is None:
        return doc
    return replace(doc, path=None, problem=problem)


def read_case(store: CaseStore, case_id: str) -> CaseSnapshot | None:
    """The newest snapshot of a case as the read model, or None if never fetched.

    Carries the findings and show facts stored with it, as they are: this never runs a
    check (`findings_stale` says whether they are current).
    """
    case = store.find_case(case_id)
    if case is None:
        return None
    stored = store.latest_snapshot(case.id)
    if stored is None:
        return None
    snapshot = case_snapshot(case, stored)
    return replace(
        snapshot,
        documents=[verified(store, doc) for doc in snapshot.documents],
        findings=stored_findings(store, stored.id),
        facts=stored_facts(store, stored.id),
    )


def findings_stale(
    store: CaseStore, snapshot: CaseSnapshot, producers: Sequence[FindingsProducer]
) -> bool:
    """True when some producer's findings for this snapshot are missing or of another
    version, or the show facts stored beside it are missing."""
    return _stale(store, snapshot, {p.name: p.version for p in producers})


def findings_stale_now(store: CaseStore, snapshot: CaseSnapshot) -> bool:
    """`findings_stale` for every producer (`every_producer`), from their names and current
    versions alone (`producer_versions`): the producers' code is not loaded."""
    from reviewer.review.producer_versions import current_versions

    return _stale(store, snapshot, current_versions(store))


def _stale(store: CaseStore, snapshot: CaseSnapshot, current: dict[str, str]) -> bool:
    if snapshot.snapshot_id is None:
        return False
    if snapshot.facts is None:
        return True
    stored = store.finding_versions(snapshot.snapshot_id)
    return any(stored.get(name) != version for name, version in current.items())
