"""Plaid response bodies (bytes as stored) into the generated pydantic models, never raising.

A body that is not JSON, not an object, or has parts of the wrong shape becomes a list of
:class:`ShapeProblem` in words; the parts that do fit are kept.
"""

from __future__ import annotations

from typing import Any, Final

import pydantic

from reviewer.plaid import models
from reviewer.plaid.json_limits import load_json
from reviewer.review.model.names import (
    BANK_EMPLOYMENT,
    BANK_INCOME,
    BANK_INCOME_PDF,
    EMPLOYMENT,
    PAYROLL,
    RISK_SIGNALS,
    SESSIONS,
    STATEMENTS,
    endpoint_words,
)
from reviewer.review.model.values import ShapeProblem

__all__ = [
    "BANK_EMPLOYMENT",
    "BANK_INCOME",
    "BANK_INCOME_PDF",
    "EMPLOYMENT",
    "PAYROLL",
    "RESPONSE_MODELS",
    "RISK_SIGNALS",
    "SESSIONS",
    "STATEMENTS",
    "endpoint_words",
    "parse_body",
    "shape_problems",
    "validate_body",
]

RESPONSE_MODELS: Final[dict[str, type[models.PlaidModel]]] = {
    SESSIONS: models.CreditSessionsGetResponse,
    PAYROLL: models.CreditPayrollIncomeGetResponse,
    STATEMENTS: models.CreditBankStatementsUploadsGetResponse,
    RISK_SIGNALS: models.CreditPayrollIncomeRiskSignalsGetResponse,
    BANK_INCOME: models.CreditBankIncomeGetResponse,
    EMPLOYMENT: models.CreditEmploymentGetResponse,
    BANK_EMPLOYMENT: models.CreditBankEmploymentGetResponse,
}
"""The JSON endpoints a fetch calls and the model of each one's 200 body."""


def parse_body(endpoint: str, raw: bytes | None) -> tuple[Any, list[ShapeProblem]]:
    """The endpoint's response model from raw bytes (None if unusable) and the shape problems."""
    model_cls = RESPONSE_MODELS.get(endpoint)
    if model_cls is None or raw is None:
        return None, []
    try:
        body = load_json(raw)  # bounded: size, containers, values, depth
    except (ValueError, RecursionError) as exc:
        return None, [_problem(endpoint, "", f"the response could not be read: {exc}")]
    return validate_body(endpoint, body)


def validate_body(endpoint: str, body: object) -> tuple[Any, list[ShapeProblem]]:
    """`parse_body` for a body already decoded from JSON."""
    model_cls = RESPONSE_MODELS.get(endpoint)
    if model_cls is None:
        return None, []
    if not isinstance(body, dict):
        return None, [_problem(endpoint, "", "the response was not a JSON object")]
    try:
        parsed = model_cls.model_validate(body)
    except (pydantic.ValidationError, RecursionError, ValueError, TypeError):
        return None, [_problem(endpoint, "", "the response did not have the expected shape")]
    return parsed, shape_problems(endpoint, parsed)


def shape_problems(endpoint: str, parsed: models.PlaidModel) -> list[ShapeProblem]:
    """The fields of a parsed response that arrived in the wrong shape, in words."""
    out = []
    for path, problem in models.all_problems(parsed):
        where = f"{path}.{problem.field}" if path else problem.field
        out.append(
            _problem(
                endpoint,
                where,
                f"{where} was not in the shape the spec gives it: got {_kind(problem.raw_value)}",
            )
        )
    return out


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, str):
        return "text"
    if isinstance(value, int | float):
        return "a number"
    return "null" if value is None else "an odd value"


def _problem(endpoint: str, path: str, what: str) -> ShapeProblem:
    return ShapeProblem(
        endpoint=endpoint,
        path=path,
        message=f"Part of {endpoint_words(endpoint)} could not be read ({what}); it is not shown.",
    )
