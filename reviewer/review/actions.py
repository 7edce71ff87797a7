"""Reviewer actions against Plaid: parsing configuration, payroll refresh, refetch; all audited.

Each action records what was asked and what came back (Plaid's request_id, the status) in the
case's audit trail, whether it succeeded or not. Every method blocks (network, polling): the UI runs
them on its task runner, with `progress` and `cancel` from the task handle.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reviewer import __version__
from reviewer.plaid import models
from reviewer.plaid.errors import PlaidError
from reviewer.review import endpoints as ep
from reviewer.review.actions_paystubs import PayStubChange, diff_pay_stubs
from reviewer.review.facade import NO_CHANGES, OpChanges
from reviewer.review.progress import CancelCheck, FetchFailed, Progress, ProgressCallback
from reviewer.review.service import CaseService, FetchResult
from reviewer.store import StoredCase

REFRESH_WORDS = {
    "SUCCESSFUL": "Refresh succeeded: the payroll provider had data; the case was fetched again.",
    "USER_PRESENCE_REQUIRED": (
        "The applicant must reconnect their payroll account before it can be refreshed."
    ),
    "NOT_FOUND": "Nothing new: the payroll provider has no newer data.",
}


@dataclass(frozen=True)
class PollPolicy:
    """How long to wait for risk processing: doubling waits, capped, within a total budget."""

    first_wait: float = 2.0
    max_wait: float = 30.0
    budget: float = 600.0


@dataclass
class ActionOutcome:
    """What an action did, in words, plus what the UI needs to show the result."""

    ok: bool
    message: str
    request_id: str | None = None
    status: str | None = None
    pay_stub_changes: list[PayStubChange] = field(default_factory=list)
    fetch: FetchResult | None = None
    changes: OpChanges = NO_CHANGES  # what the UI refreshes (set by CaseService)


def _say(progress: ProgressCallback | None, text: str) -> None:
    if progress is not None:
        progress(Progress(text, 0, 0))


def document_income_items(service: CaseService, case_id: str) -> list[str]:
    """Item ids of the case's document income (the items whose documents Plaid parses)."""
    snapshot = service.load_case(case_id)
    if snapshot is None:
        return []
    seen: dict[str, None] = {}
    for item_id in snapshot.model.risk_item_ids:
        seen[item_id] = None
    for doc in snapshot.documents:
        if doc.item_id and doc.source_endpoint == ep.PAYROLL:
            seen[doc.item_id] = None
    return list(seen)


def payroll_items(service: CaseService, case_id: str) -> list[str]:
    """Item ids in the case's payroll income response."""
    snapshot = service.load_case(case_id)
    items = snapshot.model.payroll_items if snapshot else ()
    return [i.item_id for i in items if i.item_id]


def confirmation_text(action: str, environment: str, items: Sequence[str]) -> str:
    """The question a confirmation dialog asks: names the environment and the items."""
    which = ", ".join(items) if items else "all items"
    return f"{action} in {environment} for {which}?"


class CaseActions:
    """Plaid actions on cases for one reviewer; audited in the case's trail."""

    def __init__(
        self,
        service: CaseService,
        actor: str,
        *,
        app_version: str = __version__,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.service = service
        self.actor = actor
        self.app_version = app_version
        self._sleep = sleep
        self._clock = clock

    def _audit(
        self, case_id: str, action: str, details: dict[str, Any], request_id: str | None = None
    ) -> None:
        self.service.store.append_audit(
            case_id,
            actor=self.actor,
            action=action,
            details=details,
            app_version=self.app_version,
            request_id=request_id,
        )

    def _case(self, case_id: str) -> StoredCase:
        case = self.service.store.get_case(case_id)
        if case is None or case.purged_at is not None:
            raise FetchFailed(f"no case {case_id!r}")
        return case

    # -- refetch ----------------------------------------------------------------------------

    def refetch(
        self,
        case_id: str,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
        *,
        why: str = "reviewer asked",
    ) -> FetchResult:
        """Fetch the whole case again into a new snapshot, and record it."""
        result = self.service.refetch_case(case_id, progress, cancel)
        self._audit(
            case_id,
            "action.refetch",
            {
                "why": why,
                "stored": result.stored,
                "complete": result.ok,
                "message": result.message,
                "failed_endpoints": sorted({e.endpoint for e in result.errors}),
            },
        )
        return result

    # -- parsing configuration ------------------------------------------------------------

    def update_parsing_config(
        self,
        case_id: str,
        item_id: str,
        parsing_config: Sequence[str],
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
        poll: PollPolicy | None = None,
    ) -> ActionOutcome:
        """Set `ocr`/`risk_signals` for an item; with risk_signals, wait for them, then refetch."""
        case = self._case(case_id)
        config = [c for c in ("ocr", "risk_signals") if c in parsing_config]
        if not config:
            raise FetchFailed("choose ocr and/or risk_signals")
        client = self.service.client()
        details: dict[str, Any] = {"item_id": item_id, "parsing_config": config}
        _say(progress, f"Updating parsing configuration of {item_id}")
        try:
            answer = client.with_raw_response.credit_payroll_income_parsing_config_update(
                parsing_config=config,  # type: ignore[arg-type]
                item_id=item_id,
                user_token=case.user_token,
                user_id=None if case.user_token else case.user_id,
            )
        except PlaidError as exc:
            self._audit(
                case_id,
                "action.parsing_config_update",
                {**details, "error": str(exc)},
                exc.request_id,
            )
            return ActionOutcome(False, f"Plaid refused: {exc.message}", exc.request_id)
        self._audit(
            case_id,
            "action.parsing_config_update",
            {**details, "status": "OK"},
            answer.request_id,
        )
        if "risk_signals" not in config:
            fetch = self.refetch(case_id, progress, cancel, why="parsing configuration changed")
            return ActionOutcome(
                True, "Parsing configuration updated.", answer.request_id, "OK", fetch=fetch
            )
        status, request_id = self._wait_for_risk(case, item_id, progress, cancel, poll)
        self._audit(
            case_id, "action.risk_signals_poll", {"item_id": item_id, "status": status}, request_id
        )
        if status != "READY":
            words = "cancelled" if status == "CANCELLED" else "still processing after the wait"
            return ActionOutcome(
                False, f"Risk signals {words}; the case was not refetched.", request_id, status
            )
        fetch = self.refetch(case_id, progress, cancel, why="risk signals processed")
        return ActionOutcome(
            fetch.stored,
            "Risk signals processed; new snapshot stored." if fetch.stored else fetch.message,
            answer.request_id,
            status,
            fetch=fetch,
        )

    def _wait_for_risk(
        self,
        case: StoredCase,
        item_id: str,
        progress: ProgressCallback | None,
        cancel: CancelCheck | None,
        poll: PollPolicy | None,
    ) -> tuple[str, str | None]:
        """Poll risk signals until the item has no document PROCESSING: READY/TIMEOUT/CANCELLED."""
        policy = poll or PollPolicy()
        client = self.service.client()
        deadline = self._clock() + policy.budget
        wait = policy.first_wait
        request_id: str | None = None
        while True:
            if cancel is not None and cancel():
                return "CANCELLED", request_id
            try:
                answer = client.with_raw_response.credit_payroll_income_risk_signals_get(
                    user_token=case.user_token, user_id=None if case.user_token else case.user_id
                )
            except PlaidError as exc:  # the client retried already: check again after the wait
                _say(progress, f"Risk signals could not be checked ({exc}); trying again")
            else:
                request_id = answer.request_id
                if not _item_processing(answer.model, item_id):
                    return "READY", request_id
            remaining = deadline - self._clock()
            if remaining <= 0:
                return "TIMEOUT", request_id
            _say(progress, f"Risk signals still processing; checking again in {wait:g} s")
            self._sleep(min(wait, remaining))
            wait = min(wait * 2, policy.max_wait)

    # -- payroll refresh -------------------------------------------------------------------

    def refresh_payroll(
        self,
        case_id: str,
        item_ids: Sequence[str] | None = None,
        webhook: str | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> ActionOutcome:
        """Ask Plaid to refresh payroll; for SUCCESSFUL refetch and say what changed."""
        case = self._case(case_id)
        client = self.service.client()
        details: dict[str, Any] = {"item_ids": list(item_ids or []) or "all", "webhook": webhook}
        before = self.service.load_case(case_id)
        _say(progress, "Requesting a payroll refresh")
        try:
            answer = client.with_raw_response.credit_payroll_income_refresh(
                user_token=case.user_token,
                user_id=None if case.user_token else case.user_id,
                item_ids=list(item_ids) if item_ids else None,
                webhook=webhook or None,
            )
        except PlaidError as exc:
            self._audit(
                case_id, "action.payroll_refresh", {**details, "error": str(exc)}, exc.request_id
            )
            return ActionOutcome(False, f"Plaid refused: {exc.message}", exc.request_id)
        status = str(answer.model.verification_refresh_status or "UNKNOWN")
        self._audit(
            case_id, "action.payroll_refresh", {**details, "status": status}, answer.request_id
        )
        words = REFRESH_WORDS.get(status, f"Plaid answered {status}.")
        if status != "SUCCESSFUL":
            return ActionOutcome(True, words, answer.request_id, status)
        fetch = self.refetch(case_id, progress, cancel, why="payroll refresh succeeded")
        after = self.service.load_case(case_id)
        changes = diff_pay_stubs(before.model if before else None, after.model if after else None)
        if changes:
            self._audit(
                case_id, "action.refresh_changes", {"changes": [c.description for c in changes]}
            )
        summary = "; ".join(c.description for c in changes) or "no pay stub changed"
        return ActionOutcome(
            fetch.stored, f"{words} {summary}.", answer.request_id, status, changes, fetch
        )


def _item_processing(response: object, item_id: str) -> bool:
    """Whether a risk-signals response still lists a document of `item_id` as PROCESSING."""
    if not isinstance(response, models.CreditPayrollIncomeRiskSignalsGetResponse):
        return False
    for item in response.items:
        if item is None or item.item_id != item_id:
            continue
        for group in item.verification_risk_signals:
            for single in group.single_document_risk_signals if group else []:
                ref = single.document_reference if single else None
                if ref is not None and ref.status == "PROCESSING":
                    return True
    return False
