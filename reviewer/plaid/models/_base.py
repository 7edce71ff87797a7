"""The forgiving base every Plaid model derives from.

Real Plaid responses drift from the spec (plaid-python #431, #442, #459, #470, #471): fields are
added, "required" fields go missing, arrays arrive as ``null``, enums grow new values. The models
therefore:

- keep unknown fields (``extra="allow"``) and dump them back;
- read a ``null`` array as ``[]`` (:data:`PlaidList`);
- default every field to ``None``, so a missing "required" field never sinks a response;
- type enum-valued fields as ``str`` annotated with :class:`KnownValues`, so a new value parses and is
  kept verbatim while :func:`unknown_enum_values` tells known values from unknown ones;
- keep dates and datetimes as the strings Plaid sent (ISO 8601; parse where needed);
- survive one odd field: a value of the wrong type is left out of the typed attribute (which stays
  ``None``), recorded in :attr:`PlaidModel.model_problems`, and written back verbatim on dump.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Self, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ModelWrapValidatorHandler,
    SerializerFunctionWrapHandler,
    ValidationError,
    model_serializer,
    model_validator,
)

T = TypeVar("T")


def _none_as_empty_list(value: Any) -> Any:
    """Plaid sometimes sends ``null`` where the spec promises an array; read it as empty."""
    return [] if value is None else value


PlaidList = Annotated[list[T], BeforeValidator(_none_as_empty_list)]
"""A spec array: ``null`` on the wire reads as ``[]``."""


@dataclass(frozen=True)
class KnownValues:
    """Field metadata naming the spec's enum for a ``str`` field (or the items of a list of str).

    ``values`` holds the values the spec lists; any other string is accepted and kept.
    """

    values: frozenset[str]
    enum_name: str

    @classmethod
    def of(cls, enum_cls: type[enum.Enum]) -> KnownValues:
        """Metadata for a generated ``StrEnum`` class."""
        return cls(frozenset(str(m.value) for m in enum_cls), enum_cls.__name__)

    @classmethod
    def inline(cls, *values: str) -> KnownValues:
        """Metadata for an enum the spec declares inline on one field."""
        return cls(frozenset(values), "")


@dataclass(frozen=True)
class FieldProblem:
    """A field whose value did not match its declared type; ``raw_value`` is what arrived."""

    field: str
    raw_value: Any
    message: str


class PlaidModel(BaseModel):
    """Base of every generated Plaid request/response/webhook model."""

    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        protected_namespaces=(),
        defer_build=True,
    )

    @property
    def model_problems(self) -> list[FieldProblem]:
        """Fields of this object (not nested ones) whose values had the wrong type."""
        return list(_problems_of(self))

    @model_validator(mode="wrap")
    @classmethod
    def _tolerate_odd_fields(cls, data: Any, handler: ModelWrapValidatorHandler[Self]) -> Self:
        # Nested models tolerate their own odd fields, so an error reaching this level is
        # about one of our own keys (or a nested value that is not even an object).
        try:
            return handler(data)
        except ValidationError as exc:
            if not isinstance(data, dict):
                raise
            bad: dict[str, str] = {}
            for err in exc.errors(include_url=False):
                loc = err["loc"]
                if loc and isinstance(loc[0], str) and loc[0] in data:
                    bad.setdefault(loc[0], f"{err['type']}: {err['msg']}")
            if not bad:
                raise
            instance = handler({k: v for k, v in data.items() if k not in bad})
            # kept in the model's private storage only when there are some: a declared private
            # attribute with a default made pydantic run a Python initialiser for every object
            # it validated, a third of the time of a big reply (a 32-page statement's)
            problems = [FieldProblem(k, data[k], msg) for k, msg in bad.items()]
            object.__setattr__(instance, "__pydantic_private__", {_PROBLEMS: problems})
            return instance

    @model_serializer(mode="wrap")
    def _write_back_odd_fields(self, handler: SerializerFunctionWrapHandler) -> Any:
        dumped = handler(self)
        problems = _problems_of(self)
        if problems and isinstance(dumped, dict):
            for problem in problems:
                dumped[problem.field] = problem.raw_value
        return dumped


def dump_json_compatible(model: BaseModel) -> dict[str, Any]:
    """The model as a JSON-ready dict with Plaid's field names, omitting fields never set.

    A model parsed from a spec-valid body dumps back to a spec-valid body (no ``null`` appears for a
    field that did not arrive); unknown fields and odd raw values are written back as received.
    """
    dumped = model.model_dump(mode="json", by_alias=True, exclude_unset=True, warnings=False)
    assert isinstance(dumped, dict)
    return dumped


def is_known_enum_value(enum_cls: type[enum.Enum], value: object) -> bool:
    """Whether ``value`` is one of the values the spec lists for ``enum_cls``."""
    return value in enum_cls._value2member_map_


def _walk(value: Any, path: str) -> Iterator[tuple[str, PlaidModel]]:
    if isinstance(value, PlaidModel):
        yield path, value
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]")


def unknown_enum_values(model: PlaidModel) -> list[tuple[str, str]]:
    """Every enum-typed value in ``model`` (recursively) that the spec does not list.

    Returns ``(dotted.path, value)`` pairs, e.g. ``("items[0].status", "STARTED")``.
    """
    found: list[tuple[str, str]] = []
    for path, obj in _walk(model, ""):
        for name, info in type(obj).model_fields.items():
            known = next((m for m in info.metadata if isinstance(m, KnownValues)), None)
            if known is None:
                continue
            value = getattr(obj, name)
            values = value if isinstance(value, list) else [value]
            field_path = f"{path}.{name}" if path else name
            found.extend(
                (field_path, v) for v in values if isinstance(v, str) and v not in known.values
            )
    return found


def all_problems(model: PlaidModel) -> list[tuple[str, FieldProblem]]:
    """Every odd field in ``model`` and its nested objects, with the path of its object."""
    return [(path, p) for path, obj in _walk(model, "") for p in _problems_of(obj)]


_PROBLEMS = "problems"


def _problems_of(model: PlaidModel) -> list[FieldProblem]:
    private = model.__pydantic_private__
    found: list[FieldProblem] = private.get(_PROBLEMS, []) if private else []
    return found
