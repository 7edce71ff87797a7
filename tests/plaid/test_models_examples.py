"""Every example in Plaid's spec parses, and the parsed model dumps back to a spec-valid body.

Response and webhook examples come from the vendored spec (the same examples Plaid's Income API
reference prints). The request bodies are those of the reference's curl samples, which the spec
does not carry; they are written out here.
"""

from __future__ import annotations

from typing import Any

import pytest

from reviewer.plaid import models
from reviewer.plaid.models._codegen import ENDPOINTS, WEBHOOKS
from tests.openapi import raw_spec, request_schema_name, response_schema_name, validate_component

_USER = "user-sandbox-b0e2c4ee-a763-4df5-bfe9-46a46bce993d"
_CREDS = {"client_id": "${PLAID_CLIENT_ID}", "secret": "${PLAID_SECRET}"}
REQUEST_SAMPLES: list[tuple[str, dict[str, Any]]] = [
    ("/user/create", {**_CREDS, "client_user_id": "c0e2c4ee-b763-4af5-cfe9-46a46bce883d"}),
    ("/credit/sessions/get", {**_CREDS, "user_token": _USER}),
    ("/credit/bank_income/get", {**_CREDS, "user_token": _USER, "options": {"count": 1}}),
    ("/credit/bank_income/pdf/get", {**_CREDS, "user_token": _USER}),
    ("/credit/bank_statements/uploads/get", {**_CREDS, "user_token": "${USER_TOKEN}"}),
    ("/credit/payroll_income/get", {**_CREDS, "user_token": _USER}),
    (
        "/credit/payroll_income/risk_signals/get",
        {**_CREDS, "user_token": "user-sandbox-dd4c42bd-4a81-4089-8146-40671e81dd12"},
    ),
    ("/credit/employment/get", {**_CREDS, "user_token": _USER}),
    (
        "/credit/payroll_income/parsing_config/update",
        {
            **_CREDS,
            "user_token": "user-sandbox-dd4c42bd-4a81-4089-8146-40671e81dd12",
            "parsing_config": ["ocr"],
        },
    ),
    (
        "/credit/payroll_income/refresh",
        {
            **_CREDS,
            "user_token": _USER,
            "options": {"item_ids": ["eVBnVMp7zdTJLkRNr33Rs6zr7KNJqBFL9DrE6"]},
        },
    ),
]


def _response_examples() -> list[Any]:
    """(schema name, body) of every 200 JSON example of our endpoints and every webhook example."""
    spec = raw_spec()
    cases = []
    for path in ENDPOINTS:
        content = spec["paths"][path]["post"]["responses"]["200"]["content"]
        for key, example in content.get("application/json", {}).get("examples", {}).items():
            cases.append(pytest.param(response_schema_name(path), example["value"], id=path + key))
    for name in WEBHOOKS:
        for key, example in spec["components"]["schemas"][name].get("x-examples", {}).items():
            cases.append(pytest.param(name, example, id=f"{name}-{key}"))
    return cases


RESPONSE_EXAMPLES = _response_examples()


def test_the_spec_has_an_example_of_every_json_response_and_webhook() -> None:
    # 11 endpoints answer JSON (the PDF endpoint does not); /user/create has two examples.
    endpoint_ids = {p.id for p in RESPONSE_EXAMPLES if p.id and p.id.startswith("/")}
    assert len(endpoint_ids) == 12
    assert {p.values[0] for p in RESPONSE_EXAMPLES} >= set(WEBHOOKS)


@pytest.mark.parametrize(("schema_name", "body"), RESPONSE_EXAMPLES)
def test_example_response_parses_and_dumps_back_spec_valid(schema_name: str, body: Any) -> None:
    if "webhook_code" in body:  # the webhook dispatcher picks the same model
        assert models.webhook_model_for(body["webhook_type"], body["webhook_code"]).__name__ == (
            schema_name
        )
    parsed = getattr(models, schema_name).model_validate(body)

    assert models.all_problems(parsed) == []
    dumped = models.dump_json_compatible(parsed)
    assert dumped == body
    validate_component(schema_name, dumped)


@pytest.mark.parametrize(("path", "body"), REQUEST_SAMPLES, ids=[p for p, _ in REQUEST_SAMPLES])
def test_sample_request_parses_and_dumps_back(path: str, body: dict[str, Any]) -> None:
    schema_name = request_schema_name(path)
    parsed = getattr(models, schema_name).model_validate(body)

    dumped = models.dump_json_compatible(parsed)
    assert dumped == body
    validate_component(schema_name, dumped)
    assert "PLAID_SECRET" not in repr(parsed)
