"""The interface language: Chinese or English, from the device's setting or the system's locale.

The translations are Qt Linguist catalogues: `translations/storeside_zh_CN.ts` is the source
(kept complete by `make test`), `storeside_zh_CN.qm` is built from it at set-up. English is
the source language; its small catalogue holds the plural forms ("1 order", "2 orders").
`STORESIDE_LANGUAGE` (en, zh_CN) overrides both the setting and the locale: screenshots and
tests use it.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.services.device_preferences import DevicePreferences

log = logging.getLogger(__name__)

LANGUAGE_KEY: Final = "ui.language"
"""The device preference holding a LanguageSetting value."""
ENVIRONMENT_KEY: Final = "STORESIDE_LANGUAGE"
CATALOGUE: Final = "storeside"


class Language(StrEnum):
    """A language the interface speaks."""

    ENGLISH = "en"
    CHINESE = "zh_CN"


class LanguageSetting(StrEnum):
    """The device's `ui.language`: a language, or whatever the system's locale says."""

    SYSTEM = "system"
    ENGLISH = "en"
    CHINESE = "zh_CN"


def language_setting(preferences: DevicePreferences) -> LanguageSetting:
    """The device's `ui.language`; an unknown value reads as "system"."""
    try:
        return LanguageSetting(preferences.get(LANGUAGE_KEY, LanguageSetting.SYSTEM.value))
    except ValueError:
        return LanguageSetting.SYSTEM


def chosen_language(
    setting: LanguageSetting,
    system: QLocale | None = None,
    environment: Mapping[str, str] = os.environ,
) -> Language:
    """The language to show: the environment's override, the setting, else the locale's
    (`system`, None: the system's; Chinese for any Chinese locale, English for any other)."""
    system = QLocale.system() if system is None else system
    override = environment.get(ENVIRONMENT_KEY, "")
    if override in {language.value for language in Language}:
        return Language(override)
    if setting is not LanguageSetting.SYSTEM:
        return Language(setting.value)
    return Language.CHINESE if system.language() is QLocale.Language.Chinese else Language.ENGLISH


def is_chinese_interface() -> bool:
    """Whether the interface speaks Chinese now (`install_language` sets the default locale)."""
    return QLocale().language() is QLocale.Language.Chinese


def translations_dir() -> Path:
    """Where the built catalogues are: beside the code, or in a packaged build's bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else Path(__file__).resolve().parent.parent
    return root / "translations"


def install_language(app: QCoreApplication, language: Language) -> list[QTranslator]:
    """Make `app` speak `language` (Qt's own dialogs included); returns the translators.

    A missing catalogue is logged and the interface stays in English: the store can work,
    and the log says what to rebuild.
    """
    QLocale.setDefault(QLocale(language.value))
    installed = []
    ours = QTranslator(app)
    path = translations_dir() / f"{CATALOGUE}_{language.value}.qm"
    if ours.load(str(path)):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.error("no %s translation at %s: the interface stays in English", language, path)
    if language is Language.ENGLISH:
        return installed  # Qt's own dialogs speak English without a catalogue
    qt = QTranslator(app)
    if qt.load(
        QLocale(language.value),
        "qtbase",
        "_",
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
