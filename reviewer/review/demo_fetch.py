"""The demo's first fetch: every demo user, a few at a time, each case shown as it lands.

A first start of `reviewer --demo` fetches all the demo users from the embedded sandbox. Cases
are fetched concurrently by a small pool (the sandbox, the case store and the documents worker
are safe to use from several threads: the sandbox keeps each user's state under a lock and
generates documents under the process-wide MuPDF lock, the store gives each thread its own
connection and takes the write lock per transaction, the worker serialises its requests), and
each stored case is reported at once as a `CaseLanded`, so the window lists it without waiting
for the others. Reviewer's checks run once every case is stored: "seen before" compares each
case with all the others, so one pass after the last fetch is both cheaper and complete; each
checked case is reported again (its queue row counts its findings).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from reviewer.review.facade import CaseLanded, DemoApplicant, DemoProgress, OpChanges
from reviewer.review.progress import CancelCheck

if TYPE_CHECKING:
    from reviewer.review.service import CaseService, FetchResult

# cases fetched at once: enough to keep the documents worker busy while the sandbox generates
# the next case's documents, few enough that each case still lands early
DEMO_FETCH_WORKERS = 3


class _Reporter:
    """Counts the steps (a fetch and a check per case) and reports them, from any thread."""

    def __init__(self, progress: DemoProgress | None, cases: int) -> None:
        self._progress = progress
        self._lock = threading.Lock()
        self._done = 0
        self._total = 2 * cases

    def __call__(self, changes: OpChanges, label: str) -> None:
        with self._lock:
            self._done += 1
            landed = CaseLanded(changes, label, self._done, self._total)
        if self._progress is not None:
            self._progress(landed)


def fetch_demo_cases(
    service: CaseService, progress: DemoProgress | None, cancel: CancelCheck | None
) -> list[FetchResult]:
    """Fetch the demo users with no fetched case yet; see the module docstring.

    Returns one result per user fetched (in the demo's order); a cancelled run returns those
    fetched before the cancel.
    """
    fetched = {(r.user_token, r.user_id) for r in service.list_cases() if r.fetched_at}
    users = [u for u in service.demo_applicants() if (u.user_token, u.user_id) not in fetched]
    report = _Reporter(progress, len(users))

    def cancelled() -> bool:
        return cancel is not None and cancel()

    def fetch_one(user: DemoApplicant) -> FetchResult | None:
        if cancelled():
            return None
        result = service.fetch_case(
            user_token=user.user_token,
            user_id=user.user_id,
            label=user.label,
            cancel=cancel,
            checks=False,
        )
        if result.stored:
            report(result.changes, f"Fetched {user.label}")
        return result

    with ThreadPoolExecutor(DEMO_FETCH_WORKERS, thread_name_prefix="demo-fetch") as pool:
        fetches = list(zip(users, pool.map(fetch_one, users), strict=True))
    results = [result for _user, result in fetches if result is not None]
    for user, result in fetches:
        if cancelled():
            break
        if result is not None and result.stored and result.case_id:
            service.check_stored(result.case_id)
            report(OpChanges((result.case_id,), listed=True), f"Checked {user.label}")
    return results
