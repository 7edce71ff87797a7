"""A file's metadata dates against the dates the document itself states.

A payroll system makes a pay stub around its pay date, a bank makes a statement after the
period closes, a W-2 is made after its tax year ends. A file made long before the date it
reports is a template filled in ahead (or dated by hand), and one saved by a PDF editor after
the pay date it shows was changed after the fact: `reviewer.review.forensics_metadata` says so
in its "edited" finding, with the date from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from reviewer.review.findings import Finding, Severity, failed, not_applicable, passed
from reviewer.review.model import CaseModel

DOCUMENT_DATES = "metadata.document_dates"
# payroll is run a few days before payday; a stub file made a week or more ahead is unusual
STUB_MADE_AHEAD_DAYS = 7


@dataclass(frozen=True)
class OwnDate:
    """The date a document states and the earliest day its file can honestly have been made."""

    what: str  # "the pay date", "the end of its statement period", "the end of tax year 2025"
    day: date
    earliest: date  # a file made before this day is a finding
    severity: Severity  # how much a file made too early says

    @property
    def words(self) -> str:
        """`the pay date it shows (11/06/2026)`."""
        return f"{self.what} it shows ({self.day:%m/%d/%Y})"


def own_dates(model: CaseModel) -> dict[str, OwnDate]:
    """document id -> the date the document states (pay stubs, statements, W-2s, 1099s)."""
    found: dict[str, OwnDate] = {}
    for stub in model.pay_stubs:
        if stub.pay_date is not None:
            ahead = stub.pay_date - timedelta(days=STUB_MADE_AHEAD_DAYS)
            found[stub.document.document_id] = OwnDate(
                "the pay date", stub.pay_date, ahead, "medium"
            )
    for statement in model.bank_statements:
        ends = [p.end for a in statement.accounts for p in a.periods if p.end is not None]
        if ends:
            end = max(ends)
            what = "the end of its statement period"
            found[statement.document.document_id] = OwnDate(what, end, end, "medium")
    forms = [(w.document.document_id, w.tax_year) for w in model.w2s]
    forms += [(f.document.document_id, f.tax_year) for f in model.form1099s]
    for document_id, tax_year in forms:
        year = int(tax_year[:4]) if tax_year and tax_year[:4].isdigit() else None
        if year is not None and 1900 < year < 2200:
            end = date(year, 12, 31)
            # an employer may issue a departing employee's W-2 early: a weaker sign
            found[document_id] = OwnDate(f"the end of tax year {year}", end, end, "low")
    return found


def document_dates_finding(
    document_id: str, created: datetime | None, own: OwnDate | None
) -> Finding:
    """Was the file made before the date the document states? (a pass when not)."""
    ids = (document_id,)
    if own is None:
        why = "the document states no pay date, statement period or tax year"
        return not_applicable(DOCUMENT_DATES, "metadata", why, document_ids=ids)
    if created is None:
        why = "the file states no creation date"
        return not_applicable(DOCUMENT_DATES, "metadata", why, document_ids=ids)
    made = created.date()
    values: dict[str, str | int | float | None] = {
        "created": created.isoformat(),
        "document_date": own.day.isoformat(),
        "document_date_is": own.what,
    }
    if made < own.earliest:
        days = (own.day - made).days
        return failed(
            DOCUMENT_DATES,
            "metadata",
            own.severity,
            f"The file was made on {made:%m/%d/%Y}, {days} day(s) before {own.words}: "
            "filled in ahead of time or dated by hand",
            document_ids=ids,
            values=values | {"days_before": days},
        )
    return passed(
        DOCUMENT_DATES,
        "metadata",
        f"Made {made:%m/%d/%Y}, consistent with {own.words}",
        document_ids=ids,
        values=values,
    )
