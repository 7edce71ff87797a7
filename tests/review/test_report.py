"""The case report as JSON and PDF, and `reviewer export`."""

from __future__ import annotations

import json
from argparse import Namespace
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest

from reviewer.documents.report_pdf import (
    HIGHLIGHT,
    ReportCrop,
    ReportDocument,
    ReportSection,
    render_report_pdf,
)
from reviewer.review.commands_export import cmd_export, export_report
from reviewer.review.decisions import CONFIRMED_FRAUD, REJECT, Decision, Decisions
from reviewer.review.report import ReportUnavailable, build_report
from reviewer.review.service import CaseService
from reviewer.sandbox import Sandbox
from tests.review.conftest import make_service, user

FETCH_ENTRIES = ("case.fetched", "case.refetched", "case.fetch_failed")


def _work(trail):
    """The trail without the fetch entries every fetch now adds."""
    return [
        e for e in trail if (e["action"] if isinstance(e, dict) else e.action) not in FETCH_ENTRIES
    ]


@pytest.fixture
def decided(sandbox: Sandbox, tmp_path: Path) -> Iterator[tuple[CaseService, str]]:
    """The tampered pay stub case, fetched, one signal confirmed, rejected."""
    service = make_service(sandbox, tmp_path / "data")
    u = user("tampered_paystub")
    result = service.fetch_case(user_token=u.user_token, label="APP-7")
    assert result.case_id is not None
    snapshot = service.load_case(result.case_id)
    assert snapshot is not None
    decisions = Decisions(service.store, "Dana Reviewer")
    flagged = next(s for s in snapshot.risk_signals if s.has_fraud_risk)
    decisions.record_disposition(result.case_id, flagged, CONFIRMED_FRAUD, note="white box")
    decisions.record_decision(
        result.case_id,
        Decision(REJECT, reasons=("Document tampered or edited",), note="net pay overwritten"),
    )
    yield service, result.case_id
    service.close()


def test_json_report_holds_decision_dispositions_and_trail(decided) -> None:
    service, case_id = decided
    report = build_report(service, "APP-7")
    assert report["case"]["id"] == case_id
    assert report["case"]["applicant_name"]
    assert report["decision"]["decision"] == REJECT
    assert report["decision"]["note"] == "net pay overwritten"
    disposed = [s for s in report["risk_signals"] if s["disposition"]]
    assert len(disposed) == 1 and disposed[0]["disposition"]["note"] == "white box"
    assert report["audit_trail"][0]["action"] == "case.fetched"  # the fetch is audited too
    assert [e["action"] for e in _work(report["audit_trail"])] == [
        "signal.disposition",
        "decision.rejected",
    ]
    json.dumps(report)  # plain JSON all the way down


def test_pdf_report_reads_without_the_app(decided, tmp_path: Path) -> None:
    service, case_id = decided
    (tmp_path / "out").mkdir()
    out = export_report(service, case_id, tmp_path / "out" / "report.pdf")
    with pymupdf.open(out) as pdf:
        text = "".join(page.get_text() for page in pdf)
        images = sum(len(page.get_images()) for page in pdf)
        red_boxes = [
            d
            for page in pdf
            for d in page.get_drawings()
            if d.get("color") and all(abs(a - b) < 0.02 for a, b in zip(d["color"], HIGHLIGHT))
        ]
    for expected in (
        "Case report: APP-7",
        "Rejected by Dana Reviewer",
        "net pay overwritten",
        "Confirmed fraud: white box",
        "risk score 94",
        "Audit trail",
        "Decision: Rejected",
        "Case fetched from Plaid",
    ):
        assert expected in text, expected
    assert images >= 1  # a crop of the flagged page
    assert red_boxes  # with the highlight drawn on it


def test_a_document_that_will_not_render_costs_a_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7 this is not really a pdf")
    report = ReportDocument(
        "Case report: X",
        "sub",
        [ReportSection("Flags", ["! flagged"], [ReportCrop(str(bad), 3, [], "net_pay")])],
    )
    with pymupdf.open(stream=render_report_pdf(report), filetype="pdf") as pdf:
        text = pdf[0].get_text()
    assert "could not render" in text


def test_export_command(decided, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    service, _case_id = decided
    data_dir = service.store.data_dir
    service.close()
    out = tmp_path / "r.json"
    args = Namespace(case="APP-7", out=str(out), data_dir=str(data_dir), demo=False)
    assert cmd_export(args) == 0
    assert json.loads(out.read_text())["decision"]["label"] == "Rejected"
    assert cmd_export(Namespace(case="APP-7", out="r.txt", data_dir=str(data_dir))) == 2
    # an existing file is not replaced without --force (issue 14 item 13)
    assert cmd_export(Namespace(case="APP-7", out=str(out), data_dir=str(data_dir))) == 2
    missing_dir = tmp_path / "no-such-dir" / "r.json"
    assert cmd_export(Namespace(case="APP-7", out=str(missing_dir), data_dir=str(data_dir))) == 2
    assert not missing_dir.parent.exists()
    again = Namespace(case="nope", out=str(out), data_dir=str(data_dir), force=True)
    assert cmd_export(again) == 1
    assert "nope" in capsys.readouterr().err


def test_unknown_case(decided) -> None:
    service, _ = decided
    with pytest.raises(ReportUnavailable):
        build_report(service, "no-such-case")
