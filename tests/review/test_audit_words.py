"""The audit trail in words (issue 17 item 10): events, details and times a reviewer reads."""

from __future__ import annotations

import re

from reviewer.review.audit_words import action_words, details_words, when_words


def test_fetch_entries_say_from_where_what_and_with_which_request_ids() -> None:
    details = {
        "environment": "PRODUCTION",
        "complete": False,
        "failed_endpoints": ["/credit/bank_income/get"],
        "documents": 1,
        "signals": 3,
        "request_ids": {"/credit/payroll_income/get": "req-1"},
    }
    text = details_words("case.fetched", details)
    assert text == (
        "from PRODUCTION; stored, but these failed: bank income; 1 document; 3 risk signals;"
        " Plaid request ids: payroll income req-1"
    )
    assert action_words("case.refetched") == "Case fetched again from Plaid"


def test_raw_details_become_words() -> None:
    refetch = {"why": "reviewer asked", "stored": True, "complete": True, "message": "x"}
    assert (
        details_words("action.refetch", refetch)
        == "because reviewer asked; every endpoint answered"
    )
    assert "True" not in details_words("action.refetch", refetch)
    assert action_words("decision.approved") == "Decision: Approved"
    assert details_words("action.payroll_refresh", {"status": "SUCCESSFUL", "ok": True}) == (
        "Plaid's status: SUCCESSFUL; ok: yes"
    )


def test_times_are_local_to_the_second_with_the_zone() -> None:
    text = when_words("2026-11-30T12:46:48.123456+00:00")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [A-Za-z+\-0-9]+", text), text
