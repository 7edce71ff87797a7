"""The Overview tab: identity side by side across documents, risk per document, fetch errors."""

from __future__ import annotations

from reviewer.review.audit_words import endpoint_words
from reviewer.review.case_model import CaseSnapshot
from reviewer.ui.present import html
from reviewer.ui.present.doc_list import incomplete_data_line
from reviewer.ui.present.errors import error_sentence
from reviewer.ui.present.findings import checks_summary_html
from reviewer.ui.present.identity import ATTRIBUTES, identity_table
from reviewer.ui.present.risk import document_risks, risk_band
from reviewer.ui.present.words import document_type_words, local_time


def overview_html(snapshot: CaseSnapshot, low: int, high: int) -> str:
    """Identity side by side with mismatches, risk per document, fetch errors in plain words."""
    parts = [f"<h2>{html.e(snapshot.case.label or snapshot.case.id)}</h2>"]
    parts.append(f"<p class='muted'>Fetched {html.e(local_time(snapshot.fetched_at))}</p>")
    parts.append(checks_summary_html(snapshot.findings))  # Reviewer's own checks, worst first
    ident = identity_table(snapshot.responses)
    parts.append("<h3>Identity as the documents state it</h3>")
    if ident.documents:
        bad = {i for i, a in enumerate(ATTRIBUTES) if a in ident.mismatched}
        rows = [
            [("⚠ " if a in ident.mismatched else "") + a]
            + [v or "—" for v in ident.values.get(a, [])]
            for a in ATTRIBUTES
        ]
        parts.append(html.table(["", *ident.documents], rows, bad))
        if ident.mismatched:
            parts.append(
                "<p class='warn'>Mismatch across documents: "
                + html.e(", ".join(a for a in ATTRIBUTES if a in ident.mismatched))
                + "</p>"
            )
    else:
        parts.append("<p class='muted'>No document states an identity.</p>")
    parts.append("<h3>Risk per document</h3>")
    risks = document_risks(snapshot)
    rows = []
    for d in snapshot.documents:
        r = risks[d.document_id]
        band = risk_band(r.score, low, high)
        rows.append(
            [
                d.name or d.document_id,
                document_type_words(d.document_type),
                "—" if r.score is None else f"{r.score:g} ({band.value})",
                str(r.signal_count),
                str(r.fraud_flags),
            ]
        )
    high_rows = {
        i for i, d in enumerate(snapshot.documents) if (risks[d.document_id].score or 0) >= high
    }
    parts.append(
        html.table(["Document", "Type", "Score", "Signals", "Fraud flags"], rows, high_rows)
    )
    parts.append("<h3>Problems from the last fetch</h3>")
    if snapshot.errors:
        parts.append(
            "<ul>"
            + "".join(f"<li>{html.e(error_sentence(err))}</li>" for err in snapshot.errors)
            + "</ul>"
        )
    else:
        parts.append("<p>Every endpoint answered.</p>")
    incomplete = incomplete_data_line(
        snapshot
    )  # an answer is not the evidence: say what is missing
    if incomplete:
        parts.append(f"<p class='warn'>⚠ {html.e(incomplete)}</p>")
    for endpoint, reason in snapshot.skipped.items():
        what = endpoint_words(endpoint)  # "bank income report PDF", not its URL path
        parts.append(f"<p class='muted'>Not asked for {html.e(what)}: {html.e(reason)}</p>")
    return html.page("".join(parts))
