"""Valid JSON in an odd shape is a per-endpoint error in words, never an exception."""

from __future__ import annotations

import json
from pathlib import Path

from reviewer.review.commands import render_text
from tests.review.canned_plaid import canned_service

PAYROLL = "/credit/payroll_income/get"
STATEMENTS = "/credit/bank_statements/uploads/get"
RISK = "/credit/payroll_income/risk_signals/get"


def test_odd_shapes_are_recorded_per_endpoint(tmp_path: Path) -> None:
    bodies = {
        PAYROLL: {"items": ["x", 1]},
        STATEMENTS: {
            "items": [{"item_id": "i", "bank_statements": [{"document_metadata": ["a", "b"]}]}]
        },
        RISK: {
            "items": [
                {
                    "verification_risk_signals": [
                        {"single_document_risk_signals": [{"risk_signals": ["junk", 5]}]},
                        "junk",
                    ]
                }
            ]
        },
    }
    service = canned_service(tmp_path / "data", bodies)
    try:
        result = service.fetch_case(user_token="user-sandbox-odd", label="ODD")
        assert result.stored and not result.ok
        by_endpoint = {e.endpoint: e for e in result.errors}
        assert set(by_endpoint) == {PAYROLL, STATEMENTS, RISK}
        for error in by_endpoint.values():
            assert error.error_type == "UNEXPECTED_SHAPE"
            assert error.error_message and "could not be read" in error.error_message
        assert result.case_id is not None
        snapshot = service.load_case(result.case_id)
        assert snapshot is not None and snapshot.model is not None
        shown = json.loads(json.dumps(snapshot.to_show_json()))
        assert {e["endpoint"] for e in shown["errors"]} == {PAYROLL, STATEMENTS, RISK}
        statement_docs = [d for d in shown["documents"] if d["source_endpoint"] == STATEMENTS]
        assert statement_docs and statement_docs[0]["problem"] == "no document available"
        assert render_text(snapshot)
        assert {p.endpoint for p in snapshot.model.problems} == {PAYROLL, STATEMENTS, RISK}
    finally:
        service.close()


def test_show_json_carries_identity_and_document_status(tmp_path: Path) -> None:
    stub = {
        "document_id": "d1",
        "document_metadata": {"status": "DOCUMENT_ERROR", "error_message": "locked PDF"},
        "employee": {"name": "Lena Novak"},
    }
    owner = {"names": ["Lena Novak"], "emails": [{"data": "lena@example.com"}]}
    bodies = {
        PAYROLL: {"items": [{"item_id": "i1", "payroll_income": [{"pay_stubs": [stub]}]}]},
        "/credit/bank_income/get": {
            "bank_income": [
                {"items": [{"bank_income_accounts": [{"mask": "1111", "owners": [owner]}]}]}
            ]
        },
    }
    service = canned_service(tmp_path / "data", bodies)
    try:
        result = service.fetch_case(user_token="user-sandbox-x", label="X")
        assert result.case_id is not None
        snapshot = service.load_case(result.case_id)
        assert snapshot is not None
        shown = snapshot.to_show_json()
    finally:
        service.close()
    (doc,) = [d for d in shown["documents"] if d["document_id"] == "d1"]
    assert (doc["status"], doc["error_message"], doc["origin"]) == (
        "DOCUMENT_ERROR",
        "locked PDF",
        "upload",
    )
    report = [d for d in shown["documents"] if d["document_type"] == "BANK_INCOME_REPORT"]
    assert report and report[0]["origin"] == "bank_income_report"
    kinds = {(i["kind"], i["name"], i["document_id"]) for i in shown["identity"]}
    assert kinds == {("pay_stub", "Lena Novak", "d1"), ("bank_income_owner", "Lena Novak", None)}
    owner_entry = next(i for i in shown["identity"] if i["kind"] == "bank_income_owner")
    assert owner_entry["emails"] == ["lena@example.com"]
    assert owner_entry["source"].startswith("Bank income account owner")
