"""Payroll taxes on one pay stub: Social Security 6.2 % and Medicare 1.45 % of the taxable wage.

The taxable wage is gross pay less section 125 premiums (medical, dental, vision, FSA/HSA),
which Social Security and Medicare do not tax; a 401(k) deferral is taxed by both. Where the
stub prints no such premium line the two bounds meet at the rate times gross pay.
"""

from __future__ import annotations

from decimal import Decimal

from reviewer.review.checks.common import cents, number, printed, same_currency, stub_name, words
from reviewer.review.checks.taxes import MEDICARE_RATE, SOCIAL_SECURITY_RATE
from reviewer.review.findings import Finding, failed, not_applicable, passed
from reviewer.review.model import Deduction, PayStub

SOCIAL_SECURITY = "paystub.social_security_rate"
MEDICARE = "paystub.medicare_rate"

# deductions that lower the wage Social Security and Medicare are taken on (section 125 plans)
_PRE_FICA = ("medical", "dental", "vision", "health", "fsa", "hsa", "cafeteria", "section 125")


def _doc(stub: PayStub) -> tuple[str, ...]:
    return (stub.document.document_id,)


def _find(deductions: tuple[Deduction, ...], *names: str) -> Deduction | None:
    for line in deductions:
        text = (line.description or "").lower()
        if any(name in text for name in names):
            return line
    return None


def payroll_taxes(stub: PayStub) -> list[Finding]:
    """Social Security 6.2 % and Medicare 1.45 % of the taxable wage, where the stub shows them."""
    gross = stub.gross_earnings or stub.earnings_total
    out = []
    for check, rate, names, label in (
        (
            SOCIAL_SECURITY,
            SOCIAL_SECURITY_RATE,
            ("social security", "oasdi", "fica ss"),
            "Social Security",
        ),
        (MEDICARE, MEDICARE_RATE, ("medicare", "fica med"), "Medicare"),
    ):
        line = _find(stub.deductions, *names)
        if line is None or line.current is None or gross is None:
            why = (
                "the stub gives no gross pay"
                if gross is None
                else f"the stub shows no {label} line"
            )
            out.append(not_applicable(check, "arithmetic", why, document_ids=_doc(stub)))
            continue
        checked = same_currency(gross, line.current)
        if checked.problem:
            out.append(
                not_applicable(check, "arithmetic", checked.problem, document_ids=_doc(stub))
            )
            continue
        pre_fica = sum(
            (
                d.current.amount
                for d in stub.deductions
                if d.current is not None
                and any(k in (d.description or "").lower() for k in _PRE_FICA)
            ),
            Decimal(0),
        )
        highest = cents(gross.amount * rate)
        lowest = cents((gross.amount - pre_fica) * rate)
        tax = line.current.amount
        values = {
            "printed": number(line.current),
            "computed": number(highest),
            "lowest": number(lowest),
            "rate": float(rate),
            "wage": number(gross),
        }
        # above the wage base a stub rightly withholds no more Social Security: zero is fine
        if (lowest - Decimal("0.02")) <= tax <= (highest + Decimal("0.02")) or (
            check == SOCIAL_SECURITY and tax == 0
        ):
            out.append(
                passed(
                    check,
                    "arithmetic",
                    f"{label} withheld ({words(tax)}) is {float(rate * 100):g}% of the taxable wage "
                    f"on {stub_name(stub)}",
                    document_ids=_doc(stub),
                    values=values,
                )
            )
            continue
        out.append(
            failed(
                check,
                "arithmetic",
                "medium",
                f"{label} withheld is not {float(rate * 100):g}% of the wage: printed {words(tax)}, "
                f"computed {words(lowest)}"
                + (f" to {words(highest)}" if lowest != highest else "")
                + f" ({float(rate * 100):g}% of {words(gross)} gross) on {stub_name(stub)}",
                document_ids=_doc(stub),
                values=values,
                where=[(stub.document.document_id, 0, printed(line.current))],
            )
        )
    return out
