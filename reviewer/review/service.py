"""`CaseService`: the core the app and the command line work through.

It owns the case store, the Plaid client (or the embedded local sandbox in demo mode) and the
documents backend, and turns use cases into plain calls. The command line uses it directly; the
app sees it only through `reviewer.review.app_service.AppService`, the `ReviewService` interface
of `reviewer.review.facade`. Every method may block (network, disk, PyMuPDF); the UI calls them
on its task runner, never on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from reviewer import __version__, paths
from reviewer.plaid.errors import PlaidConfigurationError
from reviewer.review.case_model import CaseSnapshot, CaseSummary, DocumentRecord, FetchError
from reviewer.review.case_reading import every_producer, findings_stale, read_case
from reviewer.review.document_backend import DocumentBackend, InProcessDocuments
from reviewer.review.facade import NO_CHANGES, DemoApplicant, DemoProgress, OpChanges
from reviewer.review.findings_run import FindingsProducer, refresh
from reviewer.review.progress import CancelCheck, FetchCancelled, FetchFailed, ProgressCallback
from reviewer.review.show_facts import FACTS_VERSION, facts_from_model
from reviewer.review.snapshots import summary
from reviewer.settings import FetchLimits, Settings
from reviewer.store import AuditEntry, CaseStore, StoredCase, UnknownCase

if TYPE_CHECKING:
    # the Plaid client, its models and httpx load on the first fetch: listing and showing
    # cached cases (the command line's `cases` and `show`) never pays for them
    from reviewer.plaid.client import PlaidClient
    from reviewer.review.demo_head_start import DemoHeadStart
    from reviewer.review.fetch import FetchOutcome

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FetchResult:
    """What a fetch did, in words a reviewer can read."""

    case_id: str | None
    ok: bool  # stored, every endpoint succeeded
    stored: bool  # a snapshot was stored (possibly with some endpoints failed)
    errors: list[FetchError]
    message: str
    outcome: FetchOutcome | None = None
    changes: OpChanges = NO_CHANGES


class CaseService:
    """Cases, fetches and documents for one data directory and one Plaid environment."""

    def __init__(
        self,
        store: CaseStore,
        client_factory: Callable[[], PlaidClient] | None,
        *,
        environment_label: str,
        backend: DocumentBackend | None = None,
        demo_users: list[DemoApplicant] | None = None,
        producers: Sequence[FindingsProducer] | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = store
        # the wall clock dating fetches and the forensic "in the future" test (tests inject it)
        self.now: Callable[[], datetime] = now or (lambda: datetime.now(UTC))
        self._client_factory = client_factory
        self._client: PlaidClient | None = None
        self._client_lock = threading.Lock()
        self.environment_label = environment_label
        # who the audit trail names for fetches (the UI sets the reviewer's name; else the OS
        # account, see decisions.reviewer_identity)
        self.reviewer_name: str | None = None
        self.backend: DocumentBackend = backend or InProcessDocuments()
        self._demo_users = demo_users or []
        self._offline = False
        self.limits = FetchLimits()
        self._producers = producers

    @property
    def producers(self) -> Sequence[FindingsProducer]:
        """The findings producers (evidence checks, forensics) every snapshot gets."""
        if self._producers is None:
            self._producers = every_producer(self.store, self.now)
        return self._producers

    @classmethod
    def open(
        cls,
        data_dir: Path | str | None = None,
        *,
        demo: bool = False,
        backend: DocumentBackend | None = None,
        environment: str | None = None,
        base_url: str | None = None,
        isolated_documents: bool = False,
        passphrase: str | None = None,
        create: bool = True,
        check: Literal["full", "listing"] = "full",
        head_start: DemoHeadStart | None = None,
    ) -> CaseService:
        """Open the store; demo mode talks to the local sandbox, nothing to configure.

        `isolated_documents` (the app): applicants' documents are inspected and searched in the
        documents worker process, never in this one, so a hostile file costs a message only.
        `check`: how much of the database the open checks (`CaseStore`).
        `head_start`: a first demo run's processes, started ahead from the window's first frame.
        """
        directory = paths.data_dir(data_dir, demo=demo)
        first_demo_run = demo and CaseStore.missing(directory) is not None
        demo_clients = None
        if demo:
            from reviewer.review.demo import demo_client_factory

            # documents in the worker process (the app, the command line): the sandbox too in
            # a process of its own
            demo_clients = demo_client_factory(
                own_process=isolated_documents,
                started_ahead=head_start.take_sandbox() if head_start else None,
            )
        if backend is None and isolated_documents:
            from reviewer.review.document_backend import WorkerDocuments

            if first_demo_run:  # every demo case is fetched as soon as the store is open
                from reviewer.review.demo import warm_up_demo_fetch
                from reviewer.review.documents_access import DocumentWorker

                worker = DocumentWorker(
                    started_ahead=head_start.take_worker() if head_start else None
                )
                warm_up_demo_fetch(worker, demo_clients)
                backend = WorkerDocuments(worker)
            else:
                backend = WorkerDocuments()  # its worker starts with the first document
        # the cache is encrypted: PassphraseRequired / KeyUnavailable say what is needed
        store = CaseStore(directory, passphrase, create=create, check=check)
        if demo_clients is not None:
            from reviewer.review.demo import demo_user_list

            return cls(
                store,
                demo_clients,
                environment_label="LOCAL SANDBOX (demo)",
                backend=backend,
                demo_users=demo_user_list(),
            )
        from reviewer.review.credentials import plaid_client_factory

        factory, label = plaid_client_factory(environment=environment, base_url=base_url)
        service = cls(store, factory, environment_label=label, backend=backend)
        service.limits = Settings.load().fetch_limits()
        return service

    # -- reading (works offline, no credentials needed) -------------------------------------

    def list_cases(self, *, limit: int | None = None, offset: int = 0) -> list[CaseSummary]:
        """Every cached case for the queue, from the newest snapshot of each, oldest first;
        `limit`/`offset` read one page."""
        return [summary(row) for row in self.store.list_cases(limit=limit, offset=offset)]

    def count_cases(self) -> int:
        """How many cases the cache holds."""
        return self.store.count_cases()

    def case_summaries(self, case_ids: Collection[str]) -> list[CaseSummary]:
        """The queue rows of these cases (read for them alone, however big the queue)."""
        return [summary(row) for row in self.store.case_rows(case_ids)]

    def find_case(self, key: str) -> StoredCase | None:
        """A case by id or label."""
        return self.store.find_case(key)

    def load_case(self, case_id: str) -> CaseSnapshot | None:
        """The newest snapshot of a case as the read model, or None if never fetched.

        Carries the findings stored with it, as they are: this never runs a check (opening a
        case must not wait for them); `update_findings` brings them up to date.
        """
        return read_case(self.store, case_id)

    def findings_stale(self, snapshot: CaseSnapshot) -> bool:
        """True when some producer's findings for this snapshot are missing or outdated, or
        the show facts stored beside it are (`update_findings` brings both up to date)."""
        return findings_stale(self.store, snapshot, self.producers)

    def update_findings(self, snapshot: CaseSnapshot) -> CaseSnapshot:
        """The snapshot with every producer's findings current (computed and stored if stale).

        Blocks while checks run: call it off the GUI thread. A case purged while its checks ran
        has nowhere to keep them: the snapshot comes back as it was.
        """
        try:
            findings = refresh(self.store, snapshot, self.backend, self.producers)
            facts = snapshot.facts
            if facts is None and snapshot.snapshot_id is not None:
                facts = facts_from_model(snapshot.model)
                self.store.save_facts(snapshot.snapshot_id, FACTS_VERSION, facts)
        except UnknownCase:
            log.info("findings not stored: the snapshot is gone (case purged meanwhile)")
            return snapshot
        return snapshot.with_findings(findings, facts)

    def load_case_checked(self, case_id: str) -> CaseSnapshot | None:
        """`load_case` with findings brought up to date (the command line and the report)."""
        snapshot = self.load_case(case_id)
        return None if snapshot is None else self.update_findings(snapshot)

    def apply_retention(self, days: int | None) -> list[str]:
        """Purge the cases decided more than `days` days ago (0/None: off); their labels."""
        from reviewer.review.unlocking import apply_retention

        return apply_retention(self.store, days, __version__)

    def document_path(self, doc: DocumentRecord) -> Path | None:
        """Where a stored document's file is, if it was downloaded and its bytes still match
        their SHA-256 (checked here: callers open or export what this returns)."""
        if not doc.sha256 or self.store.document_problem(doc.sha256) is not None:
            return None
        return self.store.document_path(doc.sha256)

    def audit_trail(self, case_id: str) -> list[AuditEntry]:
        """The case's audit trail, oldest first."""
        return self.store.audit_trail(case_id)

    @property
    def data_dir(self) -> Path:
        """The data directory of the case store."""
        return Path(self.store.data_dir)

    def gc_documents(self) -> int:
        """Remove document files no snapshot references (a cancelled fetch's, a purged case's)."""
        return self.store.gc_documents()

    # -- online state ---------------------------------------------------------------------

    @property
    def can_fetch(self) -> tuple[bool, str]:
        """Whether actions that need Plaid are possible now, and if not, why."""
        if self._offline:
            return False, "offline mode is on"
        if self._client_factory is None:
            return False, "no Plaid credentials: set them in Settings"
        return True, ""

    def is_online(self) -> bool:
        """True unless offline mode is on or there are no credentials."""
        return self.can_fetch[0]

    def set_offline(self, offline: bool) -> None:
        """Force offline mode (a train, a flight, a test)."""
        self._offline = offline

    def client(self) -> PlaidClient:
        """The Plaid client, created on first use (so reading cases needs no credentials)."""
        ok, why = self.can_fetch
        if not ok:
            raise FetchFailed(why)
        with self._client_lock:
            if self._client is None:
                assert self._client_factory is not None
                self._client = self._client_factory()
            return self._client

    # -- fetching -------------------------------------------------------------------------

    def fetch_case(
        self,
        *,
        user_token: str | None = None,
        user_id: str | None = None,
        label: str | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
        checks: bool = True,
    ) -> FetchResult:
        """Create (or find) the case for a user and fetch everything into a new snapshot.

        `checks=False` leaves Reviewer's checks of the new snapshot to `check_stored` (a fetch
        of many cases runs them once every case is stored).
        """
        if not (user_token or user_id):
            return FetchResult(None, False, False, [], "a user_token or a user_id is needed")
        case = self.store.get_or_create_case(user_token=user_token, user_id=user_id, label=label)
        result = self._fetch(case, progress, cancel, checks)
        if not result.stored and self.store.forget_if_unused(case.id):
            # a first fetch that failed (a bad token, ...) must not keep the label taken
            return replace(result, case_id=None)
        return result

    def refetch_case(
        self,
        case_id: str,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> FetchResult:
        """Fetch a known case again; the previous snapshot stays if this fails."""
        case = self.store.find_case(case_id)
        if case is None:
            return FetchResult(None, False, False, [], f"no case {case_id!r}")
        return self._fetch(case, progress, cancel)

    def _fetch(
        self,
        case: StoredCase,
        progress: ProgressCallback | None,
        cancel: CancelCheck | None,
        checks: bool = True,
    ) -> FetchResult:
        from reviewer.review.documents_fetch import CaseBudget
        from reviewer.review.fetch import CaseFetcher

        again = bool(self.store.snapshots(case.id))  # fetched before: this is a refetch
        listed = OpChanges((case.id,), listed=True)  # a new case has a row, fetched or not
        try:
            fetcher = CaseFetcher(
                self.client(),
                self.store,
                self.backend,
                deadline_seconds=self.limits.fetch_deadline_seconds,
                budget=lambda: CaseBudget(
                    self.limits.max_documents_per_case, self.limits.max_document_bytes_per_case
                ),
                now=self.now,
            )
            outcome = fetcher.fetch(case, progress, cancel)
        except (FetchFailed, PlaidConfigurationError) as exc:
            message = str(exc).splitlines()[0]
            self._audit_fetch(case.id, "case.fetch_failed", {"error": message})
            return FetchResult(case.id, False, False, [], message, changes=listed)
        except FetchCancelled:
            message = "cancelled: nothing was stored"
            return FetchResult(case.id, False, False, [], message, changes=listed)
        if outcome.complete:
            message = f"fetched {outcome.document_count} documents"
        elif outcome.errors:
            failed = ", ".join(sorted({e.endpoint for e in outcome.errors}))
            message = f"stored, but some endpoints failed: {failed}"
        else:
            count = len(outcome.document_failures)
            message = f"stored, but {count} document{'s' * (count != 1)} could not be stored"
        if checks:  # else the caller checks later (the demo's first fetch: all at once)
            self.check_stored(case.id)
        self._audit_fetch(
            case.id,
            "case.refetched" if again else "case.fetched",
            {
                "complete": outcome.complete,
                "failed_endpoints": sorted({e.endpoint for e in outcome.errors}),
                "documents": outcome.document_count,
                "signals": outcome.signal_count,
                # this fetch's own responses (not building the case model here: a demo
                # first run fetches 18 cases before checking any)
                "request_ids": outcome.request_ids,
            },
        )
        changes = OpChanges((case.id,), listed=True, snapshot=True, audit=True)
        return FetchResult(
            case.id, outcome.complete, True, outcome.errors, message, outcome, changes
        )

    def _audit_fetch(self, case_id: str, action: str, details: dict[str, Any]) -> None:
        """Who fetched, when, from which environment, with which request ids (never fails
        the fetch: the snapshot is what matters, the entry says it happened)."""
        from reviewer.review.decisions import reviewer_identity

        try:
            self.store.append_audit(
                case_id,
                actor=reviewer_identity(self.reviewer_name),
                action=action,
                details={"environment": self.environment_label, **details},
                app_version=__version__,
            )
        except Exception:
            log.exception("could not record the fetch of %s in the audit trail", case_id)

    def check_stored(self, case_id: str) -> CaseSnapshot | None:
        """Reviewer's checks of the case's newest snapshot, just stored; the snapshot read.

        A failure is logged, never raised: the fetch is stored, the checks run again when the
        case is opened.
        """
        snapshot = self._loaded(case_id)
        if snapshot is not None:
            try:
                self.update_findings(snapshot)
            except Exception:
                log.exception("checks after the fetch of %s failed", case_id)
        return snapshot

    def _loaded(self, case_id: str) -> CaseSnapshot | None:
        try:
            return self.load_case(case_id)
        except Exception:  # the fetch is stored; checks rerun on open
            log.exception("reading the case %s just fetched failed", case_id)
            return None

    # -- demo -----------------------------------------------------------------------------

    def demo_applicants(self) -> list[DemoApplicant]:
        """The embedded sandbox's users in demo mode; empty otherwise."""
        return list(self._demo_users)

    def demo_cases_missing(self) -> bool:
        """True in demo mode when some demo user has no fetched case yet."""
        if not self._demo_users:
            return False
        fetched = {(r.user_token, r.user_id) for r in self.list_cases() if r.fetched_at}
        return any((u.user_token, u.user_id) not in fetched for u in self._demo_users)

    def fetch_demo_cases(
        self, progress: DemoProgress | None = None, cancel: CancelCheck | None = None
    ) -> list[FetchResult]:
        """Fetch every demo user not fetched yet (first start of `--demo`), a few at a time;
        each stored case is reported at once (see `reviewer.review.demo_fetch`)."""
        from reviewer.review.demo_fetch import fetch_demo_cases

        return fetch_demo_cases(self, progress, cancel)

    def close(self) -> None:
        """Close the client and the store."""
        with self._client_lock:
            if self._client is not None:
                self._client.close()
                self._client = None
        for part in (self._client_factory, self.backend):  # the demo's sandbox, the worker
            close = getattr(part, "close", None)
            if callable(close):
                close()
        self.store.close()
