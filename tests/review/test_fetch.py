"""Fetching every demo user into the store, against the in-process sandbox."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pymupdf
import pytest

from reviewer.review import endpoints as ep
from reviewer.review.progress import Progress
from reviewer.review.service import CaseService
from reviewer.sandbox import demo_users
from reviewer.sealing import read_file


def _snapshot(service: CaseService, case_id: str):
    snap = service.load_case(case_id)
    assert snap is not None
    return snap


@pytest.mark.parametrize("demo", demo_users(), ids=lambda u: u.key)
def test_every_demo_user_is_fetched_and_stored(service: CaseService, demo, tmp_path: Path) -> None:
    seen: list[Progress] = []
    result = service.fetch_case(
        user_token=demo.user_token, user_id=demo.user_id, label=demo.label, progress=seen.append
    )
    assert result.stored, result.message
    snap = _snapshot(service, result.case_id)
    assert snap.case.label == demo.label
    assert seen and seen[-1].done == seen[-1].total, "progress ends at 100%"
    data_root = (tmp_path / "data").resolve()
    for doc in snap.documents:
        if doc.path is None:
            assert doc.problem, f"{doc.document_id} has neither a file nor a problem"
            continue
        path = Path(doc.path).resolve()
        assert data_root in path.parents, "document stored outside the data directory"
        assert hashlib.sha256(read_file(path)).hexdigest() == doc.sha256
    if demo.user_token is None:
        assert ep.STATEMENTS in snap.skipped and ep.EMPLOYMENT in snap.skipped
    # every signal is kept, located or with a reason
    for sig in snap.risk_signals:
        assert sig.locations or sig.location_note, sig


def test_show_json_shape(service: CaseService) -> None:
    demo = next(u for u in demo_users() if u.user_token)
    result = service.fetch_case(user_token=demo.user_token, label="L-1")
    shown = _snapshot(service, result.case_id).to_show_json()
    assert set(shown) >= {"case", "documents", "risk_signals", "errors", "findings", "identity"}
    assert set(shown["case"]) == {"id", "label", "fetched_at"}
    for doc in shown["documents"]:
        assert set(doc) == {
            "document_id",
            "item_id",
            "document_type",
            "name",
            "source_endpoint",
            "path",
            "sha256",
            "page_count",
            "problem",
            # wave 2
            "status",
            "error_message",
            "origin",
        }
        assert doc["origin"] in (
            "payroll_provider",
            "upload",
            "plaid_generated",
            "bank_income_report",
        )
    assert shown["identity"], "the demo applicant is named by some source"
    for claim in shown["identity"]:
        assert set(claim) >= {"source", "document_id", "name", "address"}
    for sig in shown["risk_signals"]:
        assert set(sig) == {
            "document_ids",
            "risk_score",
            "type",
            "field",
            "has_fraud_risk",
            "expected_value",
            "actual_value",
            "signal_description",
            "page_number",
            "locations",
        }
        for loc in sig["locations"]:
            assert set(loc) == {"document_id", "page", "rect", "found_by"}
            assert len(loc["rect"]) == 4


def test_bank_income_report_is_a_document(service: CaseService) -> None:
    demo = next(u for u in demo_users() if u.key == "bank_five_sources")
    result = service.fetch_case(user_token=demo.user_token)
    docs = _snapshot(service, result.case_id).documents
    report = [d for d in docs if d.document_type == "BANK_INCOME_REPORT"]
    assert len(report) == 1 and report[0].page_count and report[0].page_count >= 1


def _same_chars(wanted: str, text: str) -> bool:
    """`wanted` appears in `text` ignoring formatting ($, commas, spaces, case)."""

    def key(value: str) -> str:
        return "".join(c for c in value.lower() if c.isalnum())

    return bool(key(wanted)) and key(wanted) in key(text)


def test_located_highlights_cover_the_flagged_text(service: CaseService) -> None:
    """For tampered documents, each located rectangle covers the value the signal names."""
    checked = 0
    for demo in demo_users():
        if not demo.user_token:
            continue
        result = service.fetch_case(user_token=demo.user_token)
        snap = _snapshot(service, result.case_id)
        by_id = {d.document_id: d for d in snap.documents}
        for sig in snap.risk_signals:
            for loc in sig.locations:
                doc = by_id[loc.document_id]
                with pymupdf.open(stream=read_file(doc.path), filetype="pdf") as pdf:
                    page = pdf[loc.page - 1]
                    text = page.get_textbox(pymupdf.Rect(loc.rect) + pymupdf.Rect(-1, -1, 1, 1))
                wanted = (
                    sig.expected_value if loc.found_by == "expected_value" else sig.actual_value
                )
                if loc.found_by in ("expected_value", "actual_value"):
                    assert _same_chars(wanted or "", text), (sig, text)
                    checked += 1
            if sig.page_number == 0:
                assert not sig.locations and sig.location_note
    assert checked >= 3, "too few located signals to mean anything"


def test_refetch_keeps_history_and_case(service: CaseService) -> None:
    demo = next(u for u in demo_users() if u.user_token)
    first = service.fetch_case(user_token=demo.user_token, label="A-1")
    second = service.refetch_case(first.case_id)
    assert second.stored and second.case_id == first.case_id
    assert len(service.store.snapshots(first.case_id)) == 2
    assert [c.label for c in service.list_cases()] == ["A-1"]


def test_documents_carry_plaid_file_type_and_score(service: CaseService) -> None:
    demo = next(u for u in demo_users() if u.key == "photo_paystub")
    result = service.fetch_case(user_token=demo.user_token)
    docs = _snapshot(service, result.case_id).documents
    photo = [d for d in docs if d.media_type == "image/jpeg"]
    assert photo and photo[0].file_type == "IMAGE"
    assert photo[0].risk_score is not None


def test_app_fetch_checks_documents_in_the_worker_process(clean_sandbox, tmp_path: Path) -> None:
    """The app's fetch inspects and locates through the isolated worker, with the same result."""
    from reviewer.documents.worker import DocumentWorker
    from reviewer.review.document_backend import WorkerDocuments
    from reviewer.sandbox.embedded import embedded_client
    from reviewer.store import CaseStore

    backend = WorkerDocuments(DocumentWorker())
    svc = CaseService(
        CaseStore(tmp_path / "iso"),
        lambda: embedded_client(clean_sandbox, sleep=lambda _s: None),
        environment_label="t",
        backend=backend,
    )
    try:
        demo = next(u for u in demo_users() if u.key == "tampered_paystub")
        result = svc.fetch_case(user_token=demo.user_token)
        snap = _snapshot(svc, result.case_id)
        assert all(d.page_count for d in snap.documents if d.path)
        assert sum(len(s.locations) for s in snap.risk_signals) >= 3
    finally:
        svc.close()  # stops the worker process too


def test_cancelled_fetch_stores_nothing_and_says_so(service: CaseService) -> None:
    demo = next(u for u in demo_users() if u.key == "edited_statement")
    seen: list[Progress] = []
    result = service.fetch_case(
        user_token=demo.user_token, label="C-1", progress=seen.append, cancel=lambda: bool(seen)
    )
    assert not result.stored and "cancelled" in result.message
    # a first fetch that stored nothing leaves no case behind to hold the label (issue 14)
    assert result.case_id is None
    assert service.store.find_case("C-1") is None


def test_user_token_is_kept_out_of_reprs(service: CaseService) -> None:
    demo = next(u for u in demo_users() if u.user_token)
    result = service.fetch_case(user_token=demo.user_token, label="R-1")
    snap = _snapshot(service, result.case_id)
    assert demo.user_token not in repr(snap.case)
    assert demo.user_token not in repr(service.list_cases())


@pytest.mark.parametrize("checks", [True, False], ids=["checked", "checked-later"])
def test_the_fetch_entry_names_each_responses_plaid_request_id(
    service: CaseService, checks: bool
) -> None:
    demo = next(u for u in demo_users() if u.key == "clean")
    result = service.fetch_case(user_token=demo.user_token, label="L-1", checks=checks)
    assert result.ok, result.message
    entry = next(e for e in service.audit_trail(result.case_id) if e.action == "case.fetched")
    stored = dict(_snapshot(service, result.case_id).model.request_ids)
    assert len(stored) >= 5  # one per JSON endpoint the clean applicant answers
    assert entry.details["request_ids"] == stored
