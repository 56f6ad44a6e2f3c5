"""The customer's cancel or refund request on an order: reason, amount and its own countdown."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.domain.clock import Clock
from app.domain.vocabulary import Channel
from app.read_models import CustomerRequestView
from ui.labels import channel_name, request_answer_name, request_kind_name
from ui.theme import Tone, set_tone
from ui.value_formats import Urgency, describe_countdown, format_clock_time, format_money

TICK_MS = 1000
"""The countdown moves on once a second."""
URGENT_S = 180
"""Under this many seconds left the countdown turns red: answer now or the channel will."""


class CustomerRequestPanel(QFrame):
    """Shows one request; while it is open and has a deadline, counts down to it."""

    def __init__(
        self, request: CustomerRequestView, channel: Channel, clock: Clock, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("RequestPanel")
        self.setStyleSheet(
            "QFrame#RequestPanel { background: #FFF7ED; border: 2px solid #FB923C;"
            " border-radius: 10px; }"
        )
        self.request = request
        self._channel = channel
        self._clock = clock
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        self.title = QLabel(request_kind_name(request.kind), self)
        self.title.setObjectName("BigValue")
        layout.addWidget(self.title)
        now = clock()
        facts = [
            self.tr("Asked at {time}").format(time=format_clock_time(request.requested_at, now))
        ]
        if request.reason:
            facts.append(self.tr("Reason: {reason}").format(reason=request.reason))
        if request.kind == "refund" and request.refund_cents is not None:
            facts.append(
                self.tr("Refund {amount}").format(amount=format_money(request.refund_cents))
            )
        self.facts = QLabel("\n".join(facts), self)
        self.facts.setWordWrap(True)
        layout.addWidget(self.facts)
        self.countdown = QLabel(self)
        self.countdown.setObjectName("MessageStrip")
        self.countdown.setWordWrap(True)
        layout.addWidget(self.countdown)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick_timeout)
        self.refresh()
        if request.is_open and request.respond_by is not None:
            self._tick.start()

    def refresh(self) -> None:
        """Show the time left (or the answer) as of now."""
        request, now = self.request, self._clock()
        channel = channel_name(self._channel)
        if not request.is_open:
            self.countdown.setText(self._answer_text())
            set_tone(self.countdown, Tone.NEUTRAL)
            return
        if request.respond_by is None:
            self.countdown.setText(
                self.tr("No deadline: the customer waits for the store's answer.")
            )
            set_tone(self.countdown, Tone.WARNING)
            return
        countdown = describe_countdown(request.respond_by, now)
        if countdown.urgency is Urgency.OVERDUE:
            self.countdown.setText(
                self.tr("{channel} is agreeing by itself now.").format(channel=channel)
            )
        else:
            self.countdown.setText(
                self.tr("Answer within {left}, or {channel} agrees by itself at {time}.").format(
                    left=countdown.text,
                    channel=channel,
                    time=format_clock_time(request.respond_by, now),
                )
            )
        left = (request.respond_by - now).total_seconds()
        set_tone(self.countdown, Tone.WARNING if left >= URGENT_S else Tone.ERROR)

    @property
    def is_counting_down(self) -> bool:
        """Whether the panel's countdown is running."""
        return self._tick.isActive()

    def _answer_text(self) -> str:
        request = self.request
        answer = request_answer_name(request.answer or "")
        when = (
            ""
            if request.answered_at is None
            else format_clock_time(request.answered_at, self._clock())
        )
        text = self.tr("{answer} at {time}").format(answer=answer, time=when)
        if request.answered_by:
            text += self.tr(" by {name}").format(name=request.answered_by)
        if request.answer_reason:
            text += self.tr(": {reason}").format(reason=request.answer_reason)
        return text

    @Slot()
    def _on_tick_timeout(self) -> None:
        self.refresh()
