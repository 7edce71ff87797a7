"""Bank statement uploads, bank income and bank employment responses -> the case model."""

from __future__ import annotations

from reviewer.plaid import models as m
from reviewer.review.model.bank import (
    AccountOwner,
    BankAccount,
    BankIncomeItem,
    BankIncomeReport,
    BankIncomeSummary,
    BankStatement,
    HistoricalSummary,
    IncomeSource,
    IncomeTransaction,
    StatementAccount,
    StatementItem,
    StatementPeriod,
    StatementTransaction,
)
from reviewer.review.model.build_payroll import document_info
from reviewer.review.model.employment import (
    BankEmployment,
    BankEmploymentItem,
    BankEmploymentReport,
)
from reviewer.review.model.parse import STATEMENTS
from reviewer.review.model.values import (
    ErrorCause,
    Money,
    PlaidWarning,
    address,
    clean_text,
    direction_of,
    money,
    to_date,
)


def _statement(st: m.CreditBankStatementUploadObject, item_id: str | None) -> BankStatement:
    document = document_info(
        st.document_id, st.document_metadata, item_id, "BANK_STATEMENT", STATEMENTS, "upload"
    )
    accounts = []
    for a in st.bank_accounts:
        if a is None:
            continue
        owner = a.owner
        owner_address = owner.address if owner else None
        accounts.append(
            StatementAccount(
                account_id=clean_text(a.account_id),
                name=clean_text(a.name),
                bank_name=clean_text(a.bank_name),
                account_type=clean_text(a.account_type),
                account_number=clean_text(a.account_number),
                owner_name=clean_text(owner.name) if owner else None,
                owner_address=address(
                    owner_address.street,
                    owner_address.city,
                    owner_address.region,
                    owner_address.postal_code,
                    owner_address.country,
                )
                if owner_address
                else None,
                periods=tuple(
                    StatementPeriod(
                        start=to_date(p.start_date),
                        end=to_date(p.end_date),
                        starting_balance=money(p.starting_balance),
                        ending_balance=money(p.ending_balance),
                    )
                    for p in a.periods
                    if p is not None
                ),
            )
        )
    transactions = []
    for t in st.transactions:
        if t is None:
            continue
        amount = money(t.amount)
        transactions.append(
            StatementTransaction(
                document_id=document.document_id,
                account_id=clean_text(t.account_id),
                date=to_date(t.date),
                description=clean_text(t.original_description),
                amount=amount,
                direction=direction_of(amount),
            )
        )
    return BankStatement(document, tuple(accounts), tuple(transactions))


def statement_items(
    response: m.CreditBankStatementsUploadsGetResponse | None,
) -> tuple[StatementItem, ...]:
    """Every bank statement upload item with its statements and processing status."""
    if response is None:
        return ()
    out = []
    for item in response.items:
        if item is None:
            continue
        item_id = clean_text(item.item_id)
        out.append(
            StatementItem(
                item_id=item_id,
                processing_status=clean_text(item.status.processing_status)
                if item.status
                else None,
                updated_at=clean_text(item.updated_at),
                statements=tuple(_statement(s, item_id) for s in item.bank_statements if s),
            )
        )
    return tuple(out)


def _owner(o: m.Owner) -> AccountOwner:
    addresses = []
    for a in o.addresses:
        data = a.data if a else None
        if data is None:
            continue
        built = address(data.street, data.city, data.region, data.postal_code, data.country)
        if built is not None:
            addresses.append(built)
    return AccountOwner(
        names=tuple(n for n in (clean_text(x) for x in o.names) if n),
        addresses=tuple(addresses),
        emails=tuple(e for e in (clean_text(x.data) for x in o.emails if x) if e),
        phone_numbers=tuple(p for p in (clean_text(x.data) for x in o.phone_numbers if x) if p),
    )


def bank_account(a: m.CreditBankIncomeAccount) -> BankAccount:
    """A linked account with its owners."""
    return BankAccount(
        account_id=clean_text(a.account_id),
        mask=clean_text(a.mask),
        name=clean_text(a.name),
        official_name=clean_text(a.official_name),
        account_type=clean_text(a.type),
        subtype=clean_text(a.subtype),
        owners=tuple(_owner(o) for o in a.owners if o is not None),
    )


def _transaction(t: m.CreditBankIncomeTransaction) -> IncomeTransaction:
    return IncomeTransaction(
        transaction_id=clean_text(t.transaction_id),
        date=to_date(t.date),
        name=clean_text(t.name),
        original_description=clean_text(t.original_description),
        amount=money(t.amount, t.iso_currency_code, t.unofficial_currency_code),
        pending=t.pending,
        check_number=clean_text(t.check_number),
    )


def _totals(values: list[m.CreditAmountWithCurrency]) -> tuple[Money, ...]:
    out = []
    for v in values:
        if v is None:
            continue
        amount = money(v.amount, v.iso_currency_code, v.unofficial_currency_code)
        if amount is not None:
            out.append(amount)
    return tuple(out)


def _history(h: m.CreditBankIncomeHistoricalSummary) -> HistoricalSummary:
    return HistoricalSummary(
        start=to_date(h.start_date),
        end=to_date(h.end_date),
        total=money(h.total_amount, h.iso_currency_code, h.unofficial_currency_code),
        totals=_totals(h.total_amounts),
        transactions=tuple(_transaction(t) for t in h.transactions if t is not None),
    )


def _source(s: m.CreditBankIncomeSource) -> IncomeSource:
    return IncomeSource(
        income_source_id=clean_text(s.income_source_id),
        description=clean_text(s.income_description),
        category=clean_text(s.income_category),
        account_id=clean_text(s.account_id),
        start=to_date(s.start_date),
        end=to_date(s.end_date),
        pay_frequency=clean_text(s.pay_frequency),
        total=money(s.total_amount),
        transaction_count=s.transaction_count,
        history=tuple(_history(h) for h in s.historical_summary if h is not None),
    )


def warning(w: m.CreditBankIncomeWarning | m.CreditBankEmploymentWarning) -> PlaidWarning:
    """A report warning with its cause."""
    c = w.cause
    cause = (
        ErrorCause(
            error_type=clean_text(c.error_type),
            error_code=clean_text(c.error_code),
            error_message=clean_text(c.error_message),
            display_message=clean_text(c.display_message),
            item_id=clean_text(c.item_id),
        )
        if c is not None
        else None
    )
    return PlaidWarning(clean_text(w.warning_type), clean_text(w.warning_code), cause)


def _summary(s: m.CreditBankIncomeSummary | None) -> BankIncomeSummary | None:
    if s is None:
        return None
    return BankIncomeSummary(
        total=money(s.total_amount, s.iso_currency_code, s.unofficial_currency_code),
        totals=_totals(s.total_amounts),
        start=to_date(s.start_date),
        end=to_date(s.end_date),
        income_sources_count=s.income_sources_count,
        income_categories_count=s.income_categories_count,
        income_transactions_count=s.income_transactions_count,
        history=tuple(_history(h) for h in s.historical_summary if h is not None),
    )


def bank_income_reports(
    response: m.CreditBankIncomeGetResponse | None,
) -> tuple[BankIncomeReport, ...]:
    """Every bank income report, in Plaid's order (newest first)."""
    if response is None:
        return ()
    return tuple(
        BankIncomeReport(
            bank_income_id=clean_text(r.bank_income_id),
            generated_time=clean_text(r.generated_time),
            days_requested=r.days_requested,
            items=tuple(
                BankIncomeItem(
                    item_id=clean_text(i.item_id),
                    institution_id=clean_text(i.institution_id),
                    institution_name=clean_text(i.institution_name),
                    last_updated_time=clean_text(i.last_updated_time),
                    accounts=tuple(bank_account(a) for a in i.bank_income_accounts if a),
                    sources=tuple(_source(s) for s in i.bank_income_sources if s),
                )
                for i in r.items
                if i is not None
            ),
            summary=_summary(r.bank_income_summary),
            warnings=tuple(warning(w) for w in r.warnings if w is not None),
        )
        for r in response.bank_income
        if r is not None
    )


def bank_employment_reports(
    response: m.CreditBankEmploymentGetResponse | None,
) -> tuple[BankEmploymentReport, ...]:
    """Every bank employment report."""
    if response is None:
        return ()
    return tuple(
        BankEmploymentReport(
            report_id=clean_text(r.bank_employment_report_id),
            generated_time=clean_text(r.generated_time),
            days_requested=r.days_requested,
            items=tuple(
                BankEmploymentItem(
                    item_id=clean_text(i.item_id),
                    institution_id=clean_text(i.institution_id),
                    institution_name=clean_text(i.institution_name),
                    last_updated_time=clean_text(i.last_updated_time),
                    employments=tuple(
                        BankEmployment(
                            bank_employment_id=clean_text(e.bank_employment_id),
                            account_id=clean_text(e.account_id),
                            employer=clean_text(e.employer.name) if e.employer else None,
                            earliest_deposit=to_date(e.earliest_deposit_date),
                            latest_deposit=to_date(e.latest_deposit_date),
                        )
                        for e in i.bank_employments
                        if e is not None
                    ),
                    accounts=tuple(bank_account(a) for a in i.bank_employment_accounts if a),
                )
                for i in r.items
                if i is not None
            ),
            warnings=tuple(warning(w) for w in r.warnings if w is not None),
        )
        for r in response.bank_employment_reports
        if r is not None
    )
