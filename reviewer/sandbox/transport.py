"""The in-process httpx transport: requests reach the Sandbox without sockets."""

from __future__ import annotations

from typing import Protocol

import httpx

from reviewer.sandbox.app import DroppedConnection, SandboxRequest, SandboxResponse
from reviewer.sandbox.process import SandboxStopped


class AnswersRequests(Protocol):
    """A `Sandbox`, or a `SandboxProcess` running one."""

    def handle(self, request: SandboxRequest) -> SandboxResponse:
        """Answer one request (DroppedConnection: a fault dropped it)."""
        ...


class SandboxTransport(httpx.BaseTransport):
    """Routes every request (any host, including download URLs) to one Sandbox."""

    def __init__(self, sandbox: AnswersRequests) -> None:
        self._sandbox = sandbox

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Answer `request`; a dropped-connection fault raises ConnectError or ReadError, as
        does a sandbox process that stopped."""
        url = request.url
        port = f":{url.port}" if url.port else ""
        req = SandboxRequest(
            method=request.method,
            path=url.path,
            headers={k.lower(): v for k, v in request.headers.items()},
            body=request.read(),
            origin=f"{url.scheme}://{url.host}{port}",
        )
        try:
            resp = self._sandbox.handle(req)
        except SandboxStopped as exc:
            raise httpx.ConnectError(str(exc), request=request) from None
        except DroppedConnection as exc:
            if exc.phase == "connect":
                raise httpx.ConnectError(
                    "connection refused (sandbox fault)", request=request
                ) from None
            raise httpx.ReadError(
                "connection reset while reading (sandbox fault)", request=request
            ) from None
        return httpx.Response(resp.status, headers=resp.headers, content=resp.body, request=request)
