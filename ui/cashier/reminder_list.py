"""The customer's "where is my order" reminders on an order, with quick replies to each."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import Clock
from app.domain.reminder_replies import QUICK_REPLIES
from app.domain.vocabulary import Channel
from app.read_models import ReminderView
from ui.theme import Tone, set_tone
from ui.value_formats import format_clock_time


class ReminderList(QFrame):
    """One row per reminder: when the customer asked, and the reply or the quick replies."""

    reply_chosen = Signal(str, str)
    """(reminder id, reply text): the person pressed one of the quick replies."""

    def __init__(
        self,
        reminders: tuple[ReminderView, ...],
        channel: Channel,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.reply_buttons: dict[str, list[QPushButton]] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        now = clock()
        for reminder in reminders:
            asked = QLabel(
                self.tr("The customer asked where the order is at {time}.").format(
                    time=format_clock_time(reminder.asked_at, now)
                ),
                self,
            )
            asked.setObjectName("MessageStrip")
            asked.setWordWrap(True)
            layout.addWidget(asked)
            if reminder.replied_at is not None:
                set_tone(asked, Tone.NEUTRAL)
                replied = QLabel(
                    self.tr("Replied by {name} at {time}: {reply}").format(
                        name=reminder.replied_by or self.tr("the store"),
                        time=format_clock_time(reminder.replied_at, now),
                        reply=reminder.reply,
                    ),
                    self,
                )
                replied.setWordWrap(True)
                layout.addWidget(replied)
                continue
            set_tone(asked, Tone.WARNING)
            layout.addLayout(self._quick_replies(reminder.reminder_id, QUICK_REPLIES[channel]))

    def _quick_replies(self, reminder_id: str, replies: tuple[str, ...]) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(6)
        buttons = []
        for position, reply in enumerate(replies):
            # The Chinese the customer reads on one line, the English gloss under it; the
            # button never widens the pane (long glosses are cut, the tooltip has them whole).
            button = QPushButton(reply.replace(" ", "\n", 1), self)
            button.setToolTip(reply)
            button.setProperty("reminder_id", reminder_id)
            button.setProperty("reply", reply)
            button.setMinimumHeight(52)
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.clicked.connect(self._on_reply_clicked)
            grid.addWidget(button, position, 0)
            buttons.append(button)
        self.reply_buttons[reminder_id] = buttons
        return grid

    @Slot()
    def _on_reply_clicked(self) -> None:
        sender = self.sender()
        reminder_id, reply = sender.property("reminder_id"), sender.property("reply")
        if isinstance(reminder_id, str) and isinstance(reply, str):
            for button in self.reply_buttons.get(reminder_id, []):
                button.setEnabled(False)
            self.reply_chosen.emit(reminder_id, reply)
