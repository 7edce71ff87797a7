"""One process-wide lock around in-process PyMuPDF work.

MuPDF is not thread-safe. The app keeps applicants' documents in the isolated worker process;
what still runs PyMuPDF in a process (the command line, the embedded demo sandbox generating
its documents) takes this re-entrant lock, so two threads are never inside MuPDF at once.
"""

from __future__ import annotations

import threading

MUPDF_LOCK = threading.RLock()
