"""`AppService`: the `ReviewService` the desktop app talks to (see `reviewer.review.facade`).

It wraps a `CaseService` (store, Plaid client, documents backend) and adds what the app does to
a case (decide, dispositions, purge, Plaid actions, webhooks, export), each returning what it
changed (`OpChanges`). The UI holds only the interface: it never sees the store or the client.
Every method may block; the UI calls them on its task runner.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewer.review.case_model import CaseSnapshot, CaseSummary, DocumentRecord
from reviewer.review.decisions import Decision, Decisions
from reviewer.review.facade import (
    DecisionSaved,
    DemoApplicant,
    DemoProgress,
    DispositionChoice,
    ExportResult,
    OpChanges,
    WebhookReport,
)
from reviewer.review.progress import CancelCheck, ProgressCallback
from reviewer.review.service import CaseService, FetchResult
from reviewer.store import AuditEntry

if TYPE_CHECKING:
    from reviewer.review.actions import ActionOutcome, PollPolicy
    from reviewer.review.demo_head_start import DemoHeadStart
    from reviewer.review.facade import ReviewService


class AppService:
    """The app's view of one `CaseService`: reading, fetching, deciding, acting, exporting."""

    def __init__(self, core: CaseService) -> None:
        self.core = core

    @classmethod
    def open(
        cls,
        data_dir: Path | str | None = None,
        *,
        demo: bool = False,
        passphrase: str | None = None,
        head_start: DemoHeadStart | None = None,
    ) -> AppService:
        """Open the store for the app: documents are inspected in the documents worker.

        Raises PassphraseRequired / KeyUnavailable (reviewer.review.unlocking) for the window
        to ask for the passphrase or explain a lost key. `head_start`: a first demo run's
        processes, started ahead from the window's first frame (`demo_head_start`).
        """
        return cls(
            CaseService.open(
                data_dir,
                demo=demo,
                isolated_documents=True,
                passphrase=passphrase,
                head_start=head_start,
            )
        )

    # -- the service itself -----------------------------------------------------------------

    @property
    def environment_label(self) -> str:
        """Where Plaid calls go."""
        return self.core.environment_label

    @property
    def can_fetch(self) -> tuple[bool, str]:
        """Whether actions that need Plaid are possible now, and if not, why."""
        return self.core.can_fetch

    @property
    def data_dir(self) -> Path:
        """The data directory of the case store."""
        return self.core.data_dir

    def set_offline(self, offline: bool) -> None:
        """Force offline mode."""
        self.core.set_offline(offline)

    def set_reviewer_name(self, name: str | None) -> None:
        """Who the audit trail names for fetches (None: the OS account)."""
        self.core.reviewer_name = name

    def gc_documents(self) -> int:
        """Remove document files no snapshot references."""
        return self.core.gc_documents()

    def apply_retention(self, days: int | None) -> list[str]:
        """Purge the cases decided more than `days` days ago (0/None: off); their labels."""
        return self.core.apply_retention(days)

    def close(self) -> None:
        """Close the Plaid client, the documents backend and the store."""
        self.core.close()

    # -- reading ----------------------------------------------------------------------------

    def list_cases(self) -> list[CaseSummary]:
        """Every cached case for the queue."""
        return self.core.list_cases()

    def case_summaries(self, case_ids: Collection[str]) -> list[CaseSummary]:
        """The queue rows of these cases."""
        return self.core.case_summaries(case_ids)

    def load_case(self, case_id: str) -> CaseSnapshot | None:
        """The newest snapshot of a case, its case model built (here, on the task runner: the
        window's tabs read it on the GUI thread, where building it would stall the window)."""
        snapshot = self.core.load_case(case_id)
        if snapshot is not None:
            _ = snapshot.model
        return snapshot

    def document_path(self, doc: DocumentRecord) -> Path | None:
        """Where a stored document's file is."""
        return self.core.document_path(doc)

    def findings_stale(self, snapshot: CaseSnapshot) -> bool:
        """Some of Reviewer's checks have no current findings for this snapshot."""
        return self.core.findings_stale(snapshot)

    def update_findings(self, snapshot: CaseSnapshot) -> CaseSnapshot:
        """The snapshot with every check's findings current."""
        return self.core.update_findings(snapshot)

    def audit_trail(self, case_id: str) -> list[AuditEntry]:
        """The case's audit trail, oldest first."""
        return self.core.audit_trail(case_id)

    # -- fetching ---------------------------------------------------------------------------

    def demo_applicants(self) -> list[DemoApplicant]:
        """The embedded sandbox's users in demo mode."""
        return self.core.demo_applicants()

    def demo_cases_missing(self) -> bool:
        """Demo mode and some demo user has no fetched case yet."""
        return self.core.demo_cases_missing()

    def fetch_case(
        self,
        *,
        user_token: str | None = None,
        user_id: str | None = None,
        label: str | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> FetchResult:
        """Create (or find) the case for a user and fetch it."""
        return self.core.fetch_case(
            user_token=user_token, user_id=user_id, label=label, progress=progress, cancel=cancel
        )

    def refetch_case(
        self,
        case_id: str,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> FetchResult:
        """Fetch a known case again."""
        return self.core.refetch_case(case_id, progress, cancel)

    def fetch_demo_cases(
        self, progress: DemoProgress | None = None, cancel: CancelCheck | None = None
    ) -> list[FetchResult]:
        """Fetch every demo user not fetched yet; each stored case reported as it lands."""
        return self.core.fetch_demo_cases(progress, cancel)

    # -- deciding (see reviewer.review.decisions) ------------------------------------------

    def record_decision(self, case_id: str, decision: Decision, *, actor: str) -> DecisionSaved:
        """Validate and append a decision; durable on disk when this returns."""
        entry = Decisions(self.core.store, actor).record_decision(case_id, decision)
        return DecisionSaved(entry, OpChanges((case_id,), decision=True, audit=True))

    def dispositions(self, case_id: str) -> dict[str, dict[str, Any]]:
        """Per signal key, the newest disposition's details (with who and when)."""
        return Decisions(self.core.store, "").dispositions(case_id)

    def record_dispositions(
        self, case_id: str, choices: Sequence[DispositionChoice], *, actor: str
    ) -> OpChanges:
        """Append each signal's disposition; durable when this returns."""
        decisions = Decisions(self.core.store, actor)
        for choice in choices:
            decisions.record_disposition(case_id, choice.signal, choice.disposition, choice.note)
        return OpChanges((case_id,), dispositions=True, audit=bool(choices))

    def purge_case(self, case_id: str, *, confirmation: str, reason: str, actor: str) -> OpChanges:
        """Delete a case's data (the typed label confirms), leaving a tombstone in its trail."""
        Decisions(self.core.store, actor).purge(case_id, confirmation=confirmation, reason=reason)
        return OpChanges((case_id,), removed=True, audit=True)

    # -- acting on Plaid (see reviewer.review.actions and .webhooks) -------------------------

    def open_concerns(self, case_id: str) -> list[str]:
        """High-severity concerns nobody has dispositioned: what approving must answer."""
        from reviewer.review.approval import open_concerns

        return open_concerns(self.core.load_case(case_id), self.dispositions(case_id))

    def payroll_items(self, case_id: str) -> list[str]:
        """Item ids in the case's payroll income (what a payroll refresh can name)."""
        from reviewer.review.actions import payroll_items

        return payroll_items(self.core, case_id)

    def document_income_items(self, case_id: str) -> list[str]:
        """Item ids of the case's document income (what Plaid parses)."""
        from reviewer.review.actions import document_income_items

        return document_income_items(self.core, case_id)

    def item_names(self, case_id: str) -> dict[str, str]:
        """Per item id, the name a reviewer reads ("Gusto (2 pay stubs, 1 W-2)")."""
        from reviewer.review.item_names import item_names

        snapshot = self.core.load_case(case_id)
        return item_names(snapshot.model) if snapshot is not None else {}

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
        from reviewer.review.actions import CaseActions

        outcome = CaseActions(self.core, actor).refresh_payroll(
            case_id, item_ids, webhook, progress, cancel
        )
        return _with_changes(outcome, case_id)

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
        """Change an item's parsing configuration; poll risk signals until ready, refetch."""
        from reviewer.review.actions import CaseActions

        core = self.core
        actions = (
            CaseActions(core, actor) if sleep is None else CaseActions(core, actor, sleep=sleep)
        )
        outcome = actions.update_parsing_config(case_id, item_id, config, progress, cancel, poll)
        return _with_changes(outcome, case_id)

    def process_webhook(
        self, text: str, *, actor: str, cancel: CancelCheck | None = None
    ) -> WebhookReport:
        """Route a pasted Income webhook body to its cases, record it, refetch if needed."""
        from reviewer.review.actions import CaseActions
        from reviewer.review.webhooks import (
            WebhookInvalid,
            apply_webhook,
            parse_webhook_text,
            plan_webhook,
        )

        try:
            payload = parse_webhook_text(text)
        except WebhookInvalid as exc:
            return WebhookReport(f"Not a webhook: {exc}", problem=str(exc))
        plan = plan_webhook(self.core, payload)
        fetched = apply_webhook(CaseActions(self.core, actor), plan, cancel=cancel)
        changes = OpChanges(tuple(plan.case_ids), audit=bool(plan.case_ids))
        for result in fetched.values():
            if result is not None:
                changes = changes.merge(result.changes)
        return WebhookReport(plan.describe(), changes)

    def export_report(self, case_id: str, out: Path) -> ExportResult:
        """Write the case's report (PDF or JSON by the name) in a child process: the PDF
        draws crops of applicants' pages with PyMuPDF, never inside the app's process."""
        from reviewer.review.export_process import run_export

        return run_export(case_id, out, self.data_dir)


def _with_changes(outcome: ActionOutcome, case_id: str) -> ActionOutcome:
    """An action always writes the trail; it stored a snapshot when it refetched."""
    stored = outcome.fetch is not None and outcome.fetch.stored
    return replace(outcome, changes=OpChanges((case_id,), snapshot=stored, audit=True))


def _conforms(service: AppService) -> ReviewService:
    """Checked by mypy only: `AppService` implements the UI's `ReviewService` interface."""
    return service
