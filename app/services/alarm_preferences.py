"""This device's alarm and auto-accept settings, typed, over the device preferences.

Keys: "alarm.volume" (0-100), "alarm.muted_until" ({until, staff_id, name}),
"auto_accept.<channel>" ({on, staff_id, name}). Every change is logged with who made it; a
mute needs the matrix's mute_alarm, volume and auto-accept its settings, and each is audited
(a refusal raises SettingRefused). Ending a mute is open to anyone: it makes the alarm heard.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from app.domain.clock import Clock
from app.domain.new_order_alarm import DEFAULT_VOLUME_PERCENT, MUTE_CHOICES_MIN, MuteState
from app.domain.permissions import Permission
from app.domain.vocabulary import Channel
from app.read_models import SignedInStaff
from app.services import input_checks
from app.services.device_preferences import DevicePreferences, SettingRefused

_log = logging.getLogger(__name__)

VOLUME_KEY = "alarm.volume"
MUTE_KEY = "alarm.muted_until"
AUTO_ACCEPT_PREFIX = "auto_accept."


@dataclass(frozen=True, slots=True)
class AutoAcceptSetting:
    """Auto-accept of one channel on this device, and the person who switched it on.

    Auto-accepted orders are accepted on behalf of that person (decision 012).
    """

    channel: Channel
    on: bool
    staff_id: str = ""
    staff_name: str = ""


class AlarmPreferences:
    """Volume, mute-for-N-minutes and auto-accept per channel; one short transaction a call."""

    def __init__(self, preferences: DevicePreferences, clock: Clock) -> None:
        self._preferences = preferences
        self._clock = clock

    def volume_percent(self) -> int:
        """The routine alarm volume, 0-100."""
        value = self._preferences.get(VOLUME_KEY, DEFAULT_VOLUME_PERCENT)
        return _clamp_percent(value)

    def set_volume_percent(self, percent: int, staff: SignedInStaff) -> None:
        """Keep a new volume (clamped to 0-100): a settings change (a quiet alarm misses orders)."""
        self._preferences.set_by(staff, VOLUME_KEY, _clamp_percent(percent))

    def mute_state(self) -> MuteState:
        """The mute in force or last set (check `is_muted(now)`)."""
        value = self._preferences.get(MUTE_KEY, None)
        if not isinstance(value, dict) or not isinstance(value.get("until"), str):
            return MuteState()
        try:
            until = datetime.fromisoformat(value["until"])
        except ValueError:
            return MuteState()
        return MuteState(until, str(value.get("staff_id", "")), str(value.get("name", "")))

    def mute_for(self, minutes: int, staff: SignedInStaff) -> MuteState:
        """Mute the routine alarm sound for `minutes` (one of MUTE_CHOICES_MIN); logged.

        Raises SettingRefused wrong_length for any other length (1.5, "15", True included).
        """
        if type(minutes) is not int or minutes not in MUTE_CHOICES_MIN:
            raise SettingRefused("wrong_length", MUTE_KEY)
        until = self._clock() + timedelta(minutes=minutes)
        value = {"until": until.isoformat(), "staff_id": staff.staff_id, "name": staff.name}
        self._preferences.set_by(staff, MUTE_KEY, value, permission=Permission.MUTE_ALARM)
        _log.info(
            "alarm muted for %d min, until %s, by %s (%s)",
            minutes,
            until.isoformat(),
            staff.name,
            staff.staff_id,
        )
        return MuteState(until, staff.staff_id, staff.name)

    def unmute(self, staff: SignedInStaff) -> None:
        """End a mute now; logged."""
        self._preferences.set(MUTE_KEY, None, staff_id=staff.staff_id)
        _log.info("alarm unmuted by %s (%s)", staff.name, staff.staff_id)

    def auto_accept(self, channel: Channel) -> AutoAcceptSetting:
        """Whether orders of `channel` are accepted automatically on this device."""
        value = self._preferences.get(AUTO_ACCEPT_PREFIX + channel.value, None)
        return _auto_accept_setting(channel, value)

    def auto_accept_all(self) -> dict[Channel, AutoAcceptSetting]:
        """Auto-accept of every channel, in one read."""
        values = self._preferences.get_prefix(AUTO_ACCEPT_PREFIX)
        return {
            channel: _auto_accept_setting(channel, values.get(AUTO_ACCEPT_PREFIX + channel.value))
            for channel in Channel
        }

    def set_auto_accept(self, channel: Channel, on: bool, staff: SignedInStaff) -> None:
        """Switch auto-accept of `channel` on or off; the person switching it on answers for it.

        A settings change: with a manager's override, orders are still accepted on behalf of
        the person who asked (and the trail names the manager who approved it). Raises
        SettingRefused unknown_channel, or answer_wrong_type when `on` is no bool.
        """
        known = input_checks.member(Channel, channel)
        if known is None:
            raise SettingRefused("unknown_channel", AUTO_ACCEPT_PREFIX)
        channel = known
        if not isinstance(on, bool):
            raise SettingRefused(
                f"{input_checks.InputField.ANSWER}_{input_checks.WRONG_TYPE}",
                AUTO_ACCEPT_PREFIX + channel.value,
            )
        value = {"on": on, "staff_id": staff.staff_id, "name": staff.name}
        self._preferences.set_by(staff, AUTO_ACCEPT_PREFIX + channel.value, value)


def _clamp_percent(value: Any) -> int:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return DEFAULT_VOLUME_PERCENT
    return max(0, min(100, int(value)))


def _auto_accept_setting(channel: Channel, value: Any) -> AutoAcceptSetting:
    if not isinstance(value, dict) or value.get("on") is not True:
        return AutoAcceptSetting(channel, on=False)
    return AutoAcceptSetting(
        channel,
        on=True,
        staff_id=str(value.get("staff_id", "")),
        staff_name=str(value.get("name", "")),
    )
