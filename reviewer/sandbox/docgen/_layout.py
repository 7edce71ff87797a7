"""Layout pieces the generators share: ruled tables, section headings and labelled form boxes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reviewer.sandbox.docgen._pdf import BLACK, GREY, LIGHT, Color, Page


@dataclass(frozen=True)
class Column:
    """A table column between x0 and x1; numbers align right, labels left."""

    title: str
    x0: float
    x1: float
    align: str = "left"

    def anchor(self) -> float:
        """The x the cell text is anchored at for this column's alignment."""
        if self.align == "right":
            return self.x1 - 4
        if self.align == "center":
            return (self.x0 + self.x1) / 2
        return self.x0 + 4


def section(
    page: Page, x0: float, x1: float, y: float, title: str, *, fill: Color = BLACK
) -> float:
    """A dark band with a white heading; returns the y just below it."""
    page.fill(x0, y, x1, y + 14, fill)
    page.text(x0 + 5, y + 10.2, title, font="Helvetica-Bold", size=8.5, color=(1.0, 1.0, 1.0))
    return y + 14


def table(
    page: Page,
    y: float,
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    *,
    row_height: float = 13.0,
    size: float = 8.0,
    total: Sequence[object] | None = None,
    stripe: bool = True,
) -> float:
    """A header row, body rows (lightly striped) and an optional bold total; returns the y below."""
    x0, x1 = columns[0].x0, columns[-1].x1
    page.fill(x0, y, x1, y + row_height, LIGHT)
    for column in columns:
        page.text(
            column.anchor(),
            y + row_height - 3.8,
            column.title,
            font="Helvetica-Bold",
            size=size - 0.5,
            align=column.align,
        )
    y += row_height
    for number, row in enumerate(rows):
        if stripe and number % 2 == 1:
            page.fill(x0, y, x1, y + row_height, (0.965, 0.965, 0.965))
        for column, cell in zip(columns, row, strict=False):
            page.text(column.anchor(), y + row_height - 3.8, cell, size=size, align=column.align)
        y += row_height
    if total is not None:
        page.line(x0, y, x1, y, width=0.8)
        for column, cell in zip(columns, total, strict=False):
            page.text(
                column.anchor(),
                y + row_height - 3.8,
                cell,
                font="Helvetica-Bold",
                size=size,
                align=column.align,
            )
        y += row_height
    page.line(x0, y, x1, y, color=GREY, width=0.5)
    return y


def form_box(
    page: Page,
    x0: float,
    y0: float,
    x1: float,
    y1: float,
    label: str,
    value: object = None,
    *,
    align: str = "left",
    size: float = 9.5,
    label_size: float = 6.0,
) -> None:
    """An IRS-style box: a thin outline, a small label top-left and the value near the bottom."""
    page.box(x0, y0, x1, y1, width=0.5)
    page.text(x0 + 2.5, y0 + label_size + 1.5, label, size=label_size)
    if value is None or value == "":
        return
    lines = str(value).split("\n")
    baseline = y1 - 4 - (len(lines) - 1) * (size + 1.5)
    for line in lines:
        if align == "right":
            page.text(x1 - 5, baseline, line, size=size, align="right")
        else:
            page.text(x0 + 5, baseline, line, size=size)
        baseline += size + 1.5


def checkbox(page: Page, x: float, y: float, checked: bool) -> None:
    """A small square, marked with an X when checked."""
    page.box(x, y, x + 7, y + 7, width=0.5)
    if checked:
        page.text(x + 3.5, y + 6.2, "X", font="Helvetica-Bold", size=7, align="center")
