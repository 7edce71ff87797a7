"""The demo's first fetch (reviewer.review.demo_fetch): concurrent, each case reported as stored."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from reviewer.review.demo import demo_user_list
from reviewer.review.document_backend import InProcessDocuments
from reviewer.review.facade import CaseLanded
from reviewer.review.service import CaseService
from reviewer.sandbox import Sandbox
from reviewer.sandbox.embedded import embedded_client
from reviewer.store import CaseStore

LABELS = ("APP-1002", "APP-1004", "APP-1011", "APP-1012")


def _service(sandbox: Sandbox, data_dir: Path) -> CaseService:
    return CaseService(
        CaseStore(data_dir),
        lambda: embedded_client(sandbox, max_retries=0),
        environment_label="test sandbox",
        backend=InProcessDocuments(),
        demo_users=[u for u in demo_user_list() if u.label in LABELS],
    )


def test_each_case_is_reported_when_stored_and_again_when_checked(
    clean_sandbox: Sandbox, tmp_path: Path
) -> None:
    service = _service(clean_sandbox, tmp_path / "d")
    reports: list[CaseLanded] = []
    try:
        results = service.fetch_demo_cases(progress=reports.append)
        assert len(results) == len(LABELS) and all(r.ok for r in results)
        ids = {r.case_id for r in results}
        fetched = [r for r in reports if r.step.startswith("Fetched")]
        checked = [r for r in reports if r.step.startswith("Checked")]
        # every case was listed as stored before any was checked
        assert reports[: len(LABELS)] == fetched and {c.changes.case_ids[0] for c in fetched} == ids
        assert all(c.changes.snapshot and c.changes.listed for c in fetched)
        assert {c.changes.case_ids[0] for c in checked} == ids
        assert [r.done for r in reports] == list(range(1, 2 * len(LABELS) + 1))
        assert {r.total for r in reports} == {2 * len(LABELS)}
        for case_id in ids:  # the checks' findings are stored and current
            snapshot = service.load_case(str(case_id))
            assert snapshot is not None and snapshot.findings
            assert not service.findings_stale(snapshot)
        assert not service.demo_cases_missing()
        assert service.fetch_demo_cases(progress=reports.append) == []  # nothing left to fetch
    finally:
        service.close()


def test_a_cancelled_demo_fetch_stops_and_keeps_what_it_stored(
    clean_sandbox: Sandbox, tmp_path: Path
) -> None:
    service = _service(clean_sandbox, tmp_path / "d")
    reports: list[CaseLanded] = []
    try:
        results = service.fetch_demo_cases(progress=reports.append, cancel=lambda: bool(reports))
        stored = [r for r in results if r.stored]
        assert 1 <= len(stored) < len(LABELS)  # the ones in flight may land; no new one starts
        assert not any(r.step.startswith("Checked") for r in reports)
        assert len(service.list_cases()) == len(stored)
        assert service.demo_cases_missing()
    finally:
        service.close()


def test_a_first_demo_run_starts_the_documents_worker_while_the_store_opens(
    tmp_path: Path,
) -> None:
    """The store's key derivation leaves a core free: the worker starts meanwhile, not when
    the first demo document arrives."""
    import time

    from reviewer.review.document_backend import WorkerDocuments

    service = CaseService.open(tmp_path / "d", demo=True, isolated_documents=True)
    try:
        backend = service.backend
        assert isinstance(backend, WorkerDocuments)
        deadline = time.monotonic() + 60
        while backend.worker_pid is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert backend.worker_pid is not None
        assert service.list_cases() == []  # nothing was fetched or opened to start it
    finally:
        service.close()


def test_a_first_demo_run_prepares_the_fetch_before_it_starts(tmp_path: Path) -> None:
    """While the store's key is derived, the warm-up builds the response models' validators,
    and the sandbox, started in a process of its own, builds every demo user's data there (its
    documents' edits and signal checks from the shipped renders): neither runs on the fetch's
    threads beside the window, nor in the app's process at all for the sandbox's part."""
    import os

    from reviewer.plaid import models
    from reviewer.review.demo import DemoClients

    service = CaseService.open(tmp_path / "d", demo=True, isolated_documents=True)
    try:
        clients = service._client_factory
        assert isinstance(clients, DemoClients) and clients.own_process
        assert clients.prepared.wait(120)  # said by the sandbox's process once it is done
        assert models.CreditPayrollIncomeGetResponse.__pydantic_complete__
        assert models.CreditPayrollIncomeRiskSignalsGetResponse.__pydantic_complete__
        sandbox = clients._shared()
        assert sandbox.pid is not None and sandbox.pid != os.getpid()
        assert service.list_cases() == []
    finally:
        service.close()
    assert sandbox.pid is None  # closing the service stopped it


def test_an_in_process_demo_sandbox_prepares_every_user_in_process() -> None:
    """Without `own_process` (a service built by hand) the sandbox runs in the caller's
    process, and `prepare` builds every demo user there."""
    from reviewer.review.demo import DemoClients
    from reviewer.sandbox import Sandbox, demo_users

    clients = DemoClients()
    clients.prepare()
    assert clients.prepared.is_set()
    sandbox = clients._shared()
    assert isinstance(sandbox, Sandbox)
    assert set(sandbox._states) == {user.key for user in demo_users()}
    assert all(state.verified for state in sandbox._states.values())


def test_a_first_demo_run_takes_the_processes_started_ahead(tmp_path: Path) -> None:
    """The app starts the sandbox's and the documents worker's processes right after its
    first frame (`DemoHeadStart`); the store's opening takes those two, starting no others."""
    from reviewer.review.demo_head_start import DemoHeadStart

    data_dir = tmp_path / "d"
    data_dir.mkdir()
    head_start = DemoHeadStart(data_dir)
    head_start.start()
    pids = head_start.pids()
    assert None not in pids
    service = CaseService.open(data_dir, demo=True, isolated_documents=True, head_start=head_start)
    try:
        clients = service._client_factory
        assert clients.prepared.wait(120)
        assert clients._shared().pid == pids[0]
        backend = service.backend
        deadline = time.monotonic() + 60
        while backend.worker_pid is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert backend.worker_pid == pids[1]
        assert head_start.take_sandbox() is None and head_start.take_worker() is None
    finally:
        service.close()
    for pid in pids:  # stopped and reaped with the service
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_no_process_is_started_ahead_once_the_demo_store_exists(tmp_path: Path) -> None:
    from reviewer.review.demo_head_start import DemoHeadStart

    data_dir = tmp_path / "d"
    CaseStore(data_dir).close()
    head_start = DemoHeadStart(data_dir)
    head_start.start()
    assert head_start.take_sandbox() is None and head_start.take_worker() is None


def test_processes_started_ahead_and_never_taken_are_stopped(tmp_path: Path) -> None:
    from reviewer.review.demo_head_start import DemoHeadStart

    head_start = DemoHeadStart(tmp_path)
    head_start.start()
    pids = head_start.pids()
    assert None not in pids
    for pid in pids:
        os.kill(pid, 0)  # running
    head_start.discard()  # the window closed before the store opened (a passphrase refused)
    for pid in pids:  # stopped and reaped
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
