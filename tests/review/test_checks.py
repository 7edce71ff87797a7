"""Each evidence check on small typed inputs: passes, failures with their numbers, edge cases
(missing values -> not applicable with why, rounding to cents, negative deductions, several
employers, several currencies)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.review.checks import dates, forms, identity, paystub, paystub_series, reconcile
from reviewer.review.checks import statements as stmt
from reviewer.review.checks.as_of import AsOf, evidence_day
from reviewer.review.checks.names import company_score, same_address, same_company, same_person
from reviewer.review.findings import Finding
from reviewer.review.model import Address, Earning, Money

from .checks_factory import case, form_1099k, statement, stub, txn, usd, w2


def _one(findings: list[Finding], check: str) -> Finding:
    found = [f for f in findings if f.check == check]
    assert len(found) == 1, found
    return found[0]


# -- pay stub arithmetic ---------------------------------------------------------------------


def test_net_pay_tampered_is_high_with_both_numbers() -> None:
    f = paystub.net_pay(stub(net="2709.78"))
    assert f.severity == "high"
    assert f.summary.startswith(
        "Net pay does not equal gross minus deductions: printed 2,709.78, computed 1,709.78"
    )
    assert f.values["printed"] == 2709.78 and f.values["computed"] == 1709.78
    assert f.values["difference"] == 1000.0
    assert f.where == (("stub-1", 0, "2709.78"),)


def test_net_pay_rounding_to_cents() -> None:
    assert paystub.net_pay(stub(net="1709.79")).severity == "pass"  # a cent of rounding
    off = paystub.net_pay(stub(net="1709.80"))
    assert off.severity == "low" and off.values["difference"] == 0.02


def test_net_pay_without_printed_total_sums_the_lines_and_negative_deductions_count() -> None:
    lines = [("Federal Income Tax", "300.00", None), ("Payroll correction refund", "-20.00", None)]
    f = paystub.net_pay(
        stub(gross="1000.00", net="720.00", deductions=lines, deductions_total=None)
    )
    assert f.severity == "pass" and f.values["deductions"] == 280.0


def test_missing_values_are_not_applicable_with_why() -> None:
    f = paystub.net_pay(stub(gross=None))
    assert f.severity is None and f.not_applicable == "the stub gives no gross pay"
    f = paystub.net_pay(stub(deductions=[], deductions_total=None))
    assert f.not_applicable == "the stub gives no deductions"
    assert paystub.deductions_sum(stub(deductions_total=None)).not_applicable == (
        "the stub prints no total deductions"
    )
    hours = paystub.hours_times_rate(stub())
    assert hours[0].not_applicable and "salaried" in hours[0].not_applicable
    assert paystub.ytd_not_below_current(stub()).severity is None


def test_mixed_currencies_are_not_added() -> None:
    s = stub(currency="USD")
    cad = stub(currency="CAD")
    mixed = type(s)(**{**_fields(s), "net_pay": cad.net_pay})
    f = paystub.net_pay(mixed)
    assert f.severity is None and "different currencies (CAD and USD)" in (f.not_applicable or "")


def _fields(obj: object) -> dict[str, object]:
    return {name: getattr(obj, name) for name in obj.__slots__}  # type: ignore[attr-defined]


def test_earnings_and_deductions_sums() -> None:
    two_lines = [
        Earning("Regular", None, usd("2000.00"), None, None, None),
        Earning("Overtime", None, usd("300.00"), None, None, None),
    ]
    assert paystub.earnings_sum(stub(gross="2300.00", earnings=two_lines)).severity == "pass"
    bad = paystub.earnings_sum(stub(gross="2450.00", earnings=two_lines))
    assert bad.severity == "high" and bad.values["computed"] == 2300.0
    assert paystub.deductions_sum(stub()).severity == "pass"
    off = paystub.deductions_sum(stub(deductions_total="670.22"))
    assert off.severity == "high" and off.values["computed"] == 770.22


def test_hours_times_rate_allows_rounded_hours() -> None:
    line = Earning("Regular", None, usd("2480.00"), None, __import__("decimal").Decimal("80.00"),
                   __import__("decimal").Decimal("31.00"))  # fmt: skip
    assert paystub.hours_times_rate(stub(earnings=[line]))[0].severity == "pass"
    line = Earning("Regular", None, usd("2150.00"), None, line.hours,
                   __import__("decimal").Decimal("25.00"))  # fmt: skip
    f = paystub.hours_times_rate(stub(earnings=[line]))[0]
    assert f.severity == "high" and f.values["computed"] == 2000.0


def test_ytd_below_current_and_negative_lines_ignored() -> None:
    lines = [("401(k)", "124.00", "62.00"), ("Refund", "-10.00", "-5.00")]
    f = paystub.ytd_not_below_current(stub(deductions=lines))
    assert f.severity == "high" and "401(k)" in f.summary
    ok = [("401(k)", "124.00", "2480.00"), ("Refund", "-10.00", "-5.00")]
    assert paystub.ytd_not_below_current(stub(deductions=ok)).severity == "pass"


def test_payroll_taxes_plausible_range() -> None:
    ss, med = paystub.payroll_taxes(stub())
    assert ss.severity == "pass" and med.severity == "pass"
    short = [("Social Security", "113.76", None), ("Medicare", "35.96", None)]
    ss, med = paystub.payroll_taxes(
        stub(deductions=short, deductions_total="149.72", net="2330.28")
    )
    assert ss.severity == "medium" and ss.values["computed"] == 153.76 and med.severity == "pass"
    # a section 125 premium lowers the taxable wage: 6.2 % of (gross - premium) passes
    pre = [("Social Security", "148.52", None), ("Medical Insurance", "84.50", None)]
    assert paystub.payroll_taxes(stub(deductions=pre))[0].severity == "pass"
    # above the wage base a stub withholds no Social Security
    zero = [("Social Security", "0.00", None)]
    assert paystub.payroll_taxes(stub(deductions=zero))[0].severity == "pass"


# -- across stubs ----------------------------------------------------------------------------


def _series(second_net_ytd: str = "3419.56") -> list:
    first = stub("a", pay_date=date(2026, 10, 23), gross_ytd="2480.00", net_ytd="1709.78")
    second = stub("b", pay_date=date(2026, 11, 6), gross_ytd="4960.00", net_ytd=second_net_ytd)
    return [first, second]


def test_ytd_progression() -> None:
    ok = paystub_series.check_series(_series())
    assert _one(ok, paystub_series.YTD_PROGRESSION).severity == "pass"
    bad = _one(paystub_series.check_series(_series("3419.60")), paystub_series.YTD_PROGRESSION)
    assert bad.severity == "medium" and bad.values["computed"] == 3419.56


def test_pay_frequency_and_periods() -> None:
    found = paystub_series.check_series(_series())
    assert _one(found, paystub_series.PAY_FREQUENCY).severity == "pass"
    assert _one(found, paystub_series.PERIODS).severity == "pass"
    late = [stub("a", pay_date=date(2026, 10, 23)), stub("b", pay_date=date(2026, 11, 13))]
    found = paystub_series.check_series(late)
    assert _one(found, paystub_series.PAY_FREQUENCY).values["days"] == 21
    assert _one(found, paystub_series.PERIODS).severity == "medium"  # a 7-day gap
    missing_one = [stub("a", pay_date=date(2026, 10, 9)), stub("b", pay_date=date(2026, 11, 6))]
    found = paystub_series.check_series(missing_one)
    assert _one(found, paystub_series.PAY_FREQUENCY).severity == "pass"  # a stub not given
    overlap = [
        stub("a", pay_date=date(2026, 10, 23)),
        stub("b", pay_date=date(2026, 11, 6), period=(date(2026, 10, 15), date(2026, 11, 3))),
    ]
    assert _one(paystub_series.check_series(overlap), paystub_series.PERIODS).severity == "high"


def test_several_employers_are_checked_apart() -> None:
    stubs = [
        stub("a", pay_date=date(2026, 10, 23), employer="Northgate Distribution Co."),
        stub("b", pay_date=date(2026, 10, 30), employer="Lakeside Events LLC", frequency="WEEKLY"),
        stub("c", pay_date=date(2026, 11, 6), employer="NORTHGATE DISTRIBUTION CO"),
    ]
    groups = paystub_series.by_employer(stubs)
    assert [[s.document.document_id for s in g] for g in groups] == [["a", "c"], ["b"]]
    found = paystub_series.check_series(stubs)
    single = [f for f in found if f.document_ids == ("b",)]
    assert single and all(f.severity is None for f in single)
    assert all(f.severity in ("pass", None) for f in found)


def test_same_parties_on_each_stub() -> None:
    moved = Address("1450 Coors Blvd NW", "Albuquerque", "NM", "87121", "US")
    stubs = [stub("a", pay_date=date(2026, 10, 23)), stub("b", employee_address=moved)]
    f = _one(paystub_series.check_series(stubs), paystub_series.SAME_PARTIES)
    assert f.severity == "medium" and "employee address" in f.summary


# -- W-2 and 1099 ----------------------------------------------------------------------------


def test_w2_taxes_wage_base_and_boxes() -> None:
    good = forms.check_w2(w2(), [])
    assert [f.severity for f in good[:4]] == ["pass"] * 4
    assert good[4].severity is None  # no stub of 2025
    bad = forms.check_w2(w2(box3="190000.00", box4="9000.00", box1="70000.00"), [])
    assert _one(bad, forms.W2_WAGE_BASE).values["wage_base"] == 176100.0
    assert _one(bad, forms.W2_SOCIAL_SECURITY).values["computed"] == 10918.2  # capped
    assert _one(bad, forms.W2_BOX1_BOX5).severity == "low"
    rich = forms.medicare(w2(box5="250000.00", box6="4075.00"))  # 3,625 + 0.9 % of 50,000
    assert rich.severity == "pass"
    unknown = forms.within_wage_base(w2(year="1999"))
    assert unknown.severity is None and "1999" in (unknown.not_applicable or "")
    assert forms.social_security(w2(box4=None)).not_applicable == "box 3 or box 4 is not given"


def test_w2_against_the_last_stub_of_the_year() -> None:
    dec = stub("d", pay_date=date(2025, 12, 26), gross_ytd="64000.00")
    low = forms.against_stubs(w2(box5="50000.00"), [dec])
    assert low.severity == "high" and low.values["stub_ytd_gross"] == 64000.0
    assert forms.against_stubs(w2(), [dec]).severity == "pass"
    other = stub("e", pay_date=date(2025, 12, 26), gross_ytd="99999.00", employer="Other Co")
    assert forms.against_stubs(w2(box5="50000.00"), [other]).severity is None


def test_1099k_months() -> None:
    months = ["100.00"] * 12
    assert forms.check_1099(form_1099k("1200.00", months))[0].severity == "pass"
    bad = forms.check_1099(form_1099k("1300.00", months))[0]
    assert bad.severity == "high" and bad.values["computed"] == 1200.0
    assert forms.check_1099(form_1099k(None, months))[0].severity is None


# -- bank statements -------------------------------------------------------------------------


def _statement(ending: str = "1190.00", extra: list | None = None):  # type: ignore[no-untyped-def]
    rows = [
        txn(date(2026, 9, 3), "-1500.00", "ACME PAYROLL DIRECT DEP"),
        txn(date(2026, 9, 5), "250.00", "WHOLEFDS MKT"),
        txn(date(2026, 9, 9), "60.00", "SHELL OIL"),
        *(extra or []),
    ]
    return statement(rows, [(date(2026, 9, 1), date(2026, 9, 30), "0.00", ending)])


def test_statement_balance_equation_by_plaid_sign() -> None:
    found = stmt.check_statement(_statement())
    balance = _one(found, stmt.BALANCE)
    assert balance.severity == "pass" and balance.values["deposits"] == 1500.0
    bad = _one(stmt.check_statement(_statement("3690.00")), stmt.BALANCE)
    assert bad.severity == "high" and bad.values["computed"] == 1190.0


def test_statement_duplicates_outside_rows_and_continuity() -> None:
    dup = txn(date(2026, 9, 5), "250.00", "WHOLEFDS MKT")
    found = stmt.check_statement(_statement("940.00", [dup]))
    assert _one(found, stmt.BALANCE).severity == "pass"
    assert _one(found, stmt.DUPLICATES).severity == "medium"
    outside = txn(date(2026, 10, 2), "10.00", "CVS")
    assert (
        _one(stmt.check_statement(_statement(extra=[outside])), stmt.OUTSIDE).severity == "medium"
    )
    september = _statement()
    october = statement([], [(date(2026, 10, 15), date(2026, 10, 31), "1190.00", "1190.00")],
                        document_id="stmt-2")  # fmt: skip
    (gap,) = stmt.check_continuity([september, october])
    assert gap.severity == "medium" and "gap of 14 days" in gap.summary
    follows = statement([], [(date(2026, 10, 1), date(2026, 10, 31), "1190.00", "1190.00")],
                        document_id="stmt-2")  # fmt: skip
    assert stmt.check_continuity([september, follows])[0].severity == "pass"


def test_statement_in_two_currencies_is_not_applicable() -> None:
    rows = [txn(date(2026, 9, 3), "-10.00", "X")]
    eur = type(rows[0])("stmt-1", "acct", date(2026, 9, 4), "Y", Money(rows[0].amount.amount, "EUR"), "in")  # type: ignore[union-attr]  # fmt: skip
    s = statement([*rows, eur], [(date(2026, 9, 1), date(2026, 9, 30), "0.00", "20.00")])
    assert _one(stmt.check_statement(s), stmt.BALANCE).severity is None


# -- reconciliation --------------------------------------------------------------------------


def test_net_pay_found_in_the_bank_with_tolerant_name() -> None:
    rows = [txn(date(2026, 11, 6), "-1709.78", "NORTHGATE DIST PAYROLL DIRECT DEP")]
    s = statement(rows, [(date(2026, 10, 1), date(2026, 11, 30), "0.00", "1709.78")])
    (f,) = reconcile.check_net_pay_deposits(case(stubs=[stub()], statements=[s]))
    assert f.severity == "pass" and f.values["depositor"] == "NORTHGATE DIST PAYROLL DIRECT DEP"


def test_net_pay_never_reached_the_bank() -> None:
    rows = [txn(date(2026, 11, 7), "-600.00", "ONLINE TRANSFER FROM SAVINGS")]
    s = statement(rows, [(date(2026, 10, 1), date(2026, 11, 30), "0.00", "600.00")])
    (f,) = reconcile.check_net_pay_deposits(case(stubs=[stub()], statements=[s]))
    assert f.severity == "high" and f.summary.startswith("Net pay never reached the bank")
    assert f.values["nearest_deposit"] == 600.0


def test_net_pay_from_another_depositor_and_a_cent_off() -> None:
    rows = [txn(date(2026, 11, 6), "-1709.78", "ZELLE FROM J SMITH")]
    s = statement(rows, [(date(2026, 10, 1), date(2026, 11, 30), "0.00", "1709.78")])
    (f,) = reconcile.check_net_pay_deposits(case(stubs=[stub()], statements=[s]))
    assert f.severity == "medium" and "not the employer" in f.summary
    rows = [txn(date(2026, 11, 6), "-1709.77", "NORTHGATE PAYROLL")]
    s = statement(rows, [(date(2026, 10, 1), date(2026, 11, 30), "0.00", "1709.77")])
    assert (
        reconcile.check_net_pay_deposits(case(stubs=[stub()], statements=[s]))[0].severity == "pass"
    )


def test_reconciliation_not_applicable_without_bank_data_or_coverage() -> None:
    (f,) = reconcile.check_net_pay_deposits(case(stubs=[stub()]))
    assert f.severity is None and "no bank statements" in (f.not_applicable or "")
    s = statement([], [(date(2026, 1, 1), date(2026, 1, 31), "0.00", "0.00")])
    (f,) = reconcile.check_net_pay_deposits(case(stubs=[stub()], statements=[s]))
    assert "does not cover the pay date" in (f.not_applicable or "")


def test_tolerant_names() -> None:
    assert same_company("ACME PAYROLL DIRECT DEP", "Acme Corp")
    assert same_company("HARBOR POINT LOG PAYROLL", "Harbor Point Logistics LLC")
    assert not same_company("Summit Freight Partners Inc", "Summit Ridge Logistics LLC")
    assert company_score(None, "Acme") == 0.0
    assert same_person("MARIA K. LOPEZ", "Maria Lopez") and not same_person(
        "Teresa Lopez", "Maria Lopez"
    )
    assert same_address(
        Address("418 Maple Grove Lane", "Columbus", "OH", "43215-1234"),
        Address("418 MAPLE GROVE LN", "COLUMBUS", "OH", "43215"),
    )
    assert not same_address(Address("418 Maple Grove Ln", postal_code="43215"),
                            Address("420 Maple Grove Ln", postal_code="43215"))  # fmt: skip


# -- identity and dates ----------------------------------------------------------------------


def test_identity_across_sources() -> None:
    from reviewer.review.model import IdentityClaim

    claims = (
        IdentityClaim("pay_stub", "Pay stub 1", "a", ("Derek Whitfield",), (Address("418 Maple Grove Ln", postal_code="43215"),)),
        IdentityClaim("pay_stub", "Pay stub 2", "b", ("DEREK J. WHITFIELD",), (Address("418 Maple Grove Lane", postal_code="43215"),)),
        IdentityClaim("bank_statement", "Bank statement", "s", ("Teresa Delgado",), ()),
    )  # fmt: skip
    found = identity.check_identity(case(identity=claims))
    name = _one(found, identity.APPLICANT_NAME)
    assert name.severity == "high" and "Teresa Delgado" in name.summary
    assert _one(found, identity.APPLICANT_ADDRESS).severity == "pass"
    lone = identity.check_identity(case(identity=claims[:1]))
    assert _one(lone, identity.APPLICANT_NAME).severity is None


def test_employer_differs_between_stub_and_w2() -> None:
    found = identity.check_identity(
        case(stubs=[stub()], w2s=[w2(employer="Summit Freight Partners Inc", year="2026")])
    )
    assert _one(found, identity.EMPLOYER_NAME).severity == "high"


def test_dates() -> None:
    today = AsOf(date(2026, 11, 30), "the applicant's Link session")
    found = dates.check_dates(case(stubs=[stub(pay_date=date(2026, 12, 4))]), today)
    assert _one(found, dates.FUTURE).severity == "high"
    assert "4 day(s) after the evidence was gathered" in _one(found, dates.FUTURE).summary
    ahead = dates.check_dates(case(stubs=[stub(pay_date=date(2026, 12, 2))]), today)
    assert _one(ahead, dates.FUTURE).severity == "low"  # a stub published before payday
    sunday = dates.check_dates(case(stubs=[stub(pay_date=date(2026, 11, 8))]), today)
    assert _one(sunday, dates.BUSINESS_DAY).severity == "low"
    holiday = dates.check_dates(case(stubs=[stub(pay_date=date(2026, 11, 26))]), today)
    assert "Thanksgiving" in _one(holiday, dates.BUSINESS_DAY).summary
    late = stub(pay_date=date(2026, 11, 6), period=(date(2026, 10, 26), date(2026, 11, 8)))
    assert (
        _one(dates.check_dates(case(stubs=[late]), today), dates.PERIOD_AFTER_PAY).severity
        == "medium"
    )
    old = dates.check_dates(case(stubs=[stub(pay_date=date(2026, 6, 5))]), today)
    assert _one(old, dates.WINDOW).severity == "medium"
    assert "(the applicant's Link session, 11/30/2026)" in _one(old, dates.WINDOW).summary
    assert dates.check_dates(case(), today)[0].severity is None


def _sessions(*starts: str | None) -> tuple:
    from reviewer.review.model.employment import Session

    return tuple(
        Session(f"s{n}", start, (), (), (), (), None, ()) for n, start in enumerate(starts)
    )


def test_the_evidence_day_is_plaids_newest_timestamp_not_after_the_fetch() -> None:
    from dataclasses import replace

    from reviewer.review.model import BankIncomeReport
    from reviewer.review.model.case import ItemStatus

    fetched = date(2027, 12, 1)
    model = replace(
        case(),
        sessions=_sessions("2026-11-11T09:40:00Z", "not a date", None, "2031-01-01T00:00:00Z"),
        item_statuses=(ItemStatus("/x", "i", None, None, "2026-11-13T15:04:05Z"),),
    )
    as_of = evidence_day(model, fetched)
    assert as_of == AsOf(date(2026, 11, 13), "Plaid's last update of the data")
    report = BankIncomeReport("b", "2026-11-20T00:00:00Z", 90, (), None, ())
    assert evidence_day(replace(model, bank_income=(report,)), fetched).day == date(2026, 11, 20)
    # no usable timestamp (a stamp after the fetch cannot be true): the fetch day, said so
    lone = evidence_day(replace(case(), sessions=_sessions("2031-01-01")), fetched)
    assert lone == AsOf(fetched, "the day the case was fetched")


def test_date_findings_do_not_change_with_the_day_they_are_computed() -> None:
    from dataclasses import replace

    from reviewer.review.checks import run_checks

    model = replace(
        case(stubs=[stub(pay_date=date(2026, 11, 6))]),
        sessions=_sessions("2026-11-10T17:22:41Z"),
    )

    def date_findings(fetched: date) -> list[tuple[str, str | None, str]]:
        found = run_checks(model, fetched)
        return [(f.check, f.severity, f.summary) for f in found if f.category == "dates"]

    soon = date_findings(date(2026, 11, 12))
    assert soon == date_findings(date(2027, 11, 12)) == date_findings(date(2031, 2, 3))
    assert [s for _, s, _ in soon if s not in ("pass", None)] == []
    # without Plaid's timestamps the fetch day is all there is: a year later the stub is old
    bare = run_checks(case(stubs=[stub(pay_date=date(2026, 11, 6))]), date(2027, 11, 12))
    assert _one(bare, dates.WINDOW).severity == "medium"
    assert "the day the case was fetched, 11/12/2027" in _one(bare, dates.WINDOW).summary


def test_a_friday_before_a_saturday_holiday_is_a_business_day() -> None:
    # July 4, 2026 is a Saturday: the government observes it on Friday July 3, the Fed does not
    assert dates.bank_holiday(date(2026, 7, 3)) is None
    assert dates.bank_holiday(date(2026, 12, 25)) == "Christmas Day"


def test_run_checks_on_an_empty_case_says_what_could_not_run() -> None:
    from reviewer.review.checks import run_checks
    from reviewer.review.model import EMPTY_CASE

    found = run_checks(EMPTY_CASE, date(2026, 11, 30))
    assert found and all(f.severity is None and f.not_applicable for f in found)


def test_fed_holidays_of_2026() -> None:
    from reviewer.review.checks.fed_holidays import fed_holidays

    days = fed_holidays(2026)
    assert date(2026, 1, 19) in days and date(2026, 2, 16) in days  # MLK, Washington
    assert date(2026, 5, 25) in days and date(2026, 9, 7) in days  # Memorial, Labor
    assert date(2026, 10, 12) in days and date(2026, 11, 26) in days  # Columbus, Thanksgiving
    assert date(2026, 7, 3) not in days and date(2026, 7, 4) not in days  # Saturday: not moved
    assert fed_holidays(2022)[date(2022, 12, 26)] == "Christmas Day (observed)"  # from Sunday
    assert len(days) == 10  # eleven, one of them (July 4) on a Saturday


# -- what a statement PDF prints -------------------------------------------------------------


def _rows(balances: list[tuple[str, str, float | None, float]]):  # type: ignore[no-untyped-def]
    from reviewer.documents.printed_rows import PrintedAmount, PrintedRow

    def amount(value: float, right: float) -> PrintedAmount:
        return PrintedAmount(f"${value:,.2f}", value, (right - 40, 100.0, right, 110.0))

    rows = [
        PrintedRow(1, None, "Deposits and other credits (1)", (amount(1500.0, 300),)),
        PrintedRow(1, None, "Withdrawals and other debits (4)", (amount(360.0, 300),)),
    ]
    for day, label, value, balance in balances:
        column = 496 if label.startswith("PAYROLL") else 424
        cells = (amount(value, column),) if value is not None else ()
        rows.append(PrintedRow(1, day, label, (*cells, amount(balance, 568))))
    return rows


GOOD_ROWS = [
    ("09/01/2026", "Beginning Balance", None, 0.0),
    ("09/03/2026", "PAYROLL DEP", 1500.0, 1500.0),
    ("09/05/2026", "WHOLEFDS", 250.0, 1250.0),
    ("09/09/2026", "SHELL", 60.0, 1190.0),
    ("09/10/2026", "CVS", 20.0, 1170.0),
    ("09/12/2026", "TARGET", 30.0, 1140.0),
    ("09/30/2026", "Ending Balance", None, 1140.0),
]


def test_running_balance_and_summary_of_the_printed_rows() -> None:
    from reviewer.review.checks import printed

    ok = printed.check_printed("s", "statement.pdf", _rows(GOOD_ROWS))
    assert [f.severity for f in ok] == ["pass", "pass"]
    edited = [*GOOD_ROWS]
    edited[2] = ("09/05/2026", "WHOLEFDS", 250.0, 10250.0)  # a balance raised by 9,000
    running, summary = printed.check_printed("s", "statement.pdf", _rows(edited))
    assert running.severity == "high" and running.values["computed"] == 1250.0
    assert running.values["printed"] == 10250.0 and running.locations[0].page == 1
    assert summary.severity == "pass"  # the columns, not the balance, say in or out
    short = _rows(GOOD_ROWS)
    short[0] = type(short[0])(1, None, "Deposits and other credits (2)", short[0].amounts)
    assert printed.check_printed("s", "x", short)[1].severity == "high"
    assert printed.check_printed("s", "x", [])[0].not_applicable == (
        "the statement has no text layer to read its rows from"
    )


def test_printed_rows_of_a_generated_statement(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reviewer.documents.statement_rows import money_value, statement_rows
    from reviewer.review.checks import printed
    from reviewer.sandbox.docgen import bank_statement_pdf
    from reviewer.sandbox.docgen.examples import example_bank_statement

    path = tmp_path / "s.pdf"
    path.write_bytes(bank_statement_pdf(example_bank_statement()).data)
    rows = statement_rows(path)
    assert any(r.date == "03/08/2024" and len(r.amounts) == 2 for r in rows)
    assert [f.severity for f in printed.check_printed("s", "s.pdf", rows)] == ["pass", "pass"]
    assert money_value("-$12.00") == -12.0 and money_value("(12.00)") == -12.0
    assert money_value("$1,234.50") == 1234.5 and money_value("12.5") is None
    assert statement_rows(tmp_path / "missing.pdf") == []


# -- odd values never raise ------------------------------------------------------------------


_AMOUNT = st.one_of(
    st.none(),
    st.decimals(min_value=-1e7, max_value=1e7, allow_nan=False, allow_infinity=False, places=2).map(
        str
    ),
)
_DAY = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)))


@settings(max_examples=60, deadline=None)
@given(
    gross=_AMOUNT,
    net=_AMOUNT,
    total=_AMOUNT,
    lines=st.lists(
        st.tuples(st.sampled_from(["Social Security", "Medicare", "401(k)", ""]), _AMOUNT, _AMOUNT),
        max_size=4,
    ),
    pay_dates=st.lists(_DAY, min_size=1, max_size=3),
    frequency=st.sampled_from([None, "BIWEEKLY", "WEEKLY", "MONTHLY", "SOMETIMES"]),
    currency=st.sampled_from([None, "USD", "CAD"]),
)
def test_checks_never_raise_on_odd_stubs(
    gross, net, total, lines, pay_dates, frequency, currency
) -> None:  # type: ignore[no-untyped-def]
    from reviewer.review.checks import run_checks

    stubs = [
        stub(f"s{i}", gross=gross, net=net, deductions_total=total, deductions=lines,
             pay_date=day, frequency=frequency, currency=currency if i else "USD",
             gross_ytd=gross, net_ytd=net)
        for i, day in enumerate(pay_dates)
    ]  # fmt: skip
    rows = [txn(d, "-1.00", "X") for d in pay_dates if d is not None]
    found = run_checks(case(stubs=stubs, statements=[statement(rows, [])]), date(2026, 11, 30))
    assert all(f.severity is not None or f.not_applicable for f in found)
