"""Busy mode at the counter: which channels are paused until when, pause for N minutes, reopen."""

from __future__ import annotations

from functools import partial

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QPushButton, QWidget

from app.domain.clock import Clock
from app.domain.vocabulary import Channel
from app.read_models import ChannelPauseView, SignedInStaff
from app.services.channel_pauses import PAUSE_MINUTES, ChannelPauses, PauseRefused
from ui.labels import channel_name, pause_refusal_text
from ui.message_strip import MessageStrip
from ui.theme import Tone
from ui.value_formats import format_clock_time

_OPEN_STYLE = (
    "QPushButton { background: #DCFCE7; color: #166534; font-weight: 700;"
    " padding: 8px 12px; font-size: 15px; }"
)
_PAUSED_STYLE = (
    "QPushButton { background: #FEE2E2; color: #991B1B; font-weight: 700;"
    " padding: 8px 12px; font-size: 15px; }"
)


class BusyModeBar(QFrame):
    """One button per channel saying whether it takes orders; its menu pauses or reopens it.

    A pause ends by itself: `refresh()` (called every second by the screen) shows it open again.
    """

    def __init__(
        self,
        pauses: ChannelPauses,
        clock: Clock,
        messages: MessageStrip,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._pauses = pauses
        self._clock = clock
        self._messages = messages
        self._actor: SignedInStaff | None = None
        self._shown: list[ChannelPauseView] | None = None
        self.channel_buttons: dict[Channel, QPushButton] = {}
        self.pause_actions: dict[Channel, dict[int, QAction]] = {}
        self.reopen_actions: dict[Channel, QAction] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        title = QLabel(self.tr("Busy mode"), self)
        title.setObjectName("SectionTitle")
        row.addWidget(title)
        for channel in Channel:
            row.addWidget(self._channel_button(channel))
        self.refresh()

    def set_actor(self, actor: SignedInStaff | None) -> None:
        """Act for `actor` from now on (None: nobody; the bar is hidden)."""
        self._actor = actor
        self._shown = None
        self.refresh()

    def refresh(self) -> None:
        """Re-read which channels are paused (a pause that ran out shows open again)."""
        views = self._pauses.channels() if self._actor is not None else []
        if views == self._shown:
            return
        self._shown = views
        by_channel = {view.channel: view for view in views}
        self.setVisible(bool(views))
        now = self._clock()
        for channel, button in self.channel_buttons.items():
            view = by_channel.get(channel)
            button.setVisible(view is not None)
            if view is None:
                continue
            paused = view.paused_until is not None
            for action in self.pause_actions[channel].values():
                action.setVisible(not paused)
            self.reopen_actions[channel].setVisible(paused)
            if view.paused_until is not None:
                button.setText(
                    self.tr("{channel} paused until {time}").format(
                        channel=channel_name(channel),
                        time=format_clock_time(view.paused_until, now),
                    )
                )
                button.setStyleSheet(_PAUSED_STYLE)
            else:
                button.setText(self.tr("{channel} open").format(channel=channel_name(channel)))
                button.setStyleSheet(_OPEN_STYLE)
            button.setToolTip(self.tr("Waiting to reach the hub") if view.has_pending else "")

    def _channel_button(self, channel: Channel) -> QPushButton:
        button = QPushButton(self)
        menu = QMenu(button)
        self.pause_actions[channel] = {}
        for minutes in PAUSE_MINUTES:
            action = menu.addAction(self.tr("Pause for {minutes} min").format(minutes=minutes))
            action.triggered.connect(partial(self._pause, channel, minutes))
            self.pause_actions[channel][minutes] = action
        reopen = menu.addAction(self.tr("Reopen now"))
        reopen.triggered.connect(partial(self._reopen, channel))
        self.reopen_actions[channel] = reopen
        button.setMenu(menu)
        self.channel_buttons[channel] = button
        return button

    def _pause(self, channel: Channel, minutes: int, _checked: bool = False) -> None:
        if self._actor is None:
            return
        try:
            view = self._pauses.pause(self._actor, channel, minutes)
        except PauseRefused as refused:
            self._messages.show_message(pause_refusal_text(refused.code), Tone.ERROR)
            return
        assert view.paused_until is not None
        self._messages.show_message(
            self.tr("{channel} sends no new orders until {time}; it reopens by itself.").format(
                channel=channel_name(channel),
                time=format_clock_time(view.paused_until, self._clock()),
            ),
            Tone.OK,
        )
        self.refresh()

    def _reopen(self, channel: Channel, _checked: bool = False) -> None:
        if self._actor is None:
            return
        try:
            self._pauses.reopen(self._actor, channel)
        except PauseRefused as refused:
            self._messages.show_message(pause_refusal_text(refused.code), Tone.ERROR)
            return
        self._messages.show_message(
            self.tr("{channel} takes orders again.").format(channel=channel_name(channel)),
            Tone.OK,
        )
        self.refresh()
