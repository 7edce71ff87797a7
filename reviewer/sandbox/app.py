"""The Sandbox: credentials, users, routing, faults; shared by the in-process transport and the server."""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reviewer.plaid import endpoint_paths as paths
from reviewer.sandbox import errors
from reviewer.sandbox.credentials import DEMO_CLIENT_ID, DEMO_SECRET
from reviewer.sandbox.documents import DocumentRenderer
from reviewer.sandbox.downloads import PATH_PREFIX, DownloadUrls, build_zip, s3_error
from reviewer.sandbox.endpoints import USER_ENDPOINTS, USER_ID_OK
from reviewer.sandbox.faults import DOWNLOAD, Fault, Faults
from reviewer.sandbox.model import Profile
from reviewer.sandbox.prerendered import Prerendered
from reviewer.sandbox.state import UserState
from reviewer.sandbox.users import DemoUser, demo_users
from reviewer.sandbox.webhooks import fire_webhook

IN_PROCESS_BASE_URL = "https://sandbox.local"


@dataclass
class SandboxRequest:
    """An HTTP request as the sandbox sees it (headers lower-cased)."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    origin: str  # scheme://host[:port] the client used; download URLs are issued under it


@dataclass
class SandboxResponse:
    """An HTTP response to send back."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


class DroppedConnection(Exception):
    """A fault dropped the connection: `phase` is "connect" (no response) or "read" (mid-body)."""

    def __init__(self, phase: str) -> None:
        super().__init__(f"connection dropped ({phase})")
        self.phase = phase


class Sandbox:
    """A stateful local stand-in for Plaid's Income API; see reviewer.sandbox."""

    def __init__(
        self,
        client_id: str = DEMO_CLIENT_ID,
        secret: str = DEMO_SECRET,
        *,
        clock: Callable[[], float] = time.time,
        risk_processing_delay: float = 5.0,
        sleep: Callable[[float], None] = time.sleep,
        base_url: str = IN_PROCESS_BASE_URL,
        prerendered: bool = True,
    ) -> None:
        """`prerendered=False`: generate every document (the shipped demo renders unused)."""
        self.client_id = client_id
        self._secret = secret
        self.clock = clock
        self.risk_processing_delay = risk_processing_delay
        self.base_url = base_url
        self.faults = Faults()
        self.downloads = DownloadUrls(clock)
        self.renderer = DocumentRenderer(Prerendered() if prerendered else None)
        self._sleep = sleep
        self._lock = threading.Lock()
        self._users: dict[str, DemoUser] = {u.key: u for u in demo_users()}
        self._states: dict[str, UserState] = {}
        self._created = itertools.count(1)

    @property
    def secret(self) -> str:
        """The secret this sandbox accepts (kept out of repr)."""
        return self._secret

    def __repr__(self) -> str:
        return f"Sandbox(client_id={self.client_id!r}, base_url={self.base_url!r})"

    def transport(self) -> Any:
        """An httpx transport that serves every request in process (any host)."""
        from reviewer.sandbox.transport import SandboxTransport

        return SandboxTransport(self)

    # -- users -------------------------------------------------------------------------------

    def add_user(self, user: DemoUser) -> None:
        """Serve one more user beside the demo ones (e.g. `users.long_statement_user`)."""
        with self._lock:
            self._users[user.key] = user

    def user_state(self, key: str) -> UserState:
        """The live state of a user by demo key, built on first use."""
        with self._lock:
            st = self._states.get(key)
            if st is None:
                user = self._users[key]
                token = user.user_token or user.user_id or key
                st = self._states[key] = UserState(user, user.build(key, token))
            return st

    def _find(self, field_name: str, value: str) -> str | None:
        for u in list(self._users.values()):
            if getattr(u, field_name) == value:
                return u.key
        return None

    def _resolve_user(self, path: str, body: dict[str, Any]) -> UserState:
        token, user_id = body.get("user_token"), body.get("user_id")
        for name, value in (("user_token", token), ("user_id", user_id)):
            if value is not None and not isinstance(value, str):
                raise errors.invalid_field(f"{name} must be a string")
        if token is not None:
            key = self._find("user_token", token)
            if key is None:
                raise errors.invalid_user_token()
            return self.user_state(key)
        if user_id is not None and path in USER_ID_OK:
            key = self._find("user_id", user_id)
            if key is None:
                raise errors.invalid_user_id()
            return self.user_state(key)
        raise errors.missing_fields("user_token")

    def _create_user(self, body: dict[str, Any]) -> dict[str, Any]:
        cuid = body.get("client_user_id")
        if cuid is None:
            raise errors.missing_fields("client_user_id")
        if not isinstance(cuid, str) or not cuid:
            raise errors.invalid_field("client_user_id must be a non-empty string")
        n = next(self._created)
        key = f"created-{n}"
        from reviewer.sandbox.users import _token, _user_id

        upgraded = body.get("with_upgraded_user") is True
        user = DemoUser(
            key,
            None if upgraded else _token(key + cuid),
            _user_id(key + cuid, new_api=upgraded),
            cuid,
            cuid,
            "Created through /user/create; no data yet.",
            ("created",),
            lambda _k, _t: Profile(),
        )
        with self._lock:
            self._users[key] = user
        out: dict[str, Any] = {"user_id": user.user_id}
        if user.user_token:
            out["user_token"] = user.user_token
        return out

    # -- requests ----------------------------------------------------------------------------

    def handle(self, request: SandboxRequest) -> SandboxResponse:
        """Answer one request (raises DroppedConnection when a fault drops it)."""
        request_id = errors.new_request_id()
        if request.path.startswith(PATH_PREFIX) and request.method == "GET":
            return self._download(request)
        try:
            body = self._parse(request)
            ids = frozenset(
                v for k in ("user_token", "user_id") if isinstance(v := body.get(k), str)
            )
            self._apply_faults(self.faults.take(request.path, ids | self._keys_for(ids)))
            if request.method != "POST":
                raise errors.not_found(request.path)
            self._authenticate(request, body)
            result = self._dispatch(request, body)
            if isinstance(result, SandboxResponse):
                return result
            result["request_id"] = request_id
            return _json(200, result)
        except errors.PlaidApiError as exc:
            return _json(exc.http_status, exc.body(request_id), exc.headers)

    def _keys_for(self, ids: frozenset[str]) -> frozenset[str]:
        return frozenset(u.key for u in list(self._users.values()) if u.identifiers & ids)

    @staticmethod
    def _parse(request: SandboxRequest) -> dict[str, Any]:
        if request.method != "POST":
            return {}
        try:
            body = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError) as exc:
            raise errors.invalid_body() from exc
        if not isinstance(body, dict):
            raise errors.invalid_body("request body must be a JSON object")
        return body

    def _authenticate(self, request: SandboxRequest, body: dict[str, Any]) -> None:
        client_id = body.get("client_id", request.headers.get("plaid-client-id"))
        secret = body.get("secret", request.headers.get("plaid-secret"))
        missing = [n for n, v in (("client_id", client_id), ("secret", secret)) if v is None]
        if missing:
            raise errors.missing_fields(*missing)
        if client_id != self.client_id or secret != self._secret:
            raise errors.invalid_api_keys()

    def _dispatch(
        self, request: SandboxRequest, body: dict[str, Any]
    ) -> dict[str, Any] | SandboxResponse:
        path = request.path
        if path == paths.USER_CREATE:
            return self._create_user(body)
        if path == paths.SANDBOX_FIRE_WEBHOOK:
            return fire_webhook(body, self._owner_of_item)
        handler = USER_ENDPOINTS.get(path)
        if handler is None and path != paths.BANK_INCOME_PDF:
            raise errors.not_found(path)
        state = self._resolve_user(path, body)
        if handler is None:
            return self._bank_income_pdf(state)
        return handler(self, state, body, request.origin)

    def _owner_of_item(self, item_id: str) -> str | None:
        for key in list(self._states):
            st = self._states[key]
            if any(i.item_id == item_id for i in st.items_with_risk()):
                return st.user.user_id
        return None

    def _bank_income_pdf(self, state: UserState) -> SandboxResponse:
        spec = next(
            (d for d in state.profile.docs.values() if d.kind == "bank_income_report"), None
        )
        if spec is None:
            raise errors.PlaidApiError(
                400, "ITEM_ERROR", "PRODUCT_NOT_READY", "no bank income report exists for this user"
            )
        doc = self.renderer.render(spec)
        return SandboxResponse(200, doc.data, {"content-type": "application/pdf"})

    def _apply_faults(self, fired: list[Fault]) -> None:
        for f in fired:
            if f.kind == "latency":
                self._sleep(f.delay)
            elif f.kind == "http_429":
                raise errors.PlaidApiError(
                    429,
                    "RATE_LIMIT_EXCEEDED",
                    "RATE_LIMIT",
                    "rate limit exceeded for this endpoint; retry later",
                    headers={"retry-after": str(f.retry_after)},
                )
            elif f.kind == "http_5xx":
                code = "PLANNED_MAINTENANCE" if f.status == 503 else "INTERNAL_SERVER_ERROR"
                raise errors.PlaidApiError(
                    f.status,
                    "API_ERROR",
                    code,
                    "an unexpected error occurred",
                    "Something went wrong. Please try again later.",
                )
            elif f.kind in ("drop_connect", "drop_read"):
                raise DroppedConnection(f.kind.removeprefix("drop_"))

    def _download(self, request: SandboxRequest) -> SandboxResponse:
        token = request.path.removeprefix(PATH_PREFIX).removesuffix(".zip")
        grant_user = self.downloads.owner(token)
        ids = self._users[grant_user].identifiers if grant_user in self._users else frozenset()
        fired = self.faults.take(DOWNLOAD, ids)
        self._apply_faults(fired)
        kinds = {f.kind for f in fired}
        grant = self.downloads.redeem(request.path, force_expired="url_expired" in kinds)
        if isinstance(grant, str):
            return SandboxResponse(403, s3_error(grant), {"content-type": "application/xml"})
        state = self.user_state(grant.user_key)
        # Layout-dependent edits must be resolved before a document is first rendered and cached.
        state.prepare_documents(self.renderer)
        files = []
        for doc_id in grant.document_ids:
            doc = self.renderer.render(state.profile.docs[doc_id])
            files.append((doc.filename, doc.data))
        data = build_zip(files)
        if "zip_truncated" in kinds:
            data = data[: len(data) // 2]
        if "zip_corrupt" in kinds:
            data = bytes(b ^ 0x5A for b in data)
        return SandboxResponse(200, data, {"content-type": "application/zip"})


def _json(
    status: int, body: dict[str, Any], headers: dict[str, str] | None = None
) -> SandboxResponse:
    return SandboxResponse(
        status, json.dumps(body).encode(), {"content-type": "application/json", **(headers or {})}
    )
