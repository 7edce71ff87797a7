"""Fetch everything Plaid holds about one user into a new snapshot of the case.

One fetch gathers, concurrently with a small bound, Link sessions, payroll income (with its
documents), bank statement uploads (with theirs), risk signals, bank income (JSON and PDF),
employment and bank employment. Endpoints that need a `user_token` are skipped with a recorded
reason when the case has only a `user_id`. One endpoint failing does not stop the others: its
error is stored with the snapshot and the newest good data for that endpoint is carried forward.
If nothing at all could be fetched, `FetchFailed` is raised and nothing is stored.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from reviewer.plaid.client import PlaidClient
from reviewer.plaid.errors import PlaidError
from reviewer.review import endpoints as ep
from reviewer.review.case_model import DocumentRecord, FetchError
from reviewer.review.document_backend import DocumentBackend
from reviewer.review.documents_fetch import DocumentFetcher, iter_document_refs
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


@dataclass
class EndpointOutcome:
    """What one endpoint produced in this fetch."""

    endpoint: str
    responses: list[tuple[str, str | None, int | None, str | None, bytes]] = field(
        default_factory=list
    )
    body: dict[str, Any] | None = None
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

    @property
    def complete(self) -> bool:
        """True when every attempted endpoint succeeded."""
        return not self.errors


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
    ) -> None:
        self._client = client
        self._store = store
        self._backend = backend
        self._max_workers = max(1, max_workers)
        self._clock = clock

    def fetch(
        self,
        case: StoredCase,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> FetchOutcome:
        """Fetch, locate highlights, store one snapshot; FetchFailed/FetchCancelled store nothing."""
        started = self._clock()
        tracker = ProgressTracker(progress, cancel)
        plan = ep.plan(case.user_token, case.user_id)
        tracker.add_work(len(plan.calls) + 2)
        tracker.check_cancel()
        outcomes = self._run_endpoints(case, plan, tracker)
        attempted = [o for o in outcomes if o.skipped is None]
        if attempted and all(o.failed for o in attempted):
            first = next(o.error for o in attempted if o.error is not None)
            raise FetchFailed(_one_line(first))
        fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
        previous = self._store.latest_snapshot(case.id)
        failed = self._failed_endpoints(outcomes)
        responses, documents, previous_signals = carry_forward(
            previous,
            failed,
            [r for o in outcomes for r in o.responses],
            [d for o in outcomes for d in o.documents],
        )
        tracker.step("locating highlights", finished=0)
        risk_body = _newest_body(responses, ep.RISK_SIGNALS)
        signals, per_document = parse_risk_signals(risk_body or {})
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
            applicant=applicant_name(
                {o.endpoint: o.body for o in outcomes if o.body is not None}, previous
            ),
        )
        tracker.check_cancel()
        snapshot_id = self._store.save_snapshot(case.id, snapshot)
        tracker.step("saved", finished=1)
        return FetchOutcome(
            case_id=case.id,
            snapshot_id=snapshot_id,
            fetched_at=fetched_at,
            errors=errors,
            skipped=skipped,
            document_count=len(documents),
            signal_count=len(signals),
            seconds=self._clock() - started,
        )

    def _run_endpoints(
        self, case: StoredCase, plan: ep.FetchPlan, tracker: ProgressTracker
    ) -> list[EndpointOutcome]:
        cancelled = threading.Event()

        def run(call: ep.EndpointCall) -> list[EndpointOutcome]:
            if cancelled.is_set():
                return [EndpointOutcome(call.endpoint, skipped="cancelled")]
            try:
                outcomes = [self._run_one(call, case, tracker)]
                report = plan.report_call
                if call.endpoint == ep.BANK_INCOME and report is not None:
                    if (outcomes[0].body or {}).get("bank_income"):
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
        outcome.responses.append((call.endpoint, None, raw.http_status, raw.content_type, raw.body))
        if call.endpoint == ep.BANK_INCOME_PDF:
            outcome.documents = self._store_report(raw.body, tracker)
            return outcome
        try:
            body = json.loads(raw.body)
        except ValueError:
            outcome.responses.clear()
            outcome.error = FetchError(
                call.endpoint,
                raw.http_status,
                "UNEXPECTED_RESPONSE",
                None,
                "the response was not valid JSON",
                raw.request_id,
            )
            return outcome
        if not isinstance(body, dict):
            body = {}
        outcome.body = body
        embedded = ep.embedded_error(call.endpoint, body, raw.request_id)
        if embedded is not None:
            outcome.error = embedded
        if call.endpoint in (ep.PAYROLL, ep.STATEMENTS):
            outcome.documents = self._fetch_documents(call, case, body, outcome, tracker)
        return outcome

    def _fetch_documents(
        self,
        call: ep.EndpointCall,
        case: StoredCase,
        body: dict[str, Any],
        outcome: EndpointOutcome,
        tracker: ProgressTracker,
    ) -> list[DocumentRecord]:
        def refetch_item(item_id: str) -> dict[str, Any]:
            raw = ep.refetch_item(
                self._client, call.endpoint, case.user_token, case.user_id, item_id
            )
            outcome.responses.append(
                (call.endpoint, item_id, raw.http_status, raw.content_type, raw.body)
            )
            fresh: dict[str, Any] = json.loads(raw.body)
            return fresh

        fetcher = DocumentFetcher(
            download=self._client.download_document,
            refetch_item=refetch_item,
            put_document=self._store.put_document,
            backend=self._backend,
            progress=tracker,
        )
        return fetcher.fetch_all(list(iter_document_refs(call.endpoint, body)))

    def _store_report(self, pdf: bytes, tracker: ProgressTracker) -> list[DocumentRecord]:
        sha, path = self._store.put_document(pdf)
        info = self._backend.inspect(path, "application/pdf")
        tracker.step("bank income report", finished=0, nbytes=len(pdf))
        return [
            DocumentRecord(
                document_id=f"bank_income_report:{sha[:12]}",
                item_id=None,
                document_type="BANK_INCOME_REPORT",
                name="Bank income report.pdf",
                source_endpoint=ep.BANK_INCOME_PDF,
                path=str(path),
                sha256=sha,
                page_count=info.page_count,
                problem=info.problem,
                media_type="application/pdf",
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
            if o.failed or (o.error is not None and not (o.body or {}).get("items")):
                failed.add(o.endpoint)
        if ep.BANK_INCOME in failed:  # its report PDF was never asked for: keep the last one
            failed.add(ep.BANK_INCOME_PDF)
        return failed


def _newest_body(responses: list[Any], endpoint: str) -> dict[str, Any] | None:
    """The body of the last whole-endpoint response of `endpoint` (carried-forward ones last)."""
    for response in reversed(responses):
        if response[0] == endpoint and response[1] is None:
            try:
                body = json.loads(response[4])
            except ValueError:
                return None
            return body if isinstance(body, dict) else None
    return None


def _one_line(error: FetchError) -> str:
    parts = [error.endpoint]
    if error.error_code:
        parts.append(error.error_code)
    message = (error.error_message or "").splitlines()[0] if error.error_message else ""
    return f"nothing fetched: {' '.join(parts)}: {message}".rstrip(": ")
