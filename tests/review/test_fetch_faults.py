"""Fetches against a misbehaving Plaid: the case is stored with what could be had, errors are
recorded, nothing escapes the data directory, nothing crashes, and a total failure keeps the
previous snapshot untouched."""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from reviewer.plaid.client import PlaidClient
from reviewer.review import endpoints as ep
from reviewer.review.document_backend import InProcessDocuments
from reviewer.review.service import CaseService
from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, Sandbox, demo_users
from reviewer.sandbox.faults import Fault
from reviewer.store import CaseStore

API_PREFIXES = ("/credit", "/user", "/beta", "/sandbox")


def _token_user():
    return next(u for u in demo_users() if u.key == "tampered_paystub")


def _documents(service: CaseService, case_id: str):
    snap = service.load_case(case_id)
    assert snap is not None
    return snap


def test_429_storm_is_ridden_out(service: CaseService, clean_sandbox: Sandbox) -> None:
    clean_sandbox.faults.add(Fault(kind="http_429", endpoint=ep.PAYROLL, times=2, retry_after=1))
    result = service.fetch_case(user_token=_token_user().user_token)
    assert result.ok, result.message
    assert _documents(service, result.case_id).model.payroll_items


def test_persistent_5xx_on_one_endpoint_is_recorded(
    service: CaseService, clean_sandbox: Sandbox
) -> None:
    clean_sandbox.faults.add(Fault(kind="http_5xx", endpoint=ep.EMPLOYMENT, status=503))
    result = service.fetch_case(user_token=_token_user().user_token)
    assert result.stored and not result.ok
    snap = _documents(service, result.case_id)
    assert [e.endpoint for e in snap.errors] == [ep.EMPLOYMENT]
    assert snap.errors[0].http_status == 503
    assert snap.documents, "the other endpoints still delivered"


def test_failed_endpoint_keeps_previous_good_data(
    service: CaseService, clean_sandbox: Sandbox
) -> None:
    user = _token_user()
    first = service.fetch_case(user_token=user.user_token)
    before = _documents(service, first.case_id)
    clean_sandbox.faults.add(Fault(kind="http_5xx", endpoint=ep.PAYROLL, status=500))
    second = service.refetch_case(first.case_id)
    after = _documents(service, second.case_id)
    assert [e.endpoint for e in after.errors] == [ep.PAYROLL]
    assert after.model.payroll_items == before.model.payroll_items
    payroll = lambda s: sorted(
        d.sha256 or "" for d in s.documents if d.source_endpoint == ep.PAYROLL
    )
    assert payroll(after) == payroll(before)


def test_dead_network_stores_nothing(service: CaseService, clean_sandbox: Sandbox) -> None:
    user = _token_user()
    first = service.fetch_case(user_token=user.user_token)
    clean_sandbox.faults.add(Fault(kind="drop_connect"))
    again = service.refetch_case(first.case_id)
    assert not again.stored and "\n" not in again.message and again.message
    assert len(service.store.snapshots(first.case_id)) == 1


def test_expired_url_gets_one_fresh_url(service: CaseService, clean_sandbox: Sandbox) -> None:
    clean_sandbox.faults.add(Fault(kind="url_expired", endpoint="download", times=1))
    result = service.fetch_case(user_token=_token_user().user_token)
    snap = _documents(service, result.case_id)
    assert all(d.problem is None or "no document" in d.problem or d.path for d in snap.documents)
    assert any(r for r in service.store.latest_snapshot(result.case_id).responses if r.item_id)


def test_truncated_zip_is_retried_then_reported(
    service: CaseService, clean_sandbox: Sandbox
) -> None:
    clean_sandbox.faults.add(Fault(kind="zip_truncated", endpoint="download"))
    result = service.fetch_case(user_token=_token_user().user_token)
    assert result.stored
    downloaded = [
        d
        for d in _documents(service, result.case_id).documents
        if d.source_endpoint != ep.BANK_INCOME_PDF
    ]
    assert downloaded and all(d.path is None and d.problem for d in downloaded)
    assert all(
        "damaged" in d.problem or "corrupt" in d.problem
        for d in downloaded
        if d.problem and "no document" not in d.problem
    )


def test_offline_mode_fails_cleanly_and_reads_everything(service: CaseService) -> None:
    first = service.fetch_case(user_token=_token_user().user_token, label="OFF-1")
    service.set_offline(True)
    again = service.refetch_case(first.case_id)
    assert not again.stored and "offline" in again.message
    assert service.load_case("OFF-1") is not None


# -- hostile archives: the storage host returns crafted zips ------------------------------


def _zip(entries: list[tuple[str, bytes]], *, symlink: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = 0o120777 << 16
            zf.writestr(info, "/etc/passwd")
    return buf.getvalue()


def _service_with_downloads(
    sandbox: Sandbox, data_dir: Path, craft: Callable[[bytes], bytes]
) -> CaseService:
    inner = sandbox.transport()

    def handler(request: httpx.Request) -> httpx.Response:
        response = inner.handle_request(request)
        if request.url.path.startswith(API_PREFIXES) or response.status_code != 200:
            return response
        response.read()
        return httpx.Response(
            200, content=craft(response.content), headers={"content-type": "application/zip"}
        )

    def factory() -> PlaidClient:
        http = httpx.Client(transport=httpx.MockTransport(handler), base_url=sandbox.base_url)
        return PlaidClient(
            DEMO_CLIENT_ID,
            DEMO_SECRET,
            base_url=sandbox.base_url,
            http_client=http,
            sleep=lambda _s: None,
        )

    return CaseService(
        CaseStore(data_dir), factory, environment_label="t", backend=InProcessDocuments()
    )


@functools.cache
def _bomb() -> bytes:
    """32 MiB of zeros in ~32 KiB: a compression ratio no real document has."""
    return _zip([("bomb.pdf", b"%PDF-1.4\n" + bytes(32 * 1024 * 1024))])


HOSTILE = {
    "zip_slip": lambda _: _zip(
        [("../../evil.pdf", b"%PDF-1.4 evil"), ("/abs/evil.pdf", b"%PDF-1.4")]
    ),
    "symlink": lambda _: _zip([], symlink="link.pdf"),
    "bomb": lambda _: _bomb(),
    "not_pdf": lambda _: _zip([("stub.pdf", b"MZ\x90\x00 this is a windows executable")]),
    "corrupt_pdf": lambda _: _zip(
        [("stub.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage \xff\xfe")]
    ),
    "junk_only": lambda _: _zip([("__MACOSX/._stub.pdf", b"junk"), ("._stub.pdf", b"junk")]),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_archives(
    kind: str, sandbox: Sandbox, tmp_path: Path, no_retry_sleep: None
) -> None:
    sandbox.faults.clear()
    data_dir = tmp_path / "data"
    svc = _service_with_downloads(sandbox, data_dir, HOSTILE[kind])
    try:
        result = svc.fetch_case(user_token=_token_user().user_token)
        assert result.stored, result.message
        snap = svc.load_case(result.case_id)
        assert snap is not None
        downloaded = [d for d in snap.documents if d.source_endpoint in (ep.PAYROLL, ep.STATEMENTS)]
        with_url = [d for d in downloaded if d.problem != "no document available"]
        assert with_url
        for doc in with_url:
            if kind in ("not_pdf", "corrupt_pdf"):
                assert doc.problem, doc  # kept, but marked
            elif kind != "zip_slip" or doc.path is None:
                assert doc.problem, doc
    finally:
        svc.close()
    outside = (
        [p for p in tmp_path.rglob("*evil*")] + list(Path("/abs").glob("*"))
        if Path("/abs").exists()
        else []
    )
    assert not outside
    assert not (tmp_path / "evil.pdf").exists() and not (tmp_path.parent / "evil.pdf").exists()


def test_failed_risk_signals_keep_scores_and_signals(
    service: CaseService, clean_sandbox: Sandbox
) -> None:
    """A transient risk-signals failure must not make a high-risk case look clean."""
    first = service.fetch_case(user_token=_token_user().user_token)
    before = _documents(service, first.case_id)
    clean_sandbox.faults.add(Fault(kind="http_5xx", endpoint=ep.RISK_SIGNALS, status=500))
    service.refetch_case(first.case_id)
    after = _documents(service, first.case_id)
    assert [e.endpoint for e in after.errors] == [ep.RISK_SIGNALS]
    assert len(after.risk_signals) == len(before.risk_signals) > 0
    scores = lambda s: sorted(d.risk_score or 0 for d in s.documents)
    assert scores(after) == scores(before) and max(scores(after)) >= 80
    assert service.list_cases()[0].max_risk_score == max(scores(before))


def test_failed_bank_income_keeps_the_report_pdf(
    service: CaseService, clean_sandbox: Sandbox
) -> None:
    user = next(u for u in demo_users() if u.key == "bank_five_sources")
    first = service.fetch_case(user_token=user.user_token)
    kinds = lambda s: [d.document_type for d in s.documents]
    assert "BANK_INCOME_REPORT" in kinds(_documents(service, first.case_id))
    clean_sandbox.faults.add(Fault(kind="http_5xx", endpoint=ep.BANK_INCOME, status=503))
    service.refetch_case(first.case_id)
    after = _documents(service, first.case_id)
    assert "BANK_INCOME_REPORT" in kinds(after)
    assert ep.BANK_INCOME_PDF not in after.skipped
