"""The typed case model built from response bodies: exact money, directions, identity, odd data."""

from __future__ import annotations

import json
from decimal import Decimal

from reviewer.review.case_model import DocumentRecord, FetchError
from reviewer.review.model import Money, build_case, to_decimal

PAYROLL = "/credit/payroll_income/get"
STATEMENTS = "/credit/bank_statements/uploads/get"
BANK_INCOME = "/credit/bank_income/get"
SESSIONS = "/credit/sessions/get"


def _b(body: object) -> bytes:
    return json.dumps(body).encode()


STUB = {
    "document_id": "doc-1",
    "document_metadata": {
        "name": "stub.pdf",
        "document_type": "PAYSTUB",
        "status": "PROCESSING_COMPLETE",
        "page_count": 1,
    },
    "employee": {
        "name": "Maria Gonzalez",
        "address": {"street": "1 Elm St", "city": "Austin", "region": "TX", "postal_code": "78701"},
        "taxpayer_id": {"id_type": "SSN", "id_mask": "1234"},
    },
    "employer": {"name": "Acme Corp"},
    "earnings": {
        "breakdown": [
            {"description": "Regular", "current_amount": 2480.0, "hours": 80, "rate": 31.0}
        ],
        "total": {"current_amount": 2480.0, "hours": 80, "ytd_amount": 24800.1},
    },
    "deductions": {"total": {"current_amount": 770.22}},
    "net_pay": {"current_amount": 1709.78, "iso_currency_code": "USD"},
    "pay_period_details": {"pay_date": "2026-05-15", "pay_basis": "HOURLY"},
}


def test_money_is_exact_and_odd_numbers_are_not_given() -> None:
    assert to_decimal(2709.78) == Decimal("2709.78")
    assert to_decimal("$1,234.50") == Decimal("1234.50")
    assert to_decimal("(12.00)") == Decimal("-12.00")
    for odd in (float("nan"), float("inf"), "abc", True, None, "1e999", [], {}):
        assert to_decimal(odd) is None
    assert Money(Decimal("0.005")).cents == 0
    assert Money(Decimal("-84.17")).cents == -8417


def test_pay_stub_fields_and_origin() -> None:
    body = {
        "items": [
            {
                "item_id": "item-1",
                "status": {"processing_status": "PROCESSING"},
                "updated_at": "2026-05-20T10:00:00Z",
                "accounts": [
                    {"account_id": "acc", "rate_of_pay": {"pay_rate": "HOURLY", "pay_amount": 31}}
                ],
                "payroll_income": [{"account_id": "acc", "pay_stubs": [STUB]}],
            }
        ]
    }
    model = build_case({PAYROLL: _b(body)})
    (stub,) = model.pay_stubs
    assert stub.net_pay == Money(Decimal("1709.78"), "USD")
    assert stub.gross_earnings is None  # not sent
    assert stub.earnings[0].hours == Decimal(80) and stub.earnings[0].rate == Decimal("31.0")
    assert stub.total_hours == Decimal(80)
    assert stub.earnings_total_ytd == Money(Decimal("24800.1"))
    assert stub.pay_basis == "HOURLY"
    assert stub.document.origin == "payroll_provider"
    assert stub.document.status == "PROCESSING_COMPLETE"
    assert model.payroll_items[0].accounts[0].pay_rate == "HOURLY"
    assert [s.processing_status for s in model.processing_items] == ["PROCESSING"]
    claim = model.identity[0]
    assert (claim.name, claim.employer, claim.ssn_mask) == ("Maria Gonzalez", "Acme Corp", "1234")
    assert claim.address is not None and claim.address.one_line() == "1 Elm St, Austin, TX 78701"


def test_upload_without_provider_account_and_plaid_generated_pdf() -> None:
    generated = {**STUB, "document_id": "doc-2", "document_metadata": {
        "document_type": "PLAID_GENERATED_PAYSTUB_PDF"}}  # fmt: skip
    errored = {
        "document_id": "doc-3",
        "document_metadata": {"status": "DOCUMENT_ERROR", "error_message": "password protected"},
    }
    body = {"items": [{"payroll_income": [{"pay_stubs": [STUB, generated, errored]}]}]}
    model = build_case({PAYROLL: _b(body)})
    origins = {d.document_id: d.origin for d in model.documents}
    assert origins == {"doc-1": "upload", "doc-2": "plaid_generated", "doc-3": "upload"}
    doc3 = model.document("doc-3")
    assert doc3 is not None and doc3.error_message == "password protected"


def test_statement_direction_follows_plaid_sign() -> None:
    body = {
        "items": [
            {
                "bank_statements": [
                    {
                        "document_id": "st-1",
                        "bank_accounts": [
                            {
                                "account_id": "a1",
                                "owner": {"name": "Priya Raman", "address": {"city": "Reno"}},
                                "periods": [{"starting_balance": 100.5, "ending_balance": 0}],
                            }
                        ],
                        "transactions": [
                            {
                                "amount": -2874.31,
                                "original_description": "PAYROLL",
                                "account_id": "a1",
                            },
                            {
                                "amount": 84.17,
                                "original_description": "GROCERY",
                                "account_id": "a1",
                            },
                            {"amount": None, "original_description": "??"},
                        ],
                    }
                ]
            }
        ]
    }
    model = build_case({STATEMENTS: _b(body)})
    txs = [t for _s, t in model.statement_transactions()]
    assert [t.direction for t in txs] == ["in", "out", None]
    assert txs[0].value == Money(Decimal("2874.31"))
    assert model.bank_statements[0].accounts[0].periods[0].ending_balance == Money(Decimal(0))
    assert model.identity[0].kind == "bank_statement"
    assert model.bank_statements[0].document.origin == "upload"


def test_bank_income_reports_owners_and_warnings() -> None:
    owner = {
        "names": ["Olivia Chen"],
        "addresses": [{"data": {"street": "9 Oak", "city": "Boise", "region": "ID"}}],
        "emails": [{"data": "olivia@example.com"}],
        "phone_numbers": [{"data": "+12085550100"}],
    }
    report = {
        "bank_income_id": "r1",
        "generated_time": "2026-05-01T00:00:00Z",
        "days_requested": 90,
        "items": [
            {
                "institution_name": "First Platypus Bank",
                "bank_income_accounts": [{"account_id": "x", "mask": "4417", "owners": [owner]}],
                "bank_income_sources": [
                    {
                        "total_amount": 5000,
                        "transaction_count": 2,
                        "historical_summary": [
                            {"total_amounts": [{"amount": 2500, "iso_currency_code": "USD"}],
                             "transactions": [{"amount": 2500.0, "name": "ACME"}]}
                        ],
                    }
                ],
            }
        ],
        "bank_income_summary": {"income_transactions_count": 2, "total_amounts": [
            {"amount": 5000, "iso_currency_code": "USD"}, {"amount": 10, "iso_currency_code": "CAD"}]},
        "warnings": [{"warning_code": "IDENTITY_UNAVAILABLE", "cause": {"error_code": "X"}}],
    }  # fmt: skip
    older = {**report, "bank_income_id": "r0", "warnings": []}
    model = build_case({BANK_INCOME: _b({"bank_income": [report, older]})})
    assert [r.bank_income_id for r in model.bank_income] == ["r1", "r0"]
    first = model.bank_income[0]
    assert first.days_requested == 90 and first.summary is not None
    assert [m.currency for m in first.summary.totals] == ["USD", "CAD"]
    assert first.warnings[0].warning_code == "IDENTITY_UNAVAILABLE"
    assert first.items[0].sources[0].history[0].transactions[0].name == "ACME"
    owners = [c for c in model.identity if c.kind == "bank_income_owner"]
    assert len(owners) == 1  # the same owner in two reports is one claim
    assert owners[0].emails == ("olivia@example.com",)
    assert owners[0].phone_numbers == ("+12085550100",)
    assert "First Platypus Bank" in owners[0].source


def test_sessions_newest_first() -> None:
    body = {
        "sessions": [
            {"link_session_id": "old", "session_start_time": "2026-01-01T00:00:00Z"},
            {"link_session_id": "none"},
            {"link_session_id": "new", "session_start_time": "2026-03-01T00:00:00Z"},
        ]
    }
    model = build_case({SESSIONS: _b(body)})
    assert [s.link_session_id for s in model.sessions] == ["new", "old", "none"]


def test_shape_invalid_bodies_become_problems_in_words() -> None:
    odd_stub = {**STUB, "document_metadata": ["not", "an", "object"]}
    model = build_case(
        {
            PAYROLL: _b({"items": [{"payroll_income": [{"pay_stubs": [odd_stub]}]}]}),
            STATEMENTS: _b({"items": ["x", 1]}),
            BANK_INCOME: b"not json",
            SESSIONS: _b([1, 2]),
        }
    )
    assert len(model.pay_stubs) == 1  # the rest of the stub is kept
    assert model.pay_stubs[0].document.name is None
    endpoints = {p.endpoint for p in model.problems}
    assert endpoints == {PAYROLL, STATEMENTS, BANK_INCOME, SESSIONS}
    assert all(p.message.startswith("Part of ") for p in model.problems)


def test_errors_carry_every_field_plaid_sends() -> None:
    stored = FetchError(
        BANK_INCOME, 400, "ITEM_ERROR", "ITEM_LOGIN_REQUIRED", "login", "req-1",
        error_code_reason="OAUTH_INVALID_TOKEN", documentation_url="https://plaid.com/docs",
        suggested_action="Relink", causes=[{"item_id": "i1", "error_code": "ITEM_LOGIN_REQUIRED"}],
    )  # fmt: skip
    embedded = {"items": [], "error": {"error_code": "PRODUCT_NOT_READY", "error_message": "wait"}}
    model = build_case({PAYROLL: _b(embedded)}, errors=[stored])
    first, second = model.errors
    assert first.error_code_reason == "OAUTH_INVALID_TOKEN"
    assert first.causes[0].item_id == "i1"
    assert first.suggested_action == "Relink"
    assert (second.endpoint, second.error_code) == (PAYROLL, "PRODUCT_NOT_READY")


def test_bank_income_report_pdf_is_a_document() -> None:
    record = DocumentRecord(
        "bank_income_report:abc", None, "BANK_INCOME_REPORT", "Bank income report.pdf",
        "/credit/bank_income/pdf/get", None, None, 3, None,
    )  # fmt: skip
    model = build_case({}, documents=[record])
    info = model.document("bank_income_report:abc")
    assert info is not None and info.origin == "bank_income_report"
