"""Fetches against a loopback server answering like a broken or malicious Plaid (issue 14).

Items 1 (odd JSON never crashes a fetch), 4 (a failed fetch frees its label), 5 (the per-fetch
deadline), 7 (the bank income report is sniffed), 12 (failed downloads and the per-case cap
make a fetch incomplete) and 13 (stored responses keep no download signature).
"""

from __future__ import annotations

import io
import json
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest

from reviewer.plaid.client import PlaidClient
from reviewer.review import endpoints as ep
from reviewer.review.document_backend import InProcessDocuments
from reviewer.review.service import CaseService
from reviewer.settings import FetchLimits
from reviewer.store import CaseStore
from tests.plaid.hostile_server import HostileServer, Reply, nested


def _pdf(text: str = "Pay stub") -> bytes:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), text)
    data = doc.tobytes()
    doc.close()
    return bytes(data)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _payroll(base_url: str, count: int = 2) -> bytes:
    stubs = [
        {
            "document_id": f"doc-{n}",
            "document_metadata": {
                "name": f"stub-{n}.pdf",
                "document_type": "PAYSTUB",
                "download_url": f"{base_url}/doc/{n}.zip?X-Amz-Signature=SECRETSIG{n}",
                "status": "PROCESSING_COMPLETE",
            },
            "employee": {"name": "Jane Applicant"},
        }
        for n in range(count)
    ]
    body = {"items": [{"item_id": "item-1", "payroll_income": [{"pay_stubs": stubs}]}]}
    return json.dumps(body).encode()


def _error(code: str = "INVALID_USER_TOKEN") -> Reply:
    body = {"error_type": "INVALID_INPUT", "error_code": code, "error_message": "bad token"}
    return Reply(status=400, body=json.dumps(body).encode())


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with HostileServer(fallback=Reply(body=b"{}")) as running:
        yield running


def _service(server: HostileServer, data_dir: Path, **limits: float) -> CaseService:
    service = CaseService(
        CaseStore(data_dir),
        lambda: PlaidClient(
            "client-id",
            "secret",
            base_url=server.base_url,
            max_retries=0,
            request_deadline=limits.pop("request_deadline_seconds", 30.0),
        ),
        environment_label="hostile",
        backend=InProcessDocuments(),
    )
    service.limits = FetchLimits(**limits)  # type: ignore[arg-type]
    return service


@pytest.mark.parametrize(
    "payroll",
    [
        b'{"items":["x",1]}',
        b'{"items":[{"item_id":"i","payroll_income":[{"pay_stubs":[{"document_metadata":[1]}]}]}]}',
        b'{"items":[{"item_id":7,"payroll_income":"no","bank_statements":{"a":1}}],"error":[]}',
        b'{"items":' + nested(200_000) + b"}",
        b"[1,2,3]",
    ],
)
def test_odd_json_never_crashes_the_fetch(
    server: HostileServer, tmp_path: Path, payroll: bytes
) -> None:
    server.routes[ep.PAYROLL] = Reply(body=payroll)
    junk = b'{"items":[{"verification_risk_signals":[{"single_document_risk_signals":[1,"x",'
    junk += b'{"document_reference":[],"risk_summary":"high","risk_signals":[{"page_number":'
    junk += b'"7","has_fraud_risk":"yes","expected_value":{"a":1},"type":[]}]}]}]},"x"]}'
    server.routes[ep.RISK_SIGNALS] = Reply(body=junk)
    service = _service(server, tmp_path / "data")
    try:
        result = service.fetch_case(user_token="user-token-1", label="ODD-1")
        assert result.stored, result.message
        snapshot = service.load_case(result.case_id or "")
        assert snapshot is not None
        json.dumps(snapshot.to_show_json())  # show --json works on it
    finally:
        service.close()


def test_a_failed_first_fetch_does_not_keep_the_label(
    server: HostileServer, tmp_path: Path
) -> None:
    server.fallback = _error()
    service = _service(server, tmp_path / "data")
    try:
        failed = service.fetch_case(user_token="wrong-token", label="APP-1002")
        assert not failed.stored and "INVALID_USER_TOKEN" in failed.message
        server.fallback = Reply(body=b"{}")
        fixed = service.fetch_case(user_token="right-token", label="APP-1002")
        assert fixed.stored, fixed.message
        case = service.find_case("APP-1002")
        assert case is not None and case.user_token == "right-token"
    finally:
        service.close()


def test_the_bank_income_report_is_sniffed_not_trusted(
    server: HostileServer, tmp_path: Path
) -> None:
    server.routes[ep.BANK_INCOME] = Reply(body=b'{"bank_income":[{"bank_income_id":"b1"}]}')
    html = b"<html><body><h1>Bank income</h1></body></html>"
    server.routes[ep.BANK_INCOME_PDF] = Reply(
        body=html, headers={"Content-Type": "application/pdf"}
    )
    service = _service(server, tmp_path / "data")
    try:
        result = service.fetch_case(user_token="user-token-1")
        assert result.stored and not result.ok
        snapshot = service.load_case(result.case_id or "")
        assert snapshot is not None
        (report,) = [d for d in snapshot.documents if d.document_type == "BANK_INCOME_REPORT"]
        assert report.path is None and report.page_count is None
        assert report.problem is not None and "not a PDF" in report.problem
    finally:
        service.close()


def test_every_download_failing_makes_the_fetch_incomplete(
    server: HostileServer, tmp_path: Path
) -> None:
    server.routes[ep.PAYROLL] = Reply(body=_payroll(server.base_url))
    server.fallback = Reply(body=b"{}")
    for n in range(2):
        server.routes[f"/doc/{n}.zip"] = Reply(status=500, body=b"<Error>boom</Error>")
    service = _service(server, tmp_path / "data")
    try:
        result = service.fetch_case(user_token="user-token-1")
        assert result.stored and not result.ok
        assert result.outcome is not None and len(result.outcome.document_failures) == 2
        assert "2 documents could not be stored" in result.message
    finally:
        service.close()


def test_the_per_case_cap_keeps_what_fits_and_names_the_limit(
    server: HostileServer, tmp_path: Path
) -> None:
    members = {f"page-{n}.pdf": _pdf(f"page {n}") for n in range(12)}
    server.routes[ep.PAYROLL] = Reply(body=_payroll(server.base_url, count=1))
    server.routes["/doc/0.zip"] = Reply(body=_zip(members), headers={})
    service = _service(server, tmp_path / "data", max_documents_per_case=5)
    try:
        result = service.fetch_case(user_token="user-token-1")
        assert result.stored and not result.ok
        snapshot = service.load_case(result.case_id or "")
        assert snapshot is not None
        stored = [d for d in snapshot.documents if d.sha256]
        refused = [d for d in snapshot.documents if d.problem and "limit of 5" in d.problem]
        assert len(stored) == 5 and len(refused) == 7
    finally:
        service.close()


def test_stored_responses_keep_no_download_signature(server: HostileServer, tmp_path: Path) -> None:
    server.routes[ep.PAYROLL] = Reply(body=_payroll(server.base_url))
    for n in range(2):
        server.routes[f"/doc/{n}.zip"] = Reply(body=_zip({f"stub-{n}.pdf": _pdf()}), headers={})
    service = _service(server, tmp_path / "data")
    try:
        result = service.fetch_case(user_token="user-token-1")
        assert result.ok, result.message
        stored = service.store.latest_snapshot(result.case_id or "")
        assert stored is not None
        bodies = b"".join(r.body for r in stored.responses)
        assert b"/doc/0.zip" in bodies and b"SECRETSIG" not in bodies
        assert not list((tmp_path / "data").rglob("*.sqlite3-wal")) or b"SECRETSIG" not in (
            next((tmp_path / "data").rglob("*.sqlite3-wal")).read_bytes()
        )
    finally:
        service.close()


def test_the_fetch_deadline_stores_what_finished_in_time(
    server: HostileServer, tmp_path: Path
) -> None:
    drip = Reply(body=iter([b'{"employment":['] + [b" "] * 200), drip_seconds=0.5)
    server.routes[ep.EMPLOYMENT] = drip
    service = _service(server, tmp_path / "data", fetch_deadline_seconds=2.0)
    try:
        started = time.monotonic()
        result = service.fetch_case(user_token="user-token-1")
        seconds = time.monotonic() - started
        assert result.stored and not result.ok
        (error,) = result.errors
        assert error.endpoint == ep.EMPLOYMENT
        assert "time limit of 2 s" in (error.error_message or "")
        assert seconds < 6
    finally:
        service.close()
