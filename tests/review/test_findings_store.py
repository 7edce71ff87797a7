"""Findings are stored with their snapshot per producer and version, and reach `show --json`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reviewer.review.case_model import CaseSnapshot
from reviewer.review.document_backend import DocumentBackend
from reviewer.review.findings import (
    Finding,
    failed,
    finding_from_record,
    highest,
    not_applicable,
    passed,
    tally,
)
from reviewer.review.service import CaseService
from reviewer.sandbox import Sandbox

from .conftest import make_service, user


class CountingProducer:
    """A producer that says how often it ran and finds one failure, one pass, one n/a."""

    def __init__(self, name: str, version: str) -> None:
        self.name = name
        self.version = version
        self.runs = 0

    def compute(self, snapshot: CaseSnapshot, backend: DocumentBackend) -> list[Finding]:
        self.runs += 1
        stubs = [d for d in snapshot.documents if d.document_type == "PAYSTUB" and d.path]
        doc = stubs[-1]  # the tampered one of Derek's two stubs
        return [
            failed(
                f"{self.name}.net_pay",
                "arithmetic",
                "high",
                "Net pay does not equal gross minus deductions: printed 2,709.78, computed 1,709.78",
                document_ids=[doc.document_id],
                values={"printed": 2709.78, "computed": 1709.78, "difference": 1000.0},
                where=[(doc.document_id, 1, "2709.78")],
            ),
            passed(f"{self.name}.gross", "arithmetic", "Earnings lines add up to gross pay"),
            not_applicable(f"{self.name}.hours", "arithmetic", "the stub prints no hours"),
        ]


class BrokenProducer:
    name = "broken"
    version = "1"

    def compute(self, snapshot: CaseSnapshot, backend: DocumentBackend) -> list[Finding]:
        raise RuntimeError("a bug in a check")


def _service(sandbox: Sandbox, data_dir: Path, producers: list) -> CaseService:
    svc = make_service(sandbox, data_dir)
    svc._producers = producers
    return svc


def test_finding_rules() -> None:
    with pytest.raises(ValueError, match="not applicable"):
        Finding("x", "arithmetic", None, "no reason")
    with pytest.raises(ValueError, match="category"):
        Finding("x", "astrology", "high", "?")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="severity"):
        failed("x", "dates", "pass", "?")
    low = failed("a", "dates", "low", "a Saturday pay date")
    high = failed("b", "arithmetic", "high", "net pay")
    ok = passed("c", "arithmetic", "adds up")
    na = not_applicable("d", "identity", "only one source names the applicant")
    assert highest([low, ok, high, na]) is high
    assert highest([ok, na]) is None
    assert [
        (t.category, t.failed, t.passed, t.not_applicable) for t in tally([low, high, ok, na])
    ] == [
        ("arithmetic", 1, 1, 0),
        ("identity", 0, 0, 1),
        ("dates", 1, 0, 0),
    ]
    assert na.to_json()["severity"] is None
    assert na.to_json()["not_applicable"] == "only one source names the applicant"
    assert finding_from_record(high.to_record()) == high
    assert finding_from_record({"check": "x", "category": "unknown", "severity": "high"}) is None
    assert finding_from_record({"nonsense": 1}) is None


def test_fetch_stores_located_findings_and_show_json_lists_them(
    clean_sandbox: Sandbox, tmp_path: Path
) -> None:
    producer = CountingProducer("demo", "1")
    svc = _service(clean_sandbox, tmp_path / "data", [producer, BrokenProducer()])
    try:
        u = user("tampered_paystub")
        result = svc.fetch_case(user_token=u.user_token, label=u.label)
        assert result.stored and producer.runs == 1
        snapshot = svc.load_case(result.case_id)
        assert snapshot is not None
        shown = snapshot.to_show_json()
        assert list(shown)[:4] == ["case", "documents", "risk_signals", "errors"]
        findings = shown["findings"]
        assert [f["severity"] for f in findings] == ["high", "pass", None]
        net = findings[0]
        assert net["values"] == {"printed": 2709.78, "computed": 1709.78, "difference": 1000.0}
        assert net["locations"] and net["locations"][0]["page"] == 1
        x0, y0, x1, y1 = net["locations"][0]["rect"]
        assert x1 > x0 and y1 > y0
        # opening again runs nothing: the stored set is current
        svc.update_findings(snapshot)  # only the broken producer is stale: it runs, fails again
        assert producer.runs == 1
        row = next(c for c in svc.list_cases() if c.id == result.case_id)
        assert (row.failed_checks, row.worst_check) == (1, "high")
    finally:
        svc.close()


def test_a_new_checks_version_recomputes_and_old_cases_get_checks_on_open(
    clean_sandbox: Sandbox, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    svc = _service(clean_sandbox, data, [])  # "fetched before checks existed"
    u = user("tampered_paystub")
    result = svc.fetch_case(user_token=u.user_token, label=u.label)
    svc.close()
    producer = CountingProducer("demo", "2")
    svc = _service(clean_sandbox, data, [producer])
    try:
        snapshot = svc.load_case(result.case_id)
        assert snapshot is not None and snapshot.findings == []
        assert svc.findings_stale(snapshot)
        checked = svc.update_findings(snapshot)
        assert producer.runs == 1 and len(checked.findings) == 3
        assert not svc.findings_stale(snapshot)
        newer = CountingProducer("demo", "3")
        svc._producers = [newer]
        assert svc.findings_stale(snapshot)
        assert len(svc.load_case_checked(result.case_id).findings) == 3
        assert newer.runs == 1
    finally:
        svc.close()


def test_findings_of_a_case_purged_while_its_checks_ran_are_dropped_not_an_error(
    clean_sandbox: Sandbox, tmp_path: Path
) -> None:
    """The app recomputes stale findings in the background; a purge may land first."""
    from reviewer.review.decisions import Decisions

    producer = CountingProducer("demo", "1")
    svc = _service(clean_sandbox, tmp_path / "data", [producer])
    try:
        u = user("tampered_paystub")
        result = svc.fetch_case(user_token=u.user_token, label=u.label)
        snapshot = svc.load_case(result.case_id)
        assert snapshot is not None
        Decisions(svc.store, "reviewer").purge(
            result.case_id, confirmation=u.label, reason="applicant asked"
        )
        stale_snapshot = replace(snapshot, findings=[])
        svc._producers = [CountingProducer("demo", "2")]  # a newer version: stale, so it runs
        assert svc.update_findings(stale_snapshot) is stale_snapshot
    finally:
        svc.close()
