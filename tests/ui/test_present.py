"""Presentation helpers: what the reviewer reads in the tabs, from Plaid-shaped dicts."""

from __future__ import annotations

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
                            "employee": {"name": "Jane Doe", "taxpayer_id": {"id_mask": "1234"}},
                            "employer": {"name": "Acme"},
                            "pay_period_details": {
                                "pay_date": "2024-01-15",
                                "gross_earnings": 2441.17,
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


def test_identity_marks_mismatch_but_ignores_case_and_punctuation() -> None:
    table = identity_table({"/credit/payroll_income/get": PAYROLL})
    assert len(table.documents) == 3
    assert "Employer" in table.mismatched
    assert "Name" not in table.mismatched


def test_payroll_forms_are_readable_and_tolerate_nulls() -> None:
    forms = payroll_forms(PAYROLL)
    assert [f.title.split()[0] for f in forms] == ["Pay", "Pay", "W-2"]
    fields = dict(forms[0].sections[0].fields)
    assert fields["Gross earnings"] == "$2,441.17"
    w2 = dict(forms[2].sections[1].fields)
    assert w2["1 Wages, tips, other compensation"] == "$52,000.00"
    assert payroll_forms(None) == []
    assert payroll_forms({"items": [None, {"payroll_income": "junk"}]}) == []


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
    assert bank.monthly_income(resp) == [("2024-01", 50.0), ("2024-02", 100.0)]


def test_sessions_list_each_result_kind() -> None:
    rows = employment.session_rows(
        {
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
    )
    assert rows[0].results[0] == "Bank income: Approved at ins_1"
    assert rows[0].results[1].startswith("Documents uploaded: 2 pay stubs")
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
