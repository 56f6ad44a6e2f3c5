"""The window's bottom bar: sync health in words and colour, a long catch-up's progress, and
who is signed in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cache

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStatusBar, QWidget

from app.domain.clock import Clock
from app.domain.sync_events import CatchUpProgress, SyncStatus
from app.read_models import SignedInStaff, SyncHealth
from ui.catch_up_bar import CatchUpBar
from ui.labels import roles_text
from ui.sync_error_words import sync_error_text
from ui.theme import Tone, set_tone
from ui.value_formats import format_clock_time, format_duration

_REDRAW_MS = 15_000
""""Offline since" and waiting ages are re-worded this often even without news from sync."""
_OLDEST_WORTH_SHOWING_S = 60


def describe_sync_status(status: SyncStatus | None, now: datetime) -> str:
    """The status bar's words for `status` (None: sync has not reported yet)."""
    if status is None:
        return QCoreApplication.translate("SyncStatusBar", "Starting sync…")
    if status.storage_error:
        headline = _storage_text(status.storage_error)
    elif status.needs_enrolment:
        headline = QCoreApplication.translate("SyncStatusBar", "Device must be enrolled again")
    elif status.stalled_reason:
        headline = QCoreApplication.translate("SyncStatusBar", "Sync stalled: {reason}").format(
            reason=status.stalled_reason
        )
    elif status.unreadable_reply:
        headline = QCoreApplication.translate(
            "SyncStatusBar", "The hub sent a reply Storeside cannot read"
        )
    elif not status.online:
        headline = _offline_text(status, now)
    elif status.syncing:
        headline = QCoreApplication.translate("SyncStatusBar", "Syncing…")
    else:
        headline = QCoreApplication.translate("SyncStatusBar", "Online")
    parts = [headline]
    if status.pending_count:
        parts.append(_waiting_text(status, now))
    if status.quarantined_count:
        parts.append(_counted().unreadable_records(status.quarantined_count))
    return QCoreApplication.translate("SyncStatusBar", " · ").join(parts)


def shown_catch_up(status: SyncStatus | None) -> CatchUpProgress | None:
    """The long catch-up the bar shows, if any: none while nothing is received (offline, the
    database refusing writes, the device no longer enrolled), though the device is behind."""
    if status is None or not status.online or status.storage_error or status.needs_enrolment:
        return None
    return status.catch_up


def sync_tone(status: SyncStatus | None) -> Tone:
    """The colour the status shows in: green online, amber offline, red when stuck."""
    if status is None:
        return Tone.NEUTRAL
    if (
        status.storage_error
        or status.needs_enrolment
        or status.stalled_reason
        or status.unreadable_reply
    ):
        return Tone.ERROR
    if not status.online:
        return Tone.WARNING
    if status.syncing or status.pending_count:
        return Tone.BUSY
    return Tone.OK


def _storage_text(error: str) -> str:
    if "full" in error.lower():
        return QCoreApplication.translate(
            "SyncStatusBar", "Disk full: sync paused, new actions cannot be saved"
        )
    return QCoreApplication.translate("SyncStatusBar", "Local database error: {error}").format(
        error=error
    )


def _offline_text(status: SyncStatus, now: datetime) -> str:
    if status.since is None:
        return QCoreApplication.translate("SyncStatusBar", "Offline")
    return QCoreApplication.translate("SyncStatusBar", "Offline since {time}").format(
        time=format_clock_time(status.since, now)
    )


class SyncStatusCounts(QObject):
    """The status bar's counted sentences: `self.tr()` calls, whose plural forms lupdate
    keeps (decision 043). One instance serves them all (`_counted`)."""

    def unreadable_records(self, count: int) -> str:
        return self.tr("%n record(s) could not be read", "", count)

    def waiting_actions(self, count: int) -> str:
        return self.tr("%n action(s) waiting", "", count)


@cache
def _counted() -> SyncStatusCounts:
    return SyncStatusCounts()


def _waiting_text(status: SyncStatus, now: datetime) -> str:
    count = status.pending_count
    text = _counted().waiting_actions(count)
    oldest = status.oldest_pending_at
    if oldest is not None and (now - oldest).total_seconds() >= _OLDEST_WORTH_SHOWING_S:
        text += QCoreApplication.translate("SyncStatusBar", " (oldest {age})").format(
            age=format_duration((now - oldest).total_seconds())
        )
    return text


def describe_sync_health(health: SyncHealth, now: datetime) -> str:
    """The compact sync health shown as the status bar's tooltip, one fact per line."""

    def moment(value: datetime | None) -> str:
        if value is None:
            return QCoreApplication.translate("SyncStatusBar", "never")
        return format_clock_time(value, now)

    lines = [
        QCoreApplication.translate("SyncStatusBar", "Waiting to send: {count}").format(
            count=health.pending_count
        ),
        QCoreApplication.translate(
            "SyncStatusBar", "Last received from the hub: {pull} · last sent: {push}"
        ).format(pull=moment(health.last_pull_at), push=moment(health.last_push_at)),
        QCoreApplication.translate(
            "SyncStatusBar", "Refused by the hub: {rejected} · set aside: {aside}"
        ).format(rejected=health.rejected_count, aside=health.set_aside_count),
        QCoreApplication.translate(
            "SyncStatusBar", "Repaired by the consistency check: {count} (last check {time})"
        ).format(count=health.repaired_count, time=moment(health.last_check_at)),
    ]
    if health.oldest_pending_at is not None:
        lines[0] += QCoreApplication.translate("SyncStatusBar", " (oldest {age})").format(
            age=format_duration((now - health.oldest_pending_at).total_seconds())
        )
    if health.quarantined:
        lines.append(
            QCoreApplication.translate(
                "SyncStatusBar", "Records that could not be read: {count}"
            ).format(count=len(health.quarantined))
        )
        lines.extend(
            f"  {item.kind} {item.entity_id}: {item.reason}" for item in health.quarantined[:3]
        )
    return "\n".join(lines)


class SyncStatusBar(QStatusBar):
    """Renders the latest SyncStatus on the left (with the catch-up bar while a long catch-up
    runs); the signed-in person and Sign out on the right."""

    sign_out_clicked = Signal()
    """The person pressed Sign out."""
    switch_user_clicked = Signal()
    """The person pressed Switch user (the next person signs in over this window)."""

    def __init__(
        self,
        clock: Clock,
        parent: QWidget | None = None,
        *,
        health: Callable[[], SyncHealth] | None = None,
    ) -> None:
        """`health` reads the figures shown in the tooltip (None: only the last error)."""
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self._clock = clock
        self._health = health
        self._status: SyncStatus | None = None
        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("SyncPill")
        self.addWidget(self.sync_label)
        self.catch_up_bar = CatchUpBar(self)
        self.catch_up_bar.hide()
        self.addWidget(self.catch_up_bar)
        person = QWidget(self)
        row = QHBoxLayout(person)
        row.setContentsMargins(0, 0, 8, 0)
        row.setSpacing(12)
        self.person_label = QLabel(person)
        row.addWidget(self.person_label)
        self.sign_out_button = QPushButton(self.tr("Sign out"), person)
        self.sign_out_button.setProperty("variant", "quiet")
        self.sign_out_button.clicked.connect(self.sign_out_clicked)
        self.switch_user_button = QPushButton(self.tr("Switch user"), person)
        self.switch_user_button.setProperty("variant", "quiet")
        self.switch_user_button.clicked.connect(self.switch_user_clicked)
        row.addWidget(self.switch_user_button)
        row.addWidget(self.sign_out_button)
        self.addPermanentWidget(person)
        self._redraw = QTimer(self)
        self._redraw.setInterval(_REDRAW_MS)
        self._redraw.timeout.connect(self._on_redraw_timeout)
        self._redraw.start()
        self.show_person(None)
        self.show_status(None)

    def show_status(self, status: SyncStatus | None) -> None:
        """Render `status`."""
        self._status = status
        now = self._clock()
        self.sync_label.setText(describe_sync_status(status, now))
        lines = [] if self._health is None else [describe_sync_health(self._health(), now)]
        if status is not None and status.last_error:
            lines.append(
                self.tr("Last error: {error}").format(error=sync_error_text(status.last_error))
            )
        self.sync_label.setToolTip("\n".join(lines))
        set_tone(self.sync_label, sync_tone(status))
        catch_up = shown_catch_up(status)
        if catch_up is not None:
            self.catch_up_bar.show_progress(catch_up)
        self.catch_up_bar.setVisible(catch_up is not None)

    def show_person(self, staff: SignedInStaff | None) -> None:
        """Show who is signed in (None: nobody; Sign out hidden)."""
        if staff is None:
            self.person_label.clear()
        else:
            self.person_label.setText(
                self.tr("Signed in: {name} ({roles})").format(
                    name=staff.name, roles=roles_text(staff.roles)
                )
            )
        self.sign_out_button.setVisible(staff is not None)
        # Not on a handheld (texts wrapped to fit 480 px): no room, and it is one person's.
        self.switch_user_button.setVisible(staff is not None and not self.person_label.wordWrap())

    @Slot()
    def _on_redraw_timeout(self) -> None:
        self.show_status(self._status)
