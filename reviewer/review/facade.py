"""What the UI sees of the core: the `ReviewService` interface and what each operation changed.

The UI holds a `ReviewService` and nothing below it: no case store, no documents library, no
Plaid client. Every method may block (network, disk, the documents worker), so the UI calls
them on its task runner, never on the GUI thread. Operations that change a case return (or carry)
an `OpChanges` saying what changed, so the UI refreshes only that (Anki's `OpChanges` model).

This module is light on purpose (no Plaid models, no PyMuPDF): the window imports it before its
first paint. The heavy types are imported for annotations only.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from reviewer.review.case_model import CaseSnapshot, CaseSummary, DocumentRecord, SignalRecord
from reviewer.review.progress import CancelCheck, ProgressCallback

if TYPE_CHECKING:
    from reviewer.review.actions import ActionOutcome, PollPolicy
    from reviewer.review.decisions import Decision
    from reviewer.review.service import FetchResult
    from reviewer.store import AuditEntry as AuditEntry  # re-exported for the UI


@dataclass(frozen=True)
class OpChanges:
    """What an operation changed, so each view refreshes only what it shows.

    `case_ids` are the cases concerned; the flags say which part of them changed.
    """

    case_ids: tuple[str, ...] = ()
    listed: bool = False  # the case is new to the queue, or its row changed
    snapshot: bool = False  # a new snapshot was stored: tabs, documents, signals, queue row
    decision: bool = False  # the case's decision changed: its queue row
    audit: bool = False  # entries were appended to the audit trail
    dispositions: bool = False  # signal dispositions were recorded
    removed: bool = False  # the case was purged: its row and view go

    @property
    def queue(self) -> bool:
        """The queue rows of `case_ids` need re-reading."""
        return self.listed or self.snapshot or self.decision or self.removed

    def touches(self, case_id: str | None) -> bool:
        """The change concerns this case."""
        return case_id is not None and case_id in self.case_ids

    def merge(self, other: OpChanges) -> OpChanges:
        """Both changes at once (a demo fetch of many cases, a webhook for several)."""
        ids = self.case_ids + tuple(c for c in other.case_ids if c not in self.case_ids)
        return OpChanges(
            ids,
            listed=self.listed or other.listed,
            snapshot=self.snapshot or other.snapshot,
            decision=self.decision or other.decision,
            audit=self.audit or other.audit,
            dispositions=self.dispositions or other.dispositions,
            removed=self.removed or other.removed,
        )


NO_CHANGES = OpChanges()


@dataclass(frozen=True)
class CaseLanded:
    """Progress of a fetch of many cases: one case was stored (or its checks ran).

    Reported through the task's progress as soon as it happens, so the window applies `changes`
    (the queue shows the case) without waiting for the other cases. `done` of `total` cases.
    """

    changes: OpChanges
    step: str  # in words, for the status bar: "Fetched APP-1003"
    done: int
    total: int


# what a fetch of many cases reports: a `CaseLanded` per case (no per-endpoint steps)
DemoProgress = Callable[[CaseLanded], None]


@dataclass(frozen=True)
class DemoApplicant:
    """A demo user of the embedded sandbox, as the UI offers it (no story, no documents)."""

    key: str
    label: str
    user_token: str | None
    user_id: str | None


@dataclass(frozen=True)
class DispositionChoice:
    """A reviewer's disposition of one risk signal, with an optional note."""

    signal: SignalRecord
    disposition: str
    note: str = ""


@dataclass(frozen=True)
class DecisionSaved:
    """A decision durable in the audit trail."""

    entry: AuditEntry
    changes: OpChanges


@dataclass(frozen=True)
class WebhookReport:
    """What a pasted webhook did: `problem` when the text was not a webhook at all."""

    message: str
    changes: OpChanges = NO_CHANGES
    problem: str | None = None


@dataclass(frozen=True)
class ExportResult:
    """How a report export ended, in words for the status bar."""

    ok: bool
    message: str
    changes: OpChanges = field(default=NO_CHANGES)


class ReviewService(Protocol):
    """Every operation the UI performs on cases. Each call may block: run it on a task."""

    # -- the service itself -----------------------------------------------------------------

    @property
    def environment_label(self) -> str:
        """Where Plaid calls go, for the status bar ("LOCAL SANDBOX (demo)", "production")."""
        ...

    @property
    def can_fetch(self) -> tuple[bool, str]:
        """Whether actions that need Plaid are possible now, and if not, why."""
        ...

    @property
    def data_dir(self) -> Path:
        """The data directory of the case store (the export's child process opens it)."""
        ...

    def set_offline(self, offline: bool) -> None:
        """Force offline mode: cached cases stay readable, Plaid calls are refused."""
        ...

    def set_reviewer_name(self, name: str | None) -> None:
        """Who the audit trail names for fetches (None: the OS account)."""
        ...

    def gc_documents(self) -> int:
        """Remove document files no snapshot references; how many went."""
        ...

    def apply_retention(self, days: int | None) -> list[str]:
        """Purge the cases decided more than `days` days ago (0/None: off); their labels."""
        ...

    def close(self) -> None:
        """Close the Plaid client, the documents backend and the store."""
        ...

    # -- reading (offline) ------------------------------------------------------------------

    def list_cases(self) -> list[CaseSummary]:
        """Every cached case for the queue."""
        ...

    def case_summaries(self, case_ids: Collection[str]) -> list[CaseSummary]:
        """The queue rows of these cases (purged or unknown ones are left out)."""
        ...

    def load_case(self, case_id: str) -> CaseSnapshot | None:
        """The newest snapshot of a case, or None if it was never fetched."""
        ...

    def document_path(self, doc: DocumentRecord) -> Path | None:
        """Where a stored document's file is, if it was downloaded."""
        ...

    def findings_stale(self, snapshot: CaseSnapshot) -> bool:
        """Some of Reviewer's checks have no current findings for this snapshot."""
        ...

    def update_findings(self, snapshot: CaseSnapshot) -> CaseSnapshot:
        """The snapshot with every check's findings current (computed and stored if stale)."""
        ...

    def audit_trail(self, case_id: str) -> list[AuditEntry]:
        """The case's audit trail, oldest first."""
        ...

    def dispositions(self, case_id: str) -> dict[str, dict[str, Any]]:
        """Per signal key, the newest disposition's details (with who and when)."""
        ...

    def payroll_items(self, case_id: str) -> list[str]:
        """Item ids in the case's payroll income (what a payroll refresh can name)."""
        ...

    def open_concerns(self, case_id: str) -> list[str]:
        """High-severity concerns nobody has dispositioned: what approving must answer."""
        ...

    def document_income_items(self, case_id: str) -> list[str]:
        """Item ids of the case's document income (what Plaid parses)."""
        ...

    def item_names(self, case_id: str) -> dict[str, str]:
        """Per item id, the name a reviewer reads ("Gusto (2 pay stubs, 1 W-2)")."""
        ...

    # -- fetching ---------------------------------------------------------------------------

    def demo_applicants(self) -> list[DemoApplicant]:
        """The embedded sandbox's users in demo mode; empty otherwise."""
        ...

    def demo_cases_missing(self) -> bool:
        """Demo mode and some demo user has no fetched case yet."""
        ...

    def fetch_case(
        self,
        *,
        user_token: str | None = None,
        user_id: str | None = None,
        label: str | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> FetchResult:
        """Create (or find) the case for a user and fetch everything into a new snapshot."""
        ...

    def refetch_case(
        self,
        case_id: str,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> FetchResult:
        """Fetch a known case again; the previous snapshot stays if this fails."""
        ...

    def fetch_demo_cases(
        self, progress: DemoProgress | None = None, cancel: CancelCheck | None = None
    ) -> list[FetchResult]:
        """Fetch every demo user not fetched yet, a few at a time; each stored case is
        reported at once through `progress` as a `CaseLanded`."""
        ...

    # -- deciding ---------------------------------------------------------------------------

    def record_decision(self, case_id: str, decision: Decision, *, actor: str) -> DecisionSaved:
        """Validate and append a decision; durable on disk when this returns."""
        ...

    def record_dispositions(
        self, case_id: str, choices: Sequence[DispositionChoice], *, actor: str
    ) -> OpChanges:
        """Append each signal's disposition; durable when this returns."""
        ...

    def purge_case(self, case_id: str, *, confirmation: str, reason: str, actor: str) -> OpChanges:
        """Delete a case's data (the typed label confirms), leaving a tombstone in its trail."""
        ...

    # -- acting on Plaid --------------------------------------------------------------------

    def refresh_payroll(
        self,
        case_id: str,
        item_ids: Sequence[str] | None,
        webhook: str | None,
        *,
        actor: str,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> ActionOutcome:
        """Ask Plaid to refresh payroll; refetch when it did and say what changed."""
        ...

    def update_parsing_config(
        self,
        case_id: str,
        item_id: str,
        config: Sequence[str],
        *,
        actor: str,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
        poll: PollPolicy | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> ActionOutcome:
        """Change an item's parsing configuration; poll risk signals until ready, refetch.

        `sleep` waits between polls (the UI's wakes at once when the reviewer cancels).
        """
        ...

    def process_webhook(
        self, text: str, *, actor: str, cancel: CancelCheck | None = None
    ) -> WebhookReport:
        """Route a pasted Income webhook body to its cases, record it, refetch if needed."""
        ...

    def export_report(self, case_id: str, out: Path) -> ExportResult:
        """Write the case's report (PDF or JSON by the name) in a child process."""
        ...
