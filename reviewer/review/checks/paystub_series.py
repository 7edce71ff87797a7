"""Checks across the pay stubs of one employer: YTD progression, pay dates, periods, parties."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import timedelta

from reviewer.review.checks.common import (
    cents,
    day_words,
    differs,
    number,
    printed,
    stub_name,
    words,
)
from reviewer.review.checks.names import same_address, same_company, same_person
from reviewer.review.checks.taxes import PAY_INTERVAL_DAYS
from reviewer.review.findings import Finding, failed, not_applicable, passed
from reviewer.review.model import Money, PayStub

YTD_PROGRESSION = "paystubs.ytd_progression"
PAY_FREQUENCY = "paystubs.pay_frequency"
PERIODS = "paystubs.period_continuity"
SAME_PARTIES = "paystubs.same_parties"


def by_employer(stubs: Sequence[PayStub]) -> list[list[PayStub]]:
    """The stubs grouped by employer (tolerant name match), each group by pay date."""
    groups: list[list[PayStub]] = []
    for stub in stubs:
        for group in groups:
            if same_company(group[0].employer.name, stub.employer.name):
                group.append(stub)
                break
        else:
            groups.append([stub])
    for group in groups:
        group.sort(key=lambda s: (s.pay_date is None, s.pay_date or s.period_end))
    return groups


def check_series(stubs: Sequence[PayStub]) -> list[Finding]:
    """Every across-stubs check, per employer with two stubs or more."""
    out: list[Finding] = []
    for group in by_employer(stubs):
        employer = group[0].employer.name or "an unnamed employer"
        ids = tuple(s.document.document_id for s in group)
        if len(group) < 2:
            for check, category in (
                (YTD_PROGRESSION, "arithmetic"),
                (PAY_FREQUENCY, "dates"),
                (PERIODS, "dates"),
            ):
                out.append(
                    not_applicable(
                        check,
                        category,  # type: ignore[arg-type]
                        f"only one pay stub from {employer}: nothing to compare it with",
                        document_ids=ids,
                    )
                )
            continue
        out.extend(ytd_progression(group, employer))
        out.append(pay_frequency(group, employer))
        out.append(period_continuity(group, employer))
        out.append(same_parties(group, employer))
    return out


def _lines(stub: PayStub) -> dict[str, tuple[Money | None, Money | None]]:
    """name -> (current, ytd) of gross, net and each deduction line of a stub."""
    gross = stub.gross_earnings or stub.earnings_total
    lines: dict[str, tuple[Money | None, Money | None]] = {
        "gross pay": (gross, stub.earnings_total_ytd),
        "net pay": (stub.net_pay, stub.net_pay_ytd),
    }
    for d in stub.deductions:
        if d.description:
            lines[d.description.strip().lower()] = (d.current, d.ytd)
    return lines


def ytd_progression(group: list[PayStub], employer: str) -> list[Finding]:
    """YTD(n) = YTD(n-1) + current(n) for gross, net and each deduction, within a year."""
    out = []
    for prev, cur in itertools.pairwise(group):
        ids = (prev.document.document_id, cur.document.document_id)
        if prev.pay_date is None or cur.pay_date is None or prev.pay_date.year != cur.pay_date.year:
            out.append(
                not_applicable(
                    YTD_PROGRESSION,
                    "arithmetic",
                    f"{stub_name(prev)} and {stub_name(cur)} are not in the same year "
                    "(year-to-date restarts)",
                    document_ids=ids,
                )
            )
            continue
        before, after = _lines(prev), _lines(cur)
        compared, broken = 0, []
        for name, (current, ytd) in after.items():
            prior = before.get(name, (None, None))[1]
            if current is None or ytd is None or prior is None:
                continue
            if len({m.currency for m in (current, ytd, prior) if m.currency}) > 1:
                continue
            compared += 1
            expected = cents(prior.amount + current.amount)
            if differs(ytd.amount, expected):
                broken.append((name, prior.amount, current.amount, ytd.amount, expected))
        if not compared:
            out.append(
                not_applicable(
                    YTD_PROGRESSION,
                    "arithmetic",
                    "the stubs give no year-to-date amounts to compare",
                    document_ids=ids,
                )
            )
            continue
        if not broken:
            out.append(
                passed(
                    YTD_PROGRESSION,
                    "arithmetic",
                    f"Year-to-date amounts of {stub_name(cur)} are the previous stub's plus this "
                    f"period's ({compared} lines, {employer})",
                    document_ids=ids,
                    values={"lines": compared},
                )
            )
            continue
        name, prior_ytd, this_period, printed_ytd, expected = broken[0]
        more = f" (+{len(broken) - 1} more lines)" if len(broken) > 1 else ""
        out.append(
            failed(
                YTD_PROGRESSION,
                "arithmetic",
                "high" if abs(printed_ytd - expected) >= 50 else "medium",
                f"Year-to-date {name} does not follow from the previous stub: printed "
                f"{words(printed_ytd)}, computed {words(expected)} ({words(prior_ytd)} on {stub_name(prev)} "
                f"+ {words(this_period)} this period){more}",
                document_ids=ids,
                values={
                    "printed": number(printed_ytd),
                    "computed": number(expected),
                    "previous_ytd": number(prior_ytd),
                    "current": number(this_period),
                    "difference": number(printed_ytd - expected),
                },
                where=[(cur.document.document_id, 0, printed(printed_ytd))],
            )
        )
    return out


def pay_frequency(group: list[PayStub], employer: str) -> Finding:
    """Pay dates follow the stated pay frequency."""
    ids = tuple(s.document.document_id for s in group)
    frequency = next((s.pay_frequency for s in group if s.pay_frequency), None)
    bounds = PAY_INTERVAL_DAYS.get((frequency or "").upper())
    if bounds is None:
        return not_applicable(
            PAY_FREQUENCY,
            "dates",
            f"the stubs state no usable pay frequency ({frequency or 'none'})",
            document_ids=ids,
        )
    dated = [s for s in group if s.pay_date is not None]
    low, high = bounds
    for prev, cur in itertools.pairwise(dated):
        assert prev.pay_date is not None
        assert cur.pay_date is not None
        gap = (cur.pay_date - prev.pay_date).days
        # a missing stub in between doubles the gap: still the stated rhythm
        multiple = max(1, round(gap / ((low + high) / 2)))
        if not (low * multiple <= gap <= high * multiple):
            return failed(
                PAY_FREQUENCY,
                "dates",
                "medium",
                f"Pay dates do not follow the stated {frequency.lower()} frequency: "  # type: ignore[union-attr]
                f"{day_words(prev.pay_date)} to {day_words(cur.pay_date)} is {gap} days "
                f"({employer})",
                document_ids=(prev.document.document_id, cur.document.document_id),
                values={"days": gap, "expected_min": low, "expected_max": high},
                where=[(cur.document.document_id, 0, day_words(cur.pay_date))],
            )
    return passed(
        PAY_FREQUENCY,
        "dates",
        f"Pay dates of {len(dated)} stubs follow the stated {frequency.lower()} frequency "  # type: ignore[union-attr]
        f"({employer})",
        document_ids=ids,
    )


def period_continuity(group: list[PayStub], employer: str) -> Finding:
    """Consecutive pay periods neither overlap nor leave gaps (a missing stub excepted)."""
    ids = tuple(s.document.document_id for s in group)
    periods = [s for s in group if s.period_start is not None and s.period_end is not None]
    if len(periods) < 2:
        return not_applicable(
            PERIODS, "dates", "the stubs give fewer than two pay periods", document_ids=ids
        )
    periods.sort(key=lambda s: s.period_start)  # type: ignore[arg-type, return-value]
    for prev, cur in itertools.pairwise(periods):
        assert prev.period_end is not None
        assert cur.period_start is not None
        assert prev.period_start is not None
        if cur.period_start <= prev.period_end:
            return failed(
                PERIODS,
                "dates",
                "high",
                f"Pay periods overlap: {day_words(prev.period_start)}-{day_words(prev.period_end)}"
                f" and {day_words(cur.period_start)}-{day_words(cur.period_end)} ({employer})",
                document_ids=(prev.document.document_id, cur.document.document_id),
                values={"overlap_days": (prev.period_end - cur.period_start).days + 1},
                where=[(cur.document.document_id, 0, day_words(cur.period_start))],
            )
        length = (prev.period_end - prev.period_start).days + 1
        gap = (cur.period_start - prev.period_end - timedelta(days=1)).days
        if gap and gap % max(1, length) > 3:
            return failed(
                PERIODS,
                "dates",
                "medium",
                f"Pay periods leave a gap of {gap} days: {day_words(prev.period_end)} to "
                f"{day_words(cur.period_start)} ({employer})",
                document_ids=(prev.document.document_id, cur.document.document_id),
                values={"gap_days": gap},
                where=[(cur.document.document_id, 0, day_words(cur.period_start))],
            )
    return passed(
        PERIODS,
        "dates",
        f"Pay periods of {len(periods)} stubs neither overlap nor leave gaps ({employer})",
        document_ids=ids,
    )


def same_parties(group: list[PayStub], employer: str) -> Finding:
    """The same employee and employer name and address on every stub of the employer."""
    ids = tuple(s.document.document_id for s in group)
    first = group[0]
    for stub in group[1:]:
        for what, a, b, same in (
            ("employee name", first.employee.name, stub.employee.name, same_person),
            ("employer name", first.employer.name, stub.employer.name, same_company),
        ):
            if a and b and not same(a, b):
                return failed(
                    SAME_PARTIES,
                    "identity",
                    "high",
                    f"The {what} differs between stubs of {employer}: {a!r} on "
                    f"{stub_name(first)}, {b!r} on {stub_name(stub)}",
                    document_ids=(first.document.document_id, stub.document.document_id),
                    values={"first": a, "second": b},
                    where=[(stub.document.document_id, 0, b)],
                )
        for what, pa, pb in (
            ("employee address", first.employee.address, stub.employee.address),
            ("employer address", first.employer.address, stub.employer.address),
        ):
            if pa is not None and pb is not None and not same_address(pa, pb):
                return failed(
                    SAME_PARTIES,
                    "identity",
                    "medium",
                    f"The {what} differs between stubs of {employer}: {pa.one_line()!r} on "
                    f"{stub_name(first)}, {pb.one_line()!r} on {stub_name(stub)}",
                    document_ids=(first.document.document_id, stub.document.document_id),
                    values={"first": pa.one_line(), "second": pb.one_line()},
                    where=[(stub.document.document_id, 0, pb.street or "")],
                )
    return passed(
        SAME_PARTIES,
        "identity",
        f"The same employee and employer details on all {len(group)} stubs of {employer}",
        document_ids=ids,
    )
