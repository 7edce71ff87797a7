"""The Federal Reserve's holidays: the days US banks do not settle payroll deposits.

The Federal Reserve observes the eleven federal holidays of 5 U.S.C. 6103; one that falls on a
Sunday is observed on the Monday after, and one that falls on a Saturday is *not* moved (the
Reserve Banks are open the Friday before, unlike the federal government). Source: Federal
Reserve, "Holidays Observed by the Federal Reserve System",
https://www.frbservices.org/about/holiday-schedules

Written out here rather than taken from the `holidays` package: its US calendar follows the
government's Saturday-to-Friday rule (a Friday payday would be called a holiday), and it took
seconds to import and build on this machine, for eleven rules.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

MONDAY, THURSDAY = 0, 3


def _nth(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th `weekday` of the month (n = -1: the last)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


@lru_cache(maxsize=64)
def fed_holidays(year: int) -> dict[date, str]:
    """The Federal Reserve's holidays of `year`, as observed (Sunday ones on the Monday)."""
    fixed = {
        date(year, 1, 1): "New Year's Day",
        date(year, 7, 4): "Independence Day",
        date(year, 11, 11): "Veterans Day",
        date(year, 12, 25): "Christmas Day",
    }
    if year >= 2021:
        fixed[date(year, 6, 19)] = "Juneteenth National Independence Day"
    days: dict[date, str] = {}
    for day, name in fixed.items():
        if day.weekday() == 6:
            days[day + timedelta(days=1)] = f"{name} (observed)"
        elif day.weekday() != 5:  # a Saturday holiday is not observed by the Reserve Banks
            days[day] = name
    days[_nth(year, 1, MONDAY, 3)] = "Martin Luther King Jr. Day"
    days[_nth(year, 2, MONDAY, 3)] = "Washington's Birthday"
    days[_nth(year, 5, MONDAY, -1)] = "Memorial Day"
    days[_nth(year, 9, MONDAY, 1)] = "Labor Day"
    days[_nth(year, 10, MONDAY, 2)] = "Columbus Day"
    days[_nth(year, 11, THURSDAY, 4)] = "Thanksgiving Day"
    return days


def bank_holiday(day: date) -> str | None:
    """The name of the Federal Reserve holiday on `day`, if it is one."""
    return fed_holidays(day.year).get(day)
