"""Generated sandbox documents: open, show their values, carry tamper artifacts, are deterministic."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pymupdf
import pytest

from reviewer.sandbox.bank_data import bank_statement
from reviewer.sandbox.docgen import (
    DocMeta,
    Tamper,
    bank_income_report_pdf,
    bank_statement_pdf,
    date_text,
    find_text_pages,
    form1099_pdf,
    money,
    paystub_pdf,
    photo_jpeg,
    w2_pdf,
)
from reviewer.sandbox.docgen.examples import (
    example_1099,
    example_bank_income,
    example_bank_statement,
    example_paystub,
    example_w2,
)
from reviewer.sandbox.payroll_data import Party


def _text(data: bytes) -> list[str]:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return [page.get_text() for page in doc]


def _spans(data: bytes, page: int = 0) -> list[tuple[str, str]]:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        blocks = doc[page].get_text("dict")["blocks"]
    return [
        (span["text"], span["font"])
        for block in blocks
        for line in block.get("lines", [])
        for span in line["spans"]
    ]


def test_money_formats_like_a_document() -> None:
    assert money(2441.17) == "$2,441.17"
    assert money(-12) == "-$12.00"
    assert money(0.005) == "$0.01"
    assert money(None) == ""
    assert date_text("2024-03-22") == "03/22/2024"


def test_paystub_prints_its_figures() -> None:
    stub = example_paystub()
    doc = paystub_pdf(stub)
    assert doc.media_type == "application/pdf"
    assert doc.page_count == 1
    (page,) = _text(doc.data)
    for expected in (
        "Pacific Coast Logistics Inc.",
        "Jordan M. Alvarez",
        "***-**-4821",
        money(stub["net_pay"]["current_amount"]),
        money(stub["earnings"]["breakdown"][0]["ytd_amount"]),
        money(stub["deductions"]["total"]["current_amount"]),
        "XXXXXX3091",
        date_text(stub["pay_period_details"]["pay_date"]),
    ):
        assert expected in page, expected


def test_tamper_keeps_original_under_a_box_and_overlays_another_font() -> None:
    stub = example_paystub()
    original = money(stub["net_pay"]["current_amount"])
    doc = paystub_pdf(stub, tampers=[Tamper(original, "$2,899.61")])
    spans = _spans(doc.data)
    original_fonts = {font for text, font in spans if original in text}
    replacement_fonts = {font for text, font in spans if "$2,899.61" in text}
    assert original_fonts == {"Helvetica-Bold"}
    assert replacement_fonts
    assert not replacement_fonts & original_fonts
    # The white box really hides the original: the rendered page differs from the clean one.
    with (
        pymupdf.open(stream=doc.data) as tampered,
        pymupdf.open(stream=paystub_pdf(stub).data) as clean,
    ):
        area = tampered[0].search_for(original)[0]
        assert tampered[0].get_pixmap(clip=area).samples != clean[0].get_pixmap(clip=area).samples


def test_tamper_page_restricts_the_edit_and_unknown_text_is_refused() -> None:
    statement = example_bank_statement()
    doc = bank_statement_pdf(statement)
    ending = money(statement["bank_accounts"][0]["periods"][0]["ending_balance"])
    assert 1 in find_text_pages(doc.data, ending)
    edited = bank_statement_pdf(statement, tampers=[Tamper(ending, "$9,570.67", page=1)])
    assert find_text_pages(edited.data, "$9,570.67") == [1]
    with pytest.raises(ValueError, match="not printed"):
        paystub_pdf(example_paystub(), tampers=[Tamper("$123,456.78", "$1.00")])


def test_meta_dates_are_written_as_pdf_dates() -> None:
    meta = DocMeta(
        creation_date=datetime(2023, 1, 5, 8, 0, tzinfo=UTC),
        mod_date=datetime(2024, 6, 30, 22, 15, 9, tzinfo=UTC),
        producer="Adobe Acrobat Pro 2020",
    )
    doc = w2_pdf(example_w2(), meta=meta)
    with pymupdf.open(stream=doc.data) as opened:
        info = opened.metadata
    assert info["creationDate"].startswith("D:20230105080000")
    assert info["modDate"].startswith("D:20240630221509")
    assert info["producer"] == "Adobe Acrobat Pro 2020"
    with pymupdf.open(stream=paystub_pdf(example_paystub()).data) as clean:
        assert clean.metadata["creationDate"] == clean.metadata["modDate"]


def test_w2_and_1099_show_their_boxes() -> None:
    w2 = example_w2()
    (page,) = _text(w2_pdf(w2).data)
    assert "Wage and Tax Statement" in page
    assert money(61245.18) in page and money(6102.44) in page and "33-1234567" in page
    misc = example_1099()
    (misc_page,) = _text(form1099_pdf(misc).data)
    assert "1099-MISC" in misc_page and money(misc["other_income"]) in misc_page
    k = example_1099("FORM_1099_TYPE_K")
    (k_page,) = _text(form1099_pdf(k).data)
    assert "1099-K" in k_page and money(k["gross_amount"]) in k_page
    assert money(k["march_amount"]) in k_page


def _long_statement() -> dict:
    owner = Party("Priya Raman", "31 Orchard Hill Rd", "Edison", "NJ", "08817")
    return bank_statement(
        document_id="long",
        owner=owner,
        bank_name="First Platypus Bank",
        account_id="acct",
        account_number="XXXXXX7730",
        start=date(2025, 11, 1),
        days=365,
        opening_balance=6412.55,
        salary=2874.31,
        per_day=4,
    )


def test_statement_runs_balances_and_is_never_padded() -> None:
    statement = example_bank_statement()
    short = bank_statement_pdf(statement)
    first = _text(short.data)[0]
    assert "Page 1 of 1" in first
    period = statement["bank_accounts"][0]["periods"][0]
    assert money(period["starting_balance"]) in first and money(period["ending_balance"]) in first
    # Running balance after the first row (rent paid out of the opening balance).
    assert money(period["starting_balance"] - 1875.0) in first
    with pytest.raises(ValueError, match="never padded"):
        bank_statement_pdf(statement, min_pages=2)
    long = _long_statement()
    doc = bank_statement_pdf(long, min_pages=30)
    pages = _text(doc.data)
    assert doc.page_count == len(pages) >= 30
    assert "11/01/2025 through 10/31/2026" in pages[0]
    assert all("Balance" in page and "$" in page for page in pages)


def test_long_statement_adds_up_and_prints_its_json_rows_by_direction() -> None:
    statement = _long_statement()
    txns = statement["transactions"]
    periods = statement["bank_accounts"][0]["periods"]
    assert len(periods) == 12 and periods[0]["start_date"] == "2025-11-01"
    for before, after in itertools.pairwise(periods):
        assert before["ending_balance"] == after["starting_balance"]
        assert date.fromisoformat(after["start_date"]) - date.fromisoformat(
            before["end_date"]
        ) == timedelta(days=1)
    for period in periods:
        rows = [t for t in txns if period["start_date"] <= t["date"] <= period["end_date"]]
        moved = round(sum(t["amount"] for t in rows), 2)
        assert round(period["starting_balance"] - moved, 2) == period["ending_balance"]
    payroll = [t for t in txns if "PAYROLL" in t["original_description"]]
    assert payroll and all(t["amount"] < 0 for t in payroll), "money in is negative (Plaid)"
    assert all(t["amount"] > 0 for t in txns if t not in payroll)
    doc = bank_statement_pdf(statement)
    with pymupdf.open(stream=doc.data) as pdf:
        words = [w for page in pdf for w in page.get_text("words")]
    deposits_x, withdrawals_x = (424, 496), (352, 424)
    printed_in = sorted(
        w[4] for w in words if deposits_x[0] < w[2] <= deposits_x[1] + 1 and w[4].startswith("$")
    )
    printed_out = [
        w for w in words if withdrawals_x[0] < w[2] <= withdrawals_x[1] + 1 and w[4].startswith("$")
    ]
    assert printed_in == sorted(money(-t["amount"]) for t in payroll)
    assert len(printed_out) == len(txns) - len(payroll)
    # every running balance never dips below zero and ends at the period's ending balance
    balance = periods[0]["starting_balance"]
    for t in txns:
        balance = round(balance - t["amount"], 2)
        assert balance > 0
    assert balance == periods[-1]["ending_balance"]


def test_bank_income_report_is_multi_page_with_history() -> None:
    income = example_bank_income()
    doc = bank_income_report_pdf(income)
    pages = _text(doc.data)
    assert doc.page_count == len(pages) >= 2
    joined = "\n".join(pages)
    assert "UBER DRIVER PAYOUT" in joined and money(12597.66) in joined
    assert money(4901.97) in joined  # a month of the combined history


@pytest.mark.parametrize(
    ("make", "sample"),
    [
        (paystub_pdf, example_paystub),
        (w2_pdf, example_w2),
        (form1099_pdf, example_1099),
        (bank_statement_pdf, example_bank_statement),
        (bank_income_report_pdf, example_bank_income),
    ],
)
def test_output_is_deterministic_and_matches_page_count(make, sample) -> None:
    first, second = make(sample()), make(sample())
    assert first.data == second.data
    with pymupdf.open(stream=first.data) as doc:
        assert doc.page_count == first.page_count


def test_photo_is_a_jpeg_without_text() -> None:
    stub = paystub_pdf(example_paystub())
    photo = photo_jpeg(stub, seed=7)
    assert photo.media_type == "image/jpeg" and photo.page_count == 1
    assert photo.data[:3] == b"\xff\xd8\xff"
    assert photo_jpeg(stub, seed=7).data == photo.data
    assert photo_jpeg(stub, seed=8).data != photo.data
    with pymupdf.open(stream=photo.data, filetype="jpeg") as image:
        assert image[0].get_text().strip() == ""
    with pytest.raises(ValueError, match="out of range"):
        photo_jpeg(stub, page=2)


def test_find_text_pages_reports_each_page() -> None:
    doc = bank_statement_pdf(_long_statement())
    assert find_text_pages(doc.data, "Page 3 of") == [3]
    assert find_text_pages(doc.data, "no such text anywhere") == []


@pytest.mark.parametrize(
    "written_id",
    [
        b"/ID[<8093172716D072448AE55FB43408920C><1F2E3D4C5B6A79880000000000000000>]",
        b"/ID[<C28CC3A8C3A7184AC386C291C283534F>(\\37502t@\\021e%\\(x\\)\\\\ )]",
        b"/ID [(\\(\\)\\n\\\\q) (ab\\)c)]",
    ],
)
def test_an_incremental_edit_s_random_file_id_is_replaced_in_either_string_form(
    written_id: bytes,
) -> None:
    """MuPDF writes the random /ID of an incremental save as hex, or now and then as a literal
    string; the demo's documents must come out the same either way (CI saw a literal once)."""
    from reviewer.sandbox.docgen.edits import content_derived_id

    tail = b"xref\n0 1\n0000000000 65535 f \ntrailer\n<</Size 28/Root 1 0 R" + written_id
    tail += b">>\nstartxref\n20583\n%%EOF\n"
    expected = content_derived_id(tail.replace(written_id, b"/ID[<00><00>]"))
    assert content_derived_id(tail) == expected
    assert written_id not in content_derived_id(tail)
