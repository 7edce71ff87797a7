"""Validate JSON bodies against Plaid's OpenAPI spec: the subset vendored in the repository.

The spec is `reviewer/plaid/models/openapi/2020-09-14.income.yml` (SPEC_PATH; provenance and
licence in the README beside it): every schema reachable from the endpoints Reviewer calls and the
income webhooks. This module is the one way tests load it.

OpenAPI 3.0 schemas are not quite JSON Schema: `nullable: true` is rewritten to allow `null`
once, at load, and `$ref`s resolve inside the spec document. It is parsed once per test session.

    validate_response("/credit/payroll_income/get", body)   # raises jsonschema.ValidationError
    validate_component("Paystub", obj)
    response_schema("/credit/payroll_income/get")           # the converted JSON schema
"""

from __future__ import annotations

import functools
from typing import Any

import jsonschema
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from reviewer.plaid.models._codegen import VENDORED_SPEC as SPEC_PATH

SPEC_URI = "urn:plaid-openapi"


def _nullable_to_jsonschema(node: Any) -> Any:
    if isinstance(node, list):
        return [_nullable_to_jsonschema(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _nullable_to_jsonschema(v) for k, v in node.items()}
    if out.pop("nullable", False):
        if "$ref" in out or "allOf" in out or "oneOf" in out or "anyOf" in out:
            return {"anyOf": [out, {"type": "null"}]}
        if "type" in out:
            types = out["type"] if isinstance(out["type"], list) else [out["type"]]
            out["type"] = [*types, "null"]
        if "enum" in out and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
    return out


@functools.cache
def raw_spec() -> dict[str, Any]:
    """The vendored spec as written (OpenAPI 3.0, examples included). Do not mutate it."""
    with SPEC_PATH.open("rb") as fh:
        loaded: dict[str, Any] = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return loaded


@functools.cache
def spec() -> dict[str, Any]:
    """The spec's components and paths, with OpenAPI `nullable` turned into JSON Schema."""
    raw = raw_spec()
    return {"components": _nullable_to_jsonschema(raw["components"]), "paths": raw["paths"]}


@functools.cache
def _registry() -> Registry:
    resource = Resource.from_contents(spec(), default_specification=DRAFT4)
    return Registry().with_resource(SPEC_URI, resource)


def _ref_uri(ref: str) -> str:
    return SPEC_URI + ref


def component(name: str) -> dict[str, Any]:
    """A converted component schema by name (e.g. "Paystub")."""
    return spec()["components"]["schemas"][name]


def _op(path: str) -> dict[str, Any]:
    return spec()["paths"][path]["post"]


def response_schema_name(path: str) -> str:
    """Component name of the 200 JSON response of a POST endpoint."""
    content = _op(path)["responses"]["200"]["content"]
    schema = content.get("application/json", next(iter(content.values())))["schema"]
    return schema["$ref"].rsplit("/", 1)[-1]


def request_schema_name(path: str) -> str:
    """Component name of the JSON request body of a POST endpoint."""
    schema = _op(path)["requestBody"]["content"]["application/json"]["schema"]
    return schema["$ref"].rsplit("/", 1)[-1]


def _validator_for_ref(ref: str) -> jsonschema.Draft4Validator:
    return jsonschema.Draft4Validator({"$ref": _ref_uri(ref)}, registry=_registry())


def validate_component(name: str, instance: Any) -> None:
    """Raise jsonschema.ValidationError if `instance` does not match component `name`."""
    _validator_for_ref(f"#/components/schemas/{name}").validate(instance)


def validate_response(path: str, body: Any) -> None:
    """Raise jsonschema.ValidationError if `body` is not a valid 200 body of `path`."""
    validate_component(response_schema_name(path), body)


def validate_request(path: str, body: Any) -> None:
    """Raise jsonschema.ValidationError if `body` is not a valid request body of `path`."""
    validate_component(request_schema_name(path), body)


def response_schema(path: str) -> dict[str, Any]:
    """A self-contained schema (refs into the spec) for the 200 body of `path`."""
    return {"$ref": _ref_uri(f"#/components/schemas/{response_schema_name(path)}")}
