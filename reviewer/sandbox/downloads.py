"""Signed, single-use document download URLs that expire two minutes after issue (S3-style)."""

from __future__ import annotations

import io
import secrets
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

URL_LIFETIME = 120.0
PATH_PREFIX = "/documents/"

_S3_ERROR = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>'
    "<Message>{message}</Message><RequestId>{request_id}</RequestId></Error>"
)


def s3_error(message: str) -> bytes:
    """The XML body S3 sends with a 403."""
    return _S3_ERROR.format(message=message, request_id=secrets.token_hex(8).upper()).encode()


@dataclass
class Grant:
    """One issued URL: which documents of which user, when, and whether it was used."""

    user_key: str
    document_ids: tuple[str, ...]
    issued_at: float
    used: bool = False


class DownloadUrls:
    """Issues and redeems signed URLs; thread-safe."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._grants: dict[str, Grant] = {}
        self._lock = threading.Lock()

    def issue(self, origin: str, user_key: str, document_ids: tuple[str, ...]) -> str:
        """A fresh URL under `origin` for these documents."""
        token = secrets.token_urlsafe(24)
        issued = self._clock()
        with self._lock:
            self._grants[token] = Grant(user_key, document_ids, issued)
        signature = secrets.token_hex(16)
        return (
            f"{origin}{PATH_PREFIX}{token}.zip?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            f"&X-Amz-Date={int(issued)}&X-Amz-Expires={int(URL_LIFETIME)}"
            f"&X-Amz-Signature={signature}"
        )

    def owner(self, token: str) -> str | None:
        """The user key a URL token was issued for (None if unknown)."""
        with self._lock:
            grant = self._grants.get(token)
            return grant.user_key if grant else None

    def redeem(self, path: str, *, force_expired: bool = False) -> Grant | str:
        """The grant for a download path (now used up), or the reason it is refused."""
        token = path.removeprefix(PATH_PREFIX).removesuffix(".zip")
        with self._lock:
            grant = self._grants.get(token)
            if grant is None:
                return "Access Denied"
            if force_expired or self._clock() > grant.issued_at + URL_LIFETIME:
                return "Request has expired"
            if grant.used:
                return "Access Denied: this URL has already been used"
            grant.used = True
            return grant


def build_zip(files: list[tuple[str, bytes]]) -> bytes:
    """A zip of (name, bytes); duplicate names get a numeric suffix."""
    buf = io.BytesIO()
    seen: set[str] = set()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files:
            base, n = name, 1
            while name in seen:
                stem, dot, ext = base.rpartition(".")
                name = f"{stem or base}_{n}{dot}{ext}" if dot else f"{base}_{n}"
                n += 1
            seen.add(name)
            zf.writestr(name, data)
    return buf.getvalue()
