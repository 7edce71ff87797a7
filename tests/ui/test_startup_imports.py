"""The first window must paint without loading the heavy core (PyMuPDF, httpx, the Plaid models,
the typed case model: its ~45 dataclasses cost ~150 ms to define).

Those imports cost over a second of CPU; before the first paint they would make every start feel
slow. This runs in a fresh interpreter so nothing imported by other tests hides a regression.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from reviewer.review.preferences import Settings
from reviewer.ui.main_window import MainWindow
from reviewer.ui.tasks import TaskRunner
window = MainWindow(runner=TaskRunner(), settings=Settings(), data_dir=Path(sys.argv[1]), demo=True)
window.show()
app.processEvents()
heavy = ["pymupdf", "httpx", "pydantic", "reviewer.plaid.client", "reviewer.plaid.models", "reviewer.documents", "reviewer.review.service", "reviewer.review.model"]
print(json.dumps({name: name in sys.modules for name in heavy}))
window.shutdown()
"""


def test_main_window_paints_without_the_heavy_core(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert not any(loaded.values()), f"imported before the first paint: {loaded}"
