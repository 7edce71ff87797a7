"""HTML for the Bank income, Employment and Sessions tabs."""

from __future__ import annotations

from typing import Any

from reviewer.ui.present import bank, employment, html

INCOME_COLUMNS = [
    "Description",
    "Category",
    "Frequency",
    "Total",
    "Transactions",
    "Period",
    "Institution",
]


def income_html(resp: Any) -> str:
    """Bank income sources with category, frequency and totals, then Plaid's warnings."""
    sources = bank.income_sources(resp)
    body = []
    if sources:
        body.append("<h3>Income sources</h3>")
        body.append(
            html.table(
                INCOME_COLUMNS,
                [
                    [
                        s.description,
                        s.category,
                        s.frequency,
                        s.total,
                        s.transactions,
                        s.period,
                        s.institution,
                    ]
                    for s in sources
                ],
            )
        )
    body.extend(f"<p class='warn'>⚠ {html.e(w)}</p>" for w in bank.bank_income_warnings(resp))
    return html.page("".join(body)) if body else html.empty("bank income")


def employment_html(payroll_employment: Any, bank_employment: Any) -> str:
    """Employers from payroll and from bank deposits, with the bank-side warnings."""
    rows = employment.employment_rows(payroll_employment, bank_employment)
    body = []
    if rows:
        body.append(
            html.table(
                ["Source", "Employer", "Detail", "Dates"],
                [[x.source, x.employer, x.detail, x.dates] for x in rows],
            )
        )
    body.extend(
        f"<p class='warn'>⚠ {html.e(w)}</p>"
        for w in employment.employment_warnings(bank_employment)
    )
    return html.page("".join(body)) if body else html.empty("employment data")


def sessions_html(sessions: Any) -> str:
    """Link sessions, newest first as Plaid lists them, with each result and error."""
    rows = employment.session_rows(sessions)
    if not rows:
        return html.empty("Link sessions")
    body = []
    for s in rows:
        body.append(
            f"<h3>Session {html.e(s.session_id)}</h3>"
            f"<p class='muted'>started {html.e(s.started)}</p><ul>"
        )
        body.extend(f"<li>{html.e(line)}</li>" for line in s.results)
        body.extend(f"<li class='warn'>⚠ {html.e(line)}</li>" for line in s.errors)
        body.append("</ul>")
    return html.page("".join(body))
