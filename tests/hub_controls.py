"""Test controls of the reference hub, kept out of its doors: a malformed feed record, a reset."""

from __future__ import annotations

from typing import Any

from hub.composition import Hub
from hub.publishing import feed


def append_raw_feed_record(hub: Hub, store_id: str, raw: dict[str, Any]) -> int:
    """Append any record, malformed or not, to the store's feed; return its seq.

    The hub sets the record's `seq`; it never replaces an entity's own row.
    """
    with hub.state.writing() as session:
        return feed.append_raw(session, store_id, raw)


def reset_feed_epoch(hub: Hub) -> str:
    """Start a new feed epoch ("hub reset"): every device must re-sync from zero."""
    return hub.state.new_epoch()
