"""The pick screen: the current line big, the route below, scan anywhere, actions at the bottom.

Every scan and every count is one call of the picking service (one local transaction with its
outbox row), so what is shown is always what is saved: after a crash the same screen comes
back with the same units counted.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from app.domain.vocabulary import TaskLineStatus
from app.read_models import SignedInStaff, TaskDetail, TaskLineView
from app.services.picking import Picking, PickingRefused
from ui.handheld.current_line_card import CurrentLineCard
from ui.handheld.feedback import ScanFeedback
from ui.handheld.handheld_style import TOUCH_MIN_PX, touch_button
from ui.handheld.picking_words import picking_refusal_text, scan_outcome_text
from ui.handheld.quantity_dialog import QuantityDialog
from ui.handheld.route_list import RouteList
from ui.handheld.scan_detector import KeyClock, ScanDetector
from ui.handheld.shortage_dialog import ShortageDialog
from ui.handheld.task_header import TaskHeader
from ui.message_strip import MessageStrip
from ui.theme import Tone

_DONE = (TaskLineStatus.PICKED, TaskLineStatus.SHORT_RESOLVED)


class PickPage(QWidget):
    """Picks one task for one picker."""

    finished = Signal(str)
    """A sentence for the task list: the picker left the task (empty: nothing to say)."""
    pick_completed = Signal(str)
    """order_id: every line was settled and picking was completed; packing follows."""

    def __init__(
        self,
        picking: Picking,
        feedback: ScanFeedback,
        parent: QWidget | None = None,
        *,
        key_clock: KeyClock = time.monotonic,
    ) -> None:
        """`key_clock` times the keys the scan detector sees (tests give a steady one)."""
        super().__init__(parent)
        self._picking = picking
        self._feedback = feedback
        self._actor: SignedInStaff | None = None
        self.task: TaskDetail | None = None
        self._chosen_line_id: str | None = None
        self.quantity_dialog: QuantityDialog | None = None
        self.shortage_dialog: ShortageDialog | None = None
        self._build()
        self.detector = ScanDetector(self, clock=key_clock)
        self.detector.scanned.connect(self._on_detector_scanned)

    def _build(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 8, 10, 10)
        column.setSpacing(8)
        self.header = TaskHeader(self)
        column.addWidget(self.header)
        self.current_card = CurrentLineCard(self)
        column.addWidget(self.current_card)
        self.route = RouteList(self)
        self.route.line_chosen.connect(self._on_route_line_chosen)
        column.addWidget(self.route, 1)
        self.message_strip = MessageStrip(self)
        column.addWidget(self.message_strip)
        entry = QHBoxLayout()
        self.code_field = QLineEdit(self)
        self.code_field.setPlaceholderText(self.tr("Type the code if it will not scan"))
        self.code_field.setMinimumHeight(TOUCH_MIN_PX)
        self.code_field.returnPressed.connect(self._on_check_button_clicked)
        self.check_button = touch_button(self.tr("Check"), self)
        self.check_button.setMaximumWidth(120)
        self.check_button.clicked.connect(self._on_check_button_clicked)
        entry.addWidget(self.code_field, 1)
        entry.addWidget(self.check_button)
        column.addLayout(entry)
        actions = QHBoxLayout()
        self.back_button = touch_button(self.tr("Tasks"), self)
        self.pause_button = touch_button(self.tr("Pause"), self)
        self.short_button = touch_button(self.tr("Short…"), self, variant="danger")
        self.done_button = touch_button(self.tr("Done"), self, variant="primary")
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.pause_button.clicked.connect(self._on_pause_button_clicked)
        self.short_button.clicked.connect(self._on_short_button_clicked)
        self.done_button.clicked.connect(self._on_done_button_clicked)
        for button in (self.back_button, self.pause_button, self.short_button, self.done_button):
            actions.addWidget(button)
        column.addLayout(actions)

    def open_task(self, actor: SignedInStaff, task: TaskDetail) -> None:
        """Pick `task` for `actor` from where it stands."""
        self._actor = actor
        self._chosen_line_id = None
        self.message_strip.clear_message()
        self.code_field.clear()
        self.show_task(task)

    def show_task(self, task: TaskDetail) -> None:
        """Show `task` as it now stands (after an action, or when the feed changed it)."""
        self.task = task
        current = self.current_line()
        self.header.show_task(task)
        self.current_card.show_line(
            current,
            all_done_text=self.tr("Every line is picked or waiting for the manager."),
        )
        self.route.show_lines(task.lines, current.line_id if current else None)
        paused = task.paused
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.short_button.setEnabled(
            not paused and current is not None and current.status is TaskLineStatus.OPEN
        )
        self.code_field.setEnabled(not paused)
        self.check_button.setEnabled(not paused)
        self.done_button.setEnabled(not paused and self._all_settled())

    def current_line(self) -> TaskLineView | None:
        """The line the card shows: the one tapped (whatever its state, so a decided line
        can be read), else the first open one on the route, else the first waiting for the
        manager."""
        if self.task is None:
            return None
        lines = self.task.lines
        chosen = next((ln for ln in lines if ln.line_id == self._chosen_line_id), None)
        if chosen is not None:
            return chosen
        for wanted in (TaskLineStatus.OPEN, TaskLineStatus.SHORT_PENDING):
            line = next((ln for ln in lines if ln.status is wanted), None)
            if line is not None:
                return line
        return None

    def scan(self, raw_code: str) -> None:
        """Check `raw_code` against the task (from the scanner or the typed fallback)."""
        if self.task is None or self._actor is None:
            return
        try:
            outcome = self._picking.scan(self._actor, self.task.task_id, raw_code)
        except PickingRefused as refusal:
            self._refused(picking_refusal_text(refusal.code))
            return
        line = next((ln for ln in outcome.task.lines if ln.line_id == outcome.line_id), None)
        if outcome.kind == "counted" and line is not None and line.status in _DONE:
            self._chosen_line_id = None  # on to the next line of the route
        elif outcome.line_id is not None:
            self._chosen_line_id = outcome.line_id
        self.show_task(outcome.task)
        words = scan_outcome_text(outcome.kind, line.name if line else "", outcome.message_args)
        # Only "counted" counted anything; "line_done" means that line was complete already.
        if outcome.kind == "counted":
            self._feedback.counted(self.current_card)
            self.message_strip.show_message(words, Tone.OK)
        elif outcome.kind == "quantity_needed" and line is not None:
            self._ask_quantity(line)
        else:
            self._refused(words)

    def _ask_quantity(self, line: TaskLineView) -> None:
        dialog = QuantityDialog(line.name, line.quantity - line.picked_quantity, self)
        dialog.setProperty("line_id", line.line_id)
        dialog.resize(self.width(), dialog.sizeHint().height())
        dialog.accepted.connect(self._on_quantity_dialog_accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.quantity_dialog = dialog
        dialog.open()

    def _refused(self, words: str) -> None:
        self._feedback.refused(self.current_card)
        self.message_strip.show_message(words, Tone.ERROR)

    def _act(self, action: Callable[[SignedInStaff, str], TaskDetail]) -> TaskDetail | None:
        """Call one picking action (actor, task id) on the open task; refusals in words."""
        if self.task is None or self._actor is None:
            return None
        try:
            task = action(self._actor, self.task.task_id)
        except PickingRefused as refusal:
            self._refused(picking_refusal_text(refusal.code))
            return None
        self.show_task(task)
        return task

    def _all_settled(self) -> bool:
        """Every line picked or decided by the manager (a line still waiting holds the task)."""
        return self.task is not None and all(line.status in _DONE for line in self.task.lines)

    @Slot(str)
    def _on_detector_scanned(self, code: str) -> None:
        self.scan(code)

    @Slot()
    def _on_check_button_clicked(self) -> None:
        code = self.code_field.text().strip()
        if code:
            self.code_field.clear()
            self.scan(code)

    @Slot(str)
    def _on_route_line_chosen(self, line_id: str) -> None:
        self._chosen_line_id = line_id
        if self.task is not None:
            self.show_task(self.task)

    @Slot()
    def _on_quantity_dialog_accepted(self) -> None:
        dialog = self.quantity_dialog
        if dialog is None:
            return
        line_id = str(dialog.property("line_id"))
        quantity = dialog.quantity()
        counted = self._act(
            lambda actor, task_id: self._picking.count(actor, task_id, line_id, quantity)
        )
        if counted is not None:
            line = next((ln for ln in counted.lines if ln.line_id == line_id), None)
            if line is not None and line.status in _DONE:
                self._chosen_line_id = None
                self.show_task(counted)
            self._feedback.counted(self.current_card)
            self.message_strip.show_message(
                self.tr("Counted {count}.").format(count=quantity), Tone.OK
            )

    @Slot()
    def _on_short_button_clicked(self) -> None:
        line = self.current_line()
        if self.task is None or line is None:
            return
        dialog = ShortageDialog(
            line.name,
            line.quantity,
            line.picked_quantity,
            self.task.out_of_stock_preference,
            self,
        )
        dialog.setProperty("line_id", line.line_id)
        dialog.resize(self.width(), self.height())
        dialog.accepted.connect(self._on_shortage_dialog_accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.shortage_dialog = dialog
        dialog.open()

    @Slot()
    def _on_shortage_dialog_accepted(self) -> None:
        dialog = self.shortage_dialog
        reason = dialog.reason() if dialog is not None else None
        if dialog is None or reason is None:
            return
        line_id = str(dialog.property("line_id"))
        found = dialog.quantity_found()
        reported = self._act(
            lambda actor, task_id: self._picking.report_shortage(
                actor, task_id, line_id, found, reason
            )
        )
        if reported is not None:
            self._chosen_line_id = None
            if self.task is not None:
                self.show_task(self.task)
            self.message_strip.show_message(
                self.tr("Reported short. Go on with the other lines; the manager decides."),
                Tone.WARNING,
            )

    @Slot()
    def _on_pause_button_clicked(self) -> None:
        if self.task is None:
            return
        if self.task.paused:
            if self._act(self._picking.resume) is not None:
                self.message_strip.show_message(self.tr("Resumed."), Tone.OK)
        elif self._act(self._picking.pause) is not None:
            self.message_strip.show_message(
                self.tr("Paused. Scans are kept; press Resume to go on."), Tone.WARNING
            )

    @Slot()
    def _on_done_button_clicked(self) -> None:
        done = self._act(self._picking.complete_pick)
        if done is not None:
            self.pick_completed.emit(done.order_id)

    @Slot()
    def _on_back_button_clicked(self) -> None:
        self.finished.emit("")
