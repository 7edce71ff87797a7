"""Employment (payroll) and bank employment rows, plus Link session history."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.review.model import CaseModel, Session
from reviewer.ui.present.bank import warning_text
from reviewer.ui.present.fmt import humanize, period, text


@dataclass(frozen=True)
class EmploymentRow:
    """One employer relationship, from payroll or from bank deposits."""

    source: str  # "Payroll" | "Bank"
    employer: str
    detail: str  # title/status, or institution
    dates: str


def employment_rows(model: CaseModel) -> list[EmploymentRow]:
    """Payroll employments, then bank employments (deposit dates)."""
    rows: list[EmploymentRow] = []
    for e in model.employments:
        detail = ", ".join(
            x
            for x in (
                e.title,
                humanize(e.status) if e.status else None,
                humanize(e.employee_type) if e.employee_type else None,
            )
            if x
        )
        dates = period(e.start, e.end)
        if e.last_paystub_date:
            dates += f" (last pay stub {e.last_paystub_date.isoformat()})"
        rows.append(EmploymentRow("Payroll", text(e.employer), detail or "—", dates))
    for report in model.bank_employment:
        for item in report.items:
            accounts = {a.account_id: a.label for a in item.accounts}
            for be in item.employments:
                where = ", ".join(
                    p for p in (item.institution_name, accounts.get(be.account_id)) if p
                )
                rows.append(
                    EmploymentRow(
                        "Bank",
                        text(be.employer),
                        where or "—",
                        "deposits " + period(be.earliest_deposit, be.latest_deposit),
                    )
                )
    return rows


def employment_warnings(model: CaseModel) -> list[str]:
    """Warnings of the bank employment reports, in plain words."""
    return [warning_text(w) for r in model.bank_employment for w in r.warnings]


@dataclass(frozen=True)
class SessionRow:
    """One Link session with its results summarised per result kind."""

    session_id: str
    started: str
    results: list[str]
    errors: list[str]


def _session_lines(s: Session) -> list[str]:
    lines = [f"Item added: {text(r.institution_id)} (item {text(r.item_id)})" for r in s.item_adds]
    lines += [
        f"Bank income: {humanize(r.status)} at {text(r.institution_id)}" for r in s.bank_income
    ]
    lines += [
        f"Bank employment: {humanize(r.status)} at {text(r.institution_id)}"
        for r in s.bank_employment
    ]
    lines += [
        f"Payroll income: {text(r.paystubs)} pay stubs, {text(r.w2s)} W-2s from "
        f"{text(r.institution_name)}"
        for r in s.payroll
    ]
    d = s.documents
    if d is not None:
        lines.append(
            f"Documents uploaded: {text(d.paystubs)} pay stubs, {text(d.w2s)} W-2s, "
            f"{text(d.form1099s)} 1099s, {text(d.bank_statements)} bank statements"
        )
    return lines


def session_rows(model: CaseModel) -> list[SessionRow]:
    """Link session history, newest first, one line per result."""
    return [
        SessionRow(
            text(s.link_session_id),
            text(s.started),
            _session_lines(s) or ["No results"],
            [
                f"{text(e.display_message or e.error_message)} ({text(e.error_code)})"
                for e in s.errors
            ],
        )
        for s in model.sessions
    ]
