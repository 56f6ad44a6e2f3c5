"""The counter's work area as tabs: the orders for everyone, the manager's screens for managers.

A cashier sees the orders screen alone (no tab bar). A manager sees the same orders screen as
the first tab and, beside it, the shortage queue, tasks and staff, sync health, the day at a
glance and the audit trail. Each manager tab is built the first time it is opened: a counter
PC where no manager signs in never loads QtCharts or the manager's queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.domain.vocabulary import Role
from app.read_models import SignedInStaff


@runtime_checkable
class ActsForSomeone(Protocol):
    """A manager screen that needs to know who is signed in (to check and audit actions)."""

    def set_actor(self, actor: SignedInStaff | None) -> None:
        """Work for `actor` from now on."""


@dataclass(frozen=True, slots=True)
class ManagerTab:
    """One manager screen: its tab title and how to build it (under the given parent)."""

    key: str
    title: str
    build: Callable[[QWidget], QWidget]
    waiting: Callable[[], int] | None = None
    """How many things wait on this tab (shown in its title, e.g. "Shortages (3)"), read
    whenever the feed brought records, without building the tab."""


class _Placeholder(QWidget):
    """Holds a tab's place until it is first opened, then holds the built screen."""

    def __init__(self, tab: ManagerTab, parent: QWidget) -> None:
        super().__init__(parent)
        self.tab = tab
        self.built: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def build(self) -> QWidget:
        if self.built is None:
            self.built = self.tab.build(self)
            self._layout.addWidget(self.built)
        return self.built


class ManagerScreen(QTabWidget):
    """The orders screen, plus the manager's tabs while a manager is signed in."""

    def __init__(self, orders: QWidget, tabs: list[ManagerTab], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("managerTabs")
        self.setDocumentMode(True)
        self.addTab(orders, self.tr("Orders"))
        self._actor: SignedInStaff | None = None
        self._places: dict[str, _Placeholder] = {}
        for tab in tabs:
            place = _Placeholder(tab, self)
            self._places[tab.key] = place
            self.addTab(place, tab.title)
        self.currentChanged.connect(self._on_current_changed)
        self.set_actor(None)

    @property
    def tab_keys(self) -> list[str]:
        """The manager tabs this window offers, in order."""
        return list(self._places)

    def set_actor(self, actor: SignedInStaff | None) -> None:
        """Show the manager's tabs only to a manager; anyone else sees the orders alone."""
        self._actor = actor
        is_manager = actor is not None and Role.MANAGER in actor.roles
        for place in self._places.values():
            _tell(place.built, actor if is_manager else None)
        for place in self._places.values():
            self.setTabVisible(self.indexOf(place), is_manager)
        self.tabBar().setVisible(is_manager and bool(self._places))
        if not is_manager:
            self.setCurrentIndex(0)
        self.refresh_waiting()

    def refresh_waiting(self) -> None:
        """Re-read each tab's waiting count into its title (a manager only: nobody else sees
        the tabs, so nobody else pays for the reads)."""
        if self._actor is None or Role.MANAGER not in self._actor.roles:
            return
        for place in self._places.values():
            if place.tab.waiting is None:
                continue
            count = place.tab.waiting()
            title = f"{place.tab.title} ({count})" if count else place.tab.title
            self.setTabText(self.indexOf(place), title)

    def open_tab(self, key: str) -> QWidget:
        """Bring a manager tab to the front (building it if need be) and return its screen."""
        place = self._places[key]
        self.setCurrentWidget(place)
        return self._built(place)

    def built_tab(self, key: str) -> QWidget | None:
        """A manager tab's screen if it was opened before, else None."""
        return self._places[key].built

    @Slot(int)
    def _on_current_changed(self, index: int) -> None:
        place = self.widget(index)
        if isinstance(place, _Placeholder):
            self._built(place)

    def _built(self, place: _Placeholder) -> QWidget:
        if place.built is None:
            _tell(place.build(), self._actor)
        return place.build()


def _tell(screen: object, actor: SignedInStaff | None) -> None:
    """Tell a built screen who works now, if it wants to know."""
    if isinstance(screen, ActsForSomeone):
        screen.set_actor(actor)
