"""The manager's audit trail screen: who did what, filterable, the chain checked, exported.

Entries are listed newest first for one store day, filtered by person (acting or approving),
kind of action and result. "Check the chain" verifies the whole trail against the head the
hub acknowledged and says in words whether it holds or which entries broke it. "Export CSV"
writes the entries shown (the export needs Permission.EXPORT and is itself audited).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.audit_chain import AuditResult
from app.domain.permissions import Permission, may
from app.read_models import SignedInStaff
from app.services.audit_trail import AuditFilter, AuditLine, AuditTrail, ExportRefused
from ui.day_picker import DayPicker
from ui.manager.audit_detail_words import detail_text
from ui.manager.audit_words import (
    action_kinds,
    audit_action_name,
    audit_result_name,
    chain_check_text,
)
from ui.message_strip import MessageStrip
from ui.screen_services import ScreenServices
from ui.staff_session import authorise
from ui.theme import URGENT_RED, WAITING_AMBER, Tone

SHOWN: Final = 1000
"""At most this many entries are listed (the newest); the export writes them all."""
_COLUMNS: Final = 8
_WIDEST_COLUMN: Final = 150
_DETAIL_COLUMN: Final = 7
_BROKEN_BACKGROUND: Final = QColor("#FDE2E2")


class AuditView(QWidget):
    """One store day of the audit trail, with filters, the chain check and the CSV export."""

    def __init__(self, services: ScreenServices, parent: QWidget | None = None) -> None:
        """Raises ValueError when the device was built without an audit trail service."""
        super().__init__(parent)
        if services.audit is None:
            raise ValueError("the audit view needs ScreenServices.audit")
        self.setObjectName("auditView")
        self._trail: AuditTrail = services.audit
        self._actor: SignedInStaff | None = None
        self._day: date = self._trail.today()
        self.lines: list[AuditLine] = []
        self.broken: frozenset[int] = frozenset()
        """Entry numbers the last chain check named: their rows are marked red."""
        self.ask_export_path: Callable[[], Path | None] = self._ask_export_path
        """Where to write the export; None when the person cancelled (tests answer directly)."""
        self.day_picker = DayPicker(self)
        self.day_picker.day_chosen.connect(self.show_day)
        self.person_box = QComboBox(self)
        self.person_box.setObjectName("auditPerson")
        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("auditKind")
        self.result_box = QComboBox(self)
        self.result_box.setObjectName("auditResult")
        self._fill_filters()
        self.table = _table(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("Hint")
        self.check_button = QPushButton(self.tr("Check the chain"), self)
        self.check_button.setObjectName("auditCheck")
        self.chain_label = QLabel(self)
        self.chain_label.setObjectName("auditChain")
        self.chain_label.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export CSV"), self)
        self.export_button.setObjectName("auditExport")
        self.message = MessageStrip(self)
        self._lay_out()
        for box in (self.person_box, self.kind_box, self.result_box):
            box.currentIndexChanged.connect(self._on_filter_changed)
        self.check_button.clicked.connect(self._on_check_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.set_actor(None)
        self.show_day(self._day)

    def _fill_filters(self) -> None:
        self.person_box.addItem(self.tr("Everyone"), None)
        for staff_id, name in self._trail.people():
            self.person_box.addItem(name, staff_id)
        for name, actions in action_kinds():
            self.kind_box.addItem(name, actions)
        self.result_box.addItem(self.tr("Any result"), None)
        for result in AuditResult:
            self.result_box.addItem(audit_result_name(result), result.value)

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.day_picker)
        filters = QHBoxLayout()
        for label, box in (
            (self.tr("Who"), self.person_box),
            (self.tr("Action"), self.kind_box),
            (self.tr("Result"), self.result_box),
        ):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(box)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.check_button)
        actions.addWidget(self.chain_label, 1)
        actions.addWidget(self.export_button)
        layout.addLayout(actions)
        layout.addWidget(self.message)

    def set_actor(self, actor: SignedInStaff | None) -> None:
        """Who exports here (the signed-in manager); the button is offered only to them."""
        self._actor = actor
        approver = actor.approved_by.roles if actor and actor.approved_by else frozenset()
        self.export_button.setEnabled(
            actor is not None and may(actor.roles, Permission.EXPORT, approver)
        )

    def current_filter(self) -> AuditFilter:
        """The day and the filters as chosen on screen."""
        result = self.result_box.currentData()
        return AuditFilter(
            day=self._day,
            staff_id=self.person_box.currentData(),
            actions=tuple(self.kind_box.currentData() or ()),
            # Qt hands the enum back as its plain string value.
            result=AuditResult(result) if result else None,
        )

    def show_day(self, day: date | None) -> None:
        """List the entries of the store's `day` (today when None)."""
        self._day = self._trail.today() if day is None else day
        self.day_picker.display(self._day)
        self.refresh()

    def refresh(self) -> None:
        """Read the entries again with the current filters."""
        self.lines = self._trail.lines(self.current_filter(), limit=SHOWN)
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            self._fill_row(row, line)
        _fit_columns(self.table)
        if len(self.lines) >= SHOWN:
            count = self.tr("Newest {count} entries shown")
        else:
            count = self.tr("{count} entries")
        self.count_label.setText(count.format(count=len(self.lines)))

    def _fill_row(self, row: int, line: AuditLine) -> None:
        cells = (
            str(line.seq),
            line.at.strftime("%H:%M:%S"),
            line.staff_name or line.staff_id or self.tr("(the program)"),
            line.approved_by,
            audit_action_name(line.action),
            line.subject,
            audit_result_name(line.result),
            detail_text(line.detail, line.action),
        )
        colour = {AuditResult.REFUSED: WAITING_AMBER, AuditResult.FAILED: URGENT_RED}.get(
            line.result
        )
        is_broken = line.seq in self.broken
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)  # a capped column cuts a long subject: hovering reads it
            if is_broken:
                item.setBackground(_BROKEN_BACKGROUND)
                item.setForeground(URGENT_RED)
            elif colour is not None:
                item.setForeground(colour)
            self.table.setItem(row, column, item)

    def showEvent(self, event: QShowEvent) -> None:
        """Entries may have been written while the tab was hidden: read them again."""
        super().showEvent(event)
        self.refresh()

    @Slot()
    def _on_filter_changed(self) -> None:
        self.refresh()

    @Slot()
    def _on_check_button_clicked(self) -> None:
        check = self._trail.check()
        self.broken = frozenset(found.seq for found in check.breaks)
        self.refresh()
        self.chain_label.setText(chain_check_text(check))
        self.chain_label.setProperty("intact", check.is_intact)
        self.chain_label.setStyleSheet(
            "" if check.is_intact else f"color: {URGENT_RED.name()}; font-weight: bold;"
        )

    @Slot()
    def _on_export_button_clicked(self) -> None:
        if self._actor is None:
            return
        actor = authorise(self, Permission.EXPORT, self._actor)
        if actor is None:
            return
        path = self.ask_export_path()
        if path is None:
            return
        try:
            count = self._trail.export_csv(actor, path, self.current_filter())
        except ExportRefused:
            self.message.show_message(
                self.tr("Only a manager may export the audit trail."), Tone.ERROR
            )
        except OSError as error:
            self.message.show_message(
                self.tr("Could not write {name}: {why}").format(
                    name=path.name, why=error.strerror or error
                ),
                Tone.ERROR,
            )
        else:
            self.message.show_message(
                self.tr("Exported {count} entries to {name}.").format(count=count, name=path.name),
                Tone.OK,
            )
        self.refresh()

    def _ask_export_path(self) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the audit trail"),
            f"audit-{self._day.isoformat()}.csv",
            self.tr("CSV files (*.csv)"),
        )
        return Path(chosen) if chosen else None


def _table(parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, _COLUMNS, parent)
    table.setObjectName("auditEntries")
    table.setHorizontalHeaderLabels(
        [
            QCoreApplication.translate("AuditView", "No."),
            QCoreApplication.translate("AuditView", "Time"),
            QCoreApplication.translate("AuditView", "Who"),
            QCoreApplication.translate("AuditView", "Approved by"),
            QCoreApplication.translate("AuditView", "Action"),
            QCoreApplication.translate("AuditView", "Subject"),
            QCoreApplication.translate("AuditView", "Result"),
            QCoreApplication.translate("AuditView", "Detail"),
        ]
    )
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(_DETAIL_COLUMN, QHeaderView.ResizeMode.Stretch)
    return table


def _fit_columns(table: QTableWidget) -> None:
    """Columns as wide as their entries, none wider than `_WIDEST_COLUMN`: the detail column
    keeps the rest and nothing scrolls sideways at 1024 px (cut cells have tooltips)."""
    table.resizeColumnsToContents()
    for column in range(table.columnCount()):
        if column != _DETAIL_COLUMN and table.columnWidth(column) > _WIDEST_COLUMN:
            table.setColumnWidth(column, _WIDEST_COLUMN)
