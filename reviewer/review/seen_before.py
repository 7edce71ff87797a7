"""Seen before: the same file, layout or identifiers in another case of the local store.

Forensics stores a fingerprint per document (`reviewer.review.forensics`, check
`seen_before.fingerprint`: SHA-256, layout hash, the printed amounts' hash, printed phones and
account numbers, the applicant the document names). A shared layout alone is what every
customer of one payroll provider (and every demo stub) has in common, so it is no finding; the
same layout with the same figures under another applicant's name is a copied document. This
producer compares the snapshot's fingerprints with those of every other case's newest snapshot
and names the other case (label, applicant, when fetched, decision) for each match. Its version
follows the store: a fetch or a decision in any case makes every case's set stale, so the
matches are recomputed the next time a case is opened.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reviewer.review.case_model import CaseSnapshot
from reviewer.review.decisions import decision_label
from reviewer.review.findings import Finding, Value, failed, finding_from_record
from reviewer.review.forensics import FINGERPRINT_CHECK
from reviewer.review.producer_versions import SEEN_BEFORE_VERSION as SEEN_BEFORE_VERSION
from reviewer.review.producer_versions import seen_before_version
from reviewer.store import CaseStore
from reviewer.store.records import CaseRow

if TYPE_CHECKING:  # `reviewer show` asks this producer its version only: no backend needed
    from reviewer.review.document_backend import DocumentBackend

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

    @property
    def applicant(self) -> str | None:
        """The applicant the document names, else its case's applicant."""
        named = self.values.get("applicant")
        if named:
            return str(named)
        return self.case.applicant_name if self.case else None


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
        return seen_before_version(self._store)

    def compute(self, snapshot: CaseSnapshot, backend: DocumentBackend) -> list[Finding]:
        """A finding per document of this case found in another case (the store only)."""
        del backend
        if snapshot.snapshot_id is None:
            return []
        rows = self._store.list_cases()
        me = next((r for r in rows if r.id == snapshot.case.id), None)
        mine = _prints(self._store, snapshot.snapshot_id, me)
        if not mine:
            return []
        others: list[_Print] = []
        for row in rows:
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
    copied: list[_Print] = []
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
        if (
            address
            and address == _norm(other.values.get("employer_address"))
            # the same employer at its own address is a colleague's paper: normal
            and _norm(mine.values.get("employer")) != _norm(other.values.get("employer"))
        ):
            found.append(_same_employer_address(mine, other, base))
        if _copied(mine, other):
            copied.append(other)
    found += [_shared_number(mine, key, value, where) for (key, value), where in shared.items()]
    if copied:
        found.append(_same_template(mine, copied))
    return found


def _copied(mine: _Print, other: _Print) -> bool:
    """The same layout and the same printed figures under another applicant's name. (The same
    person's document in two cases is a re-application; the same layout with other figures is
    one payroll provider's or generator's template, common to all its customers.)"""
    same = all(
        mine.values.get(key) and mine.values.get(key) == other.values.get(key)
        for key in ("template", "figures", "document_type")
    )
    if not same:
        return False
    ours, theirs = mine.applicant, other.applicant
    from reviewer.review.checks.names import same_person  # rapidfuzz: with the computation

    return bool(ours and theirs and not same_person(ours, theirs))


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


def _same_template(mine: _Print, others: list[_Print]) -> Finding:
    """One finding naming every other case whose document is this one under another name."""
    labels = sorted({o.case.label or o.case.id for o in others if o.case})
    places = "; ".join(f"{o.title} in {_other_case(o)}{_naming(o)}" for o in others[:5])
    more = f" and {len(others) - 5} more" if len(others) > 5 else ""
    return failed(
        "seen_before.same_template",
        "seen_before",
        "high",
        f"Same template with the same figures as {places}{more}, under another name"
        f" ({mine.applicant}): one document, renamed for another applicant",
        document_ids=(mine.document_id,),
        values={
            "template": str(mine.values.get("template")),
            "figures": str(mine.values.get("figures")),
            "applicant": mine.applicant,
            "other_applicants": ", ".join(sorted({str(o.applicant) for o in others})),
            "other_cases": ", ".join(labels),
        },
    )


def _naming(other: _Print) -> str:
    """` naming X` when the document names someone else than its case's applicant."""
    case_name = other.case.applicant_name if other.case else None
    named = other.applicant
    from reviewer.review.checks.names import same_person

    return f" naming {named}" if named and not same_person(named, case_name) else ""


def _norm(value: object) -> str:
    """An address compared without case, punctuation or spacing."""
    return "".join(ch for ch in str(value or "").lower() if ch.isalnum())


def _same_employer_address(mine: _Print, other: _Print, base: dict[str, Value]) -> Finding:
    """Another applicant's document gives this employer address for another employer's name:
    a fabricated employer's tell (the same employer at its address is a colleague: no finding)."""
    name, theirs = str(mine.values.get("employer") or ""), str(other.values.get("employer") or "")
    return failed(
        "seen_before.employer_address",
        "seen_before",
        "medium",
        f"The employer address {mine.values.get('employer_address')} ({name or 'unnamed'}) is"
        f" given for another employer, {theirs or 'unnamed'}, on {other.title} in"
        f" {_other_case(other)}",
        document_ids=(mine.document_id,),
        values=base | {"employer_address": str(mine.values.get("employer_address"))},
    )
