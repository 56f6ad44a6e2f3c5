"""Typed reads of raw channel payload fields; each failure a ChannelPayloadError naming it."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from hub.channels.adapter import ChannelPayloadError
from hub.money import cents_from_yuan


class PayloadReader:
    """Reads one JSON object of a channel payload; `where` prefixes every error message."""

    def __init__(self, raw: object, where: str) -> None:
        if not isinstance(raw, Mapping):
            raise ChannelPayloadError(f"{where}: expected an object, got {type(raw).__name__}")
        self._raw: Mapping[str, Any] = raw
        self._where = where

    def has(self, key: str) -> bool:
        """Whether the field is present and not null."""
        return self._raw.get(key) is not None

    def _get(self, key: str) -> Any:
        if key not in self._raw or self._raw[key] is None:
            raise ChannelPayloadError(f"{self._where}: missing field {key!r}")
        return self._raw[key]

    def fail(self, message: str) -> ChannelPayloadError:
        """An error about this payload, to raise."""
        return ChannelPayloadError(f"{self._where}: {message}")

    def text(self, key: str, *, allow_empty: bool = False) -> str:
        """A string field (numbers are accepted as their decimal text)."""
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise self.fail(f"field {key!r} must be text")
        text = str(value).strip()
        if not text and not allow_empty:
            raise self.fail(f"field {key!r} is empty")
        return text

    def optional_text(self, key: str) -> str:
        """A string field that may be missing or null (then "")."""
        return self.text(key, allow_empty=True) if self.has(key) else ""

    def integer(self, key: str, *, minimum: int = 0) -> int:
        """A whole-number field, at least `minimum`."""
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"field {key!r} must be a whole number")
        if value < minimum:
            raise self.fail(f"field {key!r} must be at least {minimum}")
        return value

    def yuan(self, key: str) -> int:
        """A non-negative amount in yuan, returned in cents."""
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"field {key!r} must be an amount in yuan")
        if value < 0:
            raise self.fail(f"field {key!r} must not be negative")
        try:
            return cents_from_yuan(float(value))
        except ValueError as exc:
            raise self.fail(f"field {key!r}: {exc}") from None

    def boolean(self, key: str) -> bool:
        """A true/false field."""
        value = self._get(key)
        if not isinstance(value, bool):
            raise self.fail(f"field {key!r} must be true or false")
        return value

    def value(self, key: str) -> Any:
        """The field as it is, for enumerations the caller maps itself."""
        return self._get(key)

    def objects(self, key: str) -> list[PayloadReader]:
        """A list-of-objects field, each wrapped in its own reader."""
        return self._objects(self._get(key), key)

    def json_objects(self, key: str) -> list[PayloadReader]:
        """A list of objects carried as a JSON string, as some channels do."""
        text = self.text(key, allow_empty=True) or "[]"
        try:
            decoded = json.loads(text)
        except json.JSONDecodeError as exc:
            raise self.fail(f"field {key!r} is not valid JSON: {exc.msg}") from None
        return self._objects(decoded, key)

    def _objects(self, value: object, key: str) -> list[PayloadReader]:
        if not isinstance(value, Sequence) or isinstance(value, str | bytes):
            raise self.fail(f"field {key!r} must be a list")
        return [PayloadReader(item, f"{self._where}.{key}[{i}]") for i, item in enumerate(value)]

    def strings(self, key: str) -> list[str]:
        """A list-of-strings field."""
        value = self._get(key)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(f"field {key!r} must be a list of text")
        return list(value)
