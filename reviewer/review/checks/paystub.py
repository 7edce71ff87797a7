"""Arithmetic on one pay stub: net pay, earnings and deductions totals, hours x rate, YTD, taxes."""

from __future__ import annotations

from decimal import Decimal

from reviewer.review.checks.common import (
    cents,
    differs,
    number,
    printed,
    same_currency,
    severity_for,
    stub_name,
    total,
    words,
)
from reviewer.review.checks.paystub_taxes import payroll_taxes
from reviewer.review.findings import Finding, failed, not_applicable, passed
from reviewer.review.model import Deduction, Earning, PayStub

NET_PAY = "paystub.net_pay_arithmetic"
EARNINGS_SUM = "paystub.earnings_sum"
DEDUCTIONS_SUM = "paystub.deductions_sum"
HOURS_RATE = "paystub.hours_times_rate"
YTD_CURRENT = "paystub.ytd_not_below_current"


def _doc(stub: PayStub) -> tuple[str, ...]:
    return (stub.document.document_id,)


def check_paystub(stub: PayStub) -> list[Finding]:
    """Every single-stub check."""
    return [
        net_pay(stub),
        earnings_sum(stub),
        deductions_sum(stub),
        *hours_times_rate(stub),
        ytd_not_below_current(stub),
        *payroll_taxes(stub),
    ]


def deductions_total(stub: PayStub) -> tuple[Decimal | None, str]:
    """The stub's total deductions: its printed total, else the sum of its lines."""
    if stub.deductions_total is not None:
        return stub.deductions_total.amount, "printed total deductions"
    summed, _ = total(d.current for d in stub.deductions)
    return summed, "sum of the deductions lines"


def net_pay(stub: PayStub) -> Finding:
    """Net pay = gross pay - total deductions."""
    gross = stub.gross_earnings or stub.earnings_total
    if gross is None or stub.net_pay is None:
        missing = "gross pay" if gross is None else "net pay"
        return not_applicable(
            NET_PAY, "arithmetic", f"the stub gives no {missing}", document_ids=_doc(stub)
        )
    deductions, how = deductions_total(stub)
    if deductions is None:
        return not_applicable(
            NET_PAY, "arithmetic", "the stub gives no deductions", document_ids=_doc(stub)
        )
    checked = same_currency(gross, stub.net_pay)
    if checked.problem:
        return not_applicable(NET_PAY, "arithmetic", checked.problem, document_ids=_doc(stub))
    computed = cents(gross.amount - deductions)
    values = {
        "printed": number(stub.net_pay),
        "computed": number(computed),
        "gross": number(gross),
        "deductions": number(deductions),
        "difference": number(stub.net_pay.amount - computed),
    }
    if not differs(stub.net_pay.amount, computed):
        return passed(
            NET_PAY,
            "arithmetic",
            f"Net pay equals gross minus deductions on {stub_name(stub)}: "
            f"{words(gross)} - {words(deductions)} = {words(computed)}",
            document_ids=_doc(stub),
            values=values,
        )
    return failed(
        NET_PAY,
        "arithmetic",
        severity_for(stub.net_pay.amount - computed),
        f"Net pay does not equal gross minus deductions: printed {words(stub.net_pay)}, "
        f"computed {words(computed)} ({words(gross)} gross - {words(deductions)} {how}) "
        f"on {stub_name(stub)}",
        document_ids=_doc(stub),
        values=values,
        where=[(stub.document.document_id, 0, printed(stub.net_pay))],
    )


def earnings_sum(stub: PayStub) -> Finding:
    """The earnings lines add up to gross pay."""
    gross = stub.gross_earnings or stub.earnings_total
    lines = [e.current for e in stub.earnings if e.current is not None]
    if gross is None or not lines:
        why = "the stub gives no gross pay" if gross is None else "the stub lists no earnings lines"
        return not_applicable(EARNINGS_SUM, "arithmetic", why, document_ids=_doc(stub))
    summed, problem = total(lines)
    if summed is None or (
        gross.currency and any(m.currency not in (None, gross.currency) for m in lines)
    ):
        return not_applicable(
            EARNINGS_SUM,
            "arithmetic",
            problem or "the earnings lines and gross pay are in different currencies",
            document_ids=_doc(stub),
        )
    values = {
        "printed": number(gross),
        "computed": number(summed),
        "lines": len(lines),
        "difference": number(gross.amount - summed),
    }
    if not differs(gross.amount, summed):
        return passed(
            EARNINGS_SUM,
            "arithmetic",
            f"Earnings lines add up to gross pay ({words(gross)}) on {stub_name(stub)}",
            document_ids=_doc(stub),
            values=values,
        )
    return failed(
        EARNINGS_SUM,
        "arithmetic",
        severity_for(gross.amount - summed),
        f"Earnings lines do not add up to gross pay: printed {words(gross)}, the {len(lines)} "
        f"lines sum to {words(summed)} on {stub_name(stub)}",
        document_ids=_doc(stub),
        values=values,
        where=[(stub.document.document_id, 0, printed(gross))],
    )


def deductions_sum(stub: PayStub) -> Finding:
    """The deductions lines add up to the printed total deductions."""
    printed_total = stub.deductions_total
    lines = [d.current for d in stub.deductions if d.current is not None]
    if printed_total is None or not lines:
        why = (
            "the stub prints no total deductions"
            if printed_total is None
            else "the stub lists no deductions lines"
        )
        return not_applicable(DEDUCTIONS_SUM, "arithmetic", why, document_ids=_doc(stub))
    summed, problem = total(lines)
    if summed is None:
        return not_applicable(DEDUCTIONS_SUM, "arithmetic", problem or "", document_ids=_doc(stub))
    values = {
        "printed": number(printed_total),
        "computed": number(summed),
        "lines": len(lines),
        "difference": number(printed_total.amount - summed),
    }
    if not differs(printed_total.amount, summed):
        return passed(
            DEDUCTIONS_SUM,
            "arithmetic",
            f"Deductions lines add up to total deductions ({words(printed_total)}) "
            f"on {stub_name(stub)}",
            document_ids=_doc(stub),
            values=values,
        )
    return failed(
        DEDUCTIONS_SUM,
        "arithmetic",
        severity_for(printed_total.amount - summed),
        f"Deductions lines do not add up to total deductions: printed {words(printed_total)}, "
        f"the {len(lines)} lines sum to {words(summed)} on {stub_name(stub)}",
        document_ids=_doc(stub),
        values=values,
        where=[(stub.document.document_id, 0, printed(printed_total))],
    )


def hours_times_rate(stub: PayStub) -> list[Finding]:
    """Hourly lines: hours x rate = the line's current pay (hours are printed to 2 decimals)."""
    hourly = [e for e in stub.earnings if e.hours is not None and e.rate is not None]
    if not hourly:
        why = "no earnings line gives both hours and a rate (salaried pay)"
        return [not_applicable(HOURS_RATE, "arithmetic", why, document_ids=_doc(stub))]
    out = []
    for line in hourly:
        assert line.hours is not None
        assert line.rate is not None
        label = line.description or line.canonical_description or "an earnings line"
        if line.current is None:
            out.append(
                not_applicable(
                    HOURS_RATE, "arithmetic", f"{label} gives no amount", document_ids=_doc(stub)
                )
            )
            continue
        computed = cents(line.hours * line.rate)
        # hours rounded to 0.01 move the product by up to half a cent per unit of rate
        slack = cents(abs(line.rate) * Decimal("0.005")) + Decimal("0.01")
        values = {
            "printed": number(line.current),
            "computed": number(computed),
            "hours": float(line.hours),
            "rate": float(line.rate),
            "difference": number(line.current.amount - computed),
        }
        if not differs(line.current.amount, computed, slack):
            out.append(
                passed(
                    HOURS_RATE,
                    "arithmetic",
                    f"{label}: {line.hours} hours x {line.rate} = {words(line.current)} "
                    f"on {stub_name(stub)}",
                    document_ids=_doc(stub),
                    values=values,
                )
            )
        else:
            out.append(
                failed(
                    HOURS_RATE,
                    "arithmetic",
                    severity_for(line.current.amount - computed),
                    f"{label}: hours x rate does not give the amount: printed "
                    f"{words(line.current)}, {line.hours} x {line.rate} = {words(computed)} "
                    f"on {stub_name(stub)}",
                    document_ids=_doc(stub),
                    values=values,
                    where=[(stub.document.document_id, 0, printed(line.current))],
                )
            )
    return out


def ytd_not_below_current(stub: PayStub) -> Finding:
    """Year-to-date amounts are at least this period's (gross, net and every line)."""
    pairs: list[tuple[str, Decimal, Decimal]] = []
    gross_ytd = stub.earnings_total_ytd
    gross = stub.gross_earnings or stub.earnings_total
    if gross is not None and gross_ytd is not None:
        pairs.append(("gross pay", gross.amount, gross_ytd.amount))
    if stub.net_pay is not None and stub.net_pay_ytd is not None:
        pairs.append(("net pay", stub.net_pay.amount, stub.net_pay_ytd.amount))
    lines: list[Earning | Deduction] = [*stub.earnings, *stub.deductions]
    for line in lines:
        if line.current is not None and line.ytd is not None:
            pairs.append((line.description or "a line", line.current.amount, line.ytd.amount))
    if not pairs:
        return not_applicable(
            YTD_CURRENT,
            "arithmetic",
            "the stub gives no year-to-date amounts",
            document_ids=_doc(stub),
        )
    # a negative line (a refund, a correction) has a YTD that may be smaller in magnitude
    below = [(n, c, y) for n, c, y in pairs if c >= 0 and y >= 0 and cents(y) < cents(c)]
    if not below:
        return passed(
            YTD_CURRENT,
            "arithmetic",
            f"Year-to-date amounts are at least this period's ({len(pairs)} checked) "
            f"on {stub_name(stub)}",
            document_ids=_doc(stub),
            values={"checked": len(pairs)},
        )
    name, current, ytd = below[0]
    return failed(
        YTD_CURRENT,
        "arithmetic",
        "high",
        f"Year-to-date {name} is below this period's: YTD {words(ytd)}, current {words(current)} "
        f"on {stub_name(stub)}" + (f" (+{len(below) - 1} more)" if len(below) > 1 else ""),
        document_ids=_doc(stub),
        values={"current": number(current), "ytd": number(ytd), "lines": len(below)},
        where=[(stub.document.document_id, 0, printed(ytd))],
    )
