"""The case report: one JSON object, and the same content laid out for the PDF.

`build_report` gathers everything a reviewer's manager needs without the app: the case and the
applicant, risk scores, each flagged signal with where it is, cross-document mismatches, the
decision, the dispositions and the audit trail. `report_document` turns that object into the plain
data `reviewer.documents.report_pdf` draws (the review layer may not import PyMuPDF).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reviewer import __version__
from reviewer.documents.report_pdf import ReportCrop, ReportDocument, ReportSection
from reviewer.review.audit_words import action_words, details_words, when_words
from reviewer.review.decisions import DISPOSITIONS, decision_kind, decision_label, signal_key
from reviewer.review.document_status import document_type_words
from reviewer.review.report_model import (
    document_facts,
    document_suffix,
    error_lines,
    identity_lines,
    model_sections,
    processing_lines,
)
from reviewer.review.service import CaseService
from reviewer.review.signal_glossary import guide_for


class ReportUnavailable(LookupError):
    """The case is unknown or has never been fetched."""


def build_report(service: CaseService, case_id: str) -> dict[str, Any]:
    """The report as one JSON-ready object."""
    case = service.store.find_case(case_id)
    snapshot = service.load_case_checked(case.id) if case else None
    if case is None or snapshot is None:
        raise ReportUnavailable(f"no fetched case {case_id!r}")
    summary = next((s for s in service.list_cases() if s.id == case.id), None)
    trail = service.store.audit_trail(case.id)
    dispositions: dict[str, dict[str, Any]] = {}
    for entry in trail:
        if entry.action == "signal.disposition":
            dispositions[str(entry.details.get("signal"))] = {
                "disposition": entry.details.get("disposition"),
                "note": entry.details.get("note") or "",
                "actor": entry.actor,
                "at": entry.timestamp,
            }
    decision_entry = service.store.latest_decision(case.id)
    decision = None
    if decision_entry is not None:
        decision = {
            "decision": decision_kind(decision_entry.action),
            "label": decision_label(decision_entry.action),
            **decision_entry.details,
            "actor": decision_entry.actor,
            "at": decision_entry.timestamp,
        }
    documents = [
        {
            "document_id": d.document_id,
            "document_type": d.document_type,
            "name": d.name,
            "item_id": d.item_id,
            "page_count": d.page_count,
            "risk_score": d.risk_score,
            "problem": d.problem,
            # relative to the data directory: a report leaves the machine
            "path": _relative(service, p) if (p := service.document_path(d)) else None,
            **document_facts(snapshot.model, d.document_id),
        }
        for d in snapshot.documents
    ]
    signals = []
    for s in snapshot.risk_signals:
        item = asdict(s)
        item["locations"] = [{**asdict(loc), "rect": list(loc.rect)} for loc in s.locations]
        item["key"] = signal_key(s)
        item["disposition"] = dispositions.get(item["key"])
        signals.append(item)
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": __version__,
        "case": {
            "id": case.id,
            "label": case.label,
            "user_id": case.user_id,
            "fetched_at": snapshot.fetched_at,
            "applicant_name": summary.applicant_name if summary else None,
            "max_risk_score": summary.max_risk_score if summary else None,
        },
        "decision": decision,
        "documents": documents,
        "risk_signals": signals,
        "cross_document_mismatches": [s for s in signals if len(s["document_ids"]) > 1],
        # Reviewer's own checks (never Plaid's signals), worst first, passes included
        "findings": [f.to_json() for f in snapshot.findings],
        "errors": [asdict(e) for e in snapshot.errors],
        **model_sections(snapshot),
        "audit_trail": [
            {
                "timestamp": e.timestamp,
                "actor": e.actor,
                "action": e.action,
                "details": e.details,
                "request_id": e.request_id,
                "app_version": e.app_version,
            }
            for e in trail
        ],
    }


def _relative(service: CaseService, path: Path) -> str:
    try:
        return path.relative_to(service.store.data_dir).as_posix()
    except ValueError:
        return path.name


def _score(value: Any) -> str:
    return "n/a" if value is None else f"{value:g}"


def _signal_lines(signal: dict[str, Any], names: dict[str, str]) -> list[str]:
    docs = ", ".join(names.get(d, d) for d in signal["document_ids"])
    page = signal.get("page_number")
    where = "whole document" if not page else f"page {page}"
    flag = "! " if signal.get("has_fraud_risk") else ""
    lines = [
        f"{flag}{guide_for(signal.get('type')).title} on "
        f"{str(signal.get('field') or 'the document').replace('_', ' ')} "
        f"(score {_score(signal.get('risk_score'))}) in {docs}, {where}",
        f"   As printed: {signal.get('expected_value') or 'n/a'}    "
        f"Derived: {signal.get('actual_value') or 'n/a'}",
    ]
    if signal.get("signal_description"):
        lines.append(f"   {signal['signal_description']}")
    if not signal["locations"]:
        lines.append("   Not located on the page: flagged at page/document level.")
    disposition = signal.get("disposition")
    if disposition:
        words = DISPOSITIONS.get(str(disposition["disposition"]), disposition["disposition"])
        note = f": {disposition['note']}" if disposition.get("note") else ""
        lines.append(
            f"   Disposition: {words}{note} ({disposition['actor']}, {when_words(str(disposition['at']))})"
        )
    else:
        lines.append("   Disposition: not reviewed")
    return lines


def _crops(
    signal: dict[str, Any], paths: dict[str, str | None], names: dict[str, str]
) -> list[ReportCrop]:
    by_page: dict[tuple[str, int], list[tuple[float, float, float, float]]] = {}
    for loc in signal["locations"]:
        rect = tuple(float(v) for v in loc["rect"])
        by_page.setdefault((loc["document_id"], int(loc["page"])), []).append(rect)  # type: ignore[arg-type]
    if not by_page and signal.get("page_number"):
        for doc_id in signal["document_ids"][:1]:
            by_page[(doc_id, int(signal["page_number"]))] = []
    field = str(signal.get("field") or "the document").replace("_", " ")
    title = f"{guide_for(signal.get('type')).title} on {field}"
    return [
        ReportCrop(paths.get(doc_id), page, rects, f"{title}: page {page} of {names.get(doc_id)}")
        for (doc_id, page), rects in list(by_page.items())[:3]
    ]


def _value_words(value: Any) -> str:
    """A finding's number or time as a reviewer reads it (1,709.78; 2026-11-08 23:41:00 UTC)."""
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, str) and len(value) >= 19 and value[10] == "T" and value[:4].isdigit():
        return when_words(value)
    return str(value)


def _findings_section(
    findings: list[dict[str, Any]], names: dict[str, str], paths: dict[str, str | None]
) -> ReportSection:
    """Reviewer checks: every failed finding with its numbers and picture, then the tallies."""
    failed = [f for f in findings if f["severity"] not in ("pass", None)]
    passed = sum(1 for f in findings if f["severity"] == "pass")
    skipped = [f for f in findings if f["severity"] is None]
    section = ReportSection(
        f"Reviewer checks: {len(failed)} failed, {passed} passed, {len(skipped)} not applicable"
    )
    section.lines.append("Computed by Reviewer from Plaid's data; not Plaid risk signals.")
    for f in failed:
        docs = ", ".join(names.get(d, d) for d in f["document_ids"])
        section.lines.append(f"! {str(f['severity']).capitalize()}: {f['summary']}")
        numbers = ", ".join(
            f"{k.replace('_', ' ')} {_value_words(v)}"
            for k, v in f["values"].items()
            if v is not None
        )
        section.lines.append(
            f"   {numbers}; check {f['check']}" if numbers else f"   check {f['check']}"
        )
        if docs:
            section.lines.append(f"   in {docs}")
    seen: set[tuple[Any, ...]] = set()
    for f in failed:
        by_page: dict[tuple[str, int], list[tuple[float, float, float, float]]] = {}
        for loc in f["locations"]:
            rect = tuple(float(v) for v in loc["rect"])
            by_page.setdefault((loc["document_id"], int(loc["page"])), []).append(rect)  # type: ignore[arg-type]
        for (doc_id, page), rects in list(by_page.items())[:1]:
            key = (doc_id, page, tuple(rects))
            if key not in seen:
                seen.add(key)
                caption = f"Reviewer check {f['check']}: page {page} of {names.get(doc_id)}"
                section.crops.append(ReportCrop(paths.get(doc_id), page, rects, caption))
    for f in skipped:
        section.lines.append(f"   not applicable: {f['check']}: {f['not_applicable']}")
    if not findings:
        section.lines.append("Reviewer's checks have not run on this case.")
    return section


def report_document(report: dict[str, Any]) -> ReportDocument:
    """The report object laid out as sections for the PDF."""
    case = report["case"]
    names = {d["document_id"]: d["name"] or d["document_type"] for d in report["documents"]}
    paths = {d["document_id"]: d["path"] for d in report["documents"]}
    title = f"Case report: {case['label'] or case['id']}"
    subtitle = (
        f"Generated {when_words(report['generated_at'])} by Reviewer {report['app_version']} · "
        f"data fetched {when_words(case['fetched_at'] or '')}"
    )
    decision = report["decision"]
    decided = ReportSection("Decision")
    if decision is None:
        decided.lines.append("! Undecided")
    else:
        decided.lines.append(
            f"{decision['label']} by {decision['actor']} at {when_words(str(decision['at']))}"
        )
        if decision.get("reasons"):
            decided.lines.append("Reasons: " + "; ".join(decision["reasons"]))
        if decision.get("note"):
            decided.lines.append(f"Note: {decision['note']}")
        if decision.get("lender_text"):
            decided.lines.append(f"Request to send: {decision['lender_text']}")
    summary = ReportSection(
        "Case and applicant",
        [
            f"Applicant: {case['applicant_name'] or 'unknown'}",
            f"Case id: {case['id']}"
            + (f"    user_id: {case['user_id']}" if case["user_id"] else ""),
            f"Highest risk score: {_score(case['max_risk_score'])} (0-100, higher is riskier)",
            *processing_lines(report),
        ],
    )
    identity = ReportSection("Identity as each source states it", identity_lines(report))
    docs = ReportSection("Documents and risk scores")
    for d in report["documents"]:
        said = document_suffix(d)
        problem = f"; problem: {d['problem']}" if d["problem"] and "Password" not in said else ""
        pages = f"{d['page_count']} p." if d["page_count"] else "pages unknown"
        docs.lines.append(
            f"{document_type_words(d['document_type'])}: {d['name'] or d['document_id']} ({pages}), "
            f"risk score {_score(d['risk_score'])}{problem}{said}"
        )
    flagged = [s for s in report["risk_signals"] if s.get("has_fraud_risk")]
    signals = ReportSection(f"Flagged risk signals ({len(flagged)})")
    for s in flagged:
        signals.lines.extend(_signal_lines(s, names))
    seen: set[tuple[Any, ...]] = set()
    for s in flagged:
        for crop in _crops(s, paths, names):
            # signals flagging the same spot share one picture
            key = (crop.document_path, crop.page, tuple(crop.rects))
            if key not in seen:
                seen.add(key)
                signals.crops.append(crop)
    if not flagged:
        signals.lines.append("No signal flags fraud risk.")
    mismatches = ReportSection("Cross-document mismatches")
    for s in report["cross_document_mismatches"]:
        mismatches.lines.extend(_signal_lines(s, names))
    if not report["cross_document_mismatches"]:
        mismatches.lines.append("None reported.")
    checks = _findings_section(report.get("findings") or [], names, paths)
    audit = ReportSection("Audit trail (oldest first, times in the reviewer's zone)")
    for e in report["audit_trail"]:
        rid = f" [Plaid request id {e['request_id']}]" if e["request_id"] else ""
        detail = details_words(e["action"], e["details"])
        what = action_words(e["action"]) + (f": {detail}" if detail else "")
        audit.lines.append(f"{when_words(e['timestamp'])}  {e['actor']} — {what}{rid}".rstrip())
    if not report["audit_trail"]:
        audit.lines.append("No entries.")
    errors = ReportSection("Problems from the last fetch", error_lines(report))
    sections = [summary, decided, identity, docs, signals, checks, mismatches, errors, audit]
    return ReportDocument(title, subtitle, sections)
