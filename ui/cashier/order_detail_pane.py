"""The right-hand pane: everything the counter needs to know about one order."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import Clock
from app.domain.privacy import mask_phones_in
from app.domain.vocabulary import OrderStatus
from app.read_models import HandoverView, OrderDetail, OrderLineView, RiderView, SignedInStaff
from app.services.customer_contact import CustomerContact, PhoneRefused
from ui.cashier.customer_request_panel import CustomerRequestPanel
from ui.cashier.exception_words import exception_reasons, needs_checking_text
from ui.cashier.reminder_list import ReminderList
from ui.labels import (
    channel_name,
    fulfilment_name,
    handover_party_name,
    order_status_name,
    out_of_stock_preference_name,
    rider_status_name,
    serial_text,
)
from ui.manager.shortage_words import line_shortage_text
from ui.status_reason_words import order_reason_sentence
from ui.theme import Tone, channel_badge_style, set_tone
from ui.value_formats import format_clock_time, format_money, format_weight

_STATUS_TONES = {
    OrderStatus.NEW: Tone.BUSY,
    OrderStatus.EXCEPTION: Tone.ERROR,
    OrderStatus.READY: Tone.OK,
    OrderStatus.REJECTED: Tone.ERROR,
    OrderStatus.CANCELLED: Tone.ERROR,
    OrderStatus.CANCEL_REQUESTED: Tone.WARNING,
    OrderStatus.REFUND_REQUESTED: Tone.WARNING,
    OrderStatus.SHORTAGE_PENDING: Tone.WARNING,
}


_ANSWER_DUE = frozenset({OrderStatus.NEW, OrderStatus.EXCEPTION})


def _label(text: str, name: str = "", *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


_PICKUP_CODE_STYLE = (
    "font-size: 34px; font-weight: 800; color: #FFFFFF; background: #16A34A;"
    " border-radius: 8px; padding: 2px 14px;"
)


class OrderDetailPane(QScrollArea):
    """Shows one OrderDetail, or a hint when no order is chosen; changes no order itself.

    With a `contact` service and a viewer set, the customer's masked number has a "Show
    number" button for the people allowed to call the customer; each showing is audited.
    """

    reminder_reply_chosen = Signal(str, str)
    """(reminder id, reply): the person chose a quick reply to the customer's reminder."""

    def __init__(
        self,
        clock: Clock,
        parent: QWidget | None = None,
        *,
        contact: CustomerContact | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._contact = contact
        self._viewer: SignedInStaff | None = None
        self.phone_label: QLabel | None = None
        self.show_phone_button: QPushButton | None = None
        self.request_panel: CustomerRequestPanel | None = None
        self.reminder_list: ReminderList | None = None
        self.exception_label: QLabel | None = None
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.order: OrderDetail | None = None
        self.show_order(None)

    def show_order(self, order: OrderDetail | None) -> None:
        """Replace the pane's content with `order` (None: the empty hint)."""
        self.order = order
        self.request_panel = None
        self.reminder_list = None
        self.exception_label = None
        self.phone_label = self.show_phone_button = None
        content = QFrame()
        content.setObjectName("Card")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(10)
        if order is None:
            hint = _label(self.tr("Choose an order on the left to see it here."), "Hint")
            hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(hint, 1)
        else:
            self._fill(layout, order)
            layout.addStretch(1)
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.setWidget(content)

    def _fill(self, layout: QVBoxLayout, order: OrderDetail) -> None:
        now = self._clock()
        layout.addLayout(self._header(order))
        layout.addLayout(self._status_row(order))
        layout.addWidget(self._order_number(order))
        if order.status is OrderStatus.EXCEPTION:
            self.exception_label = self._exception(order)
            layout.addWidget(self.exception_label)
        if order.scheduled_for is not None:
            layout.addWidget(self._booking(order, now))
        # Customers type their number into notes, reasons and replies; everything free-typed
        # is shown masked here, as on tickets, so the pane never bypasses the reveal rule.
        if order.request is not None:
            request = replace(
                order.request,
                reason=mask_phones_in(order.request.reason),
                answer_reason=mask_phones_in(order.request.answer_reason),
            )
            self.request_panel = CustomerRequestPanel(request, order.channel, self._clock, self)
            layout.addWidget(self.request_panel)
        if order.reminders:
            reminders = tuple(replace(r, reply=mask_phones_in(r.reply)) for r in order.reminders)
            self.reminder_list = ReminderList(reminders, order.channel, self._clock, self)
            self.reminder_list.reply_chosen.connect(self.reminder_reply_chosen)
            layout.addWidget(self.reminder_list)
        if order.why.is_given:
            # Worded from the hub's code; what the customer typed is masked there.
            reason = _label(order_reason_sentence(order.why), "MessageStrip", wrap=True)
            set_tone(reason, Tone.WARNING)
            layout.addWidget(reason)
        if order.note:
            layout.addWidget(
                _label(
                    self.tr("Note: {note}").format(note=mask_phones_in(order.note)),
                    "OrderNote",
                    wrap=True,
                )
            )
        layout.addWidget(_label(self.tr("Customer"), "SectionTitle"))
        layout.addLayout(self._customer(order))
        layout.addWidget(_label(self.tr("Items"), "SectionTitle"))
        layout.addLayout(self._lines(order.lines))
        layout.addLayout(self._totals(order))
        layout.addWidget(_label(self.tr("Times"), "SectionTitle"))
        layout.addLayout(self._times(order, now))

    def _header(self, order: OrderDetail) -> QHBoxLayout:
        """Channel, serial and pickup code on one line; the rest goes below, so the pane
        stays readable at its least width (a 1024 px counter screen)."""
        header = QHBoxLayout()
        header.setSpacing(12)
        badge = _label(channel_name(order.channel))
        badge.setStyleSheet(channel_badge_style(order.channel))
        header.addWidget(badge, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(_label(serial_text(order.daily_serial), "SerialLabel"))
        header.addStretch(1)
        if order.pickup_code:
            pickup = QVBoxLayout()
            pickup.setSpacing(2)
            pickup.addWidget(_label(self.tr("Pickup code"), "Hint"), 0, Qt.AlignmentFlag.AlignRight)
            code = _label(order.pickup_code, "PickupCode")
            code.setStyleSheet(_PICKUP_CODE_STYLE)
            code.setToolTip(self.tr("The code the customer collects the order with"))
            pickup.addWidget(code)
            header.addLayout(pickup)
        return header

    def _status_row(self, order: OrderDetail) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        status = _label(order_status_name(order.status), "StatusPill")
        set_tone(status, _STATUS_TONES.get(order.status, Tone.NEUTRAL))
        row.addWidget(status)
        if order.has_pending:
            waiting = _label(self.tr("Waiting to sync"), "StatusPill")
            waiting.setToolTip(
                self.tr("This device has actions on this order that the hub has not confirmed yet.")
            )
            set_tone(waiting, Tone.WARNING)
            row.addWidget(waiting)
        row.addStretch(1)
        return row

    def _exception(self, order: OrderDetail) -> QLabel:
        """What the hub could not read, in words, and the lines the store must map."""
        text = self.tr("{badge}: the hub could not read all of this order.").format(
            badge=needs_checking_text()
        )
        text += "".join(f"\n• {reason}" for reason in exception_reasons(order.exception))
        unread = () if order.exception is None else order.exception.unread_lines
        if unread:
            text += "\n" + self.tr("Lines to map to the catalogue before accepting:")
            for line in unread:
                sent = line.name or line.channel_sku or line.ref
                quantity = "?" if line.quantity is None else str(line.quantity)
                text += "\n• " + self.tr("{name} ({sku}) × {quantity}").format(
                    name=sent, sku=line.channel_sku or "—", quantity=quantity
                )
        label = _label(text, "MessageStrip", wrap=True)
        set_tone(label, Tone.ERROR)
        return label

    def _booking(self, order: OrderDetail, now: datetime) -> QLabel:
        assert order.scheduled_for is not None
        text = self.tr("Booked for {time}").format(time=format_clock_time(order.scheduled_for, now))
        if order.prepare_at is not None and order.status is OrderStatus.NEW:
            text += self.tr(" · moves to New at {time}").format(
                time=format_clock_time(order.prepare_at, now)
            )
        booking = _label(text, "MessageStrip", wrap=True)
        set_tone(booking, Tone.BUSY)
        return booking

    def _order_number(self, order: OrderDetail) -> QLabel:
        number = self.tr("{channel} order {number}").format(
            channel=channel_name(order.channel), number=order.channel_order_no
        )
        return _label(number, "Hint", wrap=True)

    def set_viewer(self, staff: SignedInStaff | None) -> None:
        """Who looks at the pane now: decides the "Show number" button; a shown number hides."""
        self._viewer = staff
        self.show_order(self.order)

    def _customer(self, order: OrderDetail) -> QFormLayout:
        form = _form()
        form.addRow(self.tr("Name"), self._who_row(order))
        form.addRow(self.tr("Fulfilment"), _label(fulfilment_name(order.fulfilment)))
        if order.rider is not None:
            form.addRow(self.tr("Rider"), _label(self._rider_text(order.rider), wrap=True))
        if order.handover is not None:
            form.addRow(
                self.tr("Handed over"), _label(self._handover_text(order.handover), wrap=True)
            )
        form.addRow(
            self.tr("If out of stock"),
            _label(out_of_stock_preference_name(order.out_of_stock_preference), wrap=True),
        )
        return form

    def _who(self, order: OrderDetail, phone: str) -> str:
        if not phone:
            return order.customer_name
        return self.tr("{name} · {phone}").format(name=order.customer_name, phone=phone)

    def _who_row(self, order: OrderDetail) -> QVBoxLayout:
        # The button goes under the name: side by side they would not fit a narrow pane.
        row = QVBoxLayout()
        row.setSpacing(4)
        self.phone_label = _label(self._who(order, order.customer_phone_masked), wrap=True)
        row.addWidget(self.phone_label)
        if self._contact is not None and self._viewer is not None:
            phone = self._contact.phone_of(self._viewer, order.order_id)
            if phone.may_reveal:
                self.show_phone_button = QPushButton(self.tr("Show number"))
                self.show_phone_button.setProperty("variant", "quiet")
                self.show_phone_button.setToolTip(
                    self.tr("Shows the full number to call the customer; the showing is recorded")
                )
                self.show_phone_button.clicked.connect(self._on_show_phone_button_clicked)
                row.addWidget(self.show_phone_button, 0, Qt.AlignmentFlag.AlignLeft)
        return row

    def _on_show_phone_button_clicked(self) -> None:
        order, viewer, contact = self.order, self._viewer, self._contact
        if order is None or viewer is None or contact is None or self.phone_label is None:
            return
        try:
            number = contact.reveal_phone(viewer, order.order_id)
        except PhoneRefused:
            masked = self._who(order, order.customer_phone_masked)
            self.phone_label.setText(
                self.tr("{who} (you may not see the full number now)").format(who=masked)
            )
        else:
            self.phone_label.setText(self._who(order, number))
        if self.show_phone_button is not None:
            self.show_phone_button.setText(self.tr("Shown, recorded"))
            self.show_phone_button.setEnabled(False)

    def _rider_text(self, rider: RiderView) -> str:
        text = self.tr("{name} · {phone} · {status}").format(
            name=rider.name, phone=rider.phone_masked, status=rider_status_name(rider.status)
        )
        if rider.eta is not None:
            text += self.tr(" · arrives {time}").format(
                time=format_clock_time(rider.eta, self._clock())
            )
        return text

    def _handover_text(self, handover: HandoverView) -> str:
        party = handover_party_name(handover.to)
        to = f"{party} {handover.to_name}".strip() if handover.to_name else party
        if handover.by_name:
            return self.tr("by {who} to {whom}").format(who=handover.by_name, whom=to)
        return self.tr("to {whom}").format(whom=to)

    def _lines(self, lines: tuple[OrderLineView, ...]) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        for column, title in enumerate((self.tr("Item"), self.tr("Qty"), self.tr("Paid"))):
            grid.addWidget(_label(title, "Hint"), 0, column)
        for row, line in enumerate(lines, start=1):
            grid.addWidget(_label(self._line_name(line), wrap=True), row, 0)
            grid.addWidget(_label(self._line_quantity(line)), row, 1, Qt.AlignmentFlag.AlignTop)
            paid = _label(format_money(line.paid_cents))
            grid.addWidget(paid, row, 2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        return grid

    def _line_name(self, line: OrderLineView) -> str:
        text = line.name
        if line.name_en and line.name_en != line.name:
            text += f"\n{line.name_en}"
        if line.note:
            text += "\n" + self.tr("Note: {note}").format(note=mask_phones_in(line.note))
        if line.shortage_decision is not None:
            text += "\n" + line_shortage_text(line)
        return text

    def _line_quantity(self, line: OrderLineView) -> str:
        if line.weighed and line.ordered_weight_g:
            return format_weight(line.ordered_weight_g)
        return self.tr("× {quantity}").format(quantity=line.quantity)

    def _totals(self, order: OrderDetail) -> QFormLayout:
        form = _form()
        form.addRow(self.tr("Subtotal"), _money(order.subtotal_cents))
        if order.discount_cents:
            form.addRow(self.tr("Discount"), _money(-order.discount_cents))
        if order.delivery_fee_cents:
            form.addRow(self.tr("Delivery fee"), _money(order.delivery_fee_cents))
        total = _money(order.total_cents)
        total.setObjectName("BigValue")
        form.addRow(self.tr("Total paid"), total)
        return form

    def _times(self, order: OrderDetail, now: datetime) -> QFormLayout:
        form = _form()
        rows: tuple[tuple[str, datetime | None], ...] = (
            (self.tr("Placed"), order.placed_at),
            (self.tr("Accept by"), order.accept_by if order.status in _ANSWER_DUE else None),
            (self.tr("Accepted"), order.accepted_at),
            (self.tr("Expected ready"), order.expected_ready_at),
            (self.tr("Ready"), order.ready_at),
            (self.tr("Handed over"), order.handed_over_at),
            (self.tr("Closed"), order.closed_at),
        )
        for title, moment in rows:
            if moment is not None:
                form.addRow(title, _label(format_clock_time(moment, now)))
        return form


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setHorizontalSpacing(18)
    form.setVerticalSpacing(6)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    # In a narrow pane a long row puts its value under its title instead of cutting it.
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return form


def _money(cents: int) -> QLabel:
    label = _label(format_money(cents))
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label
