"""What changed in a case's pay stubs between two payroll responses (after a refresh)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PayStubChange:
    """One difference a reviewer should see: a new or removed pay stub, or a changed amount."""

    kind: str  # "new", "removed", "changed"
    document_id: str
    pay_date: str | None
    description: str


def _stubs(payroll_body: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    stubs: dict[str, dict[str, Any]] = {}
    for item in (payroll_body or {}).get("items") or []:
        for income in item.get("payroll_income") or []:
            for stub in income.get("pay_stubs") or []:
                doc_id = stub.get("document_id")
                if isinstance(doc_id, str):
                    stubs[doc_id] = stub
    return stubs


def _figures(stub: dict[str, Any]) -> dict[str, Any]:
    period = stub.get("pay_period_details") or {}
    net = stub.get("net_pay") or {}
    return {
        "pay date": period.get("pay_date"),
        "gross earnings": period.get("gross_earnings"),
        "net pay": net.get("current_amount"),
        "net pay YTD": net.get("ytd_amount"),
    }


def _money(value: Any) -> str:
    return f"{value:,.2f}" if isinstance(value, int | float) else str(value)


def diff_pay_stubs(
    before: dict[str, Any] | None, after: dict[str, Any] | None
) -> list[PayStubChange]:
    """New, removed and changed pay stubs between two `/credit/payroll_income/get` bodies."""
    old, new = _stubs(before), _stubs(after)
    changes: list[PayStubChange] = []
    for doc_id, stub in new.items():
        figures = _figures(stub)
        if doc_id not in old:
            changes.append(
                PayStubChange(
                    "new",
                    doc_id,
                    figures["pay date"],
                    f"new pay stub dated {figures['pay date']}: gross "
                    f"{_money(figures['gross earnings'])}, net {_money(figures['net pay'])}",
                )
            )
            continue
        previous = _figures(old[doc_id])
        for name, value in figures.items():
            if previous[name] != value:
                changes.append(
                    PayStubChange(
                        "changed",
                        doc_id,
                        figures["pay date"],
                        f"pay stub dated {figures['pay date']}: {name} changed from "
                        f"{_money(previous[name])} to {_money(value)}",
                    )
                )
    for doc_id, stub in old.items():
        if doc_id not in new:
            date = _figures(stub)["pay date"]
            changes.append(PayStubChange("removed", doc_id, date, f"pay stub dated {date} gone"))
    return changes
