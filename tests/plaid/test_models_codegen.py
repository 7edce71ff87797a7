"""The checked-in generated models match what _codegen.py produces from the spec."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from reviewer.plaid.models import _codegen


def test_generated_models_are_up_to_date(tmp_path: Path) -> None:
    with _codegen.DEFAULT_SPEC.open("rb") as fh:
        spec = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    fresh = tmp_path / "_generated.py"
    fresh.write_text(_codegen.Generator(spec).render(), encoding="utf-8")
    # ruff of this environment (a dev dependency), so the check never depends on PATH
    ruff = [sys.executable, "-m", "ruff"]
    subprocess.run(
        [*ruff, "format", "--quiet", "--isolated", "--line-length", "100", str(fresh)], check=True
    )

    assert fresh.read_text(encoding="utf-8") == _codegen.OUTPUT.read_text(encoding="utf-8"), (
        "run: uv run python -m reviewer.plaid.models._codegen"
    )
