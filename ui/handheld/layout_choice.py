"""Which layout a device shows: the counter's or the handheld's, by setting, screen and role."""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum
from typing import Final

from app.domain.vocabulary import Role
from app.services.device_preferences import DevicePreferences

LAYOUT_KEY: Final = "ui.layout"
"""Device preference: "counter", "handheld" or "auto" (the default)."""
NARROW_BELOW_PX: Final = 600
"""With "auto", a screen narrower than this is a handheld."""


class LayoutSetting(StrEnum):
    """The `ui.layout` device preference."""

    COUNTER = "counter"
    HANDHELD = "handheld"
    AUTO = "auto"


class Layout(StrEnum):
    """The screens a signed-in person gets."""

    COUNTER = "counter"
    HANDHELD = "handheld"


def layout_setting(preferences: DevicePreferences) -> LayoutSetting:
    """The device's `ui.layout`; an unknown value reads as "auto"."""
    value = preferences.get(LAYOUT_KEY, LayoutSetting.AUTO.value)
    try:
        return LayoutSetting(value)
    except ValueError:
        return LayoutSetting.AUTO


def choose_layout(setting: LayoutSetting, screen_width_px: int, roles: Collection[Role]) -> Layout:
    """The layout for a person holding `roles` on a screen `screen_width_px` wide.

    A person who is only a picker always gets the handheld screens (a cashier's screens
    would offer them nothing); otherwise the setting decides, "auto" by the screen's width.
    """
    if set(roles) == {Role.PICKER}:
        return Layout.HANDHELD
    if setting is LayoutSetting.COUNTER:
        return Layout.COUNTER
    if setting is LayoutSetting.HANDHELD:
        return Layout.HANDHELD
    if screen_width_px < NARROW_BELOW_PX and Role.PICKER in roles:
        return Layout.HANDHELD
    return Layout.COUNTER
