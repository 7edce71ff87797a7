"""Entry point of the frozen Reviewer bundle (PyInstaller runs this file, not reviewer.cli).

The documents worker starts its process with multiprocessing's *spawn* context. In a frozen
app the child is the bundle's own executable started with multiprocessing's arguments, and
only `freeze_support()` turns that start into the worker instead of a second copy of the
app. It must run before anything else, so it lives here rather than in reviewer/cli.py.

`--bundle-check` (first argument only) prints the bundle's self-inspection for the packaging
smoke test; see bundle_check.py.
"""

import multiprocessing
import sys


def run() -> int:
    """Hand over to a spawned child's bootstrap, or run the `reviewer` command line."""
    multiprocessing.freeze_support()
    if sys.argv[1:2] == ["--bundle-check"]:
        import bundle_check

        return bundle_check.main()
    from reviewer.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
