"""Property test: any spec-valid response of any endpoint we call goes through fetch -> store ->
case model -> `show --json`, the text summary, the report's model sections and the tabs' helpers
without raising; odd values come out as "not given".

Bodies are drawn by hypothesis-jsonschema from the vendored OpenAPI spec. OpenAPI is not quite
JSON Schema, so each response schema is first made self-contained: `$ref`s inlined, `nullable:
true` turned into a `null` type (tests/openapi.py), OpenAPI-only keywords dropped, and sizes
bounded (arrays of at most 2 items at the top, 1 inside; short strings; no extra properties) so an
example stays a few kB.
"""

from __future__ import annotations

import functools
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from reviewer.review.commands import render_text
from reviewer.review.model import CaseModel, build_case
from reviewer.review.report_model import error_lines, identity_lines, model_sections
from reviewer.ui.present import bank, employment
from reviewer.ui.present.forms import payroll_forms
from reviewer.ui.present.identity import identity_table
from reviewer.ui.tabs.details import employment_html, income_html, sessions_html
from tests.openapi import response_schema_name, spec
from tests.plaid.strategies import body_strategy
from tests.review.canned_plaid import canned_service

ENDPOINTS = [
    "/credit/sessions/get",
    "/credit/payroll_income/get",
    "/credit/bank_statements/uploads/get",
    "/credit/payroll_income/risk_signals/get",
    "/credit/bank_income/get",
    "/credit/employment/get",
    "/beta/credit/v1/bank_employment/get",
]
_KEEP = {"type", "enum", "required", "properties", "items", "format", "minimum", "maximum"}
_KEEP |= {"minItems", "allOf", "anyOf", "oneOf"}


def _resolved(node: Any, depth: int = 0) -> Any:
    """`node` with every `$ref` inlined and sizes bounded; `depth` counts enclosing arrays."""
    if isinstance(node, list):
        return [_resolved(n, depth) for n in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return _resolved(spec()["components"]["schemas"][name], depth)
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key not in _KEEP:
            continue
        if key == "properties":
            out[key] = {k: _resolved(v, depth) for k, v in value.items()}
        elif key == "items":
            out[key] = _resolved(value, depth + 1)
        elif key in ("allOf", "anyOf", "oneOf"):
            out[key] = [_resolved(v, depth) for v in value]
        elif key == "format" and value not in ("date", "date-time"):
            continue  # formats hypothesis-jsonschema cannot draw from (e.g. "uri") stay free text
        else:
            out[key] = value
    kinds = out.get("type")
    kinds = set(kinds) if isinstance(kinds, list) else {kinds}
    if "array" in kinds:
        out["maxItems"] = max(out.get("minItems", 0), 2 if depth < 1 else 1)
    if "string" in kinds and "enum" not in out and "format" not in out:
        out["maxLength"] = 12
    if "object" in kinds or "properties" in out:
        out["additionalProperties"] = False
    return out


@functools.cache
def body_schema(endpoint: str) -> dict[str, Any]:
    """The self-contained, bounded JSON schema of the endpoint's 200 body."""
    return _resolved(spec()["components"]["schemas"][response_schema_name(endpoint)])


@functools.cache
def bodies(endpoint: str) -> st.SearchStrategy[dict[str, Any]]:
    """Spec-valid 200 bodies of `endpoint` (cached: turning a schema into a strategy is slow)."""
    return from_schema(body_schema(endpoint))


PROPERTY = settings(
    max_examples=12,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: minutes on deep bodies
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


def read_everything(model: CaseModel) -> None:
    """What every surface reads of the model (the Qt-free part of the tabs included)."""
    payroll_forms(model)
    identity_table(model)
    bank.statement_accounts(model)
    bank.statement_transactions(model)
    bank.monthly_income(model)
    for report in model.bank_income:
        bank.income_sources(report)
        bank.income_transactions(report)
        bank.report_facts(report)
        bank.bank_income_warnings(report)
    employment.employment_rows(model)
    employment.employment_warnings(model)
    employment.session_rows(model)
    income_html(model)
    employment_html(model)
    sessions_html(model)


def fetch_and_show(responses: dict[str, Any]) -> dict[str, Any]:
    """Fetch a case whose Plaid answers `responses`, then read it back like `show --json`."""
    with tempfile.TemporaryDirectory() as tmp:
        service = canned_service(Path(tmp) / "data", responses)
        try:
            result = service.fetch_case(user_token="user-sandbox-prop", label="PROP")
            assert result.case_id is not None, result.message
            snapshot = service.load_case(result.case_id)
            assert snapshot is not None
            shown = json.loads(json.dumps(snapshot.to_show_json()))
            render_text(snapshot)
            read_everything(snapshot.model)
            report = json.loads(json.dumps(model_sections(snapshot)))
            identity_lines(report)
            error_lines({**report, "errors": shown["errors"]})
            return shown
        finally:
            service.close()


# the payroll schema is the deepest: hypothesis-jsonschema takes seconds per body there
EXAMPLES = {"/credit/payroll_income/get": 6}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_spec_valid_response_never_raises(endpoint: str) -> None:
    @settings(PROPERTY, max_examples=EXAMPLES.get(endpoint, 10))
    @given(body=bodies(endpoint))
    def check(body: dict[str, Any]) -> None:
        shown = fetch_and_show({endpoint: body})
        for doc in shown["documents"]:
            assert doc["origin"] in (None, "payroll_provider", "upload", "plaid_generated",
                                     "bank_income_report")  # fmt: skip
        for claim in shown["identity"]:
            assert claim["name"] is None or claim["name"].strip()

    check()


def quick_bodies(endpoint: str) -> st.SearchStrategy[Any]:
    """The project's own spec-driven strategy (tests/plaid/strategies.py): ~10x faster on the
    deep schemas, with a few unknown extra keys, for the tests that draw many bodies at once."""
    return body_strategy(response_schema_name(endpoint))


@settings(PROPERTY, max_examples=8)
@given(responses=st.fixed_dictionaries({e: quick_bodies(e) for e in ENDPOINTS}))
def test_every_endpoint_at_once_never_raises(responses: dict[str, Any]) -> None:
    fetch_and_show(responses)


@settings(PROPERTY, max_examples=10)
@given(
    body=quick_bodies("/credit/payroll_income/get"),
    odd=st.one_of(st.just("not a number"), st.just(float("1e308")), st.just([1, 2]), st.none()),
)
def test_odd_amounts_are_not_given(body: dict[str, Any], odd: Any) -> None:
    """Wrong-typed or absurd amounts anywhere in a pay stub read as not given (None)."""
    for item in body.get("items") or []:
        for income in item.get("payroll_income") or []:
            for stub in income.get("pay_stubs") or []:
                if isinstance(stub.get("net_pay"), dict):
                    stub["net_pay"]["current_amount"] = odd
    model = build_case({"/credit/payroll_income/get": json.dumps(body).encode()})
    for stub in model.pay_stubs:
        assert stub.net_pay is None
    read_everything(model)
