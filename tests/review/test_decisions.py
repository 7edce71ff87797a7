"""Decisions, dispositions and purges: what the reviewer records is in the trail, durably."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.review.case_model import SignalRecord
from reviewer.review.decisions import (
    APPROVE,
    CONFIRMED_FRAUD,
    ESCALATE,
    FALSE_POSITIVE,
    REJECT,
    REQUEST_DOCUMENTS,
    Decision,
    DecisionInvalid,
    Decisions,
    decision_label,
    matches_filter,
    reviewer_identity,
    signal_key,
)
from reviewer.store import CaseStore


@pytest.fixture
def store(tmp_path: Path):
    with CaseStore(tmp_path / "data") as s:
        yield s


def _case(store: CaseStore, label: str = "APP-1") -> str:
    return store.get_or_create_case(user_token=f"user-token-{label}", user_id=None, label=label).id


def _signal(**kw) -> SignalRecord:
    values = dict(
        document_ids=["doc-1"],
        risk_score=94.0,
        type="EDITED_TEXT",
        field="net_pay",
        has_fraud_risk=True,
        expected_value="2441.17",
        actual_value="1441.17",
        signal_description="edited",
        page_number=1,
    )
    values.update(kw)
    return SignalRecord(**values)  # type: ignore[arg-type]


def test_decision_is_in_the_trail_with_who_when_and_version(store: CaseStore) -> None:
    case_id = _case(store)
    decisions = Decisions(store, "Dana Reviewer", app_version="9.9.9")
    entry = decisions.record_decision(case_id, Decision(APPROVE, reasons=("Income verified",)))
    trail = store.audit_trail(case_id)
    assert trail[-1] == entry
    assert entry.actor == "Dana Reviewer"
    assert entry.app_version == "9.9.9"
    assert entry.timestamp.endswith(("Z", "+00:00"))
    assert entry.details["reasons"] == ["Income verified"]
    summary = next(c for c in store.list_cases() if c.id == case_id)
    assert decision_label(summary.decision) == "Approved"


@pytest.mark.parametrize("kind", [REJECT, ESCALATE])
def test_reject_and_escalate_need_a_note(store: CaseStore, kind: str) -> None:
    case_id = _case(store)
    decisions = Decisions(store, "r")
    with pytest.raises(DecisionInvalid, match="note"):
        decisions.record_decision(case_id, Decision(kind, reasons=("x",), note="   "))
    assert store.audit_trail(case_id) == []
    decisions.record_decision(case_id, Decision(kind, note="font differs on net pay"))
    assert len(store.audit_trail(case_id)) == 1


def test_request_documents_records_which_and_why_as_lender_text(store: CaseStore) -> None:
    case_id = _case(store)
    decisions = Decisions(store, "r")
    with pytest.raises(DecisionInvalid):
        decisions.record_decision(case_id, Decision(REQUEST_DOCUMENTS, request_reason="old"))
    entry = decisions.record_decision(
        case_id,
        Decision(
            REQUEST_DOCUMENTS,
            requested_document="Pay stub for March 2026",
            request_reason="the one supplied is older than 60 days",
        ),
    )
    text = entry.details["lender_text"]
    assert "Pay stub for March 2026" in text
    assert "older than 60 days" in text


def test_a_changed_decision_appends_and_the_newest_counts(store: CaseStore) -> None:
    case_id = _case(store)
    decisions = Decisions(store, "r")
    decisions.record_decision(case_id, Decision(ESCALATE, note="second opinion"))
    decisions.record_decision(case_id, Decision(REJECT, note="confirmed edit"))
    assert [e.action for e in store.audit_trail(case_id)] == [
        "decision.escalated",
        "decision.rejected",
    ]
    current = decisions.current_decision(case_id)
    assert current is not None and current.details["decision"] == REJECT


def test_dispositions_per_signal_newest_wins(store: CaseStore) -> None:
    case_id = _case(store)
    decisions = Decisions(store, "r")
    a, b = _signal(), _signal(field="gross_pay", expected_value="3000")
    assert signal_key(a) != signal_key(b)
    assert signal_key(a) == signal_key(_signal())
    decisions.record_disposition(case_id, a, FALSE_POSITIVE)
    decisions.record_disposition(case_id, a, CONFIRMED_FRAUD, note="digits misaligned")
    decisions.record_disposition(case_id, b, FALSE_POSITIVE)
    got = decisions.dispositions(case_id)
    assert got[signal_key(a)]["disposition"] == CONFIRMED_FRAUD
    assert got[signal_key(a)]["note"] == "digits misaligned"
    assert got[signal_key(b)]["disposition"] == FALSE_POSITIVE
    # a disposition is not a decision: the case stays undecided
    assert decisions.current_decision(case_id) is None
    with pytest.raises(DecisionInvalid):
        decisions.record_disposition(case_id, a, "maybe")


def test_queue_filters() -> None:
    assert matches_filter(None, "undecided")
    assert not matches_filter("decision.approved", "undecided")
    assert matches_filter("decision.escalated", "escalated")
    assert not matches_filter("decision.rejected", "escalated")
    assert matches_filter("decision.rejected", "all")
    assert decision_label(None) == "Undecided"


def test_reviewer_identity_falls_back_to_the_os_user(monkeypatch: pytest.MonkeyPatch) -> None:
    assert reviewer_identity("  Dana  ") == "Dana"
    monkeypatch.setattr("getpass.getuser", lambda: "osuser")
    # an account is no person: the trail says which it is
    assert reviewer_identity(None) == "osuser (computer account; no reviewer name set)"
    assert reviewer_identity("") == "osuser (computer account; no reviewer name set)"


def test_purge_needs_the_typed_label_and_leaves_a_tombstone(store: CaseStore) -> None:
    case_id = _case(store, "APP-9")
    decisions = Decisions(store, "Dana")
    decisions.record_decision(case_id, Decision(REJECT, note="tampered"))
    with pytest.raises(DecisionInvalid, match="APP-9"):
        decisions.purge(case_id, confirmation="APP-8", reason="retention")
    assert any(c.id == case_id for c in store.list_cases())
    decisions.purge(case_id, confirmation="APP-9", reason="retention period over")
    assert all(c.id != case_id for c in store.list_cases())
    trail = store.audit_trail(case_id)
    assert [e.action for e in trail] == ["decision.rejected", "case.purged"]
    assert trail[-1].actor == "Dana"
    assert trail[-1].details["reason"] == "retention period over"


DECIDE_THEN_HANG = """
import sys, time
from reviewer.store import CaseStore
from reviewer.review.decisions import Decision, Decisions, REJECT
store = CaseStore(sys.argv[1])
case_id = store.get_or_create_case(user_token="tok", user_id=None, label="APP-K").id
Decisions(store, "Dana").record_decision(case_id, Decision(REJECT, note="edited net pay"))
print("saved", case_id, flush=True)
time.sleep(60)
"""


def test_sigkill_right_after_saved_loses_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "kill"
    proc = subprocess.Popen(
        [sys.executable, "-c", DECIDE_THEN_HANG, str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("saved"), line
        os.kill(proc.pid, signal.SIGKILL)  # the instant after the UI would say "saved"
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
    case_id = line.split()[1]
    with CaseStore(data_dir) as store:
        trail = store.audit_trail(case_id)
    assert [e.action for e in trail] == ["decision.rejected"]
    assert trail[0].details["note"] == "edited net pay"
