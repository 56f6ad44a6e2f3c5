"""Settings ▸ Language: the device's choice, kept for the next start and said so plainly."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.services.device_preferences import DevicePreferences
from tests.unit.ui.pin_prompts import answer_prompt, cancel, type_pin
from ui.language_menu import LanguageMenu
from ui.languages import LANGUAGE_KEY, LanguageSetting
from ui.pin_prompt_dialog import PinPromptDialog
from ui.staff_session import StaffSession


def _menu(qtbot, services, db, who) -> tuple[LanguageMenu, list[str], DevicePreferences]:
    window = QWidget()
    qtbot.addWidget(window)
    StaffSession(services.sign_in, services.clock, window).begin(who)
    preferences = DevicePreferences(db, services.clock)
    menu = LanguageMenu(preferences, lambda: who, window)
    told: list[str] = []
    menu.told.connect(told.append)
    return menu, told, preferences


def test_the_system_language_is_checked_until_someone_chooses(qtbot, services, db, seed) -> None:
    seed.staff(seed.manager)
    menu, _told, _preferences = _menu(qtbot, services, db, seed.manager.signed_in())
    assert [action.text() for action in menu.actions()] == [
        "Same as the system",
        "简体中文",
        "English",
    ]
    assert [action.isChecked() for action in menu.actions()] == [True, False, False]


def test_a_manager_chooses_chinese_for_the_next_start(qtbot, services, db, seed) -> None:
    seed.staff(seed.manager)
    menu, told, preferences = _menu(qtbot, services, db, seed.manager.signed_in())
    menu.choices[LanguageSetting.CHINESE].trigger()
    assert preferences.get(LANGUAGE_KEY, None) == "zh_CN"
    assert told == ["The new language shows when Storeside starts again."]
    assert menu.choices[LanguageSetting.CHINESE].isChecked()


def test_a_cashier_needs_a_managers_pin_and_without_it_nothing_changes(
    qtbot, services, db, seed
) -> None:
    seed.staff(seed.cashier, seed.manager)
    menu, told, preferences = _menu(qtbot, services, db, seed.cashier.signed_in())
    seen: list[PinPromptDialog] = []
    answer_prompt(cancel, seen)
    menu.choices[LanguageSetting.ENGLISH].trigger()
    assert len(seen) == 1
    assert preferences.get(LANGUAGE_KEY, None) is None
    assert menu.choices[LanguageSetting.SYSTEM].isChecked()
    assert told == []
    answer_prompt(type_pin(seed.manager.pin, seed.manager.staff_id), seen)
    menu.choices[LanguageSetting.ENGLISH].trigger()
    assert preferences.get(LANGUAGE_KEY, None) == "en"
    assert told == ["The new language shows when Storeside starts again."]
