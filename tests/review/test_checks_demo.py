"""Reviewer's checks on the demo cases: every check fails on some demo case, the clean cases
pass every check, and the two stories of the issue read as a reviewer sees them.

Every test runs twice: on a demo fetched today and on one fetched as if today were 400 days
later (the service's wall clock injected). The sandbox's stories are dated once, around
mid-November 2026, like any stored evidence; the checks judge dates from the day Plaid
gathered the evidence, so the findings must not change with the calendar.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reviewer.review.case_model import CaseSnapshot
from reviewer.review.checks import ALL_CHECKS
from reviewer.review.service import CaseService as ReviewService
from reviewer.sandbox import Sandbox, demo_users

from .conftest import make_service

# demo cases built to fail Reviewer's checks (the others must pass every one)
FAILING = {
    "tampered_paystub",
    "edited_statement",
    "inconsistent_docs",
    "missing_deposit",
    "fabricated_packet",
    "shared_statement",  # forensics: APP-1003's statement under another name
}
# demo cases whose files are tampered with (Plaid's own tampering stories): forensics finds it
FORENSIC_STORIES = {"plaid_risk_score_70"}


@pytest.fixture(scope="module", params=[0, 400], ids=["today", "400-days-later"])
def demo_snapshots(
    request: pytest.FixtureRequest, sandbox: Sandbox, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, CaseSnapshot]]:
    later = timedelta(days=request.param)
    svc: ReviewService = make_service(sandbox, Path(tmp_path_factory.mktemp("checks")) / "data")
    svc.now = lambda: datetime.now(UTC) + later
    try:
        shots = {}
        for user in demo_users():
            result = svc.fetch_case(
                user_token=user.user_token, user_id=user.user_id, label=user.label
            )
            assert result.stored, result.message
            snapshot = svc.load_case(result.case_id)
            assert snapshot is not None
            assert snapshot.fetched_at[:10] == svc.now().date().isoformat()
            shots[user.key] = snapshot
        yield shots
    finally:
        svc.close()


def _ours(snapshot: CaseSnapshot) -> list:
    return [f for f in snapshot.findings if f.check in ALL_CHECKS]


def test_every_check_has_a_demo_case_that_fails_it(demo_snapshots: dict[str, CaseSnapshot]) -> None:
    failing = {f.check for s in demo_snapshots.values() for f in _ours(s) if f.failed}
    assert set(ALL_CHECKS) - failing == set()


def test_clean_demo_cases_pass_every_check(demo_snapshots: dict[str, CaseSnapshot]) -> None:
    for key, snapshot in demo_snapshots.items():
        if key in FAILING or key not in {u.key for u in demo_users()}:
            continue
        ours = _ours(snapshot)
        assert ours, f"{key}: no findings stored"
        assert [f.summary for f in ours if f.failed] == [], key
        # nor does forensics find anything on them worth a reviewer's attention
        forensic = [f for f in snapshot.findings if f.check not in ALL_CHECKS and f.failed]
        assert (
            key in FORENSIC_STORIES
            or [f.summary for f in forensic if f.severity in ("high", "medium")] == []
        ), key


def test_the_date_checks_count_from_when_plaid_gathered_the_evidence(
    demo_snapshots: dict[str, CaseSnapshot],
) -> None:
    clean = demo_snapshots["clean"]
    windows = [f for f in clean.findings if f.check == "dates.within_verification_window"]
    assert windows and {f.severity for f in windows} == {"pass"}
    (future,) = [
        f
        for f in demo_snapshots["fabricated_packet"].findings
        if f.check == "dates.pay_date_in_future" and f.failed
    ]
    assert future.severity == "high" and future.values["pay_date"] == "2036-01-09"
    assert future.values["as_of"] == "2026-11-13"  # Plaid's data, whatever the fetch day


def test_tampered_stub_net_pay_is_boxed_on_the_page(
    demo_snapshots: dict[str, CaseSnapshot],
) -> None:
    shot = demo_snapshots["tampered_paystub"]
    (net,) = [f for f in shot.findings if f.check == "paystub.net_pay_arithmetic" and f.failed]
    assert net.summary.startswith(
        "Net pay does not equal gross minus deductions: printed 2,709.78, computed 1,709.78"
    )
    assert net.severity == "high" and net.locations
    loc = net.locations[0]
    assert loc.page == 1 and loc.document_id in net.document_ids
    shown = next(
        f
        for f in shot.to_show_json()["findings"]
        if f["check"] == net.check and f["severity"] == "high"
    )
    assert shown["values"]["printed"] == 2709.78 and shown["values"]["computed"] == 1709.78
    assert shown["locations"][0]["rect"] == list(loc.rect)


def test_net_pay_that_never_reached_the_bank(demo_snapshots: dict[str, CaseSnapshot]) -> None:
    shot = demo_snapshots["missing_deposit"]
    failed = [f for f in _ours(shot) if f.failed]
    assert [f.check for f in failed] == ["reconcile.net_pay_deposited"]
    assert failed[0].severity == "high"
    assert failed[0].summary.startswith("Net pay never reached the bank: no deposit of 1,830.23")
    found = [
        f
        for f in shot.findings
        if f.check == "reconcile.net_pay_deposited" and f.severity == "pass"
    ]
    assert len(found) == 2  # the two earlier paychecks did arrive


def test_edited_statement_balance_breaks_where_it_was_edited(
    demo_snapshots: dict[str, CaseSnapshot],
) -> None:
    shot = demo_snapshots["edited_statement"]
    failed = [f for f in _ours(shot) if f.failed]
    assert [f.check for f in failed] == ["statement.running_balance"]
    (loc,) = failed[0].locations
    assert loc.page == 17 and failed[0].values["difference"] == 9000.0
