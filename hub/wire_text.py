"""A text from outside made a text the wire can carry: no controls, no broken characters, cut."""

from __future__ import annotations

import re
from typing import Final

from app.domain.wire_limits import CONTROL_CHARACTERS

_CONTROLS: Final = re.compile(f"[{CONTROL_CHARACTERS}]")
_SURROGATES: Final = re.compile("[\ud800-\udfff]")
ELLIPSIS: Final = "…"


def fit_text(value: str, limit: int) -> str:
    """`value` as the wire can carry it: control characters made spaces, halves of broken
    characters made U+FFFD, and cut to `limit` characters with "…" when longer."""
    text = _SURROGATES.sub("\ufffd", _CONTROLS.sub(" ", value)).strip()
    if len(text) <= limit:
        return text
    return text[: max(0, limit - len(ELLIPSIS))].rstrip() + ELLIPSIS
