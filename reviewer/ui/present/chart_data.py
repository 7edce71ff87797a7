"""What the monthly income chart needs beyond the totals: which months are partial, the currency.

A month the report covers only in part (the first and last months of the window, usually)
looks like an income drop when drawn like the others; the chart marks it instead. Read from the
newest bank income report, as `bank.monthly_income` is.
"""

from __future__ import annotations

import calendar

from reviewer.review.model import CaseModel, HistoricalSummary


def _summaries(model: CaseModel) -> tuple[HistoricalSummary, ...]:
    if not model.bank_income:
        return ()
    report = model.bank_income[0]
    if report.summary is not None and report.summary.history:
        return report.summary.history
    return tuple(h for item in report.items for src in item.sources for h in src.history)


def month_coverage(model: CaseModel) -> tuple[dict[str, str], str]:
    """({"2026-05": "covers 12 of 31 days"}, currency) for months the summaries cover in part."""
    partial: dict[str, str] = {}
    currencies: set[str] = set()
    for h in _summaries(model):
        for amount in (h.total, *h.totals):
            if amount is not None and amount.currency:
                currencies.add(amount.currency)
        if h.start is None or h.end is None:
            continue
        days = calendar.monthrange(h.start.year, h.start.month)[1]
        covered = (h.end - h.start).days + 1
        if h.start.day != 1 or covered < days:
            partial[h.start.isoformat()[:7]] = f"covers {min(covered, days)} of {days} days"
    currency = currencies.pop() if len(currencies) == 1 else ("USD" if not currencies else "mixed")
    return partial, currency
