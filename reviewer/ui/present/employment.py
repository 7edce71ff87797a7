"""Employment (payroll) and bank employment rows, plus Link session history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reviewer.ui.present.fmt import dicts, dig, humanize, period, text


@dataclass(frozen=True)
class EmploymentRow:
    """One employer relationship, from payroll or from bank deposits."""

    source: str  # "Payroll" | "Bank"
    employer: str
    detail: str  # title/status, or institution
    dates: str


def employment_rows(employment_response: Any, bank_employment_response: Any) -> list[EmploymentRow]:
    """Payroll employments (/credit/employment/get) then bank employments (deposit dates)."""
    rows: list[EmploymentRow] = []
    for item in dicts(dig(employment_response, "items")):
        for e in dicts(item.get("employments")):
            detail = ", ".join(
                x
                for x in (
                    e.get("title") if isinstance(e.get("title"), str) else None,
                    humanize(e.get("status")) if e.get("status") else None,
                    humanize(e.get("employee_type")) if e.get("employee_type") else None,
                )
                if x
            )
            dates = period(e.get("start_date"), e.get("end_date"))
            if e.get("last_paystub_date"):
                dates += f" (last pay stub {e['last_paystub_date']})"
            rows.append(
                EmploymentRow("Payroll", text(dig(e, "employer", "name")), detail or "—", dates)
            )
    for report in dicts(dig(bank_employment_response, "bank_employment_reports")):
        for item in dicts(report.get("items")):
            for be in dicts(item.get("bank_employments")):
                rows.append(
                    EmploymentRow(
                        "Bank",
                        text(dig(be, "employer", "name")),
                        text(item.get("institution_name")),
                        "deposits "
                        + period(be.get("earliest_deposit_date"), be.get("latest_deposit_date")),
                    )
                )
    return rows


def employment_warnings(bank_employment_response: Any) -> list[str]:
    """Warnings of the bank employment reports, in plain words."""
    out = []
    for report in dicts(dig(bank_employment_response, "bank_employment_reports")):
        for w in dicts(report.get("warnings")):
            cause = w.get("cause") or {}
            msg = cause.get("display_message") or cause.get("error_message") or ""
            out.append(f"{humanize(w.get('warning_code'))}: {msg}".rstrip(": "))
    return out


@dataclass(frozen=True)
class SessionRow:
    """One Link session with its results summarised per result kind."""

    session_id: str
    started: str
    results: list[str]
    errors: list[str]


def session_rows(sessions_response: Any) -> list[SessionRow]:
    """Link session history from /credit/sessions/get, one line per result."""
    out = []
    for s in dicts(dig(sessions_response, "sessions")):
        res = s.get("results") or {}
        lines: list[str] = []
        for r in dicts(res.get("item_add_results")):
            lines.append(
                f"Item added: {text(r.get('institution_id'))} (item {text(r.get('item_id'))})"
            )
        for r in dicts(res.get("bank_income_results")):
            lines.append(
                f"Bank income: {humanize(r.get('status'))} at {text(r.get('institution_id'))}"
            )
        for r in dicts(res.get("bank_employment_results")):
            lines.append(
                f"Bank employment: {humanize(r.get('status'))} at {text(r.get('institution_id'))}"
            )
        for r in dicts(res.get("payroll_income_results")):
            lines.append(
                f"Payroll income: {text(r.get('num_paystubs_retrieved'))} pay stubs, "
                f"{text(r.get('num_w2s_retrieved'))} W-2s from {text(r.get('institution_name'))}"
            )
        doc = res.get("document_income_results")
        if isinstance(doc, dict):
            lines.append(
                "Documents uploaded: "
                f"{text(doc.get('num_paystubs_uploaded'))} pay stubs, {text(doc.get('num_w2s_uploaded'))} W-2s, "
                f"{text(doc.get('num_1099s_uploaded'))} 1099s, "
                f"{text(doc.get('num_bank_statements_uploaded'))} bank statements"
            )
        errors = [
            f"{text(e.get('display_message') or e.get('error_message'))} ({text(e.get('error_code'))})"
            for e in dicts(s.get("errors"))
        ]
        out.append(
            SessionRow(
                text(s.get("link_session_id")),
                text(s.get("session_start_time")),
                lines or ["No results"],
                errors,
            )
        )
    return out
