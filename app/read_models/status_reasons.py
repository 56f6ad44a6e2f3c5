"""Why an order or a task stands where it does, as the screens read it: code, detail, words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusReason:
    """The hub's reason for an order's or a task's state.

    The screens word `code` (app/domain/status_codes.py) in the interface language with the
    detail beside it; `words`, the hub's English text, is shown only for a code this device
    does not know (a newer hub), or when the hub sent words without a code (an older one).
    """

    code: str = ""
    """The hub's stable code; empty when it gave none."""
    words: str = ""
    """The hub's English words (status_reason)."""
    reject_reason: str = ""
    """rejected_by_store: the reject reason's code (RejectReason)."""
    text: str = ""
    """What a person typed, shown as typed: the customer's reason, the store's note."""
    name: str = ""
    """The picker concerned (the one a task went to, or who clocked out)."""
    by_name: str = ""
    """Who did it, when not the person concerned (the manager)."""
    order_code: str = ""
    """order_cancelled (a task): the code of its order."""

    @property
    def is_given(self) -> bool:
        """Whether the hub gave any reason at all."""
        return bool(self.code or self.words)

    @classmethod
    def stored(cls, code: str, detail: Mapping[str, Any] | None, words: str) -> StatusReason:
        """The reason from the cache's columns; keys of `detail` this program does not know
        (a newer hub's) are left out, a missing one reads as empty."""
        detail = detail or {}
        return cls(
            code=code,
            words=words,
            **{name: str(detail.get(name) or "") for name in _DETAIL_FIELDS},
        )


_DETAIL_FIELDS = ("reject_reason", "text", "name", "by_name", "order_code")

NO_REASON = StatusReason()
"""No reason given."""
