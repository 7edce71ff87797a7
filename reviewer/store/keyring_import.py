"""Importing `keyring` without the modules it imports for features Reviewer never calls.

`keyring.backend` imports `jaraco.context` for one class (`ExceptionTrap`), and jaraco.context
imports `urllib.request` at its top for its `tarball()` helper: with it come http.client,
email, ssl and socket, ~20 ms of every command that unlocks a keyring-wrapped store (the
latest jaraco.context, 6.1.2, and keyring, 25.7.0, still do). keyring also imports
`importlib_metadata` (`importlib.metadata` on 3.12+) at its top, used only to scan the
`keyring.backends` entry points when no backend is configured (`PYTHON_KEYRING_BACKEND` or
keyringrc.cfg); jaraco.context and jaraco.functools import subprocess and more_itertools for
helpers keyring never calls. Together ~30 ms of import (measured with `-X importtime`).

While keyring's modules are imported, each of those modules that is not imported yet is
stood in for by a `_Deferred` module: a module object with no attributes of its own that
imports the real module the first time an attribute is read through it and hands that
attribute over. So `jaraco.context.tarball()` and keyring's backend discovery still work,
with the real modules, when they are called; only their import moves to that moment. The
stand-ins leave `sys.modules` as soon as keyring is imported, so any later `import` elsewhere
gets the real module. keyring's own selection (environment, config file, discovery) and
every backend are unchanged: nothing here chooses a backend.
"""

from __future__ import annotations

import importlib
import sys
import threading
import types
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# modules keyring's import chain loads but uses only in functions Reviewer does not call
# (importlib_metadata: only for backend discovery, which then imports it for real)
DEFERRED = (
    "urllib.request",  # jaraco.context.tarball (and http.client, email, ssl behind it)
    "subprocess",  # jaraco.context.repo_context
    "more_itertools",  # jaraco.functools.print_yielded
    "importlib_metadata",  # keyring.backend._load_plugins, Python < 3.12
    "importlib.metadata",  # the same on Python 3.12+
)

_lock = threading.Lock()


class _Deferred(types.ModuleType):
    """Stands in for a module until one of its attributes is read, then imports it."""

    def __getattr__(self, attribute: str) -> Any:
        return getattr(_real(self.__name__), attribute)


def _real(name: str) -> types.ModuleType:
    """The real module `name`, imported now if it was not yet."""
    with _lock:
        if isinstance(sys.modules.get(name), _Deferred):
            del sys.modules[name]
        return importlib.import_module(name)  # sets the parent package's attribute too


@contextmanager
def _deferring(names: tuple[str, ...]) -> Iterator[None]:
    """While inside, `import NAME` of each of `names` not imported yet gets a stand-in."""
    placed: list[tuple[str, _Deferred]] = []
    with _lock:
        for name in names:
            if name in sys.modules:
                continue
            parent_name, _, child = name.rpartition(".")
            parent = importlib.import_module(parent_name) if parent_name else None
            if parent is not None and child in vars(parent):
                continue  # present as an attribute, whatever sys.modules says: leave it
            stand_in = _Deferred(name)
            sys.modules[name] = stand_in
            if parent is not None:
                # `import a.b` binds `a`; code then reads `a.b`: the package attribute must
                # be there (a real import of the module later replaces it)
                setattr(parent, child, stand_in)
            placed.append((name, stand_in))
    try:
        yield
    finally:
        with _lock:
            for name, stand_in in placed:
                if sys.modules.get(name) is stand_in:
                    del sys.modules[name]


def import_keyring() -> types.ModuleType:
    """The `keyring` package, imported (once) without its unused heavy imports."""
    loaded = sys.modules.get("keyring")
    if loaded is not None and "keyring.backend" in sys.modules:
        return loaded
    with _deferring(DEFERRED):
        import keyring
        import keyring.backend
    return keyring
