"""The picker's handheld: clock in, my tasks, pick, pack — one page at a time, 480×800.

Data is re-read when the bridge reports changed tasks, shortages or orders, and after each of
the picker's own actions. A task cancelled or given to someone else while open is said at
once in a banner; the scans already made stay on the task (the service keeps them).
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from app.domain.clock import Clock
from app.domain.vocabulary import RecordKind, TaskKind, TaskStatus
from app.read_models import PickingNotice, SignedInStaff, TaskDetail
from app.services.bag_labels import BagLabels
from app.services.picking import Picking, PickingRefused
from ui.alarm.alarm_sound import SoundBackend
from ui.handheld.clock_page import ClockPage
from ui.handheld.feedback import ScanFeedback
from ui.handheld.handheld_style import HANDHELD_STYLESHEET, touch_button
from ui.handheld.pack_page import PackPage
from ui.handheld.pick_page import PickPage
from ui.handheld.picking_words import picking_refusal_text
from ui.handheld.scan_detector import KeyClock
from ui.handheld.task_list_page import TaskListPage
from ui.labels import serial_text
from ui.message_strip import MessageStrip
from ui.status_reason_words import task_reason_text
from ui.sync_bridge import SyncBridge
from ui.theme import Tone

TICK_MS = 30_000
"""Times left on the task cards move on twice a minute."""
_WATCHED = frozenset({RecordKind.TASK, RecordKind.SHORTAGE, RecordKind.ORDER})


class TaskBanner(QFrame):
    """A red band across the top saying what happened to the open task, until dismissed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TaskBanner")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 8, 8)
        self.text_label = QLabel(self)
        self.text_label.setWordWrap(True)
        self.dismiss_button = touch_button(self.tr("OK"), self)
        self.dismiss_button.setMaximumWidth(90)
        self.dismiss_button.clicked.connect(self.hide)
        row.addWidget(self.text_label, 1)
        row.addWidget(self.dismiss_button)
        self.hide()

    def tell(self, text: str) -> None:
        """Show `text` until the picker presses OK."""
        self.text_label.setText(text)
        self.show()


class HandheldScreen(QWidget):
    """Shows the signed-in picker their pages; owns which task is open."""

    def __init__(
        self,
        picking: Picking,
        clock: Clock,
        bridge: SyncBridge,
        *,
        bag_labels: BagLabels | None = None,
        sound: SoundBackend | None = None,
        key_clock: KeyClock = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        """`sound` plays the scan sounds (None: silent); `key_clock` times the keys the scan
        detector sees (tests give a steady one)."""
        super().__init__(parent)
        self.setObjectName("HandheldScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(HANDHELD_STYLESHEET)
        self._picking = picking
        self._actor: SignedInStaff | None = None
        self.banner = TaskBanner(self)
        self.clock_page = ClockPage(self)
        self.task_list_page = TaskListPage(clock, self)
        feedback = ScanFeedback(sound)
        self.pick_page = PickPage(picking, feedback, self, key_clock=key_clock)
        self.pack_page = PackPage(picking, bag_labels, self)
        self.pages = QStackedWidget(self)
        for page in (self.clock_page, self.task_list_page, self.pick_page, self.pack_page):
            self.pages.addWidget(page)
        self.message_strip = MessageStrip(self)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.message_strip)
        column.addWidget(self.pages, 1)
        self.clock_page.clock_in_clicked.connect(self._on_clock_page_clock_in_clicked)
        self.task_list_page.clock_out_clicked.connect(self._on_task_list_page_clock_out_clicked)
        self.task_list_page.task_chosen.connect(self._on_task_list_page_task_chosen)
        self.pick_page.finished.connect(self._on_page_finished)
        self.pick_page.pick_completed.connect(self._on_pick_page_pick_completed)
        self.pack_page.finished.connect(self._on_page_finished)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick_timeout)
        bridge.records_updated.connect(self._on_bridge_records_updated)

    @property
    def open_task(self) -> TaskDetail | None:
        """The task on the pick or pack page, if one is open."""
        page = self.pages.currentWidget()
        if page is self.pick_page:
            return self.pick_page.task
        if page is self.pack_page:
            return self.pack_page.task
        return None

    def set_actor(self, actor: SignedInStaff | None) -> None:
        """Work for `actor` (None: nobody is signed in). A task this picker had in progress
        (before a crash or a restart) opens at once, where it was."""
        self._actor = actor
        self.banner.hide()
        self.message_strip.clear_message()
        if actor is None:
            self._tick.stop()
            self.pages.setCurrentWidget(self.clock_page)
            return
        self.clock_page.greet(actor.name)
        self._tick.start()
        self._tell_notices()
        if not self._picking.is_clocked_in(actor):
            self.pages.setCurrentWidget(self.clock_page)
            return
        tasks = self._picking.my_tasks(actor)
        running = next((t for t in tasks if t.status is TaskStatus.IN_PROGRESS), None)
        if running is not None and (detail := self._picking.task(running.task_id)) is not None:
            self._open(detail)
            return
        self.show_tasks()

    def show_tasks(self, message: str = "") -> None:
        """The task list, re-read; `message` (if any) above it."""
        if self._actor is None:
            return
        self.task_list_page.show_tasks(self._picking.my_tasks(self._actor))
        self.pages.setCurrentWidget(self.task_list_page)
        if message:
            self.message_strip.show_message(message, Tone.OK)

    def open_task_by_id(self, task_id: str) -> None:
        """Start (when not started) and open `task_id` on the pick or pack page."""
        if self._actor is None:
            return
        task = self._picking.task(task_id)
        if task is None:
            self._say(picking_refusal_text("unknown_task"))
            return
        if task.status is TaskStatus.ASSIGNED:
            try:
                task = self._picking.start(self._actor, task_id)
            except PickingRefused as refusal:
                self._say(picking_refusal_text(refusal.code))
                self.show_tasks()
                return
        self._open(task)

    def _open(self, task: TaskDetail) -> None:
        if self._actor is None:
            return
        self.message_strip.clear_message()
        if task.kind is TaskKind.PACK:
            self.pack_page.open_task(self._actor, task)
            self.pages.setCurrentWidget(self.pack_page)
        else:
            self.pick_page.open_task(self._actor, task)
            self.pages.setCurrentWidget(self.pick_page)

    def _say(self, text: str) -> None:
        self.message_strip.show_message(text, Tone.ERROR)

    def _refresh_open_task(self) -> None:
        """Re-read the open task; tell the picker when it was cancelled or given away."""
        shown = self.open_task
        if shown is None or self._actor is None:
            return
        task = self._picking.task(shown.task_id)
        if (
            task is None
            or task.status is TaskStatus.CANCELLED
            or task.assignee_staff_id not in (None, self._actor.staff_id)
        ):
            # Told by a notice already (or about to be): the task is no longer this picker's.
            if self.banner.isHidden():
                self.banner.tell(self.tr("This task is no longer yours; your scans are kept."))
            self.show_tasks()
            return
        if self.pages.currentWidget() is self.pick_page:
            self.pick_page.show_task(task)
        else:
            self.pack_page.show_task(task)

    def _tell_notices(self) -> None:
        """Say what happened to the picker's tasks without them (cancelled, given away),
        once: the notices are acknowledged when shown."""
        if self._actor is None:
            return
        notices = self._picking.notices(self._actor)
        if not notices:
            return
        self.banner.tell("\n".join(self._notice_text(notice) for notice in notices))
        self._picking.acknowledge_notices(self._actor, [n.notice_id for n in notices])
        shown = self.open_task
        if shown is not None and any(n.task_id == shown.task_id for n in notices):
            self.show_tasks()

    def _notice_text(self, notice: PickingNotice) -> str:
        task = self._picking.task(notice.task_id)
        serial = serial_text(task.daily_serial) if task and task.daily_serial else ""
        if notice.kind == "cancelled":
            text = self.tr(
                "Order {serial} was cancelled: stop picking it and put the items back."
                " Your scans are kept on the order."
            ).format(serial=serial)
        else:
            text = self.tr(
                "Task {serial} was given to another picker. Your scans stay on it for"
                " whoever continues."
            ).format(serial=serial)
        return f"{text} {task_reason_text(notice.why)}".strip()

    @Slot(object)
    def _on_bridge_records_updated(self, kinds: frozenset[RecordKind]) -> None:
        if self._actor is None or not kinds & _WATCHED:
            return
        self._tell_notices()
        if self.open_task is not None:
            self._refresh_open_task()
        elif self.pages.currentWidget() is self.task_list_page:
            self.task_list_page.show_tasks(self._picking.my_tasks(self._actor))

    @Slot()
    def _on_clock_page_clock_in_clicked(self) -> None:
        if self._actor is None:
            return
        try:
            self._picking.clock_in(self._actor)
        except PickingRefused as refusal:
            self._say(picking_refusal_text(refusal.code))
            return
        self.show_tasks(self.tr("You are on duty: tasks come to you by themselves."))

    @Slot()
    def _on_task_list_page_clock_out_clicked(self) -> None:
        if self._actor is None:
            return
        try:
            self._picking.clock_out(self._actor)
        except PickingRefused as refusal:
            self._say(picking_refusal_text(refusal.code))
            return
        self.pages.setCurrentWidget(self.clock_page)

    @Slot(str)
    def _on_task_list_page_task_chosen(self, task_id: str) -> None:
        self.open_task_by_id(task_id)

    @Slot(str)
    def _on_page_finished(self, message: str) -> None:
        self.show_tasks(message)

    @Slot(str)
    def _on_pick_page_pick_completed(self, order_id: str) -> None:
        """Straight on to packing the same order when its pack task is this picker's."""
        if self._actor is None:
            return
        pack = next(
            (
                t
                for t in self._picking.my_tasks(self._actor)
                if t.order_id == order_id and t.kind is TaskKind.PACK
            ),
            None,
        )
        if pack is None:
            self.show_tasks(self.tr("Picked. The packing task will come to someone on duty."))
            return
        self.open_task_by_id(pack.task_id)
        self.message_strip.show_message(self.tr("Picked. Now pack the order."), Tone.OK)

    @Slot()
    def _on_tick_timeout(self) -> None:
        if self._actor is not None and self.pages.currentWidget() is self.task_list_page:
            self.task_list_page.show_tasks(self._picking.my_tasks(self._actor))
