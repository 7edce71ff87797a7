"""Hypothesis strategies for Plaid bodies generated from the OpenAPI spec, and body walkers.

`body_strategy(name)` inlines every `$ref` of a component schema into one self-contained JSON schema
(bounded: arrays of at most 2 items (1 when nested deep), short strings, numbers in +/-1e9 so float round trips are
exact, a few extra keys per object) and draws bodies from it. hypothesis-jsonschema 0.23 does not
work with the locked hypothesis 6.170 (`'many' object has no attribute 'more'`), so the small subset
of JSON Schema the spec's income schemas use is translated to strategies here.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st
from pydantic.fields import FieldInfo

from reviewer.plaid.models import KnownValues, PlaidModel
from tests.openapi import spec

_STRING_FORMATS = {"date", "date-time"}


_KEEP = {"type", "enum", "required", "minimum", "maximum", "minItems", "minLength", "pattern"}


def _bounded(node: Any, arrays_above: int = 0) -> Any:
    """Inline refs and bound sizes; walks schema keywords only (property names can be anything).

    Arrays hold at most 2 items in the outer two levels of nesting and 1 below, so a body stays
    a few kB however deep the schema goes.
    """
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return _bounded(spec()["components"]["schemas"][name], arrays_above)
    out: dict[str, Any] = {k: v for k, v in node.items() if k in _KEEP}
    if "properties" in node:
        out["properties"] = {k: _bounded(v, arrays_above) for k, v in node["properties"].items()}
    if "items" in node:
        out["items"] = _bounded(node["items"], arrays_above + 1)
    for key in ("allOf", "anyOf", "oneOf"):
        if key in node:
            out[key] = [_bounded(n, arrays_above) for n in node[key]]
    types_ = out.get("type")
    kinds = set(types_) if isinstance(types_, list) else {types_}
    if "array" in kinds:
        limit = 2 if arrays_above < 2 else 1
        out["maxItems"] = min(node.get("maxItems", limit), limit)
    if "string" in kinds and "enum" not in out:
        out["maxLength"] = min(node.get("maxLength", 8), 8)
        if node.get("format") in _STRING_FORMATS:
            out["format"] = node["format"]
    if kinds & {"number", "integer"}:
        out.setdefault("minimum", -1e9)
        out.setdefault("maximum", 1e9)
    if "object" in kinds and node.get("additionalProperties", True) is not False:
        # Extra keys are valuable (unknown fields must survive) but keep them few and small.
        out["additionalProperties"] = {"type": ["string", "integer", "null"], "maxLength": 4}
        out["maxProperties"] = len(out.get("properties", {})) + 2
    elif node.get("additionalProperties") is False:
        out["additionalProperties"] = False
    return out


@functools.cache
def bounded_schema(name: str) -> dict[str, Any]:
    """A self-contained, size-bounded JSON schema for spec component `name`."""
    return _bounded({"$ref": f"#/components/schemas/{name}"})


def body_strategy(name: str) -> st.SearchStrategy[Any]:
    """Spec-valid JSON bodies of component `name`."""
    return from_bounded_schema(bounded_schema(name))


_EXTRA_KEYS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=6)
_EXTRA_VALUES = st.one_of(st.none(), st.integers(-99, 99), st.text(max_size=4))


def from_bounded_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Strategy for the JSON Schema subset `bounded_schema` produces."""
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return st.one_of([from_bounded_schema(s) for s in schema[key]])
    if "allOf" in schema:
        merged = {k: v for k, v in schema.items() if k != "allOf"}
        for part in schema["allOf"]:
            merged.update(part)
        return from_bounded_schema(merged)
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if isinstance(kind, list):
        return st.one_of([from_bounded_schema({**schema, "type": k}) for k in kind])
    if kind == "object" or (kind is None and "properties" in schema):
        return _object_strategy(schema)
    if kind == "array":
        items = from_bounded_schema(schema.get("items", {}))
        return st.lists(items, min_size=schema.get("minItems", 0), max_size=schema["maxItems"])
    if kind == "string":
        return _string_strategy(schema)
    if kind == "integer":
        return st.integers(int(schema["minimum"]), int(schema["maximum"]))
    if kind == "number":
        lo, hi = schema["minimum"], schema["maximum"]
        return st.integers(int(lo), int(hi)) | st.floats(lo, hi, allow_nan=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    return _EXTRA_VALUES


def _string_strategy(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    fmt = schema.get("format")
    if fmt == "date":
        return st.dates().map(lambda d: d.isoformat())
    if fmt == "date-time":
        return st.datetimes().map(lambda d: d.isoformat(timespec="seconds") + "Z")
    if "pattern" in schema:
        return st.from_regex(schema["pattern"], fullmatch=True)
    return st.text(min_size=schema.get("minLength", 0), max_size=max(schema["maxLength"], 1))


def _object_strategy(schema: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    props = schema.get("properties", {})
    required = set(schema.get("required", []))
    fixed = st.fixed_dictionaries(
        {k: from_bounded_schema(v) for k, v in props.items() if k in required},
        optional={k: from_bounded_schema(v) for k, v in props.items() if k not in required},
    )
    if schema.get("additionalProperties") is False:
        return fixed
    extras = st.dictionaries(
        _EXTRA_KEYS.filter(lambda k: k not in props), _EXTRA_VALUES, max_size=2
    )
    return st.builds(lambda a, b: {**b, **a}, fixed, extras)


@dataclass
class Slot:
    """One field of a body: `container[key]`, declared by `info` on a model (sub-model if any)."""

    container: dict[str, Any]
    key: str
    info: FieldInfo
    submodel: type[PlaidModel] | None

    @property
    def is_list(self) -> bool:
        """Whether the field is declared as an array."""
        return _is_list(self.info.annotation)

    @property
    def known_values(self) -> KnownValues | None:
        """The enum metadata of the field, if it is enum-typed."""
        return next((m for m in self.info.metadata if isinstance(m, KnownValues)), None)


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) is list:
        return True
    return any(_is_list(a) for a in typing.get_args(annotation))


def _submodel(annotation: Any) -> type[PlaidModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, PlaidModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            if (found := _submodel(arg)) is not None:
                return found
    return None


def slots(model_cls: type[PlaidModel], body: Any) -> Iterator[Slot]:
    """Every declared field present in `body`, recursively through nested objects and arrays."""
    if not isinstance(body, dict):
        return
    by_alias = {(info.alias or name): info for name, info in model_cls.model_fields.items()}
    for key, value in body.items():
        info = by_alias.get(key)
        if info is None:
            continue
        sub = _submodel(info.annotation)
        yield Slot(body, key, info, sub)
        if sub is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            yield from slots(sub, item)
