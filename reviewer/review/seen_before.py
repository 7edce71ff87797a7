"""Seen before: the same file, layout or identifiers in another case of the local store.

Forensics stores a fingerprint per document (`reviewer.review.forensics`, check
`seen_before.fingerprint`: SHA-256, layout hash, printed phones and account numbers). This
producer compares the snapshot's fingerprints with those of every other case's newest snapshot
and names the other case (label, applicant, when fetched, decision) for each match. Its version
follows the store: a fetch or a decision in any case makes every case's set stale, so the
matches are recomputed the next time a case is opened.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from reviewer.review.case_model import CaseSnapshot
from reviewer.review.decisions import decision_label
from reviewer.review.document_backend import DocumentBackend
from reviewer.review.findings import Finding, Value, failed, finding_from_record
from reviewer.review.forensics import FINGERPRINT_CHECK
from reviewer.store import CaseStore
from reviewer.store.records import CaseRow

SEEN_BEFORE_VERSION = "2"
# toll-free prefixes: banks' and payroll providers' service lines, not a person's or employer's
_TOLL_FREE = frozenset({"800", "833", "844", "855", "866", "877", "888"})


@dataclass(frozen=True)
class _Print:
    """One document's fingerprint, from its stored finding."""

    case: CaseRow | None
    document_id: str
    values: Mapping[str, object]

    def items(self, key: str) -> set[str]:
        raw = self.values.get(key)
        return {part.strip() for part in str(raw).split(",") if part.strip()} if raw else set()

    @property
    def title(self) -> str:
        return str(self.values.get("name") or self.values.get("document_type") or "a document")


class SeenBefore:
    """The findings producer matching this case's documents with other cases' documents."""

    name = "seen_before"

    def __init__(self, store: CaseStore) -> None:
        self._store = store

    @property
    def version(self) -> str:
        """Changes whenever any case is fetched or decided (its matches may have changed)."""
        return self._version()

    @version.setter
    def version(self, value: str) -> None:
        raise AttributeError("the seen-before version follows the store")

    def _version(self) -> str:
        state = ";".join(
            f"{r.id}:{r.fetched_at}:{r.decision}:{r.label}" for r in self._store.list_cases()
        )
        return f"{SEEN_BEFORE_VERSION}/{hashlib.sha256(state.encode()).hexdigest()[:16]}"

    def compute(self, snapshot: CaseSnapshot, backend: DocumentBackend) -> list[Finding]:
        """A finding per document of this case found in another case (the store only)."""
        del backend
        if snapshot.snapshot_id is None:
            return []
        mine = _prints(self._store, snapshot.snapshot_id, None)
        if not mine:
            return []
        others: list[_Print] = []
        for row in self._store.list_cases():
            if row.id == snapshot.case.id:
                continue
            history = self._store.snapshots(row.id)
            if history:
                newest = max(history, key=lambda s: s.id)
                others += _prints(self._store, newest.id, row)
        return [finding for doc in mine for finding in _matches(doc, others)]


def _prints(store: CaseStore, snapshot_id: int, case: CaseRow | None) -> list[_Print]:
    found = []
    for stored in store.findings(snapshot_id):
        for record in stored.records:
            finding = (
                finding_from_record(record) if record.get("check") == FINGERPRINT_CHECK else None
            )
            if finding is not None and finding.document_ids:
                found.append(_Print(case, finding.document_ids[0], dict(finding.values)))
    return found


def _other_case(other: _Print) -> str:
    case = other.case
    assert case is not None
    who = case.applicant_name or "unnamed applicant"
    when = (case.fetched_at or "")[:10] or "date unknown"
    return f"case {case.label or case.id} ({who}, fetched {when}, {decision_label(case.decision)})"


def _matches(mine: _Print, others: Iterable[_Print]) -> list[Finding]:
    found: list[Finding] = []
    ids = (mine.document_id,)
    same_layout: list[_Print] = []
    shared: dict[tuple[str, str], list[_Print]] = {}
    for other in others:
        base: dict[str, Value] = {
            "other_case": other.case.label if other.case else None,
            "other_applicant": other.case.applicant_name if other.case else None,
            "other_document_id": other.document_id,
            "other_decision": decision_label(other.case.decision) if other.case else None,
        }
        sha = mine.values.get("sha256")
        if sha and sha == other.values.get("sha256"):
            found.append(
                failed(
                    "seen_before.same_file",
                    "seen_before",
                    "high",
                    f"The same file (SHA-256 {str(sha)[:12]}…) was submitted in"
                    f" {_other_case(other)} as {other.title}",
                    document_ids=ids,
                    values=base | {"sha256": str(sha)},
                )
            )
            continue  # the same bytes: the same layout and numbers go without saying
        for key in ("accounts", "phones"):
            for value in sorted(mine.items(key) & other.items(key)):
                if key == "phones" and value[:3] in _TOLL_FREE:
                    continue  # a company's service line, printed on every customer's papers
                shared.setdefault((key, value), []).append(other)
        address = _norm(mine.values.get("employer_address"))
        if address and address == _norm(other.values.get("employer_address")):
            found.append(_same_employer_address(mine, other, base))
        template = mine.values.get("template")
        if (
            template
            and template == other.values.get("template")
            and mine.values.get("document_type") == other.values.get("document_type")
        ):
            same_layout.append(other)
    found += [_shared_number(mine, key, value, where) for (key, value), where in shared.items()]
    if same_layout:
        found.append(_same_layout(mine, same_layout))
    return found


def _shared_number(mine: _Print, key: str, value: str, others: list[_Print]) -> Finding:
    """One finding per printed number that other cases' documents print too, naming them."""
    masked = any(ch in "X*•" for ch in value)
    if key == "phones":
        check, words, severity = "seen_before.phone", "phone number", "medium"
        value_text = f"({value[:3]}) {value[3:6]}-{value[6:]}" if len(value) == 10 else value
    else:
        check, words, severity = "seen_before.account_number", "bank account number", "high"
        value_text = value
    places = "; ".join(f"{o.title} in {_other_case(o)}" for o in others[:5])
    more = f" and {len(others) - 5} more" if len(others) > 5 else ""
    return failed(
        check,
        "seen_before",
        "low" if masked else severity,  # type: ignore[arg-type]
        f"The {words} {value_text} is also printed on {places}{more}",
        document_ids=(mine.document_id,),
        values={
            key: value,
            "other_cases": ", ".join(sorted({o.case.label or o.case.id for o in others if o.case})),
        },
    )


def _same_layout(mine: _Print, others: list[_Print]) -> Finding:
    """One finding for every other case whose document has this one's page layout."""
    labels = sorted({o.case.label or o.case.id for o in others if o.case})
    shown = ", ".join(labels[:5]) + (f" and {len(labels) - 5} more" if len(labels) > 5 else "")
    return failed(
        "seen_before.same_template",
        "seen_before",
        "low",
        f"Same page layout as {len(others)} document(s) in {len(labels)} other case(s) ({shown}):"
        " one payroll provider's template, or one template filled in for several people",
        document_ids=(mine.document_id,),
        values={"template": str(mine.values.get("template")), "other_cases": ", ".join(labels)},
    )


def _norm(value: object) -> str:
    """An address compared without case, punctuation or spacing."""
    return "".join(ch for ch in str(value or "").lower() if ch.isalnum())


def _same_employer_address(mine: _Print, other: _Print, base: dict[str, Value]) -> Finding:
    """Another applicant's document gives the same employer address: under another employer's
    name that is a fabricated employer's tell; under the same name, a colleague (low)."""
    name, theirs = str(mine.values.get("employer") or ""), str(other.values.get("employer") or "")
    same_name = _norm(name) == _norm(theirs)
    if same_name:
        summary = f"{other.title} in {_other_case(other)} names the same employer at this address"
    else:
        summary = (
            f"The employer address {mine.values.get('employer_address')} ({name or 'unnamed'}) is"
            f" given for another employer, {theirs or 'unnamed'}, on {other.title} in"
            f" {_other_case(other)}"
        )
    return failed(
        "seen_before.employer_address",
        "seen_before",
        "low" if same_name else "medium",
        summary,
        document_ids=(mine.document_id,),
        values=base | {"employer_address": str(mine.values.get("employer_address"))},
    )
