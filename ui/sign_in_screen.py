"""The PIN sign-in screen: pick your name, type your PIN, get to work."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRegularExpression, Qt, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import Clock, utc_now
from app.domain.permissions import Permission
from app.domain.vocabulary import RecordKind
from app.read_models import SignedInStaff, StaffCard
from app.services.sign_in import SignInRefused, SignInService
from ui.demo_staff_panel import DemoStaffPanel
from ui.elided_label import ElidedLabel
from ui.labels import roles_text
from ui.message_strip import MessageStrip
from ui.pin_prompt_dialog import PinPromptDialog, refusal_text
from ui.sync_bridge import SyncBridge
from ui.theme import Tone

_PIN_MAX_DIGITS = 8
_STAFF_COLUMNS = 2


class StaffButton(QPushButton):
    """One person as a large button: name, and their roles underneath."""

    def __init__(self, card: StaffCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self.setObjectName("StaffButton")
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 10, 18, 10)
        layout.setSpacing(2)
        name = ElidedLabel(card.name)  # a long name must not push the grid off the screen
        name.setObjectName("BigValue")
        roles = QLabel(roles_text(card.roles))
        roles.setObjectName("Hint")
        for label in (name, roles):
            # The labels sit on top of the button; clicks must reach the button.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        self.setMinimumHeight(84)
        self.setAccessibleName(card.name)


class SignInScreen(QWidget):
    """Lists the staff known to this device and checks the PIN of the one picked."""

    signed_in = Signal(object)
    """SignedInStaff: the PIN was right."""

    def __init__(
        self,
        sign_in: SignInService,
        bridge: SyncBridge,
        demo_staff: Sequence[tuple[str, str, str]] = (),
        parent: QWidget | None = None,
        *,
        clock: Clock = utc_now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ScreenSurface")
        self._sign_in = sign_in
        self._clock = clock
        self._previous: SignedInStaff | None = None
        self._buttons: dict[str, StaffButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._group.buttonClicked.connect(self._on_group_button_clicked)
        self._build(demo_staff)
        bridge.records_updated.connect(self._on_bridge_records_updated)
        self.refresh_staff()

    def refresh_staff(self) -> None:
        """Re-read the staff list; whoever was picked stays picked if still listed."""
        picked = self.picked_staff_id()
        for button in self._buttons.values():
            self._group.removeButton(button)
            button.deleteLater()
        self._buttons.clear()
        cards = self._sign_in.staff_cards()
        for position, card in enumerate(cards):
            button = StaffButton(card, self._staff_holder)
            self._group.addButton(button)
            self._staff_grid.addWidget(
                button, position // _STAFF_COLUMNS, position % _STAFF_COLUMNS
            )
            self._buttons[card.staff_id] = button
        self._empty_label.setVisible(not cards)
        self._staff_scroll.setVisible(bool(cards))
        if picked in self._buttons:
            self._buttons[picked].setChecked(True)
        else:
            self._pick(None)

    def begin_switch(self, previous: SignedInStaff) -> None:
        """Quick switch at the counter: the next person signs in over `previous`'s window."""
        self.reset()
        self._previous = previous
        self.title_label.setText(
            self.tr("Switch user: who takes over from {name}?").format(name=previous.name)
        )

    def reset(self) -> None:
        """Back to the start: nobody picked, no PIN, no message (after a sign-out)."""
        self._previous = None
        self.title_label.setText(self.tr("Who is signing in?"))
        checked = self._group.checkedButton()
        if checked is not None:
            self._group.setExclusive(False)
            checked.setChecked(False)
            self._group.setExclusive(True)
        self._pick(None)

    def picked_staff_id(self) -> str | None:
        """Whose name is picked, if anyone's."""
        checked = self._group.checkedButton()
        return checked.card.staff_id if isinstance(checked, StaffButton) else None

    def listed_staff_ids(self) -> list[str]:
        """Who is listed, in screen order."""
        return list(self._buttons)

    def staff_button(self, staff_id: str) -> QPushButton:
        """The button of one person (KeyError when not listed)."""
        return self._buttons[staff_id]

    def set_narrow(self, narrow: bool) -> None:
        """Stack the staff list above the PIN card, with small margins: a 480 px handheld."""
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        self._outer.setDirection(direction)
        self._outer.setContentsMargins(*((10, 8, 10, 8) if narrow else (40, 24, 40, 24)))
        self._outer.setSpacing(12 if narrow else 32)

    def _build(self, demo_staff: Sequence[tuple[str, str, str]]) -> None:
        outer = self._outer = QHBoxLayout(self)
        outer.setContentsMargins(40, 24, 40, 24)
        outer.setSpacing(32)
        staff_column = self._build_staff_column()
        if demo_staff:
            # On the screen itself rather than in a pop-up, so nothing covers the keypad.
            staff_column.addWidget(DemoStaffPanel(demo_staff, self))
        outer.addLayout(staff_column, 3)
        right = QVBoxLayout()
        right.addWidget(self._build_pin_card())
        right.addStretch(1)
        outer.addLayout(right, 2)

    def _build_staff_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(16)
        title = self.title_label = QLabel(self.tr("Who is signing in?"))
        title.setObjectName("ScreenTitle")
        column.addWidget(title)
        self._empty_label = QLabel(self.tr("Waiting for the staff list from the hub…"))
        self._empty_label.setObjectName("Hint")
        self._empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty_label.setWordWrap(True)
        column.addWidget(self._empty_label, 1)
        self._staff_holder = QWidget()
        self._staff_grid = QGridLayout(self._staff_holder)
        self._staff_grid.setSpacing(12)
        self._staff_grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._staff_scroll = QScrollArea()
        self._staff_scroll.setWidgetResizable(True)
        self._staff_scroll.setWidget(self._staff_holder)
        column.addWidget(self._staff_scroll, 1)
        return column

    def _build_pin_card(self) -> QFrame:
        card = QFrame(self)
        card.setObjectName("Card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(24, 18, 24, 20)
        layout.setSpacing(10)
        self._who_label = QLabel()
        self._who_label.setObjectName("BigValue")
        layout.addWidget(self._who_label)
        self.pin_field = QLineEdit(card)
        self.pin_field.setObjectName("PinField")
        self.pin_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_field.setMaxLength(_PIN_MAX_DIGITS)
        self.pin_field.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d*"), self.pin_field)
        )
        self.pin_field.setAccessibleName(self.tr("PIN"))
        self.pin_field.returnPressed.connect(self._on_pin_field_return_pressed)
        layout.addWidget(self.pin_field)
        layout.addLayout(self._build_keypad())
        self.sign_in_button = QPushButton(self.tr("Sign in"), card)
        self.sign_in_button.setProperty("variant", "primary")
        self.sign_in_button.clicked.connect(self._on_sign_in_button_clicked)
        layout.addWidget(self.sign_in_button)
        self.message_label = MessageStrip(card)
        layout.addWidget(self.message_label)
        self.unlock_button = QPushButton(self.tr("Unlock with a manager's PIN"), card)
        self.unlock_button.setProperty("variant", "quiet")
        self.unlock_button.setVisible(False)
        self.unlock_button.clicked.connect(self._on_unlock_button_clicked)
        layout.addWidget(self.unlock_button)
        return card

    def _build_keypad(self) -> QGridLayout:
        keypad = QGridLayout()
        keypad.setSpacing(10)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
        for position, digit in enumerate(keys):
            keypad.addWidget(self._key(digit, digit), position // 3, position % 3)
        keypad.addWidget(self._key(self.tr("Clear"), "clear"), 3, 0)
        keypad.addWidget(self._key("0", "0"), 3, 1)
        keypad.addWidget(self._key(self.tr("Del"), "back"), 3, 2)
        return keypad

    def _key(self, text: str, key: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName("KeypadButton")
        # The PIN field keeps the keyboard focus, so typing and tapping can be mixed.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setProperty("key", key)
        button.clicked.connect(self._on_keypad_button_clicked)
        return button

    def _pick(self, card: StaffCard | None) -> None:
        self.pin_field.clear()
        self.pin_field.setEnabled(card is not None)
        self.sign_in_button.setEnabled(card is not None)
        self.message_label.clear_message()
        self.unlock_button.setVisible(False)
        if card is None:
            self._who_label.setText(self.tr("Pick your name"))
            self.pin_field.setPlaceholderText("")
            return
        self._who_label.setText(self.tr("PIN for {name}").format(name=card.name))
        self.pin_field.setPlaceholderText(self.tr("Type your PIN"))
        self.pin_field.setFocus()

    def _try_sign_in(self) -> None:
        checked = self._group.checkedButton()
        if not isinstance(checked, StaffButton):
            self._show_error(self.tr("Pick your name first."))
            return
        pin = self.pin_field.text()
        if not pin:
            self._show_error(self.tr("Type your PIN first."))
            return
        try:
            if self._previous is not None:
                staff = self._sign_in.switch_user(self._previous, checked.card.staff_id, pin)
            else:
                staff = self._sign_in.sign_in(checked.card.staff_id, pin)
        except SignInRefused as refusal:
            self.pin_field.clear()
            self.pin_field.setFocus()
            self._show_refusal(refusal, checked.card)
            return
        self.reset()
        self.signed_in.emit(staff)

    def _show_error(self, text: str) -> None:
        self.message_label.show_message(text, Tone.ERROR)

    def _show_refusal(self, refusal: SignInRefused, card: StaffCard) -> None:
        locked = refusal.locked_until is not None
        self.unlock_button.setVisible(locked)
        if locked or refusal.storage_full:
            self._show_error(refusal_text(refusal, self._clock()))
            return
        self._show_error(
            self.tr("That PIN is not right for {name}. Please try again.").format(name=card.name)
        )

    def open_unlock(self) -> PinPromptDialog | None:
        """The prompt in which a manager unlocks whoever is picked (None: nobody picked)."""
        checked = self._group.checkedButton()
        if not isinstance(checked, StaffButton):
            return None
        staff_id = checked.card.staff_id
        return PinPromptDialog(
            self.tr("Unlock {name}").format(name=checked.card.name),
            self.tr(
                "{name} typed too many wrong PINs. A manager picks their name and types "
                "their PIN to unlock."
            ).format(name=checked.card.name),
            self._sign_in.approvers(Permission.UNLOCK),
            lambda approver_id, pin: self._sign_in.unlock_by_pin(approver_id, pin, staff_id),
            clock=self._clock,
            parent=self,
        )

    @Slot()
    def _on_unlock_button_clicked(self) -> None:
        dialog = self.open_unlock()
        if dialog is not None and dialog.exec() == PinPromptDialog.DialogCode.Accepted:
            self.unlock_button.setVisible(False)
            self.message_label.show_message(self.tr("Unlocked. Type your PIN."), Tone.OK)
            self.pin_field.setFocus()

    @Slot(QAbstractButton)
    def _on_group_button_clicked(self, button: QAbstractButton) -> None:
        if isinstance(button, StaffButton):
            self._pick(button.card)

    @Slot()
    def _on_keypad_button_clicked(self) -> None:
        button = self.sender()
        key = button.property("key") if button is not None else None
        if not self.pin_field.isEnabled():
            self._show_error(self.tr("Pick your name first."))
        elif key == "clear":
            self.pin_field.clear()
        elif key == "back":
            self.pin_field.backspace()
        elif isinstance(key, str) and len(self.pin_field.text()) < _PIN_MAX_DIGITS:
            self.pin_field.insert(key)

    @Slot()
    def _on_pin_field_return_pressed(self) -> None:
        self._try_sign_in()

    @Slot()
    def _on_sign_in_button_clicked(self) -> None:
        self._try_sign_in()

    @Slot(object)
    def _on_bridge_records_updated(self, kinds: frozenset[RecordKind]) -> None:
        if RecordKind.STAFF in kinds:
            self.refresh_staff()
