"""Property tests: bodies generated from the spec's response schemas survive the models.

Each test draws a spec-valid body (tests/plaid/strategies.py), optionally damages it the way real
Plaid responses do (unknown enum values, null arrays, a wrong-typed field), parses it with the model
named like the spec component and checks what a consumer of the model would see.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from reviewer.plaid import models
from tests.openapi import response_schema_name, validate_component
from tests.plaid.strategies import body_strategy, slots

ENDPOINTS = [
    "/user/create",
    "/credit/sessions/get",
    "/credit/bank_income/get",
    "/credit/bank_statements/uploads/get",
    "/credit/payroll_income/get",
    "/credit/payroll_income/risk_signals/get",
    "/credit/payroll_income/parsing_config/update",
    "/credit/employment/get",
    "/credit/payroll_income/refresh",
    "/beta/credit/v1/bank_employment/get",
    "/sandbox/income/fire_webhook",
]
WEBHOOKS_AND_REQUESTS = [
    "IncomeVerificationStatusWebhook",
    "IncomeVerificationRiskSignalsStatusWebhook",
    "BankIncomeRefreshCompleteWebhook",
    "IncomeVerificationRefreshReconnectNeededWebhook",
    "CreditPayrollIncomeRefreshRequest",
    "CreditPayrollIncomeParsingConfigUpdateRequest",
    "CreditBankIncomeGetRequest",
]
# The endpoints whose bodies nest deep enough to make the damage tests interesting.
DEEP_ENDPOINTS = [
    "/credit/payroll_income/get",
    "/credit/bank_income/get",
    "/credit/payroll_income/risk_signals/get",
]
# No shrinking: on these deep bodies it can take minutes, and the unshrunk example is readable.
SMALL = settings(
    max_examples=30,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# The damage tests walk and mutate every body: fewer, deeper examples keep the file fast.
DAMAGE = settings(SMALL, max_examples=15)
UNKNOWN = "NOT_IN_SPEC_YET"


def equal_modulo_null_lists(received: Any, dumped: Any) -> bool:
    """Whether `dumped` equals `received`, except that a null array may have become []."""
    if received is None and dumped == []:
        return True
    if isinstance(received, dict) and isinstance(dumped, dict):
        return received.keys() == dumped.keys() and all(
            equal_modulo_null_lists(received[k], dumped[k]) for k in received
        )
    if isinstance(received, list) and isinstance(dumped, list):
        return len(received) == len(dumped) and all(
            equal_modulo_null_lists(a, b) for a, b in zip(received, dumped, strict=True)
        )
    if isinstance(received, bool) or isinstance(dumped, bool):
        return received is dumped  # 1 == True in Python, but not in a JSON body
    return bool(received == dumped)  # 5 == 5.0: a spec "number" may dump as a float


def _model(path: str) -> type[models.PlaidModel]:
    return getattr(models, response_schema_name(path))  # type: ignore[no-any-return]


@pytest.mark.parametrize("path", ENDPOINTS)
@SMALL
@given(data=st.data())
def test_spec_valid_bodies_parse_and_dump_back_equal(path: str, data: st.DataObject) -> None:
    _check_round_trip(response_schema_name(path), data)


@pytest.mark.parametrize("name", WEBHOOKS_AND_REQUESTS)
@settings(SMALL, max_examples=15)
@given(data=st.data())
def test_webhooks_and_requests_round_trip(name: str, data: st.DataObject) -> None:
    _check_round_trip(name, data)


def _check_round_trip(name: str, data: st.DataObject) -> None:
    body = data.draw(body_strategy(name))

    parsed = getattr(models, name).model_validate(body)
    dumped = models.dump_json_compatible(parsed)

    assert models.all_problems(parsed) == []
    assert equal_modulo_null_lists(body, dumped), (body, dumped)
    validate_component(name, dumped)


@pytest.mark.parametrize("path", DEEP_ENDPOINTS)
@DAMAGE
@given(data=st.data())
def test_unknown_enum_values_survive_and_are_reported(path: str, data: st.DataObject) -> None:
    body = data.draw(body_strategy(response_schema_name(path)))
    enum_slots = [
        s
        for s in slots(_model(path), body)
        if s.known_values is not None and isinstance(s.container[s.key], str)
    ]
    for slot in enum_slots:
        slot.container[slot.key] = UNKNOWN

    parsed = _model(path).model_validate(body)

    assert models.dump_json_compatible(parsed) == body
    reported = models.unknown_enum_values(parsed)
    assert len(reported) == len(enum_slots)
    assert {value for _, value in reported} <= {UNKNOWN}


@pytest.mark.parametrize("path", DEEP_ENDPOINTS)
@DAMAGE
@given(data=st.data())
def test_null_arrays_read_as_empty(path: str, data: st.DataObject) -> None:
    body = data.draw(body_strategy(response_schema_name(path)))
    list_slots = [s for s in slots(_model(path), body) if s.is_list]
    # Null only the innermost arrays' parents can't be found after nulling an outer one, so the
    # arrays are collected first and nulled afterwards.
    for slot in list_slots:
        slot.container[slot.key] = None

    parsed = _model(path).model_validate(body)
    dumped = models.dump_json_compatible(parsed)

    for slot in slots(_model(path), dumped):
        if slot.is_list:
            assert slot.container[slot.key] == []
    assert equal_modulo_null_lists(body, dumped)
    assert models.all_problems(parsed) == []


@pytest.mark.parametrize("path", DEEP_ENDPOINTS)
@DAMAGE
@given(data=st.data())
def test_one_wrong_typed_field_does_not_fail_the_response(path: str, data: st.DataObject) -> None:
    body = data.draw(body_strategy(response_schema_name(path)))
    scalar_slots = [s for s in slots(_model(path), body) if s.submodel is None and not s.is_list]
    if not scalar_slots:
        body["request_id"] = "req-1"
        scalar_slots = list(slots(_model(path), body))
    slot = data.draw(st.sampled_from(scalar_slots))
    odd = {"unexpected": ["shape"]}  # no scalar field of the spec accepts an object
    slot.container[slot.key] = odd

    parsed = _model(path).model_validate(body)

    problems = models.all_problems(parsed)
    assert [(p.field, p.raw_value) for _, p in problems] == [(slot.key, odd)]
    # The odd value is written back verbatim, so nothing is lost for the audit trail.
    assert equal_modulo_null_lists(body, models.dump_json_compatible(parsed))
