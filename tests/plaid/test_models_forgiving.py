"""The models survive what real Plaid responses do (plaid-python #431, #442, #459, #470, #471)."""

from __future__ import annotations

import pytest

from reviewer.plaid import models
from tests.openapi import (
    component,
    request_schema_name,
    response_schema_name,
    validate_component,
    validate_request,
)

ENDPOINTS = [
    "/user/create",
    "/credit/sessions/get",
    "/credit/bank_income/get",
    "/credit/bank_income/pdf/get",
    "/credit/bank_statements/uploads/get",
    "/credit/payroll_income/get",
    "/credit/payroll_income/risk_signals/get",
    "/credit/payroll_income/parsing_config/update",
    "/credit/employment/get",
    "/credit/payroll_income/refresh",
    "/beta/credit/v1/bank_employment/get",
    "/sandbox/income/fire_webhook",
]


def _schema_names(path: str) -> list[str]:
    names = [request_schema_name(path)]
    if path != "/credit/bank_income/pdf/get":  # its 200 body is the PDF itself
        names.append(response_schema_name(path))
    return names


@pytest.mark.parametrize("path", ENDPOINTS)
def test_every_endpoint_has_request_and_response_models_with_the_spec_fields(path: str) -> None:
    for name in _schema_names(path):
        model_cls = getattr(models, name)
        declared = {info.alias or field for field, info in model_cls.model_fields.items()}
        assert declared == set(component(name)["properties"]), name


def test_every_generated_model_declares_exactly_its_spec_properties() -> None:
    generated = [
        getattr(models, n)
        for n in models.__all__
        if isinstance(getattr(models, n), type)
        and issubclass(getattr(models, n), models.PlaidModel)
    ]
    assert len(generated) > 100
    for model_cls in generated:
        if model_cls in (models.PlaidModel, models.GenericWebhook):
            continue
        declared = {info.alias or f for f, info in model_cls.model_fields.items()}
        assert declared == set(component(model_cls.__name__)["properties"]), model_cls.__name__


def test_unknown_fields_are_kept_at_every_level() -> None:
    body = {
        "items": [
            {"item_id": "i1", "new_top": {"x": 1}, "payroll_income": [{"brand_new": [1, 2]}]}
        ],
        "request_id": "r",
        "added_in_2027": True,
    }
    parsed = models.CreditPayrollIncomeGetResponse.model_validate(body)

    assert parsed.model_extra == {"added_in_2027": True}
    assert parsed.items[0].payroll_income[0].model_extra == {"brand_new": [1, 2]}
    assert models.dump_json_compatible(parsed) == body


def test_null_arrays_from_the_plaid_python_issues_read_as_empty() -> None:
    # #459 form1099s, #470 distribution_breakdown, #471 owners: null where the spec says array.
    payroll = models.CreditPayrollIncomeGetResponse.model_validate(
        {
            "items": [
                {
                    "payroll_income": [
                        {
                            "form1099s": None,
                            "w2s": None,
                            "pay_stubs": [{"pay_period_details": {"distribution_breakdown": None}}],
                        }
                    ]
                }
            ],
            "request_id": "r",
        }
    )
    income = payroll.items[0].payroll_income[0]
    assert income.form1099s == []
    assert income.w2s == []
    details = income.pay_stubs[0].pay_period_details
    assert details is not None
    assert details.distribution_breakdown == []

    bank = models.CreditBankIncomeGetResponse.model_validate(
        {"bank_income": [{"items": [{"bank_income_accounts": [{"owners": None}]}]}]}
    )
    assert bank.bank_income[0].items[0].bank_income_accounts[0].owners == []


def test_missing_required_fields_read_as_none_and_are_not_invented_on_dump() -> None:
    body = {"document_metadata": {"name": "paystub.pdf"}}  # CreditPayStub requires 7 fields
    stub = models.CreditPayStub.model_validate(body)

    assert stub.document_id is None
    assert stub.earnings is None
    assert stub.document_metadata is not None
    assert stub.document_metadata.name == "paystub.pdf"
    assert models.dump_json_compatible(stub) == body


def test_values_outside_the_seeds_possible_values_are_kept_and_reported() -> None:
    sessions = models.CreditSessionsGetResponse.model_validate(
        {
            "sessions": [
                {
                    "link_session_id": "s1",
                    "results": {
                        "bank_income_results": [{"status": "STARTED", "item_id": "i"}],
                        "bank_employment_results": [{"status": "SOMETHING_NEW"}],
                    },
                }
            ],
            "request_id": "r",
        }
    )
    results = sessions.sessions[0].results
    assert results is not None
    assert results.bank_income_results[0].status == models.CreditSessionBankIncomeStatus.STARTED
    assert results.bank_employment_results[0].status == "SOMETHING_NEW"
    assert models.unknown_enum_values(sessions) == [
        ("sessions[0].results.bank_employment_results[0].status", "SOMETHING_NEW")
    ]

    metadata = models.CreditDocumentMetadata.model_validate({"document_type": "US_TAX_1099_MISC"})
    assert metadata.document_type == "US_TAX_1099_MISC"
    assert not models.is_known_enum_value(models.CreditDocumentType, metadata.document_type)
    assert models.is_known_enum_value(models.CreditDocumentType, "US_TAX_W2")
    assert models.dump_json_compatible(metadata) == {"document_type": "US_TAX_1099_MISC"}


def test_one_wrong_typed_field_is_isolated_and_kept_raw() -> None:
    body = {
        "pay_amount": "1,234.56",
        "gross_earnings": 2000.5,
        "pay_date": "2024-01-31",
        "distribution_breakdown": [],
    }
    details = models.PayStubPayPeriodDetails.model_validate(body)

    assert details.pay_amount is None
    assert details.gross_earnings == 2000.5
    assert details.pay_date == "2024-01-31"
    [problem] = details.model_problems
    assert (problem.field, problem.raw_value) == ("pay_amount", "1,234.56")
    assert models.dump_json_compatible(details) == body


def test_problems_survive_copies_and_clean_objects_carry_no_private_state() -> None:
    odd = models.PayStubPayPeriodDetails.model_validate({"pay_amount": "1,234.56"})
    clean = models.PayStubPayPeriodDetails.model_validate({"pay_amount": 1234.56})

    assert [p.field for p in odd.model_copy(deep=True).model_problems] == ["pay_amount"]
    assert clean.model_problems == [] and odd != clean
    # no per-object private state unless there is a problem: pydantic then runs no Python
    # initialiser for each object it validates (a third of a big reply's validation time)
    assert clean.__pydantic_private__ is None
    assert type(clean).__private_attributes__ == {}


def test_a_list_item_that_is_not_an_object_costs_only_its_field() -> None:
    body = {"items": ["not an item"], "error": None, "request_id": "req"}
    parsed = models.CreditPayrollIncomeGetResponse.model_validate(body)

    assert parsed.request_id == "req"
    assert parsed.items == []
    assert [(path, p.field) for path, p in models.all_problems(parsed)] == [("", "items")]


def test_a_body_that_is_not_an_object_is_still_an_error() -> None:
    with pytest.raises(ValueError):
        models.CreditPayrollIncomeGetResponse.model_validate(["not", "a", "body"])


def test_bank_employment_session_result_from_the_seeds() -> None:
    result = models.CreditSessionBankEmploymentResult.model_validate(
        {"status": "APPROVED", "item_id": "item-1", "institution_id": "ins_1"}
    )
    assert result.status == models.CreditSessionBankEmploymentStatus.APPROVED
    assert set(models.CreditSessionBankEmploymentStatus) >= {"APPROVED", "EMPLOYER_NOT_LISTED"}
    validate_component("CreditSessionBankEmploymentResult", models.dump_json_compatible(result))


def test_request_built_in_code_dumps_only_what_was_set_and_is_spec_valid() -> None:
    request = models.CreditPayrollIncomeRefreshRequest(
        user_token="user-sandbox-1",
        options=models.CreditPayrollIncomeRefreshRequestOptions(
            item_ids=["item-1"], webhook="https://example.test/hook"
        ),
    )
    body = models.dump_json_compatible(request)

    assert body == {
        "user_token": "user-sandbox-1",
        "options": {"item_ids": ["item-1"], "webhook": "https://example.test/hook"},
    }
    validate_request("/credit/payroll_income/refresh", body)


def test_parsing_config_update_request_keeps_spec_names() -> None:
    request = models.CreditPayrollIncomeParsingConfigUpdateRequest(
        user_token="u", item_id="item-1", parsing_config=["ocr", "risk_signals"]
    )
    body = models.dump_json_compatible(request)
    assert body == {
        "user_token": "u",
        "item_id": "item-1",
        "parsing_config": ["ocr", "risk_signals"],
    }
    validate_request("/credit/payroll_income/parsing_config/update", body)


def test_secrets_stay_out_of_reprs() -> None:
    request = models.CreditPayrollIncomeGetRequest(
        client_id="client-abc", secret="s3cr3t-value", user_token="u"
    )
    assert "s3cr3t-value" not in repr(request)
    assert "s3cr3t-value" not in str(request)
