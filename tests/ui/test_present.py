"""Presentation helpers: what the reviewer reads in the tabs, from the typed case model."""

from __future__ import annotations

import json

from reviewer.review.model import CaseModel, build_case
from reviewer.ui.present import bank, employment
from reviewer.ui.present.forms import payroll_forms
from reviewer.ui.present.identity import identity_table
from reviewer.ui.present.risk import RiskBand, risk_band

PAYROLL = {
    "items": [
        {
            "payroll_income": [
                {
                    "pay_stubs": [
                        {
                            "document_id": "d1",
                            "document_metadata": {
                                "status": "DOCUMENT_ERROR",
                                "error_message": "The document is password protected",
                            },
                            "employee": {"name": "Jane Doe", "taxpayer_id": {"id_mask": "1234"}},
                            "employer": {"name": "Acme"},
                            "pay_period_details": {
                                "pay_date": "2024-01-15",
                                "gross_earnings": 2441.17,
                                "pay_basis": "HOURLY",
                            },
                            "earnings": {
                                "breakdown": [
                                    {
                                        "description": "Regular",
                                        "hours": 80,
                                        "rate": 30.51,
                                        "current_amount": 2440.8,
                                    }
                                ],
                                "total": {"hours": 80},
                            },
                            "net_pay": {"current_amount": 1900.5, "ytd_amount": None},
                        },
                        {
                            "document_id": "d2",
                            "employee": {"name": "JANE  DOE."},
                            "employer": {"name": "Other Corp"},
                        },
                    ],
                    "w2s": [
                        {
                            "document_id": "w",
                            "tax_year": "2023",
                            "wages_tips_other_comp": "52000.00",
                        }
                    ],
                    "form1099s": None,
                }
            ]
        }
    ]
}


def model_of(endpoint: str, body: object) -> CaseModel:
    return build_case({endpoint: json.dumps(body).encode()})


def test_identity_marks_mismatch_but_ignores_case_and_punctuation() -> None:
    table = identity_table(model_of("/credit/payroll_income/get", PAYROLL))
    assert len(table.documents) == 2  # the W-2 names nobody: not an identity source
    assert "Employer" in table.mismatched
    assert "Name" not in table.mismatched


def test_identity_includes_bank_account_owners() -> None:
    body = {
        "bank_income": [
            {
                "items": [
                    {
                        "institution_name": "First Platypus Bank",
                        "bank_income_accounts": [
                            {
                                "mask": "4417",
                                "name": "Checking",
                                "owners": [
                                    {
                                        "names": ["Jane Doe"],
                                        "emails": [{"data": "jane@example.com"}],
                                        "phone_numbers": [{"data": "+15550100"}],
                                    }
                                ],
                            }
                        ],
                    }
                ]
            }
        ]
    }
    table = identity_table(model_of("/credit/bank_income/get", body))
    assert table.documents == [
        "Bank income account owner (First Platypus Bank, Checking ending 4417)"
    ]
    assert table.values["Email"] == ["jane@example.com"]
    assert table.values["Phone"] == ["+15550100"]


def test_payroll_forms_are_readable_and_tolerate_nulls() -> None:
    forms = payroll_forms(model_of("/credit/payroll_income/get", PAYROLL))
    assert [f.title.split()[0] for f in forms] == ["Pay", "Pay", "W-2"]
    first = {s.title: s for s in forms[0].sections}
    fields = dict(first["Pay period"].fields)
    assert fields["Gross earnings"] == "$2,441.17"
    assert fields["Pay basis"] == "Hourly"
    earnings = first["Earnings"].table
    assert earnings is not None and earnings.rows[0][:3] == ["Regular", "80", "30.51"]
    assert forms[0].warning is not None and "Password protected" in forms[0].warning
    assert dict(first["Document"].fields)["Origin"] == "uploaded by the applicant"
    w2 = {s.title: s for s in forms[2].sections}
    assert dict(w2["Boxes"].fields)["1 Wages, tips, other compensation"] == "$52,000.00"
    assert payroll_forms(build_case({})) == []
    odd = model_of("/credit/payroll_income/get", {"items": [None, {"payroll_income": "junk"}]})
    assert payroll_forms(odd) == []


def test_risk_bands_follow_thresholds() -> None:
    assert risk_band(None) is RiskBand.UNKNOWN
    assert risk_band(20) is RiskBand.LOW
    assert risk_band(50) is RiskBand.MEDIUM
    assert risk_band(80) is RiskBand.HIGH
    assert risk_band(50, low=10, high=40) is RiskBand.HIGH


def test_monthly_income_sums_history_per_month() -> None:
    resp = {
        "bank_income": [
            {
                "bank_income_summary": {
                    "historical_summary": [
                        {"start_date": "2024-02-01", "total_amount": 100.0},
                        {"start_date": "2024-01-01", "total_amount": 50},
                        {"start_date": None, "total_amount": 1},
                    ]
                }
            }
        ]
    }
    model = model_of("/credit/bank_income/get", resp)
    assert bank.monthly_income(model) == [("2024-01", 50.0), ("2024-02", 100.0)]


def test_statement_transactions_show_direction_from_plaids_sign() -> None:
    body = {
        "items": [
            {
                "bank_statements": [
                    {
                        "bank_accounts": [{"account_id": "a", "name": "Checking"}],
                        "transactions": [
                            {"date": "2024-01-02", "amount": -2874.31, "account_id": "a"},
                            {"date": "2024-01-03", "amount": 84.17, "account_id": "a"},
                        ],
                    }
                ]
            }
        ]
    }
    rows = bank.statement_transactions(model_of("/credit/bank_statements/uploads/get", body))
    assert [(r.direction, r.amount, r.value) for r in rows] == [
        ("Money out", "-$84.17", -84.17),
        ("Money in", "+$2,874.31", 2874.31),
    ]
    assert rows[0].account == "Checking"


def test_sessions_list_each_result_kind() -> None:
    body = {
        "sessions": [
            {
                "link_session_id": "s1",
                "results": {
                    "bank_income_results": [{"status": "APPROVED", "institution_id": "ins_1"}],
                    "document_income_results": {"num_paystubs_uploaded": 2},
                },
                "errors": [{"error_code": "X", "display_message": "Nope"}],
            }
        ]
    }
    rows = employment.session_rows(model_of("/credit/sessions/get", body))
    # issue 17 item 11: no institution id as a name; only counts that are there, plurals right
    assert rows[0].results[0] == "Bank income: approved at an institution Plaid did not name"
    assert rows[0].results[1] == "Documents uploaded: 2 pay stubs"
    assert "ins_1" in rows[0].ids and "s1" in rows[0].ids
    assert rows[0].errors == ["Nope (X)"]


def test_a_blocked_upload_says_what_plaid_said_and_what_to_do() -> None:
    """Issue 17 item 4: the word "password" and the next step, never "no document available"."""
    from types import SimpleNamespace

    from reviewer.review.case_model import DocumentRecord
    from reviewer.ui.present.doc_list import document_status_line, flag_text

    locked = DocumentRecord(
        "d1",
        "i1",
        "PAYSTUB",
        "paystub_locked.pdf",
        "e",
        None,
        None,
        None,
        "no document available",
        status="DOCUMENT_ERROR",
    )
    info = SimpleNamespace(
        status="DOCUMENT_ERROR", error_message="The document is password protected"
    )
    assert document_status_line(locked, info) == (
        "Password protected: the applicant must upload an unlocked copy."
    )
    offer = SimpleNamespace(
        status="DOCUMENT_ERROR", error_message="The document is an offer letter"
    )
    assert document_status_line(locked, offer).startswith(
        "Rejected by Plaid: The document is an offer"
    )
    assert flag_text(None, 0, "no document available") == "no file"


def test_viewer_words_have_plurals_and_no_empty_placeholders() -> None:
    """Issue 17 item 11: "1 page", "W-2", no "Plaid derived: —", no "Masked content: —"."""
    from reviewer.review.case_model import SignalRecord
    from reviewer.ui.present.words import document_type_words, field_words, plural
    from reviewer.ui.viewer.risk_panel import signal_tooltip

    assert plural(1, "page") == "1 page" and plural(2, "W-2") == "2 W-2s"
    assert (
        document_type_words("US_TAX_W2") == "W-2" and document_type_words("PAYSTUB") == "Pay stub"
    )
    assert field_words("employee.ssn") == "employee SSN"
    masked = SignalRecord(["d"], 90.0, "MASKING", None, True, "***-**-4821", None, None, 1)
    tip = signal_tooltip(masked)
    assert "Plaid derived" not in tip and "—" not in tip
    assert "Printed on the document: ***-**-4821" in tip


def test_overview_says_the_data_is_incomplete_when_uploads_are_blocked(tmp_path) -> None:
    """Issue 17 item 4: "Every endpoint answered" is not the whole story for APP-1006."""
    from reviewer.review.service import CaseService
    from reviewer.sandbox import demo_users
    from reviewer.ui.tabs.overview import overview_html

    svc = CaseService.open(tmp_path / "d", demo=True)
    try:
        user = next(u for u in demo_users() if u.key == "upload_problems")
        result = svc.fetch_case(user_token=user.user_token, label=user.label)
        snapshot = svc.load_case(result.case_id)
    finally:
        svc.close()
    page = overview_html(snapshot, 20, 80)
    assert "Data incomplete:" in page
    assert "paystub_locked.pdf" in page and "offer_letter.pdf" in page
    assert "US_TAX_W2" not in page and "PAYSTUB<" not in page  # types in words
    assert "T" not in page.split("Fetched ", 1)[1][:12]  # a local time, not ISO
    assert "/credit/" not in page  # endpoints in words ("bank income report PDF")


def test_an_open_employment_reads_since_not_a_question_mark() -> None:
    """Issue 17 item 11: "2022-06-13 – ?" read as missing data; an active job is "since …"."""
    body = {
        "items": [
            {
                "item_id": "i",
                "employments": [
                    {
                        "employer": {"name": "Cascade"},
                        "status": "ACTIVE",
                        "start_date": "2022-06-13",
                    },
                    {
                        "employer": {"name": "Rainier"},
                        "status": "INACTIVE",
                        "start_date": "2019-01-07",
                    },
                ],
            }
        ]
    }
    rows = employment.employment_rows(model_of("/credit/employment/get", body))
    assert rows[0].dates == "since 2022-06-13"
    assert rows[1].dates == "from 2019-01-07, end not given"
