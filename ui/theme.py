"""The look of the app: one stylesheet, the channel colours and the tones widgets switch between."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from app.domain.vocabulary import Channel


@dataclass(frozen=True, slots=True)
class BadgeColours:
    """Background and text colour of a channel badge."""

    background: str
    text: str


CHANNEL_COLOURS: Final = MappingProxyType(
    {
        Channel.MEITUAN: BadgeColours(background="#FFD100", text="#1F1F1F"),
        Channel.ELEME: BadgeColours(background="#0097FF", text="#FFFFFF"),
        Channel.MINIPROGRAM: BadgeColours(background="#07C160", text="#FFFFFF"),
    }
)

URGENT_RED: Final = QColor("#DC2626")
WAITING_AMBER: Final = QColor("#B45309")
MUTED_GREY: Final = QColor("#6B7785")


class Tone(StrEnum):
    """The mood of a message or status; the stylesheet colours each one."""

    NEUTRAL = "neutral"
    OK = "ok"
    BUSY = "busy"
    WARNING = "warning"
    ERROR = "error"


def set_tone(widget: QWidget, tone: Tone) -> None:
    """Switch `widget` to `tone`; Qt only re-reads dynamic properties when re-polished."""
    if widget.property("tone") == tone.value:
        return
    widget.setProperty("tone", tone.value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def channel_badge_style(channel: Channel) -> str:
    """Stylesheet of a label that shows `channel` as a coloured badge."""
    colours = CHANNEL_COLOURS[channel]
    return (
        f"background: {colours.background}; color: {colours.text}; border-radius: 6px;"
        " padding: 3px 10px; font-weight: 700;"
    )


HEADER_FONT_PX: Final = 14
"""The pixel size of table titles: a column is made wide enough for its title at this size."""
_STYLESHEET_TEMPLATE: Final = """
QMainWindow, QDialog, QWidget#ScreenSurface { background: #F3F5F8; }
QWidget { font-size: 16px; color: #1F2933; }
QLabel { background: transparent; }

QMenuBar { background: #1F2933; color: #F3F5F8; padding: 2px 6px; }
QMenuBar::item { background: transparent; color: #F3F5F8; padding: 6px 12px; }
QMenuBar::item:selected { background: #364152; border-radius: 4px; }
QMenu { background: #FFFFFF; border: 1px solid #C9D1DB; padding: 4px; }
QMenu::item { padding: 8px 24px; }
QMenu::item:selected { background: #DBEAFE; color: #111827; }

QPushButton {
    background: #FFFFFF; border: 1px solid #C3CBD5; border-radius: 8px;
    padding: 10px 18px; min-height: 26px; font-size: 17px;
}
QPushButton:hover { background: #EEF3FA; }
QPushButton:pressed { background: #DCE4EE; }
QPushButton:disabled { color: #9AA5B1; background: #F5F7FA; border-color: #E1E6EC; }
QPushButton[variant="primary"] {
    background: #2563EB; color: #FFFFFF; border-color: #1D4ED8; font-weight: 600;
}
QPushButton[variant="primary"]:hover { background: #1D4ED8; }
QPushButton[variant="primary"]:disabled { background: #A9C0F5; border-color: #A9C0F5; }
QPushButton[variant="danger"] { color: #B91C1C; border-color: #F0A3A3; }
QPushButton[variant="danger"]:hover { background: #FEF2F2; }
QPushButton[variant="option"] { text-align: left; padding: 12px 16px; }
QPushButton[variant="option"]:checked {
    background: #FEF2F2; border: 2px solid #DC2626; color: #991B1B; font-weight: 600;
}
QPushButton[variant="quiet"] { border: none; background: transparent; color: #1D4ED8; }
QPushButton[variant="quiet"]:hover { text-decoration: underline; }

QLineEdit, QPlainTextEdit, QComboBox {
    background: #FFFFFF; border: 1px solid #C3CBD5; border-radius: 8px; padding: 8px 10px;
}
QLineEdit:focus, QPlainTextEdit:focus { border: 2px solid #2563EB; }

QTabBar::tab {
    background: transparent; color: #52606D; padding: 10px 8px; font-size: 16px;
    border-bottom: 3px solid transparent; margin-right: 0px;
}
QTabBar::tab:selected { color: #111827; font-weight: 700; border-bottom: 3px solid #2563EB; }
QTabBar::tab:hover:!selected { color: #1F2933; border-bottom: 3px solid #C3CBD5; }

QTableView {
    background: #FFFFFF; border: 1px solid #DCE1E7; border-radius: 8px;
    gridline-color: #EEF1F4; font-size: 17px;
    selection-background-color: #DBEAFE; selection-color: #111827;
}
QTableView::item { padding: 4px 6px; border-bottom: 1px solid #EEF1F4; }
QHeaderView::section {
    background: #F8FAFC; color: #52606D; border: none; border-bottom: 1px solid #DCE1E7;
    padding: 8px; font-size: {header_px}px; font-weight: 600;
}
QScrollArea { border: none; background: transparent; }
QScrollArea > QWidget > QWidget { background: transparent; }

QFrame#Card {
    background: #FFFFFF; border: 1px solid #DCE1E7; border-radius: 10px;
}
QLabel#ScreenTitle { font-size: 26px; font-weight: 700; }
QLabel#SectionTitle {
    font-size: 13px; font-weight: 700; color: #6B7785;
    padding-top: 8px;
}
QLabel#Hint { color: #6B7785; }
QLabel#SerialLabel { font-size: 34px; font-weight: 800; color: #111827; }
QLabel#BigValue { font-size: 22px; font-weight: 700; }
QLabel#OrderNote {
    background: #FFF7E0; border: 1px solid #F5D37A; border-radius: 8px; padding: 8px 10px;
}

QLabel#StatusPill, QLabel#SyncPill {
    border-radius: 12px; padding: 4px 12px; font-weight: 600;
    background: #E4E7EB; color: #323F4B;
}
{tone_rules}
QLabel#MessageStrip { border-radius: 8px; padding: 8px 12px; font-weight: 600; }

QFrame#NoticeBanner { background: #FEF2F2; border-bottom: 2px solid #F87171; }
QFrame#NoticeBanner QLabel { color: #7F1D1D; font-size: 17px; }
QLabel#NoticeEntry {
    background: #FFFFFF; border: 1px solid #F8B4B4; border-left: 4px solid #F87171;
    border-radius: 6px; padding: 8px 12px; color: #7F1D1D;
}
QLabel#NoticeEntry:disabled { border-color: #E4E7EB; color: #616E7C; }
QFrame#DemoPanel { background: #FFFBEB; border: 1px dashed #F59E0B; border-radius: 10px; }

QPushButton#StaffButton {
    text-align: left; padding: 14px 18px; min-height: 56px; font-size: 19px;
    border-radius: 12px;
}
QPushButton#StaffButton:checked { background: #DBEAFE; border: 2px solid #2563EB; }
QPushButton#KeypadButton {
    font-size: 26px; font-weight: 600; min-width: 72px; min-height: 44px; padding: 4px;
    border-radius: 12px;
}
QLineEdit#PinField { font-size: 30px; padding: 10px 14px; }

QStatusBar { background: #FFFFFF; border-top: 1px solid #DCE1E7; }
QStatusBar::item { border: none; }
QProgressBar#CatchUpBar {
    border: 1px solid #BFDBFE; border-radius: 12px; background: #EFF6FF; color: #1E3A8A;
    text-align: center; font-size: 13px; font-weight: 600; min-height: 22px;
}
QProgressBar#CatchUpBar::chunk { background: #BFDBFE; border-radius: 11px; }
"""

_TONE_COLOURS: Final = {
    Tone.OK: ("#DCFCE7", "#166534"),
    Tone.BUSY: ("#DBEAFE", "#1E40AF"),
    Tone.WARNING: ("#FEF3C7", "#92400E"),
    Tone.ERROR: ("#FEE2E2", "#991B1B"),
}
"""Background and text of each tone (neutral keeps each widget's own look)."""

# The pills and the strip have id rules of their own, which outrank a bare [tone] rule, so
# each tone is repeated for them.
_TONED = ("QLabel", "QLabel#SyncPill", "QLabel#StatusPill", "QLabel#MessageStrip")


def _tone_rules() -> str:
    return "\n".join(
        ",\n".join(f'{selector}[tone="{tone.value}"]' for selector in _TONED)
        + f" {{\n    background: {background}; color: {text};\n}}"
        for tone, (background, text) in _TONE_COLOURS.items()
    )


STYLESHEET: Final = _STYLESHEET_TEMPLATE.replace("{tone_rules}", _tone_rules()).replace(
    "{header_px}", str(HEADER_FONT_PX)
)
"""The app's stylesheet; set once on the main window so every child, dialogs included, has it."""
