"""Demo profiles built around bank data: statements, Bank Income, bank employment, Link sessions."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from reviewer.sandbox.bank_data import Source, bank_income, bank_statement, owner_block
from reviewer.sandbox.common import (
    AS_OF,
    GENERATED_AT,
    bank_employment_report,
    employment,
    session,
    stable_id,
)
from reviewer.sandbox.model import DocSpec, Profile, RiskSpec, SignalSpec, StatementItem, TamperSpec
from reviewer.sandbox.payroll_data import Party

BANK = ("ins_116301", "First Platypus Bank")
START_90 = AS_OF - timedelta(days=89)

# The 32-page statement: the balance shown on this page was altered.
EDITED_PAGE = 17
STATEMENT_PAGES = 32
# twelve monthly periods, every row a real transaction of the JSON (nothing padded)
STATEMENT_START, STATEMENT_END = date(2025, 11, 1), date(2026, 10, 31)
STATEMENT_ROWS_PER_DAY = 4


# The long statement (not a demo case; `long_statement_user`, for the benchmarks): ten times
# the rows a day over the same year, the edit deep inside it.
LONG_STATEMENT_PAGES = 300
LONG_STATEMENT_EDITED_PAGE = 271
LONG_STATEMENT_ROWS_PER_DAY = 42


def edited_statement(key: str, token_user: str) -> Profile:
    """Priya Raman: 32-page statement where one page's balance was raised by $9,000."""
    return _edited_statement(key, STATEMENT_PAGES, EDITED_PAGE, STATEMENT_ROWS_PER_DAY)


def long_edited_statement(key: str, token_user: str) -> Profile:
    """Priya Raman again, a 300-page statement (every row a transaction of the JSON), one
    balance on page 271 raised by $9,000."""
    return _edited_statement(
        key, LONG_STATEMENT_PAGES, LONG_STATEMENT_EDITED_PAGE, LONG_STATEMENT_ROWS_PER_DAY
    )


def _edited_statement(key: str, pages: int, edited_page: int, rows_per_day: int) -> Profile:
    p = Profile()
    priya = Party("Priya Raman", "31 Orchard Hill Rd", "Edison", "NJ", "08817")
    acct = stable_id(key, "acct")
    stmt = bank_statement(
        document_id=stable_id(key, "stmt"),
        owner=priya,
        bank_name="First Platypus Bank",
        account_id=acct,
        account_number="XXXXXX7730",
        start=STATEMENT_START,
        days=(STATEMENT_END - STATEMENT_START).days + 1,
        opening_balance=6_412.55,
        salary=2_874.31,
        per_day=rows_per_day,
        name="statement_nov2025_oct2026.pdf",
    )
    stmt["document_metadata"]["page_count"] = pages
    item = StatementItem(stable_id(key, "item"), [stmt])
    p.statement_items.append(item)
    # The edit is located once the document exists (see documents.locate_statement_edit).
    p.add_doc(
        DocSpec(
            stmt["document_id"],
            "statement",
            stmt,
            min_pages=pages,
            tampers=(TamperSpec("", "", edited_page),),
        )
    )
    p.sessions.append(
        session(key, 1, "2026-11-08T10:15:00Z", item_id=item.item_id, documents=(0, 0, 1, 0))
    )
    return p


def statement_risk(stmt: dict[str, Any], original: str, replacement: str, page: int) -> RiskSpec:
    """Risk evaluation of the edited statement, once the altered figure is known."""
    exp = replacement.replace("$", "").replace(",", "")
    act = original.replace("$", "").replace(",", "")
    return RiskSpec(
        document_id=stmt["document_id"],
        document_name=stmt["document_metadata"]["name"],
        document_type="BANK_STATEMENT",
        status="PROCESSING_COMPLETE",
        risk_score=88,
        signals=[
            SignalSpec(
                "OVERLAID_TEXT",
                "balance",
                exp,
                act,
                "A balance was covered and retyped; running balances no longer reconcile",
                page,
            ),
            SignalSpec(
                "FONT",
                "balance",
                exp,
                None,
                "The balance is set in a font used nowhere else in the statement",
                page,
            ),
        ],
    )


def _income_profile(
    key: str,
    person: Party,
    sources: list[Source],
    *,
    employers: list[tuple[str, str, str]] | None = None,
    bank_income_status: str = "APPROVED",
) -> Profile:
    p = Profile()
    item_id, acct = stable_id(key, "bank-item"), stable_id(key, "bank-acct")
    p.bank_income.append(
        bank_income(
            bank_income_id=stable_id(key, "bank-income"),
            item_id=item_id,
            account_id=acct,
            owner=person,
            institution=BANK,
            sources=sources,
            generated=GENERATED_AT,
            start=START_90,
            end=AS_OF,
        )
    )
    if employers:
        p.bank_employment_reports.append(
            bank_employment_report(key, item_id, acct, owner_block(person), employers)
        )
    p.sessions.append(
        session(
            key,
            1,
            "2026-11-13T09:30:00Z",
            item_id=item_id,
            bank_income=bank_income_status,
            bank_employment="APPROVED" if employers else None,
        )
    )
    p.docs[stable_id(key, "bank-income-report")] = DocSpec(
        stable_id(key, "bank-income-report"), "bank_income_report", p.bank_income[0]
    )
    return p


def _d(days_ago: int) -> date:
    return AS_OF - timedelta(days=days_ago)


def five_sources(key: str, token_user: str) -> Profile:
    """Marcus Bell: salary, rental income, child support, rideshare and interest over 90 days."""
    person = Party("Marcus Bell", "2209 Peachtree Walk", "Atlanta", "GA", "30309")
    return _income_profile(
        key,
        person,
        [
            Source("GEORGIA POWER CO PAYROLL", "SALARY", "BIWEEKLY", 2_615.40, _d(84), _d(0)),
            Source("ZELLE FROM T JOHNSON RENT", "RENTAL", "MONTHLY", 1_350.00, _d(75), _d(0)),
            Source("GA DHS CHILD SUPPORT", "CHILD_SUPPORT", "MONTHLY", 412.00, _d(80), _d(0)),
            Source("LYFT DRIVER PAYOUT", "GIG_ECONOMY", "WEEKLY", 188.25, _d(88), _d(2)),
            Source("INTEREST PAYMENT", "BANK_INTEREST", "MONTHLY", 3.18, _d(72), _d(0)),
        ],
        employers=[("Georgia Power Co", _d(84).isoformat(), _d(0).isoformat())],
    )


def many_employers(key: str, token_user: str) -> Profile:
    """Tyler Brooks: seven different payroll depositors in 90 days (job hopping or staffing churn)."""
    person = Party("Tyler Brooks", "640 W Fulton St", "Chicago", "IL", "60661")
    names = [
        "ACME STAFFING",
        "WAREHOUSE PROS INC",
        "CITYLINE MOVERS",
        "GREENLEAF LANDSCAPING",
        "METRO EVENTS STAFF",
        "NORTHSIDE CATERING",
        "QUICKSHIP LOGISTICS",
    ]
    sources = [
        Source(
            f"{n} PAYROLL", "SALARY", "WEEKLY", 610.00 + 37.5 * i, _d(89 - 12 * i), _d(80 - 12 * i)
        )
        for i, n in enumerate(names)
    ]
    employers = [
        (n.title(), s.first.isoformat(), s.last.isoformat())
        for n, s in zip(names, sources, strict=True)
    ]
    return _income_profile(key, person, sources, employers=employers)


def gig_worker(key: str, token_user: str) -> Profile:
    """Sofia Ramirez: DoorDash, Uber and Instacart payouts, no W-2 employer."""
    person = Party("Sofia Ramirez", "1800 E 4th St", "Austin", "TX", "78702")
    return _income_profile(
        key,
        person,
        [
            Source("DOORDASH DASHER PAYOUT", "GIG_ECONOMY", "WEEKLY", 342.18, _d(89), _d(1)),
            Source("UBER PAYMENTS DRIVER", "GIG_ECONOMY", "WEEKLY", 281.64, _d(86), _d(3)),
            Source("INSTACART SHOPPER PAY", "GIG_ECONOMY", "BIWEEKLY", 226.90, _d(82), _d(5)),
        ],
    )


def social_security(key: str, token_user: str) -> Profile:
    """Harold Jensen, 71: Social Security retirement benefit and a small pension, monthly."""
    person = Party("Harold Jensen", "12 Lakeshore Dr", "Duluth", "MN", "55802")
    return _income_profile(
        key,
        person,
        [
            Source("SSA TREAS 310 XXSOC SEC", "RETIREMENT", "MONTHLY", 2_187.00, _d(84), _d(23)),
            Source("MN STATE RETIREMENT PENSION", "RETIREMENT", "MONTHLY", 846.52, _d(88), _d(27)),
        ],
    )


def employment_and_history(key: str, token_user: str) -> Profile:
    """Olivia Chen: payroll employment, bank employment, and a Link history of every result kind."""
    person = Party("Olivia Chen", "455 Pine St", "Seattle", "WA", "98101")
    p = _income_profile(
        key,
        person,
        [
            Source("CASCADE SOFTWARE PAYROLL", "SALARY", "SEMI_MONTHLY", 4_120.55, _d(89), _d(0)),
        ],
        employers=[
            ("Cascade Software", _d(89).isoformat(), _d(0).isoformat()),
            ("Rainier Coffee Roasters", _d(89).isoformat(), _d(60).isoformat()),
        ],
    )
    p.employment_items.append(
        employment(
            stable_id(key, "payroll-item"),
            stable_id(key, "payroll-acct"),
            "Cascade Software",
            "Senior QA Engineer",
            "2022-06-13",
            last_paystub=_d(13).isoformat(),
        )
    )
    p.employment_items.append(
        employment(
            stable_id(key, "payroll-item-2"),
            stable_id(key, "payroll-acct-2"),
            "Rainier Coffee Roasters",
            "Shift Lead",
            "2019-01-07",
            end="2022-05-27",
            employee_type="PART_TIME",
            last_paystub="2022-05-27",
        )
    )
    item = stable_id(key, "bank-item")
    p.sessions += [
        session(key, 2, "2026-10-01T18:00:00Z", payroll=(3, 1)),
        session(key, 3, "2026-10-03T18:05:00Z", documents=(2, 1, 1, 0)),
        session(
            key,
            4,
            "2026-10-05T11:00:00Z",
            item_id=item,
            bank_income="NO_DEPOSITS_FOUND",
            bank_employment="NO_EMPLOYERS_FOUND",
        ),
        session(
            key,
            5,
            "2026-10-06T11:00:00Z",
            item_id=item,
            bank_income="USER_REPORTED_NO_INCOME",
            bank_employment="EMPLOYER_NOT_LISTED",
        ),
        session(key, 6, "2026-10-07T11:00:00Z", bank_income="STARTED", bank_employment="STARTED"),
        session(
            key,
            7,
            "2026-10-08T11:00:00Z",
            item_id=item,
            bank_income="INTERNAL_ERROR",
            bank_employment="INTERNAL_ERROR",
        ),
        session(
            key,
            8,
            "2026-10-09T11:00:00Z",
            errors=[
                {
                    "error_type": "ITEM_ERROR",
                    "error_code": "INVALID_CREDENTIALS",
                    "error_message": "the provided credentials were not correct",
                    "display_message": "The provided credentials were not correct. Please try again.",
                }
            ],
        ),
    ]
    _earlier_report_and_warnings(key, person, p)
    p.refresh_outcome = "NOT_FOUND"
    return p


RELINK_ITEM = ("ins_127989", "Rainier Credit Union")


def _warning(kind: str, code: str, item_id: str) -> dict[str, Any]:
    return {
        "warning_type": kind,
        "warning_code": code,
        "cause": {
            # the spec's CreditBankIncomeErrorType names the condition itself
            "error_type": "ITEM_LOGIN_REQUIRED",
            "error_code": "ITEM_LOGIN_REQUIRED",
            "error_message": "the login details of this item have changed (credentials, MFA, or "
            "required user action) and a user login is required to update this information",
            "display_message": f"{RELINK_ITEM[1]} needs the applicant to log in again.",
            "item_id": item_id,
        },
    }


def _earlier_report_and_warnings(key: str, person: Party, p: Profile) -> None:
    """Olivia Chen: a report from September too (Plaid lists it second), and a second bank whose
    login expired, so both the newest bank income and the bank employment report warn."""
    earlier_end = AS_OF - timedelta(days=60)
    p.bank_income.append(
        bank_income(
            bank_income_id=stable_id(key, "bank-income-earlier"),
            item_id=stable_id(key, "bank-item"),
            account_id=stable_id(key, "bank-acct"),
            owner=person,
            institution=BANK,
            sources=[
                Source(
                    "CASCADE SOFTWARE PAYROLL",
                    "SALARY",
                    "SEMI_MONTHLY",
                    4_120.55,
                    earlier_end - timedelta(days=89),
                    earlier_end,
                )
            ],
            generated="2026-09-14T09:12:44Z",
            start=earlier_end - timedelta(days=89),
            end=earlier_end,
        )
    )
    stale_item = stable_id(key, "bank-item-relink")
    p.bank_income[0]["warnings"] = [
        _warning("BANK_INCOME_WARNING", "TRANSACTIONS_UNAVAILABLE", stale_item)
    ]
    for report in p.bank_employment_reports:
        report["warnings"] = [
            _warning("BANK_EMPLOYMENT_WARNING", "TRANSACTIONS_UNAVAILABLE", stale_item)
        ]
