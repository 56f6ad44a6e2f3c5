"""The alarm and auto-accept settings of this device: volume, mute for N minutes, channels."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import Clock
from app.domain.new_order_alarm import MUTE_CHOICES_MIN, MuteState
from app.domain.permissions import Permission
from app.domain.vocabulary import Channel
from app.read_models import SignedInStaff
from app.services.alarm_preferences import AlarmPreferences
from app.services.device_preferences import SettingRefused
from ui.alarm.alarm_sound import AlarmSound, Silence, SoundBackend
from ui.alarm.order_alarm import OrderAlarm
from ui.labels import channel_name, print_refusal_text
from ui.staff_session import authorise
from ui.value_formats import format_clock_time

DIALOG_WIDTH = 640


class AlarmSettingsDialog(QDialog):
    """Mute buttons act at once; volume and auto-accept are kept on Save."""

    def __init__(
        self,
        preferences: AlarmPreferences,
        alarm: OrderAlarm,
        staff: SignedInStaff,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Alarm and auto-accept"))
        self.setFixedWidth(DIALOG_WIDTH)
        self._preferences = preferences
        self._alarm = alarm
        self._sound: SoundBackend = alarm.sound
        self._staff = staff
        self._clock = clock
        column = QVBoxLayout(self)
        column.setSpacing(14)
        column.addWidget(self._build_sound())
        column.addWidget(self._build_mute())
        column.addWidget(self._build_auto_accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        # Said when the person's role may not make a change (the matrix refused it).
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()
        column.addWidget(self.problem)
        column.addWidget(buttons)
        self._show_mute(preferences.mute_state())
        # Wrapped hints need their full height at this width.
        self.setMinimumHeight(column.heightForWidth(DIALOG_WIDTH))

    def _build_sound(self) -> QGroupBox:
        box = QGroupBox(self.tr("Alarm volume"), self)
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        column.addLayout(row)
        self.volume_slider = QSlider(Qt.Orientation.Horizontal, box)
        self.volume_slider.setMinimumWidth(280)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setValue(self._preferences.volume_percent())
        self.volume_value = QLabel(box)
        self.volume_value.setMinimumWidth(48)
        self.volume_slider.valueChanged.connect(self._on_volume_slider_value_changed)
        self._on_volume_slider_value_changed(self.volume_slider.value())
        self.test_sound_button = QPushButton(self.tr("Test sound"), box)
        self.test_sound_button.clicked.connect(self._on_test_sound_button_clicked)
        row.addWidget(self.volume_slider, 1)
        row.addWidget(self.volume_value)
        row.addWidget(self.test_sound_button)
        if self._sound.silence_reason:
            note = QLabel(
                self.tr("No sound on this device: {reason}. The alarm still flashes.").format(
                    reason=silence_text(self._sound.silence_reason)
                ),
                box,
            )
            note.setWordWrap(True)
            column.addWidget(note)
        return box

    def _build_mute(self) -> QGroupBox:
        box = QGroupBox(self.tr("Mute the alarm sound"), self)
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        self.mute_buttons: dict[int, QPushButton] = {}
        for minutes in MUTE_CHOICES_MIN:
            button = QPushButton(self.tr("{minutes} min").format(minutes=minutes), box)
            button.clicked.connect(lambda _checked=False, m=minutes: self._mute_for(m))
            self.mute_buttons[minutes] = button
            row.addWidget(button)
        self.unmute_button = QPushButton(self.tr("Unmute"), box)
        self.unmute_button.clicked.connect(self._on_unmute_button_clicked)
        row.addWidget(self.unmute_button)
        column.addLayout(row)
        self.mute_status = QLabel(box)
        self.mute_status.setWordWrap(True)
        column.addWidget(self.mute_status)
        hint = QLabel(
            self.tr(
                "While muted, new orders still flash. When an order is about to be cancelled"
                " by its channel, the alarm sounds anyway."
            ),
            box,
        )
        hint.setWordWrap(True)
        column.addWidget(hint)
        return box

    def _build_auto_accept(self) -> QGroupBox:
        box = QGroupBox(self.tr("Accept automatically on this device"), self)
        column = QVBoxLayout(box)
        self.auto_accept_boxes: dict[Channel, QCheckBox] = {}
        settings = self._preferences.auto_accept_all()
        for channel in Channel:
            setting = settings[channel]
            text = channel_name(channel)
            if setting.on and setting.staff_name:
                text = self.tr("{channel} (switched on by {name})").format(
                    channel=text, name=setting.staff_name
                )
            check = QCheckBox(text, box)
            check.setChecked(setting.on)
            self.auto_accept_boxes[channel] = check
            column.addWidget(check)
        hint = QLabel(
            self.tr(
                "Switch this on at one device of the store only, usually the counter PC. Orders"
                " are accepted on behalf of the person who switches it on, also while nobody"
                " is signed in, and their kitchen tickets print as for any accepted order."
            ),
            box,
        )
        hint.setWordWrap(True)
        column.addWidget(hint)
        return box

    def _mute_for(self, minutes: int) -> None:
        # Orders may be missed while muted: an idle session asks the PIN again first.
        staff = authorise(self, Permission.MUTE_ALARM, self._staff)
        if staff is None:
            return
        try:
            self._show_mute(self._preferences.mute_for(minutes, staff))
        except SettingRefused as refused:
            self._show_refusal(refused)
            return
        self._tell_alarm()

    def _show_refusal(self, refused: SettingRefused) -> None:
        self.problem.setText(print_refusal_text(refused.code))
        self.problem.show()

    def _show_mute(self, mute: MuteState) -> None:
        now = self._clock()
        if mute.is_muted(now) and mute.until is not None:
            self.mute_status.setText(
                self.tr("Muted until {time} by {name}.").format(
                    time=format_clock_time(mute.until, now), name=mute.staff_name
                )
            )
            self.unmute_button.setEnabled(True)
        else:
            self.mute_status.setText(self.tr("The alarm sound is on."))
            self.unmute_button.setEnabled(False)

    def _tell_alarm(self) -> None:
        self._alarm.settings_changed(
            self._preferences.mute_state(), self._preferences.volume_percent()
        )

    @Slot(int)
    def _on_volume_slider_value_changed(self, value: int) -> None:
        self.volume_value.setText(self.tr("{value} %").format(value=value))

    @Slot()
    def _on_test_sound_button_clicked(self) -> None:
        self._sound.play(AlarmSound.NEW_ORDER, self.volume_slider.value() / 100)

    @Slot()
    def _on_unmute_button_clicked(self) -> None:
        self._preferences.unmute(self._staff)
        self._show_mute(self._preferences.mute_state())
        self._tell_alarm()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        current = self._preferences.auto_accept_all()
        volume_changed = self.volume_slider.value() != self._preferences.volume_percent()
        switched = [
            (channel, check.isChecked())
            for channel, check in self.auto_accept_boxes.items()
            if check.isChecked() != current[channel].on
        ]
        if not volume_changed and not switched:
            self._tell_alarm()
            self.accept()
            return
        staff = authorise(self, Permission.SETTINGS, self._staff)
        if staff is None:
            return
        try:
            if volume_changed:
                self._preferences.set_volume_percent(self.volume_slider.value(), staff)
            for channel, on in switched:
                self._preferences.set_auto_accept(channel, on, staff)
        except SettingRefused as refused:
            self._show_refusal(refused)
            self._tell_alarm()
            return
        self._tell_alarm()
        self._alarm.reload()
        self.accept()


def silence_text(code: str) -> str:
    """Why the device plays no sound, in words, from its `Silence` code."""
    words = {
        Silence.NOT_GIVEN: QCoreApplication.translate(
            "AlarmSettingsDialog", "the program was started without sound"
        ),
        Silence.NO_MULTIMEDIA: QCoreApplication.translate(
            "AlarmSettingsDialog", "the program's sound part (Qt Multimedia) is not installed"
        ),
        Silence.NO_OUTPUT: QCoreApplication.translate(
            "AlarmSettingsDialog", "no speakers or headphones were found"
        ),
        Silence.FILES_MISSING: QCoreApplication.translate(
            "AlarmSettingsDialog", "the alarm's sound files are missing"
        ),
    }
    try:
        return words[Silence(code)]
    except ValueError:
        return QCoreApplication.translate("AlarmSettingsDialog", "the sound does not work")
