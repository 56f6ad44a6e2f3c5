"""The manager's sync health screen: every device's figures, this device's unreadable records and
refused actions, with retry and dismiss for a record set aside.

Devices report their own figures to the hub now and then; a device whose last report is old is
shown as possibly offline (its actions may be waiting on it, unseen by the hub). Quarantined
records are shown raw, with the reason they could not be read.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Final

from PySide6.QtCore import QCoreApplication, QTimer, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.permissions import Permission
from app.domain.privacy import mask_phones_in
from app.domain.vocabulary import Channel, RecordKind
from app.read_models import SignedInStaff
from app.services.sync_health import (
    DeviceHealthView,
    QuarantinedRecordView,
    SyncProblemsView,
    SyncRepairRefused,
)
from ui.labels import channel_name
from ui.message_strip import MessageStrip
from ui.notice_words import describe_notice
from ui.screen_services import ScreenServices
from ui.staff_session import authorise
from ui.sync_bridge import SyncBridge
from ui.theme import URGENT_RED, WAITING_AMBER, Tone
from ui.value_formats import format_clock_time, format_duration

STALE_AFTER: Final = timedelta(minutes=3)
"""A device silent this long may be offline (it reports every few seconds while it can)."""
_REFRESH_MS: Final = 15_000
_REFUSED_SHOWN: Final = 50
_PIN_SECRETS: Final = frozenset({"hash_hex", "salt_hex", "pin_hash_hex", "pin_salt_hex"})
"""Keys whose values are a PIN verifier's secret parts, never shown (decision 018)."""


class SyncHealthView(QWidget):
    """Devices' figures, quarantined records (retry / dismiss) and refused actions."""

    def __init__(
        self,
        services: ScreenServices,
        bridge: SyncBridge | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncHealthView")
        self._services = services
        self._actor: SignedInStaff | None = None
        self._records: list[QuarantinedRecordView] = []
        self.devices = _table(self, 8, "healthDevices")
        self.devices.setHorizontalHeaderLabels(
            [
                self.tr("Device"),
                self.tr("Waiting"),
                self.tr("Oldest waiting"),
                self.tr("Last pull"),
                self.tr("Last push"),
                self.tr("Refused"),
                self.tr("Quarantined"),
                self.tr("Reported"),
            ]
        )
        self.quarantine = _table(self, 4, "healthQuarantine")
        self.quarantine.horizontalHeader().setStretchLastSection(False)
        self.quarantine.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.quarantine.setHorizontalHeaderLabels(
            [
                self.tr("Kind"),
                self.tr("Record"),
                self.tr("Why it could not be read"),
                self.tr("Received"),
            ]
        )
        self.problems = QLabel(self)
        self.problems.setObjectName("healthProblems")
        self.problems.setWordWrap(True)
        self.raw = QPlainTextEdit(self)
        self.raw.setObjectName("healthRaw")
        self.raw.setReadOnly(True)
        self.raw.setPlaceholderText(self.tr("Choose a record to see what the hub sent."))
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self)
        self.refused = QListWidget(self)
        self.refused.setObjectName("healthRefused")
        self.refused.setWordWrap(True)
        self.message = MessageStrip(self)
        self._lay_out()
        self.quarantine.itemSelectionChanged.connect(self._on_quarantine_selection_changed)
        self.retry_button.clicked.connect(self._on_retry_button_clicked)
        self.dismiss_button.clicked.connect(self._on_dismiss_button_clicked)
        if bridge is not None:
            bridge.records_updated.connect(self._on_bridge_records_updated)
            bridge.rejection_received.connect(self._refresh_if_shown)
        self._timer = QTimer(self)
        self._timer.setInterval(_REFRESH_MS)
        self._timer.timeout.connect(self._refresh_if_shown)
        self._timer.start()
        self.refresh()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Devices"), self))
        layout.addWidget(self.devices, 2)
        layout.addWidget(self.problems)
        layout.addWidget(QLabel(self.tr("Records this device could not read"), self))
        row = QHBoxLayout()
        row.addWidget(self.quarantine, 3)
        row.addWidget(self.raw, 2)
        layout.addLayout(row, 2)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.dismiss_button)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Actions the hub refused"), self))
        layout.addWidget(self.refused, 2)
        layout.addWidget(self.message)

    def set_actor(self, actor: SignedInStaff | None) -> None:
        """Who retries or dismisses here (the signed-in manager)."""
        self._actor = actor
        self._update_buttons()

    @Slot()
    def refresh(self) -> None:
        """Read every figure again."""
        now = self._services.clock()
        self._fill_devices(self._services.health.devices(), now)
        self.problems.setText(problems_text(self._services.health.problems(), now))
        self._records = self._services.health.quarantined()
        self._fill_quarantine(now)
        self.refused.clear()
        for notice in self._services.notices.history(_REFUSED_SHOWN):
            self.refused.addItem(describe_notice(self._services, notice))
        if not self._services.notices.history(1):
            self.refused.addItem(self.tr("No refused actions."))
        self._update_buttons()

    def select_record(self, item_id: int) -> None:
        """Select the quarantined record `item_id` (as a click on its row does)."""
        for row, record in enumerate(self._records):
            if record.item_id == item_id:
                self.quarantine.selectRow(row)
                return

    def _selected(self) -> QuarantinedRecordView | None:
        rows = {index.row() for index in self.quarantine.selectionModel().selectedRows()}
        if len(rows) != 1:
            return None
        (row,) = rows
        return self._records[row] if row < len(self._records) else None

    def _fill_devices(self, devices: list[DeviceHealthView], now: datetime) -> None:
        own = self._services.health.this_device_id()
        names = [device.device_name for device in devices]
        self.devices.setRowCount(len(devices))
        for row, device in enumerate(devices):
            name = device.device_name
            if names.count(name) > 1:
                name += f" · {device.device_id[-6:]}"  # same name twice: tell them apart
            if device.device_id == own:
                name += self.tr(" (this device)")
            silent = now - device.reported_at
            reported = self.tr("{age} ago").format(age=format_duration(silent.total_seconds()))
            if silent > STALE_AFTER:
                reported += self.tr(" — may be offline")
            cells = [
                name,
                str(device.pending_count),
                _age(device.oldest_pending_at, now),
                _time(device.last_pull_at, now),
                _time(device.last_push_at, now),
                str(device.rejected_count),
                str(device.quarantined_count),
                reported,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 1 and device.pending_count:
                    item.setForeground(WAITING_AMBER)
                if column == 7 and silent > STALE_AFTER:
                    item.setForeground(URGENT_RED)
                self.devices.setItem(row, column, item)

    def _fill_quarantine(self, now: datetime) -> None:
        self.quarantine.setRowCount(len(self._records))
        for row, record in enumerate(self._records):
            cells = [
                record.kind,
                record.entity_id,
                record.reason,
                format_clock_time(record.received_at, now),
            ]
            for column, text in enumerate(cells):
                self.quarantine.setItem(row, column, QTableWidgetItem(text))
        self.raw.clear()

    def _update_buttons(self) -> None:
        chosen = self._selected() is not None
        able = chosen and self._actor is not None and self._services.sync_repair is not None
        self.retry_button.setEnabled(able)
        self.dismiss_button.setEnabled(able)

    @Slot()
    def _on_quarantine_selection_changed(self) -> None:
        record = self._selected()
        self.raw.setPlainText("" if record is None else _record_text(record))
        self._update_buttons()

    @Slot()
    def _on_retry_button_clicked(self) -> None:
        record, repair = self._selected(), self._services.sync_repair
        if record is None or repair is None or self._actor is None:
            return
        actor = authorise(self, Permission.SETTINGS, self._actor)
        if actor is None:
            return
        try:
            reason = repair.retry(actor, record.item_id)
        except SyncRepairRefused as refusal:
            self.message.show_message(_refusal_text(refusal.code), Tone.ERROR)
            return
        self.refresh()
        if reason is None:
            self.message.show_message(self.tr("Read and applied."), Tone.OK)
        else:
            self.select_record(record.item_id)
            self.message.show_message(
                self.tr("Still unreadable: {reason}").format(reason=reason),
                Tone.WARNING,
            )

    @Slot()
    def _on_dismiss_button_clicked(self) -> None:
        record, repair = self._selected(), self._services.sync_repair
        if record is None or repair is None or self._actor is None:
            return
        actor = authorise(self, Permission.SETTINGS, self._actor)
        if actor is None:
            return
        try:
            repair.dismiss(actor, record.item_id)
        except SyncRepairRefused as refusal:
            self.message.show_message(_refusal_text(refusal.code), Tone.ERROR)
            return
        self.refresh()
        self.message.show_message(self.tr("Dismissed."), Tone.OK)

    @Slot(object)
    def _on_bridge_records_updated(self, kinds: frozenset[RecordKind]) -> None:
        del kinds  # any write may have quarantined something or brought a device's report
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


def problems_text(problems: SyncProblemsView, now: datetime) -> str:
    """This device's unreadable replies and unforeseen failures, and the hub's count of channel
    payloads that were not an order, one line each (the second only when there were any)."""
    if problems.protocol_errors:
        lines = [
            QCoreApplication.translate(
                "SyncHealthView",
                "Replies from the hub this device could not read: {count} (last {time})",
            ).format(
                count=problems.protocol_errors, time=_time(problems.last_protocol_error_at, now)
            )
        ]
    else:
        lines = [
            QCoreApplication.translate(
                "SyncHealthView", "Replies from the hub this device could not read: none"
            )
        ]
    if problems.unexpected_errors:
        lines.append(
            QCoreApplication.translate(
                "SyncHealthView", "Sync steps that failed unexpectedly: {count} (last {time})"
            ).format(
                count=problems.unexpected_errors,
                time=_time(problems.last_unexpected_error_at, now),
            )
        )
    if not problems.channel_rejected:
        lines.append(
            QCoreApplication.translate(
                "SyncHealthView", "Channel messages the hub could not use as an order: none"
            )
        )
        return "\n".join(lines)
    line = QCoreApplication.translate(
        "SyncHealthView",
        "Channel messages the hub could not use as an order: {count} (last {time})",
    ).format(count=problems.channel_rejected, time=_time(problems.channel_last_rejected_at, now))
    if problems.channel_last_reason:
        line += QCoreApplication.translate("SyncHealthView", " — {channel}: {reason}").format(
            channel=_channel_text(problems.channel_last_channel),
            reason=mask_phones_in(problems.channel_last_reason),
        )
    lines.append(line)
    return "\n".join(lines)


def _channel_text(value: str) -> str:
    try:
        return channel_name(Channel(value))
    except ValueError:
        return value or "—"


def _table(parent: QWidget, columns: int, name: str) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _record_text(record: QuarantinedRecordView) -> str:
    """The reason, then what the hub sent (indented when it is JSON at all).

    Records set aside by an older release were kept whole: any PIN hash in them is hidden
    and phone numbers masked here too, so the screen never shows what quarantine now drops.
    """
    try:
        raw = json.dumps(_without_pins(json.loads(record.raw)), indent=2, ensure_ascii=False)
    except ValueError:
        raw = record.raw
    return QCoreApplication.translate(
        "SyncHealthView", "Why: {reason}\n\nWhat the hub sent:\n{raw}"
    ).format(reason=mask_phones_in(record.reason), raw=mask_phones_in(raw))


def _without_pins(value: object) -> object:
    """`value` with every PIN hash and salt blanked, at any depth."""
    if isinstance(value, dict):
        return {
            key: "" if key in _PIN_SECRETS else _without_pins(inner) for key, inner in value.items()
        }
    if isinstance(value, list):
        return [_without_pins(inner) for inner in value]
    return value


def _age(moment: datetime | None, now: datetime) -> str:
    return "—" if moment is None else format_duration((now - moment).total_seconds())


def _time(moment: datetime | None, now: datetime) -> str:
    return "—" if moment is None else format_clock_time(moment, now)


def _refusal_text(code: str) -> str:
    if code == "not_permitted":
        return QCoreApplication.translate(
            "SyncHealthView", "Only a manager may retry or dismiss a record."
        )
    return QCoreApplication.translate("SyncHealthView", "This record is no longer set aside.")
