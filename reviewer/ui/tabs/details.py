"""HTML for the Bank income, Employment and Sessions tabs."""

from __future__ import annotations

from reviewer.review.model import BankIncomeReport, CaseModel
from reviewer.ui.present import bank, employment, html

INCOME_COLUMNS = [
    "Description",
    "Category",
    "Frequency",
    "Total",
    "Transactions",
    "Period",
    "Institution",
    "Account",
]


def _report_html(report: BankIncomeReport, index: int, count: int) -> str:
    title = "Newest report" if index == 0 else f"Earlier report {index + 1} of {count}"
    tip = f"Plaid bank income report id: {report.bank_income_id or 'none given'}"
    body = [f"<h3>{html.tip(title, tip)}</h3>"]
    body.append(html.fields(bank.report_facts(report)))
    body.extend(f"<p class='warn'>⚠ {html.e(w)}</p>" for w in bank.bank_income_warnings(report))
    sources = bank.income_sources(report)
    if sources:
        body.append("<h4>Income sources</h4>")
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
                        s.account,
                    ]
                    for s in sources
                ],
            )
        )
    owners = [
        (f"{item.institution_name or 'Bank'}, {account.label}", owner)
        for item in report.items
        for account in item.accounts
        for owner in account.owners
    ]
    if owners:
        body.append("<h4>Account owners</h4>")
        body.append(
            html.table(
                ["Account", "Names", "Addresses", "Emails", "Phones"],
                [
                    [
                        where,
                        "; ".join(o.names) or "—",
                        "; ".join(a.one_line() or "" for a in o.addresses) or "—",
                        "; ".join(o.emails) or "—",
                        "; ".join(o.phone_numbers) or "—",
                    ]
                    for where, o in owners
                ],
            )
        )
    transactions = bank.income_transactions(report)
    if transactions:
        body.append("<h4>Income transactions</h4>")
        body.append(
            html.table(
                ["Date", "Description", "Amount", "Source", ""],
                [[t.date, t.description, t.amount, t.source, t.pending] for t in transactions],
            )
        )
    return "".join(body)


def income_html(model: CaseModel) -> str:
    """Every bank income report: facts, warnings, sources, owners and income transactions."""
    reports = model.bank_income
    if not reports:
        return html.empty("bank income")
    return html.page("".join(_report_html(r, i, len(reports)) for i, r in enumerate(reports)))


def employment_html(model: CaseModel) -> str:
    """Employers from payroll and from bank deposits, with the bank-side warnings."""
    rows = employment.employment_rows(model)
    body = []
    if rows:
        body.append(
            html.table(
                ["Source", "Employer", "Detail", "Dates"],
                [[x.source, x.employer, x.detail, x.dates] for x in rows],
            )
        )
    body.extend(f"<p class='warn'>⚠ {html.e(w)}</p>" for w in employment.employment_warnings(model))
    return html.page("".join(body)) if body else html.empty("employment data")


def sessions_html(model: CaseModel) -> str:
    """Link sessions, newest first, with each result and error."""
    rows = employment.session_rows(model)
    if not rows:
        return html.empty("Link sessions")
    body = []
    for s in rows:
        body.append(f"<h3>{html.tip(f'Link session of {s.started}', s.ids)}</h3><ul>")
        body.extend(f"<li>{html.e(line)}</li>" for line in s.results)
        body.extend(f"<li class='warn'>⚠ {html.e(line)}</li>" for line in s.errors)
        body.append("</ul>")
    return html.page("".join(body))
