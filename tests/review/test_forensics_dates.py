"""A file's metadata dates against the dates the document states (pay date, statement period,
tax year): made before them, or saved by an editor after them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from reviewer.documents.forensics.types import Timeline
from reviewer.review.forensics_dates import DOCUMENT_DATES, OwnDate, own_dates
from reviewer.review.forensics_metadata import metadata_findings

from .checks_factory import case, statement, stub, w2

PAY_DAY = date(2026, 11, 6)


def _timeline(created: str | None, modified: str | None, producer: str, creator: str) -> Timeline:
    tools = tuple(dict.fromkeys(t for t in (creator, producer) if t))
    return Timeline(
        created=created,
        modified=modified,
        producer=producer,
        creator=creator,
        tools=tools,
        has_metadata=True,
    )


def _own() -> OwnDate:
    return own_dates(case(stubs=[stub("s1", pay_date=PAY_DAY)]))["s1"]


def _one(found: list, check: str):
    (only,) = [f for f in found if f.check == check]
    return only


def test_each_document_states_its_own_date() -> None:
    model = case(
        stubs=[stub("s1", pay_date=PAY_DAY), stub("s2", pay_date=None)],
        statements=[statement([], [(date(2026, 9, 1), date(2026, 9, 30), "0.00", "0.00")])],
        w2s=[w2(year="2025")],
    )
    found = own_dates(model)
    assert found["s1"] == OwnDate("the pay date", PAY_DAY, date(2026, 10, 30), "medium")
    assert "s2" not in found  # no pay date: nothing to compare with
    (stmt,) = [v for v in found.values() if v.what == "the end of its statement period"]
    assert stmt.day == stmt.earliest == date(2026, 9, 30)
    (form,) = [v for v in found.values() if v.what == "the end of tax year 2025"]
    assert form.earliest == date(2025, 12, 31) and form.severity == "low"


def test_a_payroll_systems_stub_made_on_payday_passes() -> None:
    made = _timeline(
        "2026-11-06T09:30:00+00:00", "2026-11-06T09:30:00+00:00", "", "Payroll Document Services"
    )
    found = metadata_findings("s1", made, is_pdf=True, own=_own())
    assert [f.severity for f in found] == ["pass", "pass"]
    assert _one(found, DOCUMENT_DATES).summary == (
        "Made 11/06/2026, consistent with the pay date it shows (11/06/2026)"
    )


def test_a_stub_file_made_months_before_its_pay_date_is_a_finding() -> None:
    early = _timeline(
        "2026-02-03T09:12:00+00:00", "2026-02-03T09:12:00+00:00", "", "Payroll Document Services"
    )
    dated = _one(metadata_findings("s1", early, is_pdf=True, own=_own()), DOCUMENT_DATES)
    assert dated.severity == "medium"
    assert dated.summary.startswith(
        "The file was made on 02/03/2026, 276 day(s) before the pay date it shows (11/06/2026)"
    )
    assert dated.values["days_before"] == 276
    # a week ahead is how payroll runs: no finding
    week = _timeline("2026-10-30T09:00:00+00:00", None, "", "Payroll Document Services")
    assert (
        _one(metadata_findings("s1", week, is_pdf=True, own=_own()), DOCUMENT_DATES).severity
        == "pass"
    )


def test_an_editors_save_after_the_pay_date_says_so() -> None:
    edited = _timeline(
        "2026-11-06T09:30:00+00:00",
        "2026-11-08T23:41:00+00:00",
        "Adobe Acrobat Pro 2024",
        "Payroll Document Services",
    )
    found = _one(metadata_findings("s1", edited, is_pdf=True, own=_own()), "metadata.edited")
    assert found.severity == "high"
    assert found.summary.endswith(
        ", 2 day(s) later, 2 day(s) after the pay date it shows (11/06/2026)"
    )
    assert found.values["document_date"] == "2026-11-06"
    # without the document's date the same file is judged on its metadata alone
    alone = _one(metadata_findings("s1", edited, is_pdf=True), "metadata.edited")
    assert alone.severity == "high" and "pay date" not in alone.summary
    # an editor's save before payday is not "after the pay date"
    before = _timeline(None, "2026-11-05T10:00:00+00:00", "Adobe Acrobat Pro 2024", "")
    found = _one(metadata_findings("s1", before, is_pdf=True, own=_own()), "metadata.edited")
    assert found.severity == "medium" and "pay date" not in found.summary


def test_without_dates_the_comparison_says_why() -> None:
    bare = _timeline(None, None, "Payroll Document Services", "")
    assert _one(
        metadata_findings("s1", bare, is_pdf=True, own=_own()), DOCUMENT_DATES
    ).not_applicable == ("the file states no creation date")
    made = _timeline("2026-11-06T09:30:00+00:00", None, "", "Statement Rendering Service")
    unknown = _one(metadata_findings("d", made, is_pdf=True), DOCUMENT_DATES)
    assert unknown.severity is None and "states no pay date" in str(unknown.not_applicable)


def test_a_file_dated_after_the_clock_is_in_the_future() -> None:
    ahead = _timeline("2027-01-05T09:30:00+00:00", None, "", "Payroll Document Services")
    now = datetime(2026, 12, 1, tzinfo=UTC)
    found = metadata_findings("s1", ahead, is_pdf=True, now=now, own=_own())
    assert _one(found, "metadata.future_date").severity == "high"
    assert not metadata_findings(
        "s1", ahead, is_pdf=True, now=datetime(2027, 2, 1, tzinfo=UTC), own=_own()
    )[0].failed
