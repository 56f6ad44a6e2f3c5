"""The pack screen: how many bags, their labels, and the handover that closes the task."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain.vocabulary import HandoverParty
from app.read_models import SignedInStaff, TaskDetail
from app.services.bag_labels import MAX_BAGS, BagLabels
from app.services.picking import Picking, PickingRefused
from app.services.print_journal import PrintRefused
from ui.handheld.handheld_style import touch_button
from ui.handheld.picking_words import picking_refusal_text
from ui.handheld.quantity_stepper import QuantityStepper
from ui.handheld.task_header import TaskHeader
from ui.labels import print_refusal_text
from ui.message_strip import MessageStrip
from ui.theme import Tone


class PackPage(QWidget):
    """Packs one task: bag count, labels through the print journal, hand to rider or counter."""

    finished = Signal(str)
    """A sentence for the task list: the order was handed over, or the picker left."""

    def __init__(
        self, picking: Picking, bag_labels: BagLabels | None, parent: QWidget | None = None
    ) -> None:
        """`bag_labels` None: this device prints nothing; the labels button is hidden."""
        super().__init__(parent)
        self._picking = picking
        self._bag_labels = bag_labels
        self._actor: SignedInStaff | None = None
        self.task: TaskDetail | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 8, 12, 12)
        column.setSpacing(12)
        self.header = TaskHeader(self)
        column.addWidget(self.header)
        title = QLabel(self.tr("Pack the order"))
        title.setObjectName("HandheldTitle")
        column.addWidget(title)
        self.lines_label = QLabel(self)
        self.lines_label.setObjectName("HandheldHint")
        self.lines_label.setWordWrap(True)
        column.addWidget(self.lines_label)
        column.addWidget(QLabel(self.tr("Bags")))
        self.bag_stepper = QuantityStepper(1, MAX_BAGS, 1, self)
        column.addWidget(self.bag_stepper)
        self.print_button = touch_button(self.tr("Print bag labels"), self)
        self.print_button.setVisible(bag_labels is not None)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        column.addWidget(self.print_button)
        column.addStretch(1)
        self.message_strip = MessageStrip(self)
        column.addWidget(self.message_strip)
        column.addWidget(QLabel(self.tr("Hand over to")))
        handover = QHBoxLayout()
        self.rider_button = touch_button(self.tr("Rider"), self, variant="primary")
        self.counter_button = touch_button(self.tr("Counter"), self, variant="primary")
        self.rider_button.clicked.connect(self._on_rider_button_clicked)
        self.counter_button.clicked.connect(self._on_counter_button_clicked)
        handover.addWidget(self.rider_button)
        handover.addWidget(self.counter_button)
        column.addLayout(handover)
        self.back_button = touch_button(self.tr("Tasks"), self)
        self.back_button.clicked.connect(self._on_back_button_clicked)
        column.addWidget(self.back_button)

    def open_task(self, actor: SignedInStaff, task: TaskDetail) -> None:
        """Pack `task` for `actor`."""
        self._actor = actor
        self.message_strip.clear_message()
        self.bag_stepper.set_value(task.bag_count or 1)
        self.show_task(task)

    def show_task(self, task: TaskDetail) -> None:
        """Show `task` as it now stands."""
        self.task = task
        self.header.show_task(task, with_progress=False)
        units = sum(line.picked_quantity for line in task.lines)
        self.lines_label.setText(
            self.tr("{lines} lines, {units} units picked").format(
                lines=len(task.lines), units=units
            )
        )

    @Slot()
    def _on_print_button_clicked(self) -> None:
        if self.task is None or self._actor is None or self._bag_labels is None:
            return
        bags = self.bag_stepper.value()
        try:
            request = self._bag_labels.print_labels(self._actor.staff_id, self.task.order_id, bags)
        except PrintRefused as refusal:
            self.message_strip.show_message(
                self.tr("Labels not printed: {why}.").format(why=print_refusal_text(refusal.code)),
                Tone.ERROR,
            )
            return
        if request.queued:
            text = self.tr("Printing %n bag label(s).", "", len(request.queued))
        else:
            text = self.tr("These labels were printed already (reprint from the journal).")
        self.message_strip.show_message(text, Tone.OK)

    def _hand_over(self, to: HandoverParty | None) -> None:
        if self.task is None or self._actor is None:
            return
        try:
            self._picking.complete_pack(
                self._actor, self.task.task_id, self.bag_stepper.value(), to
            )
        except PickingRefused as refusal:
            self.message_strip.show_message(picking_refusal_text(refusal.code), Tone.ERROR)
            return
        if to is HandoverParty.RIDER:
            self.finished.emit(self.tr("Handed to the rider. Task closed."))
        else:
            self.finished.emit(self.tr("Handed to the counter: the order shows as ready."))

    @Slot()
    def _on_rider_button_clicked(self) -> None:
        self._hand_over(HandoverParty.RIDER)

    @Slot()
    def _on_counter_button_clicked(self) -> None:
        self._hand_over(None)

    @Slot()
    def _on_back_button_clicked(self) -> None:
        self.finished.emit("")
