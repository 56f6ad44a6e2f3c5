"""The manager's tasks-and-staff screen: who is on duty and their load, the queue, reassign.

Pickers on duty sit in the upper table with what they hold; every open task sits below,
those nobody holds first. A task goes to another picker by dragging its row onto the picker,
or through its context menu; a picker's context menu ends their shift. Each change shows at
once (marked as waiting for the hub) and the hub's answer arrives through the feed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Final

from PySide6.QtCore import QByteArray, QMimeData, QPoint, Qt, QTimer, Slot
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.permissions import Permission
from app.domain.vocabulary import RecordKind, TaskKind, TaskStatus
from app.read_models import SignedInStaff
from app.services.task_control import FloorTask, FloorView, TaskControl, TaskControlRefused
from ui.labels import order_title, serial_text
from ui.message_strip import MessageStrip
from ui.screen_services import ScreenServices
from ui.staff_session import authorise
from ui.sync_bridge import SyncBridge
from ui.theme import URGENT_RED, WAITING_AMBER, Tone
from ui.value_formats import format_clock_time, format_duration

TASK_MIME: Final = "application/x-storeside-task"
"""What a dragged task row carries: the task id, UTF-8."""
_REFRESH_MS: Final = 30_000
"""Ages move on even when nothing arrives: redraw them twice a minute."""
_ID_ROLE: Final = Qt.ItemDataRole.UserRole


class TaskTable(QTableWidget):
    """Every open task; rows are dragged (as their task id) onto a picker."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.setObjectName("floorTasks")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)

    def task_id_at(self, row: int) -> str | None:
        """The task shown in `row`."""
        item = self.item(row, 0)
        return None if item is None else str(item.data(_ID_ROLE))

    def row_of(self, task_id: str) -> int | None:
        """The row showing `task_id`, if shown."""
        return next((r for r in range(self.rowCount()) if self.task_id_at(r) == task_id), None)

    def mimeData(self, items: Sequence[QTableWidgetItem]) -> QMimeData:
        """The dragged row as its task id (what a picker row accepts)."""
        mime = QMimeData()
        rows = {item.row() for item in items}
        task_id = self.task_id_at(min(rows)) if rows else None
        if task_id is not None:
            mime.setData(TASK_MIME, QByteArray(task_id.encode()))
        return mime

    def mimeTypes(self) -> list[str]:
        """The one type this table hands out."""
        return [TASK_MIME]


class PickerTable(QTableWidget):
    """Pickers on duty with their load; a task dropped on a row goes to that picker."""

    def __init__(
        self, on_task_dropped: Callable[[str, str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("floorPickers")
        self._on_task_dropped = on_task_dropped
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)

    def staff_id_at(self, row: int) -> str | None:
        """The picker shown in `row`."""
        item = self.item(row, 0)
        return None if item is None else str(item.data(_ID_ROLE))

    def row_of(self, staff_id: str) -> int | None:
        """The row showing `staff_id`, if shown."""
        return next((r for r in range(self.rowCount()) if self.staff_id_at(r) == staff_id), None)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Take only task rows."""
        if event.mimeData().hasFormat(TASK_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """A task may land on any picker row, not between rows."""
        row = self.rowAt(event.position().toPoint().y())
        if event.mimeData().hasFormat(TASK_MIME) and row >= 0:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Hand the dropped task to the picker under the pointer."""
        row = self.rowAt(event.position().toPoint().y())
        staff_id = self.staff_id_at(row) if row >= 0 else None
        if not event.mimeData().hasFormat(TASK_MIME) or staff_id is None:
            event.ignore()
            return
        task_id = bytes(event.mimeData().data(TASK_MIME).data()).decode()
        event.acceptProposedAction()
        self._on_task_dropped(task_id, staff_id)


class TasksView(QWidget):
    """The tasks-and-staff screen over `TaskControl`; acts as the signed-in person."""

    def __init__(
        self,
        services: ScreenServices,
        control: TaskControl,
        bridge: SyncBridge | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tasksView")
        self._services = services
        self._control = control
        self._actor: SignedInStaff | None = None
        self._view = FloorView(pickers=(), queued=())
        self.pickers = PickerTable(self.reassign, self)
        self.tasks = TaskTable(self)
        self.queue_summary = QLabel(self)
        self.queue_summary.setObjectName("queueSummary")
        self.message = MessageStrip(self)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Pickers on duty"), self))
        layout.addWidget(self.pickers, 1)
        layout.addWidget(self.queue_summary)
        layout.addWidget(QLabel(self.tr("Open tasks (drag onto a picker)"), self))
        layout.addWidget(self.tasks, 3)
        layout.addWidget(self.message)
        self.pickers.setHorizontalHeaderLabels(
            [
                self.tr("Picker"),
                self.tr("Open tasks"),
                self.tr("Lines left"),
                self.tr("Oldest task"),
            ]
        )
        self.tasks.setHorizontalHeaderLabels(
            [
                self.tr("Order"),
                self.tr("Task"),
                self.tr("Picker"),
                self.tr("Lines left"),
                self.tr("Waiting"),
                self.tr("Deadline"),
            ]
        )
        self.tasks.customContextMenuRequested.connect(self._on_tasks_context_menu_requested)
        self.pickers.customContextMenuRequested.connect(self._on_pickers_context_menu_requested)
        if bridge is not None:
            bridge.records_updated.connect(self._on_bridge_records_updated)
        self._timer = QTimer(self)
        self._timer.setInterval(_REFRESH_MS)
        self._timer.timeout.connect(self._refresh_if_shown)
        self._timer.start()
        self.refresh()

    def set_actor(self, actor: SignedInStaff | None) -> None:
        """Who acts on this screen (the signed-in manager)."""
        self._actor = actor

    @property
    def floor(self) -> FloorView:
        """What the screen shows now."""
        return self._view

    @Slot()
    def refresh(self) -> None:
        """Read the floor again and redraw both tables."""
        self._view = self._control.floor()
        now = self._services.clock()
        self._fill_pickers(now)
        self._fill_tasks(now)
        waiting = len(self._view.queued)
        self.queue_summary.setText(self.tr("%n task(s) waiting for a picker", "", waiting))

    def task_menu(self, task_id: str) -> QMenu:
        """The context menu of a task: "Reassign to" each other picker on duty."""
        menu = QMenu(self)
        task = self._task(task_id)
        targets = [
            p
            for p in self._view.pickers
            if p.on_duty and (task is None or p.staff_id != task.assignee_staff_id)
        ]
        sub = menu.addMenu(self.tr("Reassign to"))
        sub.setEnabled(bool(targets))
        for picker in targets:
            action = sub.addAction(picker.name)
            action.setData(picker.staff_id)
            action.triggered.connect(
                lambda _checked=False, s=picker.staff_id: self.reassign(task_id, s)
            )
        return menu

    def picker_menu(self, staff_id: str) -> QMenu:
        """The context menu of a picker: end their shift."""
        menu = QMenu(self)
        picker = next((p for p in self._view.pickers if p.staff_id == staff_id), None)
        name = "" if picker is None else picker.name
        action = menu.addAction(self.tr("Clock {name} out").format(name=name))
        action.setEnabled(picker is not None and picker.on_duty)
        action.triggered.connect(lambda _checked=False: self.clock_out(staff_id))
        return menu

    def reassign(self, task_id: str, staff_id: str) -> None:
        """Give the task to the picker, as the signed-in person; tell what happened."""
        picker = next((p.name for p in self._view.pickers if p.staff_id == staff_id), staff_id)
        task = self._task(task_id)
        if task is not None and task.assignee_staff_id == staff_id:
            return  # dropped back onto its own picker: nothing to do
        self._act(
            lambda actor: self._control.reassign(actor, task_id, staff_id),
            self.tr("{task} given to {name}; waiting for the hub.").format(
                task=self._task_title(task, task_id), name=picker
            ),
        )

    def clock_out(self, staff_id: str) -> None:
        """End the picker's shift, as the signed-in person; their tasks go back to the queue."""
        picker = next((p.name for p in self._view.pickers if p.staff_id == staff_id), staff_id)
        self._act(
            lambda actor: self._control.clock_out(actor, staff_id),
            self.tr("{name} clocked out; their tasks go back to the queue.").format(name=picker),
        )

    def _act(self, step: Callable[[SignedInStaff], None], done: str) -> None:
        if self._actor is None:
            self.message.show_message(self.tr("Sign in first."), Tone.WARNING)
            return
        actor = authorise(self, Permission.REASSIGN, self._actor)
        if actor is None:
            return
        try:
            step(actor)
        except TaskControlRefused as refusal:
            self.message.show_message(self._refusal_text(refusal.code), Tone.ERROR)
            self.refresh()
            return
        self.message.show_message(done, Tone.OK)
        self.refresh()

    def _task(self, task_id: str) -> FloorTask | None:
        every = [t for p in self._view.pickers for t in p.tasks] + list(self._view.queued)
        return next((t for t in every if t.task_id == task_id), None)

    def _task_title(self, task: FloorTask | None, task_id: str) -> str:
        if task is None or task.daily_serial is None:
            return task_id
        if task.channel is None:
            return serial_text(task.daily_serial)
        return order_title(task.daily_serial, task.channel)

    def _fill_pickers(self, now: datetime) -> None:
        table = self.pickers
        table.setRowCount(len(self._view.pickers))
        for row, picker in enumerate(self._view.pickers):
            name = picker.name
            if not picker.on_duty:
                name += self.tr(" (off duty)")
            if picker.pending:
                name += self.tr(" ⏳ waiting for the hub")
            oldest = picker.oldest_since
            cells = [
                name,
                str(picker.open_count),
                str(picker.lines_left),
                "—" if oldest is None else format_duration((now - oldest).total_seconds()),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(_ID_ROLE, picker.staff_id)
                table.setItem(row, column, item)

    def _fill_tasks(self, now: datetime) -> None:
        every = list(self._view.queued) + [t for p in self._view.pickers for t in p.tasks]
        names = {p.staff_id: p.name for p in self._view.pickers}
        table = self.tasks
        table.setRowCount(len(every))
        for row, task in enumerate(every):
            holder = (
                self.tr("Queued")
                if task.assignee_staff_id is None
                else names.get(task.assignee_staff_id, task.assignee_staff_id)
            )
            if task.pending:
                holder += self.tr(" ⏳")
            cells = [
                self._task_title(task, task.task_id),
                self._kind_text(task),
                holder,
                str(task.lines_left),
                "—"
                if task.waiting_since is None
                else format_duration((now - task.waiting_since).total_seconds()),
                "—" if task.due_at is None else format_clock_time(task.due_at, now),
            ]
            overdue = task.due_at is not None and task.due_at < now
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(_ID_ROLE, task.task_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsDragEnabled)
                if column == 5 and overdue:
                    item.setForeground(URGENT_RED)
                if column == 2 and task.assignee_staff_id is None:
                    item.setForeground(WAITING_AMBER)
                table.setItem(row, column, item)

    @Slot(QPoint)
    def _on_tasks_context_menu_requested(self, position: QPoint) -> None:
        task_id = self.tasks.task_id_at(self.tasks.rowAt(position.y()))
        if task_id is not None:
            self.task_menu(task_id).exec(self.tasks.viewport().mapToGlobal(position))

    @Slot(QPoint)
    def _on_pickers_context_menu_requested(self, position: QPoint) -> None:
        staff_id = self.pickers.staff_id_at(self.pickers.rowAt(position.y()))
        if staff_id is not None:
            self.picker_menu(staff_id).exec(self.pickers.viewport().mapToGlobal(position))

    @Slot(object)
    def _on_bridge_records_updated(self, kinds: frozenset[RecordKind]) -> None:
        if kinds & {RecordKind.TASK, RecordKind.STAFF, RecordKind.ORDER}:
            self._refresh_if_shown()

    def showEvent(self, event: QShowEvent) -> None:
        """Read again on coming to the front: nothing is read while the tab is hidden."""
        super().showEvent(event)
        self.refresh()

    @Slot()
    def _refresh_if_shown(self) -> None:
        # A built tab lives on behind the others (and after its manager signed out): it must
        # not keep reading the database on the GUI thread for nobody.
        if self.isVisible():
            self.refresh()

    def _kind_text(self, task: FloorTask) -> str:
        kind = self.tr("Pick") if task.kind is TaskKind.PICK else self.tr("Pack")
        if task.status is TaskStatus.IN_PROGRESS:
            return self.tr("{kind}, started").format(kind=kind)
        return kind

    def _refusal_text(self, code: str) -> str:
        """Why the manager's action was not taken, in words."""
        return {
            "not_permitted": self.tr("Only a manager may reassign tasks or clock someone out."),
            "unknown_task": self.tr("This task is no longer on this device."),
            "task_closed": self.tr("This task is already done or cancelled."),
            "unknown_staff": self.tr("This person is not an active picker."),
            "not_on_duty": self.tr("This picker is not on duty."),
            "same_picker": self.tr("The task is already theirs."),
            "storage_full": self.tr("The device's storage is full; nothing was changed."),
        }.get(code, self.tr("This is not possible now."))
