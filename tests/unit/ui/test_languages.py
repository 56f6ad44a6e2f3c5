"""The interface speaks Chinese or English: chosen from the setting, the locale or the
environment, and in Chinese no English source string is left on a visible screen."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QTabBar, QWidget

from tools.translations import TS
from ui.languages import (
    Language,
    LanguageSetting,
    chosen_language,
)
from ui.main_window import MainWindow


@pytest.mark.parametrize(
    ("setting", "locale", "environment", "expected"),
    [
        (LanguageSetting.SYSTEM, "zh_CN", {}, Language.CHINESE),
        (LanguageSetting.SYSTEM, "zh_HK", {}, Language.CHINESE),
        (LanguageSetting.SYSTEM, "en_US", {}, Language.ENGLISH),
        (LanguageSetting.SYSTEM, "de_DE", {}, Language.ENGLISH),
        (LanguageSetting.ENGLISH, "zh_CN", {}, Language.ENGLISH),
        (LanguageSetting.CHINESE, "en_US", {}, Language.CHINESE),
        (LanguageSetting.ENGLISH, "en_US", {"STORESIDE_LANGUAGE": "zh_CN"}, Language.CHINESE),
        (LanguageSetting.CHINESE, "zh_CN", {"STORESIDE_LANGUAGE": "klingon"}, Language.CHINESE),
    ],
)
def test_the_language_follows_the_override_then_the_setting_then_the_locale(
    setting: LanguageSetting, locale: str, environment: dict[str, str], expected: Language
) -> None:
    assert chosen_language(setting, QLocale(locale), environment) is expected


def _english_sources() -> set[str]:
    """Sources whose translation differs and that hold no placeholder (shown as they are)."""
    sources = set()
    for message in ET.parse(TS).getroot().iter("message"):  # noqa: S314 -- our own file
        source = message.findtext("source", "")
        translation = message.findtext("translation", "") or ""
        if source and translation != source and not re.search(r"\{|%", source):
            sources.add(source)
    return sources


def _visible_texts(root: QWidget) -> list[str]:
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QTabBar):
            texts.extend(widget.tabText(index) for index in range(widget.count()))
    return [text for text in texts if text]


def test_in_chinese_the_counter_shows_no_english_source_string(
    qtbot, services, bridge, seed, chinese
) -> None:
    seed.staff(seed.cashier, seed.manager)
    seed.orders(seed.order_row("o1", serial=23))
    window = MainWindow(services, bridge, store_name="静安寺店")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    english = _english_sources()
    assert QCoreApplication.translate("SyncStatusBar", "Switch user") == "换人"
    signed_out = set(_visible_texts(window)) & english
    screen = window.sign_in_screen
    qtbot.mouseClick(screen.staff_button(seed.manager.staff_id), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.pin_field, seed.manager.pin)
    qtbot.mouseClick(screen.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.manager_screen)
    menus = {action.text() for action in window.menuBar().actions()}
    signed_in = (set(_visible_texts(window)) | menus) & english
    assert (signed_out, signed_in) == (set(), set())
