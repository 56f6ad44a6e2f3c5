"""Which layout a signed-in person gets: by role, by the `ui.layout` setting, by screen width."""

from __future__ import annotations

import pytest

from app.domain.vocabulary import Role
from app.services.device_preferences import DevicePreferences
from local_db.database import Database
from tests.fakes import FrozenClock
from ui.handheld.layout_choice import (
    LAYOUT_KEY,
    Layout,
    LayoutSetting,
    choose_layout,
    layout_setting,
)

PICKER = {Role.PICKER}
CASHIER = {Role.CASHIER}
BOTH = {Role.PICKER, Role.CASHIER}


@pytest.mark.parametrize(
    ("setting", "width", "roles", "expected"),
    [
        (LayoutSetting.COUNTER, 1280, PICKER, Layout.HANDHELD),  # a picker only: always
        (LayoutSetting.AUTO, 1280, CASHIER, Layout.COUNTER),
        (LayoutSetting.AUTO, 480, CASHIER, Layout.COUNTER),  # nothing to pick for a cashier
        (LayoutSetting.AUTO, 480, BOTH, Layout.HANDHELD),
        (LayoutSetting.AUTO, 599, BOTH, Layout.HANDHELD),
        (LayoutSetting.AUTO, 600, BOTH, Layout.COUNTER),
        (LayoutSetting.HANDHELD, 1920, BOTH, Layout.HANDHELD),
        (LayoutSetting.COUNTER, 480, BOTH, Layout.COUNTER),
    ],
)
def test_the_layout_follows_role_setting_and_width(
    setting: LayoutSetting, width: int, roles: set[Role], expected: Layout
) -> None:
    assert choose_layout(setting, width, roles) is expected


def test_the_setting_is_read_from_the_device_preferences(db: Database) -> None:
    preferences = DevicePreferences(db, FrozenClock())
    assert layout_setting(preferences) is LayoutSetting.AUTO
    preferences.set(LAYOUT_KEY, "handheld")
    assert layout_setting(preferences) is LayoutSetting.HANDHELD
    preferences.set(LAYOUT_KEY, "sideways")
    assert layout_setting(preferences) is LayoutSetting.AUTO
