"""The customer's "where is my order" reminders on an order, with quick replies to each."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import Clock
from app.domain.reminder_replies import (
    CUSTOMER_TEXT,
    QUICK_REPLIES,
    ReminderReply,
    reply_of_text,
)
from app.domain.vocabulary import Channel
from app.read_models import ReminderView
from ui.elided_label import ElidedButton
from ui.languages import is_chinese_interface
from ui.theme import Tone, set_tone
from ui.value_formats import format_clock_time


def reply_gloss(reply: ReminderReply) -> str:
    """What `reply` tells the customer, in the interface's language (for staff, never sent)."""
    glosses = {
        ReminderReply.PREPARING: QCoreApplication.translate(
            "ReminderReplies", "Being prepared, almost done"
        ),
        ReminderReply.RIDER_ON_THE_WAY: QCoreApplication.translate(
            "ReminderReplies", "The rider has it and is on the way"
        ),
        ReminderReply.RIDER_ARRIVING: QCoreApplication.translate(
            "ReminderReplies", "The rider is about to arrive at the store"
        ),
        ReminderReply.PEAK_DELAY: QCoreApplication.translate(
            "ReminderReplies", "A little delay at peak time, thank you for waiting"
        ),
        ReminderReply.READY_FOR_PICKUP: QCoreApplication.translate(
            "ReminderReplies", "Ready: show your pickup code at the counter"
        ),
    }
    return glosses[reply]


def _reply_shown(text: str) -> str:
    """A stored reply as staff read it: a canned one with its gloss outside a Chinese
    interface, any other as it is."""
    reply = reply_of_text(text)
    if reply is None or is_chinese_interface():
        return text
    return f"{text} ({reply_gloss(reply)})"


class ReminderList(QFrame):
    """One row per reminder: when the customer asked, and the reply or the quick replies."""

    reply_chosen = Signal(str, str)
    """(reminder id, reply text): the person pressed one of the quick replies; the text is
    the Chinese the customer receives (CUSTOMER_TEXT), nothing else."""

    def __init__(
        self,
        reminders: tuple[ReminderView, ...],
        channel: Channel,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.reply_buttons: dict[str, list[ElidedButton]] = {}
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
                        reply=_reply_shown(reminder.reply),
                    ),
                    self,
                )
                replied.setWordWrap(True)
                layout.addWidget(replied)
                continue
            set_tone(asked, Tone.WARNING)
            layout.addLayout(self._quick_replies(reminder.reminder_id, QUICK_REPLIES[channel]))

    def _quick_replies(self, reminder_id: str, replies: tuple[ReminderReply, ...]) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(6)
        buttons = []
        chinese = is_chinese_interface()
        for position, reply in enumerate(replies):
            # The Chinese the customer reads on one line and, for staff reading another
            # language, its gloss under it; the button never widens the pane (long lines
            # are elided, the tooltip has them whole).
            text = CUSTOMER_TEXT[reply]
            gloss = reply_gloss(reply)
            button = ElidedButton(text if chinese else f"{text}\n{gloss}", self)
            button.setToolTip(text if chinese else gloss)
            button.setProperty("reminder_id", reminder_id)
            button.setProperty("reply", text)
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
