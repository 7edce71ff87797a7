"""The demo's sandbox in a process of its own (reviewer/sandbox/process.py), as the app runs it."""

from __future__ import annotations

import io
import json
import os
import signal
import time
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from reviewer.plaid.errors import PlaidConnectionError
from reviewer.sandbox import DEMO_CLIENT_ID, DEMO_SECRET, Sandbox, SandboxRequest, demo_users
from reviewer.sandbox.embedded import embedded_client
from reviewer.sandbox.process import SandboxProcess, SandboxStopped

CLEAN = next(u for u in demo_users() if u.key == "clean")


@pytest.fixture
def sandbox_process() -> Iterator[SandboxProcess]:
    process = SandboxProcess(DEMO_CLIENT_ID, DEMO_SECRET)
    yield process
    process.close()


def _stable(value: object) -> object:
    """A reply without what differs each time it is asked: request ids, one-use download URLs."""
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in ("request_id", "download_url")}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def test_it_answers_as_the_sandbox_in_process_does(sandbox_process: SandboxProcess) -> None:
    with embedded_client(sandbox_process, max_retries=0) as client:
        payroll = client.credit_payroll_income_get(user_token=CLEAN.user_token)
        statements = client.credit_bank_statements_uploads_get(user_token=CLEAN.user_token)
        stub = payroll.items[0].payroll_income[0].pay_stubs[0].document_metadata
        assert stub is not None
        document = client.download_document(str(stub.download_url))
    with embedded_client(Sandbox(), max_retries=0) as local:
        same_payroll = local.credit_payroll_income_get(user_token=CLEAN.user_token)
        same_statements = local.credit_bank_statements_uploads_get(user_token=CLEAN.user_token)
        same_stub = same_payroll.items[0].payroll_income[0].pay_stubs[0].document_metadata
        assert same_stub is not None
        same_document = local.download_document(str(same_stub.download_url))
    assert sandbox_process.pid is not None and sandbox_process.pid != os.getpid()
    for got, expected in ((payroll, same_payroll), (statements, same_statements)):
        dumped, wanted = got.model_dump(mode="json"), expected.model_dump(mode="json")
        assert _stable(dumped) == _stable(wanted)
        assert dumped["request_id"]  # each answer has its own
    assert document[:2] == b"PK" and _members(document) == _members(same_document)
    assert sandbox_process.prepared.wait(60)  # it built every demo user beside the requests


def _members(archive: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        return {name: opened.read(name) for name in opened.namelist()}


def test_requests_in_flight_together_are_each_answered_with_their_own_reply(
    sandbox_process: SandboxProcess,
) -> None:
    users = [u for u in demo_users() if u.user_token][:6]

    def ask(token: str) -> str:
        body = json.dumps(
            {
                "client_id": "reviewer-demo-client",
                "secret": "reviewer-demo-secret",
                "user_token": token,
            }
        ).encode()
        request = SandboxRequest("POST", "/credit/sessions/get", {}, body, "https://sandbox.local")
        answer = sandbox_process.handle(request)
        assert answer.status == 200
        return token

    with ThreadPoolExecutor(len(users) * 2) as pool:
        tokens = [str(u.user_token) for u in users] * 2
        assert list(pool.map(ask, tokens)) == tokens


def test_a_sandbox_process_that_dies_fails_the_request_in_words_and_the_next_starts_another(
    sandbox_process: SandboxProcess,
) -> None:
    with embedded_client(sandbox_process, max_retries=0) as client:
        client.credit_sessions_get(user_token=CLEAN.user_token)
        first = sandbox_process.pid
        assert first is not None
        os.kill(first, signal.SIGSTOP)  # so that the next request is in flight when it dies
        with ThreadPoolExecutor(1) as pool:
            asked = pool.submit(client.credit_sessions_get, user_token=CLEAN.user_token)
            deadline = time.monotonic() + 30
            while not sandbox_process._waiting and time.monotonic() < deadline:
                time.sleep(0.01)
            assert sandbox_process._waiting, "the request never reached the pipe"
            os.kill(first, signal.SIGKILL)
            with pytest.raises(PlaidConnectionError) as failed:
                asked.result(timeout=30)
        message = str(failed.value)
        assert "sandbox" in message and "\n" not in message, message
        client.credit_sessions_get(user_token=CLEAN.user_token)  # a new process answers
    assert sandbox_process.pid not in (None, first)


def test_an_answer_the_sandbox_cannot_give_fails_that_request_only(
    sandbox_process: SandboxProcess,
) -> None:
    odd = SandboxRequest("POST", "/credit/sessions/get", {}, 12345, "https://sandbox.local")  # type: ignore[arg-type]
    with pytest.raises(SandboxStopped, match="failed to answer"):
        sandbox_process.handle(odd)
    good = SandboxRequest("POST", "/credit/sessions/get", {}, b"{}", "https://sandbox.local")
    assert sandbox_process.handle(good).status == 400  # still answering: missing credentials


def test_after_close_requests_are_refused_in_words(sandbox_process: SandboxProcess) -> None:
    sandbox_process.start()
    pid = sandbox_process.pid
    sandbox_process.close()
    assert sandbox_process.pid is None
    assert pid is not None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    request = SandboxRequest("POST", "/credit/sessions/get", {}, b"{}", "https://sandbox.local")
    with pytest.raises(SandboxStopped, match="closed"):
        sandbox_process.handle(request)
