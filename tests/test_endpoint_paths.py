"""Plaid's endpoint paths are written once (reviewer/plaid/endpoint_paths.py), not per file."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "reviewer"
PATH = re.compile(r"^/(credit|beta|user|sandbox)/")
HOME = PACKAGE / "plaid" / "endpoint_paths.py"


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.add(id(value))
    return found


def test_endpoint_paths_are_written_only_in_endpoint_paths() -> None:
    offenders = []
    for file in sorted(PACKAGE.rglob("*.py")):
        if file == HOME or file.name.startswith("_generated"):
            continue
        tree = ast.parse(file.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docs
                and PATH.match(node.value)
            ):
                offenders.append(f"{file.relative_to(PACKAGE.parent)}:{node.lineno} {node.value}")
    assert not offenders, "use reviewer.plaid.endpoint_paths:\n" + "\n".join(offenders)


def test_the_paths_module_is_light() -> None:
    """The case model imports it before the window's first paint: no httpx, no models."""
    import subprocess
    import sys

    probe = (
        "import sys, reviewer.plaid.endpoint_paths as p; "
        "print(p.PAYROLL, 'httpx' in sys.modules, 'reviewer.plaid.client' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["/credit/payroll_income/get", "False", "False"]
