"""The monthly income chart has a money axis in the report's currency and marks partial months
(issue 17 item 13: partial months looked like income drops)."""

from __future__ import annotations

import json

from reviewer.review.model import build_case
from reviewer.ui.chart import MonthlyChart, axis_label, nice_step
from reviewer.ui.present.chart_data import month_coverage


def _month(start: str, end: str, amount: float) -> dict:
    return {
        "start_date": start,
        "end_date": end,
        "total_amount": amount,
        "iso_currency_code": "USD",
    }


RESPONSE = {
    "bank_income": [
        {
            "bank_income_summary": {
                "historical_summary": [
                    _month("2026-05-19", "2026-05-31", 1200.0),
                    _month("2026-06-01", "2026-06-30", 5400.0),
                    _month("2026-07-01", "2026-07-31", 5350.0),
                    _month("2026-08-01", "2026-08-12", 900.0),
                ]
            }
        }
    ]
}
MODEL = build_case({"/credit/bank_income/get": json.dumps(RESPONSE).encode()})


def test_partial_months_are_found_and_the_currency_named() -> None:
    partial, currency = month_coverage(MODEL)
    assert partial == {"2026-05": "covers 13 of 31 days", "2026-08": "covers 12 of 31 days"}
    assert currency == "USD"


def test_the_chart_has_a_money_axis_and_says_which_months_are_partial(qtbot) -> None:
    chart = MonthlyChart()
    qtbot.addWidget(chart)
    partial, currency = month_coverage(MODEL)
    chart.set_months([("2026-05", 1200.0), ("2026-06", 5400.0)], partial, currency)
    chart.resize(600, 220)
    chart.grab()  # paints without error
    assert chart.axis_ticks()[:3] == ["$0", "$2k", "$4k"]
    assert "2026-05: $1,200.00 (partial month: covers 13 of 31 days)" in chart.toolTip()
    assert "partial" not in chart.toolTip().splitlines()[1]
    assert nice_step(5400) == 2000 and axis_label(12500) == "$12.5k" and axis_label(500) == "$500"
