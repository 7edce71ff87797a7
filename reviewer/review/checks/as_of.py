"""The day a case's evidence is judged from: when Plaid gathered it, not when it is read.

A pay stub is "old" or "in the future" relative to the moment the applicant handed it over,
so the date checks count from Plaid's own timestamps of the evidence (the applicant's Link
sessions, the items' last update, the bank income reports' generation), never from the
reviewer's calendar. The same evidence therefore gives the same findings whenever it is
fetched or re-checked (an audit a year later reads what the reviewer read), and a case fetched
long after the applicant applied is not called stale for the reviewer's delay. Only when Plaid
gives no timestamp at all is the day of the fetch used, and the findings say which it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reviewer.review.checks.common import day_words
from reviewer.review.model import CaseModel


@dataclass(frozen=True)
class AsOf:
    """The evidence day and, in words, where it comes from."""

    day: date
    source: str  # "the applicant's Link session", "the day the case was fetched"

    @property
    def words(self) -> str:
        """`the applicant's Link session, 11/11/2026` for a finding's summary."""
        return f"{self.source}, {day_words(self.day)}"


def _day(stamp: str | None) -> date | None:
    """The calendar day of an ISO 8601 timestamp as Plaid sends it (UTC); None if unreadable."""
    if not stamp or len(stamp) < 10:
        return None
    try:
        return date.fromisoformat(stamp[:10])
    except ValueError:
        return None


def evidence_day(model: CaseModel, fetched: date) -> AsOf:
    """The newest of Plaid's timestamps of the case's evidence that is not after the fetch
    (a stamp after the fetch cannot be true and is ignored); the fetch day without any."""
    stamps: list[tuple[date, str]] = []
    for session in model.sessions:
        stamps.append((_day(session.started) or date.min, "the applicant's Link session"))
    for item in model.item_statuses:
        stamps.append((_day(item.updated_at) or date.min, "Plaid's last update of the data"))
    for report in model.bank_income:
        stamps.append((_day(report.generated_time) or date.min, "the bank income report"))
    usable = [(day, source) for day, source in stamps if date.min < day <= fetched]
    if not usable:
        return AsOf(fetched, "the day the case was fetched")
    day, source = max(usable, key=lambda s: s[0])
    return AsOf(day, source)
