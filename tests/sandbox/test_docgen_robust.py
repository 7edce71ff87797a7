"""Generators survive the partial and null-riddled dicts Plaid really returns."""

from __future__ import annotations

import copy
from typing import Any

import pymupdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.sandbox.docgen import (
    bank_income_report_pdf,
    bank_statement_pdf,
    form1099_pdf,
    paystub_pdf,
    w2_pdf,
)
from reviewer.sandbox.docgen.examples import (
    example_1099,
    example_bank_income,
    example_bank_statement,
    example_paystub,
    example_w2,
)

GENERATORS = [
    (paystub_pdf, example_paystub),
    (w2_pdf, example_w2),
    (form1099_pdf, example_1099),
    (bank_statement_pdf, example_bank_statement),
    (bank_income_report_pdf, example_bank_income),
]


def _paths(obj: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = []
    if isinstance(obj, dict):
        for key, value in obj.items():
            found.append((*prefix, key))
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(obj, list):
        for index, value in enumerate(obj):
            found.extend(_paths(value, (*prefix, index)))
    return found


def _damage(obj: Any, path: tuple[Any, ...], how: str) -> None:
    parent = obj
    for step in path[:-1]:
        parent = parent[step]
    if how == "delete":
        del parent[path[-1]]
    elif how == "null":
        parent[path[-1]] = None
    else:
        parent[path[-1]] = "garbage"


def _opens(data: bytes) -> int:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return doc.page_count


@pytest.mark.parametrize(("make", "_sample"), GENERATORS)
@pytest.mark.parametrize("value", [{}, {"bank_accounts": None, "employer": None, "items": None}])
def test_empty_input_still_renders(make, _sample, value) -> None:
    assert _opens(make(value).data) >= 1


@pytest.mark.parametrize(("make", "sample"), GENERATORS)
def test_every_top_level_field_null(make, sample) -> None:
    nulled = {key: None for key in sample()}
    assert _opens(make(nulled).data) >= 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_fields_missing_null_or_wrong_type(data) -> None:
    make, sample = data.draw(st.sampled_from(GENERATORS))
    damaged = copy.deepcopy(sample())
    paths = _paths(damaged)
    for _ in range(data.draw(st.integers(1, 6))):
        paths = _paths(damaged)
        if not paths:
            break
        path = data.draw(st.sampled_from(paths))
        _damage(damaged, path, data.draw(st.sampled_from(["delete", "null", "garbage"])))
    doc = make(damaged)
    assert _opens(doc.data) == doc.page_count
