"""What changed in a case's pay stubs between two snapshots (after a payroll refresh)."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.review.model import CaseModel, Money, PayStub


@dataclass(frozen=True)
class PayStubChange:
    """One difference a reviewer should see: a new or removed pay stub, or a changed amount."""

    kind: str  # "new", "removed", "changed"
    document_id: str
    pay_date: str | None
    description: str


def _stubs(model: CaseModel | None) -> dict[str, PayStub]:
    if model is None:
        return {}
    return {stub.document.document_id: stub for stub in model.pay_stubs}


def _figures(stub: PayStub) -> dict[str, object]:
    return {
        "pay date": stub.pay_date.isoformat() if stub.pay_date else None,
        "gross earnings": stub.gross_earnings,
        "net pay": stub.net_pay,
        "net pay YTD": stub.net_pay_ytd,
    }


def _money(value: object) -> str:
    return f"{value.amount:,.2f}" if isinstance(value, Money) else str(value)


def diff_pay_stubs(before: CaseModel | None, after: CaseModel | None) -> list[PayStubChange]:
    """New, removed and changed pay stubs between two snapshots' case models."""
    old, new = _stubs(before), _stubs(after)
    changes: list[PayStubChange] = []
    for doc_id, stub in new.items():
        figures = _figures(stub)
        date = stub.pay_date.isoformat() if stub.pay_date else None
        if doc_id not in old:
            changes.append(
                PayStubChange(
                    "new",
                    doc_id,
                    date,
                    f"new pay stub dated {date}: gross "
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
                        date,
                        f"pay stub dated {date}: {name} changed from "
                        f"{_money(previous[name])} to {_money(value)}",
                    )
                )
    for doc_id, stub in old.items():
        if doc_id not in new:
            gone = stub.pay_date.isoformat() if stub.pay_date else None
            changes.append(PayStubChange("removed", doc_id, gone, f"pay stub dated {gone} gone"))
    return changes
