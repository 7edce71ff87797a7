"""HTML for the read-only tabs (rendered by QTextBrowser). Every value is escaped: the documents
and Plaid's fields are untrusted input."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:  # only annotations: the forms import the typed case model (see case_model.py)
    from reviewer.ui.present.forms import Form, Section, Table

STYLE = """
<style>
h2 { margin: 6px 0 4px 0; } h3 { margin: 10px 0 2px 0; }
table.t { border-collapse: collapse; margin: 2px 0 8px 0; }
table.t td, table.t th { border: 1px solid palette(mid); padding: 3px 8px; }
th { text-align: left; }
td.num { text-align: right; }
.bad { background-color: #f8d7da; color: #721c24; font-weight: bold; }
.warn { color: #b35900; }
.muted { color: gray; }
a.tip { text-decoration: none; }
</style>
"""


def e(value: object) -> str:
    """Escape any value for HTML text."""
    return escape(str(value), quote=True)


TIP_SCHEME = "tip:"


def tip(text: str, tooltip: str) -> str:
    """`text` whose tooltip is `tooltip` (an id for support); `TipBrowser` shows it on hover."""
    return f"<a class='tip' href='{TIP_SCHEME}{quote(tooltip, safe='')}'>{e(text)}</a>"


def table(headers: list[str], rows: list[list[str]], bad_rows: set[int] | None = None) -> str:
    """An HTML table; rows listed in `bad_rows` are marked as mismatches."""
    head = "".join(f"<th>{e(h)}</th>" for h in headers)
    body = []
    for i, row in enumerate(rows):
        cls = ' class="bad"' if bad_rows and i in bad_rows else ""
        cells = "".join(f"<td>{e(c)}</td>" for c in row)
        body.append(f"<tr{cls}>{cells}</tr>")
    return f'<table class="t" cellspacing="0"><tr>{head}</tr>{"".join(body)}</table>'


def fields(pairs: list[tuple[str, str]]) -> str:
    """Label/value pairs as a two-column table without a header row."""
    return table(["", ""], [[k, v] for k, v in pairs]).replace("<tr><th></th><th></th></tr>", "")


def _section(section: Section) -> str:
    out = [f"<h3>{e(section.title)}</h3>"]
    if section.fields:
        out.append(fields(section.fields))
    if section.table is not None:
        out.append(_table(section.table))
    return "".join(out)


def _table(t: Table) -> str:
    return table(t.headers, t.rows)


def form_html(form: Form) -> str:
    """One payroll document as a titled form."""
    title = (
        tip(form.title, f"Document id: {form.document_id}") if form.document_id else e(form.title)
    )
    warn = f"<p class='warn'>⚠ {e(form.warning)}</p>" if form.warning else ""
    return f"<h2>{title}</h2>{warn}" + "".join(_section(s) for s in form.sections)


def page(body: str) -> str:
    """Wrap a body in the shared stylesheet."""
    return f"<html><head>{STYLE}</head><body>{body}</body></html>"


def empty(what: str, reason: str | None = None) -> str:
    """The message shown when a tab has nothing (and why, when known)."""
    why = f"<p class='muted'>{e(reason)}</p>" if reason else ""
    return page(f"<p><i>No {e(what)} in this case.</i></p>{why}")
