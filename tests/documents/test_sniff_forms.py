"""Type sniffing from bytes, and the printed forms of Plaid's values."""

from __future__ import annotations

import pytest

from reviewer.documents.forms import field_labels, form_tiers
from reviewer.documents.locate import printed_forms
from reviewer.documents.sniff import sniff_media_type
from tests.documents.corpus import pay_stub, png_photo


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n...", "application/pdf"),
        (b"\r\n\x00junk before the header %PDF-1.4\n", "application/pdf"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"II*\x00\x08\x00\x00\x00", "image/tiff"),
        (b"MM\x00*\x00\x00\x00\x08", "image/tiff"),
        (b"PK\x03\x04", "application/octet-stream"),
        (b"<html><body>%PDF</body></html>", "application/octet-stream"),
        (b"", "application/octet-stream"),
    ],
)
def test_sniff_by_magic_bytes(data: bytes, expected: str) -> None:
    assert sniff_media_type(data) == expected


def test_sniff_real_files() -> None:
    assert sniff_media_type(pay_stub()) == "application/pdf"
    assert sniff_media_type(png_photo()) == "image/png"


def test_printed_forms_of_an_amount() -> None:
    forms = printed_forms("2441.17")
    assert forms[0] == "2441.17"
    for form in ("2,441.17", "$2,441.17", "2441.17-", "$2441.17", "(2,441.17)", "-$2,441.17"):
        assert form in forms
    assert len(forms) == len(set(forms))


def test_printed_forms_accept_printed_input() -> None:
    assert set(printed_forms("$2,441.17")) >= {"2441.17", "2,441.17"}
    assert "1,000.50" in printed_forms("1000.5")


def test_integer_prefers_cents_and_keeps_bare_number_as_fallback() -> None:
    tiers = form_tiers("25")
    assert tiers[0][0] == "25.00"
    assert "$25.00" in tiers[0]
    assert "25" not in tiers[0]
    assert "25" in tiers[1]
    assert printed_forms("1200")[:2] == ["1200.00", "$1200.00"]
    assert "1,200.00" in printed_forms("1200")


def test_printed_forms_of_a_date() -> None:
    forms = printed_forms("2024-01-15")
    for form in ("01/15/2024", "1/15/2024", "01/15/24", "Jan 15, 2024", "January 15, 2024"):
        assert form in forms
    assert "2024-01-15" in printed_forms("01/15/2024")


def test_text_values_and_empty_values() -> None:
    assert printed_forms("ACME  Corp") == ["ACME Corp"]
    assert printed_forms("   ") == []
    assert printed_forms("2024-13-45") == ["2024-13-45"]


def test_field_labels() -> None:
    assert field_labels("net_pay")[0] == "Net Pay"
    assert field_labels("ytd_federal_tax") == ["Ytd Federal Tax"]
    assert field_labels("pay_period_details.pay_date")[0] == "Pay Date"
    assert "Employer Phone" in field_labels("employerPhone")
    assert field_labels("") == []
