"""Reviewer's settings: plain preferences in a JSON file, Plaid secrets in the OS keyring.

Secrets never touch disk here. Resolution order for credentials: environment variables
(`PLAID_CLIENT_ID`, `PLAID_SECRET`, `PLAID_ENV`, as in Plaid's quickstart), then the keyring.
On a machine without a usable keyring backend the secret lives only in memory for the session
(`SecretStore.persistent` is False and the UI says so).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from reviewer import paths

KEYRING_SERVICE = "reviewer-plaid"
_MIB = 1024 * 1024


@dataclass(frozen=True)
class FetchLimits:
    """The bounds of one fetch (issue 14); each can be set in the settings file.

    - ``request_deadline_seconds``: one request to Plaid or a storage host, however slowly its
      bytes arrive (httpx's 60 s timeout is per read);
    - ``fetch_deadline_seconds``: a whole fetch, documents included; what finished in time is
      stored, the rest is listed as failed;
    - ``max_documents_per_case`` / ``max_document_bytes_per_case``: files one fetch stores for
      a case; documents past either limit are listed as not stored.
    """

    request_deadline_seconds: float = 120.0
    fetch_deadline_seconds: float = 600.0
    max_documents_per_case: int = 250
    max_document_bytes_per_case: int = 512 * _MIB

    def describe(self) -> str:
        """The limits in words, for `--help` and the Settings dialog."""
        return (
            f"each request ends after {self.request_deadline_seconds:g} s, a whole fetch after "
            f"{self.fetch_deadline_seconds:g} s; a fetch stores at most "
            f"{self.max_documents_per_case} documents and "
            f"{self.max_document_bytes_per_case // _MIB} MiB per case"
        )


SETTINGS_FILE = "settings.json"


@dataclass
class Settings:
    """User preferences (no secrets). Unknown keys in the file are ignored, not fatal."""

    environment: str = "sandbox"  # "sandbox" | "production" | "custom"
    base_url: str | None = None  # used when environment == "custom"
    client_id: str | None = None  # not secret, but kept with the secret in the keyring too
    reviewer_name: str | None = None
    low_risk_threshold: int = 20  # Plaid: scores <= 20 are low risk
    high_risk_threshold: int = 80  # Plaid: scores >= 80 are high risk
    stale_after_hours: int = 24
    # Purge a case this many days after its decision (0: never). 90 days covers the period in
    # which a decision is typically re-examined (adverse-action notices go out within 30 days
    # under Reg B; appeals and QA sampling follow within the quarter) while keeping the
    # workstation's copy far below the FTC Safeguards Rule's two-year disposal ceiling; the
    # lender's system of record, not this cache, keeps the file for its legal retention.
    retention_days: int = 90
    request_deadline_seconds: float = FetchLimits.request_deadline_seconds
    fetch_deadline_seconds: float = FetchLimits.fetch_deadline_seconds
    max_documents_per_case: int = FetchLimits.max_documents_per_case
    max_document_bytes_per_case: int = FetchLimits.max_document_bytes_per_case
    extra: dict[str, Any] = field(default_factory=dict)

    def fetch_limits(self) -> FetchLimits:
        """The fetch bounds these settings give (nonsense values fall back to the defaults)."""
        defaults = FetchLimits()
        values = {}
        for name in (
            "request_deadline_seconds",
            "fetch_deadline_seconds",
            "max_documents_per_case",
            "max_document_bytes_per_case",
        ):
            value = getattr(self, name)
            ok = isinstance(value, int | float) and not isinstance(value, bool) and value > 0
            values[name] = type(getattr(defaults, name))(value) if ok else getattr(defaults, name)
        return FetchLimits(**values)

    @classmethod
    def load(cls, directory: Path | None = None) -> Settings:
        """Read settings; a missing or corrupt file gives the defaults."""
        path = (directory or paths.config_dir()) / SETTINGS_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in raw.items() if k in known}
        try:
            return cls(**values)
        except TypeError:
            return cls()

    def save(self, directory: Path | None = None) -> None:
        """Write settings atomically (temp file, fsync, rename)."""
        import tempfile  # only when saving: keeps it off the cold start

        target_dir = directory or paths.config_dir()
        data = json.dumps(asdict(self), indent=2, sort_keys=True).encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=target_dir)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target_dir / SETTINGS_FILE)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


@dataclass(frozen=True)
class Credentials:
    """Plaid API credentials. The repr never shows the secret."""

    client_id: str
    secret: str = field(repr=False)
    source: str = "environment"  # "environment" | "keyring" | "session" | "demo"


class SecretStore:
    """Plaid secret storage: OS keyring when available, else memory for this session only."""

    def __init__(self) -> None:
        self._session_secret: str | None = None
        self.persistent = self._keyring_usable()

    @staticmethod
    def _keyring_usable() -> bool:
        try:
            import keyring
            from keyring.backends import fail

            return not isinstance(keyring.get_keyring(), fail.Keyring)
        except Exception:  # noqa: BLE001 - any backend failure means "no keyring"
            return False

    def backend_name(self) -> str:
        """Human-readable keyring backend, or why there is none."""
        if not self.persistent:
            return "no keyring backend (secret kept for this session only)"
        import keyring

        return type(keyring.get_keyring()).__name__

    def get(self, client_id: str) -> str | None:
        """The stored secret for `client_id`, if any."""
        if self.persistent:
            import keyring

            try:
                return keyring.get_password(KEYRING_SERVICE, client_id)
            except Exception:  # noqa: BLE001 - a locked keychain is not fatal
                return self._session_secret
        return self._session_secret

    def set(self, client_id: str, secret: str) -> None:
        """Remember the secret (keyring, or memory when there is no keyring)."""
        self._session_secret = secret
        if self.persistent:
            import keyring

            try:
                keyring.set_password(KEYRING_SERVICE, client_id, secret)
            except Exception:  # noqa: BLE001
                self.persistent = False


def resolve_credentials(
    settings: Settings, secrets: SecretStore | None = None
) -> Credentials | None:
    """Credentials from the environment first, then settings + keyring; None if incomplete."""
    env_id, env_secret = os.environ.get("PLAID_CLIENT_ID"), os.environ.get("PLAID_SECRET")
    if env_id and env_secret:
        return Credentials(env_id, env_secret, "environment")
    client_id = env_id or settings.client_id
    if not client_id:
        return None
    store = secrets or SecretStore()
    secret = env_secret or store.get(client_id)
    if not secret:
        return None
    return Credentials(client_id, secret, "keyring" if store.persistent else "session")
