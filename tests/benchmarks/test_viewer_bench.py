"""The viewer's speed figures of issue 6 (see tests/benchmarks/run.py), as a pytest run.

Run explicitly: `uv run pytest tests/benchmarks/test_viewer_bench.py -m benchmark -s`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).with_name("run.py")


@pytest.mark.benchmark
@pytest.mark.timeout(600)
def test_viewer_figures() -> None:
    # its own process: the script makes its own QApplication and documents worker
    out = subprocess.run(
        [sys.executable, str(RUN), "--json"], capture_output=True, text=True, check=True
    ).stdout
    figures = json.loads(out[out.index("{") :])
    print(json.dumps(figures, indent=2))
    for key in ("render_ratio", "locate_ratio", "first_page_ratio", "thumbnails_ratio"):
        assert figures[key] > 0
    assert figures["scroll_stall_ms"] > 0
    assert figures["cache_mb_after_scroll"] <= figures["cache_limit_mb"]
