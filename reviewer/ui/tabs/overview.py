"""The Overview tab: identity across every source, risk per document, what is missing and why."""

from __future__ import annotations

from reviewer.review.audit_words import endpoint_words
from reviewer.review.case_model import CaseSnapshot
from reviewer.review.document_status import document_status_line
from reviewer.review.item_names import item_name, item_names
from reviewer.ui.present import html
from reviewer.ui.present.doc_list import incomplete_data_line
from reviewer.ui.present.errors import error_details, error_sentence
from reviewer.ui.present.findings import checks_summary_html
from reviewer.ui.present.fmt import humanize, text
from reviewer.ui.present.identity import ATTRIBUTES, identity_table
from reviewer.ui.present.risk import document_risks, risk_band
from reviewer.ui.present.words import document_status_words, document_type_words, local_time


def _identity(snapshot: CaseSnapshot) -> list[str]:
    ident = identity_table(snapshot.model)
    parts = ["<h3>Identity as each source states it</h3>"]
    if not ident.documents:
        return [*parts, "<p class='muted'>No document or bank account states an identity.</p>"]
    shown = [a for a in ATTRIBUTES if any(ident.values.get(a, []))]
    bad = {i for i, a in enumerate(shown) if a in ident.mismatched}
    rows = [
        [("⚠ " if a in ident.mismatched else "") + a] + [v or "—" for v in ident.values[a]]
        for a in shown
    ]
    parts.append(html.table(["", *ident.documents], rows, bad))
    if ident.mismatched:
        parts.append(
            "<p class='warn'>Mismatch across sources: "
            + html.e(", ".join(a for a in ATTRIBUTES if a in ident.mismatched))
            + "</p>"
        )
    return parts


def _processing(snapshot: CaseSnapshot) -> list[str]:
    names = item_names(snapshot.model)
    parts = []
    for s in snapshot.model.processing_items:
        updated = f", last updated {local_time(s.updated_at)}" if s.updated_at else ""
        line = (
            f"Plaid is still processing {endpoint_words(s.endpoint)} from "
            f"{item_name(names, s.item_id)} ({humanize(s.processing_status).lower()}{updated}): "
            "this case may be incomplete; fetch again later."
        )
        parts.append(f"<p class='warn'>⚠ {html.tip(line, f'Plaid item id: {text(s.item_id)}')}</p>")
    return parts


def _problems(snapshot: CaseSnapshot) -> list[str]:
    parts = ["<h3>Problems from the last fetch</h3>"]
    errors = snapshot.model.errors
    problems = snapshot.model.problems
    if errors or problems:
        items = []
        for err in errors:
            details = "".join(
                f"<br><span class='muted'>{html.e(d)}</span>" for d in error_details(err)
            )
            items.append(f"<li>{html.e(error_sentence(err))}{details}</li>")
        items += [f"<li>{html.e(p.message)}</li>" for p in problems]
        parts.append("<ul>" + "".join(dict.fromkeys(items)) + "</ul>")
    else:
        parts.append("<p>Every endpoint answered.</p>")
    # an answer is not the evidence: say what is missing
    incomplete = incomplete_data_line(snapshot)
    if incomplete:
        parts.append(f"<p class='warn'>⚠ {html.e(incomplete)}</p>")
    for endpoint, reason in snapshot.skipped.items():
        what = endpoint_words(endpoint)  # "bank income report PDF", not its URL path
        parts.append(f"<p class='muted'>Not asked for {html.e(what)}: {html.e(reason)}</p>")
    return parts


def overview_html(snapshot: CaseSnapshot, low: int, high: int) -> str:
    """Identity side by side with mismatches, risk per document, fetch problems in plain words."""
    parts = [f"<h2>{html.e(snapshot.case.label or snapshot.case.id)}</h2>"]
    parts.append(f"<p class='muted'>Fetched {html.e(local_time(snapshot.fetched_at))}</p>")
    parts.append(checks_summary_html(snapshot.findings))  # Reviewer's own checks, worst first
    parts += _processing(snapshot)
    parts += _identity(snapshot)
    parts.append("<h3>Risk per document</h3>")
    risks = document_risks(snapshot)
    rows = []
    for d in snapshot.documents:
        r = risks[d.document_id]
        band = risk_band(r.score, low, high)
        info = snapshot.model.document(d.document_id.split("#", 1)[0])
        # what Plaid said, in words a reviewer acts on ("Password protected: …")
        status = document_status_line(d, info) or document_status_words(
            (info.status if info is not None else None) or d.status
        )
        no_file = not (d.sha256 or d.path)
        rows.append(
            [
                d.name or document_type_words(d.document_type),
                document_type_words(d.document_type),
                status,
                ("none (no file)" if no_file else "none from Plaid")
                if r.score is None
                else f"{r.score:g} ({band.value})",
                str(r.signal_count),
                str(r.fraud_flags),
            ]
        )
    high_rows = {
        i for i, d in enumerate(snapshot.documents) if (risks[d.document_id].score or 0) >= high
    }
    parts.append(
        html.table(
            ["Document", "Type", "Plaid status", "Score", "Signals", "Fraud flags"], rows, high_rows
        )
    )
    parts += _problems(snapshot)
    return html.page("".join(parts))
