"""A loopback HTTP server that answers like a broken or malicious Plaid (tests only).

Each path maps to a `Reply`: status, headers, body (bytes, or an iterable of chunks written
with a pause between them, to drip), or a redirect. Anything not mapped is answered by the
`fallback` (a 404 by default). It binds 127.0.0.1 only: tests never leave the machine.

    with HostileServer({"/credit/payroll_income/get": Reply(body=b"[[[[")}) as server:
        PlaidClient("id", "secret", base_url=server.base_url)
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


@dataclass
class Reply:
    """What the server answers on one path."""

    status: int = 200
    body: bytes | Iterable[bytes] = b"{}"
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})
    drip_seconds: float = 0.0  # pause before each chunk of an iterable body


Route = Reply | Callable[[str, bytes], Reply]


class HostileServer:
    """A threaded loopback server; `routes` may be changed while it runs."""

    def __init__(self, routes: dict[str, Route] | None = None, fallback: Route | None = None):
        self.routes: dict[str, Route] = dict(routes or {})
        self.fallback: Route = fallback or Reply(status=404, body=b"not here")
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = self.path.split("?", 1)[0]
                server.requests.append((self.command, self.path, dict(self.headers)))
                route = server.routes.get(path, server.fallback)
                reply = route(self.path, body) if callable(route) else route
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                chunks = [reply.body] if isinstance(reply.body, bytes) else reply.body
                if isinstance(reply.body, bytes):
                    self.send_header("Content-Length", str(len(reply.body)))
                else:
                    self.send_header("Connection", "close")
                self.end_headers()
                try:
                    for chunk in chunks:
                        if reply.drip_seconds:
                            time.sleep(reply.drip_seconds)
                        self.wfile.write(chunk)
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass
                if not isinstance(reply.body, bytes):
                    self.close_connection = True

            do_GET = _answer
            do_POST = _answer

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT"""
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def nested(depth: int, open_: bytes = b"[") -> bytes:
    """`depth` unclosed brackets: the parser's recursion, not its memory, is what breaks."""
    return open_ * depth


def empty_objects_body(megabytes: float) -> bytes:
    """``{"items":[{},{},...]}`` of about `megabytes` MB (4 GB of models before the limits)."""
    count = int(megabytes * 1_000_000 / 3)
    return b'{"items":[' + b"{}," * (count - 1) + b"{}]}"
