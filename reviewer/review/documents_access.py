"""The documents layer as the UI may see it (ui -> review -> documents keeps the layers intact).

The UI renders and searches applicants' documents only through the isolated worker process.
"""

from __future__ import annotations

from reviewer.documents.shared_pages import SharedBlockPool
from reviewer.documents.worker import DocumentWorker, RenderedPage, WorkerCrashed, WorkerTimeout

__all__ = ["DocumentWorker", "RenderedPage", "SharedBlockPool", "WorkerCrashed", "WorkerTimeout"]
