"""Approving over open high-severity concerns needs a reason and a note (issue 17 item 9)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from reviewer.review.approval import open_concerns
from reviewer.review.case_model import SignalRecord
from reviewer.review.decisions import APPROVE, REJECT, Decision, DecisionInvalid, signal_key


def _signal(kind: str, fraud: bool = True) -> SignalRecord:
    return SignalRecord(["d1"], 94.0, kind, "net_pay", fraud, "2709.78", None, None, 1)


def _snapshot(*signals: SignalRecord, findings: Any = ()) -> Any:
    return SimpleNamespace(risk_signals=list(signals), findings=list(findings))


def test_undispositioned_high_severity_signals_and_failed_checks_are_open_concerns() -> None:
    edited, passed = _signal("EDITED_TEXT"), _signal("FONT", fraud=False)
    failed = SimpleNamespace(
        severity="high", summary="Net pay 2,709.78 is not gross less deductions"
    )
    concerns = open_concerns(_snapshot(edited, passed, findings=[failed]), {})
    assert len(concerns) == 2
    assert "Edited text on net pay (page 1)" in concerns[0]
    assert concerns[1].startswith("Reviewer check failed: Net pay")
    # a disposition (confirmed fraud, false positive...) closes the signal's concern
    assert len(open_concerns(_snapshot(edited), {signal_key(edited): {}})) == 0


def test_approving_over_concerns_needs_a_reason_and_a_note_and_records_them() -> None:
    concerns = ("Plaid signal with no disposition: Edited text on net pay (page 1)",)
    with pytest.raises(DecisionInvalid, match="choose a reason"):
        Decision(APPROVE, open_concerns=concerns).validate()
    with pytest.raises(DecisionInvalid, match="a note is required"):
        Decision(
            APPROVE, reasons=("Risk signals reviewed: false positives",), open_concerns=concerns
        ).validate()
    ok = Decision(
        APPROVE,
        reasons=("Risk signals reviewed: false positives",),
        note="payroll confirmed by phone",
        open_concerns=concerns,
    )
    ok.validate()
    assert ok.details()["open_concerns"] == list(concerns)
    Decision(APPROVE).validate()  # nothing open: approving needs nothing more
    Decision(REJECT, note="tampered", open_concerns=concerns).validate()
