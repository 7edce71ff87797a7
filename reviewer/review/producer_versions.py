"""Each findings producer's name and current version, light to import.

Whether a snapshot's stored findings are current is decided from these alone: `reviewer show`
asks it for every case it prints, and must not load the producers' code for that (the
forensics report types, seen-before's matching, the decisions' labels). The producers take
their versions from here (`forensics.DocumentForensics`, `seen_before.SeenBefore`,
`checks_producer.EvidenceChecks`); tests/review/test_cli_show.py keeps the two lists equal.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from reviewer.documents.forensics import VERSION as ANALYSIS_VERSION
from reviewer.review.checks_producer import CHECKS_VERSION

if TYPE_CHECKING:
    from reviewer.store import CaseStore

FORENSICS_VERSION = f"{ANALYSIS_VERSION}.2"  # .2: metadata against the document's own dates
SEEN_BEFORE_VERSION = "3"  # 3: layout needs the same figures, a colleague's employer is none


def seen_before_version(store: CaseStore) -> str:
    """Changes whenever any case is fetched or decided (its matches may have changed)."""
    state = ";".join(f"{r.id}:{r.fetched_at}:{r.decision}:{r.label}" for r in store.list_cases())
    return f"{SEEN_BEFORE_VERSION}/{hashlib.sha256(state.encode()).hexdigest()[:16]}"


def current_versions(store: CaseStore) -> dict[str, str]:
    """Producer name -> its current version: the same as `case_reading.every_producer`'s."""
    return {
        "checks": CHECKS_VERSION,
        "forensics": FORENSICS_VERSION,
        "seen_before": seen_before_version(store),
    }
