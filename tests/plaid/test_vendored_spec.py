"""The vendored subset of Plaid's spec is complete, minimal and says where it comes from."""

from __future__ import annotations

import re
from pathlib import Path

from reviewer.plaid.models import _codegen, _cut_spec
from tests.openapi import SPEC_PATH, raw_spec

# the client names every path it calls through this one module (tests/test_endpoint_paths.py)
ENDPOINTS_SOURCE = Path(_codegen.__file__).resolve().parents[1] / "endpoint_paths.py"


def test_cutting_the_subset_again_changes_nothing() -> None:
    # Every $ref resolves inside the file (cut would raise KeyError otherwise) and nothing
    # unreachable from our endpoints and webhooks was kept.
    spec = raw_spec()
    assert _cut_spec.cut(spec) == spec


def test_every_endpoint_the_client_calls_is_in_the_subset() -> None:
    called = set(re.findall(r'"(/[a-z0-9_/]+)"', ENDPOINTS_SOURCE.read_text(encoding="utf-8")))
    assert called, "no endpoint paths found in the client"
    assert called <= set(_codegen.ENDPOINTS) == set(raw_spec()["paths"])


def test_the_header_records_source_version_and_licence() -> None:
    head = SPEC_PATH.read_text(encoding="utf-8").split("\nopenapi:", 1)[0]
    assert f"# Source version: {raw_spec()['info']['version']}" in head
    assert "# Licence: MIT" in head
    notice = (SPEC_PATH.parent / "README.md").read_text(encoding="utf-8")
    assert "Permission is hereby granted, free of charge" in notice
