"""The window's process shares its interpreter with the work behind it (reviewer.ui.interpreter):
startup's objects are frozen out of the garbage collector once the queue is up, the GIL is
handed over after 1 ms, and PySide6 no longer reads each imported module's source."""

from __future__ import annotations

import gc
import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.ui import interpreter
from tests.ui.driving import open_window


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_startup_objects_are_frozen_while_the_window_runs(qtbot, tmp_path: Path) -> None:
    from reviewer.review.app_service import AppService

    gc.unfreeze()  # whatever an earlier test left frozen
    win = open_window(qtbot, lambda: AppService.open(tmp_path / "d", demo=True))
    try:
        # frozen once the queue is filled: a full collection no longer walks them
        qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=20000)
        assert sys.getswitchinterval() == pytest.approx(interpreter.SWITCH_INTERVAL_S)
    finally:
        win.close()  # as the reviewer closes it: the collector gets them back
    assert gc.get_freeze_count() == 0


def test_pyside_reads_no_source_of_a_module_imported_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import PySide6.QtCore  # noqa: F401  (its import hook is what is measured)

    feature = sys.modules["shibokensupport.feature"]
    # PySide6's own scan for the first import, whether or not a window replaced it already
    shipped = interpreter.pyside_source_scan or feature._mod_uses_pyside
    monkeypatch.setattr(feature, "_mod_uses_pyside", shipped)  # and as it was, after
    read: list[str] = []
    real_getsource = inspect.getsource

    def counting(obj: object) -> str:
        read.append(getattr(obj, "__name__", "?"))
        return real_getsource(obj)  # type: ignore[arg-type]

    monkeypatch.setattr(inspect, "getsource", counting)
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("scanned_module", "unscanned_module"):
        (tmp_path / f"{name}.py").write_text("VALUE = 'no Qt in here'\n")
        monkeypatch.delitem(sys.modules, name, raising=False)

    __import__("scanned_module")  # PySide6 hooks the import statement, not importlib
    assert "scanned_module" in read  # PySide6's own hook, as shipped
    assert feature.pyside_feature_dict["scanned_module"] == -1

    interpreter.skip_pyside_source_scan()
    __import__("unscanned_module")
    assert "unscanned_module" not in read
    # the default feature selection, as for a module that imports PySide6
    assert feature.pyside_feature_dict["unscanned_module"] == 0


def test_the_apps_start_collects_the_young_generation_less_often(tmp_path: Path) -> None:
    """`reviewer --demo` on a fresh directory, in a fresh interpreter, up to its window: the
    young generation's threshold is the app's, the older generations' stay Python's."""
    code = (
        "import gc, sys\n"
        "import reviewer.ui.app as app\n"
        "def stop(argv):\n"
        "    print(gc.get_threshold()); sys.exit(0)\n"
        "app._make_app = stop\n"
        "from reviewer.cli import main\n"
        "main(['--demo', '--data-dir', sys.argv[1]])\n"
    )
    default = gc.get_threshold()
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.stdout.strip() == str((interpreter.YOUNG_THRESHOLD, *default[1:])), done.stderr
