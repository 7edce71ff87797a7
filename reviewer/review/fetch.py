"""Fetch everything Plaid holds about one user into a new snapshot of the case.

One fetch gathers, concurrently with a small bound, Link sessions, payroll income (with its
documents), bank statement uploads (with theirs), risk signals, bank income (JSON and PDF),
employment and bank employment. Endpoints that need a `user_token` are skipped with a recorded
reason when the case has only a `user_id`. One endpoint failing does not stop the others: its
error is stored with the snapshot and the newest good data for that endpoint is carried forward.
If nothing at all could be fetched, `FetchFailed` is raised and nothing is stored.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from reviewer.documents.sniff import PDF, sniff_media_type
from reviewer.plaid import models
from reviewer.plaid.client import PlaidClient, RawResponse
from reviewer.plaid.deadlines import fetch_deadline
from reviewer.plaid.errors import PlaidError
from reviewer.plaid.models import PlaidModel
from reviewer.review import endpoints as ep
from reviewer.review.case_model import DocumentRecord, FetchError
from reviewer.review.document_backend import DocumentBackend
from reviewer.review.documents_fetch import CaseBudget, DocumentFetcher, iter_document_refs
from reviewer.review.model import ShapeProblem
from reviewer.review.model.parse import RESPONSE_MODELS, parse_body, shape_problems
from reviewer.review.progress import (
    CancelCheck,
    FetchCancelled,
    FetchFailed,
    ProgressCallback,
    ProgressTracker,
)
from reviewer.review.signals import apply_document_risk, locate_all, parse_risk_signals
from reviewer.review.snapshots import applicant_name, carry_forward, to_new_snapshot
from reviewer.store import CaseStore, StoredCase

log = logging.getLogger(__name__)

DEFAULT_FETCH_DEADLINE = 600.0  # seconds for a whole fetch, documents included


@dataclass
class EndpointOutcome:
    """What one endpoint produced in this fetch."""

    endpoint: str
    responses: list[tuple[str, str | None, int | None, str | None, bytes]] = field(
        default_factory=list
    )
    model: PlaidModel | None = None  # the validated response (JSON endpoints)
    documents: list[DocumentRecord] = field(default_factory=list)
    error: FetchError | None = None
    skipped: str | None = None

    @property
    def failed(self) -> bool:
        """No usable response (an error inside a 200 body still counts as a response)."""
        return self.skipped is None and not self.responses


@dataclass(frozen=True)
class FetchOutcome:
    """The result of a stored fetch: which snapshot, and what went wrong on the way."""

    case_id: str
    snapshot_id: int
    fetched_at: str
    errors: list[FetchError]
    skipped: dict[str, str]
    document_count: int
    signal_count: int
    seconds: float
    # "name: problem" of each document that should have been stored and was not
    document_failures: list[str] = field(default_factory=list)
    # endpoint -> Plaid's request_id of the response this fetch read (for the audit trail)
    request_ids: dict[str, str] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """True when every attempted endpoint succeeded and every document was stored."""
        return not self.errors and not self.document_failures


class CaseFetcher:
    """Runs one fetch for a case against a PlaidClient and stores it in a CaseStore."""

    def __init__(
        self,
        client: PlaidClient,
        store: CaseStore,
        backend: DocumentBackend,
        *,
        max_workers: int = 4,
        clock: Callable[[], float] = time.monotonic,
        deadline_seconds: float = DEFAULT_FETCH_DEADLINE,
        budget: Callable[[], CaseBudget] = CaseBudget,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self._client = client
        self._store = store
        self._backend = backend
        self._max_workers = max(1, max_workers)
        self._clock = clock
        # the wall clock that dates the snapshot (tests run a fetch "a year later" with it)
        self._now = now or (lambda: datetime.now(UTC))
        self._deadline_seconds = deadline_seconds
        self._new_budget = budget
        self._budget = budget()
        self._deadline_at = 0.0
        self._failures: list[str] = []

    def fetch(
        self,
        case: StoredCase,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> FetchOutcome:
        """Fetch, locate highlights, store one snapshot; FetchFailed/FetchCancelled store nothing."""
        started = self._clock()
        self._deadline_at = time.monotonic() + self._deadline_seconds
        self._budget = self._new_budget()
        self._failures = []
        tracker = ProgressTracker(progress, cancel)
        plan = ep.plan(case.user_token, case.user_id)
        tracker.add_work(len(plan.calls) + 2)
        tracker.check_cancel()
        outcomes = self._run_endpoints(case, plan, tracker)
        attempted = [o for o in outcomes if o.skipped is None]
        if attempted and all(o.failed for o in attempted):
            first = next(o.error for o in attempted if o.error is not None)
            raise FetchFailed(_one_line(first))
        fetched_at = self._now().isoformat(timespec="seconds")
        previous = self._store.latest_snapshot(case.id)
        failed = self._failed_endpoints(outcomes)
        responses, documents, previous_signals = carry_forward(
            previous,
            failed,
            [r for o in outcomes for r in o.responses],
            [d for o in outcomes for d in o.documents],
        )
        tracker.step("locating highlights", finished=0)
        signals, per_document = parse_risk_signals(_risk_model(responses, outcomes, failed))
        if ep.RISK_SIGNALS in failed:
            signals = previous_signals  # located when they were fetched
        else:
            signals = locate_all(signals, documents, self._backend)
        documents = apply_document_risk(documents, per_document)
        tracker.check_cancel()
        tracker.step("saving", finished=1)
        errors = [o.error for o in outcomes if o.error is not None]
        skipped = {
            o.endpoint: o.skipped
            for o in outcomes
            if o.skipped is not None and o.endpoint not in failed
        }
        skipped.update(plan.skipped)
        snapshot = to_new_snapshot(
            fetched_at=fetched_at,
            responses=responses,
            documents=documents,
            signals=signals,
            errors=errors,
            skipped=skipped,
            applicant=applicant_name([o.model for o in outcomes if o.model is not None], previous),
        )
        tracker.check_cancel()
        snapshot_id = self._store.save_snapshot(case.id, snapshot)
        # stored: a cancel from now on is too late (the caller must not say "nothing was stored")
        tracker.step("saved", finished=1, check=False)
        return FetchOutcome(
            case_id=case.id,
            snapshot_id=snapshot_id,
            fetched_at=fetched_at,
            errors=errors,
            skipped=skipped,
            document_count=len(documents),
            signal_count=len(signals),
            seconds=self._clock() - started,
            document_failures=list(self._failures),
            request_ids={
                o.endpoint: rid
                for o in outcomes
                if isinstance(rid := getattr(o.model, "request_id", None), str) and rid
            },
        )

    def _run_endpoints(
        self, case: StoredCase, plan: ep.FetchPlan, tracker: ProgressTracker
    ) -> list[EndpointOutcome]:
        cancelled = threading.Event()

        what = f"the fetch's time limit of {self._deadline_seconds:g} s was reached"

        def run(call: ep.EndpointCall) -> list[EndpointOutcome]:
            if cancelled.is_set():
                return [EndpointOutcome(call.endpoint, skipped="cancelled")]
            with fetch_deadline(self._deadline_at, what):
                return run_within_deadline(call)

        def run_within_deadline(call: ep.EndpointCall) -> list[EndpointOutcome]:
            try:
                outcomes = [self._run_one(call, case, tracker)]
                report = plan.report_call
                if call.endpoint == ep.BANK_INCOME and report is not None:
                    if _has_bank_income(outcomes[0].model):
                        outcomes.append(self._run_one(report, case, tracker))
                    else:
                        outcomes.append(
                            EndpointOutcome(report.endpoint, skipped="no bank income report")
                        )
            except FetchCancelled:
                cancelled.set()
                raise
            tracker.step(call.title)
            return outcomes

        with ThreadPoolExecutor(self._max_workers, thread_name_prefix="fetch") as pool:
            futures = [pool.submit(run, call) for call in plan.calls]
            outcomes: list[EndpointOutcome] = []
            for future in futures:
                try:
                    outcomes.extend(future.result())
                except FetchCancelled:
                    cancelled.set()
        if cancelled.is_set():
            raise FetchCancelled("fetch cancelled")
        return outcomes

    def _run_one(
        self, call: ep.EndpointCall, case: StoredCase, tracker: ProgressTracker
    ) -> EndpointOutcome:
        outcome = EndpointOutcome(call.endpoint)
        tracker.check_cancel()
        try:
            raw = call.invoke(self._client)
        except PlaidError as exc:
            outcome.error = ep.to_fetch_error(call.endpoint, exc)
            return outcome
        stored_body = ep.without_signatures(raw.body)
        outcome.responses.append(
            (call.endpoint, None, raw.http_status, raw.content_type, stored_body)
        )
        if call.endpoint == ep.BANK_INCOME_PDF:
            outcome.documents = self._store_report(raw.body, tracker)
            return outcome
        model, problems = _validated(call.endpoint, raw)
        if model is None:
            outcome.responses.clear()
            outcome.error = FetchError(
                call.endpoint,
                raw.http_status,
                "UNEXPECTED_RESPONSE",
                None,
                problems[0].message if problems else "the response could not be read",
                raw.request_id,
            )
            return outcome
        outcome.model = model
        embedded = ep.embedded_error(call.endpoint, model, raw.request_id)
        if embedded is not None:
            outcome.error = embedded
        elif problems:
            outcome.error = FetchError(
                call.endpoint,
                raw.http_status,
                "UNEXPECTED_SHAPE",
                None,
                "; ".join(dict.fromkeys(p.message for p in problems)),
                raw.request_id,
            )
        if call.endpoint in (ep.PAYROLL, ep.STATEMENTS):
            try:
                outcome.documents = self._fetch_documents(call, case, model, outcome, tracker)
            except (FetchCancelled, PlaidError):
                raise
            except Exception as exc:
                log.exception("reading %s failed", call.endpoint)
                outcome.error = _unreadable(call.endpoint, raw.http_status, raw.request_id, exc)
        return outcome

    def _fetch_documents(
        self,
        call: ep.EndpointCall,
        case: StoredCase,
        model: PlaidModel,
        outcome: EndpointOutcome,
        tracker: ProgressTracker,
    ) -> list[DocumentRecord]:
        def refetch_item(item_id: str) -> PlaidModel | None:
            raw = ep.refetch_item(
                self._client, call.endpoint, case.user_token, case.user_id, item_id
            )
            outcome.responses.append(
                (
                    call.endpoint,
                    item_id,
                    raw.http_status,
                    raw.content_type,
                    ep.without_signatures(raw.body),
                )
            )
            return _validated(call.endpoint, raw)[0]

        fetcher = DocumentFetcher(
            download=self._client.download_document,
            refetch_item=refetch_item,
            put_document=self._store.put_document,
            backend=self._backend,
            progress=tracker,
            budget=self._budget,
            failures=self._failures,
        )
        return fetcher.fetch_all(list(iter_document_refs(call.endpoint, model)))

    def _store_report(self, pdf: bytes, tracker: ProgressTracker) -> list[DocumentRecord]:
        tracker.step("bank income report", finished=0, nbytes=len(pdf))
        record = DocumentRecord(
            document_id="bank_income_report",
            item_id=None,
            document_type="BANK_INCOME_REPORT",
            name="Bank income report.pdf",
            source_endpoint=ep.BANK_INCOME_PDF,
            path=None,
            sha256=None,
            page_count=None,
            problem=None,
            media_type=None,
        )
        # sniffed, never trusted: an HTML page here would reach MuPDF's HTML engine as a "PDF"
        kind = sniff_media_type(pdf[:1024])
        problem = None if kind == PDF else f"the bank income report is not a PDF ({kind})"
        problem = problem or self._budget.take(len(pdf))
        if problem is not None:
            self._failures.append(f"{record.name}: {problem}")
            return [replace(record, problem=problem, media_type=kind)]
        sha, path = self._store.put_document(pdf)
        info = self._backend.inspect(path, PDF)
        return [
            replace(
                record,
                document_id=f"bank_income_report:{sha[:12]}",
                path=str(path),
                sha256=sha,
                page_count=info.page_count,
                problem=info.problem,
                media_type=PDF,
                repaired=info.repaired,
            )
        ]

    @staticmethod
    def _failed_endpoints(outcomes: list[EndpointOutcome]) -> set[str]:
        """Endpoints whose previous data must be kept: no response, or only an error in it."""
        failed = set()
        for o in outcomes:
            if o.skipped is not None:
                continue
            if o.failed or (o.error is not None and not _has_items(o.model)):
                failed.add(o.endpoint)
        if ep.BANK_INCOME in failed:  # its report PDF was never asked for: keep the last one
            failed.add(ep.BANK_INCOME_PDF)
        return failed


def _validated(endpoint: str, raw: RawResponse) -> tuple[PlaidModel | None, list[ShapeProblem]]:
    """The response's validated model (the client's, else parsed from the bytes) and problems."""
    expected = RESPONSE_MODELS.get(endpoint)
    if expected is not None and isinstance(raw.model, expected):
        return raw.model, shape_problems(endpoint, raw.model)
    model, problems = parse_body(endpoint, raw.body)
    return (model if isinstance(model, PlaidModel) else None), problems


def _has_items(model: PlaidModel | None) -> bool:
    items = getattr(model, "items", None)
    return bool(items) and isinstance(items, list)


def _has_bank_income(model: PlaidModel | None) -> bool:
    return isinstance(model, models.CreditBankIncomeGetResponse) and bool(model.bank_income)


def _risk_model(
    responses: list[Any], outcomes: list[EndpointOutcome], failed: set[str]
) -> models.CreditPayrollIncomeRiskSignalsGetResponse | None:
    """This fetch's risk-signals response or, when that failed, the carried-forward one."""
    model: object = None
    if ep.RISK_SIGNALS in failed:
        kept = [r for r in responses if r[0] == ep.RISK_SIGNALS and r[1] is None]
        if kept:
            model = parse_body(ep.RISK_SIGNALS, kept[-1][4])[0]
    else:
        model = next((o.model for o in outcomes if o.endpoint == ep.RISK_SIGNALS), None)
    return model if isinstance(model, models.CreditPayrollIncomeRiskSignalsGetResponse) else None


def _unreadable(
    endpoint: str, status: int | None, request_id: str | None, exc: Exception
) -> FetchError:
    reason = str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
    return FetchError(
        endpoint,
        status,
        "UNEXPECTED_RESPONSE",
        None,
        f"the response could not be read: {reason}",
        request_id,
    )


def _one_line(error: FetchError) -> str:
    parts = [error.endpoint]
    if error.error_code:
        parts.append(error.error_code)
    message = (error.error_message or "").splitlines()[0] if error.error_message else ""
    return f"nothing fetched: {' '.join(parts)}: {message}".rstrip(": ")
