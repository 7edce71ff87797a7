"""Employment (payroll) and bank employment rows, plus Link session history."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.review.item_names import count_words, institution_names, item_names
from reviewer.review.model import CaseModel, Session
from reviewer.ui.present.bank import warning_text
from reviewer.ui.present.fmt import humanize, period, text
from reviewer.ui.present.words import local_time


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
        if e.start and e.end is None:  # "2022-06-13 – ?" read as a gap in the data
            active = (e.status or "").upper() == "ACTIVE"
            dates = f"since {text(e.start)}" if active else f"from {text(e.start)}, end not given"
        if e.last_paystub_date:
            dates += f" (last pay stub {text(e.last_paystub_date)})"
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
    """One Link session with its results summarised per result kind, in words.

    `ids` says which Plaid ids the words stand for (a tooltip, for support).
    """

    session_id: str
    started: str
    results: list[str]
    errors: list[str]
    ids: str = ""


NO_INSTITUTION = "an institution Plaid did not name"


def _counts(pairs: list[tuple[int | None, str, str]]) -> str:
    said = [count_words(n, one, many) for n, one, many in pairs if n]
    return ", ".join(said) or "none"


class _Names:
    def __init__(self, model: CaseModel) -> None:
        self.items = item_names(model)
        self.institutions = institution_names(model)
        self.item_institutions = {
            i.item_id: i.institution_name for i in model.payroll_items if i.item_id
        }

    def institution(self, institution_id: str | None) -> str:
        return (self.institutions.get(institution_id) if institution_id else None) or NO_INSTITUTION

    def added(self, item_id: str | None, institution_id: str | None) -> str:
        if item_id and item_id in self.items:
            name = self.items[item_id]
            return name[:1].lower() + name[1:] if name.startswith(("Uploaded", "Doc")) else name
        named = (self.item_institutions.get(item_id) if item_id else None) or (
            self.institutions.get(institution_id) if institution_id else None
        )
        return named or f"an item at {NO_INSTITUTION}"


def _session_lines(s: Session, names: _Names) -> list[str]:
    lines = [f"Added {names.added(r.item_id, r.institution_id)}" for r in s.item_adds]
    lines += [
        f"Bank income: {humanize(r.status).lower()} at {names.institution(r.institution_id)}"
        for r in s.bank_income
    ]
    lines += [
        f"Bank employment: {humanize(r.status).lower()} at {names.institution(r.institution_id)}"
        for r in s.bank_employment
    ]
    lines += [
        f"Payroll income from {r.institution_name or names.institution(r.institution_id)}: "
        + _counts([(r.paystubs, "pay stub", "pay stubs"), (r.w2s, "W-2", "W-2s")])
        for r in s.payroll
    ]
    d = s.documents
    if d is not None:
        lines.append(
            "Documents uploaded: "
            + _counts(
                [
                    (d.paystubs, "pay stub", "pay stubs"),
                    (d.w2s, "W-2", "W-2s"),
                    (d.form1099s, "1099", "1099s"),
                    (d.bank_statements, "bank statement", "bank statements"),
                ]
            )
        )
    return lines


def _session_ids(s: Session) -> str:
    ids = [f"Link session id: {text(s.link_session_id)}"]
    ids += [f"Item id: {r.item_id}" for r in s.item_adds if r.item_id]
    institutions = [r.institution_id for r in s.item_adds if r.institution_id]
    institutions += [
        r.institution_id for r in (*s.bank_income, *s.bank_employment) if r.institution_id
    ]
    institutions += [r.institution_id for r in s.payroll if r.institution_id]
    ids += [f"Institution id: {i}" for i in dict.fromkeys(institutions)]
    return "\n".join(ids)


def session_rows(model: CaseModel) -> list[SessionRow]:
    """Link session history, newest first, one line per result."""
    names = _Names(model)
    return [
        SessionRow(
            text(s.link_session_id),
            local_time(s.started) if s.started else "a time Plaid did not give",
            _session_lines(s, names) or ["No results"],
            [
                f"{text(e.display_message or e.error_message)} ({text(e.error_code)})"
                for e in s.errors
            ],
            _session_ids(s),
        )
        for s in model.sessions
    ]
