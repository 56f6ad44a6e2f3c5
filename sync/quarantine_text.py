"""What the quarantine keeps of a record set aside: storable text without secrets, capped."""

from __future__ import annotations

import json
import re
from typing import Any, Final

from app.domain.privacy import mask_phones_in
from app.domain.vocabulary import RecordKind
from app.domain.wire_limits import CONTROL_CHARACTERS

RAW_KEPT_MAX: Final = 64 * 1024
"""Characters of a record's raw text the quarantine keeps; the rest is cut, and it says so."""
REASON_KEPT_MAX: Final = 1000
_CONTROL: Final = re.compile(f"[{CONTROL_CHARACTERS}]")


def quarantine_text(raw: Any) -> str:
    """`raw` as the quarantine may keep it: without secrets, since managers read it on screen.

    A staff record loses its PIN hash (unsealed it could be brute-forced, decision 018) and
    an order its customer's full number; other numbers typed anywhere are masked. A retry
    still applies what is left: a staff member's details without their PIN, which keeps its
    stored value until the feed next delivers that person (a new record version), and an
    order whose full number is unknown until its next delivery.

    Any value is kept: JSON when it can be written as JSON (lone surrogates as their JSON
    escapes, so SQLite can store the text), else its repr; cut at RAW_KEPT_MAX characters.
    """
    try:
        redacted = json.loads(json.dumps(raw, ensure_ascii=False, default=str))
    except (ValueError, TypeError, RecursionError):
        return _kept(mask_phones_in(storable(repr(raw)[: 2 * RAW_KEPT_MAX])))
    data = redacted.get("data") if isinstance(redacted, dict) else None
    if isinstance(data, dict):
        pin = data.get("pin")
        if redacted.get("kind") == RecordKind.STAFF and isinstance(pin, dict):
            pin |= {key: "" for key in ("salt_hex", "hash_hex") if key in pin}
        customer = data.get("customer")
        if isinstance(customer, dict) and "phone" in customer:
            customer["phone"] = ""
    # json.dumps escapes control characters itself; a lone surrogate it leaves, and inside a
    # JSON string its backslash escape is exactly its JSON escape (the text still parses).
    return _kept(storable(mask_phones_in(json.dumps(redacted, ensure_ascii=False))))


def storable(text: str) -> str:
    """`text` with lone surrogates written as backslash escapes (UTF-8 cannot hold them)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def label_text(value: Any, limit: int) -> str:
    """A kind or id as it came, in printable storable text of at most `limit` characters."""
    text = value if isinstance(value, str) else repr(value)
    text = _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", storable(text[: limit * 2]))
    return text[:limit]


def reason_text(reason: str) -> str:
    """A reason to keep with a record: storable, without control characters or full numbers."""
    text = label_text(reason, REASON_KEPT_MAX)
    return mask_phones_in(text)


def _kept(text: str) -> str:
    if len(text) <= RAW_KEPT_MAX:
        return text
    return f"{text[:RAW_KEPT_MAX]}… [cut: {len(text)} characters in all]"
