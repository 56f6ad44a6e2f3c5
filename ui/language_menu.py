"""Settings ▸ Language: the system's language, Chinese or English, kept for this device.

The choice is a device setting (a manager's, or a cashier's with a manager's PIN) and takes
effect when Storeside starts again: the menu says so at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from app.domain.permissions import Permission
from app.read_models import SignedInStaff
from app.services.device_preferences import DevicePreferences, SettingRefused
from ui.languages import LANGUAGE_KEY, LanguageSetting, language_setting
from ui.staff_session import authorise


class LanguageMenu(QMenu):
    """One checkable choice per setting; `told` carries what the person should know next,
    shown for a while on the status bar of a main window."""

    told = Signal(str)

    def __init__(
        self,
        preferences: DevicePreferences,
        actor: Callable[[], SignedInStaff | None],
        parent: QWidget,
    ) -> None:
        super().__init__(self.tr("&Language"), parent)
        self._preferences = preferences
        self._actor = actor
        self._window = parent
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self.choices: dict[LanguageSetting, QAction] = {}
        for setting, name in (
            (LanguageSetting.SYSTEM, self.tr("Same as the system")),
            (LanguageSetting.CHINESE, QLocale(QLocale.Language.Chinese).nativeLanguageName()),
            (LanguageSetting.ENGLISH, "English"),
        ):
            action = QAction(name, self)
            action.setCheckable(True)
            action.setData(setting.value)
            self._group.addAction(action)
            self.addAction(action)
            self.choices[setting] = action
        self._show_current()
        self._group.triggered.connect(self._on_group_triggered)

    def _show_current(self) -> None:
        self.choices[language_setting(self._preferences)].setChecked(True)

    @Slot(QAction)
    def _on_group_triggered(self, action: QAction) -> None:
        chosen = LanguageSetting(action.data())
        actor = self._actor()
        approved = None if actor is None else authorise(self._window, Permission.SETTINGS, actor)
        if approved is None or chosen is language_setting(self._preferences):
            self._show_current()
            return
        try:
            self._preferences.set_by(approved, LANGUAGE_KEY, chosen.value)
        except SettingRefused:
            self._show_current()
            self._tell(self.tr("Only a manager may change the language."))
            return
        self._tell(self.tr("The new language shows when Storeside starts again."))

    def _tell(self, text: str) -> None:
        self.told.emit(text)
        if isinstance(self._window, QMainWindow):
            self._window.statusBar().showMessage(text, 15_000)
