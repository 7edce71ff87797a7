"""The rows a bank statement prints: date, amounts and where they are, read from its text layer.

Statements differ in layout, but a transaction row reads the same way everywhere: a line that
starts with a date and ends with money amounts, the last of them the running balance when the
statement prints one. Lines of a summary ("Deposits and other credits (12)  $5,748.62") are kept
too, by their words. Rows are returned in reading order, page by page, with rectangles in PDF
points (origin top-left) so a broken balance can be boxed where it is printed.
"""

from __future__ import annotations

import re

import pymupdf

from reviewer.documents._open import DocumentSource, open_document
from reviewer.documents.printed_rows import PrintedAmount, PrintedRow

_DATE = re.compile(r"^\d{1,2}/\d{1,2}(/\d{2,4})?$")
_MONEY = re.compile(r"^\(?-?\$?-?\d{1,3}(,\d{3})*\.\d{2}\)?-?$")
MAX_PAGES = 200
_SAME_LINE = 2.5  # points between the middles of words on one printed line


def money_value(text: str) -> float | None:
    """The value of a printed amount: `$1,234.50` 1234.5, `-$12.00` / `(12.00)` / `12.00-` -12."""
    if not _MONEY.match(text):
        return None
    negative = text.startswith(("-", "(")) or text.endswith("-") or "-$" in text
    digits = text.strip("()-$").replace("$", "").replace(",", "").replace("-", "")
    try:
        value = float(digits)
    except ValueError:
        return None
    return -value if negative else value


def page_rows(page: pymupdf.Page, number: int) -> list[PrintedRow]:
    """The lines of one page that carry a date or an amount, top to bottom."""
    words: list[tuple[float, float, float, float, str, int, int, int]]
    words = page.get_text("words")  # type: ignore[no-untyped-call]
    # the cells of one printed row are separate text objects (an overlay a point lower, too):
    # words whose middles lie within a few points of each other make one line
    by_middle = sorted(range(len(words)), key=lambda i: words[i][1] + words[i][3])
    grouped: list[list[tuple[float, float, float, float, str, int]]] = []
    middle = -1e9
    for i in by_middle:
        x0, y0, x1, y1, word = words[i][:5]
        mid = (y0 + y1) / 2
        if mid - middle > _SAME_LINE:
            grouped.append([])
            middle = mid
        grouped[-1].append((x0, y0, x1, y1, word, i))
    rows = []
    for line in grouped:
        row_words = sorted(line, key=lambda w: w[0])
        first = row_words[0][4]
        date = first if "/" in first and _DATE.match(first) else None
        amounts: list[tuple[PrintedAmount, int]] = []
        label_words = []
        for x0, y0, x1, y1, word, order in row_words[1 if date else 0 :]:
            # most words are not amounts: only a word with a decimal point is parsed
            value = money_value(word) if "." in word else None
            if value is None:
                label_words.append(word)
                continue
            amount = PrintedAmount(word, value, (x0, y0, x1, y1))
            if amounts and x0 < amounts[-1][0].rect[2]:
                # two amounts in one cell: text drawn over text; a reader sees the later one
                if order > amounts[-1][1]:
                    amounts[-1] = (amount, order)
                continue
            amounts.append((amount, order))
        if date or amounts:
            printed = tuple(a for a, _ in amounts)
            rows.append(PrintedRow(number, date, " ".join(label_words), printed))
    return rows


def statement_rows(source: DocumentSource) -> list[PrintedRow]:
    """Every dated or money-carrying line of the document; [] when it has no text layer."""
    try:
        doc = open_document(source)
    except Exception:  # noqa: BLE001 - an unreadable file has no rows to check
        return []
    with doc:
        return rows_of_document(doc)


def rows_of_document(doc: pymupdf.Document) -> list[PrintedRow]:
    """The printed rows of an open document (the worker keeps documents open)."""
    if doc.needs_pass:
        return []
    rows: list[PrintedRow] = []
    for index in range(min(doc.page_count, MAX_PAGES)):
        try:
            rows.extend(page_rows(doc[index], index + 1))
        except Exception:  # noqa: BLE001, S112 - a damaged page: the others still count
            continue
    return rows
