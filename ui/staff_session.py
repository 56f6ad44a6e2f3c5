"""Who is at the window, when they last touched it, and the PIN asked before sensitive actions.

A screen calls `authorise(self, Permission.REFUND, actor)` just before a sensitive action
and goes on with the person it returns (None: cancelled or refused). The session watches
input through an application event filter, counted only for its own window.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.clock import Clock
from app.domain.permissions import Permission
from app.domain.staff_session import Approval, IdleWatch, approval_needed
from app.read_models import SignedInStaff
from app.services.sign_in import SignInService
from ui.pin_prompt_dialog import PinPromptDialog

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.Wheel,
    }
)


def permission_text(permission: Permission) -> str:
    """The action a prompt asks approval for, in the words of the prompt's sentence."""
    words = {
        Permission.ACCEPT: QCoreApplication.translate("StaffSession", "accept an order"),
        Permission.MAP_ITEMS: QCoreApplication.translate(
            "StaffSession", "map an order's items and accept it"
        ),
        Permission.REJECT: QCoreApplication.translate("StaffSession", "reject an order"),
        Permission.READY: QCoreApplication.translate("StaffSession", "mark an order ready"),
        Permission.HAND_OVER: QCoreApplication.translate("StaffSession", "hand an order over"),
        Permission.PICK: QCoreApplication.translate("StaffSession", "pick an item"),
        Permission.REPORT_SHORTAGE: QCoreApplication.translate("StaffSession", "report a shortage"),
        Permission.DECIDE_SHORTAGE: QCoreApplication.translate("StaffSession", "decide a shortage"),
        Permission.REFUND: QCoreApplication.translate("StaffSession", "agree to a refund"),
        Permission.CANCEL: QCoreApplication.translate("StaffSession", "cancel an order"),
        Permission.REPRINT: QCoreApplication.translate("StaffSession", "reprint a ticket"),
        Permission.REASSIGN: QCoreApplication.translate("StaffSession", "reassign a task"),
        Permission.SETTINGS: QCoreApplication.translate("StaffSession", "change settings"),
        Permission.PAUSE_CHANNEL: QCoreApplication.translate("StaffSession", "pause a channel"),
        Permission.MUTE_ALARM: QCoreApplication.translate("StaffSession", "mute the alarm"),
        Permission.UNLOCK: QCoreApplication.translate("StaffSession", "unlock a person"),
        Permission.EXPORT: QCoreApplication.translate("StaffSession", "export data"),
    }
    return words[permission]


class StaffSession(QObject):
    """The signed-in person of one window and the PIN prompts their actions may need."""

    def __init__(self, sign_in: SignInService, clock: Clock, window: QWidget) -> None:
        """Lives as a child of `window`, where `session_of` finds it."""
        super().__init__(window)
        self.setObjectName("StaffSession")
        self._sign_in = sign_in
        self._clock = clock
        self._window = window
        self._watch = IdleWatch(clock())
        # Set when input arrives after an idle spell: that input also restarts the watch, so
        # without this the press that starts a click would make its own action look fresh.
        self._stale = False
        self.staff: SignedInStaff | None = None
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def begin(self, staff: SignedInStaff | None) -> None:
        """`staff` now works at the window (None: nobody); they just typed their PIN."""
        self.staff = staff
        self._stale = False
        self.touch()

    def touch(self) -> None:
        """Count input now (the event filter does this for every key, click and touch)."""
        self._watch = self._watch.touched(self._clock())

    def is_idle(self) -> bool:
        """Whether a sensitive action would ask for the PIN again: the session sits idle now,
        or input came after an idle spell and no PIN was typed since."""
        return self._stale or self._watch.is_idle(self._clock())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Note input aimed at this window, and whether it ended an idle spell; never consumes
        an event."""
        if (
            event.type() in _INPUT_EVENTS
            and isinstance(watched, QWidget)
            and _belongs_to(watched, self._window)
        ):
            self._stale = self.is_idle()
            self.touch()
        return False

    def authorise(
        self, parent: QWidget, permission: Permission, actor: SignedInStaff | None = None
    ) -> SignedInStaff | None:
        """The person to act as for `permission`, after any PIN it needs; None if not given.

        The signed-in person (or `actor`) goes on unchanged when nothing is needed; after an
        idle spell their PIN is asked again; when only a manager may, a manager picks their
        name and types their PIN, and the person returned carries `approved_by`. Every
        attempt is audited by the sign-in service; the service doing the action still checks.
        """
        person = actor or self.staff
        if person is None:
            return None
        needed = approval_needed(person.roles, permission, idle=self.is_idle())
        if needed is Approval.NONE:
            return person
        dialog = self.prompt_for(parent, person, permission, needed)
        if dialog is None:
            return None
        if dialog.exec() != PinPromptDialog.DialogCode.Accepted or dialog.approved is None:
            return None
        self._stale = False
        self.touch()
        return dialog.approved

    def prompt_for(
        self, parent: QWidget, person: SignedInStaff, permission: Permission, needed: Approval
    ) -> PinPromptDialog | None:
        """The prompt `needed` calls for, not yet shown (None: no PIN can allow it)."""
        if needed not in {Approval.REAUTH, Approval.MANAGER}:
            return None
        action = permission_text(permission)
        if needed is Approval.REAUTH:
            cards = [
                card for card in self._sign_in.staff_cards() if card.staff_id == person.staff_id
            ]
            return PinPromptDialog(
                self.tr("PIN again for {name}").format(name=person.name),
                self.tr("The device sat idle. Type your PIN again to {action}.").format(
                    action=action
                ),
                cards,
                lambda _staff_id, pin: self._sign_in.reauthorise(person, pin, permission),
                clock=self._clock,
                parent=parent,
            )
        return PinPromptDialog(
            self.tr("Manager approval"),
            self.tr(
                "{name} may not {action} alone. A manager picks their name and types their PIN."
            ).format(name=person.name, action=action),
            self._sign_in.approvers(permission),
            lambda staff_id, pin: self._sign_in.approve(person, staff_id, pin, permission),
            clock=self._clock,
            parent=parent,
        )


def session_of(widget: QWidget) -> StaffSession | None:
    """The session of the window `widget` sits in (through dialogs' parents), if any."""
    current: QWidget | None = widget.window()
    while current is not None:
        session = current.findChild(StaffSession, "StaffSession")
        if session is not None:
            return session
        parent = current.parentWidget()
        current = parent.window() if parent is not None else None
    return None


def authorise(
    widget: QWidget, permission: Permission, actor: SignedInStaff | None
) -> SignedInStaff | None:
    """`actor`, after any PIN prompt `permission` needs, for a screen's sensitive button.

    A screen placed without a session (tested on its own) goes on with `actor` unchanged:
    the service doing the action still enforces the permission.
    """
    session = session_of(widget)
    if session is None:
        return actor
    return session.authorise(widget, permission, actor)


def _belongs_to(widget: QWidget, window: QWidget) -> bool:
    top: QWidget | None = widget.window()
    while top is not None and top is not window:
        parent = top.parentWidget()
        top = parent.window() if parent is not None else None
    return top is window
