"""The handheld's look: large type and touch targets of at least 48 px, primary actions low."""

from __future__ import annotations

from typing import Final

from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

TOUCH_MIN_PX: Final = 56
"""Height of every button on the handheld (guidelines ask ≥ 48 px; gloves ask a bit more)."""
HANDHELD_SIZE: Final = (480, 800)
"""The portrait screen the handheld layout is drawn for."""

HANDHELD_STYLESHEET: Final = """
#HandheldScreen QWidget { font-size: 20px; }
#HandheldScreen QPushButton { font-size: 20px; padding: 8px 14px; min-height: 38px; }
#HandheldScreen QPushButton[variant="danger"]:disabled { color: #9AA5B1; border-color: #E1E6EC; }
#HandheldScreen QLabel#HandheldTitle { font-size: 28px; font-weight: 800; }
#HandheldScreen QLabel#HandheldSerial { font-size: 40px; font-weight: 800; color: #111827; }
#HandheldScreen QLabel#HandheldHint { color: #52606D; font-size: 18px; }
#HandheldScreen QLabel#HandheldProgress { font-size: 28px; font-weight: 800; color: #1D4ED8; }
#HandheldScreen QFrame#CurrentLine {
    background: #FFFFFF; border: 2px solid #2563EB; border-radius: 14px;
}
#HandheldScreen QLabel#LineName { font-size: 26px; font-weight: 700; }
#HandheldScreen QLabel#LineLocation { font-size: 36px; font-weight: 800; color: #1E40AF; }
#HandheldScreen QLabel#LineQuantity { font-size: 28px; font-weight: 800; }
#HandheldScreen QLabel#WaitingManager {
    background: #FEF3C7; color: #92400E; border-radius: 8px; padding: 6px 10px;
    font-weight: 700;
}
#HandheldScreen QPushButton#TaskCard {
    text-align: left; background: #FFFFFF; border: 1px solid #C3CBD5; border-radius: 12px;
    min-height: 96px; padding: 0px;
}
#HandheldScreen QPushButton#RouteLine {
    text-align: left; background: #FFFFFF; border: 1px solid #C3CBD5; border-radius: 12px;
}
#HandheldScreen QPushButton#RouteLine:checked { border: 2px solid #2563EB; background: #EFF6FF; }
#HandheldScreen QFrame#TaskBanner { background: #FEF2F2; border-bottom: 3px solid #DC2626; }
#HandheldScreen QFrame#TaskBanner QLabel { color: #7F1D1D; font-size: 20px; font-weight: 700; }
QDialog QLabel#HandheldTitle { font-size: 26px; font-weight: 800; }
QDialog QLabel#HandheldHint { color: #52606D; font-size: 18px; }
QDialog QLabel#WaitingManager {
    background: #FEF3C7; color: #92400E; border-radius: 8px; padding: 8px 10px;
    font-weight: 700; font-size: 19px;
}
QDialog#HandheldDialog QPushButton { font-size: 20px; min-height: 38px; }
"""
"""Added to the app's stylesheet under the handheld screen only."""


def touch_button(text: str, parent: QWidget | None = None, *, variant: str = "") -> QPushButton:
    """A button at least TOUCH_MIN_PX high that grows across the width; `variant` as in the
    theme ("primary", "danger", "quiet" or "")."""
    button = QPushButton(text, parent)
    button.setMinimumHeight(TOUCH_MIN_PX)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    if variant:
        button.setProperty("variant", variant)
    return button
