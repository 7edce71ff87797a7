"""How the app's one Python interpreter is shared between the window and the work behind it.

The GUI thread, the task runner's threads, a fetch's threads and (in the demo) the embedded
sandbox's take turns holding the GIL. Measured while the biggest demo case was fetched into a
running window (issue 16, `fetch_stall_ms`), the window's event loop stood still 55-90 ms at a
time, never for its own work (1-5 ms of CPU in those gaps) but waiting for the GIL:

- a full collection of the cyclic garbage collector walked the ~90,000 objects startup left
  (modules, classes, pydantic's validators, Qt's wrappers), 58 ms in one C call that never lets
  the GIL go, started by whichever thread happened to allocate (a fetch parsing a reply);
- a thread asking for the GIL waits a switch interval (5 ms by default) before the holder is
  told to let go, and with four busy fetch threads the GUI thread lost several such rounds in a
  row.

So the window's process freezes what startup built once the queue is up (`freeze_startup_heap`:
later collections walk only what came after) and shortens the switch interval to 1 ms
(`share_gil_with_window`). Together: the longest stall 23-34 ms instead of 52-79 ms with the
freeze alone, the fetch's own time within noise. `skip_pyside_source_scan` saves the source reads PySide6 makes on
every import after its own (~85 ms of CPU over the 425 modules the app imports after Qt).
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable

log = logging.getLogger(__name__)

SWITCH_INTERVAL_S = 0.001
YOUNG_THRESHOLD = 20_000

pyside_source_scan: Callable[[object], bool] | None = None  # PySide6's own, once replaced


def share_gil_with_window() -> None:
    """Hand the GIL over after 1 ms instead of 5 ms when another thread asks for it."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)


def collect_young_less_often() -> None:
    """Run the collector's young generation every 20,000 new objects instead of every 700.

    Start-up allocates hundreds of thousands of objects that all live (modules, classes,
    pydantic's validators, Qt's wrappers); at Python's default the young generation was
    collected ~240 times on a first demo run, 0.12-0.16 s of CPU in the process whose
    interpreter lock bounds that run, to reclaim next to nothing. At 20,000: ~13 collections,
    0.07-0.09 s (measured here with gc.callbacks). A young collection then walks at most
    20,000 objects, a few milliseconds: well inside the window's 50 ms stall budget.
    """
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)


def freeze_startup_heap() -> None:
    """Keep the objects alive now out of every later collection (`gc.freeze`).

    What startup made lives as long as the process; walking it again in each full collection
    is what held the GIL for tens of milliseconds. Call it again after more long-lived objects
    arrived: it costs no more than moving a list. Cyclic garbage among the frozen objects is not
    reclaimed until `thaw_heap`.
    """
    gc.freeze()


def thaw_heap() -> None:
    """Give the frozen objects back to the collector (the window is closing; tests make many
    windows in one process)."""
    gc.unfreeze()


def skip_pyside_source_scan() -> None:
    """Stop PySide6 reading the source of every module imported after it.

    For its `__feature__` switching (snake_case, true_property; PYSIDE-2029) PySide6 notes for
    each newly imported module whether it "uses PySide" by reading the module's whole source
    with `inspect.getsource` and searching it for the word. Reviewer selects no feature, so
    every module sees Qt's default names whatever the answer: this answers "yes" (the default
    selection, as for a module that imports PySide6) without reading a file. If PySide6 no
    longer has this private hook, nothing is changed.
    """
    global pyside_source_scan
    feature = sys.modules.get("shibokensupport.feature")
    scan = getattr(feature, "_mod_uses_pyside", None)
    if callable(scan):
        if scan is not _uses_default_features:
            pyside_source_scan = scan
        setattr(feature, "_mod_uses_pyside", _uses_default_features)  # noqa: B010 (private)
    else:
        log.debug("PySide6's feature module has changed: its import-time source scan stays")


def _uses_default_features(module: object) -> bool:
    return True
