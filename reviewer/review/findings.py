"""Findings: the results of Reviewer's own checks, beside Plaid's signals.

See reviewer/ARCHITECTURE.md, "Findings". A `Finding` is one check applied to one piece of
evidence: the check's stable id (`paystub.net_pay_arithmetic`), its category, a severity
(`high`/`medium`/`low` when it failed, `pass` when it held), a summary in plain words with the
numbers, the documents it concerns, where the values are printed (page and rectangle) and the
numbers themselves in `values`.

A check that cannot run (a value missing, a document without a text layer) is a finding too:
`severity` is None and `not_applicable` says why, so a reviewer sees what was not checked.

Every producer of findings (the evidence checks, the document forensics) returns these and
stores them the same way (`findings_store`), each under its own producer name and version.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

Category = Literal[
    "arithmetic",
    "reconciliation",
    "identity",
    "dates",
    "revision",
    "masking",
    "text_layer",
    "fonts",
    "metadata",
    "seen_before",
]
Severity = Literal["high", "medium", "low", "pass"]
Outcome = Literal["failed", "passed", "not_applicable"]
Value = str | int | float | None

CATEGORIES: tuple[str, ...] = get_args(Category)
SEVERITIES: tuple[str, ...] = get_args(Severity)
# higher is worse; "not applicable" ranks below a pass
SEVERITY_RANK = {"high": 3, "medium": 2, "low": 1, "pass": 0}

CATEGORY_TITLES = {
    "arithmetic": "Arithmetic",
    "reconciliation": "Reconciliation",
    "identity": "Identity",
    "dates": "Dates",
    "revision": "Earlier revisions",
    "masking": "Masked content",
    "text_layer": "Text layer",
    "fonts": "Fonts",
    "metadata": "Metadata",
    "seen_before": "Seen in other cases",
}


@dataclass(frozen=True)
class FindingLocation:
    """Where a finding's value is printed: PDF points, origin top-left, page 1-based."""

    document_id: str
    page: int
    rect: tuple[float, float, float, float]


@dataclass(frozen=True)
class Finding:
    """One result of one Reviewer check (never a Plaid risk signal)."""

    check: str  # stable id, e.g. "paystub.net_pay_arithmetic"
    category: Category
    severity: Severity | None  # None: the check could not run (see not_applicable)
    summary: str  # plain words with the numbers on both sides
    document_ids: tuple[str, ...] = ()
    locations: tuple[FindingLocation, ...] = ()
    values: Mapping[str, Value] = field(default_factory=dict)
    not_applicable: str | None = None  # why the check could not run
    # what the locator should search for to place the finding: (document_id, page or 0, text)
    where: tuple[tuple[str, int, str], ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown finding category {self.category!r}")
        if self.severity is None and not self.not_applicable:
            raise ValueError("a finding without a severity must say why it is not applicable")
        if self.severity is not None and self.severity not in SEVERITIES:
            raise ValueError(f"unknown finding severity {self.severity!r}")

    @property
    def outcome(self) -> Outcome:
        """Failed (high/medium/low), passed, or not applicable."""
        if self.severity is None:
            return "not_applicable"
        return "passed" if self.severity == "pass" else "failed"

    @property
    def rank(self) -> int:
        """How serious: 3 high .. 0 pass, -1 not applicable (for sorting, worst first)."""
        return -1 if self.severity is None else SEVERITY_RANK[self.severity]

    @property
    def failed(self) -> bool:
        """True for high, medium and low."""
        return self.outcome == "failed"

    def to_json(self) -> dict[str, Any]:
        """The `show --json` "findings" entry (reviewer/ARCHITECTURE.md), plus `not_applicable`."""
        return {
            "check": self.check,
            "category": self.category,
            "severity": self.severity,
            "summary": self.summary,
            "document_ids": list(self.document_ids),
            "locations": [
                {"document_id": loc.document_id, "page": loc.page, "rect": list(loc.rect)}
                for loc in self.locations
            ],
            "values": dict(self.values),
            "not_applicable": self.not_applicable,
        }

    def to_record(self) -> dict[str, Any]:
        """What the store keeps (the JSON entry plus the locator's search terms)."""
        record = self.to_json()
        record["where"] = [list(w) for w in self.where]
        return record


def passed(
    check: str,
    category: Category,
    summary: str,
    *,
    document_ids: Iterable[str] = (),
    values: Mapping[str, Value] | None = None,
    where: Iterable[tuple[str, int, str]] = (),
) -> Finding:
    """A check that held."""
    return Finding(
        check,
        category,
        "pass",
        summary,
        tuple(document_ids),
        values=dict(values or {}),
        where=tuple(where),
    )


def failed(
    check: str,
    category: Category,
    severity: Severity,
    summary: str,
    *,
    document_ids: Iterable[str] = (),
    values: Mapping[str, Value] | None = None,
    where: Iterable[tuple[str, int, str]] = (),
) -> Finding:
    """A check that did not hold, with the numbers in `values` and the words in `summary`."""
    if severity == "pass":
        raise ValueError("a failed check needs a severity of high, medium or low")
    return Finding(
        check,
        category,
        severity,
        summary,
        tuple(document_ids),
        values=dict(values or {}),
        where=tuple(where),
    )


def not_applicable(
    check: str,
    category: Category,
    reason: str,
    *,
    summary: str | None = None,
    document_ids: Iterable[str] = (),
) -> Finding:
    """A check that could not run, and why (a value missing, no text layer, ...)."""
    return Finding(
        check,
        category,
        None,
        summary or reason,
        tuple(document_ids),
        not_applicable=reason,
    )


def finding_from_record(data: Mapping[str, Any]) -> Finding | None:
    """A Finding from its stored dict; None for a record this version cannot read."""
    try:
        category = data["category"]
        severity = data.get("severity")
        if category not in CATEGORIES or (severity is not None and severity not in SEVERITIES):
            return None
        locations = tuple(
            FindingLocation(
                str(loc["document_id"]),
                int(loc["page"]),
                tuple(float(v) for v in loc["rect"]),  # type: ignore[arg-type]
            )
            for loc in data.get("locations") or []
        )
        where = tuple((str(d), int(p), str(t)) for d, p, t in data.get("where") or [])
        return Finding(
            check=str(data["check"]),
            category=category,
            severity=severity,
            summary=str(data.get("summary") or ""),
            document_ids=tuple(str(d) for d in data.get("document_ids") or []),
            locations=locations,
            values=dict(data.get("values") or {}),
            not_applicable=data.get("not_applicable"),
            where=where,
        )
    except (KeyError, TypeError, ValueError):
        return None


def worst_first(findings: Iterable[Finding]) -> list[Finding]:
    """Findings sorted high, medium, low, pass, not applicable (stable within a severity)."""
    return sorted(findings, key=lambda f: -f.rank)


def highest(findings: Iterable[Finding]) -> Finding | None:
    """The case's most serious failed finding, if any failed."""
    failing = [f for f in findings if f.failed]
    return worst_first(failing)[0] if failing else None


@dataclass(frozen=True)
class CategoryTally:
    """How many checks of one category failed, passed and could not run."""

    category: str
    failed: int
    passed: int
    not_applicable: int


def tally(findings: Iterable[Finding]) -> list[CategoryTally]:
    """Per category (in CATEGORIES order, only those present): failed / passed / not applicable."""
    counts: dict[str, Counter[str]] = {}
    for f in findings:
        counts.setdefault(f.category, Counter())[f.outcome] += 1
    return [
        CategoryTally(c, counts[c]["failed"], counts[c]["passed"], counts[c]["not_applicable"])
        for c in CATEGORIES
        if c in counts
    ]
