"""The signal glossary covers every risk signal type in Plaid's spec, in plain words."""

from __future__ import annotations

from typing import Any

from reviewer.review.signal_glossary import (
    KNOWN_TYPES,
    Severity,
    effective_severity,
    guide_for,
)
from tests.openapi import component


def _spec_types() -> list[str]:
    schema: dict[str, Any] = component("DocumentRiskSignal")
    type_schema = schema["properties"]["type"]
    values: list[str] = type_schema.get("x-override-enum-values-shown") or type_schema["enum"]
    return values


def test_every_spec_type_has_an_entry_in_plain_words() -> None:
    spec = _spec_types()
    assert len(spec) == 32
    assert set(spec) == KNOWN_TYPES
    for t in spec:
        g = guide_for(t)
        assert g.known
        assert "_" not in g.title and g.title != t
        assert g.meaning.endswith(".") and g.next_step


def test_published_severity_examples() -> None:
    assert guide_for("EXIF_DATA_MODIFIED").severity is Severity.HIGH
    assert guide_for("ANNOTATION_DATES").severity is Severity.MEDIUM
    assert guide_for("DATE_FORMAT_ANOMALY").severity is Severity.LOW
    assert guide_for("FLATTENED_PDF").severity is Severity.INFO


def test_unknown_and_missing_types_fall_back_without_crashing() -> None:
    g = guide_for("HOLOGRAM_MISSING")
    assert not g.known and g.title == "Hologram missing"
    assert g.severity is Severity.MEDIUM
    assert guide_for(None).title == "Unspecified"
    assert guide_for("font").type == "FONT"


def test_passed_check_is_information_only() -> None:
    assert effective_severity("EDITED_TEXT", False) is Severity.INFO
    assert effective_severity("EDITED_TEXT", True) is Severity.HIGH
    assert effective_severity("EDITED_TEXT", None) is Severity.HIGH
    assert Severity.HIGH.label == "High"
