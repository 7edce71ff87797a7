"""What the monthly income chart needs beyond the totals: which months are partial, the currency.

A month the report covers only in part (the first and last months of the window, usually)
looks like an income drop when drawn like the others; the chart marks it instead.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from reviewer.ui.present.fmt import dicts, dig


def _reports(response: Any) -> list[dict[str, Any]]:
    return dicts(dig(response, "bank_income")) if isinstance(response, dict) else []


def _day(text: Any) -> date | None:
    if not isinstance(text, str):
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def month_coverage(response: Any) -> tuple[dict[str, str], str]:
    """({"2026-05": "covers 12 of 31 days"}, currency) for months the summaries cover in part."""
    partial: dict[str, str] = {}
    currencies: set[str] = set()
    for report in _reports(response):
        summaries = dicts(dig(report, "bank_income_summary", "historical_summary")) or [
            h
            for item in dicts(report.get("items"))
            for src in dicts(item.get("bank_income_sources"))
            for h in dicts(src.get("historical_summary"))
        ]
        for h in summaries:
            start, end = _day(h.get("start_date")), _day(h.get("end_date"))
            code = h.get("iso_currency_code") or dig(h, "total_amounts", 0, "iso_currency_code")
            if isinstance(code, str):
                currencies.add(code)
            if start is None or end is None:
                continue
            days = calendar.monthrange(start.year, start.month)[1]
            covered = (end - start).days + 1
            if start.day != 1 or covered < days:
                partial[start.isoformat()[:7]] = f"covers {min(covered, days)} of {days} days"
    currency = currencies.pop() if len(currencies) == 1 else ("USD" if not currencies else "mixed")
    return partial, currency
