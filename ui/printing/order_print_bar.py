"""The order's print buttons (kitchen ticket, receipt), its tickets, and printer trouble."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.permissions import Permission
from app.printing.print_events import FailoverNotice, PrinterHealth
from app.read_models import OrderDetail, SignedInStaff
from app.services.print_journal import KITCHEN_DUE, PrintRefused, PrintRequest, TicketView
from ui.labels import (
    print_refusal_text,
    printer_problem_text,
    serial_text,
    ticket_kind_name,
    ticket_state_name,
)
from ui.message_strip import MessageStrip
from ui.printing.journal_words import station_text
from ui.printing.print_bridge import PrintBridge
from ui.printing.reprint_dialog import ReprintDialog
from ui.screen_services import ScreenServices
from ui.staff_session import authorise
from ui.theme import Tone, set_tone


class OrderPrintBar(QWidget):
    """Print buttons for the order on show; a second print of the same ticket asks for a
    reprint reason instead of printing again. Hidden when the device has no printing."""

    tickets_changed = Signal()
    """This widget queued tickets (the journal dialog, if open, re-reads)."""

    def __init__(
        self, services: ScreenServices, messages: MessageStrip, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._printing = services.printing
        self._messages = messages
        self._order: OrderDetail | None = None
        self._actor: SignedInStaff | None = None
        self.reprint_dialog: ReprintDialog | None = None
        self.bridge = PrintBridge(self)
        self._build()
        if self._printing is None:
            self.hide()
            return
        self._printing.runner.subscribe(self.bridge)
        runner = self._printing.runner
        self.destroyed.connect(lambda: runner.unsubscribe(self.bridge))
        self.bridge.health_changed.connect(self._on_bridge_health_changed)
        self.bridge.failed_over.connect(self._on_bridge_failed_over)
        self.bridge.journal_updated.connect(self._on_bridge_journal_updated)

    def show_order(self, order: OrderDetail | None, actor: SignedInStaff | None) -> None:
        """Offer printing for `order` to `actor` (None: nothing on show)."""
        self._order, self._actor = order, actor
        self._refresh()

    def _build(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        buttons = QHBoxLayout()
        self.kitchen_button = QPushButton(self.tr("Print kitchen ticket"), self)
        self.kitchen_button.clicked.connect(self._on_kitchen_button_clicked)
        self.receipt_button = QPushButton(self.tr("Print receipt"), self)
        self.receipt_button.clicked.connect(self._on_receipt_button_clicked)
        buttons.addWidget(self.kitchen_button)
        buttons.addWidget(self.receipt_button)
        column.addLayout(buttons)
        # Secondary to the order's actions above: compact buttons, the tickets in small print.
        self.setStyleSheet(
            "QPushButton { padding: 6px 12px; font-size: 15px; }"
            " QLabel#TicketStates { color: #52606D; font-size: 13px; }"
        )
        self.tickets_label = QLabel(self)
        self.tickets_label.setObjectName("TicketStates")
        self.tickets_label.setWordWrap(True)
        column.addWidget(self.tickets_label)
        self.printer_alert = QLabel(self)
        self.printer_alert.setObjectName("MessageStrip")
        self.printer_alert.setWordWrap(True)
        self.printer_alert.hide()
        column.addWidget(self.printer_alert)

    def _refresh(self) -> None:
        order = self._order
        usable = self._printing is not None and order is not None and self._actor is not None
        self.kitchen_button.setEnabled(usable and order is not None and order.status in KITCHEN_DUE)
        self.receipt_button.setEnabled(usable)
        if not usable or self._printing is None or order is None:
            self.tickets_label.clear()
            return
        tickets = self._printing.journal.order_tickets(order.order_id)
        self.tickets_label.setText(
            "  ·  ".join(self._ticket_text(ticket) for ticket in tickets[-4:])
            or self.tr("No ticket printed for this order yet.")
        )

    def _ticket_text(self, ticket: TicketView) -> str:
        name = ticket_kind_name(ticket.kind)
        if ticket.kind != "receipt":
            name = f"{name} {station_text(ticket)}"
        if ticket.is_reprint:
            name = self.tr("{ticket} (reprint)").format(ticket=name)
        return f"{name}: {ticket_state_name(ticket.state)}"

    def _print(self, kind: str) -> None:
        order, actor, printing = self._order, self._actor, self._printing
        if order is None or actor is None or printing is None:
            return
        journal = printing.journal
        try:
            if kind == "kitchen":
                result = journal.print_kitchen(actor.staff_id, order.order_id)
            else:
                result = journal.print_receipt(actor.staff_id, order.order_id)
        except PrintRefused as refused:
            self._messages.show_message(
                self.tr("Not printed: {reason}").format(reason=print_refusal_text(refused.code)),
                Tone.ERROR,
            )
            return
        self._tell(kind, order, result)
        self.tickets_changed.emit()
        self._refresh()

    def _tell(self, kind: str, order: OrderDetail, result: PrintRequest) -> None:
        serial = serial_text(order.daily_serial)
        if result.queued:
            self._messages.show_message(
                self.tr("{ticket} of {order} sent to the printer.").format(
                    ticket=ticket_kind_name(kind), order=serial
                ),
                Tone.OK,
            )
            return
        # Already in the journal: printing it again is a reprint, and a reprint has a reason.
        if kind == "receipt" and result.existing:
            self._open_reprint(result.existing[0])
            return
        self._messages.show_message(
            self.tr(
                "{ticket} of {order} was already printed; reprint it from the print journal "
                "with a reason."
            ).format(ticket=ticket_kind_name(kind), order=serial),
            Tone.NEUTRAL,
        )

    def _open_reprint(self, ticket: TicketView) -> None:
        dialog = ReprintDialog(ticket, self)
        dialog.accepted.connect(self._on_reprint_dialog_accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.reprint_dialog = dialog
        dialog.open()

    @Slot()
    def _on_reprint_dialog_accepted(self) -> None:
        dialog, self.reprint_dialog = self.reprint_dialog, None
        if dialog is None or self._printing is None or self._actor is None:
            return
        # An idle session asks the PIN again first (None: the person cancelled).
        actor = authorise(self, Permission.REPRINT, self._actor)
        if actor is None:
            return
        try:
            self._printing.journal.reprint(actor, dialog.ticket.ticket_id, dialog.reason())
        except PrintRefused as refused:
            self._messages.show_message(print_refusal_text(refused.code), Tone.ERROR)
            return
        self._messages.show_message(self.tr("Reprint sent to the printer."), Tone.OK)
        self.tickets_changed.emit()
        self._refresh()

    @Slot()
    def _on_kitchen_button_clicked(self) -> None:
        self._print("kitchen")

    @Slot()
    def _on_receipt_button_clicked(self) -> None:
        self._print("receipt")

    @Slot(object)
    def _on_bridge_health_changed(self, _health: PrinterHealth) -> None:
        # The alert names every printer failing now; it goes when all of them work again.
        failing = (
            []
            if self._printing is None
            else [h for h in self._printing.runner.health() if not h.ok]
        )
        if not failing:
            self.printer_alert.hide()
            return
        self.printer_alert.setText(
            "  ".join(
                self.tr("Printer “{printer}” {problem}.").format(
                    printer=health.name, problem=printer_problem_text(health.problem)
                )
                for health in failing
            )
        )
        set_tone(self.printer_alert, Tone.WARNING)
        self.printer_alert.show()

    @Slot(object)
    def _on_bridge_failed_over(self, notice: FailoverNotice) -> None:
        problem = printer_problem_text(notice.problem)
        if notice.printed_on:
            text = self.tr(
                "Printer “{failed}” {problem}: {ticket} {order} printed on “{backup}” instead."
            ).format(
                failed=notice.failed_printer,
                problem=problem,
                ticket=ticket_kind_name(notice.kind),
                order=serial_text(notice.daily_serial),
                backup=notice.printed_on,
            )
        else:
            text = self.tr(
                "Printer “{failed}” {problem} and no backup could print: {ticket} {order} "
                "waits and prints as soon as a printer is back."
            ).format(
                failed=notice.failed_printer,
                problem=problem,
                ticket=ticket_kind_name(notice.kind),
                order=serial_text(notice.daily_serial),
            )
        self.printer_alert.setText(text)
        set_tone(self.printer_alert, Tone.WARNING if notice.printed_on else Tone.ERROR)
        self.printer_alert.show()

    @Slot()
    def _on_bridge_journal_updated(self) -> None:
        self._refresh()
