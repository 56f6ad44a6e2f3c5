"""Map each unread line of an exception order to a catalogue item, then accept it (with a PIN)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.order_lifecycle import OrderAction
from app.domain.permissions import Permission
from app.domain.wire_limits import QUANTITY_MAX
from app.read_models import OrderDetail, SignedInStaff, UnreadLineView
from app.services.exception_orders import CatalogueItem, LineChoice
from app.services.order_actions import ActionRefused
from ui.cashier.exception_words import exception_reasons
from ui.labels import order_title
from ui.screen_services import ScreenServices
from ui.staff_session import authorise
from ui.theme import Tone, set_tone
from ui.value_formats import format_money

Search = Callable[[str], list[CatalogueItem]]
Perform = Callable[[SignedInStaff, str], OrderDetail]
Act = Callable[[OrderAction, Perform], None]


class _LineRow:
    """One unread line: what the channel sent, a catalogue search, the item, the quantity."""

    def __init__(self, line: UnreadLineView, search: Search, parent: QWidget) -> None:
        self.line = line
        self._search = search
        sent = line.name or line.channel_sku or line.ref
        self.sent_label = QLabel(sent, parent)
        self.sent_label.setWordWrap(True)
        details = [f"SKU {line.channel_sku}"] if line.channel_sku else []
        if line.quantity is not None:
            details.append(f"×{line.quantity}")
        if line.unit_price_cents is not None:
            details.append(format_money(line.unit_price_cents))
        self.sent_detail = QLabel(" · ".join(details), parent)
        self.sent_detail.setObjectName("Hint")
        self.search_field = QLineEdit(parent)
        self.search_field.setPlaceholderText(
            QCoreApplication.translate(
                "ExceptionMappingDialog", "Search the catalogue: name, SKU or barcode"
            )
        )
        self.search_field.setMaxLength(200)
        self.picker = QComboBox(parent)
        self.picker.setMinimumWidth(340)
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.picker.setPlaceholderText(
            QCoreApplication.translate("ExceptionMappingDialog", "Choose an item…")
        )
        self.quantity = QSpinBox(parent)
        self.quantity.setRange(1, QUANTITY_MAX)
        self.quantity.setValue(line.quantity if line.quantity else 1)
        self.quantity.setMinimumWidth(80)
        self.search_field.textChanged.connect(self.find)
        self.find(line.name or line.channel_sku)

    def find(self, text: str) -> None:
        """List the catalogue items matching `text` in the picker (none chosen yet)."""
        self.picker.clear()
        for item in self._search(text):
            label = f"{item.name} · {item.sku} · {format_money(item.unit_price_cents)}"
            self.picker.addItem(label, item.sku)
        self.picker.setCurrentIndex(-1)

    def choice(self) -> LineChoice | None:
        """The person's match, or None while no item is chosen."""
        sku = self.picker.currentData()
        if not isinstance(sku, str):
            return None
        return LineChoice(self.line.ref, sku, self.quantity.value())


class ExceptionMappingDialog(QDialog):
    """One row per unread line; OK only once every line has a catalogue item."""

    def __init__(self, order: OrderDetail, search: Search, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.order = order
        self.setWindowTitle(self.tr("Map items and accept"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(900)
        column = QVBoxLayout(self)
        column.setSpacing(12)
        title = QLabel(order_title(order.daily_serial, order.channel), self)
        title.setObjectName("SectionTitle")
        column.addWidget(title)
        reasons = QLabel("\n".join(exception_reasons(order.exception)), self)
        reasons.setWordWrap(True)
        reasons.setObjectName("MessageStrip")
        set_tone(reasons, Tone.ERROR)
        column.addWidget(reasons)
        hint = QLabel(
            self.tr(
                "Match each line the hub could not read to an item of your catalogue, with "
                "the quantity the customer ordered. A manager's PIN approves the mapping."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setObjectName("Hint")
        column.addWidget(hint)
        lines = () if order.exception is None else order.exception.unread_lines
        self.rows = [_LineRow(line, search, self) for line in lines]
        column.addLayout(self._grid())
        if not self.rows:
            column.addWidget(
                QLabel(self.tr("Every line was read: accepting keeps the order as it is."), self)
            )
        self.missing_label = QLabel(self)
        self.missing_label.setObjectName("Hint")
        column.addWidget(self.missing_label)
        buttons = QDialogButtonBox(self)
        self.ok_button = QPushButton(self.tr("Accept with these items"), self)
        self.ok_button.setProperty("variant", "primary")
        self.ok_button.setMinimumHeight(48)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self._update_ok()

    def _grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        for position, heading in enumerate(
            (
                self.tr("As the channel sent it"),
                self.tr("Find in the catalogue"),
                self.tr("Catalogue item"),
                self.tr("Quantity"),
            )
        ):
            label = QLabel(heading, self)
            label.setObjectName("Hint")
            grid.addWidget(label, 0, position)
        for number, row in enumerate(self.rows, start=1):
            sent = QVBoxLayout()
            sent.setSpacing(0)
            sent.addWidget(row.sent_label)
            sent.addWidget(row.sent_detail)
            grid.addLayout(sent, number, 0)
            grid.addWidget(row.search_field, number, 1)
            grid.addWidget(row.picker, number, 2)
            grid.addWidget(row.quantity, number, 3)
            row.picker.currentIndexChanged.connect(self._on_picker_current_index_changed)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 4)
        return grid

    def choices(self) -> list[LineChoice]:
        """The lines mapped so far (every line, once OK is enabled)."""
        return [choice for row in self.rows if (choice := row.choice()) is not None]

    def _update_ok(self) -> None:
        missing = sum(1 for row in self.rows if row.choice() is None)
        self.ok_button.setEnabled(missing == 0)
        self.missing_label.setText(
            self.tr("%n line(s) still without a catalogue item.", "", missing) if missing else ""
        )

    @Slot(int)
    def _on_picker_current_index_changed(self, _index: int) -> None:
        self._update_ok()


class ExceptionFlow(QObject):
    """Carries out "Map items and accept" on the order on show for the screen that owns it."""

    def __init__(
        self,
        services: ScreenServices,
        screen: QWidget,
        *,
        act: Act,
        shown: Callable[[], OrderDetail | None],
        actor: Callable[[], SignedInStaff | None],
    ) -> None:
        super().__init__(screen)
        self._services = services
        self._screen = screen
        self._act = act
        self._shown = shown
        self._actor = actor
        self.dialog: ExceptionMappingDialog | None = None

    def start(self, action: OrderAction) -> bool:
        """Open the mapping dialog; False when `action` is not ACCEPT_EXCEPTION."""
        if action is not OrderAction.ACCEPT_EXCEPTION:
            return False
        order, service = self._shown(), self._services.exception_orders
        if order is None:
            return True
        if service is None:
            self._act(action, _unavailable)
            return True
        dialog = ExceptionMappingDialog(order, service.search_products, self._screen)
        dialog.accepted.connect(self._on_dialog_accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return True

    @Slot()
    def _on_dialog_accepted(self) -> None:
        dialog, self.dialog = self.dialog, None
        shown, service = self._shown(), self._services.exception_orders
        # The dialog is window-modal, but the order on show may still change under it.
        if dialog is None or service is None or shown is None:
            return
        if shown.order_id != dialog.order.order_id:
            return
        approved = authorise(self._screen, Permission.MAP_ITEMS, self._actor())
        if approved is None:
            return
        choices = dialog.choices()
        self._act(
            OrderAction.ACCEPT_EXCEPTION,
            lambda _actor, order_id: service.accept_exception_order(approved, order_id, choices),
        )


def _unavailable(_actor: SignedInStaff, _order_id: str) -> OrderDetail:
    raise ActionRefused("mapping_unavailable", OrderAction.ACCEPT_EXCEPTION)
