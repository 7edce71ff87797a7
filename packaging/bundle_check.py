"""`reviewer --bundle-check`: a frozen bundle's self-inspection, printed as one JSON object.

Only the packaging launcher answers this flag (it is not part of the app's command line). It
proves what a missing hidden import or metadata file would break in the field: the GUI and
PDF libraries load, keyring finds its backends through its entry points (PyInstaller builds
have lost them before), and TLS has a CA bundle. Nothing secret is printed: the keyring is
asked which backends exist, never for a password.
"""

from __future__ import annotations

import json
import ssl
import sys
from typing import Any


def _keyring_report() -> dict[str, Any]:
    import importlib.metadata

    import keyring
    import keyring.backend

    # Without the dist-info's entry_points.txt keyring silently falls back to no backend at
    # all, so check that every advertised backend module is present and imports.
    entry_points: dict[str, str] = {}
    for entry in importlib.metadata.entry_points(group="keyring.backends"):
        try:
            entry.load()
        except Exception as exc:  # noqa: BLE001 - reported, the test decides what matters
            entry_points[entry.name] = f"{type(exc).__name__}: {exc}"
        else:
            entry_points[entry.name] = "ok"

    backends = sorted(
        f"{type(b).__module__}.{type(b).__name__}" for b in keyring.backend.get_all_keyring()
    )
    chosen = keyring.get_keyring()
    return {
        "entry_points": entry_points,
        "backends": backends,
        "selected": f"{type(chosen).__module__}.{type(chosen).__name__}",
    }


def _tls_report() -> dict[str, Any]:
    import certifi

    context = ssl.create_default_context(cafile=certifi.where())
    return {
        "openssl": ssl.OPENSSL_VERSION,
        "ca_certs": len(context.get_ca_certs()),
        "certifi": certifi.where(),
    }


def _libraries_report() -> dict[str, Any]:
    import httpx
    import pydantic
    import pymupdf
    import PySide6
    from PySide6 import QtCore, QtGui, QtNetwork, QtWidgets

    del QtGui, QtNetwork, QtWidgets  # imported to prove their shared libraries load
    return {
        "pyside6": PySide6.__version__,
        "qt": QtCore.qVersion(),
        "pymupdf": pymupdf.VersionBind,
        "mupdf": pymupdf.VersionFitz,
        "httpx": httpx.__version__,
        "pydantic": pydantic.VERSION,
    }


def _left_out() -> dict[str, bool]:
    """Whether each development-only package is absent from the bundle (True: absent)."""
    import importlib.util

    names = ("click", "rich", "pygments", "pytest", "hypothesis")
    return {name: importlib.util.find_spec(name) is None for name in names}


def report() -> dict[str, Any]:
    """Everything the smoke test checks about the frozen interpreter."""
    return {
        "frozen": bool(getattr(sys, "frozen", False)),
        "executable": sys.executable,
        "libraries": _libraries_report(),
        "left_out": _left_out(),
        "keyring": _keyring_report(),
        "tls": _tls_report(),
    }


def main() -> int:
    """Print the report; exit 0 only if every part could be produced."""
    print(json.dumps(report(), indent=2, sort_keys=True))
    return 0
