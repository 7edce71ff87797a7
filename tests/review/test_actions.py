"""Actions against the in-process sandbox: parsing config + risk polling, refresh, webhooks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewer.review.actions import (
    CaseActions,
    PollPolicy,
    confirmation_text,
    document_income_items,
)
from reviewer.review.progress import FetchFailed
from reviewer.review.service import CaseService
from reviewer.review.webhooks import (
    WebhookInvalid,
    apply_webhook,
    parse_webhook_text,
    plan_webhook,
)
from reviewer.sandbox import Sandbox
from tests.review.conftest import make_service, user

FETCH_ENTRIES = ("case.fetched", "case.refetched", "case.fetch_failed")


def _work(trail):
    """The trail without the fetch entries every fetch now adds."""
    return [
        e for e in trail if (e["action"] if isinstance(e, dict) else e.action) not in FETCH_ENTRIES
    ]


class FakeClock:
    """Time that moves only when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 1_000_000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture(scope="module")
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="module")
def slow_risk_sandbox(clock: FakeClock) -> Sandbox:
    return Sandbox(clock=clock, risk_processing_delay=20.0)


@pytest.fixture
def svc(slow_risk_sandbox: Sandbox, tmp_path: Path) -> Iterator[CaseService]:
    service = make_service(slow_risk_sandbox, tmp_path / "data")
    yield service
    service.close()


def _fetch(service: CaseService, key: str) -> str:
    u = user(key)
    result = service.fetch_case(user_token=u.user_token, user_id=u.user_id, label=key)
    assert result.stored, result.message
    assert result.case_id is not None
    return result.case_id


def _actions(service: CaseService, clock: FakeClock) -> CaseActions:
    return CaseActions(service, "Dana", app_version="1.2.3", sleep=clock.sleep, clock=clock)


def test_risk_signals_config_polls_until_processed_then_stores_a_new_snapshot(
    svc: CaseService, clock: FakeClock
) -> None:
    case_id = _fetch(svc, "tampered_paystub")
    items = document_income_items(svc, case_id)
    assert items
    snapshots_before = len(svc.store.snapshots(case_id))
    clock.sleeps.clear()
    outcome = _actions(svc, clock).update_parsing_config(
        case_id, items[0], ["risk_signals"], poll=PollPolicy(first_wait=2, max_wait=8)
    )
    assert outcome.ok, outcome.message
    assert outcome.status == "READY"
    # backoff: 2, 4, 8, 8 ... until the 20 s of processing are over
    assert clock.sleeps[:3] == [2, 4, 8]
    assert sum(clock.sleeps) >= 20
    assert len(svc.store.snapshots(case_id)) == snapshots_before + 1
    snapshot = svc.load_case(case_id)
    assert snapshot is not None and any(s.locations for s in snapshot.risk_signals)
    trail = _work(svc.store.audit_trail(case_id))
    actions = [e.action for e in trail]
    assert actions == [
        "action.parsing_config_update",
        "action.risk_signals_poll",
        "action.refetch",
    ]
    assert trail[0].request_id and trail[1].request_id
    assert trail[0].details["parsing_config"] == ["risk_signals"]
    assert all(e.actor == "Dana" and e.app_version == "1.2.3" for e in trail)


def test_risk_polling_is_bounded_and_cancellable(svc: CaseService, clock: FakeClock) -> None:
    case_id = _fetch(svc, "tampered_paystub")
    item = document_income_items(svc, case_id)[0]
    before = len(svc.store.snapshots(case_id))
    actions = _actions(svc, clock)
    timed_out = actions.update_parsing_config(
        case_id, item, ["risk_signals"], poll=PollPolicy(first_wait=1, max_wait=2, budget=5)
    )
    assert not timed_out.ok and timed_out.status == "TIMEOUT"
    cancelled = actions.update_parsing_config(
        case_id, item, ["risk_signals", "ocr"], cancel=lambda: True
    )
    assert cancelled.status == "CANCELLED"
    assert len(svc.store.snapshots(case_id)) == before  # nothing refetched
    polls = [
        e for e in _work(svc.store.audit_trail(case_id)) if e.action == "action.risk_signals_poll"
    ]
    assert [e.details["status"] for e in polls] == ["TIMEOUT", "CANCELLED"]


def test_refresh_successful_refetches_and_names_the_new_pay_stub(
    svc: CaseService, clock: FakeClock
) -> None:
    case_id = _fetch(svc, "clean")
    outcome = _actions(svc, clock).refresh_payroll(case_id)
    assert outcome.ok and outcome.status == "SUCCESSFUL"
    assert [c.kind for c in outcome.pay_stub_changes] == ["new"]
    assert "new pay stub dated" in outcome.message
    actions = [e.action for e in _work(svc.store.audit_trail(case_id))]
    assert actions == ["action.payroll_refresh", "action.refetch", "action.refresh_changes"]
    # the refreshed data is dated by Plaid's update of the item: the new stub is not "in the
    # future" of the evidence, and the clean case stays clean
    from reviewer.review.checks import ALL_CHECKS

    snapshot = svc.load_case_checked(case_id)
    assert snapshot is not None
    assert [f.summary for f in snapshot.findings if f.check in ALL_CHECKS and f.failed] == []


@pytest.mark.parametrize(
    ("key", "status", "words"),
    [
        ("tampered_paystub", "USER_PRESENCE_REQUIRED", "must reconnect"),
        ("employment_history", "NOT_FOUND", "Nothing new"),
    ],
)
def test_refresh_other_outcomes_in_plain_words(
    svc: CaseService, clock: FakeClock, key: str, status: str, words: str
) -> None:
    case_id = _fetch(svc, key)
    before = len(svc.store.snapshots(case_id))
    outcome = _actions(svc, clock).refresh_payroll(case_id, webhook="https://example.com/hook")
    assert outcome.status == status
    assert words in outcome.message
    assert len(svc.store.snapshots(case_id)) == before
    (entry,) = _work(svc.store.audit_trail(case_id))
    assert entry.details["status"] == status and entry.request_id
    assert entry.details["webhook"] == "https://example.com/hook"


def test_offline_disables_actions_with_the_reason(svc: CaseService, clock: FakeClock) -> None:
    case_id = _fetch(svc, "clean")
    svc.set_offline(True)
    with pytest.raises(FetchFailed, match="offline"):
        _actions(svc, clock).refresh_payroll(case_id)
    assert _work(svc.store.audit_trail(case_id)) == []


def test_confirmation_names_environment_and_items() -> None:
    text = confirmation_text("Refresh payroll", "SANDBOX", ["item-1"])
    assert "SANDBOX" in text and "item-1" in text
    assert "all items" in confirmation_text("Refresh payroll", "PRODUCTION", [])


def test_webhook_routes_by_item_id_and_user_id(svc: CaseService, clock: FakeClock) -> None:
    case_id = _fetch(svc, "tampered_paystub")
    item = document_income_items(svc, case_id)[0]
    body = (
        '{"webhook_type": "INCOME", "webhook_code": "INCOME_VERIFICATION_RISK_SIGNALS",'
        f' "item_id": "{item}", "risk_signals_status": "RISK_SIGNALS_PROCESSING_COMPLETE",'
        ' "environment": "sandbox"}'
    )
    plan = plan_webhook(svc, parse_webhook_text(body))
    assert plan.case_ids == [case_id] and plan.refetch
    assert "Risk signals" in plan.describe()
    before = len(svc.store.snapshots(case_id))
    results = apply_webhook(_actions(svc, clock), plan)
    assert results[case_id] is not None and results[case_id].stored  # type: ignore[union-attr]
    assert len(svc.store.snapshots(case_id)) == before + 1
    assert [e.action for e in _work(svc.store.audit_trail(case_id))] == [
        "webhook.received",
        "action.refetch",
    ]

    reconnect = plan_webhook(
        svc,
        {
            "webhook_type": "USER_INCOME_VERIFICATION",
            "webhook_code": "INCOME_VERIFICATION_REFRESH_RECONNECT_NEEDED",
            "user_id": "no-such-user",
        },
    )
    assert reconnect.case_ids == [] and not reconnect.refetch
    assert "reconnect" in reconnect.describe()


def test_webhook_text_that_is_not_a_json_object() -> None:
    with pytest.raises(WebhookInvalid):
        parse_webhook_text("secret-ish {not json")
    with pytest.raises(WebhookInvalid):
        parse_webhook_text("[1, 2]")
