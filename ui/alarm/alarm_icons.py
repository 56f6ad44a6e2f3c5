"""Small pictures of the alarm drawn in code: nothing to ship, crisp at any scale."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from ui.theme import URGENT_RED

DOT_PX = 14


def alarm_dot_icon() -> QIcon:
    """A red dot with a white ring: "new orders are waiting"."""
    pixmap = QPixmap(DOT_PX, DOT_PX)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#FFFFFF"), 2))
    painter.setBrush(URGENT_RED)
    painter.drawEllipse(1, 1, DOT_PX - 2, DOT_PX - 2)
    painter.end()
    return QIcon(pixmap)
