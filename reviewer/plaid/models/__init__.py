"""Pydantic v2 models of Plaid's Income API, named exactly as the OpenAPI spec's components.

    from reviewer.plaid import models
    response = models.CreditPayrollIncomeGetResponse.model_validate(body)
    models.dump_json_compatible(response)          # JSON-ready dict, Plaid's names, unset omitted
    models.unknown_enum_values(response)           # [(path, value)] for enum values the spec lacks
    models.all_problems(response)                  # fields that arrived with the wrong type
    models.parse_webhook(payload)                  # income webhook (INCOME / USER_INCOME_VERIFICATION)

The classes are generated from the spec by ``_codegen.py`` into ``_generated.py``; the forgiving
behaviour (extra fields kept, null arrays read as empty, missing fields tolerated, unknown enum
values kept, odd fields isolated) lives in ``_base.py``.
"""

from reviewer.plaid.models._base import (
    FieldProblem,
    KnownValues,
    PlaidList,
    PlaidModel,
    all_problems,
    dump_json_compatible,
    is_known_enum_value,
    unknown_enum_values,
)
from reviewer.plaid.models._generated import *  # noqa: F403
from reviewer.plaid.models._generated import __all__ as _generated_names
from reviewer.plaid.models._webhooks import (
    INCOME_WEBHOOK_TYPES,
    GenericWebhook,
    IncomeWebhook,
    parse_webhook,
    webhook_model_for,
)

__all__ = [
    "INCOME_WEBHOOK_TYPES",
    "FieldProblem",
    "GenericWebhook",
    "IncomeWebhook",
    "KnownValues",
    "PlaidList",
    "PlaidModel",
    "all_problems",
    "dump_json_compatible",
    "is_known_enum_value",
    "parse_webhook",
    "unknown_enum_values",
    "webhook_model_for",
    *_generated_names,
]
