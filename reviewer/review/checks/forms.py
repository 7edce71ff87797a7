"""W-2 and 1099 arithmetic: payroll taxes against the wage boxes, totals, W-2 against stubs."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reviewer.review.checks.common import cents, number, printed, words
from reviewer.review.checks.names import same_company
from reviewer.review.checks.taxes import (
    SOCIAL_SECURITY_RATE,
    WAGE_BASE_SOURCE,
    medicare_due,
    wage_base,
)
from reviewer.review.findings import Finding, failed, not_applicable, passed
from reviewer.review.model import W2, Form1099, PayStub

W2_SOCIAL_SECURITY = "w2.social_security_tax"
W2_MEDICARE = "w2.medicare_tax"
W2_WAGE_BASE = "w2.wage_base"
W2_BOX1_BOX5 = "w2.box1_not_above_box5"
W2_VS_STUBS = "w2.vs_paystub_ytd"
F1099_MONTHLY = "form1099k.monthly_sum"

# annual totals are sums of per-period roundings: a cent per period, up to 52 periods and more
ANNUAL_SLACK = Decimal("1.00")


def _year(w2: W2) -> int | None:
    try:
        return int((w2.tax_year or "").strip()[:4])
    except ValueError:
        return None


def _name(w2: W2) -> str:
    return f"the {w2.tax_year or 'undated'} W-2 from {w2.employer.name or 'an unnamed employer'}"


def check_w2(w2: W2, stubs: Sequence[PayStub]) -> list[Finding]:
    """Every W-2 check."""
    return [
        social_security(w2),
        medicare(w2),
        within_wage_base(w2),
        box1_not_above_box5(w2),
        against_stubs(w2, stubs),
    ]


def social_security(w2: W2) -> Finding:
    """Box 4 = 6.2 % of box 3."""
    ids = (w2.document.document_id,)
    wages, tax = w2.social_security_wages, w2.social_security_tax_withheld
    if wages is None or tax is None:
        return not_applicable(
            W2_SOCIAL_SECURITY, "arithmetic", "box 3 or box 4 is not given", document_ids=ids
        )
    base = wage_base(_year(w2))
    taxed = min(wages.amount, base) if base is not None else wages.amount
    computed = cents(taxed * SOCIAL_SECURITY_RATE)
    values = {"printed": number(tax), "computed": number(computed), "box_3": number(wages),
              "difference": number(tax.amount - computed)}  # fmt: skip
    if abs(tax.amount - computed) <= ANNUAL_SLACK:
        return passed(
            W2_SOCIAL_SECURITY,
            "arithmetic",
            f"Box 4 ({words(tax)}) is 6.2% of box 3 ({words(wages)}) on {_name(w2)}",
            document_ids=ids,
            values=values,
        )
    return failed(
        W2_SOCIAL_SECURITY,
        "arithmetic",
        "high" if abs(tax.amount - computed) >= 50 else "medium",
        f"Social Security tax (box 4) is not 6.2% of box 3: printed {words(tax)}, computed "
        f"{words(computed)} on {_name(w2)}",
        document_ids=ids,
        values=values,
        where=[(w2.document.document_id, 0, printed(tax))],
    )


def medicare(w2: W2) -> Finding:
    """Box 6 = 1.45 % of box 5, plus 0.9 % of box 5 above $200,000."""
    ids = (w2.document.document_id,)
    wages, tax = w2.medicare_wages_and_tips, w2.medicare_tax_withheld
    if wages is None or tax is None:
        return not_applicable(
            W2_MEDICARE, "arithmetic", "box 5 or box 6 is not given", document_ids=ids
        )
    computed = cents(medicare_due(wages.amount))
    values = {"printed": number(tax), "computed": number(computed), "box_5": number(wages),
              "difference": number(tax.amount - computed)}  # fmt: skip
    if abs(tax.amount - computed) <= ANNUAL_SLACK:
        return passed(
            W2_MEDICARE,
            "arithmetic",
            f"Box 6 ({words(tax)}) is 1.45% of box 5 ({words(wages)}) on {_name(w2)}",
            document_ids=ids,
            values=values,
        )
    return failed(
        W2_MEDICARE,
        "arithmetic",
        "high" if abs(tax.amount - computed) >= 50 else "medium",
        f"Medicare tax (box 6) is not 1.45% of box 5 (plus 0.9% above 200,000.00): printed "
        f"{words(tax)}, computed {words(computed)} on {_name(w2)}",
        document_ids=ids,
        values=values,
        where=[(w2.document.document_id, 0, printed(tax))],
    )


def within_wage_base(w2: W2) -> Finding:
    """Box 3 is at most the year's Social Security wage base."""
    ids = (w2.document.document_id,)
    wages = w2.social_security_wages
    base = wage_base(_year(w2))
    if wages is None:
        return not_applicable(W2_WAGE_BASE, "arithmetic", "box 3 is not given", document_ids=ids)
    if base is None:
        return not_applicable(
            W2_WAGE_BASE,
            "arithmetic",
            f"no Social Security wage base known for tax year {w2.tax_year or '(none)'}",
            document_ids=ids,
        )
    values = {"printed": number(wages), "wage_base": number(base), "source": WAGE_BASE_SOURCE}
    if wages.amount <= base:
        return passed(
            W2_WAGE_BASE,
            "arithmetic",
            f"Box 3 ({words(wages)}) is within the {w2.tax_year} wage base ({words(base)})",
            document_ids=ids,
            values=values,
        )
    return failed(
        W2_WAGE_BASE,
        "arithmetic",
        "high",
        f"Social Security wages (box 3) exceed the {w2.tax_year} wage base: printed "
        f"{words(wages)}, the base is {words(base)} ({WAGE_BASE_SOURCE})",
        document_ids=ids,
        values=values,
        where=[(w2.document.document_id, 0, printed(wages))],
    )


def box1_not_above_box5(w2: W2) -> Finding:
    """Box 1 is usually at most box 5: pre-tax 401(k) lowers box 1 but not box 5."""
    ids = (w2.document.document_id,)
    box1, box5 = w2.wages_tips_other_comp, w2.medicare_wages_and_tips
    if box1 is None or box5 is None:
        return not_applicable(
            W2_BOX1_BOX5, "arithmetic", "box 1 or box 5 is not given", document_ids=ids
        )
    values = {
        "box_1": number(box1),
        "box_5": number(box5),
        "difference": number(box1.amount - box5.amount),
    }
    if box1.amount <= box5.amount + Decimal("0.01"):
        return passed(
            W2_BOX1_BOX5,
            "arithmetic",
            f"Box 1 ({words(box1)}) is not above box 5 ({words(box5)}) on {_name(w2)}",
            document_ids=ids,
            values=values,
        )
    return failed(
        W2_BOX1_BOX5,
        "arithmetic",
        "low",
        f"Box 1 wages ({words(box1)}) are above Medicare wages in box 5 ({words(box5)}) on "
        f"{_name(w2)}: unusual, because pre-tax 401(k) lowers box 1 but not box 5; it happens "
        "legitimately only with wages exempt from Medicare (some state and local government "
        "employees, clergy)",
        document_ids=ids,
        values=values,
        where=[(w2.document.document_id, 0, printed(box1))],
    )


def against_stubs(w2: W2, stubs: Sequence[PayStub]) -> Finding:
    """W-2 wages against the year-to-date gross of the same employer's last stub of that year."""
    ids = (w2.document.document_id,)
    year = _year(w2)
    same = [
        s
        for s in stubs
        if s.pay_date is not None
        and s.pay_date.year == year
        and same_company(s.employer.name, w2.employer.name)
        and s.earnings_total_ytd is not None
    ]
    box5 = w2.medicare_wages_and_tips or w2.wages_tips_other_comp
    if not same or box5 is None:
        why = (
            f"no pay stub of {w2.tax_year} from {w2.employer.name or 'this employer'}"
            if not same
            else "box 5 and box 1 are not given"
        )
        return not_applicable(W2_VS_STUBS, "reconciliation", why, document_ids=ids)
    last = max(same, key=lambda s: s.pay_date)  # type: ignore[arg-type, return-value]
    assert last.earnings_total_ytd is not None
    assert last.pay_date is not None
    ytd = last.earnings_total_ytd.amount
    # section 125 premiums leave box 5; nothing else takes wages out of it
    exempt = sum(
        (d.ytd.amount for d in last.deductions if d.ytd is not None
         and any(k in (d.description or "").lower() for k in ("medical", "dental", "vision", "health"))),
        Decimal(0),
    )  # fmt: skip
    pair = (w2.document.document_id, last.document.document_id)
    values = {
        "w2_wages": number(box5),
        "stub_ytd_gross": number(ytd),
        "pre_tax_benefits": number(exempt),
    }
    if box5.amount + ANNUAL_SLACK < ytd - exempt:
        return failed(
            W2_VS_STUBS,
            "reconciliation",
            "high",
            f"The W-2 reports less than the pay stubs had already paid: box 5 {words(box5)}, "
            f"year-to-date gross {words(ytd)} on the stub paid {last.pay_date:%m/%d/%Y} "
            f"({w2.employer.name})",
            document_ids=pair,
            values=values,
            where=[(w2.document.document_id, 0, printed(box5))],
        )
    return passed(
        W2_VS_STUBS,
        "reconciliation",
        f"W-2 wages ({words(box5)}) are consistent with the year-to-date gross "
        f"({words(ytd)}) of the last {w2.tax_year} stub from {w2.employer.name}",
        document_ids=pair,
        values=values,
    )


def check_1099(form: Form1099) -> list[Finding]:
    """1099-K: the monthly amounts add up to the gross amount (box 1a)."""
    ids = (form.document.document_id,)
    kind = (form.form_type or "").upper()
    gross = form.amount("gross_amount")
    if not (kind.endswith("_K") or kind.endswith("-K")) and not form.monthly:
        return [
            not_applicable(
                F1099_MONTHLY,
                "arithmetic",
                f"a {form.form_type or '1099'} has no monthly amounts (only a 1099-K does)",
                document_ids=ids,
            )
        ]
    if gross is None or not form.monthly:
        return [
            not_applicable(
                F1099_MONTHLY,
                "arithmetic",
                "the gross amount or the monthly amounts are not given",
                document_ids=ids,
            )
        ]
    summed = sum((m.amount for _, m in form.monthly), Decimal(0))
    months = len(form.monthly)
    values = {"printed": number(gross), "computed": number(summed), "months": months,
              "difference": number(gross.amount - summed)}  # fmt: skip
    if abs(gross.amount - summed) <= Decimal("0.01"):
        return [
            passed(
                F1099_MONTHLY,
                "arithmetic",
                f"The {months} monthly amounts add up to the gross amount ({words(gross)})",
                document_ids=ids,
                values=values,
            )
        ]
    return [
        failed(
            F1099_MONTHLY,
            "arithmetic",
            "high" if abs(gross.amount - summed) >= 50 else "medium",
            f"1099-K monthly amounts do not add up to the gross amount: printed {words(gross)}, "
            f"the {months} months sum to {words(summed)}",
            document_ids=ids,
            values=values,
            where=[(form.document.document_id, 0, printed(gross))],
        )
    ]
