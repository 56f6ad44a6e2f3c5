"""Named failpoints: places where a test can make this process die (or raise) on purpose.

Off in production: the points are armed only by the environment variable STORESIDE_FAILPOINTS,
read once at import, for example::

    STORESIDE_FAILPOINTS="push.after_reply_before_done=kill"
    STORESIDE_FAILPOINTS="feed.mid_page=kill@3,action.between_change_and_outbox=raise"

`kill` sends SIGKILL to this process (no cleanup, no flush: a power cut as far as SQLite is
concerned), `raise` raises FailpointHit, and `@N` fires on the Nth time the point is passed.
It lives in the lowest layer so every layer can mark its points.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from dataclasses import dataclass
from typing import Final

ENV_VAR: Final = "STORESIDE_FAILPOINTS"

BETWEEN_CHANGE_AND_OUTBOX: Final = "action.between_change_and_outbox"
"""A person's change is written, its outbox row not yet (same transaction)."""
AFTER_COMMIT_BEFORE_SEND: Final = "push.after_commit_before_send"
"""The pusher has read committed rows and is about to send them."""
AFTER_REQUEST_BEFORE_REPLY: Final = "push.after_request_before_reply"
"""The command request went out and the hub answered; the answer is not yet read."""
AFTER_REPLY_BEFORE_DONE: Final = "push.after_reply_before_done"
"""The hub's answers are read; the rows are not yet marked done."""
FEED_MID_PAGE: Final = "feed.mid_page"
"""Half of a feed page is written to the cache (same transaction as the rest)."""
FEED_BEFORE_CURSOR: Final = "feed.after_apply_before_cursor"
"""A page is applied; its cursor is not yet saved (same transaction)."""
MIGRATION_MIDDLE: Final = "migration.middle"
"""Between two steps of a schema migration."""
REFRESH_BEFORE_ID_SAVED: Final = "refresh.before_id_saved"
"""A token refresh is due; its request id is not yet in the keyring."""
REFRESH_AFTER_ID_SAVED: Final = "refresh.after_id_saved"
"""The refresh's request id is in the keyring; the request is not yet sent."""
REFRESH_AFTER_REQUEST_BEFORE_REPLY: Final = "refresh.after_request_before_reply"
"""The hub rotated the tokens and answered; the answer is not yet read."""
REFRESH_AFTER_REPLY_BEFORE_SAVE: Final = "refresh.after_reply_before_save"
"""The new pair is read; it is not yet in the keyring."""
REFRESH_AFTER_SAVE: Final = "refresh.after_save"
"""The new pair is in the keyring; the request that needed it is not yet retried."""
REFRESH_POINTS: Final = (
    REFRESH_BEFORE_ID_SAVED,
    REFRESH_AFTER_ID_SAVED,
    REFRESH_AFTER_REQUEST_BEFORE_REPLY,
    REFRESH_AFTER_REPLY_BEFORE_SAVE,
    REFRESH_AFTER_SAVE,
)

POINTS: Final = (
    BETWEEN_CHANGE_AND_OUTBOX,
    AFTER_COMMIT_BEFORE_SEND,
    AFTER_REQUEST_BEFORE_REPLY,
    AFTER_REPLY_BEFORE_DONE,
    FEED_MID_PAGE,
    FEED_BEFORE_CURSOR,
    MIGRATION_MIDDLE,
    *REFRESH_POINTS,
)


class FailpointHit(RuntimeError):
    """Raised at an armed `raise` failpoint."""


@dataclass(slots=True)
class _Arming:
    action: str
    fire_on: int
    passed: int = 0


def _parse(spec: str) -> dict[str, _Arming]:
    armed: dict[str, _Arming] = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        name, _, rule = item.partition("=")
        action, _, count = rule.partition("@")
        if name not in POINTS or action not in {"kill", "raise"}:
            raise ValueError(f"{ENV_VAR}: unknown failpoint or action in {item!r}")
        armed[name] = _Arming(action=action, fire_on=int(count or 1))
    return armed


_ARMED: Final = _parse(os.environ.get(ENV_VAR, ""))
_LOCK: Final = threading.Lock()


def hit(name: str) -> None:
    """Pass the failpoint `name`: nothing happens unless a test armed it."""
    if not _ARMED:
        return
    with _LOCK:
        arming = _ARMED.get(name)
        if arming is None:
            return
        arming.passed += 1
        if arming.passed != arming.fire_on:
            return
    if arming.action == "raise":
        raise FailpointHit(name)
    sys.stderr.write(f"failpoint {name}: killing process {os.getpid()}\n")
    sys.stderr.flush()
    kill = getattr(signal, "SIGKILL", None)
    if kill is None:  # Windows has no SIGKILL; _exit skips cleanup just the same
        os._exit(137)
    os.kill(os.getpid(), kill)
