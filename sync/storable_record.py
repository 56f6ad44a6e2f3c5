"""Whether a validated record fits the device's cache: SQLite's integers and times in UTC.

The wire's types bound most numbers but not all (versions, serials, shelf places and counts
are any whole number above their floor), and an aware time may have no UTC equivalent
(9999-12-31T23:59:59-05:00 falls in the year 10000 in UTC). Such a value passes validation,
then fails the write of the whole page (OverflowError from SQLite, or from the conversion to
UTC the cache stores), so the feed would stop at that page for good. Found here, per
record, it is set aside like any other record that does not fit.

Only the fields that can hold such a value are looked at (an unbounded integer, a time, or a
model or list that holds one), worked out once per model class from its annotations: a page
of orders is checked in a small fraction of its validation time.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, Final

import annotated_types
from pydantic import BaseModel

INT_MIN: Final = -(2**63)
INT_MAX: Final = 2**63 - 1
"""SQLite's INTEGER range: a larger whole number cannot be written to a column."""

_Found = tuple[tuple[str, ...], str]


def unstorable_value(record: BaseModel, prefix: str = "") -> str | None:
    """Where `record` holds a value the cache cannot store, and why (None when it fits).

    The answer names the field as validation errors do (`prefix` first, e.g. the kind).
    """
    found = _find(record)
    if found is None:
        return None
    path, problem = found
    return f"{'.'.join((prefix, *path) if prefix else path)}: {problem}"


def _find(value: Any) -> _Found | None:
    if isinstance(value, BaseModel):
        return _find_in_model(value)
    if isinstance(value, list | tuple):
        return _find_in_items(enumerate(value))
    if isinstance(value, dict):
        return _find_in_items(value.items())
    problem = _problem(value)
    return ((), problem) if problem else None


def _find_in_model(model: BaseModel) -> _Found | None:
    # The hot path of a feed page (every record, every line): the common cases are decided
    # inline, without a call — nothing, a whole number in range, a usual time, a line.
    fields = model.__dict__
    for name in _fields_to_check(type(model)):
        item = fields[name]
        if item is None:
            continue
        kind = type(item)
        if kind is int:
            if INT_MIN <= item <= INT_MAX:
                continue
        elif kind is datetime:
            if 1 < item.year < 9999:
                continue  # an offset (under a day) can push only the first or last year out
        elif kind is list:
            if not item:
                continue
            found = _find_in_items(enumerate(item))
            if found is not None:
                return (name, *found[0]), found[1]
            continue
        elif isinstance(item, BaseModel):
            found = _find_in_model(item)
            if found is not None:
                return (name, *found[0]), found[1]
            continue
        found = _find(item)
        if found is not None:
            return (name, *found[0]), found[1]
    return None


def _find_in_items(pairs: Iterable[tuple[Any, Any]]) -> _Found | None:
    for key, item in pairs:
        if item is None:
            continue
        kind = type(item)
        if kind is int:
            if INT_MIN <= item <= INT_MAX:
                continue
        elif kind is datetime and 1 < item.year < 9999:
            continue
        found = _find_in_model(item) if isinstance(item, BaseModel) else _find(item)
        if found is not None:
            return (str(key), *found[0]), found[1]
    return None


def _problem(value: Any) -> str:
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return "" if INT_MIN <= value <= INT_MAX else "a number too large to store"
    if isinstance(value, datetime):
        try:
            value.astimezone(UTC)
        except OverflowError:
            return "a time out of range once in UTC"
    return ""


@functools.cache
def _fields_to_check(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model` that may hold a value to check."""
    return tuple(
        name
        for name, info in model.model_fields.items()
        if _may_hold(info.annotation, tuple(info.metadata))
    )


def _may_hold(annotation: Any, metadata: tuple[Any, ...] = ()) -> bool:  # noqa: PLR0911
    """Whether a value of `annotation` may be an unbounded integer or a time; True for any
    type not known here (looked at, never skipped by mistake)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *more = typing.get_args(annotation)
        return _may_hold(base, (*metadata, *_flattened(more)))
    if origin is typing.Literal or annotation in (None, type(None), bool, str):
        return False
    if origin in (typing.Union, types.UnionType):
        return any(_may_hold(arg) for arg in typing.get_args(annotation))
    if origin in (list, tuple, frozenset, set):
        return any(_may_hold(arg) for arg in typing.get_args(annotation) if arg is not ...)
    if annotation is int:
        upper = any(isinstance(m, annotated_types.Le | annotated_types.Lt) for m in metadata)
        lower = any(isinstance(m, annotated_types.Ge | annotated_types.Gt) for m in metadata)
        return not (upper and lower)
    if isinstance(annotation, type):
        if issubclass(annotation, enum.Enum):
            return False
        if issubclass(annotation, BaseModel):
            return bool(_fields_to_check(annotation))
    return True


def _flattened(metadata: list[Any]) -> list[Any]:
    """Constraints of `Annotated` metadata, a `Field(...)` among them opened up."""
    flat: list[Any] = []
    for item in metadata:
        flat.extend(getattr(item, "metadata", None) or [item])
    return flat
