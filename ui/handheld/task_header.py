"""The top of the pick and pack screens: which order, which channel, how far along."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.read_models import TaskDetail
from ui.labels import channel_name, serial_text
from ui.theme import Tone, channel_badge_style, set_tone


class TaskHeader(QWidget):
    """Serial, channel badge, a paused pill and the progress "3/11"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.serial_label = QLabel(self)
        self.serial_label.setObjectName("HandheldSerial")
        self.channel_badge = QLabel(self)
        self.paused_pill = QLabel(self.tr("Paused"), self)
        self.paused_pill.setObjectName("StatusPill")
        set_tone(self.paused_pill, Tone.WARNING)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("HandheldProgress")
        row.addWidget(self.serial_label)
        row.addWidget(self.channel_badge)
        row.addWidget(self.paused_pill)
        row.addStretch(1)
        row.addWidget(self.progress_label)

    def show_task(self, task: TaskDetail, *, with_progress: bool = True) -> None:
        """Show `task`'s order and progress."""
        self.serial_label.setText(serial_text(task.daily_serial) if task.daily_serial else "")
        self.channel_badge.setVisible(task.channel is not None)
        if task.channel is not None:
            self.channel_badge.setText(channel_name(task.channel))
            self.channel_badge.setStyleSheet(channel_badge_style(task.channel))
        self.paused_pill.setVisible(task.paused)
        settled, total = task.done_lines, len(task.lines)
        self.progress_label.setVisible(with_progress)
        self.progress_label.setText(f"{settled}/{total}")
        self.progress_label.setAccessibleName(
            self.tr("{settled} of {total} lines done").format(settled=settled, total=total)
        )
