"""Busy mode: pause a channel for some minutes (it reopens by itself), or reopen it early.

A pause changes the cached store settings (shown as pending), queues a `pause_channel`
command for the hub and records its audit entry, in one transaction; the hub stops that
channel's new orders until then. The matrix's pause_channel permission is checked first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.domain.clock import Clock
from app.domain.permissions import Permission
from app.domain.vocabulary import Channel, RecordKind
from app.read_models import ChannelPauseView, SignedInStaff
from app.services import input_checks, outbox_commands, permission_gate
from local_db import outbox_repository, staff_repository
from local_db.database import Database, is_storage_full

PAUSE_MINUTES: Final = (15, 30, 60)
"""How long the counter may pause a channel, in minutes."""


class PauseRefused(Exception):
    """The pause could not be made; `code` is stable: not_permitted, wrong_length (not one of
    PAUSE_MINUTES: 1.5, "15" or True are none), not_synced (the store's settings have not
    arrived yet), unknown_channel, storage_full, not_sendable."""

    def __init__(self, code: str) -> None:
        super().__init__(f"pause refused: {code}")
        self.code = code


class ChannelPauses:
    """Reads and changes which channels are paused; never touches the network."""

    def __init__(
        self, db: Database, clock: Clock, on_queued: Callable[[], None] = lambda: None
    ) -> None:
        """`on_queued` is called after each committed change (the pusher is woken by it)."""
        self._db = db
        self._clock = clock
        self._on_queued = on_queued

    def channels(self) -> list[ChannelPauseView]:
        """Every enabled channel of the store and until when it is paused (if it is, now)."""
        now = self._clock()
        with self._db.read() as session:
            settings = staff_repository.get_store_settings(session)
            pending = _pending_channels(session)
        if settings is None:
            return []
        return [
            _view(entry, now, pending)
            for entry in settings.get("channels", [])
            if entry.get("enabled", True) and entry.get("channel") in set(Channel)
        ]

    def pause(self, actor: SignedInStaff, channel: Channel, minutes: int) -> ChannelPauseView:
        """Pause `channel` for `minutes` (one of PAUSE_MINUTES); it reopens by itself."""
        if type(minutes) is not int or minutes not in PAUSE_MINUTES:
            raise PauseRefused("wrong_length")
        return self._change(actor, channel, self._clock() + timedelta(minutes=minutes))

    def reopen(self, actor: SignedInStaff, channel: Channel) -> ChannelPauseView:
        """Take `channel`'s orders again now."""
        return self._change(actor, channel, None)

    def _change(
        self, actor: SignedInStaff, channel: Channel, until: datetime | None
    ) -> ChannelPauseView:
        if not input_checks.is_signed_in(actor):
            raise PauseRefused("not_permitted")
        known = input_checks.member(Channel, channel)
        if known is None:
            raise PauseRefused("unknown_channel")
        channel = known
        detail = {"channel": channel.value, "until": None if until is None else until.isoformat()}
        if not permission_gate.allows(actor, Permission.PAUSE_CHANNEL):
            permission_gate.refuse(
                self._db,
                self._clock,
                actor,
                Permission.PAUSE_CHANNEL,
                subject=channel.value,
                detail=detail,
            )
            raise PauseRefused("not_permitted")
        now = self._clock()
        try:
            with input_checks.refusing(PauseRefused), self._db.write() as session:
                view = _write(session, actor, channel, until, now)
                permission_gate.record_done(
                    session,
                    self._clock,
                    actor,
                    Permission.PAUSE_CHANNEL,
                    subject=channel.value,
                    detail=detail,
                )
        except OperationalError as error:
            if not is_storage_full(error):
                raise
            raise PauseRefused("storage_full") from error
        self._on_queued()
        return view


def _write(
    session: Session, actor: SignedInStaff, channel: Channel, until: datetime | None, now: datetime
) -> ChannelPauseView:
    settings = staff_repository.get_store_settings(session)
    if settings is None:
        raise PauseRefused("not_synced")
    entries = list(settings.get("channels", []))
    position = next(
        (i for i, entry in enumerate(entries) if entry.get("channel") == channel.value), None
    )
    if position is None:
        raise PauseRefused("unknown_channel")
    entries[position] = {
        **entries[position],
        "paused_until": None if until is None else until.isoformat(),
    }
    staff_repository.set_store_settings_data(session, {**settings, "channels": entries})
    store_id = str(settings["store_id"])
    outbox_commands.add_command(
        session,
        actor,
        command_type="pause_channel",
        entity_kind=RecordKind.STORE_SETTINGS.value,
        entity_id=store_id,
        base_version=int(settings.get("version", 0)),
        arguments={
            "channel": channel.value,
            "paused_until": None if until is None else until.isoformat(),
        },
        now=now,
    )
    return ChannelPauseView(channel=channel, paused_until=until, has_pending=True)


def _pending_channels(session: Session) -> set[str]:
    """Channels with a busy-mode change of this device the hub has not answered yet."""
    payloads = outbox_repository.pending_payloads_of(session, RecordKind.STORE_SETTINGS.value)
    return {
        str(payload.get("channel"))
        for payload in payloads
        if payload.get("type") == "pause_channel"
    }


def _view(entry: dict[str, Any], now: datetime, pending: set[str]) -> ChannelPauseView:
    raw = entry.get("paused_until")
    until = None if raw is None else datetime.fromisoformat(str(raw))
    return ChannelPauseView(
        channel=Channel(entry["channel"]),
        paused_until=until if until is not None and until > now else None,
        has_pending=entry["channel"] in pending,
    )
