"""Forensics findings of demo cases, end to end: fetch, worker analysis, store, show --json."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reviewer.review.service import CaseService
from reviewer.sandbox import Sandbox
from tests.review.conftest import make_service, user

FORENSIC = {"revision", "masking", "text_layer", "fonts", "metadata", "seen_before"}


@pytest.fixture(scope="module")
def fetched(sandbox: Sandbox, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CaseService]:
    svc = make_service(sandbox, tmp_path_factory.mktemp("forensics") / "data")
    for key, label in (
        ("tampered_paystub", "APP-1002"),
        ("edited_statement", "APP-1003"),
        ("shared_statement", "APP-1016"),
        ("clean", "APP-1001"),
        ("plaid_risk_score_70", "APP-1013"),
        ("missing_deposit", "APP-1017"),
        ("user_id_only", "APP-1015"),
    ):
        who = user(key)
        result = svc.fetch_case(user_token=who.user_token, user_id=who.user_id, label=label)
        assert result.stored, result.message
    yield svc
    svc.close()


def _findings(svc: CaseService, label: str) -> list[dict[str, Any]]:
    snapshot = svc.load_case_checked(label)
    assert snapshot is not None
    return [f for f in snapshot.to_show_json()["findings"] if f["category"] in FORENSIC]


def test_the_edited_stub_says_what_revision_1_said_boxed_on_the_net_pay(
    fetched: CaseService,
) -> None:
    findings = _findings(fetched, "APP-1002")
    revision = [f for f in findings if f["check"] == "revision.changed_text"]
    assert len(revision) == 1  # the figure printed three times: one finding, three boxes
    (found,) = revision
    assert found["severity"] == "high"
    assert found["summary"].startswith("Revision 1 of 2 said 1,709.78 where revision 2 of 2 shows")
    assert len(found["locations"]) == 3
    assert {loc["page"] for loc in found["locations"]} == {1}
    assert found["values"]["hidden_text"] == "$1,709.78"
    checks = {f["check"]: f for f in findings}
    assert checks["masking.covered_text"]["values"]["hidden_text"] == "$1,709.78"
    assert checks["fonts.foreign_font"]["severity"] == "high"
    assert checks["metadata.edited"]["severity"] == "high"
    assert "Acrobat" in checks["metadata.edited"]["summary"]
    # the editor's save came after the pay date the stub prints (a payroll system's is final)
    assert "day(s) after the pay date it shows" in checks["metadata.edited"]["summary"]


def test_metadata_dates_are_compared_with_the_documents_own_dates(fetched: CaseService) -> None:
    # APP-1013's stub file was made in February for a November pay date
    (early,) = [
        f for f in _findings(fetched, "APP-1013") if f["check"] == "metadata.document_dates"
    ]
    assert early["severity"] == "medium"
    assert early["summary"].startswith("The file was made on 02/03/2026,")
    assert "before the pay date it shows" in early["summary"]
    # the clean case's stubs, W-2 and statement files were made when their dates say
    clean = [f for f in _findings(fetched, "APP-1001") if f["check"] == "metadata.document_dates"]
    assert clean and {f["severity"] for f in clean} == {"pass"}


def test_the_shared_statement_names_the_other_case(fetched: CaseService) -> None:
    (mine,) = [f for f in _findings(fetched, "APP-1016") if f["check"] == "seen_before.same_file"]
    assert "APP-1003" in mine["summary"] and "Priya Raman" in mine["summary"]
    assert mine["values"]["other_case"] == "APP-1003"
    # the case fetched first learns of the later one when it is opened again
    (theirs,) = [f for f in _findings(fetched, "APP-1003") if f["check"] == "seen_before.same_file"]
    assert theirs["values"]["other_case"] == "APP-1016"


def test_the_clean_case_has_no_forensic_finding_at_high_severity(fetched: CaseService) -> None:
    findings = _findings(fetched, "APP-1001")
    assert findings
    assert [f["summary"] for f in findings if f["severity"] == "high"] == []
    assert {f["check"] for f in findings} >= {
        "revision.saved_once",
        "masking.none",
        "metadata.timeline",
    }


def test_a_document_that_cannot_be_analysed_says_so(tmp_path: Path) -> None:
    from reviewer.documents.forensics.types import ForensicsReport
    from reviewer.review.case_model import DocumentRecord
    from reviewer.review.forensics import report_findings

    doc = DocumentRecord(
        "d1", None, "PAYSTUB", "stub.pdf", "payroll", "/x", "ab", 1, None, "application/pdf"
    )
    report = ForensicsReport(could_not=("could not analyse: the file was saved 10,001 times",))
    found = report_findings(doc, report)
    (line,) = [f for f in found if f.severity is None and f.check == "forensics.could_not_analyse"]
    assert line.not_applicable == "could not analyse: the file was saved 10,001 times"
    assert line.category == "revision"


def test_an_employer_address_given_for_two_employers_is_a_finding() -> None:
    import json

    from reviewer.review.forensics import employers_by_document
    from reviewer.review.model import build_case
    from reviewer.review.seen_before import _matches, _Print
    from reviewer.store.records import CaseRow

    address = {"street": "12 Elm St", "city": "Austin", "region": "TX", "postal_code": "78701"}
    responses = {
        "/credit/payroll_income/get": {
            "items": [
                {
                    "payroll_income": [
                        {
                            "pay_stubs": [
                                {
                                    "document_id": "s1",
                                    "employer": {"name": "Acme", "address": address},
                                }
                            ]
                        }
                    ]
                }
            ]
        }
    }
    model = build_case(
        {k: json.dumps(v).encode() for k, v in responses.items()}  # the case model reads bytes
    )
    assert employers_by_document(model) == {"s1": ("Acme", "12 Elm St, Austin, TX, 78701")}
    other_case = CaseRow("c2", "APP-9", "Ann Lee", None, 1, None, "2026-11-01T00:00:00Z")
    mine = _Print(
        None, "s1", {"employer": "Acme", "employer_address": "12 Elm St, Austin, TX, 78701"}
    )
    theirs = _Print(
        other_case,
        "s9",
        {"employer": "Blue Fin LLC", "employer_address": "12 ELM ST., Austin TX 78701"},
    )
    (found,) = _matches(mine, [theirs])
    assert found.check == "seen_before.employer_address"
    assert found.severity == "medium"
    assert (
        "Blue Fin LLC" in found.summary and "APP-9" in found.summary and "Ann Lee" in found.summary
    )
    # a colleague: the same employer at its own address is no finding
    colleague = _Print(
        other_case, "s8", {"employer": "ACME", "employer_address": "12 Elm St, Austin TX 78701"}
    )
    assert _matches(mine, [colleague]) == []


def test_a_phone_number_shared_with_other_cases_is_one_finding_and_service_lines_are_not() -> None:
    from reviewer.review.seen_before import _matches, _Print
    from reviewer.store.records import CaseRow

    def case(label: str, name: str) -> CaseRow:
        return CaseRow(label.lower(), label, name, None, 1, None, "2026-11-01T00:00:00Z")

    mine = _Print(None, "s1", {"phones": "6145550100, 8005550123", "name": "stub.pdf"})
    others = [
        _Print(
            case("APP-7", "Ann Lee"), "a", {"phones": "6145550100, 8005550123", "name": "a.pdf"}
        ),
        _Print(case("APP-8", "Bo Diaz"), "b", {"phones": "6145550100", "name": "b.pdf"}),
    ]
    (found,) = _matches(mine, others)
    assert found.check == "seen_before.phone"
    assert "(614) 555-0100" in found.summary
    assert "APP-7 (Ann Lee" in found.summary and "APP-8 (Bo Diaz" in found.summary
    assert found.values["other_cases"] == "APP-7, APP-8"


def test_a_shared_layout_is_a_finding_only_with_the_same_figures_under_another_name() -> None:
    from reviewer.review.seen_before import _matches, _Print
    from reviewer.store.records import CaseRow

    def case(label: str, name: str) -> CaseRow:
        return CaseRow(label.lower(), label, name, None, 1, None, "2026-11-01T00:00:00Z")

    stub = {"template": "t1", "figures": "f1", "document_type": "PAYSTUB", "name": "stub.pdf"}
    mine = _Print(case("APP-1", "Jordan Ellis"), "s1", stub | {"applicant": "Jordan Ellis"})
    copied = _Print(case("APP-2", "Camila Ortiz"), "s2", stub | {"applicant": "Camila Ortiz"})
    (found,) = _matches(mine, [copied])
    assert found.check == "seen_before.same_template" and found.severity == "high"
    assert "stub.pdf in case APP-2 (Camila Ortiz" in found.summary
    assert "under another name (Jordan Ellis)" in found.summary
    assert found.values["other_cases"] == "APP-2"
    # one payroll provider's layout filled in with other figures: every customer has it
    provider = _Print(copied.case, "s3", copied.values | {"figures": "f2"})
    assert _matches(mine, [provider]) == []
    # the same person's document in another case (a re-application) is not a renamed copy
    again = _Print(case("APP-3", "Jordan M. Ellis"), "s4", stub | {"applicant": "JORDAN ELLIS"})
    assert _matches(mine, [again]) == []
    # too few printed amounts to tell documents apart: no figures, no match
    bare = {**stub, "figures": None}
    assert _matches(_Print(None, "s1", bare | {"applicant": "Jordan Ellis"}), [copied]) == []


def test_the_renamed_stub_names_the_case_it_was_copied_from(fetched: CaseService) -> None:
    (mine,) = [
        f for f in _findings(fetched, "APP-1016") if f["check"] == "seen_before.same_template"
    ]
    assert "in case APP-1017 (Camila Ortiz" in mine["summary"]
    assert mine["severity"] == "high" and mine["values"]["applicant"] == "Jordan Ellis"
    # one generator's layout with other figures (APP-1001 and APP-1015 were the same figures
    # under two names until their stories got figures of their own): no finding
    for label in ("APP-1001", "APP-1013", "APP-1015"):
        assert [
            f for f in _findings(fetched, label) if f["check"] == "seen_before.same_template"
        ] == []


def test_a_clean_pdfs_passes_are_counted_in_their_own_categories() -> None:
    from reviewer.documents.forensics.types import ForensicsReport
    from reviewer.review.case_model import DocumentRecord
    from reviewer.review.forensics import report_findings

    doc = DocumentRecord(
        "d1", None, "PAYSTUB", "stub.pdf", "payroll", "/x", "ab", 1, None, "application/pdf"
    )
    passes = {f.check: f.category for f in report_findings(doc, ForensicsReport())}
    assert passes["revision.saved_once"] == "revision"
    assert passes["masking.none"] == "masking"
    assert passes["fonts.consistent"] == "fonts"
